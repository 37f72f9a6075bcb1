// The hostile-input suite over every function of the plugin, in the real bash,
// zsh and fish: control characters in every value that reaches a function,
// traces (bash -x, zsh -x, fish_trace), allexport, SPEC §3's routing table,
// the profile corpus, messages, and aliases and functions named like what the
// plugin calls. The key is the one thing it looks for: it may reach a tool's
// argv (ctr) or stdin (docker, podman, nerdctl), and nowhere else.

import { afterAll, describe, expect, it } from 'vitest';
import { SHELLS, type Shell } from '../../src/core/plugin.ts';
import { AK, KEY, PROFILES } from '../support/plugin-cases.ts';
import { PROFILE_CORPUS } from '../support/profile-corpus.ts';
import { CONTROL_IMAGES, CONTROLS, DIGEST, expectCorpusVerdict, expectEachRefused, expectNoLeak, expectRouted, SETTINGS, SG, VALID } from '../support/hostile-cases.ts';
import { ROUTING_CASES, routingEnv, routingProfile } from '../support/routing-cases.ts';
import { Sandbox } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
for (const [name, text] of Object.entries(PROFILES)) sandbox.profile(name, text);
ROUTING_CASES.forEach((test, index) => sandbox.profile(`route${index}`, routingProfile(test.settings, AK, KEY)));
PROFILE_CORPUS.forEach((file, index) => sandbox.profile(`corpus${index}`, file.text));


/** Every function, with arguments that make it do its whole work. */
const EVERY_CALL: ReadonlyArray<[string, string[]]> = [
  ['swr-login', []],
  ['swr-login', ['podman']],
  ['swr-logout', []],
  ['swr-pull', ['app']],
  ['swr-push', ['app:v1']],
  ['swr-pull', [`swr.cn-north-4.myhuaweicloud.com/team/app`]],
  ['swr-ref', ['app']],
  ['swr-region', []],
  ['swr-region', ['cn-north-4']],
  // Failing paths hold the key too.
  ['swr-pull', ['App']],
  ['swr-login', ['crictl']],
];

/** A script that runs every function, each call's words passed as positional arguments. */
function everyCall(shell: Shell): { script: string; args: string[] } {
  const args = EVERY_CALL.flatMap(([fn, words]) => [String(words.length + 1), fn, ...words]);
  const script =
    shell === 'fish'
      ? 'while set -q argv[1]; set -l n $argv[1]; set -e argv[1]; $argv[1..$n]; set -e argv[1..$n]; end; true'
      : 'while [ $# -gt 0 ]; do n=$1; shift; "${@:1:$n}"; shift "$n"; done; true';
  return { script, args };
}


for (const shell of SHELLS) {
  describe.runIf(requireTools(shell))(`${shell}: hostile input`, () => {
    const plugin = sandbox.plugin(shell);
    /** Runs `fn` once per value, the value in `variable` (or, for IMAGE, as the image). */
    const eachValue = (fn: string, variable: string, values: string[], rest: string[] = []) => {
      const assign = variable === 'IMAGE' ? '' : shell === 'fish' ? `set -lx ${variable} $v; ` : `${variable}=$v `;
      const image = variable === 'IMAGE' ? (shell === 'fish' ? ' $v' : ' "$v"') : '';
      const script =
        shell === 'fish'
          ? `for v in $argv; begin; ${assign}${fn}${image} ${rest.join(' ')}; echo "status=$status"; end; end`
          : `for v in "$@"; do ${assign}${fn}${image} ${rest.join(' ')}; echo "status=$?"; done`;
      return sandbox.run(shell, plugin, script, values);
    };

    it.concurrent.each(['swr-pull', 'swr-push', 'swr-ref'])('%s refuses a control character anywhere in the image', async (fn) => {
      const result = await eachValue(fn, 'IMAGE', CONTROL_IMAGES);
      expectEachRefused(result, CONTROL_IMAGES.length, `${fn}: invalid image: it holds a control character; write the image without it.`);
      expect(result.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    });

    it('fish issue 11.1: a newline cannot cut a reference and send the key to another host', async () => {
      const image = `127.0.0.1:5556/team/app:v1\n${DIGEST}`;
      for (const fn of ['swr-pull', 'swr-ref']) {
        const result = await sandbox.call(shell, plugin, fn, [image]);
        expect(result.status).toBe(2);
        expect(result.calls).toEqual([]);
        expect(result.stdout).toBe('');
      }
    });

    it.concurrent.each(SETTINGS)('refuses a control character in %s, naming it, in every function', async (variable) => {
      const values = CONTROLS.flatMap((c) => [`${VALID[variable]}${c}`, `${c}${VALID[variable]}`]);
      for (const [fn, rest] of [['swr-login', []], ['swr-logout', []], ['swr-pull', ['app']], ['swr-ref', ['app']], ['swr-region', []]] as const) {
        const result = await eachValue(fn, variable, values, [...rest]);
        expectEachRefused(result, values.length, `${fn}: invalid ${variable}: it holds a control character; set it again without one.`);
      }
    });

    it('refuses a control character in the region given to swr-region', async () => {
      const values = CONTROLS.map((c) => `cn-north-4${c}`);
      const result = await eachValue('swr-region', 'IMAGE', values);
      expect(result.stdout).toBe('status=2\n'.repeat(values.length));
      expect(result.stderr.split('\n').slice(0, -1)).toHaveLength(values.length);
    });

    it('keeps the key out of every trace, in every function', async () => {
      const { script, args } = everyCall(shell);
      const traced = shell === 'fish' ? `set fish_trace 1\n${script}` : `set -x\n${script}`;
      const result = await sandbox.run(shell, plugin, traced, args);
      expect(result.calls.map((call) => call.tool)).toEqual(['docker', 'podman', 'docker', 'ctr', 'ctr', 'ctr']);
      expect(result.calls[3]!.argv).toContain(`ap-southeast-3@${AK}:${KEY}`);
      expect(result.stderr).toMatch(shell === 'fish' ? /^> / : /\+/m);
      expectNoLeak(result);
    });

    // fish has no allexport. (Tests that do not apply to a shell are not defined, so none shows as skipped.)
    if (shell !== 'fish') it('keeps the key out of every child under allexport, and gives the options back', async () => {
      const { script, args } = everyCall(shell);
      const result = await sandbox.run(shell, plugin, `set -a\n${script}\ncase $- in *a*) echo still-a ;; esac\nexport -p`, args);
      expect(result.calls).toHaveLength(6);
      for (const call of result.calls) expect(Object.keys(call.env).filter((name) => name.startsWith('__swr'))).toEqual([]);
      expect(result.stdout).toContain('still-a');
      expectNoLeak(result);
    });

    if (shell === 'bash') it('gives xtrace back after each function', async () => {
      const result = await sandbox.run(shell, plugin, 'set -x\nswr-ref app >/dev/null\ncase $- in *x*) echo still-x ;; esac\nswr-pull App\ncase $- in *x*) echo still-x ;; esac');
      expect(result.stdout).toBe('still-x\nstill-x\n');
    });

    it.concurrent.each(ROUTING_CASES.map((test, index) => ({ ...test, index })))('routing: $name', async (test) => {
      const result = await sandbox.call(shell, plugin, 'swr-pull', [`${test.host}/team/app:v1`], { SWR_PROFILE: `route${test.index}`, ...routingEnv(test.settings) });
      expectRouted(result, test);
    });

    it.concurrent.each(PROFILE_CORPUS.map((file, index) => ({ ...file, index })))('profile corpus: $name', async (file) => {
      const env = { SWR_PROFILE: `corpus${file.index}` };
      const result = await sandbox.call(shell, plugin, 'swr-pull', ['team/app'], env);
      await expectCorpusVerdict(file, result, () => sandbox.call(shell, plugin, 'swr-ref', ['app'], env), 'swr-pull', sandbox.home);
    });

    it('never prints a key given in place of the AK, or a bad key', async () => {
      const envs: Array<Record<string, string>> = [{ SWR_AK: KEY }, { SWR_AK: KEY, SWR_LOGIN_KEY: KEY }, { SWR_LOGIN_KEY: `${KEY}0` }, { SWR_LOGIN_KEY: KEY.toUpperCase() }];
      for (const env of envs) {
        for (const [fn, args] of [['swr-login', []], ['swr-pull', ['app']], ['swr-region', []], ['swr-ref', ['app']]] as const) {
          const result = await sandbox.call(shell, plugin, fn, [...args], env);
          expect(result.stderr.toLowerCase(), `${fn} ${JSON.stringify(env)}`).not.toContain(KEY);
        }
      }
    });

    it("every message honours the caller's 2>, from every helper", async () => {
      const calls = [
        ['swr-pull', 'App'],
        ['swr-ref', 'app\nx'],
        ['swr-region', 'mars-1'],
        ['swr-login', 'crictl'],
      ];
      const quiet = calls.map(([fn, arg]) => (shell === 'fish' ? `${fn} (builtin printf '${arg}') 2>/dev/null` : `${fn} "$(printf '${arg}')" 2>/dev/null`));
      const noSettings = shell === 'fish' ? 'SWR_PROFILE=none swr-pull app 2>/dev/null' : 'SWR_PROFILE=none swr-pull app 2>/dev/null';
      const result = await sandbox.run(shell, plugin, [...quiet, noSettings, 'true'].join('\n'));
      expect(result).toMatchObject({ stdout: '', stderr: '', calls: [] });
    });

    // Aliases of reserved words (case, if) break any shell code, and are not defended against.
    it('cannot be hijacked by aliases defined before it is loaded', async () => {
      const words = ['builtin', 'command', 'local', 'printf', 'read', 'return', 'shift', 'set', 'export', 'unset', 'shopt', 'emulate', 'type', 'whence', 'ctr', 'docker'];
      const aliases = words.map((word) => `alias ${word}='echo HIJACKED'`).join('; ');
      const prelude = shell === 'fish' ? '' : `${shell === 'bash' ? 'shopt -s expand_aliases; ' : ''}${aliases}\n`;
      const result = await sandbox.run(shell, plugin, 'swr-pull app; swr-login; swr-ref app', [], {}, [], prelude);
      expect(result.stdout).not.toContain('HIJACKED');
      expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker']);
    });

    if (shell === 'fish') it('fish issue 11.12: user functions named count, math, printf or true change nothing', async () => {
      const traps = ['count', 'math', 'printf', 'true', 'echo', 'functions', 'type'].map((name) => `function ${name}; builtin echo HIJACKED; return 1; end`).join('; ');
      const result = await sandbox.run(shell, plugin, `${traps}\nswr-ref app; swr-region cn-north-4; swr-region --reset; swr-pull app; swr-pull --plain-http app; SWR_PROJECT=ap-southeast-3_dev swr-ref app`);
      expect(result.stdout).toBe(`${SG}/team/app:latest\ncn-north-4 swr.cn-north-4.myhuaweicloud.com\nap-southeast-3 ${SG}\n${SG}/team/app:latest\n`);
      expect(result.calls).toHaveLength(2);
    });
  });
}
