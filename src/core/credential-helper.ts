// The Docker credential-helper protocol, spoken by docker-credential-swr: docker
// (and skopeo, podman, buildah) run the helper with a verb and exchange plain
// text or JSON on standard input and output. `get` answers from swr-shell's
// profiles; `store` and `erase` are accepted and keep nothing, because the key
// comes from the profile. As in the protocol's reference implementation, an
// error message goes to standard output, which is what docker shows the user.
// This runs on every pull: it loads neither yargs nor the templates.

import { Failure, reportFailure, UsageError } from './errors.ts';
import type { FileSystem } from './fs.ts';
import type { Env } from './profile.ts';
import { knownLogins, loginForHost } from './registry-logins.ts';
import { show } from './validate.ts';
import { version } from '../generated/version.ts';

/** The exact answer that tells docker to go on without credentials. */
export const NOT_FOUND = 'credentials not found in native keychain';

/** The longest server URL that `get` accepts, in bytes; a registry host is far shorter. */
export const MAX_SERVER_URL = 1024;

/** The most that `store` and `erase` read of what docker sends (credentials as JSON, a host). */
const MAX_DISCARDED = 64 * 1024;

export const HELPER = 'docker-credential-swr';

export const USAGE = `Usage: ${HELPER} <get|list|store|erase|version>

The Docker credential helper of swr-shell. Docker runs it for the registries
that "swr-shell docker-config" lists under credHelpers in config.json.

  get      read a registry host on standard input; print its SWR user and login key as JSON
  list     print {"<registry>": "<user>"} for every profile
  store    accept and keep nothing: the login key comes from the swr-shell profile
  erase    accept and erase nothing
  version  print the version
`;

/** What the helper needs from the process it runs in; the runtime's Io has it all. */
export interface HelperIo {
  readonly env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(limit: number): Promise<string>;
  fs(): Promise<FileSystem>;
}

/**
 * The registry host in a server URL as docker sends it: `host[:port]`, sometimes
 * with a scheme or a trailing path (`https://host/v1/`). Host names ignore case.
 */
export function registryHostOf(serverUrl: string): string {
  return serverUrl
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/s, '')
    .toLowerCase();
}

async function get(io: HelperIo): Promise<number> {
  const input = await io.readStdin(MAX_SERVER_URL);
  const size = new TextEncoder().encode(input).length;
  const serverUrl = input.trim();
  if (serverUrl === '' || size > MAX_SERVER_URL) {
    throw new Failure(
      `get reads a registry host on standard input, such as swr.ap-southeast-3.myhuaweicloud.com; ` +
        (serverUrl === '' ? 'it got nothing.' : `it got more than ${MAX_SERVER_URL} bytes.`),
    );
  }
  const { logins, problems } = knownLogins(await io.fs(), io.env);
  for (const problem of problems) io.stderr(`${HELPER}: skipped a profile: ${problem}\n`);
  const login = loginForHost(logins, registryHostOf(serverUrl));
  if (!login) {
    io.stdout(`${NOT_FOUND}\n`);
    return 1;
  }
  io.stdout(JSON.stringify({ ServerURL: serverUrl, Username: login.user, Secret: login.loginKey }) + '\n');
  return 0;
}

async function list(io: HelperIo): Promise<number> {
  const { logins, problems } = knownLogins(await io.fs(), io.env);
  for (const problem of problems) io.stderr(`${HELPER}: skipped a profile: ${problem}\n`);
  io.stdout(JSON.stringify(Object.fromEntries(logins.map((login) => [login.registry, login.user]))) + '\n');
  return 0;
}

/** store and erase: docker sends credentials or a host; the helper reads them and keeps nothing. */
async function discard(io: HelperIo): Promise<number> {
  await io.readStdin(MAX_DISCARDED);
  return 0;
}

const VERBS: Readonly<Record<string, (io: HelperIo) => Promise<number>>> = {
  get,
  list,
  store: discard,
  erase: discard,
  version: (io) => {
    io.stdout(`${HELPER} (swr-shell) ${version}\n`);
    return Promise.resolve(0);
  },
};

/** Runs one verb of the protocol; returns the exit status. */
export async function credentialHelper(args: readonly string[], io: HelperIo): Promise<number> {
  const [verb = '', ...rest] = args;
  if ((verb === '--help' || verb === '-h') && rest.length === 0) {
    io.stdout(USAGE);
    return 0;
  }
  const action = verb === '--version' ? VERBS['version'] : Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
  if (!action || rest.length > 0) {
    const what = verb === '' ? 'no verb given' : action ? `unexpected argument ${show(rest[0]!)}` : `unknown verb ${show(verb)}`;
    io.stderr(`${HELPER}: ${what}.\n${USAGE}`);
    return new UsageError(what).exitCode;
  }
  try {
    return await action(io);
  } catch (error) {
    return reportFailure(HELPER, error, io.env['SWR_SHELL_DEBUG'], io.stdout, io.stderr);
  }
}
