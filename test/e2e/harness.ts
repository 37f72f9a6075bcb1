// The end-to-end suite's world: a registry playing SWR (and a second one that
// knows only a sub-project's user), a containerd, profiles written by the real
// `swr-shell configure` and plugins printed by the real `swr-shell init`, all
// under one temporary directory that `stop` removes with every process.

import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PLUGIN_SHELLS, type PluginShell, type Shell } from '../../src/core/plugin.ts';
import { builtCli, configure } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { type Result, check, run } from '../support/process.ts';
import { inCi } from '../support/tools.ts';
import { type Account, type Containerd, type Registry, SNAPSHOTTER, startContainerd, startRegistry } from './daemons.ts';

/** Each shell loads the plugin file (argument 1), then runs the other arguments as one command. */
const SHELL_ARGS: Record<Shell, string[]> = {
  bash: ['--noprofile', '--norc', '-c', '. "$1" && shift && "$@"', 'bash'],
  zsh: ['--no-rcs', '-c', '. "$1" && shift && "$@"', 'zsh'],
  fish: ['--no-config', '-c', 'source $argv[1]; and $argv[2..-1]'],
};

/**
 * The POSIX shells of the sh variant's scenarios, run as a CI image has them:
 * PATH holds only ctr and docker (no node, no deno, no other utility).
 */
export const SH_SCENARIO_SHELLS = {
  'busybox sh': ['busybox', 'sh'],
  dash: ['dash'],
} as const;
export type ShScenarioShell = keyof typeof SH_SCENARIO_SHELLS;

/** The only commands on PATH in an sh scenario. */
export const SH_ONLY_TOOLS = ['ctr', 'docker'] as const;

export const REGION = 'ap-southeast-3';
export const SUB_PROJECT = `${REGION}_dev`;
export const ORG = 'team';

/** Where rootful podman 4 puts netavark's run directory, whatever its configuration says. */
const PODMAN_FIXED_DIRS = ['/run/containers/networks', '/run/containers'];

/** The clients and daemons the suite runs, for the README's "Verified against". */
const VERSION_COMMANDS: ReadonlyArray<readonly [string, ...string[]]> = [
  ['docker-registry', '--version'],
  ['containerd', '--version'],
  ['ctr', '--version'],
  ['docker', '--version'],
  ['podman', '--version'],
  ['bash', '--version'],
  ['zsh', '--version'],
  ['fish', '--version'],
];

/** containerd needs root; like a missing tool, that skips on a laptop and fails under CI=true. */
export function requireRoot(): boolean {
  if (process.getuid?.() === 0) return true;
  const message = 'the end-to-end suite starts containerd, which needs root';
  if (inCi) throw new Error(`${message}; under CI=true no test may be skipped.`);
  console.warn(`skipping: ${message}`);
  return false;
}

export interface Scenario {
  dir: string;
  /** The containerd namespace of this scenario alone. */
  namespace: string;
  env: NodeJS.ProcessEnv;
  /** Runs a command, such as `swr-push app:v1`, in the scenario's shell with the plugin loaded. */
  run(...command: string[]): Promise<Result>;
}

export interface Suite {
  root: string;
  ak: string;
  /** The login key, from Huawei's openssl one-liner. */
  key: string;
  /** The registry's only account: the region's default project. */
  account: Account;
  registry: Registry;
  /** The sub-project's account, the only one of devRegistry. */
  devAccount: Account;
  devRegistry: Registry;
  containerd: Containerd;
  /** One line per tool: the versions this run used. */
  versions: string[];
  /** A directory, containerd namespace and environment of its own for one scenario in one shell. */
  scenario(shell: Shell, name: string, env?: NodeJS.ProcessEnv): Scenario;
  /**
   * The same for the sh variant in a POSIX shell that has only sh, ctr and
   * docker: PATH is a directory of those two, HOME has no profile, and the
   * settings come from the environment, as in a CI job.
   */
  shScenario(shell: ShScenarioShell, name: string, env?: NodeJS.ProcessEnv): Scenario;
  stop(): Promise<void>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomAlnum = (length: number) => Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)]).join('');

/** The `user:password` a client's auth file holds for `host`, or undefined without an entry (or file). */
export function savedLogin(authFile: string, host: string): string | undefined {
  let config: { auths?: Record<string, { auth?: string }> };
  try {
    config = JSON.parse(readFileSync(authFile, 'utf8'));
  } catch {
    return undefined;
  }
  const auth = config.auths?.[host]?.auth;
  return auth === undefined ? undefined : Buffer.from(auth, 'base64').toString('utf8');
}

export async function startSuite(): Promise<Suite> {
  builtCli();
  const fixedDirsBefore = PODMAN_FIXED_DIRS.filter((dir) => existsSync(dir));
  const root = mkdtempSync(`${tmpdir()}/swr-e2e-`);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.splice(0).reverse()) await stopOne();
    unmountUnder(root);
    rmSync(root, { recursive: true, force: true });
    for (const dir of PODMAN_FIXED_DIRS) {
      if (!fixedDirsBefore.includes(dir)) removeIfEmpty(dir);
    }
  };
  try {
    // A fresh key pair each run, so that nothing can depend on a fixed one.
    const ak = randomAlnum(20);
    const sk = randomAlnum(40);
    const key = opensslLoginKey(ak, sk);
    const account = { user: `${REGION}@${ak}`, password: key };
    const devAccount = { user: `${SUB_PROJECT}@${ak}`, password: key };
    const registry = await startRegistry(`${root}/registry`, [account]);
    stops.push(registry.stop);
    const devRegistry = await startRegistry(`${root}/registry-dev`, [devAccount]);
    stops.push(devRegistry.stop);
    const containerd = await startContainerd(`${root}/containerd`);
    stops.push(containerd.stop);

    const home = `${root}/home`;
    const baseEnv = {
      PATH: process.env['PATH'],
      LANG: 'C.UTF-8',
      HOME: home,
      XDG_CONFIG_HOME: `${home}/.config`,
      XDG_DATA_HOME: `${home}/.local/share`,
      XDG_CACHE_HOME: `${home}/.cache`,
      TMPDIR: `${root}/tmp`,
    };
    mkdirSync(baseEnv.TMPDIR, { recursive: true });
    const plugins = await configureAndInit(root, baseEnv, ak, sk);
    const podmanEnv = podmanConfig(`${root}/podman`);
    const versions = await Promise.all(
      VERSION_COMMANDS.map(async ([tool, ...args]) => (await check(tool, args)).split('\n')[0]!),
    );

    const scenario = (shell: Shell, name: string, env: NodeJS.ProcessEnv = {}): Scenario => {
      const dir = `${root}/scenarios/${shell}-${name}`;
      mkdirSync(dir, { recursive: true });
      const namespace = `e2e-${shell}-${name}`;
      const scenarioEnv: NodeJS.ProcessEnv = {
        ...baseEnv,
        ...podmanEnv,
        SWR_REGISTRY: registry.host,
        CONTAINERD_ADDRESS: containerd.address,
        CONTAINERD_NAMESPACE: namespace,
        CONTAINERD_SNAPSHOTTER: SNAPSHOTTER,
        DOCKER_CONFIG: `${dir}/docker`,
        // docker login needs no daemon; this makes sure it reaches none.
        DOCKER_HOST: `unix://${root}/no-docker-daemon.sock`,
        REGISTRY_AUTH_FILE: `${dir}/podman-auth.json`,
        ...env,
      };
      return {
        dir,
        namespace,
        env: scenarioEnv,
        run: (...command) => run(shell, [...SHELL_ARGS[shell], plugins[shell], ...command], { env: scenarioEnv }),
      };
    };
    const shOnlyBin = `${root}/sh-only-bin`;
    mkdirSync(shOnlyBin);
    for (const tool of SH_ONLY_TOOLS) symlinkSync((await check('sh', ['-c', 'command -v "$1"', 'sh', tool])).trim(), `${shOnlyBin}/${tool}`);
    const shScenario = (shell: ShScenarioShell, name: string, env: NodeJS.ProcessEnv = {}): Scenario => {
      const slug = shell.replace(' ', '-');
      // scenario() gives the directory, namespace and environment; its run() is for the other shells.
      const { dir, namespace, env: scenarioEnv } = scenario('sh' as Shell, `${slug}-${name}`, {
        PATH: shOnlyBin,
        HOME: `${root}/scenarios/sh-${slug}-${name}/home`,
        XDG_CONFIG_HOME: `${root}/scenarios/sh-${slug}-${name}/home/.config`,
        SWR_REGION: REGION,
        SWR_ORG: ORG,
        SWR_AK: ak,
        SWR_LOGIN_KEY: key,
        ...env,
      });
      mkdirSync(scenarioEnv['HOME']!, { recursive: true });
      const [program, ...flags] = SH_SCENARIO_SHELLS[shell];
      const programPath = execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).trim();
      return {
        dir,
        namespace,
        env: scenarioEnv,
        run: (...command) => run(programPath, [...flags, '-c', '. "$1" && shift && "$@"', 'sh', plugins.sh, ...command], { env: scenarioEnv }),
      };
    };
    return { root, ak, key, account, registry, devAccount, devRegistry, containerd, versions, scenario, shScenario, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Writes the default profile and the sub-project's with `swr-shell configure`
 * from a console-style credentials.csv, and each shell's plugin with
 * `swr-shell init`; returns the plugin files.
 */
async function configureAndInit(root: string, env: NodeJS.ProcessEnv, ak: string, sk: string): Promise<Record<PluginShell, string>> {
  const profile = ['--region', REGION, '--org', ORG];
  await configure(env, `${root}/credentials.csv`, ak, sk, ...profile);
  await configure(env, `${root}/credentials.csv`, ak, sk, '--profile', 'dev', '--project', SUB_PROJECT, ...profile);
  const plugins = {} as Record<PluginShell, string>;
  for (const shell of PLUGIN_SHELLS) {
    plugins[shell] = `${root}/plugin.${shell}`;
    writeFileSync(plugins[shell], await check(process.execPath, [builtCli(), 'init', shell], { env }));
  }
  return plugins;
}

/** Podman's storage, run and network directories under `dir`, through its configuration files. */
export function podmanConfig(dir: string): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}/storage.conf`,
    ['[storage]', 'driver = "vfs"', `graphroot = "${dir}/root"`, `runroot = "${dir}/run"`, ''].join('\n'),
  );
  writeFileSync(
    `${dir}/containers.conf`,
    [
      '[engine]',
      `tmp_dir = "${dir}/tmp"`,
      `volume_path = "${dir}/volumes"`,
      '[network]',
      `network_config_dir = "${dir}/networks"`,
      '',
    ].join('\n'),
  );
  return { CONTAINERS_STORAGE_CONF: `${dir}/storage.conf`, CONTAINERS_CONF: `${dir}/containers.conf` };
}

/** Unmounts whatever is still mounted under `root`, deepest first. */
function unmountUnder(root: string): void {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) execFileSync('umount', [point]);
}

/** Removes `dir` if it is an empty directory: never anything another program put there. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not there, or not empty: leave it.
  }
}
