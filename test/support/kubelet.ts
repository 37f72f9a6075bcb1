// The kubelet's side of the image credential provider protocol, written from
// kubernetes/kubernetes (pkg/credentialprovider/keyring.go: URLsMatch,
// ParseSchemelessURL, splitURL; pkg/credentialprovider/plugin/plugin.go:
// isImageAllowed, ExecPlugin, decodeResponse; plugin/config.go:
// validateCredentialProviderConfig) and not from swr-shell's code, so that the
// provider and kubelet-config are tested against an independent reading:
//
// - a match image is parsed as "https://" + it (so a scheme of its own spoils
//   it); host and port are split as net.SplitHostPort does; the ports must be
//   equal, the hosts must have as many dot-separated parts, each glob part must
//   match its part as Go's filepath.Match does (`*` never crosses a `.` here,
//   because the parts are compared one by one), and the match image's path must
//   be a prefix of the image's path;
// - the response is decoded strictly (sigs.k8s.io/json: field names are
//   case-sensitive, unknown fields are errors), its apiVersion must be the
//   provider's, cacheKeyType one of Image, Registry, Global, and cacheDuration
//   a Go duration;
// - the plugin runs with the kubelet's environment and the config's `env` after
//   it (the later value wins), the request on standard input.

import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { run } from './process.ts';

// ---- URLs and globs, as keyring.go and Go's standard library read them ----

export interface SchemelessUrl {
  readonly host: string;
  readonly path: string;
}

/** url.Parse("https://" + value), scheme cleared; throws where Go returns an error. */
export function parseSchemelessUrl(value: string): SchemelessUrl {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error('net/url: invalid control character in URL');
  const rest = value.replace(/#.*$/s, '').replace(/\?.*$/s, '');
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = host.lastIndexOf(':');
  // validOptionalPort: what follows the last colon (outside brackets) is digits only.
  if (colon >= 0 && !host.startsWith('[') && !/^[0-9]*$/.test(host.slice(colon + 1))) {
    throw new Error(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  }
  return { host, path };
}

/** splitURL: net.SplitHostPort, and the whole host with no port when that fails. */
export function splitUrl(url: SchemelessUrl): { parts: string[]; port: string } {
  const { host } = url;
  const colon = host.lastIndexOf(':');
  // SplitHostPort fails without a colon, and with more than one outside brackets.
  const splits = colon >= 0 && host.indexOf(':') === colon && !host.startsWith('[');
  return splits ? { parts: host.slice(0, colon).split('.'), port: host.slice(colon + 1) } : { parts: host.split('.'), port: '' };
}

/** Go's path/filepath.Match on Linux for one name; throws on a malformed pattern (ErrBadPattern). */
export function filepathMatch(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\') {
      if (i + 1 >= pattern.length) throw new Error('syntax error in pattern');
      source += `\\u{${pattern.codePointAt(++i)!.toString(16)}}`;
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error('syntax error in pattern');
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      if (body === '' || body.includes('\\')) throw new Error('syntax error in pattern');
      source += `[${negated ? '^/' : ''}${[...body].map((c) => (c === '-' ? '-' : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('')}]`;
      i = end;
    } else source += `\\u{${char.codePointAt(0)!.toString(16)}}`;
  }
  return new RegExp(`^${source}$`, 'u').test(name);
}

/** URLsMatchStr(glob, target): false where Go returns an error too. */
export function urlsMatch(glob: string, target: string): boolean {
  let globUrl: SchemelessUrl;
  let targetUrl: SchemelessUrl;
  try {
    globUrl = parseSchemelessUrl(glob);
    targetUrl = parseSchemelessUrl(target);
  } catch {
    return false;
  }
  const g = splitUrl(globUrl);
  const t = splitUrl(targetUrl);
  if (g.port !== t.port || g.parts.length !== t.parts.length) return false;
  if (!targetUrl.path.startsWith(globUrl.path)) return false;
  try {
    return g.parts.every((part, index) => filepathMatch(part, t.parts[index]!));
  } catch {
    return false;
  }
}

// ---- Durations, as Go's time.ParseDuration reads them ----

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_INT64 = 2n ** 63n - 1n;

/** time.ParseDuration, in nanoseconds; throws where Go returns an error. */
export function parseGoDuration(text: string): bigint {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let total = 0n;
  while (s !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, integer = '', fraction] = number;
    if (integer === '' && (fraction === undefined || fraction === '')) throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
    s = s.slice(whole.length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    s = s.slice(unit.length);
    total += BigInt(integer || '0') * scale;
    if (fraction) total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    if (total > MAX_INT64) throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
  }
  return negative ? -total : total;
}

// ---- The response, decoded strictly ----

export interface AuthConfig {
  readonly username: string;
  readonly password: string;
}

export interface DecodedResponse {
  readonly cacheKeyType: 'Image' | 'Registry' | 'Global';
  /** In nanoseconds; undefined when the response leaves it to defaultCacheDuration. */
  readonly cacheDuration: bigint | undefined;
  readonly auth: Readonly<Record<string, AuthConfig>>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyFields(value: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`strict decoding error: unknown field "${where}${unknown[0]}"`);
}

/** decodeResponse with the kubelet's strict codec, after ExecPlugin's apiVersion check. */
export function decodeResponse(text: string, apiVersion: string): DecodedResponse {
  const response: unknown = JSON.parse(text);
  if (!isObject(response)) throw new Error('the response is not a JSON object');
  if (response['apiVersion'] !== apiVersion) throw new Error(`apiVersion ${String(response['apiVersion'])} is not ${apiVersion}`);
  if (response['kind'] !== 'CredentialProviderResponse') throw new Error(`unexpected Kind ${String(response['kind'])}`);
  onlyFields(response, ['apiVersion', 'kind', 'cacheKeyType', 'cacheDuration', 'auth'], '');
  const { cacheKeyType, cacheDuration, auth = {} } = response;
  if (cacheKeyType !== 'Image' && cacheKeyType !== 'Registry' && cacheKeyType !== 'Global') {
    throw new Error(`not a valid cacheKeyType: ${JSON.stringify(cacheKeyType)}`);
  }
  if (cacheDuration !== undefined && cacheDuration !== null && typeof cacheDuration !== 'string') throw new Error('cacheDuration is not a string');
  if (auth !== null && !isObject(auth)) throw new Error('auth is not an object');
  for (const [key, entry] of Object.entries(auth ?? {})) {
    if (!isObject(entry)) throw new Error(`auth.${key} is not an object`);
    onlyFields(entry, ['username', 'password'], `auth.${key}.`);
    for (const field of ['username', 'password']) {
      if (entry[field] !== undefined && typeof entry[field] !== 'string') throw new Error(`auth.${key}.${field} is not a string`);
    }
  }
  return {
    cacheKeyType,
    cacheDuration: typeof cacheDuration === 'string' ? parseGoDuration(cacheDuration) : undefined,
    auth: (auth ?? {}) as Record<string, AuthConfig>,
  };
}

/** The keyring's Lookup over the response's auth: every entry whose key (without a scheme) matches the image. */
export function lookup(auth: Readonly<Record<string, AuthConfig>>, image: string): AuthConfig[] {
  return Object.entries(auth)
    .filter(([key]) => urlsMatch(key.replace(/^https?:\/\//, ''), image))
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([, entry]) => entry);
}

// ---- The config file, decoded strictly and validated ----

export interface ProviderConfig {
  readonly name: string;
  readonly apiVersion: string;
  readonly matchImages: readonly string[];
  readonly defaultCacheDuration: bigint;
  readonly args: readonly string[];
  readonly env: ReadonlyArray<{ name: string; value: string }>;
}

export const PROVIDER_API_VERSIONS = [
  'credentialprovider.kubelet.k8s.io/v1alpha1',
  'credentialprovider.kubelet.k8s.io/v1beta1',
  'credentialprovider.kubelet.k8s.io/v1',
];

/** readCredentialProviderConfig and validateCredentialProviderConfig for a kubelet.config.k8s.io/v1 file. */
export function decodeProviderConfig(text: string): ProviderConfig[] {
  const config: unknown = parseYaml(text, { uniqueKeys: true, strict: true });
  if (!isObject(config)) throw new Error('the config is not a mapping');
  onlyFields(config, ['apiVersion', 'kind', 'providers'], '');
  if (config['apiVersion'] !== 'kubelet.config.k8s.io/v1') throw new Error(`unexpected apiVersion ${String(config['apiVersion'])}`);
  if (config['kind'] !== 'CredentialProviderConfig') throw new Error(`wrong Kind ${String(config['kind'])}`);
  const providers = config['providers'];
  if (!Array.isArray(providers) || providers.length === 0) throw new Error('providers: at least 1 item in plugins is required');
  const names = new Set<string>();
  return providers.map((provider: unknown, index): ProviderConfig => {
    const where = `providers[${index}]`;
    if (!isObject(provider)) throw new Error(`${where} is not a mapping`);
    onlyFields(provider, ['name', 'matchImages', 'defaultCacheDuration', 'apiVersion', 'args', 'env', 'tokenAttributes'], `${where}.`);
    const { name, apiVersion, matchImages, defaultCacheDuration, args = [], env = [] } = provider;
    if (typeof name !== 'string' || name === '' || /[/ ]/.test(name) || name === '.' || name === '..' || names.has(name)) {
      throw new Error(`${where}.name: invalid ${JSON.stringify(name)}`);
    }
    names.add(name);
    if (typeof apiVersion !== 'string' || !PROVIDER_API_VERSIONS.includes(apiVersion)) throw new Error(`${where}.apiVersion: not supported`);
    if (!Array.isArray(matchImages) || matchImages.length === 0) throw new Error(`${where}.matchImages: at least 1 item is required`);
    for (const image of matchImages) {
      if (typeof image !== 'string') throw new Error(`${where}.matchImages: not a string`);
      parseSchemelessUrl(image);
    }
    if (typeof defaultCacheDuration !== 'string') throw new Error(`${where}.defaultCacheDuration: Required value`);
    const duration = parseGoDuration(defaultCacheDuration);
    if (duration < 0n) throw new Error(`${where}.defaultCacheDuration must be greater than or equal to 0`);
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) throw new Error(`${where}.args: not a list of strings`);
    if (!Array.isArray(env)) throw new Error(`${where}.env: not a list`);
    for (const variable of env) {
      if (!isObject(variable)) throw new Error(`${where}.env: not a mapping`);
      onlyFields(variable, ['name', 'value'], `${where}.env.`);
      if (typeof variable['name'] !== 'string' || typeof variable['value'] !== 'string') throw new Error(`${where}.env: name and value are strings`);
    }
    return { name, apiVersion, matchImages, defaultCacheDuration: duration, args, env: env as ProviderConfig['env'] };
  });
}

// ---- A pull ----

export type PullCredentials =
  | { readonly asked: false }
  | { readonly asked: true; readonly status: number | null; readonly stderr: string; readonly credentials: AuthConfig[] };

/**
 * What the kubelet gets for `image` from the config's providers, run from
 * `binDir` with `environ` as its own environment: the first provider whose
 * matchImages allow the image is run; a failed run gives no credentials.
 */
export async function kubeletPull(configText: string, binDir: string, image: string, environ: Record<string, string>): Promise<PullCredentials> {
  for (const provider of decodeProviderConfig(configText)) {
    if (!provider.matchImages.some((match) => urlsMatch(match, image))) continue;
    const env = { ...environ, ...Object.fromEntries(provider.env.map(({ name, value }) => [name, value])) };
    const request = JSON.stringify({ kind: 'CredentialProviderRequest', apiVersion: provider.apiVersion, image });
    const result = await run(join(binDir, provider.name), provider.args, { env, input: request });
    if (result.status !== 0) return { asked: true, status: result.status, stderr: result.stderr, credentials: [] };
    const response = decodeResponse(result.stdout, provider.apiVersion);
    return { asked: true, status: result.status, stderr: result.stderr, credentials: lookup(response.auth, image) };
  }
  return { asked: false };
}
