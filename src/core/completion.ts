// Tab completion for swr-shell itself: one template per shell
// (templates/completion-*.ejs) rendered from one model of the command line.
// The scripts are static: a tab press runs no process. Region IDs are rendered
// in; profile names are read by the shell from the profile directory.

import { render, version } from './render.ts';
import { QUOTE, type Shell } from './plugin.ts';
import { type Env, configDirBase, dataHome } from './profile.ts';
import { isAbsolute, join } from './paths.ts';
import { REGIONS } from './regions.ts';
import { PATTERNS } from './validate.ts';

/** What the value of an option (or a positional argument) can be completed with. */
export type Values =
  | { readonly kind: 'none' } // free text: nothing to offer
  | { readonly kind: 'words'; readonly words: readonly string[] }
  | { readonly kind: 'regions' }
  | { readonly kind: 'profiles' }
  | { readonly kind: 'files' };

export interface CompletionFlag {
  /** Every spelling, the long one first: `--help`, `-h`. */
  readonly names: readonly string[];
  readonly describe: string;
  /** What the flag's value is; undefined for a flag that takes none. */
  readonly values?: Values | undefined;
}

export interface CompletionArgument {
  readonly name: string;
  readonly describe: string;
  /** Takes every remaining argument (`[shells..]`). */
  readonly variadic: boolean;
  readonly values: Values;
}

export interface CompletionCommand {
  readonly name: string;
  readonly describe: string;
  readonly flags: readonly CompletionFlag[];
  readonly arguments: readonly CompletionArgument[];
}

export interface CompletionModel {
  /** The flags of swr-shell without a command. */
  readonly flags: readonly CompletionFlag[];
  readonly commands: readonly CompletionCommand[];
}

// Command names, flag names and value words are rendered into shell code
// unquoted (bash `case` patterns, zsh `(a b)` actions, fish option names), so
// they are held to a shape that no shell reads specially.
const WORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function unquotedWords(model: CompletionModel): string[] {
  const flags = [...model.flags, ...model.commands.flatMap((command) => command.flags)];
  const values = [...flags.map((flag) => flag.values), ...model.commands.flatMap((command) => command.arguments.map((argument) => argument.values))];
  return [
    ...model.commands.map((command) => command.name),
    ...flags.flatMap((flag) => flag.names.map((name) => name.replace(/^--?/, ''))),
    ...values.flatMap((value) => (value?.kind === 'words' ? value.words : [])),
  ];
}

export function renderCompletion(shell: Shell, model: CompletionModel): string {
  const bad = unquotedWords(model).find((word) => !WORD.test(word));
  if (bad !== undefined) throw new Error(`completion: ${JSON.stringify(bad)} cannot be rendered as a word.`);
  return render(
    `completion-${shell}`,
    {
      version,
      flags: model.flags,
      commands: model.commands,
      regions: REGIONS.map(({ id, name }) => ({ id, name })),
      profilePattern: PATTERNS.profile,
    },
    QUOTE[shell],
  );
}

/**
 * Where each shell finds a completion file without being told: bash-completion's
 * per-user directory (first of `$BASH_COMPLETION_USER_DIR`, as bash-completion
 * reads it), fish's completions directory. zsh has no per-user default; the
 * directory given here works once it is in `fpath` before compinit runs.
 */
export function completionPath(shell: Shell, env: Env): string {
  switch (shell) {
    case 'bash': {
      const userDir = (env['BASH_COMPLETION_USER_DIR'] ?? '').split(':')[0]!;
      return join(isAbsolute(userDir) ? userDir : join(dataHome(env), 'bash-completion'), 'completions', 'swr-shell');
    }
    case 'zsh':
      return join(dataHome(env), 'zsh', 'site-functions', '_swr-shell');
    case 'fish':
      return join(configDirBase(env), 'fish', 'completions', 'swr-shell.fish');
  }
}
