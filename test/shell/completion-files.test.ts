// The completion scripts as files: completions/ holds exactly what
// `swr-shell completion <shell>` prints, and every script (with the plugin's
// completions) passes the shells' own checks and linters, loading silently.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlugin } from '../../src/core/plugin.ts';
import { builtCli } from '../support/cli.ts';
import { ROOT } from '../support/runtimes.ts';
import { inCi, requireTools } from '../support/tools.ts';

// The names each shell's loader looks for (README, "Tab completion").
const FILES = { bash: 'swr-shell.bash', zsh: '_swr-shell', fish: 'swr-shell.fish' } as const;
type Shell = keyof typeof FILES;

const scratch = mkdtempSync(join(tmpdir(), 'swr-completion-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const completionFile = (shell: Shell): string => join(ROOT, 'completions', FILES[shell]);

function pluginFile(shell: Shell): string {
  const path = join(scratch, `plugin.${shell}`);
  writeFileSync(path, renderPlugin({ shell, prefix: 'hw' }));
  return path;
}

/** Runs a checker; its status and everything it prints. */
function check(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, HOME: scratch } });
  return { status: result.status, output: result.stdout + result.stderr };
}

const CLEAN = { status: 0, output: '' };

describe('completions/', () => {
  it.each(Object.keys(FILES) as Shell[])('%s: holds what swr-shell completion prints', (shell) => {
    const printed = execFileSync(process.execPath, [builtCli(), 'completion', shell], { encoding: 'utf8' });
    expect(readFileSync(completionFile(shell), 'utf8')).toBe(printed);
  });

  it('is tracked by git', () => {
    const tracked = execFileSync('git', ['ls-files', '--', 'completions/'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.sort()).toEqual(Object.values(FILES).map((file) => `completions/${file}`).sort());
  });

  // On CI the build has just rewritten completions/: a difference from the
  // commit means it was committed stale. (Locally it is simply not committed yet.)
  it.runIf(inCi)('is committed as the build writes it', () => {
    expect(execFileSync('git', ['status', '--porcelain', '--', 'completions/'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
  });
});

describe.runIf(requireTools('bash', 'shellcheck', 'shfmt'))('bash scripts', () => {
  // SC2250 (braces around every variable) is left out, as for the plugin itself.
  it.each(['completion', 'plugin'])('%s: shellcheck, shfmt and a strict bash find nothing', (which) => {
    const path = which === 'completion' ? completionFile('bash') : pluginFile('bash');
    expect(check('shellcheck', ['--enable=all', '--exclude=SC2250', '--shell=bash', path])).toEqual(CLEAN);
    expect(check('shfmt', ['-i', '4', '-d', path])).toEqual(CLEAN);
    expect(check('bash', ['--noprofile', '--norc', '-e', '-u', '-o', 'pipefail', '-c', `source ${path}`])).toEqual(CLEAN);
  });
});

describe.runIf(requireTools('zsh'))('zsh scripts', () => {
  it.each(['completion', 'plugin'])('%s: parses, and loads silently in a strict zsh with and without compinit', (which) => {
    const path = which === 'completion' ? completionFile('zsh') : pluginFile('zsh');
    expect(check('zsh', ['-n', path])).toEqual(CLEAN);
    expect(check('zsh', ['-e', '-u', '--no-rcs', '-c', `source ${path}`])).toEqual(CLEAN);
    expect(check('zsh', ['-e', '-u', '--no-rcs', '-c', `autoload -Uz compinit && compinit -D -u && source ${path}`])).toEqual(CLEAN);
  });
});

describe.runIf(requireTools('fish', 'fish_indent'))('fish scripts', () => {
  it.each(['completion', 'plugin'])('%s: fish_indent leaves it as it is, and it loads silently', (which) => {
    const path = which === 'completion' ? completionFile('fish') : pluginFile('fish');
    expect(check('fish', ['--no-execute', path])).toEqual(CLEAN);
    expect(check('fish_indent', ['--check', path])).toEqual(CLEAN);
    expect(check('fish', ['--no-config', '--private', '-c', `source ${path}`])).toEqual(CLEAN);
  });
});
