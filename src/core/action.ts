// The GitHub Action's inputs and the runner's file formats, without I/O: the
// action's main and post steps (src/action/) read the environment and write
// the files. SPEC section 7 is the contract; the settings are resolved by
// the same rules as everywhere else (settings.ts).

import { UsageError } from './errors.ts';
import { loginKey as deriveLoginKey } from './login-key.ts';
import type { Env } from './profile.ts';
import { findRegion } from './regions.ts';
import { requireCredentials, resolveSettings } from './settings.ts';
import { matches, validateProject } from './validate.ts';

export const ACTION_TOOLS = ['docker', 'podman'] as const;
export type ActionTool = (typeof ACTION_TOOLS)[number];

/** The inputs whose values are masked in the log before anything else is printed. */
export const SECRET_INPUTS = ['secret-access-key', 'login-key'] as const;

/** The variable the runner sets for an input: INPUT_ and the name in upper case, spaces as `_`, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** An input's value, trimmed as @actions/core trims it; '' when not given. */
export function input(env: Env, name: string): string {
  return (env[inputVariable(name)] ?? '').trim();
}

/** A message as a workflow command carries it: `%`, CR and LF escaped, as the runner unescapes them. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command line: `::add-mask::value`, `::error::message`. */
export function workflowCommand(name: 'add-mask' | 'error' | 'warning' | 'notice', message: string): string {
  return `::${name}::${escapeData(message)}\n`;
}

/** The values to mask: each secret input as given and as trimmed. */
export function secretValues(env: Env): string[] {
  const values = SECRET_INPUTS.flatMap((name) => [env[inputVariable(name)] ?? '', input(env, name)]);
  return [...new Set(values.filter((value) => value !== ''))];
}

/**
 * One entry of a $GITHUB_ENV, $GITHUB_OUTPUT or $GITHUB_STATE file, in the
 * runner's multi-line form `name<<DELIMITER`. A name or value that holds the
 * delimiter (or a name with `=` or a line break) is refused: it could end the
 * block early and set another variable.
 */
export function fileEntry(name: string, value: string, delimiter: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError(`cannot write ${JSON.stringify(name)} as a name.`);
  if (value.includes(delimiter)) throw new UsageError(`the value of ${name} holds the delimiter: not written.`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** A wrong input: the message names the input, never its value. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface ActionLogin {
  readonly tool: ActionTool;
  readonly region: string;
  readonly project: string;
  readonly org: string | undefined;
  readonly registry: string;
  readonly user: string;
  readonly loginKey: string;
  readonly logout: boolean;
}

/** YAML 1.2's booleans, as @actions/core's getBooleanInput reads them. */
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

/** Every problem with the inputs, each naming its input and never its value. */
function problems(env: Env): string[] {
  const found: string[] = [];
  const given = (name: string) => input(env, name) !== '';
  const region = input(env, 'region');
  const registry = input(env, 'registry');
  const sk = input(env, 'secret-access-key');
  const key = input(env, 'login-key');
  if (region === '') found.push('input "region" is required: an SWR region ID, such as ap-southeast-3.');
  else if (!findRegion(region) && !(registry !== '' && matches('regionShape', region))) {
    found.push('input "region" is not an SWR region ID (such as ap-southeast-3); a partner cloud also needs the "registry" input.');
  }
  if (!given('access-key-id')) found.push('input "access-key-id" is required: the "Access Key Id" column of credentials.csv.');
  else if (!matches('ak', input(env, 'access-key-id'))) found.push('input "access-key-id" is not an access key ID: 10 to 30 letters and digits.');
  if (sk === '' && key === '') found.push('input "secret-access-key" (or "login-key") is required: keep it in a secret of the repository.');
  if (sk !== '' && key !== '') found.push('inputs "secret-access-key" and "login-key" were both given: give one of them.');
  if (sk !== '' && !matches('sk', sk)) found.push('input "secret-access-key" is not a secret access key: 30 to 50 letters and digits.');
  if (key !== '' && !matches('loginKey', key)) found.push('input "login-key" is not a login key: 64 lower-case hex digits, as swr-shell login-key prints them.');
  if (given('project') && region !== '') {
    try {
      validateProject(input(env, 'project'), region);
    } catch {
      found.push(`input "project" is not a project of the region: use the region ID or <region>_<sub-project>.`);
    }
  }
  const org = input(env, 'organization');
  if (org !== '' && !(matches('org', org) && matches('component', org))) {
    found.push('input "organization" is not an organization name: 1 to 64 of a-z, 0-9, ".", "_" and "-".');
  }
  if (registry !== '' && !matches('host', registry)) found.push('input "registry" is not a host name: lower case, optionally with :PORT, no scheme or path.');
  if (given('tool') && !(ACTION_TOOLS as readonly string[]).includes(input(env, 'tool'))) found.push('input "tool" must be docker or podman.');
  if (given('logout') && BOOLEANS[input(env, 'logout')] === undefined) found.push('input "logout" must be true or false.');
  return found;
}

/** The login the inputs describe; an InputError that lists every problem when they are wrong. */
export async function actionLogin(env: Env): Promise<ActionLogin> {
  const found = problems(env);
  if (found.length > 0) throw new InputError(found.join('\n'));
  const sk = input(env, 'secret-access-key');
  const ak = input(env, 'access-key-id');
  const optional = (name: string) => input(env, name) || undefined;
  const settings = resolveSettings(
    {
      SWR_REGION: input(env, 'region'),
      SWR_PROJECT: optional('project'),
      SWR_ORG: optional('organization'),
      SWR_REGISTRY: optional('registry'),
      SWR_AK: ak,
      SWR_LOGIN_KEY: sk === '' ? input(env, 'login-key') : await deriveLoginKey(ak, sk),
    },
    'action inputs',
    undefined,
  );
  const credentials = requireCredentials(settings);
  return {
    tool: (optional('tool') ?? 'docker') as ActionTool,
    region: settings.region,
    project: settings.project,
    org: settings.org,
    registry: settings.registry,
    user: credentials.user,
    loginKey: credentials.loginKey,
    logout: BOOLEANS[input(env, 'logout') || 'true']!,
  };
}

/** What $GITHUB_ENV gets: the settings, never the key. */
export function exportedVariables(login: ActionLogin): Array<[string, string]> {
  return [
    ['SWR_REGION', login.region],
    ['SWR_PROJECT', login.project],
    ['SWR_REGISTRY', login.registry],
    ['SWR_USER', login.user],
    ...(login.org === undefined ? [] : [['SWR_ORG', login.org] as [string, string]]),
  ];
}

/** What the post step needs, in $GITHUB_STATE (it comes back as STATE_<name>). */
export function savedState(login: ActionLogin): Array<[string, string]> {
  return [
    ['tool', login.tool],
    ['registry', login.registry],
    ['logout', String(login.logout)],
  ];
}

/** A value saved by savedState, as the runner gives it to the post step: STATE_<name>. */
const state = (env: Env, name: string): string => env[`STATE_${name}`] ?? '';

/** The post step's part: what to log out of, or undefined when main logged nothing in. */
export function logoutFromState(env: Env): { tool: ActionTool; registry: string; logout: boolean } | undefined {
  const tool = state(env, 'tool');
  const registry = state(env, 'registry');
  if (!(ACTION_TOOLS as readonly string[]).includes(tool) || !matches('host', registry)) return undefined;
  return { tool: tool as ActionTool, registry, logout: state(env, 'logout') !== 'false' };
}
