// Profiles: one small `key=value` file per profile in the config directory,
// readable by the plugin's shell code without running anything. A profile holds
// the derived login key, never the secret key.

import { Failure, UsageError } from './errors.ts';
import { ensureDirectory, errorCode, type FileSystem, fsFailure, readIfExists, writeFileAtomic } from './fs.ts';
import { isAbsolute, join } from './paths.ts';
import {
  validateAk,
  validateHost,
  validateLoginKey,
  validateOrg,
  validateProfileName,
  validateProject,
  validateRegion,
} from './validate.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Profile {
  readonly region: string;
  readonly project: string;
  readonly org?: string | undefined;
  readonly registry?: string | undefined;
  readonly ak: string;
  readonly loginKey: string;
}

export const DEFAULT_PROFILE = 'default';
export const PROFILE_SUFFIX = '.conf';

export function homeDir(env: Env): string {
  const value = env['HOME'];
  if (!value || !isAbsolute(value)) throw new Failure('HOME is not set to an absolute path; set it and try again.');
  return value;
}

/** `$XDG_CONFIG_HOME`, or `~/.config` (a relative XDG path is ignored, as the XDG spec says). */
export function configDirBase(env: Env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg && isAbsolute(xdg) ? xdg : join(homeDir(env), '.config');
}

/** Where profiles live: `$XDG_CONFIG_HOME/swr-shell`. */
export function configDir(env: Env): string {
  return join(configDirBase(env), 'swr-shell');
}

/** `$XDG_DATA_HOME`, or `~/.local/share`. */
export function dataHome(env: Env): string {
  const xdg = env['XDG_DATA_HOME'];
  return xdg && isAbsolute(xdg) ? xdg : join(homeDir(env), '.local', 'share');
}

/** `$XDG_DATA_HOME/swr-shell`, or `~/.local/share/swr-shell`. */
export function dataDir(env: Env): string {
  return join(dataHome(env), 'swr-shell');
}

/** The profile to use: one pinned by a flag, else `$SWR_PROFILE`, else `default`. */
export function profileName(env: Env, pinned?: string): string {
  if (pinned !== undefined || !env['SWR_PROFILE']) return validateProfileName(pinned ?? DEFAULT_PROFILE);
  try {
    return validateProfileName(env['SWR_PROFILE']);
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(`SWR_PROFILE: ${error.message}`) : error;
  }
}

export function profilePath(env: Env, name: string): string {
  return join(configDir(env), validateProfileName(name) + PROFILE_SUFFIX);
}

const KEYS = ['region', 'project', 'org', 'registry', 'ak', 'login_key'] as const;
type Key = (typeof KEYS)[number];

export function formatProfile(name: string, profile: Profile): string {
  const lines = [
    `# swr-shell profile "${name}", written by swr-shell configure.`,
    '# It holds the SWR login key (derived from the AK and SK), never the secret key.',
    `region=${profile.region}`,
    `project=${profile.project}`,
    ...(profile.org ? [`org=${profile.org}`] : []),
    ...(profile.registry ? [`registry=${profile.registry}`] : []),
    `ak=${profile.ak}`,
    `login_key=${profile.loginKey}`,
  ];
  return lines.join('\n') + '\n';
}

/**
 * Parses and validates a profile file; `path` names it in messages. The one
 * contract every reader follows (the plugin in each shell too; the corpus is
 * test/support/profile-corpus.ts): a byte order mark at the start is ignored, a
 * CR before LF is dropped, empty and "#" lines are comments, and a NUL byte or
 * any other control character anywhere refuses the file, naming the line.
 */
export function parseProfile(text: string, path: string): Profile {
  const fields: Partial<Record<Key, string>> = {};
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const control = /[\x00-\x1f\x7f]/.exec(line)?.[0];
    if (control !== undefined) {
      throw new Failure(
        `cannot read profile ${path}: line ${index + 1} holds ${control === '\0' ? 'a NUL byte' : 'a control character'}. ` +
          'Fix the line or run swr-shell configure again.',
      );
    }
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = line.slice(0, equals) as Key;
    if (equals < 0 || !KEYS.includes(key)) {
      throw new Failure(
        `cannot read profile ${path}: line ${index + 1} is not one of ${KEYS.map((k) => k + '=').join(', ')}. ` +
          'Fix the line or run swr-shell configure again.',
      );
    }
    fields[key] = line.slice(equals + 1);
  });
  const where = `profile ${path}`;
  try {
    for (const key of ['region', 'ak', 'login_key'] as const) {
      if (!fields[key]) throw new UsageError(`it has no ${key}= line.`);
    }
    const registry = fields.registry ? validateHost(fields.registry) : undefined;
    const region = validateRegion(fields.region!, registry !== undefined);
    return {
      region,
      project: validateProject(fields.project || region, region),
      org: fields.org ? validateOrg(fields.org) : undefined,
      registry,
      ak: validateAk(fields.ak!),
      loginKey: validateLoginKey(fields.login_key!, where),
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new Failure(`cannot use ${where}: ${error.message} Run swr-shell configure again to rewrite it.`);
  }
}

/** The named profile, or undefined when its file does not exist. */
export function readProfile(fs: FileSystem, env: Env, name: string): Profile | undefined {
  const path = profilePath(env, name);
  const data = readIfExists(fs, path);
  return data === undefined ? undefined : parseProfile(new TextDecoder().decode(data), path);
}

/** Writes a profile atomically as a 0600 file in a 0700 directory; returns its path. */
export function writeProfile(fs: FileSystem, env: Env, name: string, profile: Profile): string {
  const directory = configDir(env);
  ensureDirectory(fs, directory, 0o700);
  try {
    // The directory holds keys: keep it private even if it existed with looser bits.
    fs.chmodSync(directory, 0o700);
  } catch (error) {
    throw fsFailure(error, 'restrict the permissions of', directory);
  }
  return writeFileAtomic(fs, profilePath(env, name), formatProfile(name, profile), { mode: 0o600 });
}

/** Names of the profiles in the config directory, sorted. */
export function listProfiles(fs: FileSystem, env: Env): string[] {
  try {
    return (fs.readdirSync(configDir(env)) as string[])
      .filter((file) => file.endsWith(PROFILE_SUFFIX))
      .map((file) => file.slice(0, -PROFILE_SUFFIX.length))
      .sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw fsFailure(error, 'list', configDir(env));
  }
}
