// `swr-shell doctor`: what is set up and what is not, each finding one sentence
// that says what to do. Everything is read from the file system and the
// environment; no process is started.

import { Failure, UsageError } from './errors.ts';
import { dockerConfigPath, HELPER_NAME, isJsonObject, type JsonObject, parseDockerConfig, readDockerConfig, storesKey } from './docker-config.ts';
import { errorCode, type FileSystem } from './fs.ts';
import { findOnPath } from './path-search.ts';
import { installFindings } from './doctor-startup.ts';
import { type DoctorInput, type Finding, note, ok, problem } from './findings.ts';
import { configDir, type Env, listProfiles, profilePath, readProfile } from './profile.ts';
import { REGIONS, registryHost } from './regions.ts';
import { knownLogins, selectedLogin } from './registry-logins.ts';
import { show } from './validate.ts';

export const CLIENTS = ['docker', 'podman', 'nerdctl'] as const;
const SETTINGS = ['SWR_PROFILE', 'SWR_REGION', 'SWR_PROJECT', 'SWR_ORG', 'SWR_REGISTRY', 'SWR_AK', 'SWR_LOGIN_KEY'];

/** The message of an error that swr-shell raises for the user, as a problem; anything else is rethrown. */
function problemOf(error: unknown): Finding {
  if (error instanceof Failure || error instanceof UsageError) return problem(error.message);
  throw error;
}

function modeOf(fs: FileSystem, path: string): number | undefined {
  try {
    return fs.statSync(path).mode & 0o777;
  } catch (error) {
    // ENOTDIR: a file stands where a directory of the path should be, so there is nothing at the path.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

const octal = (mode: number): string => '0' + mode.toString(8).padStart(3, '0');

function profileFindings({ fs, env, profile }: DoctorInput): Finding[] {
  const findings: Finding[] = [];
  const directory = configDir(env);
  const directoryMode = modeOf(fs, directory);
  if (directoryMode !== undefined && (directoryMode & 0o077) !== 0) {
    findings.push(problem(`${directory} has mode ${octal(directoryMode)}, so others can list it: run chmod 700 ${directory}.`));
  }
  let names: string[] = [];
  try {
    names = listProfiles(fs, env);
  } catch (error) {
    findings.push(problemOf(error));
  }
  for (const name of names) {
    try {
      const path = profilePath(env, name);
      const mode = modeOf(fs, path) ?? 0;
      if ((mode & 0o077) !== 0) {
        findings.push(problem(`profile "${name}" has mode ${octal(mode)}, so others can read its login key: run chmod 600 ${path}.`));
      }
      readProfile(fs, env, name);
    } catch (error) {
      findings.push(problemOf(error));
    }
  }
  try {
    const login = selectedLogin(fs, env, profile);
    findings.push(ok(`profile "${login.profile}" logs in to ${login.registry} as ${login.user}.`));
  } catch (error) {
    findings.push(problemOf(error));
  }
  const overrides = SETTINGS.filter((name) => env[name]);
  if (overrides.length > 0) {
    findings.push(note(`${overrides.join(', ')} set in this environment override the profile; unset them to use the profile alone.`));
  }
  return findings;
}

function toolFindings({ fs, env }: DoctorInput): Finding[] {
  const findings: Finding[] = [];
  const found = new Map([...CLIENTS, 'ctr'].map((tool) => [tool, findOnPath(fs, env, tool)] as const));
  const present = [...found].filter(([, path]) => path !== undefined);
  const missing = CLIENTS.filter((tool) => !found.get(tool));
  if (present.length > 0) findings.push(ok(`on PATH: ${present.map(([tool, path]) => `${tool} (${path})`).join(', ')}.`));
  if (missing.length === CLIENTS.length) {
    findings.push(problem('none of docker, podman and nerdctl is on PATH: install one, or add its directory to PATH, for swr-login.'));
  } else if (missing.length > 0) {
    findings.push(note(`not on PATH: ${missing.join(', ')}; swr-login needs ${missing.length > 1 ? 'them' : 'it'} only if you log in with ${missing.length > 1 ? 'them' : 'it'}.`));
  }
  if (!found.get('ctr')) findings.push(note('ctr is not on PATH: swr-pull and swr-push need it; it comes with containerd.'));
  const runtime = env['SWR_RUNTIME'];
  if (runtime && !found.get(runtime)) {
    findings.push(problem(`SWR_RUNTIME is ${show(runtime)}, which swr-login cannot run: set it to docker, podman or nerdctl that is on PATH, or unset it.`));
  }
  return findings;
}

/** The registries of the profiles that can be read (the others are reported with the profiles). */
function profileRegistries(fs: FileSystem, env: Env): string[] {
  try {
    return knownLogins(fs, env).logins.map((login) => login.registry);
  } catch (error) {
    if (error instanceof Failure || error instanceof UsageError) return [];
    throw error;
  }
}

function dockerFindings(input: DoctorInput): Finding[] {
  const { fs, env } = input;
  const path = dockerConfigPath(env);
  let config: JsonObject;
  try {
    const text = readDockerConfig(fs, path);
    if (text === undefined) return [];
    config = parseDockerConfig(text, path);
  } catch (error) {
    return [problemOf(error)];
  }
  const findings: Finding[] = [];
  const helpers = isJsonObject(config['credHelpers']) ? config['credHelpers'] : {};
  const hosts = Object.keys(helpers).filter((host) => helpers[host] === HELPER_NAME);
  const helper = findOnPath(fs, env, `docker-credential-${HELPER_NAME}`);
  if (hosts.length > 0 && helper === undefined) {
    findings.push(problem(`${path} sends ${hosts.join(', ')} to docker-credential-swr, which is not on PATH: put swr-shell's bin directory on PATH, or run swr-shell docker-config --remove.`));
  } else if (hosts.length > 0) {
    findings.push(ok(`docker asks docker-credential-swr (${helper}) for ${hosts.join(', ')}.`));
  }
  const swrHosts = new Set([...hosts, ...REGIONS.map(registryHost), ...profileRegistries(fs, env)]);
  const withKey = [...swrHosts].filter((host) => storesKey(config, host));
  if (withKey.length > 0) {
    findings.push(note(`${path} stores a key for ${withKey.join(', ')} in plain text: run docker logout for ${withKey.length > 1 ? 'them' : 'it'}, then swr-shell docker-config.`));
  }
  return findings;
}

export function diagnose(input: DoctorInput): Finding[] {
  const findings = [...profileFindings(input), ...toolFindings(input), ...dockerFindings(input), ...installFindings(input)];
  // A broken selected profile is found both as a file and as the settings: say it once.
  return findings.filter((finding, index) => findings.findIndex((other) => other.text === finding.text) === index);
}
