// The plugin from `swr-shell init`, with profiles from `swr-shell configure`,
// against real parts in bash, zsh and fish: a distribution registry with
// htpasswd accounts plays SWR, containerd and ctr push and pull, the docker CLI
// and podman log in. The registry's password is the login key from Huawei's
// openssl one-liner, never from our code. Every scenario has its own
// repositories, containerd namespace and client configuration, so they run
// side by side against one registry and one containerd.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SHELLS } from '../../src/core/plugin.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { requireTools } from '../support/tools.ts';
import type { Account } from './daemons.ts';
import { ORG, savedLogin, type Scenario, type Suite, requireRoot, startSuite } from './harness.ts';
import { buildImage, OCI_MANIFEST, type OciImage } from './oci-image.ts';

const TOOLS = ['bash', 'zsh', 'fish', 'docker-registry', 'htpasswd', 'containerd', 'ctr', 'docker', 'podman', 'openssl'];
const runnable = requireTools(...TOOLS) && requireRoot();

/** The clients swr-login drives, how the tests call it for each, and where each saves logins. */
const LOGIN_CLIENTS = [
  {
    client: 'docker',
    login: 'swr-login', // docker is the default
    logout: 'swr-logout docker',
    authFile: (env: NodeJS.ProcessEnv) => `${env['DOCKER_CONFIG']}/config.json`,
    refused: /401 Unauthorized/,
  },
  {
    client: 'podman',
    // The registry speaks plain HTTP, which podman refuses unless told: a podman option, passed through.
    login: 'swr-login podman --tls-verify=false',
    logout: 'swr-logout podman',
    authFile: (env: NodeJS.ProcessEnv) => env['REGISTRY_AUTH_FILE']!,
    // podman reports the registry's 401 as bad credentials.
    refused: /invalid username\/password/,
  },
];

// Generous limits: on two busy cores a scenario takes a second or two.
describe.runIf(runnable)('the plugin against a real registry and containerd', { timeout: 60_000 }, () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await startSuite();
    console.log(`end-to-end suite running against:\n  ${suite.versions.join('\n  ')}`);
  }, 60_000);

  afterAll(async () => {
    await suite?.stop();
  }, 30_000);

  /** A fresh image of the scenario's own: `<registry>/team/<repo>:v1`. */
  function freshImage(s: Scenario, registryHost: string, repo: string): OciImage & { ref: string } {
    return { ...buildImage(`${s.dir}/${repo}`, `${repo} in ${s.namespace}`), ref: `${registryHost}/${ORG}/${repo}:v1` };
  }

  /** Imports a fresh image into the scenario's namespace as `<registry>/team/<repo>:v1`. */
  async function importImage(s: Scenario, registryHost: string, repo: string): Promise<OciImage & { ref: string }> {
    const image = freshImage(s, registryHost, repo);
    await suite.containerd.ctr(s.namespace, 'image', 'import', '--base-name', `${registryHost}/${ORG}/${repo}`, image.tar);
    return image;
  }

  /** Puts a fresh image into the registry with the test's own credentials, not through the plugin nor containerd. */
  async function seedRegistry(s: Scenario, repo: string): Promise<OciImage & { ref: string }> {
    const image = freshImage(s, suite.registry.host, repo);
    await suite.registry.push(suite.account, `${ORG}/${repo}`, image);
    return image;
  }

  async function hasContent(namespace: string, digest: string): Promise<boolean> {
    return (await suite.containerd.ctr(namespace, 'content', 'ls', '--quiet')).split('\n').includes(digest);
  }

  async function tagsOf(registry: Suite['registry'], account: Account, repo: string): Promise<unknown> {
    return (await registry.get(`/v2/${ORG}/${repo}/tags/list`, account)).json();
  }

  describe.concurrent.each(SHELLS)('in %s', (shell) => {
    const user = () => `${suite.account.user}:${suite.key}`;

    it('swr-push app:v1 pushes the image from containerd through ctr, and the registry lists it', async ({ expect }) => {
      const s = suite.scenario(shell, 'push');
      const repo = `${shell}-app`;
      const image = await importImage(s, suite.registry.host, repo);

      const push = await s.run('swr-push', `${repo}:v1`);

      expect(push.status, push.stderr).toBe(0);
      expect(await suite.registry.catalog(suite.account)).toContain(`${ORG}/${repo}`);
      expect(await tagsOf(suite.registry, suite.account, repo)).toEqual({ name: `${ORG}/${repo}`, tags: ['v1'] });
      const manifest = await suite.registry.get(`/v2/${ORG}/${repo}/manifests/v1`, suite.account, OCI_MANIFEST);
      expect(manifest.headers.get('docker-content-digest')).toBe(image.manifestDigest);
    });

    it('swr-pull app:v1 brings the image from the registry into containerd', async ({ expect }) => {
      const s = suite.scenario(shell, 'pull');
      const repo = `${shell}-pulled`;
      const image = await seedRegistry(s, repo);
      expect(await suite.containerd.images(s.namespace)).not.toContain(image.ref);
      expect(await hasContent(s.namespace, image.layerDigest)).toBe(false);

      const pull = await s.run('swr-pull', `${repo}:v1`);

      expect(pull.status, pull.stderr).toBe(0);
      expect(await suite.containerd.images(s.namespace)).toContain(image.ref);
      expect(await hasContent(s.namespace, image.layerDigest)).toBe(true);
    });

    for (const client of LOGIN_CLIENTS) {
      const name = `${client.login} writes ${client.client}'s auth file, and ${client.logout} removes the entry`;
      it(name, async ({ expect }) => {
        const s = suite.scenario(shell, client.client);
        const authFile = client.authFile(s.env);

        const login = await s.run(...client.login.split(' '));

        expect(login.status, login.stderr).toBe(0);
        expect(login.stdout).toContain('Login Succeeded');
        expect(savedLogin(authFile, suite.registry.host)).toBe(user());

        const logout = await s.run(...client.logout.split(' '));

        expect(logout.status, logout.stderr).toBe(0);
        expect(readFileSync(authFile, 'utf8')).toContain('"auths"');
        expect(savedLogin(authFile, suite.registry.host)).toBeUndefined();
      });
    }

    describe('with a wrong login key (SWR_LOGIN_KEY from another SK)', () => {
      const wrongKey = () => ({ SWR_LOGIN_KEY: opensslLoginKey(suite.ak, 'retiredSecretKey0123456789abcdefghij') });

      it('swr-push fails with the registry 401 and pushes nothing', async ({ expect }) => {
        const s = suite.scenario(shell, 'wrong-key-push', wrongKey());
        const repo = `${shell}-denied`;
        await importImage(s, suite.registry.host, repo);

        const push = await s.run('swr-push', `${repo}:v1`);

        expect(push.status).toBeGreaterThan(0);
        expect(push.stderr).toMatch(/401 Unauthorized/);
        expect(await suite.registry.catalog(suite.account)).not.toContain(`${ORG}/${repo}`);
      });

      it('swr-pull fails with the registry 401 and pulls nothing', async ({ expect }) => {
        const s = suite.scenario(shell, 'wrong-key-pull', wrongKey());
        const image = await seedRegistry(s, `${shell}-guarded`);

        const pull = await s.run('swr-pull', `${shell}-guarded:v1`);

        expect(pull.status).toBeGreaterThan(0);
        expect(pull.stderr).toMatch(/401 Unauthorized/);
        expect(await suite.containerd.images(s.namespace)).not.toContain(image.ref);
      });

      for (const client of LOGIN_CLIENTS) {
        it(`${client.login} fails with the registry 401 and saves nothing`, async ({ expect }) => {
          const s = suite.scenario(shell, `wrong-key-${client.client}`, wrongKey());

          const login = await s.run(...client.login.split(' '));

          expect(login.status).toBeGreaterThan(0);
          expect(login.stderr).toMatch(client.refused);
          expect(savedLogin(client.authFile(s.env), suite.registry.host)).toBeUndefined();
        });
      }
    });

    it('the sub-project profile logs in and pushes as ap-southeast-3_dev@<AK>', async ({ expect }) => {
      // This registry knows only the sub-project's user, so only that name gets in.
      const s = suite.scenario(shell, 'sub-project', { SWR_PROFILE: 'dev', SWR_REGISTRY: suite.devRegistry.host });
      const repo = `${shell}-dev`;
      await importImage(s, suite.devRegistry.host, repo);

      const login = await s.run('swr-login', 'docker');
      const push = await s.run('swr-push', `${repo}:v1`);

      expect(login.status, login.stderr).toBe(0);
      expect(savedLogin(`${s.env['DOCKER_CONFIG']}/config.json`, suite.devRegistry.host)).toBe(
        `${suite.devAccount.user}:${suite.key}`,
      );
      expect(push.status, push.stderr).toBe(0);
      expect(await tagsOf(suite.devRegistry, suite.devAccount, repo)).toEqual({ name: `${ORG}/${repo}`, tags: ['v1'] });

      // The default profile's user, the region's project, is refused there.
      const other = suite.scenario(shell, 'default-project', { SWR_REGISTRY: suite.devRegistry.host });
      const refused = await other.run('swr-login', 'docker');
      expect(refused.status).toBeGreaterThan(0);
      expect(refused.stderr).toMatch(/401 Unauthorized/);
    });
  });
});
