// The commands in-process, on memfs: what they print, what they write, and
// that a failure writes nothing.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { fakeIo, type FakeIoOptions, HOME } from '../support/io.ts';

const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const CSV = `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nbob,${AK},${SK}\r\n`;
const PROFILE = `${HOME}/.config/swr-shell/default.conf`;

async function run(args: string[], options: FakeIoOptions = {}) {
  const fake = fakeIo({ files: { [`${HOME}/credentials.csv`]: CSV }, ...options });
  const status = await main(args, fake.io);
  const files = fake.vol.toJSON() as Record<string, string | null>;
  return { status, stdout: fake.stdout(), stderr: fake.stderr(), files, fs: fake.fs, fake };
}

/** Every byte the command left on the virtual disk, to look for the SK. */
const everything = (files: Record<string, string | null>) => Object.entries(files).flat().join('\n');

describe('configure', () => {
  it('stores the derived key from credentials.csv (BOM, CRLF), never the SK', async () => {
    const result = await run(['configure', '--region', 'ap-southeast-3', '--org', 'team', '--credentials', `${HOME}/credentials.csv`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.files[PROFILE]).toContain(`login_key=${KEY}`);
    expect(result.files[PROFILE]).toContain('org=team');
    expect(everything(result.files).split(SK)).toHaveLength(2); // only in credentials.csv itself
    expect(result.fs.statSync(PROFILE).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain('user      ap-southeast-3@TESTAKEXAMPLE123');
    expect(result.stdout).not.toContain(KEY);
  });

  it('reads the SK from standard input with --sk-stdin', async () => {
    const result = await run(['configure', '--region', 'cn-north-4', '--ak', AK, '--sk-stdin'], { stdin: `${SK}\n` });
    expect(result.status).toBe(0);
    expect(result.files[PROFILE]).toContain(`login_key=${KEY}`);
  });

  it('reads HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK', async () => {
    const result = await run(['configure', '--region', 'eu-west-101'], {
      env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK },
    });
    expect(result.status).toBe(0);
    expect(result.files[PROFILE]).toContain(`login_key=${KEY}`);
    expect(result.stdout).toContain('swr.eu-west-101.myhuaweicloud.eu');
  });

  it('asks for the SK on a terminal, without echo', async () => {
    const result = await run(['configure', '--region', 'ap-southeast-3', '--ak', AK], { terminal: true, typed: SK });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Secret access key (SK) for TESTAKEXAMPLE123');
    expect(result.files[PROFILE]).toContain(`login_key=${KEY}`);
  });

  it('writes a sub-project and a partner registry', async () => {
    const result = await run([
      'configure',
      '--region',
      'xx-partner-1',
      '--registry',
      'registry.partner.example:8443',
      '--project',
      'xx-partner-1_dev',
      '--credentials',
      `${HOME}/credentials.csv`,
    ]);
    expect(result.status).toBe(0);
    expect(result.files[PROFILE]).toContain('registry=registry.partner.example:8443');
    expect(result.stdout).toContain('user      xx-partner-1_dev@TESTAKEXAMPLE123');
  });

  it('changes only what is given on an existing profile, keeping the key', async () => {
    const fake = fakeIo({ files: { [`${HOME}/credentials.csv`]: CSV } });
    expect(await main(['configure', '--region', 'ap-southeast-3', '--credentials', `${HOME}/credentials.csv`], fake.io)).toBe(0);
    expect(await main(['configure', '--org', 'other'], fake.io)).toBe(0);
    const text = String(fake.fs.readFileSync(PROFILE, 'utf8'));
    expect(text).toContain('org=other');
    expect(text).toContain(`login_key=${KEY}`);
    expect(fake.stdout()).toContain('The login key was kept.');
  });

  it.each([
    [['configure', '--credentials', 'credentials.csv'], 'does not exist yet: give its region'],
    [['configure', '--region', 'ap-southeast-33', '--credentials', `${HOME}/credentials.csv`], 'did you mean ap-southeast-3?'],
    [['configure', '--region', 'ap-southeast-3', '--credentials', `${HOME}/missing.csv`], 'cannot read credentials file "/home/user/missing.csv": it does not exist'],
    [['configure', '--region', 'ap-southeast-3', '--credentials', HOME], 'it is a directory'],
    [['configure', '--region', 'ap-southeast-3'], 'no secret key given'],
    [['configure', '--region', 'ap-southeast-3', '--ak', 'OTHERAK12345', '--credentials', `${HOME}/credentials.csv`], 'does not match the AK'],
    [['configure', '--region', 'ap-southeast-3', '--sk-stdin', '--credentials', `${HOME}/credentials.csv`], 'use one of them'],
    [['configure', '--region', 'ap-southeast-3', '--sk-stdin'], 'add --ak AK'],
    [['configure', '--region', 'ap-southeast-3', '--org', 'Team', '--credentials', `${HOME}/credentials.csv`], 'upper case'],
    [['configure', '--region', 'ap-southeast-3', '--org', '$(id)', '--credentials', `${HOME}/credentials.csv`], 'invalid organization "$(id)"'],
    [['configure', '--region', 'ap-southeast-3', '--project', 'dev', '--credentials', `${HOME}/credentials.csv`], '"ap-southeast-3_dev"'],
    [['configure', '--region', 'ap-southeast-3', '--project', 'cn-north-4_dev', '--credentials', `${HOME}/credentials.csv`], 'it belongs to region cn-north-4'],
    [['configure', '--region', 'ap-southeast-3', '--project', 'ap-southeast-3_', '--credentials', `${HOME}/credentials.csv`], 'its sub-project name "" is empty'],
    [['configure', '--region', 'ap-southeast-3', '--ak', 'short', '--sk-stdin'], 'it is 5 characters long (at least 10)'],
    [['configure', '--region', 'ap-southeast-3', '--registry', 'https://x.example', '--credentials', `${HOME}/credentials.csv`], 'no scheme'],
    [['configure', '--region', 'ap-southeast-3', '--profile', '../x', '--credentials', `${HOME}/credentials.csv`], 'invalid profile name'],
    [['configure', '--region', 'ap-southeast-3', '--region', 'cn-north-4', '--credentials', `${HOME}/credentials.csv`], 'given 2 times'],
    [['configure', '--region', 'ap-southeast-3', `--sk=${SK}`], 'there is no --sk flag'],
    [['configure', '--region', 'ap-southeast-3', '--secret-key', SK], 'there is no --secret-key flag'],
  ])('refuses %j with status 2 and writes nothing', async (args, message) => {
    const result = await run(args, { stdin: 'not-a-valid-sk' });
    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain(SK);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(Object.keys(result.files).filter((path) => path.includes('swr-shell'))).toEqual([]);
  });

  it('never shows a value of a credentials.csv whose row does not line up with its header', async () => {
    const shifted = `User Name,Access Key Id,Secret Access Key\n${AK},${SK}\n`;
    const result = await run(['login-key', '--credentials', `${HOME}/short.csv`], { files: { [`${HOME}/short.csv`]: shifted } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('its row of keys has 2 fields, its header 3');
    expect(result.stderr).not.toContain(SK);
  });

  it('refuses a flag without a value in place of a boolean', async () => {
    const result = await run(['configure', '--sk-stdin=yes', '--ak', AK], { stdin: SK });
    expect(result).toMatchObject({ status: 2, stderr: expect.stringContaining('--sk-stdin takes no value: write --sk-stdin alone.') });
  });

  it('refuses a malformed SK from stdin without echoing it', async () => {
    const result = await run(['configure', '--region', 'ap-southeast-3', '--ak', AK, '--sk-stdin'], { stdin: 'secret with spaces 12345678901234567890' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid secret key from standard input');
    expect(result.stderr).not.toContain('secret with spaces');
  });
});

describe('login-key', () => {
  it('prints the key for credentials.csv, stdin and the environment', async () => {
    expect((await run(['login-key', '--credentials', `${HOME}/credentials.csv`])).stdout).toBe(`${KEY}\n`);
    expect((await run(['login-key', '--ak', AK, '--sk-stdin'], { stdin: SK })).stdout).toBe(`${KEY}\n`);
    expect((await run(['login-key'], { env: { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK } })).stdout).toBe(`${KEY}\n`);
  });
  it('says where an SK can come from when none is given', async () => {
    const result = await run(['login-key', '--ak', AK]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--credentials credentials.csv');
  });
});

describe('env', () => {
  const configured = {
    [`${HOME}/credentials.csv`]: CSV,
    [PROFILE]: `region=ap-southeast-3\nproject=ap-southeast-3_dev\norg=team\nak=${AK}\nlogin_key=${KEY}\n`,
  };
  const expected = {
    SWR_REGION: 'ap-southeast-3',
    SWR_PROJECT: 'ap-southeast-3_dev',
    SWR_REGISTRY: 'swr.ap-southeast-3.myhuaweicloud.com',
    SWR_ORG: 'team',
    SWR_AK: AK,
    SWR_USER: `ap-southeast-3_dev@${AK}`,
    SWR_LOGIN_KEY: KEY,
  };

  it('prints dotenv lines without quotes or comments', async () => {
    const result = await run(['env'], { files: configured });
    expect(result.stdout).toBe(Object.entries(expected).map(([name, value]) => `${name}=${value}\n`).join(''));
  });
  it('prints sh, fish and JSON', async () => {
    expect((await run(['env', '--format', 'sh'], { files: configured })).stdout).toContain(`export SWR_USER='ap-southeast-3_dev@${AK}'\n`);
    expect((await run(['env', '--format', 'fish'], { files: configured })).stdout).toContain(`set -gx SWR_LOGIN_KEY ${KEY}\n`);
    expect(JSON.parse((await run(['env', '--format', 'json'], { files: configured })).stdout)).toEqual(expected);
  });
  it('takes --secret, the default, as a flag of its own', async () => {
    const result = await run(['env', '--secret'], { files: configured });
    expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining(`SWR_LOGIN_KEY=${KEY}`) });
  });
  it('names the variable that holds a bad value', async () => {
    for (const [name, value, message] of [
      ['SWR_ORG', 'Bad', 'SWR_ORG: invalid organization "Bad"'],
      ['SWR_REGION', 'ap-southeast-33', 'SWR_REGION: unknown region "ap-southeast-33": did you mean ap-southeast-3?'],
      ['SWR_PROFILE', '../x', 'SWR_PROFILE: invalid profile name "../x"'],
      ['SWR_LOGIN_KEY', 'xyz', 'invalid login key in SWR_LOGIN_KEY'],
    ] as const) {
      const result = await run(['env'], { files: configured, env: { [name]: value } });
      expect(result.stderr, name).toContain(message);
      expect(result.status).toBe(2);
    }
  });
  it('leaves the key out with --no-secret', async () => {
    const result = await run(['env', '--no-secret'], { files: configured });
    expect(result.stdout).not.toContain(KEY);
    expect(result.stdout).toContain('SWR_USER=');
  });
  it('applies the environment over the profile, as the functions do', async () => {
    const result = await run(['env', '--format', 'json'], { files: configured, env: { SWR_REGION: 'cn-north-4', SWR_ORG: 'other' } });
    expect(JSON.parse(result.stdout)).toMatchObject({ SWR_REGION: 'cn-north-4', SWR_PROJECT: 'cn-north-4', SWR_ORG: 'other', SWR_USER: `cn-north-4@${AK}` });
  });
  it('writes --output with mode 0600', async () => {
    const result = await run(['env', '--output', `${HOME}/project/.env`], { files: { ...configured, [`${HOME}/project/.keep`]: '' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.files[`${HOME}/project/.env`]).toContain(`SWR_LOGIN_KEY=${KEY}`);
    expect(result.fs.statSync(`${HOME}/project/.env`).mode & 0o777).toBe(0o600);
  });
  it.each([
    [['env'], {}, 1, 'no SWR settings'],
    [['env', '--format', 'yaml'], configured, 2, 'unknown format "yaml": use dotenv, sh, fish, json'],
    [['env', '--output', `${HOME}/missing/dir/.env`], configured, 1, `its directory ${HOME}/missing/dir does not exist; create it first`],
    [['env', '--profile', 'a b'], configured, 2, 'invalid profile name'],
  ])('fails for %j', async (args, files, status, message) => {
    const result = await run(args, { files });
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('regions', () => {
  it('lists 35 regions with names and hosts', async () => {
    const lines = (await run(['regions'])).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(36);
    expect(lines).toContainEqual(expect.stringMatching(/^eu-west-101\s+EU-Dublin\s+swr\.eu-west-101\.myhuaweicloud\.eu$/));
  });
  it('refuses a value for --json', async () => {
    expect(await run(['regions', '--json=maybe'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--json takes no value') });
  });
  it('prints JSON', async () => {
    const rows = JSON.parse((await run(['regions', '--json'])).stdout);
    expect(rows).toHaveLength(35);
    expect(rows).toContainEqual({ id: 'ap-southeast-3', name: 'AP-Singapore', registry: 'swr.ap-southeast-3.myhuaweicloud.com' });
  });
});

describe('init', () => {
  it.each(['bash', 'zsh', 'fish'])('prints the %s plugin, holding no key', async (shell) => {
    const result = await run(['init', shell], { files: { [PROFILE]: `region=ap-southeast-3\nak=${AK}\nlogin_key=${KEY}\n` } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`plugin for ${shell}`);
    expect(result.stdout).not.toContain(KEY);
    expect(result.stdout).not.toContain(AK);
  });
  it('detects the shell from the parent process, then $SHELL', async () => {
    expect((await run(['init'], { parent: 'zsh', env: { SHELL: '/bin/bash' } })).stdout).toContain('plugin for zsh');
    expect((await run(['init'], { parent: 'node', env: { SHELL: '/usr/bin/fish' } })).stdout).toContain('plugin for fish');
    const neither = await run(['init'], { parent: 'node', env: { SHELL: '/bin/tcsh' } });
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('name it, as in swr-shell init bash');
  });
  it.each(['sh', 'dash', '-dash', '/usr/bin/busybox', 'ash', 'ksh', 'ksh93', 'mksh', '-mksh', 'yash', 'posh'])(
    'serves the sh variant to a %s parent',
    async (parent) => {
      const result = await run(['init'], { parent, env: { SHELL: '/bin/bash' } });
      expect(result.stdout).toContain('plugin for POSIX sh, from `swr-shell init sh`');
      expect(result.stdout).toContain('swr_login() (');
    },
  );
  it('serves the sh variant where $SHELL is /bin/sh, and names the functions with "_"', async () => {
    expect((await run(['init'], { parent: 'node', env: { SHELL: '/bin/sh' } })).stdout).toContain('plugin for POSIX sh');
    const result = await run(['init', 'sh', '--cmd', 'hw', '--profile', 'partner']);
    expect(result.stdout).toMatch(/^hw_login\(\) \($/m);
    expect(result.stdout).toContain("    __swr_do_client hw_login 'partner' login ${1+\"$@\"}\n)");
    expect(result.stdout).not.toMatch(/swr_login|hw-/);
  });
  it('refuses a --cmd prefix with "-" for sh, naming one without', async () => {
    const result = await run(['init', 'sh', '--cmd', 'my-swr']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toContain('invalid --cmd prefix "my-swr" for sh: POSIX sh allows no "-" in a function name; use letters, digits and "_" (for example --cmd my_swr).');
  });
  it('renames the functions with --cmd and pins --profile', async () => {
    const result = await run(['init', 'bash', '--cmd', 'hw', '--profile', 'partner']);
    expect(result.stdout).toContain('function hw-login {');
    expect(result.stdout).toContain("__swr_do_client hw-login 'partner' login \"$@\"");
    expect(result.stdout).not.toContain('function swr-login');
  });
  it.each([
    [['init', 'tcsh'], 'unknown shell "tcsh"'],
    [['init', 'bash', '--cmd', 'a;b'], 'invalid --cmd prefix "a;b"'],
    [['init', 'bash', '--cmd', ''], 'invalid --cmd prefix ""'],
    [['init', 'bash', '--cmd'], '--cmd needs a value'],
    [['init', 'bash', '--profile'], '--profile needs a value'],
    [['init', 'bash', '--profile', '$(id)'], 'invalid profile name "$(id)"'],
    [['init', 'bash', 'zsh'], 'unknown argument "zsh"'],
    [['init', '--bogus'], 'unknown argument "--bogus"'],
  ])('refuses %j with status 2', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe('the command line', () => {
  it('prints help and the version on stdout', async () => {
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['init', 'configure', 'login-key', 'env', 'regions']) expect(help.stdout).toContain(`swr-shell ${command}`);
    expect((await run(['configure', '--help'])).stdout).toContain('--sk-stdin');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
  it('refuses unknown commands with status 2', async () => {
    expect(await run(['nope'])).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "nope"') });
  });
});
