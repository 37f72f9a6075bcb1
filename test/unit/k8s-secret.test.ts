// The pull secret, read back as Kubernetes would: the manifest parsed as YAML,
// its .dockerconfigjson decoded, and the auth field decoded again.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateNamespace, validateSecretName } from '../../src/core/kubernetes.ts';
import { writeProfile, type Profile } from '../../src/core/profile.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const PROFILE: Profile = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', ak: 'TESTAKEXAMPLE123', loginKey: KEY };

async function secret(args: string[], env: Record<string, string> = {}) {
  const fake = fakeIo({ env });
  writeProfile(fake.fs, fake.io.env, 'default', PROFILE);
  await dispatch(['k8s-secret', ...args], fake.io);
  return { text: fake.stdout(), manifest: parse(fake.stdout()) };
}

const fromBase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

describe('swr-shell k8s-secret', () => {
  it('prints a kubernetes.io/dockerconfigjson Secret with the profile login', async () => {
    const { manifest } = await secret([]);
    expect(manifest).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/dockerconfigjson' });
    expect(manifest.metadata).toEqual({ name: 'swr-pull-secret' });
    const config = JSON.parse(fromBase64(manifest.data['.dockerconfigjson']));
    const user = 'ap-southeast-3_dev@TESTAKEXAMPLE123';
    expect(config).toEqual({
      auths: { 'swr.ap-southeast-3.myhuaweicloud.com': { username: user, password: KEY, auth: expect.any(String) } },
    });
    expect(fromBase64(config.auths['swr.ap-southeast-3.myhuaweicloud.com'].auth)).toBe(`${user}:${KEY}`);
  });

  it('takes --name and --namespace', async () => {
    const { manifest } = await secret(['--name', 'swr.team-a', '--namespace', 'prod-1']);
    expect(manifest.metadata).toEqual({ name: 'swr.team-a', namespace: 'prod-1' });
  });

  it('follows the environment as the plugin does', async () => {
    const { manifest } = await secret([], { SWR_REGION: 'eu-west-101' });
    const config = JSON.parse(fromBase64(manifest.data['.dockerconfigjson']));
    expect(Object.keys(config.auths)).toEqual(['swr.eu-west-101.myhuaweicloud.eu']);
    expect(config.auths['swr.eu-west-101.myhuaweicloud.eu'].username).toBe('eu-west-101@TESTAKEXAMPLE123');
  });

  it('says in a comment how to apply it', async () => {
    expect((await secret([])).text).toMatch(/^# .*\n(# .*\n)*apiVersion: v1\n/);
    expect((await secret([])).text).toContain('swr-shell k8s-secret | kubectl apply -f -');
  });

  it.each([['Swr'], ['-a'], ['a-'], ['a_b'], ['a..b'], [''], ['a'.repeat(254)]])('refuses the name %j', async (name) => {
    await expect(secret([`--name=${name}`])).rejects.toThrow(/^invalid secret name/);
  });

  it.each([['a.b'], ['Prod'], ['x-'], [''], ['a'.repeat(64)]])('refuses the namespace %j', async (namespace) => {
    await expect(secret(['--namespace', namespace])).rejects.toThrow(/^invalid namespace/);
  });

  it('accepts names at the length limits', () => {
    expect(validateSecretName(`${'a'.repeat(63)}.${'b'.repeat(63)}`)).toContain('.');
    expect(validateNamespace('a'.repeat(63))).toHaveLength(63);
    expect(validateNamespace('0-a')).toBe('0-a');
  });

  it('fails without a login key, printing nothing', async () => {
    const fake = fakeIo({ env: { SWR_REGION: 'ap-southeast-3' } });
    await expect(dispatch(['k8s-secret'], fake.io)).rejects.toThrow(/no access key/);
    expect(fake.stdout()).toBe('');
  });
});
