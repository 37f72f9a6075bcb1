// swr-shell profiles and login-key from a profile: what is stored, shown
// without a key; a profile removed; the stored key printed for docker login.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { fakeIo, type FakeIoOptions, HOME } from '../support/io.ts';

const AK = 'TESTAKEXAMPLE123';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const OTHER_KEY = 'a'.repeat(64);
const DIR = `${HOME}/.config/swr-shell`;
const FILES = {
  [`${DIR}/default.conf`]: `region=ap-southeast-3\nproject=ap-southeast-3\norg=team\nak=${AK}\nlogin_key=${KEY}\n`,
  [`${DIR}/partner.conf`]: `region=xx-partner-1\nproject=xx-partner-1_dev\nregistry=registry.partner.example:5000\nak=OTHERAK1234\nlogin_key=${OTHER_KEY}\n`,
  [`${DIR}/broken.conf`]: 'colour=blue\n',
  [`${DIR}/notes.txt`]: 'not a profile\n',
};

async function run(args: string[], options: FakeIoOptions = {}) {
  const fake = fakeIo({ files: FILES, ...options });
  const status = await main(args, fake.io);
  return { status, stdout: fake.stdout(), stderr: fake.stderr(), files: fake.vol.toJSON() as Record<string, string | null> };
}

describe('swr-shell profiles', () => {
  it('lists each profile with region, registry, user and org, marks the selected one, and shows no key', async () => {
    const result = await run(['profiles']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ {2}PROFILE +REGION +REGISTRY +USER +ORG$/);
    expect(lines[1]).toMatch(/^ {2}broken +cannot read profile .*broken\.conf: line 1/);
    expect(lines[2]).toMatch(/^\* default +ap-southeast-3 +swr\.ap-southeast-3\.myhuaweicloud\.com +ap-southeast-3@TESTAKEXAMPLE123 +team$/);
    expect(lines[3]).toMatch(/^ {2}partner +xx-partner-1 +registry\.partner\.example:5000 +xx-partner-1_dev@OTHERAK1234$/);
    expect(lines).toHaveLength(4);
    expect(result.stdout).not.toContain(KEY);
    expect(result.stdout).not.toContain(OTHER_KEY);
  });

  it('--json: the same, selected by SWR_PROFILE', async () => {
    const result = await run(['profiles', '--json'], { env: { SWR_PROFILE: 'partner' } });
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row['name'], row['selected']])).toEqual([['broken', false], ['default', false], ['partner', true]]);
    expect(rows[2]).toEqual({
      name: 'partner',
      selected: true,
      region: 'xx-partner-1',
      project: 'xx-partner-1_dev',
      registry: 'registry.partner.example:5000',
      user: 'xx-partner-1_dev@OTHERAK1234',
    });
    expect(rows[0]!['error']).toContain('line 1');
    expect(result.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('no profiles: says how to make one', async () => {
    const result = await run(['profiles'], { files: {} });
    expect(result).toMatchObject({ status: 0, stdout: '' });
    expect(result.stderr).toContain('swr-shell configure writes one');
    expect(JSON.parse((await run(['profiles', '--json'], { files: {} })).stdout)).toEqual([]);
  });

  it('--remove deletes that profile only; a missing one is an error that changes nothing', async () => {
    const removed = await run(['profiles', '--remove', 'partner']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toBe(`Removed profile "partner" (${DIR}/partner.conf).\n`);
    expect(Object.keys(removed.files).sort()).toEqual([`${DIR}/broken.conf`, `${DIR}/default.conf`, `${DIR}/notes.txt`, `${HOME}/.keep`]);
    const missing = await run(['profiles', '--remove', 'nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('there is no profile "nope"');
    expect(Object.keys(missing.files)).toHaveLength(5);
    expect((await run(['profiles', '--remove', '../default'])).status).toBe(2);
  });
});

describe('swr-shell login-key without an SK source', () => {
  it("prints the selected profile's stored key", async () => {
    expect(await run(['login-key'])).toMatchObject({ status: 0, stdout: `${KEY}\n`, stderr: '' });
    expect((await run(['login-key', '--profile', 'partner'])).stdout).toBe(`${OTHER_KEY}\n`);
    expect((await run(['login-key'], { env: { SWR_PROFILE: 'partner' } })).stdout).toBe(`${OTHER_KEY}\n`);
  });

  it('the environment wins, as everywhere: SWR_AK and SWR_LOGIN_KEY', async () => {
    const result = await run(['login-key'], { env: { SWR_AK: 'CIAKEXAMPLE1', SWR_LOGIN_KEY: 'b'.repeat(64) } });
    expect(result.stdout).toBe(`${'b'.repeat(64)}\n`);
  });

  it('no profile and no SK: a usage error naming both ways', async () => {
    const result = await run(['login-key', '--profile', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no secret key given, and no profile "nope" whose key to print');
    expect(result.stderr).toContain('--credentials');
  });

  it('a terminal does not change that; --ak alone still asks for the SK', async () => {
    expect((await run(['login-key'], { terminal: true })).stdout).toBe(`${KEY}\n`);
    const asked = await run(['login-key', '--ak', AK], { terminal: true, typed: 'testSecretKeyExample0123456789abcdefABCD' });
    expect(asked.stderr).toContain('Secret access key (SK) for TESTAKEXAMPLE123');
    expect(asked.stdout).toBe(`${KEY}\n`);
  });
});
