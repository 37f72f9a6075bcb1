// Where each shell's startup code lives (SPEC section 4), the markers of the
// block that install writes there, the block itself, and the files that
// install owns outright.

import { functionName, FUNCTIONS, initFlags, type InstallShell, type PluginOptions, QUOTE, renderPlugin, type Shell, SHELLS, variantOf } from './plugin.ts';
import { type Env, configDirBase, dataDir, homeDir } from './profile.ts';
import { dirname, isAbsolute, join } from './paths.ts';
import { render } from './render.ts';
import { completionPath } from './completion.ts';

export const BLOCK_START = '# >>> swr-shell >>>';
export const BLOCK_END = '# <<< swr-shell <<<';

/**
 * The line that marks a block in a file that install created. Uninstall reads
 * it to delete the file again, and an empty file that was there before stays.
 */
export const CREATED_NOTE = '# swr-shell install created this file: uninstall deletes it unless other lines were added.';

/** The first is the default. */
export const INSTALL_MODES = ['cache', 'eval', 'static'] as const;
export type InstallMode = (typeof INSTALL_MODES)[number];

export interface InstallOptions extends Omit<PluginOptions, 'shell'> {
  /**
   * cache: source the plugin cached by the block, which renders it again when
   * swr-shell changes; eval: run `swr-shell init` at shell start; static:
   * source the plugin rendered by install.
   */
  readonly mode: InstallMode;
  /** cache mode: the swr-shell whose build stamp the block follows (an absolute path). */
  readonly bin?: string | undefined;
  /** The completion scripts for swr-shell itself, by shell, which install puts where each shell finds them. */
  readonly completions?: Partial<Record<Shell, string>> | undefined;
}

/**
 * Where each shell's startup code lives (SPEC section 4), one entry a shell:
 * a new shell is a new entry here and, where its block differs, a branch in
 * block.ejs. An interactive ksh, mksh or sh reads the file that $ENV names;
 * without ENV, ksh reads ~/.kshrc, mksh ~/.mkshrc, and plain sh nothing, so
 * for sh it is ~/.shrc, which ENV=$HOME/.shrc in ~/.profile names (install
 * says so: docs/posix-sh.md).
 */
const STARTUP_FILES: Readonly<Record<InstallShell, (env: Env, platform: string) => string>> = {
  bash: (env, platform) => join(homeDir(env), platform === 'darwin' ? '.bash_profile' : '.bashrc'),
  zsh: (env) => {
    const zdotdir = env['ZDOTDIR'];
    return join(zdotdir && isAbsolute(zdotdir) ? zdotdir : homeDir(env), '.zshrc');
  },
  fish: (env) => join(configDirBase(env), 'fish', 'conf.d', 'swr-shell.fish'),
  ksh: (env) => namedByEnv(env) ?? join(homeDir(env), '.kshrc'),
  mksh: (env) => namedByEnv(env) ?? join(homeDir(env), '.mkshrc'),
  sh: (env) => namedByEnv(env) ?? join(homeDir(env), '.shrc'),
};

/** The file that $ENV names, when it is a plain absolute path (a shell would expand anything else). */
function namedByEnv(env: Env): string | undefined {
  const named = env['ENV'];
  return named && isAbsolute(named) && !named.includes('$') ? named : undefined;
}

/** The startup file that install edits for `shell` ("linux", "darwin"... as `platform`). */
export function rcPath(shell: InstallShell, env: Env, platform: string): string {
  return STARTUP_FILES[shell](env, platform);
}

/** The plugin rendered once by `install --mode static`. */
export function staticPluginPath(shell: InstallShell, env: Env): string {
  return join(dataDir(env), `init.${shell}`);
}

/** `$XDG_CACHE_HOME/swr-shell`, or `~/.cache/swr-shell`: where the block of cache mode keeps the plugin. */
export function cacheDir(env: Env): string {
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(homeDir(env), '.cache'), 'swr-shell');
}

/** The plugin that the block of cache mode renders and sources. */
export function cachedPluginPath(shell: InstallShell, env: Env): string {
  return join(cacheDir(env), `plugin.${shell}`);
}

/**
 * The first line of the cached plugin, as the block builds it from the bin's
 * second line (its build stamp) and the options it renders with. The block
 * renders the plugin again whenever this line differs: after an upgrade, a
 * rebuild, or an install with other options.
 */
export function cacheHeader(stamp: string, shell: InstallShell, options: Omit<PluginOptions, 'shell'>): string {
  return cacheHeaderAround(shell, options).join(stamp);
}

/** The cached plugin's first line before and after the stamp, which the block reads at run time. */
function cacheHeaderAround(shell: InstallShell, options: Omit<PluginOptions, 'shell'>): [string, string] {
  return ['# cached by the swr-shell block, from ', `; init ${variantOf(shell)}${initFlags(options)}`];
}

/** The build stamp that `npm run build` puts on the bin's second line (src/build/build.ts). */
export const STAMP = /^\/\/ swr-shell (\S+) build [0-9a-f]+$/;

/** The command that writes this block, as the block and the static plugin quote it. */
export function installCommand(shell: InstallShell, options: InstallOptions): string {
  const mode = options.mode === INSTALL_MODES[0] ? '' : ` --mode ${options.mode}`;
  return `swr-shell install ${shell}${mode}${initFlags(options)}`;
}

/** A path as a comment shows it: ~/... under $HOME. */
function shown(path: string, env: Env): string {
  const home = homeDir(env);
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/** A path for the block: under $HOME it is written "$HOME"/..., so that a dotfile shared between machines works on each. */
function homeRelative(path: string, env: Env, quote: (value: string) => string): string {
  const home = homeDir(env);
  return path.startsWith(`${home}/`) ? `"$HOME"${quote(path.slice(home.length))}` : quote(path);
}

/**
 * The block for `shell`, markers included, its lines joined by "\n" and no
 * final newline. A path under $HOME is written as "$HOME"/..., so that a
 * dotfile shared between machines finds the plugin on each.
 */
export function blockText(shell: InstallShell, options: InstallOptions, env: Env, created: boolean): string {
  const quote = QUOTE[variantOf(shell)];
  const path = (file: string): string => homeRelative(file, env, quote);
  if (options.mode === 'cache' && options.bin === undefined) throw new Error('blockText: cache mode needs the bin');
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
      initArgs: `init ${variantOf(shell)}${initFlags(options)}`,
      header: cacheHeaderAround(shell, options),
      staticPath: path(staticPluginPath(shell, env)),
      bin: options.bin === undefined ? '' : path(options.bin),
      cacheDir: path(cacheDir(env)),
      cacheFile: path(cachedPluginPath(shell, env)),
      // cache mode: the public functions, for the stubs that load the plugin at their first call, and those whose first argument tab completes.
      functions: FUNCTIONS.map(([suffix]) => functionName(variantOf(shell), options.prefix, suffix)),
      completed: FUNCTIONS.filter(([, , , , , completes]) => completes).map(([suffix]) => functionName(variantOf(shell), options.prefix, suffix)),
      // Where the zsh completion script goes: fpath gets it, and compdef too if compinit ran first.
      zshFunctions: path(dirname(completionPath('zsh', env))),
      shown: { cacheFile: shown(cachedPluginPath(shell, env), env), bin: options.bin === undefined ? '' : shown(options.bin, env) },
    },
    quote,
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
  /** Written after the block: a file the block does not need (a completion script). */
  readonly extra?: boolean;
}

/**
 * The files that install writes whole for `shell`, besides the block; with
 * `options` undefined (uninstall), each with no contents. The plugin cached by
 * the block of cache mode is here too, for uninstall: install leaves it to the
 * block, which knows the bin's stamp.
 */
export function ownedFiles(shell: InstallShell, env: Env, options?: InstallOptions): OwnedFile[] {
  const cached = cachedPluginPath(shell, env);
  const completed = SHELLS.find((name) => name === shell);
  return [
    {
      path: staticPluginPath(shell, env),
      text: options?.mode === 'static' ? staticPluginText(shell, options) : undefined,
      what: `${shell} plugin for static mode`,
    },
    ...(options === undefined || options.mode !== 'cache' ? [{ path: cached, text: undefined, what: `${shell} plugin cached by the block` }] : []),
    ...(completed === undefined
      ? []
      : [{ path: completionPath(completed, env), text: options?.completions?.[completed], what: `${shell} completion script for swr-shell`, extra: true }]),
  ];
}
