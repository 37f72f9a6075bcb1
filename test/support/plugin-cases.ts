// The plugin's contract as data: the argv and stdin each function gives its tool
// (calls), what it prints, and what it refuses. The runners for bash, zsh and
// fish (test/shell/plugin.test.ts) and for the POSIX sh family use the same
// table: a case names a function by its suffix (`pull`), and messages write
// `PREFIX-pull` for the function's full name, which `functionName` and
// `expectCase` turn into `swr-pull`, `hw-pull` or `swr_pull` as the family names it.

import { expect } from 'vitest';

export const AK = 'TESTAKEXAMPLE123';
export const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
export const OTHER_KEY = 'f'.repeat(64);
export const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
export const SG = 'swr.ap-southeast-3.myhuaweicloud.com';
export const BASE = `region=ap-southeast-3\nproject=ap-southeast-3\norg=team\nak=${AK}\nlogin_key=${KEY}\n`;

/** What one run of a function gave: status, output, and the recorded tool calls. */
export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
  calls: Array<{ tool: string; argv: string[]; stdin: string; env: Record<string, string> }>;
}

/** The function names of one family of shells: "-" in bash, zsh and fish; "_" in POSIX sh. */
export type Separator = '-' | '_';

/** The full name of a function: `functionName('hw', 'pull')` is `hw-pull`. */
export function functionName(prefix: string, suffix: string, separator: Separator = '-'): string {
  return `${prefix}${separator}${suffix}`;
}

/** A message pattern with PREFIX-name written for the given prefix and separator. */
export function withNames(text: string, prefix: string, separator: Separator = '-'): string {
  return text.replace(/PREFIX-([a-z]+)/g, (_, suffix: string) => functionName(prefix, suffix, separator));
}

/** The profiles that the cases use, by name: write each into the sandbox's config directory. */
export const PROFILES: Readonly<Record<string, string>> = {
  default: BASE,
  noorg: `region=ap-southeast-3\nak=${AK}\nlogin_key=${KEY}\n`,
  dev: `region=ap-southeast-3\nproject=ap-southeast-3_dev\norg=team\nak=${AK}\nlogin_key=${KEY}\n`,
  crlf: BASE.replaceAll('\n', '\r\n'),
  partner: `region=xx-partner-1\nregistry=registry.partner.example:8443\norg=team\nak=${AK}\nlogin_key=${KEY}\n`,
  hostile: `region=ap-southeast-3\norg=$(touch pwned)\nak=${AK}\nlogin_key=${KEY}\n`,
  garbage: `region=ap-southeast-3\nak=${AK}\nlogin_key=${KEY}\nrm -rf /\n`,
};

export interface Case {
  name: string;
  fn: string;
  args?: string[];
  env?: Record<string, string>;
  status?: number;
  /** Each expected call: tool and argv (with PREFIX standing for the function prefix). */
  calls?: Array<{ tool: string; argv: string[]; stdin?: string }>;
  stdout?: string;
  stderr?: RegExp;
}

export const pull = (ref: string, user = `ap-southeast-3@${AK}`, key = KEY, options: string[] = []) => ({
  tool: 'ctr',
  argv: ['image', 'pull', '--user', `${user}:${key}`, ...options, ref],
  stdin: '',
});

/** A pull from a registry that is not SWR's: ctr gets no credentials, and the user a note. */
export const anonymous = (ref: string) => ({ tool: 'ctr', argv: ['image', 'pull', ref], stdin: '' });
export const NOT_SWR = /^PREFIX-pull: note: [^ ]+ is not an SWR registry of yours: ctr gets no credentials for it\.\n$/;

/** The line swr-login prints before it runs the tool: where and as whom, never the key. */
export const LOGGING_IN = (tool: string, registry = SG, user = `ap-southeast-3@${AK}`) =>
  new RegExp(`^PREFIX-login: logging ${tool} in to ${registry.replaceAll('.', '[.]')} as ${user}\\n$`);

/** Each function's usage, as -h and --help print it on standard output. */
export const USAGE: Readonly<Record<string, string>> = {
  login: 'usage: PREFIX-login [docker|podman|nerdctl] [options...]\nlog a container client in to SWR\n',
  logout: 'usage: PREFIX-logout [docker|podman|nerdctl] [options...]\nlog a container client out of SWR\n',
  pull: 'usage: PREFIX-pull IMAGE [ctr-options...]\n       PREFIX-pull [ctr-options...] IMAGE\npull an image from SWR with ctr\n',
  push: 'usage: PREFIX-push IMAGE [ctr-options...]\n       PREFIX-push [ctr-options...] IMAGE\npush an image to SWR with ctr\n',
  ref: 'usage: PREFIX-ref IMAGE\nprint the full SWR reference for an image\n',
  region: "usage: PREFIX-region [REGION|--reset]\nprint or switch the SWR region of this shell (--reset: the profile's)\n",
};

export const CASES: Case[] = [
  // swr-login and swr-logout
  { name: 'login with docker by default', fn: 'login', stderr: LOGGING_IN('docker'), calls: [{ tool: 'docker', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', SG], stdin: KEY }] },
  { name: 'login with podman', fn: 'login', args: ['podman'], stderr: LOGGING_IN('podman'), calls: [{ tool: 'podman', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', SG], stdin: KEY }] },
  { name: 'login with nerdctl', fn: 'login', args: ['nerdctl'], stderr: LOGGING_IN('nerdctl'), calls: [{ tool: 'nerdctl', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', SG], stdin: KEY }] },
  { name: 'login with $SWR_RUNTIME', fn: 'login', env: { SWR_RUNTIME: 'podman' }, stderr: LOGGING_IN('podman'), calls: [{ tool: 'podman', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', SG], stdin: KEY }] },
  {
    name: 'login passing tool options',
    fn: 'login',
    args: ['podman', '--tls-verify=false', '--authfile', '/tmp/a b.json'],
    stderr: LOGGING_IN('podman'),
    calls: [{ tool: 'podman', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', '--tls-verify=false', '--authfile', '/tmp/a b.json', SG], stdin: KEY }],
  },
  { name: 'login with an unknown tool', fn: 'login', args: ['crictl'], status: 2, stderr: /unknown tool 'crictl': use docker, podman or nerdctl/ },
  { name: 'login with a hostile SWR_RUNTIME', fn: 'login', env: { SWR_RUNTIME: 'docker;touch pwned' }, status: 2, stderr: /unknown tool/ },
  { name: 'logout', fn: 'logout', calls: [{ tool: 'docker', argv: ['logout', SG], stdin: '' }] },
  { name: 'logout from podman', fn: 'logout', args: ['podman'], calls: [{ tool: 'podman', argv: ['logout', SG], stdin: '' }] },
  // swr-pull, swr-push and the reference rules
  { name: 'pull img:tag into the organization', fn: 'pull', args: ['app:v1'], calls: [pull(`${SG}/team/app:v1`)] },
  { name: 'pull with ctr options before the reference', fn: 'pull', args: ['app:v1', '--snapshotter', 'native', '--platform', 'linux/amd64'], calls: [pull(`${SG}/team/app:v1`, undefined, undefined, ['--snapshotter', 'native', '--platform', 'linux/amd64'])] },
  { name: 'push org/img with :latest', fn: 'push', args: ['team2/app'], calls: [{ ...pull(`${SG}/team2/app:latest`), argv: ['image', 'push', '--user', `ap-southeast-3@${AK}:${KEY}`, `${SG}/team2/app:latest`] }] },
  { name: 'pull a nested repository', fn: 'pull', args: ['team/group/app:1.0'], calls: [pull(`${SG}/team/group/app:1.0`)] },
  { name: 'pull keeps a digest without adding :latest', fn: 'pull', args: [`team/app@${DIGEST}`], calls: [pull(`${SG}/team/app@${DIGEST}`)] },
  { name: 'pull keeps a tag and a digest', fn: 'pull', args: [`app:v1@${DIGEST}`], calls: [pull(`${SG}/team/app:v1@${DIGEST}`)] },
  { name: 'pull from another SWR region uses its project', fn: 'pull', args: ['swr.cn-north-4.myhuaweicloud.com/team/app:v1'], calls: [pull('swr.cn-north-4.myhuaweicloud.com/team/app:v1', `cn-north-4@${AK}`)] },
  { name: 'pull from EU-Dublin uses its project', fn: 'pull', args: ['swr.eu-west-101.myhuaweicloud.eu/team/app'], calls: [pull('swr.eu-west-101.myhuaweicloud.eu/team/app:latest', `eu-west-101@${AK}`)] },
  { name: 'pull from a look-alike host, without credentials', fn: 'pull', args: ['swr.eu-west-101.myhuaweicloud.com/team/app'], stderr: NOT_SWR, calls: [anonymous('swr.eu-west-101.myhuaweicloud.com/team/app:latest')] },
  { name: 'pull from localhost:5000 as it is, without credentials', fn: 'pull', args: ['localhost:5000/team/app'], stderr: NOT_SWR, calls: [anonymous('localhost:5000/team/app:latest')] },
  { name: 'pull from localhost as it is, without credentials', fn: 'pull', args: ['localhost/app:v2'], stderr: NOT_SWR, calls: [anonymous('localhost/app:v2')] },
  { name: 'pull from another registry as it is, without credentials', fn: 'pull', args: ['docker.io/library/nginx:1.27'], stderr: NOT_SWR, calls: [anonymous('docker.io/library/nginx:1.27')] },
  { name: 'pull from another registry needs no key', fn: 'pull', args: ['docker.io/library/nginx'], env: { SWR_PROFILE: 'none', SWR_REGION: 'cn-north-4' }, stderr: NOT_SWR, calls: [anonymous('docker.io/library/nginx:latest')] },
  { name: 'a partner profile gets no credentials for public SWR hosts', fn: 'pull', args: ['swr.cn-north-4.myhuaweicloud.com/team/app'], env: { SWR_PROFILE: 'partner' }, stderr: NOT_SWR, calls: [anonymous('swr.cn-north-4.myhuaweicloud.com/team/app:latest')] },
  { name: 'pull through SWR_REGISTRY', fn: 'pull', args: ['app:v1'], env: { SWR_REGISTRY: '127.0.0.1:5000' }, calls: [pull('127.0.0.1:5000/team/app:v1')] },
  { name: 'pull with SWR_ORG', fn: 'pull', args: ['app'], env: { SWR_ORG: 'other' }, calls: [pull(`${SG}/other/app:latest`)] },
  { name: 'pull without an organization', fn: 'pull', args: ['app:v1'], env: { SWR_PROFILE: 'noorg' }, status: 2, stderr: /'app:v1' names no organization: write ORG\/app:v1, set SWR_ORG, or run swr-shell configure --org ORG/ },
  { name: 'pull as a sub-project', fn: 'pull', args: ['app:v1'], env: { SWR_PROFILE: 'dev' }, calls: [pull(`${SG}/team/app:v1`, `ap-southeast-3_dev@${AK}`)] },
  { name: "SWR_REGION leaves the profile's sub-project behind", fn: 'pull', args: ['app'], env: { SWR_PROFILE: 'dev', SWR_REGION: 'cn-north-4' }, calls: [pull('swr.cn-north-4.myhuaweicloud.com/team/app:latest', `cn-north-4@${AK}`)] },
  { name: 'SWR_PROJECT names a sub-project', fn: 'pull', args: ['app'], env: { SWR_PROJECT: 'ap-southeast-3_ci' }, calls: [pull(`${SG}/team/app:latest`, `ap-southeast-3_ci@${AK}`)] },
  {
    name: "SWR_REGISTRY: the key goes to that host only, not to the region's public host",
    fn: 'pull',
    args: [`${SG}/team/app`],
    env: { SWR_PROFILE: 'dev', SWR_REGISTRY: 'localhost:5000' },
    stderr: NOT_SWR,
    calls: [anonymous(`${SG}/team/app:latest`)],
  },
  { name: 'a profile with CRLF line ends', fn: 'pull', args: ['app'], env: { SWR_PROFILE: 'crlf' }, calls: [pull(`${SG}/team/app:latest`)] },
  { name: 'a partner profile with its registry', fn: 'pull', args: ['app'], env: { SWR_PROFILE: 'partner' }, calls: [pull('registry.partner.example:8443/team/app:latest', `xx-partner-1@${AK}`)] },
  {
    name: 'CI settings from the environment alone',
    fn: 'pull',
    args: ['app'],
    env: { SWR_PROFILE: 'none', SWR_REGION: 'cn-north-4', SWR_ORG: 'ci', SWR_AK: 'CIAKEXAMPLE1', SWR_LOGIN_KEY: OTHER_KEY },
    calls: [pull('swr.cn-north-4.myhuaweicloud.com/ci/app:latest', 'cn-north-4@CIAKEXAMPLE1', OTHER_KEY)],
  },
  { name: "SWR_LOGIN_KEY with the profile's AK", fn: 'pull', args: ['app'], env: { SWR_LOGIN_KEY: OTHER_KEY }, calls: [pull(`${SG}/team/app:latest`, undefined, OTHER_KEY)] },
  { name: 'SWR_AK without SWR_LOGIN_KEY', fn: 'pull', args: ['app'], env: { SWR_AK: 'OTHERAK12345' }, status: 1, stderr: /no login key for AK OTHERAK12345: set SWR_LOGIN_KEY too/ },
  { name: 'no settings at all', fn: 'pull', args: ['app'], env: { SWR_PROFILE: 'none' }, status: 1, stderr: /no SWR settings: profile 'none' .* Run swr-shell configure --region REGION/ },
  { name: 'login without settings', fn: 'login', env: { SWR_PROFILE: 'none' }, status: 1, stderr: /swr-shell configure/ },
  { name: 'a region without credentials', fn: 'login', env: { SWR_PROFILE: 'none', SWR_REGION: 'cn-north-4' }, status: 1, stderr: /no access key: run swr-shell configure/ },
  { name: 'pull without an image', fn: 'pull', status: 2, stderr: /usage: PREFIX-pull IMAGE \[ctr-options...\], or PREFIX-pull \[ctr-options...\] IMAGE\n$/ },
  { name: 'pull with options and no image', fn: 'pull', args: ['--plain-http'], status: 2, stderr: /^PREFIX-pull: usage: / },
  // ctr's own order: when the first argument is an option, the image is the last.
  { name: "pull in ctr's order", fn: 'pull', args: ['--plain-http', 'app:v1'], calls: [pull(`${SG}/team/app:v1`, undefined, undefined, ['--plain-http'])] },
  {
    name: "push in ctr's order, an option with a value",
    fn: 'push',
    args: ['--platform', 'linux/amd64', 'app:v1'],
    calls: [{ tool: 'ctr', argv: ['image', 'push', '--user', `ap-southeast-3@${AK}:${KEY}`, '--platform', 'linux/amd64', `${SG}/team/app:v1`], stdin: '' }],
  },
  { name: "ctr's order refuses a bad image last", fn: 'pull', args: ['--plain-http', 'App'], status: 2, stderr: /^PREFIX-pull: invalid image name 'App'/ },
  // -h and --help: the usage on stdout, nothing run, even with no settings.
  ...Object.keys(USAGE).flatMap((fn) =>
    ['-h', '--help'].map((flag) => ({ name: `${fn} ${flag}`, fn, args: [flag], env: { SWR_PROFILE: 'none' }, stdout: USAGE[fn]! })),
  ),
  { name: 'pull --help after the image is an option for ctr', fn: 'pull', args: ['app', '--help'], calls: [pull(`${SG}/team/app:latest`, undefined, undefined, ['--help'])] },
  // A missing tool is named, status 127, and nothing runs.
  { name: 'login with a tool that is not on PATH', fn: 'login', args: ['nerdctl'], env: { PATH: '/nonexistent' }, status: 127, stderr: /^PREFIX-login: nerdctl is not on PATH\n$/ },
  { name: 'logout with a tool that is not on PATH', fn: 'logout', env: { PATH: '/nonexistent' }, status: 127, stderr: /^PREFIX-logout: docker is not on PATH\n$/ },
  { name: 'pull without ctr on PATH', fn: 'pull', args: ['app'], env: { PATH: '/nonexistent' }, status: 127, stderr: /^PREFIX-pull: ctr is not on PATH\n$/ },
  { name: 'push without ctr on PATH', fn: 'push', args: ['docker.io/library/app'], env: { PATH: '/nonexistent' }, status: 127, stderr: /^PREFIX-push: ctr is not on PATH\n$/ },
  { name: 'the tool status comes back', fn: 'pull', args: ['app'], env: { SWR_TEST_STATUS: '3' }, status: 3, calls: [pull(`${SG}/team/app:latest`)] },
  // swr-ref and swr-region
  { name: 'ref prints the reference', fn: 'ref', args: ['app:v1'], stdout: `${SG}/team/app:v1\n` },
  { name: 'ref without settings for the key', fn: 'ref', args: ['team/app'], env: { SWR_PROFILE: 'none', SWR_REGION: 'eu-west-101' }, stdout: 'swr.eu-west-101.myhuaweicloud.eu/team/app:latest\n' },
  { name: 'ref with two images', fn: 'ref', args: ['a', 'b'], status: 2, stderr: /usage: PREFIX-ref IMAGE/ },
  { name: 'region prints region and registry', fn: 'region', stdout: `ap-southeast-3 ${SG}\n` },
  { name: 'region switches', fn: 'region', args: ['eu-west-101'], stdout: 'eu-west-101 swr.eu-west-101.myhuaweicloud.eu\n' },
  { name: 'region refuses an unknown region', fn: 'region', args: ['mars-1'], status: 2, stderr: /unknown region 'mars-1': run swr-shell regions/ },
  { name: 'region refuses a hostile region', fn: 'region', args: ['cn-north-4;touch pwned'], status: 2, stderr: /unknown region/ },
  { name: "region --reset goes back to the profile's region", fn: 'region', args: ['--reset'], env: { SWR_REGION: 'cn-north-4' }, stdout: `ap-southeast-3 ${SG}\n` },
  { name: "region '' goes back to the profile's region", fn: 'region', args: [''], env: { SWR_REGION: 'eu-west-101' }, stdout: `ap-southeast-3 ${SG}\n` },
  {
    name: 'region --reset drops a project of the region left',
    fn: 'region',
    args: ['--reset'],
    env: { SWR_REGION: 'cn-north-4', SWR_PROJECT: 'cn-north-4_ci' },
    stdout: `ap-southeast-3 ${SG}\n`,
    stderr: /^PREFIX-region: note: SWR_PROJECT=cn-north-4_ci belongs to another region; unset it\.\n$/,
  },
  { name: 'region --reset without a profile', fn: 'region', args: ['--reset'], env: { SWR_PROFILE: 'none', SWR_REGION: 'cn-north-4' }, status: 1, stderr: /no SWR settings/ },
];

/** Image references that must be refused before anything runs. */
export const HOSTILE_IMAGES = [
  'bad name',
  '$(touch pwned)',
  '`touch pwned`',
  'app;touch pwned',
  'app|touch pwned',
  "team/it's",
  'team/app\ntouch pwned',
  'App:v1',
  'team/App',
  'Team/app',
  '1team/app',
  'team/app:',
  ':v1',
  'team//app',
  '/app',
  'team/app/',
  'team/app:-v1',
  'team/app:v1:v2',
  'team/app@sha256:short',
  `team/app@md5:${'0'.repeat(32)}`,
  'team/app@',
  'HOST.io/app',
  'host.io:port/app',
  '-rf',
  '*',
  'team/*',
  '',
];

/** Environment values that must be refused before anything runs. */
export const HOSTILE_ENV: Array<Record<string, string>> = [
  { SWR_REGION: 'ap-southeast-3;touch pwned' },
  { SWR_REGION: 'AP-SOUTHEAST-3' },
  { SWR_ORG: '$(touch pwned)' },
  { SWR_ORG: 'Team' },
  { SWR_PROJECT: 'ap-southeast-3_$(touch pwned)' },
  { SWR_PROJECT: 'cn-north-4_dev' },
  { SWR_REGISTRY: 'evil.example/$(touch pwned)' },
  { SWR_REGISTRY: 'https://registry.example' },
  { SWR_AK: 'AK with spaces', SWR_LOGIN_KEY: KEY },
  { SWR_LOGIN_KEY: `${KEY};touch pwned` },
  { SWR_PROFILE: '../../etc/passwd' },
  { SWR_PROFILE: 'hostile' },
  { SWR_PROFILE: 'garbage' },
];

/**
 * Checks one run against its case: stderr (empty unless the case expects a
 * message), status, stdout, the calls in order, and that the key reached no
 * tool's environment (unless the case exported it itself).
 */
export function expectCase(result: Outcome, test: Case, prefix: string, separator: Separator = '-'): void {
  const status = test.status ?? 0;
  if (test.stderr) expect(result.stderr).toMatch(new RegExp(withNames(test.stderr.source, prefix, separator)));
  else expect(result.stderr).toBe('');
  expect(result.status).toBe(status);
  if (test.stdout !== undefined) expect(result.stdout).toBe(withNames(test.stdout, prefix, separator));
  expect(result.calls.map(({ tool, argv, stdin }) => ({ tool, argv, stdin }))).toEqual(
    (test.calls ?? []).map((call) => ({ stdin: '', ...call })),
  );
  for (const call of result.calls) {
    if (!test.env?.['SWR_LOGIN_KEY']) expect(Object.values(call.env).join('\n')).not.toContain(KEY);
  }
}
