// A real registry on 127.0.0.1 playing SWR: Debian's docker-registry (the
// distribution registry) with htpasswd auth, its one account `<project>@<AK>`
// with the login key as password. Images are pushed through the registry's
// HTTP API, so that no client tool's own state is involved.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Registry {
  readonly host: string;
  stop(): Promise<void>;
}

/** Starts the registry under `dir`; it answers 401 on /v2/ once ready. */
export async function startRegistry(dir: string, user: string, password: string): Promise<Registry> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' }));
  writeFileSync(
    join(dir, 'registry.yml'),
    [
      'version: 0.1',
      `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
      `http: { addr: "${host}" }`,
      `auth: { htpasswd: { realm: swr-test, path: ${join(dir, 'htpasswd')} } }`,
      '',
    ].join('\n'),
  );
  const log = openSync(join(dir, 'registry.log'), 'w');
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://${host}/v2/`)).status === 401) return { host, stop };
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`docker-registry did not start on ${host}; see ${join(dir, 'registry.log')}`);
}

const sha256 = (data: Uint8Array): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A tar archive holding one small file: the image's one layer. */
function layerTar(name: string, content: string): Uint8Array {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value.padEnd(length, '\0'), offset, length, 'ascii');
  const data = Buffer.from(content);
  field(0, 100, name);
  field(100, 8, '0000644');
  field(108, 8, '0000000');
  field(116, 8, '0000000');
  field(124, 12, data.length.toString(8).padStart(11, '0'));
  field(136, 12, '00000000000');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar');
  field(263, 2, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(148, 8, checksum.toString(8).padStart(6, '0') + '\0 ');
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024)]);
}

/**
 * Pushes a one-layer OCI image to `<host>/<repository>:<tag>` with basic auth;
 * returns the manifest digest, computed here from the bytes pushed.
 */
export async function pushImage(host: string, repository: string, tag: string, user: string, password: string): Promise<string> {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const base = `http://${host}/v2/${repository}`;
  const upload = async (blob: Uint8Array): Promise<{ digest: string; size: number }> => {
    const digest = sha256(blob);
    const start = await fetch(`${base}/blobs/uploads/`, { method: 'POST', headers: { authorization } });
    if (start.status !== 202) throw new Error(`starting an upload: ${start.status}`);
    const location = new URL(start.headers.get('location')!, `http://${host}`);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { authorization, 'content-type': 'application/octet-stream' }, body: blob });
    if (put.status !== 201) throw new Error(`uploading ${digest}: ${put.status}`);
    return { digest, size: blob.length };
  };
  const layerBytes = layerTar('hello.txt', 'hello from swr-shell\n');
  const layer = await upload(layerBytes);
  const config = await upload(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layerBytes)] } })),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    }),
  );
  const put = await fetch(`${base}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  });
  if (put.status !== 201) throw new Error(`pushing the manifest: ${put.status} ${await put.text()}`);
  return sha256(manifest);
}
