// `swr-shell login` and the GitHub Action's steps against real parts: a
// distribution registry playing SWR, whose password is the login key from
// Huawei's openssl one-liner (never from our code), and the real docker CLI
// and podman. docker login needs no daemon; DOCKER_HOST points at none.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure, swrShell } from '../support/cli.ts';
import { inputVariables, maskedLog, postEnv, runStep } from '../support/github-runner.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { requireTools } from '../support/tools.ts';
import { type Registry, startRegistry } from './daemons.ts';
import { podmanConfig, randomAlnum, REGION, savedLogin } from './harness.ts';

const runnable = requireTools('docker-registry', 'htpasswd', 'docker', 'podman', 'openssl');

describe.runIf(runnable)('CI logins against a real registry', { timeout: 60_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'swr-ci-e2e-'));
  // A fresh key pair each run, so that nothing can depend on a fixed one.
  const ak = randomAlnum(20);
  const sk = randomAlnum(40);
  const wrongSk = randomAlnum(40);
  let key: string;
  let wrongKey: string;
  let registry: Registry;
  let scenarios = 0;

  beforeAll(async () => {
    key = opensslLoginKey(ak, sk);
    wrongKey = opensslLoginKey(ak, wrongSk);
    registry = await startRegistry(join(root, 'registry'), [{ user: `${REGION}@${ak}`, password: key }]);
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  /** A directory and client configuration of a scenario's own; podman may speak plain HTTP to the test registry only. */
  function scenario(): { dir: string; env: NodeJS.ProcessEnv; dockerAuth: string; podmanAuth: string } {
    const dir = join(root, `scenario-${++scenarios}`);
    mkdirSync(dir, { recursive: true });
    const registries = join(dir, 'registries.conf');
    writeFileSync(registries, `[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`);
    const env = {
      PATH: process.env['PATH'],
      HOME: dir,
      LANG: 'C.UTF-8',
      TMPDIR: dir,
      DOCKER_CONFIG: join(dir, 'docker'),
      DOCKER_HOST: `unix://${dir}/no-docker-daemon.sock`,
      REGISTRY_AUTH_FILE: join(dir, 'podman-auth.json'),
      CONTAINERS_REGISTRIES_CONF: registries,
      ...podmanConfig(join(dir, 'podman')),
    };
    return { dir, env, dockerAuth: join(dir, 'docker', 'config.json'), podmanAuth: env.REGISTRY_AUTH_FILE };
  }

  const user = () => `${REGION}@${ak}`;

  describe('swr-shell login', () => {
    it('docker, with a profile from swr-shell configure: the registry accepts the key, docker saves it', async () => {
      const s = scenario();
      await configure(s.env, join(s.dir, 'credentials.csv'), ak, sk, '--region', REGION, '--registry', registry.host);
      const login = await swrShell(['login'], s.env);
      expect(login.status, login.stderr).toBe(0);
      expect(login.stdout).toContain('Login Succeeded');
      expect(savedLogin(s.dockerAuth, registry.host)).toBe(`${user()}:${key}`);
      expect(login.stdout + login.stderr).not.toContain(key);
    });

    it('podman, with the settings in the environment and a podman option passed on', async () => {
      const s = scenario();
      const env = { ...s.env, SWR_REGION: REGION, SWR_REGISTRY: registry.host, SWR_AK: ak, SWR_LOGIN_KEY: key };
      const login = await swrShell(['login', 'podman', '--tls-verify=false'], env);
      expect(login.status, login.stderr).toBe(0);
      expect(login.stdout).toContain('Login Succeeded');
      expect(savedLogin(s.podmanAuth, registry.host)).toBe(`${user()}:${key}`);
    });

    it.each([
      { tool: 'docker', refused: /401 Unauthorized/, auth: 'dockerAuth' as const },
      { tool: 'podman', refused: /invalid username\/password/, auth: 'podmanAuth' as const },
    ])("$tool with a wrong key: the tool's status and the registry's answer, nothing saved", async ({ tool, refused, auth }) => {
      const s = scenario();
      const env = { ...s.env, SWR_REGION: REGION, SWR_REGISTRY: registry.host, SWR_AK: ak, SWR_LOGIN_KEY: wrongKey };
      const login = await swrShell(['login', tool], env);
      expect(login.status).toBeGreaterThan(0);
      expect(login.stderr).toMatch(refused);
      expect(savedLogin(s[auth], registry.host)).toBeUndefined();
    });
  });

  describe('the GitHub Action (node 20 standing in for the runner node24)', () => {
    it.each([
      { tool: 'docker', auth: 'dockerAuth' as const },
      { tool: 'podman', auth: 'podmanAuth' as const },
    ])('$tool: main logs in with the key from the SK, post logs out; the key never shows', async ({ tool, auth }) => {
      const s = scenario();
      const inputs = { region: REGION, registry: registry.host, 'access-key-id': ak, 'secret-access-key': sk, organization: 'team', tool };
      const env = { ...s.env, ...inputVariables(inputs) };

      const main = await runStep('main', s.dir, env);
      expect(main.status, main.stdout + main.stderr).toBe(0);
      expect(savedLogin(s[auth], registry.host)).toBe(`${user()}:${key}`);
      expect(main.output).toEqual({ registry: registry.host, user: user() });
      expect(main.env).toEqual({ SWR_REGION: REGION, SWR_PROJECT: REGION, SWR_REGISTRY: registry.host, SWR_USER: user(), SWR_ORG: 'team' });
      const { log, masks } = maskedLog(main.stdout);
      expect(masks).toEqual([sk, key]);
      for (const secret of [sk, key]) {
        expect(main.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(secret);
        expect(main.stderr + main.raw.env + main.raw.output + main.raw.state).not.toContain(secret);
      }

      const post = await runStep('post', s.dir, postEnv(s.env, main));
      expect(post.status, post.stdout + post.stderr).toBe(0);
      expect(post.stdout).not.toContain('::warning::');
      expect(savedLogin(s[auth], registry.host)).toBeUndefined();
      console.log(`simulated action run (${tool}), as the log shows it:\n--- main\n${log}${main.stderr}--- post\n${post.stdout}${post.stderr}`);
    });

    it("a wrong SK: an error with the registry's answer, nothing saved or exported", async () => {
      const s = scenario();
      const env = { ...s.env, ...inputVariables({ region: REGION, registry: registry.host, 'access-key-id': ak, 'secret-access-key': wrongSk }) };
      const main = await runStep('main', s.dir, env);
      expect(main.status).toBe(1);
      const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      // One line: the registry's answer as docker reports it (all of docker's output is in the log above it).
      expect(errors).toHaveLength(1);
      expect(errors[0]!.startsWith(`::error::${registry.host} refused the login of ${user()}: `)).toBe(true);
      expect(errors[0]).toMatch(/401 Unauthorized$/);
      expect(savedLogin(s.dockerAuth, registry.host)).toBeUndefined();
      expect(main.raw).toEqual({ env: '', output: '', state: '' });
      expect(main.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(wrongSk);
      console.log(`simulated action run with a wrong SK, as the log shows it:\n${maskedLog(main.stdout).log}${main.stderr}`);
    });
  });
});
