// The sh variant where CI runs it: rendered once by `swr-shell init sh`, then
// sourced in busybox sh (and dash) with only ctr and docker on PATH, no node,
// no profile, the settings from the environment. Against the real registry and
// containerd of the end-to-end suite: push, pull, and docker's login.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { requireTools } from '../support/tools.ts';
import { ORG, requireRoot, SH_ONLY_TOOLS, SH_SCENARIO_SHELLS, type ShScenarioShell, type Suite, startSuite } from './harness.ts';
import { buildImage, OCI_MANIFEST } from './oci-image.ts';

const TOOLS = ['busybox', 'dash', 'docker-registry', 'htpasswd', 'containerd', 'ctr', 'docker', 'openssl'];
const runnable = requireTools(...TOOLS) && requireRoot();

/** docker's saved `user:password` for `host`, or undefined. */
function savedLogin(authFile: string, host: string): string | undefined {
  try {
    const auth = JSON.parse(readFileSync(authFile, 'utf8')).auths?.[host]?.auth;
    return auth === undefined ? undefined : Buffer.from(auth, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

describe.runIf(runnable)('the sh plugin in a shell with only sh, ctr and docker', { timeout: 60_000 }, () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await startSuite();
  }, 60_000);

  afterAll(async () => {
    await suite?.stop();
  }, 30_000);

  describe.concurrent.each(Object.keys(SH_SCENARIO_SHELLS) as ShScenarioShell[])('in %s', (shell) => {
    const slug = shell.replace(' ', '-');

    it('has no node, no deno and no profile: only sh, ctr and docker', async ({ expect }) => {
      const s = suite.shScenario(shell, 'bare');
      const probe = await s.run('eval', 'for c in node deno swr-shell cat printf ctr docker; do command -v "$c" || echo "no $c"; done');
      expect(probe.stdout.split('\n').slice(0, -1)).toEqual([
        'no node',
        'no deno',
        'no swr-shell',
        'no cat',
        'printf', // the shell's builtin
        ...SH_ONLY_TOOLS.map((tool) => `${s.env['PATH']}/${tool}`),
      ]);
    });

    it('swr_push app:v1 pushes from containerd, and swr_pull brings it into another namespace', async ({ expect }) => {
      const s = suite.shScenario(shell, 'push');
      const repo = `${slug}-app`;
      const image = buildImage(`${s.dir}/${repo}`, `${repo} from ${shell}`);
      const ref = `${suite.registry.host}/${ORG}/${repo}:v1`;
      await suite.containerd.ctr(s.namespace, 'image', 'import', '--base-name', `${suite.registry.host}/${ORG}/${repo}`, image.tar);

      const push = await s.run('swr_push', `${repo}:v1`);

      expect(push.status, push.stderr).toBe(0);
      const manifest = await suite.registry.get(`/v2/${ORG}/${repo}/manifests/v1`, suite.account, OCI_MANIFEST);
      expect(manifest.headers.get('docker-content-digest')).toBe(image.manifestDigest);

      const other = suite.shScenario(shell, 'pull');
      expect(await suite.containerd.images(other.namespace)).not.toContain(ref);
      const pull = await other.run('swr_pull', `${repo}:v1`);
      expect(pull.status, pull.stderr).toBe(0);
      expect(await suite.containerd.images(other.namespace)).toContain(ref);
    });

    it("swr_login logs docker in with the login key on stdin, and swr_logout removes docker's entry", async ({ expect }) => {
      const s = suite.shScenario(shell, 'docker');
      const authFile = `${s.env['DOCKER_CONFIG']}/config.json`;

      const login = await s.run('swr_login');

      expect(login.status, login.stderr).toBe(0);
      expect(login.stdout).toContain('Login Succeeded');
      expect(savedLogin(authFile, suite.registry.host)).toBe(`${suite.account.user}:${suite.key}`);

      const logout = await s.run('swr_logout');
      expect(logout.status, logout.stderr).toBe(0);
      expect(savedLogin(authFile, suite.registry.host)).toBeUndefined();
    });

    it('a wrong login key gets the registry 401 and pushes nothing', async ({ expect }) => {
      const s = suite.shScenario(shell, 'wrong-key', { SWR_LOGIN_KEY: 'f'.repeat(64) });
      const repo = `${slug}-denied`;
      const image = buildImage(`${s.dir}/${repo}`, repo);
      await suite.containerd.ctr(s.namespace, 'image', 'import', '--base-name', `${suite.registry.host}/${ORG}/${repo}`, image.tar);

      const push = await s.run('swr_push', `${repo}:v1`);

      expect(push.status).toBeGreaterThan(0);
      expect(push.stderr).toMatch(/401 Unauthorized/);
      expect(await suite.registry.catalog(suite.account)).not.toContain(`${ORG}/${repo}`);
    });
  });
});
