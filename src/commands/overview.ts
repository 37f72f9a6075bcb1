// What `swr-shell` alone prints, and the hints for a command line that names
// no command: a mistyped command, or one of the plugin's functions.

import { UsageError } from '../core/errors.ts';
import { DEFAULT_PREFIX, FUNCTIONS } from '../core/plugin.ts';
import { version } from '../core/render.ts';
import { nearest } from '../core/spelling.ts';
import { show } from '../core/validate.ts';

interface Described {
  readonly usage: string;
  readonly describe: string;
}

const commandName = (command: Described): string => command.usage.split(' ')[0]!;

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** The commands and the functions, for `swr-shell` alone and `swr-shell help`. */
export function overview(commands: readonly Described[]): string {
  return [
    `swr-shell ${version}: SWR (Huawei Cloud container registry) logins and image references for bash, zsh and fish.`,
    '',
    'Commands (swr-shell help COMMAND shows the options of one):',
    ...table(commands.map((command) => [command.usage.replace(/\[(\w+)\.\.\]/, '[$1...]'), command.describe])),
    '',
    'Functions of the shell plugin (swr-shell install adds it to your shell; each takes --help):',
    ...table(FUNCTIONS.map(([suffix, usage, summary]) => [`${DEFAULT_PREFIX}-${suffix} ${usage}`, summary])),
    '',
    'First steps: swr-shell configure, swr-shell check, swr-shell install.',
    '',
  ].join('\n');
}

/**
 * The plugin's functions that a user may type as commands (`swr-shell pull`),
 * each with the function to use instead; a name that is also a command is left out.
 */
export function functionHints(commands: readonly Described[]): ReadonlyMap<string, string> {
  const names = new Set(commands.map(commandName));
  return new Map(
    FUNCTIONS.filter(([suffix]) => !names.has(suffix)).map(([suffix, usage]) => [suffix, `${DEFAULT_PREFIX}-${suffix} ${usage}`]),
  );
}

/** The error for `word` in the place of a command: a function's hint, the nearest command, or the list. */
export function unknownCommand(word: string, commands: readonly Described[]): UsageError {
  const fn = functionHints(commands).get(word);
  if (fn !== undefined) {
    return new UsageError(
      `"${word}" is a function of the shell plugin, not a command: in a shell that has loaded the plugin ` +
        `(swr-shell install, or eval "$(swr-shell init)"), run ${fn}.`,
    );
  }
  const names = commands.map(commandName);
  const { name, distance } = nearest(word, names);
  const hint = distance <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean ${name}?)` : '';
  return new UsageError(`unknown command ${show(word)}${hint}: run swr-shell --help for the list of commands.`);
}
