// The rendered plugin in the real bash, zsh and fish, for the default and a
// --cmd prefix: the exact argv and stdin each function gives its tool (seen by
// recording stand-ins that are the shell's whole PATH), what it prints, and
// that bad input runs nothing. The cases are test/support/plugin-cases.ts.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHELLS, type Shell } from '../../src/core/plugin.ts';
import { AK, CASES, expectCase, HOSTILE_ENV, HOSTILE_IMAGES, KEY, PROFILES } from '../support/plugin-cases.ts';
import { Sandbox } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
for (const [name, text] of Object.entries(PROFILES)) sandbox.profile(name, text);

const VARIANTS = ['swr', 'hw'] as const;

for (const shell of SHELLS) {
  describe.runIf(requireTools(shell))(`${shell} plugin`, () => {
    for (const prefix of VARIANTS) {
      describe(`--cmd ${prefix}`, () => {
        const plugin = sandbox.plugin(shell, prefix);

        it.concurrent.each(CASES)('$name', async (test) => {
          const result = await sandbox.call(shell, plugin, `${prefix}-${test.fn}`, test.args, test.env);
          expectCase(result, test, prefix);
        });

        it.concurrent.each(HOSTILE_IMAGES)('refuses the image %j and runs nothing', async (image) => {
          for (const fn of ['pull', 'push', 'ref']) {
            const result = await sandbox.call(shell, plugin, `${prefix}-${fn}`, [image]);
            expect(result.status, `${fn} ${image}`).toBe(2);
            expect(result.stderr).toMatch(new RegExp(`^${prefix}-${fn}: `));
            expect(result.calls).toEqual([]);
            expect(result.stdout).toBe('');
          }
          expect(existsSync(join(sandbox.home, 'pwned'))).toBe(false);
        });

        it.concurrent.each(HOSTILE_ENV)('refuses %j and runs nothing', async (env) => {
          for (const fn of ['login', 'pull']) {
            const result = await sandbox.call(shell, plugin, `${prefix}-${fn}`, fn === 'pull' ? ['app'] : [], env);
            expect(result.status, `${fn} with ${JSON.stringify(env)}: ${result.stderr}`).toBeGreaterThan(0);
            expect(result.stderr).toMatch(new RegExp(`^${prefix}-${fn}: (invalid|unknown|cannot read)`));
            expect(result.calls).toEqual([]);
          }
          expect(existsSync(join(sandbox.home, 'pwned'))).toBe(false);
        });
      });
    }

    it('switches the region for the rest of the session, and exports only SWR_REGION', async () => {
      const plugin = sandbox.plugin(shell);
      const script =
        shell === 'fish'
          ? 'swr-region cn-north-4 >/dev/null; swr-ref app; swr-pull app; set -S SWR_REGION | string match -q "*exported*"; and echo exported'
          : 'swr-region cn-north-4 >/dev/null; swr-ref app; swr-pull app; case "$(export -p)" in *SWR_REGION=*cn-north-4*) echo exported ;; esac';
      const result = await sandbox.run(shell, plugin, script, [], { SWR_PROJECT: 'ap-southeast-3_dev' });
      expect(result.stdout).toBe('swr.cn-north-4.myhuaweicloud.com/team/app:latest\nexported\n');
      expect(result.stderr).toMatch(/^swr-region: note: SWR_PROJECT=ap-southeast-3_dev belongs to another region; unset it\.\n$/);
      expect(result.calls).toHaveLength(1);
      expect(result.calls[0]!.argv[3]).toBe(`cn-north-4@${AK}:${KEY}`);
      expect(result.calls[0]!.env['SWR_REGION']).toBe('cn-north-4');
    });

    it('reads a profile written after the plugin was loaded', async () => {
      const plugin = sandbox.plugin(shell);
      const write =
        shell === 'fish'
          ? `builtin printf 'region=la-south-2\\norg=late\\nak=${AK}\\nlogin_key=${KEY}\\n' > $HOME/.config/swr-shell/late.conf`
          : `printf 'region=la-south-2\\norg=late\\nak=${AK}\\nlogin_key=${KEY}\\n' > "$HOME/.config/swr-shell/late.conf"`;
      const result = await sandbox.run(shell, plugin, `${write}; swr-ref app`, [], { SWR_PROFILE: 'late' });
      expect(result.stdout).toBe('swr.la-south-2.myhuaweicloud.com/late/app:latest\n');
    });

    it('pins a profile with --profile, over SWR_PROFILE', async () => {
      const plugin = sandbox.plugin(shell, 'hw', 'dev');
      const result = await sandbox.call(shell, plugin, 'hw-pull', ['app'], { SWR_PROFILE: 'default' });
      expect(result.calls.map((call) => call.argv[3])).toEqual([`ap-southeast-3_dev@${AK}:${KEY}`]);
    });

    it('keeps the key out of the environment and out of every variable, after each function', async () => {
      const plugin = sandbox.plugin(shell);
      // Every variable and exported variable; set prints match variables (MATCH, BASH_REMATCH) too.
      const dump = shell === 'fish' ? 'set -x; set' : 'export -p; set';
      const script = ['swr-login', 'swr-logout', 'swr-pull app', 'swr-push app', 'swr-ref app', 'swr-region']
        .map((call) => `${call} >/dev/null; echo "== ${call}"; ${dump}`)
        .join('\n');
      const result = await sandbox.run(shell, plugin, script);
      expect(result.status).toBe(0);
      expect(result.calls.map((call) => call.tool)).toEqual(['docker', 'docker', 'ctr', 'ctr']);
      expect(result.stdout.split('\n').filter((line) => line.startsWith('== '))).toHaveLength(6);
      expect(result.stdout).not.toContain(KEY);
      expect(result.stdout).toContain('SWR_TEST_CALLS');
      for (const call of result.calls) expect(Object.values(call.env).join('\n')).not.toContain(KEY);
    });

    it('cannot be hijacked by aliases or functions named like its tools and builtins', async () => {
      const plugin = sandbox.plugin(shell);
      const traps =
        shell === 'fish'
          ? 'function ctr; echo HIJACKED; end; function printf; echo HIJACKED; end; function docker; echo HIJACKED; end'
          : `${shell === 'bash' ? 'shopt -s expand_aliases; ' : ''}alias ctr='echo HIJACKED'; alias docker='echo HIJACKED'; ` +
            'ctr() { echo HIJACKED; }; printf() { echo HIJACKED; }; read() { echo HIJACKED; }; local() { echo HIJACKED; }; ' +
            'shift() { echo HIJACKED; }; return() { echo HIJACKED; }';
      const result = await sandbox.run(shell, plugin, `${traps}\nswr-pull app\nswr-login`, [], {});
      expect(result.stdout).not.toContain('HIJACKED');
      expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker']);
      expect(result.calls[1]!.stdin).toBe(KEY);
    });

    it('loads silently, twice, starting nothing', async () => {
      const plugin = sandbox.plugin(shell);
      const result = await sandbox.run(shell, plugin, shell === 'fish' ? `source ${plugin}` : `. '${plugin}'`);
      expect(result).toMatchObject({ status: 0, stdout: '', stderr: '', calls: [] });
    });
  });
}

describe.runIf(requireTools('bash', 'zsh'))('case-insensitive matching set by the user', () => {
  const cases: Array<[Shell, string, string]> = [
    ['bash', 'shopt -s nocasematch', 'shopt -q nocasematch && echo still-set'],
    ['zsh', 'setopt no_case_match', '[[ -o casematch ]] || echo still-set'],
  ];
  it.each(cases)('%s: validation stays case-sensitive, and the option is given back', async (shell, set, check) => {
    const plugin = sandbox.plugin(shell);
    const script = `${set}\nswr-pull App:V1; echo "status=$?"\nSWR_ORG=BAD swr-ref x; echo "status=$?"\nswr-ref REGISTRY.EXAMPLE.COM/org/app; echo "status=$?"\n${check}`;
    const result = await sandbox.run(shell, plugin, script);
    expect(result.stdout).toBe('status=2\nstatus=2\nstatus=2\nstill-set\n');
    expect(result.calls).toEqual([]);
  });
});

describe.runIf(requireTools('bash', 'zsh'))('strict modes', () => {
  it.each(['bash', 'zsh'] as Shell[])('%s functions work under set -euo pipefail', async (shell) => {
    const plugin = sandbox.plugin(shell);
    const result = await sandbox.run(shell, plugin, 'swr-pull app; swr-ref app; swr-region; swr-login', [], {}, ['-e', '-u', '-o', 'pipefail']);
    expect(result.stderr).toMatch(/^swr-login: logging docker in to [^\n]*\n$/);
    expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker']);
  });
});
