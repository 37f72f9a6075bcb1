// The hostile-input suite of test/shell/plugin-hostile.test.ts for the sh
// variant, in every POSIX shell: control characters in every value, traces
// (set -x), allexport, SPEC §3's routing table, the profile corpus, and
// aliases named like what the plugin calls. The key may reach ctr's argv and
// the login clients' stdin, and nowhere else.

import { afterAll, describe, expect, it } from 'vitest';
import { AK, KEY, PROFILES } from '../support/plugin-cases.ts';
import { PROFILE_CORPUS } from '../support/profile-corpus.ts';
import { CONTROL_IMAGES, CONTROLS, expectCorpusVerdict, expectEachRefused, expectNoLeak, expectRouted, SETTINGS, VALID } from '../support/hostile-cases.ts';
import { ROUTING_CASES, routingEnv, routingProfile } from '../support/routing-cases.ts';
import { Sandbox, SH_FAMILY_COMMAND, SH_FAMILY_SHELLS, STAND_INS } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const sandbox = new Sandbox([...STAND_INS, 'printf', 'print', 'echo', '[', 'test']);
afterAll(() => sandbox.remove());
for (const [name, text] of Object.entries(PROFILES)) sandbox.profile(name, text);
ROUTING_CASES.forEach((test, index) => sandbox.profile(`route${index}`, routingProfile(test.settings, AK, KEY)));
PROFILE_CORPUS.forEach((file, index) => sandbox.profile(`corpus${index}`, file.text));


/**
 * No sh variable can hold a NUL byte, so sh's read cannot see one in a
 * profile; the sh variant reads such a file as if the NUL were not there
 * (docs/posix-sh.md). Every other file of the corpus gets the common verdict.
 */
const UNSEEN_BY_SH = (name: string) => name.includes('NUL');

/** Every function, with arguments that make it do its whole work; failing paths hold the key too. */
const EVERY_CALL = [
  'swr_login',
  'swr_login podman',
  'swr_logout',
  'swr_pull app',
  'swr_push app:v1',
  'swr_pull swr.cn-north-4.myhuaweicloud.com/team/app',
  'swr_ref app',
  'swr_region',
  'swr_region cn-north-4',
  'swr_pull App',
  'swr_login crictl',
].join('\n');



const programs = [...new Set(Object.values(SH_FAMILY_COMMAND).map((command) => command[0]))];

describe.runIf(requireTools(...programs)).each(SH_FAMILY_SHELLS)('sh plugin in %s: hostile input', (shell) => {
  const plugin = sandbox.plugin('sh');
  /** Runs `fn` once per value, the value in `variable` (or, for IMAGE, as the argument). */
  const eachValue = (fn: string, variable: string, values: string[], rest: string[] = []) => {
    const assign = variable === 'IMAGE' ? '' : `${variable}=$v `;
    const image = variable === 'IMAGE' ? ' "$v"' : '';
    return sandbox.run(shell, plugin, `for v in "$@"; do ${assign}${fn}${image} ${rest.join(' ')}; echo "status=$?"; done`, values);
  };

  it.concurrent.each(['swr_pull', 'swr_push', 'swr_ref'])('%s refuses a control character anywhere in the image', async (fn) => {
    const result = await eachValue(fn, 'IMAGE', CONTROL_IMAGES);
    expectEachRefused(result, CONTROL_IMAGES.length, `${fn}: invalid image: it holds a control character; write the image without it.`);
  });

  it.concurrent.each(SETTINGS)('refuses a control character in %s, naming it, in every function', async (variable) => {
    const values = CONTROLS.flatMap((c) => [`${VALID[variable]}${c}`, `${c}${VALID[variable]}`]);
    for (const [fn, rest] of [['swr_login', []], ['swr_logout', []], ['swr_pull', ['app']], ['swr_ref', ['app']], ['swr_region', []]] as const) {
      const result = await eachValue(fn, variable, values, [...rest]);
      expectEachRefused(result, values.length, `${fn}: invalid ${variable}: it holds a control character; set it again without one.`);
    }
  });

  it('refuses a control character in the region given to swr_region, and switches nothing', async () => {
    const values = CONTROLS.map((c) => `cn-north-4${c}`);
    const result = await eachValue('swr_region', 'IMAGE', values, [';', 'echo "${SWR_REGION-unset}"']);
    // Each round prints SWR_REGION after the refusal, then the status of that echo.
    expect(result.stdout).toBe('unset\nstatus=0\n'.repeat(values.length));
    expect(result.stderr.split('\n').slice(0, -1)).toEqual(values.map(() => 'swr_region: invalid region: it holds a control character; write the region without it.'));
  });

  it('keeps the key out of every trace, in every function', async () => {
    const result = await sandbox.run(shell, plugin, `set -x\n${EVERY_CALL}\ntrue`);
    expect(result.calls.map((call) => call.tool)).toEqual(['docker', 'podman', 'docker', 'ctr', 'ctr', 'ctr']);
    expect(result.calls[3]!.argv).toContain(`ap-southeast-3@${AK}:${KEY}`);
    expect(result.stderr).toMatch(/swr_pull/);
    expectNoLeak(result);
  });

  it('keeps the key out of every child under allexport, and gives the option back', async () => {
    const result = await sandbox.run(shell, plugin, `set -a\n${EVERY_CALL}\ncase $- in *a*) echo still-a ;; esac`);
    expect(result.calls).toHaveLength(6);
    for (const call of result.calls) expect(Object.keys(call.env).filter((name) => name.startsWith('__swr'))).toEqual([]);
    expect(result.stdout).toContain('still-a');
    expectNoLeak(result);
  });

  it('cannot be hijacked by aliases defined before it is loaded', async () => {
    // ksh93 cannot alias "[" (it reads the name as an array's).
    const words = ['command', 'printf', 'print', 'echo', 'read', 'return', 'shift', 'set', 'export', 'unset', 'eval', 'test', 'ctr', 'docker', ...(shell === 'ksh93' ? [] : ['['])];
    const prelude = `${words.map((word) => `alias '${word}=echo HIJACKED'`).join('\n')}\n`;
    const result = await sandbox.run(shell, plugin, 'unalias -a 2>/dev/null\nswr_pull app; swr_login; swr_ref app; swr_region cn-north-4; echo "$SWR_REGION"', [], {}, [], prelude);
    expect(result.stdout).not.toContain('HIJACKED');
    expect(result.stdout).toContain('cn-north-4\n');
    expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker']);
  });

  it('never prints a key given in place of the AK, or a bad key', async () => {
    const envs: Array<Record<string, string>> = [{ SWR_AK: KEY }, { SWR_AK: KEY, SWR_LOGIN_KEY: KEY }, { SWR_LOGIN_KEY: `${KEY}0` }, { SWR_LOGIN_KEY: KEY.toUpperCase() }];
    for (const env of envs) {
      const result = await sandbox.run(shell, plugin, 'swr_login; swr_pull app; swr_region; swr_ref app', [], env);
      expect(result.stderr.toLowerCase(), JSON.stringify(env)).not.toContain(KEY);
      expect(result.calls).toEqual([]);
    }
  });

  it.concurrent.each(ROUTING_CASES.map((test, index) => ({ ...test, index })))('routing: $name', async (test) => {
    const result = await sandbox.call(shell, plugin, 'swr_pull', [`${test.host}/team/app:v1`], { SWR_PROFILE: `route${test.index}`, ...routingEnv(test.settings) });
    expectRouted(result, test);
  });

  it.concurrent.each(PROFILE_CORPUS.map((file, index) => ({ ...file, index })).filter((file) => !UNSEEN_BY_SH(file.name)))('profile corpus: $name', async (file) => {
    const env = { SWR_PROFILE: `corpus${file.index}` };
    const result = await sandbox.call(shell, plugin, 'swr_pull', ['team/app'], env);
    await expectCorpusVerdict(file, result, () => sandbox.call(shell, plugin, 'swr_ref', ['app'], env), 'swr_pull', sandbox.home);
  });

  it("every message honours the caller's 2>", async () => {
    const result = await sandbox.run(shell, plugin, 'swr_pull App 2>/dev/null\nswr_ref "$1" 2>/dev/null\nswr_region mars-1 2>/dev/null\nswr_login crictl 2>/dev/null\nSWR_PROFILE=none swr_pull app 2>/dev/null\ntrue', ['app\nx']);
    expect(result).toMatchObject({ stdout: '', stderr: '', calls: [] });
  });
});
