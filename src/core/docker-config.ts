// Docker's client configuration, ${DOCKER_CONFIG:-~/.docker}/config.json. Its
// `credHelpers` map sends a registry host to a credential helper: the value
// "swr" makes docker (and skopeo, podman, buildah) run docker-credential-swr
// for that host, so that no key needs to be stored in the file. swr-shell
// changes only that member, in the text: every other byte stays (big numbers,
// escapes, duplicate keys, the layout), and the file is not written at all
// when nothing changes.

import { Failure } from './errors.ts';
import { ensureDirectory, type FileSystem, readIfExists, updateFileAtomic } from './fs.ts';
import { type JsonMember, type JsonNode, JsonSyntaxError, parseJsonText, spliceText } from './json-text.ts';
import { dirname, join } from './paths.ts';
import { type Env, homeDir } from './profile.ts';

/** Docker runs `docker-credential-<name>` for a credHelpers entry of this name. */
export const HELPER_NAME = 'swr';

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function dockerConfigPath(env: Env): string {
  return join(env['DOCKER_CONFIG'] || join(homeDir(env), '.docker'), 'config.json');
}

/** The file's text, or undefined when there is none; bytes that are not UTF-8 are refused, not replaced. */
export function readDockerConfig(fs: FileSystem, path: string): string | undefined {
  const data = readIfExists(fs, path);
  return data === undefined ? undefined : decodeConfig(data, path);
}

function decodeConfig(data: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    throw new Failure(`cannot edit ${path}: it is not UTF-8 text. Fix or move it; it was left as it is.`);
  }
}

function refusal(path: string, why: string): Failure {
  return new Failure(`cannot edit ${path}: ${why}. Fix or move it, then try again; it was left as it is.`);
}

/** The file's syntax tree, refused unless it is one JSON object (a message gives a place in it, never its text). */
function parseTree(text: string, path: string): JsonNode & { kind: 'object' } {
  let root: JsonNode;
  try {
    root = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw refusal(path, `it is not valid JSON (${error.message})`);
  }
  if (root.kind !== 'object') throw refusal(path, 'it holds JSON, but not an object');
  return root;
}

/** The configuration in `text`; empty text is an empty configuration, as docker reads it. */
export function parseDockerConfig(text: string, path: string): JsonObject {
  if (text.trim() === '') return {};
  parseTree(text, path);
  const value = JSON.parse(text.replace(/^\uFEFF/, '')) as JsonObject;
  if (value['credHelpers'] !== undefined && !isJsonObject(value['credHelpers'])) {
    throw refusal(path, 'its "credHelpers" is not an object of host names');
  }
  return value;
}

/** Whether `auths` holds a key for `host`, as `docker login` stores one without a credential helper. */
export function storesKey(config: JsonObject, host: string): boolean {
  const entry = isJsonObject(config['auths']) ? config['auths'][host] : undefined;
  return isJsonObject(entry) && (Boolean(entry['auth']) || Boolean(entry['identitytoken']));
}

/** How a file is laid out: its indentation unit, none for a file on one line (an edit keeps the final newline or its absence). */
function indentOf(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return '\t';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  return text.trim().includes('\n') ? (indent ?? '\t') : undefined;
}

/** The white space at the start of the line that holds offset `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The one member named `key`, undefined when there is none; two are refused (docker would read only the last). */
function onlyMember(object: JsonNode & { kind: 'object' }, key: string, path: string, where: string): JsonMember | undefined {
  const found = object.members.filter((member) => member.key === key);
  if (found.length > 1) throw refusal(path, `${where} names ${JSON.stringify(key)} ${found.length} times; keep one`);
  return found[0];
}

/** `"key": value` added as the last member of `object`, laid out as the file is. */
function addMember(
  text: string,
  indent: string | undefined,
  object: JsonNode & { kind: 'object' },
  key: string,
  value: (indent: string, colon: string) => string,
): string {
  const first = object.members[0];
  const last = object.members.at(-1);
  const colon = first ? text.slice(first.keyEnd, first.value.start) : indent === undefined ? ':' : ': ';
  if (last && first) {
    const gap = text.slice(object.start + 1, first.start);
    const member = `${JSON.stringify(key)}${colon}${value(lineIndent(text, first.start), colon)}`;
    return spliceText(text, [{ start: last.value.end, end: last.value.end, text: `,${gap}${member}` }]);
  }
  if (indent === undefined) return spliceText(text, [{ start: object.start, end: object.end, text: `{${JSON.stringify(key)}${colon}${value('', colon)}}` }]);
  const outer = lineIndent(text, object.start);
  const inner = outer + indent;
  return spliceText(text, [{ start: object.start, end: object.end, text: `{\n${inner}${JSON.stringify(key)}${colon}${value(inner, colon)}\n${outer}}` }]);
}

/** `text` without `member` of `object`, and the comma and white space that joined it. */
function removeMember(text: string, object: JsonNode & { kind: 'object' }, member: JsonMember): string {
  const index = object.members.indexOf(member);
  const previous = object.members[index - 1];
  const next = object.members[index + 1];
  if (previous) return spliceText(text, [{ start: previous.value.end, end: member.value.end, text: '' }]);
  if (next) return spliceText(text, [{ start: member.start, end: next.start, text: '' }]);
  return spliceText(text, [{ start: object.start, end: object.end, text: '{}' }]);
}

export interface CredHelpersEdit {
  /** The file as it should be; the original text when nothing changed. */
  readonly text: string;
  readonly changed: boolean;
  /** Hosts whose credHelpers entry named another helper before. */
  readonly replaced: ReadonlyArray<{ host: string; helper: string }>;
  /** Hosts for which `auths` still holds a key stored by an earlier `docker login`. */
  readonly storedKeys: readonly string[];
}

const EMPTY_CONFIG = '{}';

/**
 * Adds (or with `remove`, takes out) `"<host>": "swr"` under credHelpers for
 * each host, as an edit of the text: every other byte of the file stays.
 */
export function editCredHelpers(
  original: string | undefined,
  path: string,
  hosts: readonly string[],
  remove: boolean,
): CredHelpersEdit {
  const config = parseDockerConfig(original ?? '', path);
  const unit = indentOf(original);
  const empty = original === undefined || original.trim() === '';
  let text = empty ? `${EMPTY_CONFIG}\n` : original;
  const replaced: Array<{ host: string; helper: string }> = [];
  let changed = false;
  const quoted = JSON.stringify(HELPER_NAME);
  for (const host of hosts) {
    const root = parseTree(text, path);
    const helpersMember = onlyMember(root, 'credHelpers', path, 'it');
    const helpers = helpersMember?.value;
    if (helpers !== undefined && helpers.kind !== 'object') throw refusal(path, 'its "credHelpers" is not an object of host names');
    const entry = helpers && onlyMember(helpers, host, path, 'its "credHelpers"');
    const current = entry?.value.kind === 'string' ? entry.value.value : entry && text.slice(entry.value.start, entry.value.end);
    if (remove) {
      if (!entry || !helpers || current !== HELPER_NAME) continue;
      text = helpers.members.length === 1 ? removeMember(text, root, helpersMember!) : removeMember(text, helpers, entry);
    } else if (current === HELPER_NAME) {
      continue;
    } else if (entry) {
      replaced.push({ host, helper: String(current) });
      text = spliceText(text, [{ start: entry.value.start, end: entry.value.end, text: quoted }]);
    } else if (helpers) {
      text = addMember(text, unit, helpers, host, () => quoted);
    } else {
      const nested = (indent: string, colon: string): string =>
        unit === undefined
          ? `{${JSON.stringify(host)}${colon}${quoted}}`
          : `{\n${indent}${unit}${JSON.stringify(host)}${colon}${quoted}\n${indent}}`;
      text = addMember(text, unit, root, 'credHelpers', nested);
    }
    changed = true;
  }
  const storedKeys = hosts.filter((host) => storesKey(config, host));
  if (!changed) return { text: original ?? '', changed, replaced, storedKeys };
  return { text, changed, replaced, storedKeys };
}

/** Member names whose string values are secrets, wherever they are (auths.*.auth, identitytoken, HttpHeaders' Authorization...). */
const SECRET_KEY = /auth|token|password|secret|key/i;

/** Shown instead of a secret in a dry run. */
export const HIDDEN = '(hidden)';

/**
 * The file with every secret it stores replaced by "(hidden)": string values
 * of members named like a secret, and the password of a URL. For a dry run,
 * which prints the file.
 */
export function maskSecrets(text: string): string {
  if (text.trim() === '') return text;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: JsonNode, key: string | undefined): void => {
    // credHelpers and credsStore name helpers: no secret there.
    if (node.kind === 'object') {
      for (const member of node.members) if (!/^(credHelpers|credsStore)$/.test(member.key)) visit(member.value, member.key);
    }
    else if (node.kind === 'array') {
      for (const item of node.items) visit(item, key);
    }
    else if (node.kind === 'string' && key !== undefined && SECRET_KEY.test(key) && node.value !== '') {
      edits.push({ start: node.start, end: node.end, text: JSON.stringify(HIDDEN) });
    } else if (node.kind === 'string' && /:\/\/[^/@\s]*:[^/@\s]*@/.test(node.value)) {
      edits.push({ start: node.start, end: node.end, text: JSON.stringify(node.value.replace(/(:\/\/[^/@\s:]*):[^/@\s]*@/g, `$1:${HIDDEN}@`)) });
    }
  };
  visit(parseJsonText(text), undefined);
  return spliceText(text, edits);
}

export interface DockerConfigResult extends CredHelpersEdit {
  readonly path: string;
}

/**
 * Edits config.json for `hosts`: atomically, creating its directory (0700) and
 * the file (0600) when missing. A dry run computes the same result and writes nothing.
 */
export function applyDockerConfig(
  fs: FileSystem,
  env: Env,
  hosts: readonly string[],
  options: { remove: boolean; dryRun: boolean; warn?: (message: string) => void },
): DockerConfigResult {
  const path = dockerConfigPath(env);
  const original = readDockerConfig(fs, path);
  const edit = editCredHelpers(original, path, hosts, options.remove);
  if (edit.changed && !options.dryRun) {
    ensureDirectory(fs, dirname(path), 0o700);
    // Made again on newer contents if another program wrote the file meanwhile.
    const again = (current: Uint8Array | undefined): string | undefined => {
      const text = current === undefined ? undefined : decodeConfig(current, path);
      const redone = editCredHelpers(text, path, hosts, options.remove);
      return redone.changed ? redone.text : undefined;
    };
    updateFileAtomic(fs, path, again, original === undefined ? { mode: 0o600, warn: options.warn } : { warn: options.warn });
  }
  return { ...edit, path };
}
