// Every rendered variant of the plugin passes the shells' own parsers and the
// linters, and loads silently under the strictest options, twice.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PluginShell, renderPlugin } from '../../src/core/plugin.ts';
import { BASH4_RULES, bash4Constructs } from '../support/bash32-lint.ts';
import { SH_FAMILY_COMMAND, SH_FAMILY_SHELLS } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const scratch = mkdtempSync(join(tmpdir(), 'swr-plugin-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VARIANTS = [
  { prefix: 'swr', profile: undefined },
  { prefix: 'hw', profile: undefined },
  { prefix: 'my_swr-2', profile: 'work' },
  { prefix: 'X', profile: 'Team_2-prod' },
];

function write(shell: PluginShell, prefix: string, profile: string | undefined): string {
  const path = join(scratch, `${prefix}-${profile ?? ''}.${shell}`);
  writeFileSync(path, renderPlugin({ shell, prefix, profile }));
  return path;
}

/** A checker's status and everything it printed: clean is status 0 and no output. */
function check(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: scratch } });
  return { status: result.status, output: result.stdout + result.stderr };
}

const CLEAN = { status: 0, output: '' };

describe.runIf(requireTools('bash', 'shellcheck', 'shfmt'))('bash plugin', () => {
  it.each(VARIANTS)('init bash $prefix $profile: bash -n, shellcheck --enable=all, shfmt, strict load', ({ prefix, profile }) => {
    const path = write('bash', prefix, profile);
    expect(check('bash', ['-n', path])).toEqual(CLEAN);
    // SC2250 asks for braces around every variable; the plugin never needs them.
    expect(check('shellcheck', ['--shell=bash', '--enable=all', '--exclude=SC2250', path])).toEqual(CLEAN);
    expect(check('shfmt', ['-ln', 'bash', '-i', '4', '-d', path])).toEqual(CLEAN);
    expect(check('bash', ['--noprofile', '--norc', '-e', '-u', '-o', 'pipefail', '-c', `source ${path}; source ${path}`])).toEqual(CLEAN);
  });
});

// shfmt reads no zsh (`$+functions[compdef]`), and shellcheck neither.
describe.runIf(requireTools('zsh'))('zsh plugin', () => {
  it.each(VARIANTS)('init zsh $prefix $profile: zsh -n, strict load', ({ prefix, profile }) => {
    const path = write('zsh', prefix, profile);
    expect(check('zsh', ['-n', path])).toEqual(CLEAN);
    expect(check('zsh', ['--no-rcs', '-e', '-u', '-c', `source ${path}; source ${path}`])).toEqual(CLEAN);
    expect(check('zsh', ['--no-rcs', '-e', '-u', '-c', `setopt ksh_arrays sh_word_split no_unset; source ${path}`])).toEqual(CLEAN);
  });
});

describe.runIf(requireTools('fish', 'fish_indent'))('fish plugin', () => {
  it.each(VARIANTS)('init fish $prefix $profile: fish -n, fish_indent, private load', ({ prefix, profile }) => {
    const path = write('fish', prefix, profile);
    expect(check('fish', ['--no-execute', path])).toEqual(CLEAN);
    expect(check('fish_indent', ['--check', path])).toEqual(CLEAN);
    expect(check('fish', ['--no-config', '--private', '-c', `source ${path}; source ${path}`])).toEqual(CLEAN);
  });
});

// The sh variant's names take no "-": its variants are the others with "_".
const SH_VARIANTS = VARIANTS.map((variant) => ({ ...variant, prefix: variant.prefix.replaceAll('-', '_') }));

describe.runIf(requireTools('shellcheck', 'shfmt', ...new Set(Object.values(SH_FAMILY_COMMAND).map((command) => command[0]))))('sh plugin', () => {
  it.each(SH_VARIANTS)('init sh $prefix $profile: shellcheck -s sh --enable=all, shfmt -p, every shell parses it and loads it twice under set -eu', ({ prefix, profile }) => {
    const path = write('sh', prefix, profile);
    expect(check('shellcheck', ['--shell=sh', '--enable=all', '--exclude=SC2250', path])).toEqual(CLEAN);
    expect(check('shfmt', ['-p', '-i', '4', '-d', path])).toEqual(CLEAN);
    for (const shell of SH_FAMILY_SHELLS) {
      const [command, ...flags] = SH_FAMILY_COMMAND[shell];
      expect(check(command, [...flags, '-n', path]), shell).toEqual(CLEAN);
      expect(check(command, [...flags, '-e', '-u', '-c', `. '${path}'; . '${path}'`]), shell).toEqual(CLEAN);
    }
  });
});

describe('bash 3.2 (macOS bash, and its /bin/sh)', () => {
  const completion = spawnSync(process.execPath, ['dist/swr-shell.cjs', 'completion', 'bash'], { encoding: 'utf8' }).stdout;
  const scripts: Array<[string, string]> = [
    ...VARIANTS.map(({ prefix, profile }): [string, string] => [`init bash --cmd ${prefix}`, renderPlugin({ shell: 'bash', prefix, profile })]),
    ...SH_VARIANTS.map(({ prefix, profile }): [string, string] => [`init sh --cmd ${prefix}`, renderPlugin({ shell: 'sh', prefix, profile })]),
    ['completion bash', completion],
  ];
  it.each(scripts)('%s uses nothing that bash 4 or later added', (_, script) => {
    expect(script.length).toBeGreaterThan(1000);
    expect(bash4Constructs(script)).toEqual([]);
  });
  it.each(BASH4_RULES)('the lint finds $construct (bash $since)', (rule) => {
    expect(bash4Constructs(`#!/bin/bash\n# ${rule.example} in a comment is no code\n${rule.example}\n`)).toEqual([
      { line: 3, text: rule.example, construct: rule.construct, since: rule.since },
    ]);
  });
});

