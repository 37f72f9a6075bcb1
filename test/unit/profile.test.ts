// Profiles on memfs: paths, format, modes, atomic writes, and the settings
// precedence that the plugin's shell code mirrors.

import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import type { FileSystem } from '../../src/core/fs.ts';
import {
  configDir,
  configureCommand,
  formatProfile,
  homeDir,
  listProfiles,
  parseProfile,
  type Profile,
  profileName,
  readProfile,
  removeProfile,
  writeProfile,
} from '../../src/core/profile.ts';
import { requireCredentials, resolveSettings } from '../../src/core/settings.ts';
import { fakeIo, HOME } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const PROFILE: Profile = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', org: 'team', ak: 'TESTAKEXAMPLE123', loginKey: KEY };

describe('profile paths', () => {
  it('follows XDG_CONFIG_HOME when it is absolute', () => {
    expect(configDir({ HOME })).toBe(`${HOME}/.config/swr-shell`);
    expect(configDir({ HOME, XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/swr-shell');
    expect(configDir({ HOME, XDG_CONFIG_HOME: 'relative' })).toBe(`${HOME}/.config/swr-shell`);
  });
  it('picks the pinned profile, then SWR_PROFILE, then default', () => {
    expect(profileName({})).toBe('default');
    expect(profileName({ SWR_PROFILE: 'prod' })).toBe('prod');
    expect(profileName({ SWR_PROFILE: 'prod' }, 'ci')).toBe('ci');
    expect(() => profileName({ SWR_PROFILE: '../../etc/passwd' })).toThrow(/invalid profile name/);
  });
});

describe('writeProfile and readProfile', () => {
  it('round-trips a profile in a 0600 file inside a 0700 directory', () => {
    const { fs, io } = fakeIo();
    const path = writeProfile(fs, io.env, 'default', PROFILE);
    expect(path).toBe(`${HOME}/.config/swr-shell/default.conf`);
    expect(fs.statSync(path).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${HOME}/.config/swr-shell`).mode & 0o777).toBe(0o700);
    expect(readProfile(fs, io.env, 'default')).toEqual({ ...PROFILE, registry: undefined });
    expect(listProfiles(fs, io.env)).toEqual(['default']);
  });

  it('tightens a config directory that exists with looser permissions', () => {
    const { fs, io } = fakeIo();
    fs.mkdirSync(`${HOME}/.config/swr-shell`, { recursive: true, mode: 0o755 });
    writeProfile(fs, io.env, 'default', PROFILE);
    expect(fs.statSync(`${HOME}/.config/swr-shell`).mode & 0o777).toBe(0o700);
  });

  it('creates missing parents 0700 too, as the XDG base directory spec asks of ~/.config', () => {
    const { fs, io } = fakeIo();
    writeProfile(fs, io.env, 'default', PROFILE);
    expect(fs.statSync(`${HOME}/.config`).mode & 0o777).toBe(0o700);
  });

  it('lists the profiles sorted, whatever order the directory gives', () => {
    const { fs, io } = fakeIo();
    for (const name of ['prod', 'ci', 'default']) writeProfile(fs, io.env, name, PROFILE);
    fs.writeFileSync(`${HOME}/.config/swr-shell/notes.txt`, '');
    // memfs lists a directory sorted; a real one need not.
    const unsorted: FileSystem = { ...fs, readdirSync: ((path: string) => (fs.readdirSync(path) as string[]).reverse()) as FileSystem['readdirSync'] };
    expect(listProfiles(unsorted, io.env)).toEqual(['ci', 'default', 'prod']);
  });

  it('replaces the file by rename, leaving no temporary file behind', () => {
    const { fs, io } = fakeIo();
    writeProfile(fs, io.env, 'default', PROFILE);
    const before = fs.statSync(`${HOME}/.config/swr-shell/default.conf`).ino;
    writeProfile(fs, io.env, 'default', { ...PROFILE, org: 'other' });
    expect(fs.statSync(`${HOME}/.config/swr-shell/default.conf`).ino).not.toBe(before);
    expect(fs.readdirSync(`${HOME}/.config/swr-shell`)).toEqual(['default.conf']);
  });

  it('keeps the old profile when the write fails', () => {
    const { fs, io } = fakeIo();
    writeProfile(fs, io.env, 'default', PROFILE);
    const failing: FileSystem = {
      ...fs,
      writeSync: () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    } as FileSystem;
    expect(() => writeProfile(failing, io.env, 'default', { ...PROFILE, org: 'other' })).toThrow(/the disk is full/);
    expect(readProfile(fs, io.env, 'default')?.org).toBe('team');
    expect(fs.readdirSync(`${HOME}/.config/swr-shell`)).toEqual(['default.conf']);
  });

  it('writes everything when the file system takes a few bytes at a time', () => {
    const { fs, io } = fakeIo();
    const trickling = { ...fs, writeSync: (fd: number, data: Uint8Array) => fs.writeSync(fd, data.subarray(0, 4)) } as FileSystem;
    writeProfile(trickling, io.env, 'default', PROFILE);
    expect(readProfile(fs, io.env, 'default')).toEqual({ ...PROFILE, registry: undefined });
  });

  it('reports a missing profile as undefined and an unreadable one as a failure naming it', () => {
    const { fs, io } = fakeIo({ files: { [`${HOME}/.config/swr-shell/broken.conf`]: 'region=ap-southeast-3\nak=\n' } });
    expect(readProfile(fs, io.env, 'default')).toBeUndefined();
    expect(() => readProfile(fs, io.env, 'broken')).toThrow(/broken\.conf: it has no ak= line/);
  });

  it('never stores anything but the listed keys', () => {
    const text = formatProfile('default', PROFILE);
    expect(text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('=')[0])).toEqual([
      'region',
      'project',
      'org',
      'ak',
      'login_key',
    ]);
  });
});

describe('parseProfile', () => {
  const ok = 'region=ap-southeast-3\nak=TESTAKEXAMPLE123\nlogin_key=' + KEY + '\n';
  it('accepts CRLF and comments, and defaults the project to the region', () => {
    expect(parseProfile('# c\r\n' + ok.replaceAll('\n', '\r\n'), 'p').project).toBe('ap-southeast-3');
  });
  it.each([
    ['an unknown key', ok + 'secret=x\n', 'line 4'],
    ['a line without =', ok + 'oops\n', 'line 4'],
    ['a hostile org', ok + 'org=$(id)\n', 'invalid organization'],
    ['a project of another region', ok + 'project=cn-north-4_dev\n', 'invalid project'],
    ['a bad key', 'region=ap-southeast-3\nak=TESTAKEXAMPLE123\nlogin_key=xyz\n', 'invalid login key'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseProfile(text, '/p.conf')).toThrow(Failure);
    expect(() => parseProfile(text, '/p.conf')).toThrow(message);
  });
});

describe('resolveSettings', () => {
  const resolve = (env: Record<string, string>, profile: Profile | undefined = PROFILE) =>
    resolveSettings({ HOME, ...env }, 'default', profile);

  it('uses the profile when the environment is silent', () => {
    expect(resolve({})).toMatchObject({
      region: 'ap-southeast-3',
      project: 'ap-southeast-3_dev',
      registry: 'swr.ap-southeast-3.myhuaweicloud.com',
      org: 'team',
      loginKey: KEY,
    });
  });
  it('lets the environment win, field by field', () => {
    expect(resolve({ SWR_ORG: 'other', SWR_REGISTRY: 'localhost:5000' })).toMatchObject({ org: 'other', registry: 'localhost:5000' });
  });
  it("drops the profile's project and registry in another region", () => {
    const settings = resolve({ SWR_REGION: 'eu-west-101' }, { ...PROFILE, registry: 'partner.example' });
    expect(settings).toMatchObject({ project: 'eu-west-101', registry: 'swr.eu-west-101.myhuaweicloud.eu' });
  });
  it("uses the profile's key only with the profile's AK", () => {
    expect(resolve({ SWR_AK: 'OTHERAK0001' }).loginKey).toBeUndefined();
    expect(() => requireCredentials(resolve({ SWR_AK: 'OTHERAK0001' }))).toThrow(/SWR_LOGIN_KEY is not/);
    expect(resolve({ SWR_LOGIN_KEY: 'f'.repeat(64) })).toMatchObject({ ak: 'TESTAKEXAMPLE123', loginKey: 'f'.repeat(64) });
  });
  it('works from the environment alone, as in CI', () => {
    const env = { HOME, SWR_REGION: 'cn-north-4', SWR_AK: 'CIAKEXAMPLE1', SWR_LOGIN_KEY: 'a'.repeat(64) };
    const settings = resolveSettings(env, 'default', undefined);
    expect(requireCredentials(settings).user).toBe('cn-north-4@CIAKEXAMPLE1');
  });
  it('says how to configure when there is nothing', () => {
    expect(() => resolveSettings({ HOME }, 'default', undefined)).toThrow(/swr-shell configure --region REGION/);
  });
  it('refuses hostile values from the environment', () => {
    expect(() => resolve({ SWR_REGION: 'ap-southeast-3;id' })).toThrow(/unknown region/);
    expect(() => resolve({ SWR_ORG: 'a b' })).toThrow(/invalid organization/);
    expect(() => resolve({ SWR_PROJECT: 'x$(id)' })).toThrow(/invalid project/);
    expect(() => resolve({ SWR_REGISTRY: 'a b' })).toThrow(/invalid registry host/);
  });
});

describe('profile files, to the letter', () => {
  const denied = (what: string) => () => {
    throw Object.assign(new Error(`${what} denied`), { code: 'EACCES' });
  };

  it('refuses a HOME that is not set or not absolute', () => {
    const message = 'HOME is not set to an absolute path; set it and try again.';
    expect(() => homeDir({})).toThrow(message);
    expect(() => homeDir({ HOME: 'home/user' })).toThrow(message);
    expect(homeDir({ HOME })).toBe(HOME);
  });

  it('names the configure command of a profile, with --profile unless it is the default one', () => {
    expect(configureCommand('default')).toBe('swr-shell configure');
    expect(configureCommand('prod')).toBe('swr-shell configure --profile prod');
  });

  it('writes the profile format exactly: two comment lines, then the keys, each line ended', () => {
    expect(formatProfile('prod', { ...PROFILE, registry: 'registry.example:5000' })).toBe(
      '# swr-shell profile "prod", written by swr-shell configure.\n' +
        '# It holds the SWR login key (derived from the AK and SK), never the secret key.\n' +
        'region=ap-southeast-3\nproject=ap-southeast-3_dev\norg=team\nregistry=registry.example:5000\n' +
        `ak=TESTAKEXAMPLE123\nlogin_key=${KEY}\n`,
    );
  });

  it('reads a profile that starts with a byte order mark', () => {
    expect(parseProfile(`\uFEFFregion=ap-southeast-3\nak=TESTAKEXAMPLE123\nlogin_key=${KEY}\n`, 'p').region).toBe('ap-southeast-3');
  });

  it('names the line and what is wrong with it', () => {
    const ok = `region=ap-southeast-3\nak=TESTAKEXAMPLE123\nlogin_key=${KEY}\n`;
    const fix = 'Fix the line or run swr-shell configure again.';
    expect(() => parseProfile(ok + 'org=a\0b\n', '/p.conf')).toThrow(`cannot read profile /p.conf: line 4 holds a NUL byte. ${fix}`);
    expect(() => parseProfile('# \x1b[31m\n' + ok, '/p.conf')).toThrow(`cannot read profile /p.conf: line 1 holds a control character. ${fix}`);
    const notAKey = `is not one of region=, project=, org=, registry=, ak=, login_key=. ${fix}`;
    expect(() => parseProfile(ok + 'secret=x\n', '/p.conf')).toThrow(`cannot read profile /p.conf: line 4 ${notAKey}`);
    // A line without "=" is refused even when it is a key and one more character.
    expect(() => parseProfile('akx\n' + ok, '/p.conf')).toThrow(`cannot read profile /p.conf: line 1 ${notAKey}`);
  });

  it('accepts an unknown region only with a registry host', () => {
    const rest = `ak=TESTAKEXAMPLE123\nlogin_key=${KEY}\n`;
    expect(() => parseProfile('region=xx-partner-1\n' + rest, '/p.conf')).toThrow(/cannot use profile \/p\.conf: unknown region "xx-partner-1"/);
    expect(parseProfile('region=xx-partner-1\nregistry=swr.partner.example\n' + rest, '/p.conf')).toMatchObject({
      region: 'xx-partner-1',
      registry: 'swr.partner.example',
    });
  });

  it('reads a profile of 64 KiB and refuses one byte more', () => {
    const { fs, io } = fakeIo();
    const path = writeProfile(fs, io.env, 'default', PROFILE);
    const text = formatProfile('default', PROFILE);
    const padded = (size: number) => text + '#'.repeat(size - text.length - 1) + '\n';
    fs.writeFileSync(path, padded(64 * 1024));
    expect(readProfile(fs, io.env, 'default')).toEqual({ ...PROFILE, registry: undefined });
    fs.writeFileSync(path, padded(64 * 1024 + 1));
    expect(() => readProfile(fs, io.env, 'default')).toThrow(path);
  });

  it('fails, naming the directory, when it cannot make the config directory private', () => {
    const { fs, io } = fakeIo();
    const locked = { ...fs, chmodSync: denied('chmod') } as FileSystem;
    expect(() => writeProfile(locked, io.env, 'default', PROFILE)).toThrow(
      `cannot restrict the permissions of ${HOME}/.config/swr-shell: permission denied.`,
    );
  });

  it('lists no profiles when there is no config directory, and fails on one it cannot read', () => {
    const { fs, io } = fakeIo();
    expect(listProfiles(fs, io.env)).toEqual([]);
    const locked = { ...fs, readdirSync: denied('readdir') } as unknown as FileSystem;
    expect(() => listProfiles(locked, io.env)).toThrow(`cannot list ${HOME}/.config/swr-shell: permission denied.`);
  });

  it('removes a profile, returning its path; undefined when there is none; a failure naming it otherwise', () => {
    const { fs, io } = fakeIo();
    const path = writeProfile(fs, io.env, 'prod', PROFILE);
    writeProfile(fs, io.env, 'ci', PROFILE);
    expect(removeProfile(fs, io.env, 'prod')).toBe(path);
    expect(() => fs.statSync(path)).toThrow(/ENOENT/);
    expect(listProfiles(fs, io.env)).toEqual(['ci']);
    expect(removeProfile(fs, io.env, 'prod')).toBeUndefined();
    const locked = { ...fs, unlinkSync: denied('unlink') } as FileSystem;
    expect(() => removeProfile(locked, io.env, 'ci')).toThrow(`cannot remove ${HOME}/.config/swr-shell/ci.conf: permission denied.`);
    expect(listProfiles(fs, io.env)).toEqual(['ci']);
  });
});
