// The shell plugin that `init` prints: one template per shell, filled from one
// model. The model holds names and patterns only, never a setting or a key:
// the functions read those when they run.

import { UsageError } from './errors.ts';
import { type Escape, render, version } from './render.ts';
import { fishQuote, posixQuote } from './quote.ts';
import { REGIONS, regionsByDomain } from './regions.ts';
import { CHARS, PATTERNS } from './validate.ts';

/** The shells that get completion and an install of their own. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The plugin's variants: one per shell, and `sh` for the POSIX shells. */
export const PLUGIN_SHELLS = [...SHELLS, 'sh'] as const;
export type PluginShell = (typeof PLUGIN_SHELLS)[number];

/** The shells that install serves: ksh, mksh and plain sh with the sh variant. */
export const INSTALL_SHELLS = [...SHELLS, 'ksh', 'mksh', 'sh'] as const;
export type InstallShell = (typeof INSTALL_SHELLS)[number];

/** The plugin variant that a shell loads. */
export function variantOf(shell: InstallShell): PluginShell {
  return (SHELLS as readonly string[]).includes(shell) ? (shell as Shell) : 'sh';
}

/** Shells that POSIX sh variant serves, by the name of their program. */
export const SH_FAMILY = ['sh', 'dash', 'ash', 'busybox', 'ksh', 'ksh93', 'mksh', 'lksh', 'pdksh', 'yash', 'posh'] as const;

export const DEFAULT_PREFIX = 'swr';

/** The clients that `<prefix>-login` and `<prefix>-logout` drive: each reads a password from stdin. */
export const LOGIN_TOOLS = ['docker', 'podman', 'nerdctl'] as const;

export interface PluginOptions {
  readonly shell: PluginShell;
  /** Names the functions `<prefix>-login` and so on; validated by the caller. */
  readonly prefix: string;
  /** Pins the functions to this profile instead of $SWR_PROFILE; validated by the caller. */
  readonly profile?: string | undefined;
}

export const QUOTE: Readonly<Record<PluginShell, Escape>> = { bash: posixQuote, zsh: posixQuote, fish: fishQuote, sh: posixQuote };

/**
 * The public functions: name suffix, usage, summary, the helper that does the
 * work, its fixed first argument, and what tab completes as the first argument
 * (the shell's default, such as file names, where empty).
 */
export const FUNCTIONS = [
  ['login', '[docker|podman|nerdctl] [options...]', 'log a container client in to SWR', '__swr_do_client', 'login ', 'tools'],
  ['logout', '[docker|podman|nerdctl] [options...]', 'log a container client out of SWR', '__swr_do_client', 'logout ', 'tools'],
  ['pull', 'IMAGE [ctr-options...]', 'pull an image from SWR with ctr', '__swr_do_ctr', 'pull ', ''],
  ['push', 'IMAGE [ctr-options...]', 'push an image to SWR with ctr', '__swr_do_ctr', 'push ', ''],
  ['ref', 'IMAGE', 'print the full SWR reference for an image', '__swr_do_ref', '', ''],
  ['region', '[REGION|--reset]', "print or switch the SWR region of this shell (--reset: the profile's)", '__swr_do_region', '', 'regions'],
] as const;

/** The options of `swr-shell init` that give this plugin, each after a space: " --cmd hw". */
export function initFlags({ prefix, profile }: Omit<PluginOptions, 'shell'>): string {
  return (prefix === DEFAULT_PREFIX ? '' : ` --cmd ${prefix}`) + (profile ? ` --profile ${profile}` : '');
}

/** A prefix for the sh variant, whose function names POSIX allows no "-" in. */
export function shPrefix(prefix: string): string {
  if (!prefix.includes('-')) return prefix;
  throw new UsageError(
    `invalid --cmd prefix ${JSON.stringify(prefix)} for sh: POSIX sh allows no "-" in a function name; ` +
      `use letters, digits and "_" (for example --cmd ${prefix.replaceAll('-', '_')}).`,
  );
}

/** A public function's name: `<prefix>-login`, or `<prefix>_login` in the sh variant. */
export function functionName(shell: PluginShell, prefix: string, suffix: string): string {
  return `${prefix}${shell === 'sh' ? '_' : '-'}${suffix}`;
}

export function renderPlugin({ shell, prefix, profile }: PluginOptions): string {
  const flags = initFlags({ prefix, profile });
  return render(
    shell,
    {
      version,
      flags,
      profile: profile ?? '',
      patterns: PATTERNS,
      chars: CHARS,
      domains: regionsByDomain(),
      regions: REGIONS.map(({ id, name }) => ({ id, name })),
      tools: LOGIN_TOOLS,
      functions: FUNCTIONS.map(([suffix, usage, summary, helper, fixed, completes]) => ({
        name: functionName(shell, prefix, suffix),
        suffix,
        usage,
        // pull and push take ctr's own order too: options first, the image last.
        usage2: helper === '__swr_do_ctr' ? '[ctr-options...] IMAGE' : '',
        summary,
        helper,
        fixed,
        completes,
      })),
    },
    QUOTE[shell],
  );
}
