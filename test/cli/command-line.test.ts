// The command line a new user meets: swr-shell alone, help, mistyped commands,
// the plugin's functions typed as commands, and the hints that name the fix.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { COMMANDS } from '../../src/parser.ts';
import { FUNCTIONS } from '../../src/core/plugin.ts';
import { functionHints } from '../../src/commands/overview.ts';
import { fakeIo, type FakeIoOptions, HOME } from '../support/io.ts';

const AK = 'TESTAKEXAMPLE123';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const PROFILE = (name: string) => `${HOME}/.config/swr-shell/${name}.conf`;
const profileText = (region: string) => `region=${region}\nproject=${region}\nak=${AK}\nlogin_key=${KEY}\n`;

async function run(args: string[], options: FakeIoOptions = {}) {
  const fake = fakeIo(options);
  const status = await main(args, fake.io);
  return { status, stdout: fake.stdout(), stderr: fake.stderr(), files: fake.vol.toJSON() as Record<string, string | null> };
}

describe('swr-shell alone and swr-shell help', () => {
  it('shows every command and every function, with status 0', async () => {
    for (const args of [[], ['help']]) {
      const result = await run(args);
      expect(result).toMatchObject({ status: 0, stderr: '' });
      for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.usage.split(' ')[0]}`);
      for (const [suffix] of FUNCTIONS) expect(result.stdout).toContain(`  swr-${suffix} `);
    }
  });

  it('help COMMAND is COMMAND --help', async () => {
    for (const command of ['configure', 'env', 'install']) {
      const help = await run(['help', command]);
      expect(help.status).toBe(0);
      expect(help.stdout).toBe((await run([command, '--help'])).stdout);
      expect(help.stdout).toContain(`swr-shell ${command}`);
    }
    expect(await run(['help', 'confgure'])).toMatchObject({ status: 2, stderr: expect.stringContaining('did you mean configure?') });
  });

  it('-v is --version', async () => {
    const version = await run(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await run(['-v'])).toEqual(version);
  });
});

describe('a command that is not one', () => {
  it.each([
    ['confgure', 'configure'],
    ['regoins', 'regions'],
    ['instal', 'install'],
    ['k8s-secrets', 'k8s-secret'],
  ])('%s gets the nearest name, %s', async (typed, meant) => {
    const result = await run([typed]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`swr-shell: unknown command "${typed}" (did you mean ${meant}?): run swr-shell --help for the list of commands.\n`);
  });

  it('a word like no command gets no guess', async () => {
    expect((await run(['kubernetes'])).stderr).not.toContain('did you mean');
  });

  it.each(['pull', 'push', 'ref', 'logout', 'region'])('%s points to its function', async (name) => {
    const result = await run([name, 'app:v1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`"${name}" is a function of the shell plugin, not a command`);
    expect(result.stderr).toContain(`run swr-${name} `);
    expect(result.stderr).toContain('swr-shell install');
  });

  it('the function hints are the functions that are not also commands', () => {
    const hints = functionHints([...COMMANDS, { usage: 'login', describe: 'a command of its own' }]);
    expect(hints.has('login')).toBe(false);
    expect([...functionHints([]).keys()]).toEqual(FUNCTIONS.map(([suffix]) => suffix));
  });
});

describe('options', () => {
  it.each([
    [['configure', '--region']],
    [['configure', '--region', '--ak', AK]],
    [['env', '--profile']],
    [['env', '--format', '--no-secret']],
  ])('%j: a string option without a value says it needs one', async (args) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^swr-shell: --\S+ needs a value: run swr-shell \S+ --help for what it takes.\n$/);
    expect(result.stderr).not.toContain('unknown region');
  });

  it('an empty value given as such is still a value (--registry "" clears)', async () => {
    const result = await run(['configure', '--registry', ''], { files: { [PROFILE('default')]: profileText('ap-southeast-3') } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('containerd-config takes --config-version, and --version is swr-shell\'s', async () => {
    const files = { [PROFILE('default')]: profileText('ap-southeast-3') };
    expect((await run(['containerd-config', '--config-version', '3'], { files })).stdout).toContain('io.containerd.cri.v1.images');
    expect((await run(['containerd-config', '--version'], { files })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('hints name the profile that was asked for', () => {
  it.each([
    [['env', '--profile', 'nope'], {}],
    [['env'], { SWR_PROFILE: 'nope' }],
    [['k8s-secret', '--profile', 'nope'], {}],
  ])('%j %j', async (args, env) => {
    const result = await run(args, { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Run swr-shell configure --profile nope --region REGION');
  });

  it('the default profile needs no --profile in the hint', async () => {
    expect((await run(['env'])).stderr).toContain('Run swr-shell configure --region REGION');
  });

  it('configure of a new profile without a region', async () => {
    const result = await run(['configure', '--profile', 'partner']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('swr-shell configure --profile partner --region ap-southeast-3');
  });
});

describe('messages after the work', () => {
  it('configure suggests the next steps', async () => {
    const result = await run(['configure', '--region', 'ap-southeast-3', '--ak', AK, '--sk-stdin'], { stdin: 'testSecretKeyExample0123456789abcdefABCD\n' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Next: swr-shell check asks the registry');
    expect(result.stdout).toContain('swr-shell install adds');
    const other = await run(['configure', '--profile', 'work', '--region', 'ap-southeast-3', '--ak', AK, '--sk-stdin'], { stdin: 'testSecretKeyExample0123456789abcdefABCD\n' });
    expect(other.stdout).toContain('Next: swr-shell check --profile work asks');
  });

  it('install --profile warns when that profile does not exist, and not when it does', async () => {
    const missing = await run(['install', 'bash', '--mode', 'eval', '--profile', 'partner']);
    expect(missing.status).toBe(0);
    expect(missing.stderr).toContain('profile "partner" does not exist yet');
    expect(missing.stderr).toContain('swr-shell configure --profile partner');
    const present = await run(['install', 'bash', '--mode', 'eval', '--profile', 'partner'], { files: { [PROFILE('partner')]: profileText('ap-southeast-3') } });
    expect(present.stderr).not.toContain('does not exist');
  });

  it('install names a linked dotfile without doubled parentheses', async () => {
    const fake = fakeIo({ files: { [`${HOME}/dotfiles/bashrc`]: '# mine\n' } });
    (fake.fs as unknown as { symlinkSync(target: string, path: string): void }).symlinkSync(`${HOME}/dotfiles/bashrc`, `${HOME}/.bashrc`);
    expect(await main(['install', 'bash', '--mode', 'eval'], fake.io)).toBe(0);
    expect(fake.stdout()).toMatch(new RegExp(`^added {5}${HOME}/\\.bashrc \\(a link to ${HOME}/dotfiles/bashrc; bash, eval mode\\)\n`));
  });

  it('install\'s "not on PATH" note says how to install from a clone', async () => {
    const result = await run(['install', 'bash'], { env: { PATH: '/nowhere' } });
    expect(result.stderr).toContain('npm pack, then npm install -g ./swr-shell-VERSION.tgz');
  });

  it('docker-config --dry-run ends with a newline', async () => {
    const result = await run(['docker-config', '--dry-run'], { files: { [PROFILE('default')]: profileText('ap-southeast-3') } });
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });
});
