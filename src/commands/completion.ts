// swr-shell completion [bash|zsh|fish]: prints the static completion script,
// built from the commands' own builders (see declarations.ts) and the tables
// below of what their values are.

import type { Argv } from 'yargs';
import {
  type CompletionCommand,
  type CompletionFlag,
  type CompletionModel,
  renderCompletion,
  type Values,
} from '../core/completion.ts';
import { SHELLS, type Shell } from '../core/plugin.ts';
import type { Io } from '../runtime.ts';
import { type Args, shellArg } from './args.ts';
import { type Declaration, declarations, usagePositionals } from './declarations.ts';
import { FORMATS } from './env.ts';

export const command = {
  usage: 'completion [shell]',
  describe: 'print the tab-completion script for swr-shell (bash, zsh or fish)',
  builder: (yargs: Argv): Argv =>
    yargs.positional('shell', { type: 'string', describe: 'bash, zsh or fish (default: the calling shell)' }),
  run,
};

interface Described {
  readonly usage: string;
  readonly describe: string;
  readonly builder: (yargs: Argv) => Argv;
}

const SHELL_WORDS: Values = { kind: 'words', words: SHELLS };

/**
 * What an option or positional takes, by its name (`--region`, `shell`), or by
 * command and name (`env --format`) where the name means different things in
 * different commands. A declared `choices` list wins over this table; a name
 * that is in neither takes free text, for which nothing is offered.
 */
const VALUES: Readonly<Record<string, Values>> = {
  '--region': { kind: 'regions' },
  '--profile': { kind: 'profiles' },
  '--credentials': { kind: 'files' },
  '--output': { kind: 'files' },
  'env --format': { kind: 'words', words: FORMATS },
  'profiles --remove': { kind: 'profiles' },
  shell: SHELL_WORDS,
  shells: SHELL_WORDS,
};

/** The flags yargs adds to every command (src/parser.ts: `.help().alias('help', 'h').version()`). */
const BUILT_IN: readonly Declaration[] = [
  { name: 'help', aliases: ['h'], describe: 'Show help', type: 'boolean' },
  { name: 'version', aliases: ['v'], describe: 'Show version number', type: 'boolean' },
].map((flag) => ({ ...flag, positional: false, choices: undefined, default: undefined, hidden: false }));

function valuesOf(command: string, key: string, declared: Declaration | undefined): Values {
  if (declared?.choices) return { kind: 'words', words: declared.choices };
  return VALUES[`${command} ${key}`] ?? VALUES[key] ?? { kind: 'none' };
}

function flagOf(command: string, option: Declaration): CompletionFlag {
  const boolean = option.type === 'boolean';
  // A boolean that is on by default is only ever typed as --no-NAME.
  const long = boolean && option.default === true ? `--no-${option.name}` : `--${option.name}`;
  const aliases = option.aliases.map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`));
  return {
    names: [long, ...aliases],
    describe: option.describe,
    values: boolean ? undefined : valuesOf(command, `--${option.name}`, option),
  };
}

function commandOf(described: Described): CompletionCommand {
  const name = described.usage.split(' ')[0]!;
  const declared = declarations(described.builder);
  const options = declared.filter((item) => !item.positional && !item.hidden);
  const own = new Set(options.map((option) => option.name));
  return {
    name,
    describe: described.describe,
    flags: [...options, ...BUILT_IN.filter((flag) => !own.has(flag.name))].map((option) => flagOf(name, option)),
    arguments: usagePositionals(described.usage).map(({ name: argument, variadic }) => {
      const spec = declared.find((item) => item.positional && item.name === argument);
      return { name: argument, variadic, describe: spec?.describe ?? '', values: valuesOf(name, argument, spec) };
    }),
  };
}

export function completionModel(commands: readonly Described[]): CompletionModel {
  return { flags: BUILT_IN.map((flag) => flagOf('', flag)), commands: commands.map(commandOf) };
}

/** The model of the whole command line; the parser is loaded for its list of commands only. */
async function currentModel(): Promise<CompletionModel> {
  const { COMMANDS } = await import('../parser.ts');
  return completionModel(COMMANDS);
}

/** The completion script for `shell`, for install (src/core/dotfiles.ts knows where it goes). */
export async function completionScript(shell: Shell): Promise<string> {
  return renderCompletion(shell, await currentModel());
}

export async function run(args: Args, io: Io): Promise<void> {
  io.stdout(await completionScript(await shellArg(args, io, 'completion')));
}
