// What the benchmark runs against: the npm package installed into a
// temporary project, a temporary HOME with a profile, the plugin rendered for
// each shell, each shell's startup file as install writes it in each mode (and
// an empty one), and a stand-in ctr that only prints its arguments.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES } from '../parity/cases.ts';
import { type InstalledPackage, packAndInstall } from '../support/package.ts';

export type BenchShell = 'bash' | 'zsh' | 'fish';
export const BENCH_SHELLS: readonly BenchShell[] = ['bash', 'zsh', 'fish'];
export const MODES = ['empty', 'cache', 'eval', 'static'] as const;
export type StartupMode = (typeof MODES)[number];

export interface Fixture {
  readonly installed: InstalledPackage;
  readonly home: string;
  /** PATH: the stand-in ctr, the installed bins, this Node, then the caller's PATH. */
  readonly env: Record<string, string>;
  readonly plugin: Readonly<Record<BenchShell, string>>;
  /**
   * The command line of an interactive start of each shell that does nothing,
   * with the startup file that `swr-shell install --mode <mode>` writes (or an
   * empty one): bash by --rcfile, zsh by ZDOTDIR, fish by XDG_CONFIG_HOME.
   */
  readonly start: (shell: BenchShell, mode: StartupMode, command?: string) => string[];
}

function swrShell(installed: InstalledPackage, env: Record<string, string>, args: string[]): string {
  const result = spawnSync(installed.bin('swr-shell'), args, { env, cwd: env['HOME'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`swr-shell ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Where each shell finds its startup file, under `home`. */
const RC: Readonly<Record<BenchShell, string>> = { bash: '.bashrc', zsh: '.zshrc', fish: '.config/fish/conf.d/swr-shell.fish' };

/**
 * Installs the plugin in each mode in turn and keeps a copy of each startup
 * file in a directory of its own (<home>/startup/<mode>/), empty for "empty".
 * The files a mode needs stay where install put them: the static plugin, and
 * the cache that cache mode's block renders at its first start.
 */
function startupFiles(installed: InstalledPackage, env: Record<string, string>): void {
  const home = env['HOME']!;
  for (const mode of MODES) {
    if (mode !== 'empty') swrShell(installed, env, ['install', ...BENCH_SHELLS, '--mode', mode]);
    for (const shell of BENCH_SHELLS) {
      const copy = join(home, 'startup', mode, shell === 'fish' ? 'fish/conf.d/swr-shell.fish' : RC[shell]);
      mkdirSync(dirname(copy), { recursive: true });
      if (mode === 'empty') writeFileSync(copy, '');
      else copyFileSync(join(home, RC[shell]), copy);
    }
  }
}

export function makeFixture(scratch: string): Fixture {
  const installed = packAndInstall(scratch);
  const home = join(scratch, 'home');
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ctr'), '#!/bin/sh\nprintf \'%s\\n\' "$*"\n');
  chmodSync(join(bin, 'ctr'), 0o755);
  for (const [path, text] of Object.entries(FIXTURES.profile)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  const env = {
    PATH: [bin, join(installed.project, 'node_modules', '.bin'), dirname(process.execPath), process.env['PATH']].join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
  };
  const plugin = { bash: '', zsh: '', fish: '' };
  for (const shell of BENCH_SHELLS) {
    plugin[shell] = join(scratch, `plugin.${shell}`);
    writeFileSync(plugin[shell], swrShell(installed, env, ['init', shell]));
  }
  startupFiles(installed, env);
  const start = (shell: BenchShell, mode: StartupMode, command = 'exit'): string[] => {
    const dir = join(home, 'startup', mode);
    switch (shell) {
      case 'bash':
        return ['bash', '--rcfile', join(dir, '.bashrc'), '-i', '-c', command];
      case 'zsh':
        return ['env', `ZDOTDIR=${dir}`, 'zsh', '-i', '-c', command];
      case 'fish':
        return ['env', `XDG_CONFIG_HOME=${dir}`, 'fish', '-i', '-c', command];
    }
  };
  return { installed, home, env, plugin, start };
}
