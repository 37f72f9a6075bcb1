// Where each shell's startup code lives (SPEC section 4), and the markers of
// the block that install writes there.

import type { Shell } from './plugin.ts';
import { type Env, configDirBase, dataDir, homeDir } from './profile.ts';
import { isAbsolute, join } from './paths.ts';

export const BLOCK_START = '# >>> swr-shell >>>';
export const BLOCK_END = '# <<< swr-shell <<<';

/** The startup file that install edits for `shell` ("linux", "darwin"... as `platform`). */
export function rcPath(shell: Shell, env: Env, platform: string): string {
  const home = homeDir(env);
  switch (shell) {
    case 'bash':
      return join(home, platform === 'darwin' ? '.bash_profile' : '.bashrc');
    case 'zsh': {
      const zdotdir = env['ZDOTDIR'];
      return join(zdotdir && isAbsolute(zdotdir) ? zdotdir : home, '.zshrc');
    }
    case 'fish':
      return join(configDirBase(env), 'fish', 'conf.d', 'swr-shell.fish');
  }
}

/** The plugin rendered once by `install --mode static`. */
export function staticPluginPath(shell: Shell, env: Env): string {
  return join(dataDir(env), `init.${shell}`);
}
