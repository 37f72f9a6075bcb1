// Where each shell's startup code lives (SPEC section 4), the markers of the
// block that install writes there, the block itself, and the files that
// install owns outright.

import { initFlags, type InstallShell, type PluginOptions, QUOTE, renderPlugin, variantOf } from './plugin.ts';
import { type Env, configDirBase, dataDir, homeDir } from './profile.ts';
import { isAbsolute, join } from './paths.ts';
import { render } from './render.ts';
import { completionPath } from './completion.ts';

export const BLOCK_START = '# >>> swr-shell >>>';
export const BLOCK_END = '# <<< swr-shell <<<';

/**
 * The line that marks a block in a file that install created. Uninstall reads
 * it to delete the file again, and an empty file that was there before stays.
 */
export const CREATED_NOTE = '# swr-shell install created this file: uninstall deletes it unless other lines were added.';

export const INSTALL_MODES = ['eval', 'static'] as const;
export type InstallMode = (typeof INSTALL_MODES)[number];

export interface InstallOptions extends Omit<PluginOptions, 'shell'> {
  /** eval: run `swr-shell init` at shell start; static: source the plugin rendered by install. */
  readonly mode: InstallMode;
  /**
   * The completion script for swr-shell itself, which install puts where fish
   * loads it by itself (bash and zsh need the user's own setup: README.md).
   */
  readonly fishCompletion?: string | undefined;
}

/**
 * The startup file that install edits for `shell` ("linux", "darwin"... as
 * `platform`). An interactive ksh, mksh or sh reads the file that $ENV names;
 * without ENV, ksh reads ~/.kshrc, mksh ~/.mkshrc, and plain sh nothing, so
 * for sh it is ~/.shrc, which ENV=$HOME/.shrc in ~/.profile names (install
 * says so: docs/posix-sh.md).
 */
export function rcPath(shell: InstallShell, env: Env, platform: string): string {
  const home = homeDir(env);
  const named = env['ENV'];
  const startup = named && isAbsolute(named) && !named.includes('$') ? named : undefined;
  switch (shell) {
    case 'ksh':
      return startup ?? join(home, '.kshrc');
    case 'mksh':
      return startup ?? join(home, '.mkshrc');
    case 'sh':
      return startup ?? join(home, '.shrc');
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
export function staticPluginPath(shell: InstallShell, env: Env): string {
  return join(dataDir(env), `init.${shell}`);
}

/** The command that writes this block, as the block and the static plugin quote it. */
export function installCommand(shell: InstallShell, options: InstallOptions): string {
  return `swr-shell install ${shell} --mode ${options.mode}${initFlags(options)}`;
}

/**
 * The block for `shell`, markers included, its lines joined by "\n" and no
 * final newline. A path under $HOME is written as "$HOME"/..., so that a
 * dotfile shared between machines finds the plugin on each.
 */
export function blockText(shell: InstallShell, options: InstallOptions, env: Env, created: boolean): string {
  const home = homeDir(env);
  const path = staticPluginPath(shell, env);
  const underHome = path.startsWith(`${home}/`);
  return render(
    'block',
    {
      start: BLOCK_START,
      end: BLOCK_END,
      createdNote: CREATED_NOTE,
      created,
      shell,
      mode: options.mode,
      install: installCommand(shell, options),
      uninstall: `swr-shell uninstall ${shell}`,
      init: `swr-shell init ${variantOf(shell)}${initFlags(options)}`,
      pathHead: underHome ? '"$HOME"' : '',
      pathTail: underHome ? path.slice(home.length) : path,
    },
    QUOTE[variantOf(shell)],
  );
}

/** The contents of the static plugin file: the plugin, after a line saying where it came from. */
export function staticPluginText(shell: InstallShell, options: InstallOptions): string {
  return (
    `# Written by \`${installCommand(shell, { ...options, mode: 'static' })}\`: run it again after upgrading swr-shell.\n` +
    renderPlugin({ shell: variantOf(shell), prefix: options.prefix, profile: options.profile })
  );
}

/** A file that belongs to swr-shell as a whole: install writes it, uninstall deletes it. */
export interface OwnedFile {
  readonly path: string;
  /** What install puts there; undefined when the file should not exist. */
  readonly text: string | undefined;
  /** Says what it is, in reports. */
  readonly what: string;
}

/**
 * The files that install writes whole for `shell`, besides the block; with
 * `options` undefined (uninstall), each with no contents. Other such files
 * (a completion script, say) belong in this list.
 */
export function ownedFiles(shell: InstallShell, env: Env, options?: InstallOptions): OwnedFile[] {
  return [
    {
      path: staticPluginPath(shell, env),
      text: options?.mode === 'static' ? staticPluginText(shell, options) : undefined,
      what: `${shell} plugin for static mode`,
    },
    ...(shell === 'fish'
      ? [{ path: completionPath('fish', env), text: options?.fishCompletion, what: 'fish completion script for swr-shell' }]
      : []),
  ];
}
