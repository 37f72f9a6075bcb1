// End to end: after `swr-shell docker-config`, a real client that honours
// credHelpers (skopeo) reads an image from a real auth-protected registry
// through docker-credential-swr, with no key anywhere in config.json. The
// registry's password is the login key from Huawei's openssl one-liner.

import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, BASE_PATH, builtHelper, SK, swrShell, TempHome } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { run } from '../support/process.ts';
import { requireTools } from '../support/tools.ts';
import { type Registry, startRegistry } from './daemons.ts';
import { buildImage, type OciImage } from './oci-image.ts';

const ready = requireTools('docker-registry', 'htpasswd', 'skopeo', 'openssl', 'tar');

describe.runIf(ready)('skopeo through docker-credential-swr', () => {
  const user = `ap-southeast-3@${AK}`;
  let key: string;
  let home: TempHome;
  let registry: Registry;
  let image: OciImage;
  let ref: string;

  const swrShellHere = (...args: string[]) => swrShell(args, home.env);
  const inspect = (env: Record<string, string> = {}) =>
    run('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`], { env: { ...home.env, ...env } });
  const configJson = () => readFileSync(join(home.env['DOCKER_CONFIG']!, 'config.json'), 'utf8');

  beforeAll(async () => {
    key = opensslLoginKey(AK, SK);
    home = new TempHome();
    const bin = join(home.dir, 'bin');
    mkdirSync(bin);
    symlinkSync(builtHelper(), join(bin, 'docker-credential-swr'));
    // Only this test's files: no other auth.json or config.json can answer for the registry.
    Object.assign(home.env, {
      PATH: `${bin}:${BASE_PATH}`,
      DOCKER_CONFIG: join(home.dir, 'docker'),
      XDG_RUNTIME_DIR: join(home.dir, 'run'),
    });
    mkdirSync(home.env['XDG_RUNTIME_DIR']!);
    registry = await startRegistry(join(home.dir, 'registry'), [{ user, password: key }]);
    image = buildImage(join(home.dir, 'image'), 'hello from swr-shell');
    await registry.push({ user, password: key }, 'team/app', image);
    ref = `${registry.host}/team/app:${image.tag}`;
    await home.configure('--region', 'ap-southeast-3', '--registry', registry.host);
  });

  afterAll(async () => {
    await registry?.stop();
    home?.remove();
  });

  it('is refused by the registry before docker-config', async () => {
    const refused = await inspect();
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/unauthorized|authentication required/i);
  });

  it('reads the image after docker-config, with no key in config.json', async () => {
    const configured = await swrShellHere('docker-config');
    expect(configured.status).toBe(0);
    expect(JSON.parse(configJson())).toEqual({ credHelpers: { [registry.host]: 'swr' } });
    const text = configJson();
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(`${user}:${key}`).toString('base64'));

    const read = await inspect();
    expect(read.stderr).toBe('');
    expect(read.status).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ Name: `${registry.host}/team/app`, Digest: image.manifestDigest, RepoTags: ['v1'] });
  });

  it('sends the key that the settings give: a wrong SWR_LOGIN_KEY is refused', async () => {
    const refused = await inspect({ SWR_LOGIN_KEY: 'f'.repeat(64) });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/unauthorized|authentication required/i);
  });

  it('is refused again after docker-config --remove', async () => {
    expect((await swrShellHere('docker-config', '--remove')).status).toBe(0);
    expect(JSON.parse(configJson())).toEqual({});
    expect((await inspect()).status).not.toBe(0);
  });
});
