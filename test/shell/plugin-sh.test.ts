// The sh variant (`swr-shell init sh`) in the real POSIX shells: dash, busybox
// sh, mksh, ksh93, yash (also --posix), posh, bash --posix and zsh --emulate
// sh. The same case table as bash, zsh and fish (test/support/plugin-cases.ts),
// the hostile inputs, set -eu, loading twice; after every call no variable of
// ours is left in the caller's shell, and the key is in no process's argv but
// ctr's. The shell's whole PATH is recording stand-ins, the shell's utilities
// (printf, echo, [, test) among them: the plugin may use only builtins.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AK, CASES, expectCase, functionName, HOSTILE_ENV, HOSTILE_IMAGES, KEY, PROFILES } from '../support/plugin-cases.ts';
import { Sandbox, SH_FAMILY_COMMAND, SH_FAMILY_SHELLS, shellCommand, STAND_INS } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

/** The utilities a shell may have only outside: yash --posix also needs them on PATH to run its builtins. */
const UTILITIES = ['printf', 'print', 'echo', '[', 'test', 'cat', 'read'];

const sandbox = new Sandbox([...STAND_INS, ...UTILITIES]);
afterAll(() => sandbox.remove());
for (const [name, text] of Object.entries(PROFILES)) sandbox.profile(name, text);

const VARIANTS = ['swr', 'hw'] as const;
const programs = [...new Set(Object.values(SH_FAMILY_COMMAND).map((command) => command[0]))];
const runnable = requireTools(...programs);
const name = (prefix: string, suffix: string) => functionName(prefix, suffix, '_');

/**
 * yash --posix runs a regular builtin (printf, [) only when the utility is on
 * PATH too, as POSIX asks: where a case empties PATH, yash --posix keeps a
 * directory of the utilities' stand-ins, and the case's tool is still missing.
 */
const utilities = join(sandbox.root, 'utilities');
mkdirSync(utilities);
for (const utility of UTILITIES) symlinkSync(join(sandbox.bin, utility), join(utilities, utility));
function posixPath(shell: string, env: Record<string, string> | undefined): Record<string, string> | undefined {
  return shell === 'yash --posix' && env?.['PATH'] === '/nonexistent' ? { ...env, PATH: utilities } : env;
}

/** The names of the shell's variables in the output of `set`: lines NAME=VALUE, or NAME alone (posh). */
function variableNames(output: string): string[] {
  return [...output.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)(=|$)/gm)].map((match) => match[1]!);
}

describe.runIf(runnable).each(SH_FAMILY_SHELLS)('sh plugin in %s', (shell) => {
  for (const prefix of VARIANTS) {
    describe(`--cmd ${prefix}`, () => {
      const plugin = sandbox.plugin('sh', prefix);

      it.concurrent.each(CASES)('$name', async (test) => {
        const result = await sandbox.call(shell, plugin, name(prefix, test.fn), test.args, posixPath(shell, test.env));
        expectCase(result, test, prefix, '_');
      });

      it('refuses every hostile image and runs nothing', async () => {
        // One shell for all of them: each call prints its status and the start of its message.
        const script = `for image in "$@"; do for fn in ${['pull', 'push', 'ref'].map((fn) => name(prefix, fn)).join(' ')}; do
  "$fn" "$image" 2>&1 | { IFS= read -r line; echo "$fn:\${line%%:*}"; }; done; done`;
        const result = await sandbox.run(shell, plugin, script, HOSTILE_IMAGES);
        expect(result.calls).toEqual([]);
        const expected = HOSTILE_IMAGES.flatMap(() => ['pull', 'push', 'ref'].map((fn) => `${name(prefix, fn)}:${name(prefix, fn)}`));
        expect(result.stdout.split('\n').slice(0, -1)).toEqual(expected);
        expect(existsSync(join(sandbox.home, 'pwned'))).toBe(false);
        for (const image of HOSTILE_IMAGES.slice(0, 8)) {
          const one = await sandbox.call(shell, plugin, name(prefix, 'pull'), [image]);
          expect(one.status, image).toBe(2);
          expect(one.stderr).toMatch(new RegExp(`^${name(prefix, 'pull')}: `));
        }
      });

      it.concurrent.each(HOSTILE_ENV)('refuses %j and runs nothing', async (env) => {
        for (const fn of ['login', 'pull']) {
          const result = await sandbox.call(shell, plugin, name(prefix, fn), fn === 'pull' ? ['app'] : [], env);
          expect(result.status, `${fn} with ${JSON.stringify(env)}: ${result.stderr}`).toBeGreaterThan(0);
          expect(result.stderr).toMatch(new RegExp(`^${name(prefix, fn)}: (invalid|unknown|cannot read)`));
          expect(result.calls).toEqual([]);
        }
        expect(existsSync(join(sandbox.home, 'pwned'))).toBe(false);
      });
    });
  }

  it('switches the region for the rest of the session, and exports it', async () => {
    const plugin = sandbox.plugin('sh');
    const script = 'swr_region cn-north-4 >/dev/null; swr_ref app; swr_pull app; case "$(export -p)" in *SWR_REGION=*cn-north-4*) echo exported ;; esac; echo "project=${SWR_PROJECT-unset}"';
    const result = await sandbox.run(shell, plugin, script, [], { SWR_PROJECT: 'ap-southeast-3_dev' });
    expect(result.stdout).toBe('swr.cn-north-4.myhuaweicloud.com/team/app:latest\nexported\nproject=unset\n');
    expect(result.stderr).toMatch(/^swr_region: note: SWR_PROJECT=ap-southeast-3_dev belongs to another region; unset it\.\n$/);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]!.argv[3]).toBe(`cn-north-4@${AK}:${KEY}`);
    expect(result.calls[0]!.env['SWR_REGION']).toBe('cn-north-4');
  });

  it('leaves no variable of its own behind, and the key in no variable, after every call', async () => {
    const plugin = sandbox.plugin('sh');
    const calls = ['swr_login', 'swr_logout', 'swr_pull app', 'swr_push app', 'swr_ref app', 'swr_region', 'swr_ref "bad name"', 'swr_login crictl', 'swr_region mars-1'];
    const script = ['echo "== start"; set', ...calls.map((call) => `${call} >/dev/null 2>&1; echo "== ${call}"; set`)].join('\n');
    const result = await sandbox.run(shell, plugin, script);
    expect(result.status).toBe(0);
    expect(result.calls.map((call) => call.tool)).toEqual(['docker', 'docker', 'ctr', 'ctr']);
    const dumps = result.stdout.split(/^== .*$/m).slice(1);
    expect(dumps).toHaveLength(calls.length + 1);
    const before = variableNames(dumps[0]!).filter((variable) => variable !== '_');
    expect(before).toContain('SWR_TEST_CALLS');
    for (const [index, dump] of dumps.entries()) {
      // $_ (bash, ksh) is the last argument of the last command, not a variable of ours.
      expect(variableNames(dump).filter((variable) => variable !== '_'), calls[index - 1]).toEqual(before);
      expect(dump).not.toMatch(/^__swr/m);
    }
    expect(result.stdout).not.toContain(KEY);
  });

  it('gives the key to no process but ctr, and on stdin to docker, through builtins only', async () => {
    const plugin = sandbox.plugin('sh');
    const result = await sandbox.run(shell, plugin, 'swr_login; swr_login podman; swr_pull app; swr_region; swr_ref "a\\\\b" 2>/dev/null; swr_ref app');
    expect(result.calls.map((call) => call.tool)).toEqual(['docker', 'podman', 'ctr']);
    for (const call of result.calls) {
      const argv = call.argv.join('\n');
      if (call.tool === 'ctr') expect(argv).toContain(KEY);
      else expect(argv).not.toContain(KEY);
      expect(Object.values(call.env).join('\n')).not.toContain(KEY);
    }
    expect(result.calls.slice(0, 2).map((call) => call.stdin)).toEqual([KEY, KEY]);
  });

  it('cannot be hijacked by functions named like its tools and utilities', async () => {
    const plugin = sandbox.plugin('sh');
    // Functions only: aliases are expanded when the plugin is read, and POSIX
    // lets no function be named like a special builtin (return, shift, exit).
    const traps = ['ctr', 'docker', 'printf', 'print', 'echo', 'read'].map((fn) => `${fn}() { command echo HIJACKED; }`).join('; ');
    const result = await sandbox.run(shell, plugin, `${traps}\nswr_pull app\nswr_login\nswr_ref "x y" 2>&1\nswr_ref app`);
    expect(result.stdout).not.toContain('HIJACKED');
    expect(result.stdout).toContain("swr_ref: invalid image name 'x y'");
    expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker']);
    expect(result.calls[1]!.stdin).toBe(KEY);
  });

  it('works under set -eu', async () => {
    const plugin = sandbox.plugin('sh');
    const result = await sandbox.run(shell, plugin, 'swr_pull app; swr_ref app; swr_region; swr_region ap-southeast-3; swr_login; swr_logout', [], {}, ['-e', '-u']);
    expect(result.stderr).toBe(`swr_login: logging docker in to swr.ap-southeast-3.myhuaweicloud.com as ap-southeast-3@${AK}\n`);
    expect(result.status).toBe(0);
    expect(result.calls.map((call) => call.tool)).toEqual(['ctr', 'docker', 'docker']);
  });

  it('stops a set -e script at a refusal, with the status', async () => {
    const plugin = sandbox.plugin('sh');
    const result = await sandbox.run(shell, plugin, 'swr_pull "Bad"; echo survived', [], {}, ['-e', '-u']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });

  it.runIf(requireTools('strace'))('loading it starts no process, not even a subshell', () => {
    const plugin = sandbox.plugin('sh');
    const log = join(sandbox.root, `strace-${shell.replaceAll(' ', '-')}.txt`);
    const command = shellCommand(shell);
    const strace = execFileSync('sh', ['-c', 'command -v strace'], { encoding: 'utf8' }).trim();
    execFileSync(strace, ['-f', '-e', 'trace=execve,clone,clone3,fork,vfork', '-o', log, ...command, '-c', `. '${plugin}'; . '${plugin}'`], {
      env: { HOME: sandbox.home, PATH: sandbox.bin },
    });
    // The shell's own execve, and nothing after it.
    expect(readFileSync(log, 'utf8').split('\n').filter((line) => /\b(execve|clone3?|v?fork)\(/.test(line))).toHaveLength(1);
  });

  it('loads silently, twice, under set -eu, starting nothing', async () => {
    const plugin = sandbox.plugin('sh');
    const result = await sandbox.run(shell, plugin, `. '${plugin}'; set | { while IFS= read -r line; do case $line in __swr*) echo "$line" ;; esac; done; }`, [], {}, ['-e', '-u']);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '', calls: [] });
  });
});
