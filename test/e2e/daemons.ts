// The real parts the plugin and the credential helper talk to: a distribution
// registry with htpasswd accounts, playing SWR, and a containerd; each on
// 127.0.0.1 or a socket under its own directory, with its own state there.

import { mkdirSync, writeFileSync } from 'node:fs';
import { type Daemon, check, freePort, run, startDaemon } from '../support/process.ts';
import { OCI_MANIFEST, type OciImage, readBlob } from './oci-image.ts';

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
  /**
   * Puts `image` into `repository` under its tag through the registry's HTTP
   * API as `account`, so that no client or its state takes part.
   */
  push(account: Account, repository: string, image: OciImage): Promise<void>;
}

const basicAuth = ({ user, password }: Account) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * `auth` replaces the htpasswd section of the registry's configuration (YAML
 * flow style), for a registry that asks a token server instead.
 */
export async function startRegistry(dir: string, accounts: readonly Account[], auth?: string): Promise<Registry> {
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
      `auth: ${auth ?? `{ htpasswd: { realm: swr-e2e, path: ${dir}/htpasswd } }`}`,
      '',
    ].join('\n'),
  );
  const url = `http://${host}`;
  // Ready when it answers, and answers an anonymous request as SWR does: 401.
  const ready = async () => (await fetch(`${url}/v2/`).catch(() => undefined))?.status === 401;
  const daemon = await startDaemon('docker-registry', ['serve', `${dir}/registry.yml`], `${dir}/registry.log`, ready);
  const get = (path: string, account: Account, accept?: string) =>
    fetch(`${url}${path}`, { headers: { authorization: basicAuth(account), ...(accept ? { accept } : {}) } });
  return {
    ...daemon,
    host,
    get,
    catalog: async (account) => {
      const { repositories } = (await (await get('/v2/_catalog', account)).json()) as { repositories: string[] };
      return repositories;
    },
    push: (account, repository, image) => pushImage(url, basicAuth(account), repository, image),
  };
}

/** The monolithic upload of the distribution API: each blob, then the manifest under the tag. */
async function pushImage(url: string, authorization: string, repository: string, image: OciImage): Promise<void> {
  const manifest = readBlob(image, image.manifestDigest);
  const { config, layers } = JSON.parse(manifest.toString('utf8')) as { config: { digest: string }; layers: Array<{ digest: string }> };
  for (const { digest } of [config, ...layers]) {
    const start = await fetch(`${url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { authorization } });
    if (start.status !== 202) throw new Error(`starting the upload of ${digest}: ${start.status} ${await start.text()}`);
    const location = new URL(start.headers.get('location')!, url);
    location.searchParams.set('digest', digest);
    const headers = { authorization, 'content-type': 'application/octet-stream' };
    const put = await fetch(location, { method: 'PUT', headers, body: readBlob(image, digest) });
    if (put.status !== 201) throw new Error(`uploading ${digest}: ${put.status} ${await put.text()}`);
  }
  const headers = { authorization, 'content-type': OCI_MANIFEST };
  const put = await fetch(`${url}/v2/${repository}/manifests/${image.tag}`, { method: 'PUT', headers, body: manifest });
  if (put.status !== 201) throw new Error(`pushing the manifest of ${repository}:${image.tag}: ${put.status} ${await put.text()}`);
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
