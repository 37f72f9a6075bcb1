// What the benchmark runs against: the npm package installed into a
// temporary project, a temporary HOME with a profile, the plugin rendered for
// each shell, startup files for bash in eval and static mode, and a stand-in
// ctr that only prints its arguments.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES } from '../parity/cases.ts';
import { type InstalledPackage, packAndInstall } from '../support/package.ts';

export interface Fixture {
  readonly installed: InstalledPackage;
  readonly home: string;
  /** PATH: the stand-in ctr, the installed bins, this Node, then the caller's PATH. */
  readonly env: Record<string, string>;
  readonly plugin: Readonly<Record<'bash' | 'zsh' | 'fish', string>>;
  /** bash startup files: nothing, the eval block, the static block; and how the blocks were made. */
  readonly bashrc: Readonly<Record<'empty' | 'eval' | 'static', string>>;
  readonly blocksFrom: 'swr-shell install' | 'emulated: install is not on this branch';
}

function swrShell(installed: InstalledPackage, env: Record<string, string>, args: string[]): string {
  const result = spawnSync(installed.bin('swr-shell'), args, { env, cwd: env['HOME'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`swr-shell ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The bash startup file that `install bash` writes in `mode`, or a block that does the same. */
function bashBlock(installed: InstalledPackage, env: Record<string, string>, mode: 'eval' | 'static', canInstall: boolean): string {
  const home = env['HOME']!;
  const rc = join(home, `${mode}.bashrc`);
  if (canInstall) {
    swrShell(installed, env, ['install', 'bash', '--mode', mode]);
    copyFileSync(join(home, '.bashrc'), rc);
    return rc;
  }
  if (mode === 'eval') {
    writeFileSync(rc, 'if command -v swr-shell >/dev/null 2>&1; then eval "$(swr-shell init bash)"; fi\n');
  } else {
    const plugin = join(home, '.local', 'share', 'swr-shell', 'init.bash');
    mkdirSync(dirname(plugin), { recursive: true });
    writeFileSync(plugin, swrShell(installed, env, ['init', 'bash']));
    writeFileSync(rc, 'if [ -r "$HOME/.local/share/swr-shell/init.bash" ]; then . "$HOME/.local/share/swr-shell/init.bash"; fi\n');
  }
  return rc;
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
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    plugin[shell] = join(scratch, `plugin.${shell}`);
    writeFileSync(plugin[shell], swrShell(installed, env, ['init', shell]));
  }
  const canInstall = /^ +swr-shell install\b/m.test(swrShell(installed, env, ['--help']));
  const empty = join(home, 'empty.bashrc');
  writeFileSync(empty, '');
  return {
    installed,
    home,
    env,
    plugin,
    bashrc: { empty, eval: bashBlock(installed, env, 'eval', canInstall), static: bashBlock(installed, env, 'static', canInstall) },
    blocksFrom: canInstall ? 'swr-shell install' : 'emulated: install is not on this branch',
  };
}
