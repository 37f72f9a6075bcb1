// Docker's client configuration, ${DOCKER_CONFIG:-~/.docker}/config.json. Its
// `credHelpers` map sends a registry host to a credential helper: the value
// "swr" makes docker (and skopeo, podman, buildah) run docker-credential-swr
// for that host, so that no key needs to be stored in the file. Every other key
// and value is kept; the file is written back in its own indentation (docker
// writes tabs), and not at all when nothing changes.

import { Failure } from './errors.ts';
import { ensureDirectory, type FileSystem, readIfExists, writeFileAtomic } from './fs.ts';
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
  if (data === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    throw new Failure(`cannot edit ${path}: it is not UTF-8 text. Fix or move it; it was left as it is.`);
  }
}

/** The configuration in `text`; empty text is an empty configuration, as docker reads it. */
export function parseDockerConfig(text: string, path: string): JsonObject {
  const refuse = (why: string): never => {
    throw new Failure(`cannot edit ${path}: ${why}. Fix or move it, then try again; it was left as it is.`);
  };
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(value)) return refuse('it holds JSON, but not an object');
  if (value['credHelpers'] !== undefined && !isJsonObject(value['credHelpers'])) {
    return refuse('its "credHelpers" is not an object of host names');
  }
  return value;
}

/** Whether `auths` holds a key for `host`, as `docker login` stores one without a credential helper. */
export function storesKey(config: JsonObject, host: string): boolean {
  const entry = isJsonObject(config['auths']) ? config['auths'][host] : undefined;
  return isJsonObject(entry) && (Boolean(entry['auth']) || Boolean(entry['identitytoken']));
}

/** How a file is laid out: its indentation (none for a file on one line) and final newline. */
function layoutOf(text: string | undefined): { indent: string | undefined; finalNewline: boolean } {
  if (text === undefined || text.trim() === '') return { indent: '\t', finalNewline: true };
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  return { indent: text.trim().includes('\n') ? (indent ?? '\t') : undefined, finalNewline: text.endsWith('\n') };
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

/** Adds (or with `remove`, takes out) `"<host>": "swr"` under credHelpers for each host. */
export function editCredHelpers(
  original: string | undefined,
  path: string,
  hosts: readonly string[],
  remove: boolean,
): CredHelpersEdit {
  const config = parseDockerConfig(original ?? '', path);
  const helpers: JsonObject = { ...(config['credHelpers'] as JsonObject | undefined) };
  const replaced: Array<{ host: string; helper: string }> = [];
  let changed = false;
  for (const host of hosts) {
    const current = helpers[host];
    if (remove) {
      if (current !== HELPER_NAME) continue;
      delete helpers[host];
    } else {
      if (current === HELPER_NAME) continue;
      if (current !== undefined) replaced.push({ host, helper: String(current) });
      helpers[host] = HELPER_NAME;
    }
    changed = true;
  }
  const storedKeys = hosts.filter((host) => storesKey(config, host));
  if (!changed) return { text: original ?? '', changed, replaced, storedKeys };
  const edited: JsonObject = { ...config, credHelpers: helpers };
  if (Object.keys(helpers).length === 0) delete edited['credHelpers'];
  const { indent, finalNewline } = layoutOf(original);
  return { text: JSON.stringify(edited, null, indent) + (finalNewline ? '\n' : ''), changed, replaced, storedKeys };
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
  options: { remove: boolean; dryRun: boolean },
): DockerConfigResult {
  const path = dockerConfigPath(env);
  const original = readDockerConfig(fs, path);
  const edit = editCredHelpers(original, path, hosts, options.remove);
  if (edit.changed && !options.dryRun) {
    ensureDirectory(fs, dirname(path), 0o700);
    writeFileAtomic(fs, path, edit.text, original === undefined ? { mode: 0o600 } : {});
  }
  return { ...edit, path };
}
