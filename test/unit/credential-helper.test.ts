// The credential-helper protocol on memfs: every verb, which profile answers
// for which host, and the refusals. test/cli/credential-helper.test.ts runs the
// built bin, test/e2e/skopeo.test.ts a client that uses it.

import { describe, expect, it } from 'vitest';
import {
  credentialHelper,
  MAX_SERVER_URL,
  NOT_FOUND,
  registryHostOf,
  USAGE,
} from '../../src/core/credential-helper.ts';
import { writeProfile, type Profile } from '../../src/core/profile.ts';
import { fakeIo, type FakeIoOptions } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const OTHER_KEY = 'a'.repeat(64);
const SINGAPORE = 'swr.ap-southeast-3.myhuaweicloud.com';

const singapore: Profile = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', ak: 'TESTAKEXAMPLE123', loginKey: KEY };
const beijing: Profile = { region: 'cn-north-4', project: 'cn-north-4', ak: 'BEIJINGAK0001', loginKey: OTHER_KEY };
const partner: Profile = { region: 'xx-east-1', project: 'xx-east-1', registry: 'registry.partner.example:5000', ak: 'PARTNERAK001', loginKey: OTHER_KEY };

async function helper(args: string[], profiles: Record<string, Profile>, options: FakeIoOptions = {}) {
  const fake = fakeIo(options);
  for (const [name, profile] of Object.entries(profiles)) writeProfile(fake.fs, fake.io.env, name, profile);
  const status = await credentialHelper(args, fake.io);
  return { status, stdout: fake.stdout(), stderr: fake.stderr() };
}

const get = (host: string, profiles: Record<string, Profile>, env: Record<string, string> = {}) =>
  helper(['get'], profiles, { stdin: host, env });

const answer = (stdout: string) => JSON.parse(stdout) as { ServerURL: string; Username: string; Secret: string };

describe('docker-credential-swr get', () => {
  it("answers for a profile's registry with its project and key", async () => {
    const { status, stdout } = await get(`${SINGAPORE}\n`, { default: singapore });
    expect(status).toBe(0);
    expect(answer(stdout)).toEqual({ ServerURL: SINGAPORE, Username: 'ap-southeast-3_dev@TESTAKEXAMPLE123', Secret: KEY });
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  it('answers for a partner registry with a port', async () => {
    const { stdout } = await get('registry.partner.example:5000', { default: singapore, partner });
    expect(answer(stdout)).toMatchObject({ Username: 'xx-east-1@PARTNERAK001', Secret: OTHER_KEY });
  });

  it("answers for any region's SWR host with that region's default project, preferring the default profile", async () => {
    const { stdout } = await get('swr.eu-west-101.myhuaweicloud.eu', { aaa: beijing, default: singapore });
    expect(answer(stdout)).toMatchObject({ Username: 'eu-west-101@TESTAKEXAMPLE123', Secret: KEY });
  });

  it('uses the profile whose registry it is, not the default, for its host', async () => {
    const { stdout } = await get('swr.cn-north-4.myhuaweicloud.com', { default: singapore, beijing });
    expect(answer(stdout)).toMatchObject({ Username: 'cn-north-4@BEIJINGAK0001', Secret: OTHER_KEY });
  });

  it('keeps the default profile for its own host when another profile has the same registry', async () => {
    const twin: Profile = { ...singapore, project: 'ap-southeast-3', ak: 'TWINAKEXAMPLE1', loginKey: OTHER_KEY };
    const { stdout } = await get(SINGAPORE, { default: singapore, zzz: twin });
    expect(answer(stdout)).toEqual({ ServerURL: SINGAPORE, Username: 'ap-southeast-3_dev@TESTAKEXAMPLE123', Secret: KEY });
    const named = await get(SINGAPORE, { aaa: twin, bbb: singapore });
    expect(answer(named.stdout)).toMatchObject({ Username: 'ap-southeast-3@TWINAKEXAMPLE1' });
  });

  it('takes the first profile in name order when there is no default', async () => {
    const { stdout } = await get('swr.af-south-1.myhuaweicloud.com', { zeta: singapore, alpha: beijing });
    expect(answer(stdout)).toMatchObject({ Username: 'af-south-1@BEIJINGAK0001' });
  });

  it("does not lend a partner cloud's key to a public region", async () => {
    const { status, stdout } = await get('swr.af-south-1.myhuaweicloud.com', { partner });
    expect([status, stdout]).toEqual([1, `${NOT_FOUND}\n`]);
  });

  it('accepts a scheme, a trailing slash and upper case, and echoes the server URL as sent', async () => {
    const sent = `https://SWR.ap-southeast-3.myhuaweicloud.com/`;
    const { stdout } = await get(`  ${sent}  \n`, { default: singapore });
    expect(answer(stdout)).toMatchObject({ ServerURL: sent, Username: 'ap-southeast-3_dev@TESTAKEXAMPLE123' });
  });

  it('answers from the environment alone, as CI sets it, with no profile', async () => {
    const env = { SWR_REGION: 'ap-southeast-3', SWR_AK: 'CIAKEXAMPLE01', SWR_LOGIN_KEY: OTHER_KEY };
    const { stdout } = await get(SINGAPORE, {}, env);
    expect(answer(stdout)).toEqual({ ServerURL: SINGAPORE, Username: 'ap-southeast-3@CIAKEXAMPLE01', Secret: OTHER_KEY });
  });

  it('answers for the environment and for the profile file when SWR_REGION moved this shell elsewhere', async () => {
    const env = { SWR_REGION: 'cn-north-4' };
    const profiles = { default: singapore };
    expect(answer((await get('swr.cn-north-4.myhuaweicloud.com', profiles, env)).stdout).Username).toBe('cn-north-4@TESTAKEXAMPLE123');
    expect(answer((await get(SINGAPORE, profiles, env)).stdout).Username).toBe('ap-southeast-3_dev@TESTAKEXAMPLE123');
  });

  it('says "credentials not found" on standard output for an unknown host, status 1', async () => {
    for (const host of ['docker.io', 'https://index.docker.io/v1/', 'swr.ap-southeast-3.myhuaweicloud.com.evil.example', '127.0.0.1:5000']) {
      const { status, stdout } = await get(host, { default: singapore, partner });
      expect([host, status, stdout]).toEqual([host, 1, `${NOT_FOUND}\n`]);
    }
  });

  it('says "credentials not found" when nothing is configured', async () => {
    expect(await get(SINGAPORE, {})).toEqual({ status: 1, stdout: `${NOT_FOUND}\n`, stderr: '' });
  });

  it('skips a broken profile with a note on standard error and answers from the others', async () => {
    const fake = fakeIo({ stdin: SINGAPORE, files: { '/home/user/.config/swr-shell/broken.conf': 'region=nowhere\n' } });
    writeProfile(fake.fs, fake.io.env, 'default', singapore);
    expect(await credentialHelper(['get'], fake.io)).toBe(0);
    expect(answer(fake.stdout()).Secret).toBe(KEY);
    expect(fake.stderr()).toMatch(/^docker-credential-swr: skipped a profile: cannot use profile .*broken\.conf/);
  });

  it('refuses empty standard input with a message, status 1', async () => {
    for (const input of ['', ' \n\t\n']) {
      const { status, stdout } = await get(input, { default: singapore });
      expect(status).toBe(1);
      expect(stdout).toMatch(/^docker-credential-swr: get reads a registry host on standard input.*it got nothing\.\n$/);
    }
  });

  it(`refuses more than ${MAX_SERVER_URL} bytes of standard input`, async () => {
    expect((await get('a'.repeat(MAX_SERVER_URL), { default: singapore })).stdout).toBe(`${NOT_FOUND}\n`);
    const { status, stdout } = await get('a'.repeat(MAX_SERVER_URL + 1), { default: singapore });
    expect(status).toBe(1);
    expect(stdout).toContain(`it got more than ${MAX_SERVER_URL} bytes`);
    // Bytes, not characters: 342 three-byte characters are 1026 bytes.
    expect((await get('€'.repeat(342), { default: singapore })).stdout).toContain(`it got more than ${MAX_SERVER_URL} bytes`);
  });

  it('reports an invalid SWR_PROFILE as an error on standard output', async () => {
    const { status, stdout } = await get(SINGAPORE, { default: singapore }, { SWR_PROFILE: 'no/such' });
    expect(status).toBe(1);
    expect(stdout).toMatch(/^docker-credential-swr: SWR_PROFILE: invalid profile name "no\/such"/);
  });
});

describe('docker-credential-swr list, store, erase, version', () => {
  it('lists every profile as {host: user}, the default first', async () => {
    const { status, stdout } = await helper(['list'], { beijing, default: singapore, partner });
    expect(status).toBe(0);
    expect(stdout).toBe(
      JSON.stringify({
        [SINGAPORE]: 'ap-southeast-3_dev@TESTAKEXAMPLE123',
        'swr.cn-north-4.myhuaweicloud.com': 'cn-north-4@BEIJINGAK0001',
        'registry.partner.example:5000': 'xx-east-1@PARTNERAK001',
      }) + '\n',
    );
  });

  it('lists nothing as {} when nothing is configured', async () => {
    expect(await helper(['list'], {})).toEqual({ status: 0, stdout: '{}\n', stderr: '' });
  });

  it('accepts store and erase, reads their input and writes nothing', async () => {
    for (const verb of ['store', 'erase']) {
      const fake = fakeIo({ stdin: JSON.stringify({ ServerURL: SINGAPORE, Username: 'u', Secret: 's' }) });
      writeProfile(fake.fs, fake.io.env, 'default', singapore);
      const before = JSON.stringify(fake.vol.toJSON());
      expect(await credentialHelper([verb], fake.io)).toBe(0);
      expect([fake.stdout(), fake.stderr()]).toEqual(['', '']);
      expect(JSON.stringify(fake.vol.toJSON())).toBe(before);
    }
  });

  it('prints its version for version and --version', async () => {
    for (const verb of ['version', '--version']) {
      const { status, stdout } = await helper([verb], {});
      expect(status).toBe(0);
      expect(stdout).toMatch(/^docker-credential-swr \(swr-shell\) \d+\.\d+\.\d+\S*\n$/);
    }
  });

  it('prints usage on standard output for --help and -h alone; with more, --help is not a verb', async () => {
    for (const flag of ['--help', '-h']) expect(await helper([flag], {})).toEqual({ status: 0, stdout: USAGE, stderr: '' });
    expect(await helper(['--help', 'get'], {})).toEqual({ status: 2, stdout: '', stderr: `docker-credential-swr: unknown verb "--help".\n${USAGE}` });
  });

  it('skips a broken profile on list too, with the same note', async () => {
    const fake = fakeIo({ files: { '/home/user/.config/swr-shell/broken.conf': 'region=nowhere\n' } });
    writeProfile(fake.fs, fake.io.env, 'default', singapore);
    expect(await credentialHelper(['list'], fake.io)).toBe(0);
    expect(fake.stdout()).toBe(`${JSON.stringify({ [SINGAPORE]: 'ap-southeast-3_dev@TESTAKEXAMPLE123' })}\n`);
    expect(fake.stderr()).toMatch(/^docker-credential-swr: skipped a profile: cannot use profile [^\n]*broken\.conf[^\n]*\n$/);
  });

  it('shows the stack of a failure on standard error only with SWR_SHELL_DEBUG=1', async () => {
    const quiet = await helper(['get'], {}, { stdin: '' });
    expect([quiet.status, quiet.stderr]).toEqual([1, '']);
    const debug = await helper(['get'], {}, { stdin: '', env: { SWR_SHELL_DEBUG: '1' } });
    expect(debug.stdout).toBe(quiet.stdout);
    expect(debug.stderr).toMatch(/^Failure: get reads a registry host on standard input, such as swr\.ap-southeast-3\.myhuaweicloud\.com; it got nothing\.\n\s+at /);
  });

  it('prints usage on standard output for --help', async () => {
    const { status, stdout } = await helper(['--help'], {});
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: docker-credential-swr <get\|list\|store\|erase\|version>/);
  });

  it('refuses an unknown verb, a missing verb and extra arguments with usage on standard error, status 2', async () => {
    for (const [args, why] of [
      [['fetch'], 'unknown verb "fetch"'],
      [[], 'no verb given'],
      [['get', 'extra'], 'unexpected argument "extra"'],
      [['constructor'], 'unknown verb "constructor"'],
    ] as const) {
      const { status, stdout, stderr } = await helper([...args], {});
      expect([status, stdout]).toEqual([2, '']);
      expect(stderr).toMatch(new RegExp(`^docker-credential-swr: ${why}\\.\\nUsage: `));
    }
  });
});

describe('registryHostOf', () => {
  it.each([
    ['swr.ap-southeast-3.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com'],
    ['https://swr.ap-southeast-3.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com'],
    ['http://127.0.0.1:5000/', '127.0.0.1:5000'],
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['1http://swr.example.com', '1http:'],
    ['localhost:5000/a+b://c', 'localhost:5000'],
    ['SWR.CN-NORTH-4.myhuaweicloud.com', 'swr.cn-north-4.myhuaweicloud.com'],
  ])('%s is %s', (url, host) => {
    expect(registryHostOf(url)).toBe(host);
  });
});
