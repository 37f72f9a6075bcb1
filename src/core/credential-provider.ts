// The kubelet's image credential provider protocol, spoken by
// swr-credential-provider: the kubelet runs the provider for an image that its
// config's matchImages cover, writes a CredentialProviderRequest (JSON) on
// standard input and reads a CredentialProviderResponse of the same apiVersion
// on standard output. The answer comes from the selected profile, with the
// environment over it (the kubelet config's `env` names the profile directory),
// routed as everywhere: with a registry host set, that host only; otherwise the
// public SWR hosts, each with its own region's default project. A host the
// settings do not cover gets an empty `auth`, so the kubelet goes on with other
// credentials. This runs on every uncached pull: it loads neither yargs nor the
// templates.

import { Failure, reportFailure, UsageError } from './errors.ts';
import type { FileSystem } from './fs.ts';
import type { Env } from './profile.ts';
import { loginForHost, selectedLogin } from './registry-logins.ts';
import { show } from './validate.ts';
import { version } from '../generated/version.ts';

export const PROVIDER = 'swr-credential-provider';

/** The request and response apiVersions the provider speaks, newest first. */
export const PROVIDER_API_VERSIONS = ['credentialprovider.kubelet.k8s.io/v1', 'credentialprovider.kubelet.k8s.io/v1beta1'] as const;

/** The longest request accepted, in bytes: an image reference is far shorter. */
export const MAX_REQUEST = 64 * 1024;

/** The longest image reference accepted (the distribution spec's name is at most 255 characters). */
export const MAX_IMAGE = 4096;

/** How long the kubelet may keep an answer: the long-term key does not expire, so a day. */
export const DEFAULT_CACHE_DURATION = '24h';

/** The variable (set through the kubelet config's `env`) that overrides the cache duration. */
export const CACHE_DURATION_VARIABLE = 'SWR_CACHE_DURATION';

// Go's time.Duration (what metav1.Duration holds): at most 2^63-1 nanoseconds.
const MAX_DURATION_SECONDS = 9_223_372_036;

/**
 * A cache duration as the kubelet reads one (Go's time.ParseDuration), in the
 * plain form `1h30m`, `24h`, `90s` or `0` (no caching); at most Go's maximum.
 */
export function validateCacheDuration(value: string, what: string): string {
  const parts = /^(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$/.exec(value);
  const seconds = parts ? Number(parts[1] ?? 0) * 3600 + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0) : NaN;
  if ((value !== '' && seconds <= MAX_DURATION_SECONDS) || value === '0') return value;
  throw new UsageError(
    `invalid ${what} ${show(value)}: give hours, minutes and seconds such as 24h, 1h30m or 90s ` +
      '(0 for no caching), as the kubelet reads a duration.',
  );
}

export interface CredentialProviderRequest {
  readonly apiVersion: (typeof PROVIDER_API_VERSIONS)[number];
  readonly image: string;
}

/**
 * Reads a request. Fields the provider does not use (a newer kubelet's
 * serviceAccountToken and serviceAccountAnnotations) are allowed, as in the
 * kubelet's own decoding of a newer minor version; the rest is checked.
 */
export function parseRequest(text: string): CredentialProviderRequest {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    throw new Failure(`the request on standard input is not JSON (${text.trim() === '' ? 'it is empty' : 'it does not parse'}).`);
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new Failure('the request on standard input is not a JSON object.');
  }
  const { apiVersion, kind, image } = request as Record<string, unknown>;
  if (!PROVIDER_API_VERSIONS.includes(apiVersion as CredentialProviderRequest['apiVersion'])) {
    throw new Failure(`unknown apiVersion ${show(String(apiVersion))}: this provider speaks ${PROVIDER_API_VERSIONS.join(' and ')}.`);
  }
  if (kind !== 'CredentialProviderRequest') {
    throw new Failure(`unknown kind ${show(String(kind))}: the kubelet sends a CredentialProviderRequest.`);
  }
  if (typeof image !== 'string' || image === '') {
    throw new Failure('the request names no image (its "image" field is missing or empty).');
  }
  // Printable ASCII without spaces: what an image reference may hold.
  if (image.length > MAX_IMAGE || !/^[\x21-\x7e]+$/.test(image)) {
    const why = image.length > MAX_IMAGE ? `is ${image.length} characters long (at most ${MAX_IMAGE})` : 'holds a space, a control character or non-ASCII';
    throw new Failure(`invalid image ${show(image.slice(0, 256))}: it ${why}.`);
  }
  return { apiVersion: apiVersion as CredentialProviderRequest['apiVersion'], image };
}

/**
 * The registry of an image as the kubelet keys its cache (`Registry`): the part
 * before the first `/`, when that part is a host (it holds `.` or `:`, or is
 * `localhost`); otherwise the image is Docker Hub's, and undefined.
 */
export function imageRegistry(image: string): string | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

export interface AuthConfig {
  readonly username: string;
  readonly password: string;
}

export interface CredentialProviderResponse {
  readonly apiVersion: CredentialProviderRequest['apiVersion'];
  readonly kind: 'CredentialProviderResponse';
  readonly cacheKeyType: 'Registry';
  readonly cacheDuration: string;
  readonly auth: Readonly<Record<string, AuthConfig>>;
}

/** What the provider needs from the process it runs in; the runtime's Io has it all. */
export interface ProviderIo {
  readonly env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(limit: number): Promise<string>;
  fs(): Promise<FileSystem>;
}

/** The answer to a request, from the settings in `fs` and `env`. */
export function respond(request: CredentialProviderRequest, fs: FileSystem, env: Env): CredentialProviderResponse {
  const cacheDuration = validateCacheDuration(env[CACHE_DURATION_VARIABLE] || DEFAULT_CACHE_DURATION, CACHE_DURATION_VARIABLE);
  const login = selectedLogin(fs, env);
  const registry = imageRegistry(request.image);
  const found = registry === undefined ? undefined : loginForHost([login], registry.toLowerCase());
  return {
    apiVersion: request.apiVersion,
    kind: 'CredentialProviderResponse',
    cacheKeyType: 'Registry',
    cacheDuration,
    // Keyed by the registry as the image writes it, which is how the kubelet matches keys to images.
    auth: found && registry ? { [registry]: { username: found.user, password: found.loginKey } } : {},
  };
}

export const USAGE = `Usage: ${PROVIDER} [--help | --version]

The kubelet image credential provider of swr-shell. The kubelet runs it for the
images that "swr-shell kubelet-config" lists under matchImages: it reads a
CredentialProviderRequest (${PROVIDER_API_VERSIONS.join(' or ')}) on standard
input and prints a CredentialProviderResponse with the SWR user and login key
for the image's registry, from the swr-shell profile ($SWR_PROFILE, else
"default", in $XDG_CONFIG_HOME/swr-shell). ${CACHE_DURATION_VARIABLE} sets how long the kubelet
keeps the answer (default ${DEFAULT_CACHE_DURATION}).
`;

/** Runs the provider once; returns the exit status. */
export async function credentialProvider(args: readonly string[], io: ProviderIo): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.length === 1 && args[0] === '--version') {
    io.stdout(`${PROVIDER} (swr-shell) ${version}\n`);
    return 0;
  }
  if (args.length > 0) {
    const what = `unexpected argument ${show(args[0]!)}`;
    io.stderr(`${PROVIDER}: ${what}.\n${USAGE}`);
    return new UsageError(what).exitCode;
  }
  try {
    const input = await io.readStdin(MAX_REQUEST);
    // readStdin stops one byte past the limit: more than that is refused, never cut.
    if (new TextEncoder().encode(input).length > MAX_REQUEST) {
      throw new Failure(`standard input holds more than ${MAX_REQUEST} bytes.`);
    }
    const request = parseRequest(input);
    const response = respond(request, await io.fs(), io.env);
    io.stdout(JSON.stringify(response) + '\n');
    return 0;
  } catch (error) {
    return reportFailure(PROVIDER, error, io.env['SWR_SHELL_DEBUG'], io.stderr, io.stderr);
  }
}
