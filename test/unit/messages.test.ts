// SPEC section 2: no value that could be a secret appears in any message. A
// secret-looking value (an SK, a login key) is planted in every input of every
// command, one at a time: each flag, each positional, each setting in the
// environment, each field of the profile, standard input, the credential
// helper's verbs. Nothing the command prints, on either stream, may hold it or
// any 16-character piece of it.

import { describe, expect, it } from 'vitest';
import { credentialHelper } from '../../src/core/credential-helper.ts';
import { main } from '../../src/main.ts';
import { fakeIo, HOME } from '../support/io.ts';

const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

/** What a user might paste in the wrong place: an SK, and a login key (starting with a digit, so no organization name). */
const PLANTED = {
  sk: 'Q7vXk2LmN9pR4sT6uW8yZ1aB3cD5eF0gH2jK4mN6',
  'login key': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
} as const;

const PROFILE = `region=ap-southeast-3\nproject=ap-southeast-3\nak=${AK}\nlogin_key=${KEY}\n`;
const PROFILE_PATH = `${HOME}/.config/swr-shell/default.conf`;
const CSV = `User Name,Access Key Id,Secret Access Key\nuser,${AK},${SK}\n`;

interface Case {
  /**
   * The value is accepted here as data that the command prints (a secret's
   * name in its manifest): its standard output may show it, its messages not.
   */
  readonly data?: boolean;
  /** swr-shell's arguments, or docker-credential-swr's with `helper`. */
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** The profile file, when not the valid one. */
  readonly profile?: string;
  readonly helper?: boolean;
}

const SETTINGS = ['SWR_PROFILE', 'SWR_REGION', 'SWR_PROJECT', 'SWR_ORG', 'SWR_AK', 'SWR_LOGIN_KEY', 'SWR_RUNTIME'];
const PROFILE_FIELDS = ['region', 'project', 'org', 'registry', 'ak', 'login_key'];
const SETTINGS_READERS = [['env'], ['env', '--format', 'json'], ['k8s-secret'], ['containerd-config'], ['docker-config', '--dry-run'], ['doctor']];

function cases(secret: string): Array<[string, Case]> {
  const all: Array<[string, Case]> = [];
  const add = (name: string, plant: Case): void => void all.push([name, plant]);
  // Flags of configure and login-key that take a value, and the stray word.
  for (const flag of ['--ak', '--region', '--project', '--org', '--registry', '--profile', '--credentials']) {
    add(`configure ${flag}`, { args: ['configure', '--region', 'ap-southeast-3', '--credentials', `${HOME}/credentials.csv`, flag, secret] });
  }
  add('login-key --ak', { args: ['login-key', '--ak', secret, '--sk-stdin'], stdin: SK });
  add('login-key --credentials', { args: ['login-key', '--credentials', secret] });
  add('--sk-stdin=VALUE', { args: ['configure', '--region', 'ap-southeast-3', '--ak', AK, `--sk-stdin=${secret}`], stdin: SK });
  add('--json=VALUE', { args: ['regions', `--json=${secret}`] });
  add('--sk VALUE', { args: ['configure', '--region', 'ap-southeast-3', `--sk=${secret}`] });
  add('a stray argument', { args: ['configure', '--region', 'ap-southeast-3', '--ak', AK, '--sk-stdin', secret], stdin: SK });
  add('a stray argument of env', { args: ['env', secret] });
  add('an unknown flag', { args: ['env', `--${secret}`] });
  add('an unknown flag with a value', { args: ['env', `--token=${secret}`] });
  add('an unknown command', { args: [secret] });
  add('help for an unknown command', { args: ['help', secret] });
  add('swapped HUAWEICLOUD_SDK_AK and _SK', { args: ['configure', '--region', 'ap-southeast-3'], env: { HUAWEICLOUD_SDK_AK: secret, HUAWEICLOUD_SDK_SK: AK } });
  add('HUAWEICLOUD_SDK_AK', { args: ['login-key'], env: { HUAWEICLOUD_SDK_AK: secret, HUAWEICLOUD_SDK_SK: SK } });
  add('the SK on stdin with a wrong AK', { args: ['login-key', '--ak', 'x', '--sk-stdin'], stdin: secret });
  add('env --format', { args: ['env', '--format', secret] });
  add('k8s-secret --name', { args: ['k8s-secret', '--name', secret], data: true });
  add('k8s-secret --namespace', { args: ['k8s-secret', '--namespace', secret] });
  add('containerd-config --config-version', { args: ['containerd-config', '--config-version', secret] });
  for (const command of ['init', 'completion', 'install', 'uninstall']) add(`${command} SHELL`, { args: [command, secret] });
  add('init --cmd', { args: ['init', 'bash', '--cmd', secret] });
  add('init --profile', { args: ['init', 'bash', '--profile', secret] });
  add('install --mode', { args: ['install', 'bash', '--mode', secret] });
  add('install --cmd', { args: ['install', 'bash', '--cmd', secret] });
  // Every setting of the environment, and every field of the profile, read by every command that reads them;
  // a login key where the login key goes is no mistake.
  const isKey = /^[0-9a-f]{64}$/.test(secret);
  for (const reader of SETTINGS_READERS) {
    for (const variable of SETTINGS) if (!(isKey && variable === 'SWR_LOGIN_KEY')) add(`${reader.join(' ')} with ${variable}`, { args: reader, env: { [variable]: secret } });
    for (const field of PROFILE_FIELDS) {
      if (isKey && field === 'login_key') continue;
      const profile = PROFILE.includes(`${field}=`) ? PROFILE.replace(new RegExp(`^${field}=.*$`, 'm'), `${field}=${secret}`) : `${PROFILE}${field}=${secret}\n`;
      add(`${reader.join(' ')} with the profile's ${field}`, { args: reader, profile });
    }
    add(`${reader.join(' ')} with a stray line in the profile`, { args: reader, profile: `${PROFILE}${secret}\n` });
  }
  // The credential helper: its verbs, its input, the settings and the profile it reads.
  add('helper verb', { helper: true, args: [secret] });
  add('helper argument', { helper: true, args: ['get', secret] });
  add('helper input', { helper: true, args: ['get'], stdin: `${secret}\n` });
  for (const verb of ['get', 'list']) {
    for (const variable of SETTINGS) {
      if (isKey && variable === 'SWR_LOGIN_KEY') continue;
      add(`helper ${verb} with ${variable}`, { helper: true, args: [verb], env: { [variable]: secret, SWR_REGION: 'ap-southeast-3' }, stdin: 'swr.ap-southeast-3.myhuaweicloud.com' });
    }
    for (const field of PROFILE_FIELDS) {
      if (isKey && field === 'login_key') continue;
      add(`helper ${verb} with the profile's ${field}`, {
        helper: true,
        args: [verb],
        profile: PROFILE.replace(new RegExp(`^${field}=.*$`, 'm'), `${field}=${secret}`),
        stdin: 'swr.ap-southeast-3.myhuaweicloud.com',
      });
    }
  }
  return all;
}

/** Every 16-character piece of `secret`: none may show, not just the whole. */
function pieces(secret: string): string[] {
  return Array.from({ length: secret.length - 15 }, (_, index) => secret.slice(index, index + 16));
}

describe.each(Object.entries(PLANTED))('a planted %s', (_, secret) => {
  it.each(cases(secret))('%s: shows up in no output', async (_name, plant) => {
    const fake = fakeIo({
      env: { PATH: '/nowhere', ...plant.env },
      stdin: plant.stdin,
      files: { [PROFILE_PATH]: plant.profile ?? PROFILE, [`${HOME}/credentials.csv`]: CSV },
    });
    const status = plant.helper ? await credentialHelper(plant.args, fake.io) : await main(plant.args, fake.io);
    const output = plant.data && status === 0 ? fake.stderr() : `${fake.stdout()}\n${fake.stderr()}`;
    for (const piece of pieces(secret)) expect(output, `status ${status}:\n${output}`).not.toContain(piece);
  });
});
