// install and uninstall with the built swr-shell on a real file system, then
// real interactive shells started with that temporary HOME: bash -i, zsh -i
// and fish have the functions in both modes; static mode needs no swr-shell
// on PATH; a shell without swr-shell starts cleanly; uninstall gives back the
// startup file's exact bytes.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli } from '../support/cli.ts';
import { requireTools } from '../support/tools.ts';

type Shell = 'bash' | 'zsh' | 'fish';

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';
const REF = 'swr.ap-southeast-3.myhuaweicloud.com/team/app:v1';

/** Startup files with the usual furniture: bash's interactive guard, zsh's last line without newline. */
const EXISTING: Record<Shell, string | undefined> = {
  bash: "# ~/.bashrc\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\nHISTCONTROL=ignoreboth\nalias ll='ls -alF'\n",
  zsh: "setopt no_beep\nalias ll='ls -l'",
  fish: undefined,
};

const rcPath = (home: string, shell: Shell): string =>
  ({ bash: join(home, '.bashrc'), zsh: join(home, '.zshrc'), fish: join(home, '.config/fish/conf.d/swr-shell.fish') })[shell];

const sha256 = (path: string): string =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent';

/**
 * A script that prints "function" (or "missing NAME") for each of the
 * plugin's functions, then a reference if it can, then "no-swr-shell" if
 * swr-shell is not on PATH.
 */
function probe(shell: Shell, prefix: string): string {
  const names = ['login', 'logout', 'pull', 'push', 'ref', 'region'].map((suffix) => `${prefix}-${suffix}`).join(' ');
  switch (shell) {
    case 'bash':
      return `for f in ${names}; do type -t "$f" || echo "missing $f"; done; type -t ${prefix}-ref >/dev/null && ${prefix}-ref team/app:v1; command -v swr-shell >/dev/null || echo no-swr-shell`;
    case 'zsh':
      return `for f in ${names}; do (( $+functions[$f] )) && echo function || echo "missing $f"; done; (( $+functions[${prefix}-ref] )) && ${prefix}-ref team/app:v1; command -v swr-shell >/dev/null || echo no-swr-shell`;
    case 'fish':
      return `for f in ${names}; functions -q $f; and echo function; or echo "missing $f"; end; functions -q ${prefix}-ref; and ${prefix}-ref team/app:v1; command -q swr-shell; or echo no-swr-shell`;
  }
}

/** Starts the shell interactively with `home` and `path`, as a new terminal would. */
function interactive(shell: Shell, home: string, path: string, script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(shell, ['-i', '-c', script], {
    env: { HOME: home, PATH: path, TERM: 'dumb', LANG: 'C.UTF-8', SWR_REGION: 'ap-southeast-3' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  // bash -i without a terminal says so; that is not ours.
  const stderr = result.stderr.replace(/^bash: (cannot set terminal process group.*|no job control in this shell)\n/gm, '');
  return { status: result.status, stdout: result.stdout, stderr };
}

const shellsReady = requireTools('bash', 'zsh', 'fish');

describe.runIf(shellsReady)('install into real shells', () => {
  let root: string;
  let wrapperDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'swr-install-'));
    // swr-shell as an installed bin would be: a command on PATH.
    wrapperDir = join(root, 'bin');
    mkdirSync(wrapperDir);
    writeFileSync(join(wrapperDir, 'swr-shell'), `#!/bin/sh\nexec '${process.execPath}' '${builtCli()}' "$@"\n`, { mode: 0o755 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe.concurrent.each(['bash', 'zsh', 'fish'] as const)('%s', (shell) => {
    it.each([
      ['eval', [], 'swr'],
      ['static', ['--cmd', 'hw', '--profile', 'work'], 'hw'],
    ] as const)('%s mode: the functions are there, and uninstall gives back the bytes', (mode, flags, prefix) => {
      const home = mkdtempSync(join(root, `${shell}-${mode}-`));
      const rc = rcPath(home, shell);
      if (EXISTING[shell] !== undefined) writeFileSync(rc, EXISTING[shell]);
      const before = sha256(rc);
      const withSwrShell = `${wrapperDir}:${SYSTEM_PATH}`;
      const env = { HOME: home, PATH: mode === 'eval' ? withSwrShell : SYSTEM_PATH };

      const installed = runCli(['install', shell, '--mode', mode, ...flags], env);
      expect(installed.status, installed.stderr).toBe(0);
      expect(installed.stdout).toMatch(new RegExp(`^(added|created) +${rc} `, 'm'));

      // Static mode runs with no swr-shell on PATH at all.
      const path = mode === 'eval' ? withSwrShell : SYSTEM_PATH;
      const started = interactive(shell, home, path, probe(shell, prefix));
      expect(started.stderr).toBe('');
      expect(started.status).toBe(0);
      expect(started.stdout).toBe('function\n'.repeat(6) + `${REF}\n` + (mode === 'static' ? 'no-swr-shell\n' : ''));

      // The guard: without swr-shell (eval) or without the rendered file (static), a shell starts cleanly.
      if (mode === 'static') rmSync(join(home, '.local/share/swr-shell', `init.${shell}`));
      const bare = interactive(shell, home, SYSTEM_PATH, probe(shell, prefix));
      expect(bare.stderr).toBe('');
      expect(bare.status).toBe(0);
      expect(bare.stdout).toMatch(new RegExp(`^(missing ${prefix}-\\w+\\n){6}no-swr-shell\\n$`));

      const removed = runCli(['uninstall', shell], env);
      expect(removed.status, removed.stderr).toBe(0);
      expect(sha256(rc)).toBe(before);
      const after = interactive(shell, home, withSwrShell, probe(shell, prefix));
      expect(after.stdout).toMatch(new RegExp(`^(missing ${prefix}-\\w+\\n){6}$`));
    });
  });

  it('a symlinked, private, CRLF startup file with bytes that are not UTF-8: kept a link, its mode, and its bytes', () => {
    const home = mkdtempSync(join(root, 'link-'));
    mkdirSync(join(home, 'dotfiles'));
    const target = join(home, 'dotfiles', 'bashrc');
    writeFileSync(target, Buffer.from('# caf\xe9\r\nalias ll="ls -l"\r\n\xff', 'latin1'), { mode: 0o600 });
    chmodSync(target, 0o600);
    symlinkSync('dotfiles/bashrc', join(home, '.bashrc'));
    const before = sha256(target);

    const installed = runCli(['install', 'bash', '--mode', 'static'], { HOME: home, PATH: SYSTEM_PATH });
    expect(installed.status, installed.stderr).toBe(0);
    expect(lstatSync(join(home, '.bashrc')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(home, '.bashrc'))).toBe('dotfiles/bashrc');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const text = readFileSync(target, 'latin1');
    expect(text.startsWith('# caf\xe9\r\nalias ll="ls -l"\r\n\xff\r\n# >>> swr-shell >>>\r\n')).toBe(true);
    expect(readdirSync(join(home, 'dotfiles'))).toEqual(['bashrc']);

    const removed = runCli(['uninstall', 'bash'], { HOME: home, PATH: SYSTEM_PATH });
    expect(removed.status, removed.stderr).toBe(0);
    expect(sha256(target)).toBe(before);
    expect(lstatSync(join(home, '.bashrc')).isSymbolicLink()).toBe(true);
  });
});

describe.runIf(requireTools('shellcheck', 'shfmt', 'zsh', 'fish', 'fish_indent'))('the blocks as written, linted', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'swr-lint-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each(['cache', 'eval', 'static'])('%s mode', (mode) => {
    // cache mode follows the swr-shell on PATH.
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'swr-shell'), '#!/bin/sh\n', { mode: 0o755 });
    const installed = runCli(['install', 'bash', 'zsh', 'fish', '--mode', mode, '--cmd', 'hw'], { HOME: home, PATH: `${bin}:${SYSTEM_PATH}` });
    expect(installed.status, installed.stderr).toBe(0);
    const check = (command: string, args: string[]): void => {
      const result = spawnSync(command, args, { encoding: 'utf8' });
      expect({ command, status: result.status, output: result.stdout + result.stderr }).toEqual({ command, status: 0, output: '' });
    };
    // SC1090, SC1091: the sourced file's path is known only at run time ($HOME).
    check('shellcheck', ['--shell=bash', '--exclude=SC1090,SC1091', rcPath(home, 'bash')]);
    check('shfmt', ['-i', '4', '-d', rcPath(home, 'bash')]);
    check('zsh', ['-n', rcPath(home, 'zsh')]);
    check('fish', ['--no-execute', rcPath(home, 'fish')]);
    check('fish_indent', ['--check', rcPath(home, 'fish')]);
  });
});
