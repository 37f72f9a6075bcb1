// The shell plugin that `init` prints: one template per shell, filled from one
// model. The model holds names and patterns only, never a setting or a key:
// the functions read those when they run.

import { type Escape, render, version } from './render.ts';
import { fishQuote, posixQuote } from './quote.ts';
import { REGIONS, regionsByDomain } from './regions.ts';
import { PATTERNS } from './validate.ts';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const DEFAULT_PREFIX = 'swr';

/** The clients that `<prefix>-login` and `<prefix>-logout` drive: each reads a password from stdin. */
export const LOGIN_TOOLS = ['docker', 'podman', 'nerdctl'] as const;

export interface PluginOptions {
  readonly shell: Shell;
  /** Names the functions `<prefix>-login` and so on; validated by the caller. */
  readonly prefix: string;
  /** Pins the functions to this profile instead of $SWR_PROFILE; validated by the caller. */
  readonly profile?: string | undefined;
}

export const QUOTE: Readonly<Record<Shell, Escape>> = { bash: posixQuote, zsh: posixQuote, fish: fishQuote };

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

export function renderPlugin({ shell, prefix, profile }: PluginOptions): string {
  const flags = initFlags({ prefix, profile });
  return render(
    shell,
    {
      version,
      flags,
      profile: profile ?? '',
      patterns: PATTERNS,
      domains: regionsByDomain(),
      regions: REGIONS.map(({ id, name }) => ({ id, name })),
      tools: LOGIN_TOOLS,
      functions: FUNCTIONS.map(([suffix, usage, summary, helper, fixed, completes]) => ({
        name: `${prefix}-${suffix}`,
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
