// The real parts the plugin talks to: a distribution registry with htpasswd
// accounts, playing SWR, and a containerd; each on 127.0.0.1 or a socket under
// its own directory, with its own state there.

import { mkdirSync, writeFileSync } from 'node:fs';
import { type Daemon, check, freePort, run, startDaemon } from './process.ts';

export interface Account {
  user: string;
  password: string;
}

export interface Registry extends Daemon {
  /** host:port, as SWR_REGISTRY and image references name it. */
  host: string;
  /** A GET of the registry's HTTP API as `account`. */
  get(path: string, account: Account, accept?: string): Promise<Response>;
  /** The repositories of /v2/_catalog. */
  catalog(account: Account): Promise<string[]>;
}

export async function startRegistry(dir: string, accounts: readonly Account[]): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  const lines = [];
  for (const { user, password } of accounts) {
    // -i: the password on stdin; -B: bcrypt, the only hash the registry accepts.
    lines.push((await check('htpasswd', ['-Bin', user], { input: password })).trim());
  }
  writeFileSync(`${dir}/htpasswd`, lines.join('\n') + '\n');
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    `${dir}/registry.yml`,
    [
      'version: 0.1',
      `storage: { filesystem: { rootdirectory: ${dir}/data } }`,
      `http: { addr: ${host}, secret: swr-shell-e2e }`,
      `auth: { htpasswd: { realm: swr-e2e, path: ${dir}/htpasswd } }`,
      '',
    ].join('\n'),
  );
  const url = `http://${host}`;
  // Ready when it answers, and answers an anonymous request as SWR does: 401.
  const ready = async () => (await fetch(`${url}/v2/`).catch(() => undefined))?.status === 401;
  const daemon = await startDaemon('docker-registry', ['serve', `${dir}/registry.yml`], `${dir}/registry.log`, ready);
  const get = (path: string, account: Account, accept?: string) =>
    fetch(`${url}${path}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${account.user}:${account.password}`).toString('base64')}`,
        ...(accept ? { accept } : {}),
      },
    });
  return {
    ...daemon,
    host,
    get,
    catalog: async (account) => {
      const { repositories } = (await (await get('/v2/_catalog', account)).json()) as { repositories: string[] };
      return repositories;
    },
  };
}

/**
 * The snapshotter ctr unpacks into: `native` copies files and mounts nothing,
 * so it works inside containers without overlayfs and leaves no mounts behind.
 */
export const SNAPSHOTTER = 'native';

export interface Containerd extends Daemon {
  /** The socket, as CONTAINERD_ADDRESS takes it. */
  address: string;
  /** Runs ctr against this containerd, in `namespace`; fails unless ctr does not. */
  ctr(namespace: string, ...args: string[]): Promise<string>;
  /** The references of the images in `namespace`. */
  images(namespace: string): Promise<string[]>;
}

export async function startContainerd(dir: string): Promise<Containerd> {
  mkdirSync(dir, { recursive: true });
  const address = `${dir}/containerd.sock`;
  writeFileSync(
    `${dir}/containerd.toml`,
    [
      'version = 2',
      `root = "${dir}/root"`,
      `state = "${dir}/state"`,
      // No kubelet here, and CRI would want networking and /var/lib paths.
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${address}"`,
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = "${dir}/opt"`,
      '',
    ].join('\n'),
  );
  const ctrArgs = (namespace: string, args: readonly string[]) => ['--address', address, '--namespace', namespace, ...args];
  const ready = async () => (await run('ctr', ctrArgs('default', ['version']))).status === 0;
  const daemon = await startDaemon('containerd', ['--config', `${dir}/containerd.toml`], `${dir}/containerd.log`, ready);
  const ctr = (namespace: string, ...args: string[]) =>
    check('ctr', ctrArgs(namespace, args), { env: { ...process.env, CONTAINERD_SNAPSHOTTER: SNAPSHOTTER } });
  return {
    ...daemon,
    address,
    ctr,
    images: async (namespace) => (await ctr(namespace, 'image', 'ls', '--quiet')).split('\n').filter(Boolean),
  };
}
