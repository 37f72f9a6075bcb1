// The command line, as yargs sees it. Each command is one module of
// src/commands with its options and its `run`.

import { UsageError } from './core/errors.ts';
import { show } from './core/validate.ts';
import { declarations } from './commands/declarations.ts';
import { version } from './core/render.ts';
import type { Io } from './runtime.ts';
import type { Args } from './commands/args.ts';
import * as check from './commands/check.ts';
import * as completion from './commands/completion.ts';
import * as configure from './commands/configure.ts';
import * as containerdConfig from './commands/containerd-config.ts';
import * as dockerConfig from './commands/docker-config.ts';
import * as doctor from './commands/doctor.ts';
import * as env from './commands/env.ts';
import * as init from './commands/init.ts';
import * as install from './commands/install.ts';
import * as k8sSecret from './commands/k8s-secret.ts';
import * as kubeletConfig from './commands/kubelet-config.ts';
import * as login from './commands/login.ts';
import * as loginKey from './commands/login-key.ts';
import * as profiles from './commands/profiles.ts';
import * as regions from './commands/regions.ts';
import * as uninstall from './commands/uninstall.ts';
import { overview, unknownCommand } from './commands/overview.ts';

interface Command {
  usage: string;
  describe: string;
  builder: (yargs: import('yargs').Argv) => import('yargs').Argv;
  /** Resolves to the exit status when the command has one of its own (login passes on its tool's). */
  run: (args: Args, io: Io) => Promise<void | number>;
}

export const COMMANDS: readonly Command[] = [
  init,
  configure,
  profiles,
  check,
  loginKey,
  login,
  env,
  regions,
  dockerConfig,
  k8sSecret,
  containerdConfig,
  kubeletConfig,
  doctor,
  install,
  uninstall,
  completion,
].map((module) => module.command);

/** yargs' messages, reworded to name the value and the way out. */
function usageMessage(message: string, args: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown) {
    // Named with show(): a stray word may be a secret given in the wrong place.
    const first = unknown[1]!.split(', ')[0]!;
    const command = args[0] !== undefined && COMMANDS.some((candidate) => candidate.usage.split(' ')[0] === args[0]) ? args[0] : '';
    if (args[0] === first) return `unknown command ${show(first)}: run swr-shell --help for the list of commands.`;
    const flag = first.length === 1 ? `-${first}` : args.some((arg) => arg.startsWith(`--${first}`)) ? `--${first}` : first;
    return `unknown argument ${show(flag)}: run swr-shell ${command} --help for what it takes.`.replace('  ', ' ');
  }
  if (/^Not enough non-option arguments/.test(message) || message === 'missing command') {
    return 'missing command: run swr-shell --help for the list of commands.';
  }
  const missing = /^Not enough arguments following: (.*)$/.exec(message);
  if (missing) return `--${missing[1]} needs a value.`;
  return message;
}

const commandNamed = (name: string | undefined): Command | undefined =>
  COMMANDS.find((candidate) => candidate.usage.split(' ')[0] === name);

/** yargs reads `--region` at the end of the line as ""; a string option given no value is refused instead. */
function checkStringValues(args: readonly string[]): void {
  const command = commandNamed(args[0]);
  if (command === undefined) return;
  const strings = new Set(declarations(command.builder).filter((option) => option.type === 'string' && !option.positional).map((option) => option.name));
  args.forEach((arg, index) => {
    const next = args[index + 1];
    if (arg.startsWith('--') && strings.has(arg.slice(2)) && (next === undefined || next.startsWith('-'))) {
      throw new UsageError(`${arg} needs a value: run swr-shell ${args[0]} --help for what it takes.`);
    }
  });
}

/** yargs reads `--json=maybe` as false; a boolean flag given any value but true or false is refused instead. */
function checkBooleanValues(args: readonly string[]): void {
  const command = commandNamed(args[0]);
  if (command === undefined) return;
  const booleans = new Set(declarations(command.builder).filter((option) => option.type === 'boolean').map((option) => option.name));
  for (const arg of args) {
    const given = /^--(?:no-)?([^=]+)=(.*)$/s.exec(arg);
    if (given && booleans.has(given[1]!) && given[2] !== 'true' && given[2] !== 'false') {
      const flag = arg.slice(0, arg.indexOf('='));
      // The value is not shown: it may be a secret given to the wrong flag (--sk-stdin=SK).
      throw new UsageError(`${flag} takes no value: write ${flag} alone.`);
    }
  }
}

/** Runs the command that `args` name; resolves to its exit status. */
export async function dispatch(given: readonly string[], io: Io): Promise<number> {
  if (given.length === 0 || (given[0] === 'help' && given.length === 1)) {
    io.stdout(overview(COMMANDS));
    return 0;
  }
  // `help COMMAND` is `COMMAND --help`.
  const args = given[0] === 'help' ? [given[1]!, '--help'] : given;
  if (!args[0]!.startsWith('-') && commandNamed(args[0]) === undefined) throw unknownCommand(args[0]!, COMMANDS);
  checkBooleanValues(args);
  checkStringValues(args);
  // import(), not a static import: yargs is the costliest module to load, and
  // importing COMMANDS (for completion) must not load it.
  const { default: yargs } = await import('yargs');
  let pending: Promise<void | number> | undefined;
  const parser = yargs()
    .scriptName('swr-shell')
    .usage('swr-shell <command> [options]\n\nSWR (Huawei Cloud container registry) logins and image references for bash, zsh and fish.')
    .parserConfiguration({ 'dot-notation': false, 'boolean-negation': true })
    .strict()
    .demandCommand(1, 'missing command')
    .help()
    .alias('help', 'h')
    .version(version)
    .alias('version', 'v')
    .exitProcess(false)
    .showHelpOnFail(false)
    .wrap(null)
    .fail((message, error) => {
      throw error ?? new UsageError(usageMessage(message, args));
    });
  for (const command of COMMANDS) {
    parser.command(command.usage, command.describe, command.builder, (argv) => {
      pending = command.run(argv as Args, io);
    });
  }
  const output = await new Promise<string>((resolve, reject) => {
    parser.parse([...args], {}, (error: Error | undefined, _argv: unknown, text: string) =>
      error ? reject(error) : resolve(text),
    );
  });
  if (output) io.stdout(output.endsWith('\n') ? output : output + '\n');
  return (await pending) ?? 0;
}
