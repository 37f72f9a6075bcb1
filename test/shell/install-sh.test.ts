// install and uninstall for the POSIX shells with the built swr-shell on a
// real file system, then real interactive shells with that temporary HOME:
// ksh93 reads ~/.kshrc, mksh ~/.mkshrc, and plain sh (dash, busybox sh) the
// file that $ENV names, ~/.shrc, which a login shell learns from ~/.profile
// (docs/posix-sh.md). Every mode; uninstall gives back the exact bytes.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli } from '../support/cli.ts';
import { requireTools } from '../support/tools.ts';

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';
const REF = 'swr.ap-southeast-3.myhuaweicloud.com/team/app:v1';

/** Each install shell, the startup file install edits, and the interactive shells that read it. */
const TARGETS = [
  { shell: 'ksh', file: '.kshrc', runs: [['ksh93', '-i']], env: {} },
  { shell: 'mksh', file: '.mkshrc', runs: [['mksh', '-i']], env: {} },
  // Plain sh: an interactive shell reads $ENV; a login shell gets ENV from ~/.profile (below).
  // posh reads no startup file at all: it is a shell for scripts.
  { shell: 'sh', file: '.shrc', runs: [['dash', '-i'], ['busybox', 'sh', '-i'], ['dash', '-l', '-i'], ['yash', '--posix', '-i']], env: {} },
] as const satisfies ReadonlyArray<{ shell: string; file: string; runs: ReadonlyArray<readonly string[]>; env: object }>;

/**
 * Aliases of every command a cache block and the sh plugin run, set before the block as a user
 * might: each command word is escaped, so none of them is expanded. The tests remove them
 * before their own probes (\\unalias -a). ksh93 cannot alias "[" (it reads the name as an array's).
 */
const hostileAliases = (shell: string): string =>
  ['read', 'printf', 'eval', 'unset', 'set', 'command', 'mkdir', 'mv', 'return', 'shift', 'test', ...(shell === 'ksh' ? [] : ['['])]
    .map((name) => `alias '${name}=echo hijacked by ${name}'\n`)
    .join('');

const sha256 = (path: string): string => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

/** Prints "function" or "missing NAME" for each function, a reference if it can, and "no-swr-shell" without swr-shell. */
function probe(prefix: string): string {
  const names = ['login', 'logout', 'pull', 'push', 'ref', 'region'].map((suffix) => `${prefix}_${suffix}`).join(' ');
  return (
    `for f in ${names}; do if command -V "$f" >/dev/null 2>&1; then echo function; else echo "missing $f"; fi; done; ` +
    `if command -V ${prefix}_ref >/dev/null 2>&1; then ${prefix}_ref team/app:v1; fi; command -v swr-shell >/dev/null || echo no-swr-shell`
  );
}

function interactive(run: readonly string[], home: string, path: string, script: string, env: Record<string, string>) {
  const [command, ...flags] = run;
  const result = spawnSync(command!, [...flags, '-c', script], {
    env: { HOME: home, PATH: path, TERM: 'dumb', LANG: 'C.UTF-8', SWR_REGION: 'ap-southeast-3', ...env },
    encoding: 'utf8',
    timeout: 30_000,
    input: '',
  });
  // busybox sh -i greets on stdout; that is not ours.
  const stdout = result.stdout.replace(/^\n\nBusyBox v.*\nEnter 'help' for a list of built-in commands\.\n\n/, '');
  return { status: result.status, stdout, stderr: result.stderr };
}

describe.runIf(requireTools('ksh93', 'mksh', 'dash', 'busybox', 'yash'))('install into the POSIX shells', () => {
  let root: string;
  let wrapperDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'swr-install-sh-'));
    wrapperDir = join(root, 'bin');
    mkdirSync(wrapperDir);
    writeFileSync(join(wrapperDir, 'swr-shell'), `#!/bin/sh\nexec '${process.execPath}' '${builtCli()}' "$@"\n`, { mode: 0o755 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe.each(TARGETS)('$shell', ({ shell, file, runs }) => {
    it.each([
      ['cache', [], 'swr'],
      ['eval', [], 'swr'],
      ['static', ['--cmd', 'hw', '--profile', 'work'], 'hw'],
    ] as const)('%s mode: the functions are there, and uninstall gives back the bytes', (mode, flags, prefix) => {
      const home = mkdtempSync(join(root, `${shell}-${mode}-`));
      const rc = join(home, file);
      // In cache mode the startup file also aliases every command the block runs.
      writeFileSync(rc, `# my ${file}\nalias ll='ls -l'\n${mode === 'cache' ? hostileAliases(shell) : ''}PS1='$ '`);
      const unalias = mode === 'cache' ? '\\unalias -a\n' : '';
      const before = sha256(rc);
      // A login sh learns ENV from ~/.profile, as docs/posix-sh.md says to write it (and PATH,
      // after /etc/profile set its own, as a user with swr-shell in a directory of their own does).
      writeFileSync(join(home, '.profile'), `ENV=$HOME/.shrc; export ENV\n${mode === 'eval' ? `PATH='${wrapperDir}':$PATH\n` : ''}`);
      const withSwrShell = `${wrapperDir}:${SYSTEM_PATH}`;
      // install finds swr-shell on PATH for eval and cache mode; a cache block follows it by its path.
      const env = { HOME: home, PATH: mode === 'static' ? SYSTEM_PATH : withSwrShell };

      const installed = runCli(['install', shell, '--mode', mode, ...flags], env);
      expect(installed.status, installed.stderr).toBe(0);
      expect(installed.stdout).toMatch(new RegExp(`^added +${rc} `, 'm'));
      if (shell === 'sh') expect(installed.stderr).toContain('add ENV=$HOME/.shrc; export ENV to ~/.profile');

      const path = mode === 'eval' ? withSwrShell : SYSTEM_PATH;
      for (const run of runs) {
        const shellEnv: Record<string, string> = shell === 'sh' && !(run as readonly string[]).includes('-l') ? { ENV: rc } : {};
        const started = interactive(run, home, path, unalias + probe(prefix), shellEnv);
        expect(started.stderr, run.join(' ')).not.toContain('hijacked');
        expect(started.stdout, run.join(' ')).toBe('function\n'.repeat(6) + `${REF}\n` + (mode === 'eval' ? '' : 'no-swr-shell\n'));
        expect(started.status, run.join(' ')).toBe(0);

        // Without swr-shell, an eval block lets the shell start cleanly.
        if (mode === 'eval' && !(run as readonly string[]).includes('-l')) {
          const bare = interactive(run, home, SYSTEM_PATH, probe(prefix), shellEnv);
          expect(bare.stdout, run.join(' ')).toMatch(new RegExp(`^(missing ${prefix}_\\w+\\n){6}no-swr-shell\\n$`));
        }
      }
      if (mode === 'cache') {
        // Warm now: each shell defines stubs at start, and the first call loads the plugin in the shell itself.
        const warm =
          `if command -V __swr_do_ref >/dev/null 2>&1; then echo loaded; else echo stubs; fi; set -u; ${prefix}_ref team/app:v1; ` +
          `${prefix}_ref 2>/dev/null; echo "status=$?"; ${prefix}_region cn-north-4 >/dev/null; echo "region=$SWR_REGION"; ` +
          `if command -V __swr_do_ref >/dev/null 2>&1; then echo loaded; fi`;
        for (const run of runs) {
          const shellEnv: Record<string, string> = shell === 'sh' && !(run as readonly string[]).includes('-l') ? { ENV: rc } : {};
          const started = interactive(run, home, path, unalias + warm, shellEnv);
          expect(started.stderr, run.join(' ')).not.toContain('hijacked');
          expect(started.stdout, run.join(' ')).toBe(`stubs\n${REF}\nstatus=2\nregion=cn-north-4\nloaded\n`);
          expect(started.status, run.join(' ')).toBe(0);
        }
      }
      if (mode === 'static') {
        rmSync(join(home, '.local/share/swr-shell', `init.${shell}`));
        const bare = interactive(runs[0]!, home, SYSTEM_PATH, probe(prefix), shell === 'sh' ? { ENV: rc } : {});
        expect(bare.stdout).toMatch(new RegExp(`^(missing ${prefix}_\\w+\\n){6}no-swr-shell\\n$`));
      }

      const removed = runCli(['uninstall', shell], env);
      expect(removed.status, removed.stderr).toBe(0);
      expect(sha256(rc)).toBe(before);
      expect(existsSync(join(home, '.local/share/swr-shell', `init.${shell}`))).toBe(false);
      expect(existsSync(join(home, '.cache/swr-shell', `plugin.${shell}`))).toBe(false);
    });
  });

  it('ksh, mksh and sh follow $ENV where it names a file', () => {
    const home = mkdtempSync(join(root, 'env-'));
    const named = join(home, 'startup.sh');
    for (const shell of ['ksh', 'mksh', 'sh']) {
      const installed = runCli(['install', shell, '--mode', 'eval', '--dry-run'], { HOME: home, PATH: SYSTEM_PATH, ENV: named });
      expect(installed.stderr).toContain(`created   ${named} (${shell}, eval mode)`);
    }
  });

  it('refuses a --cmd prefix with "-", which POSIX sh allows in no function name, and writes nothing', () => {
    const home = mkdtempSync(join(root, 'dash-'));
    const result = runCli(['install', 'bash', 'mksh', '--cmd', 'my-swr'], { HOME: home, PATH: SYSTEM_PATH });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid --cmd prefix "my-swr" for sh: .*--cmd my_swr/);
    expect(existsSync(join(home, '.mkshrc')) || existsSync(join(home, '.bashrc'))).toBe(false);
  });
});
