// The completion command and its model, in process: what a builder declares,
// where each shell's file goes, and how the command treats its argument.
// (What the scripts complete is tested in the real shells: test/shell/.)

import type { Argv } from 'yargs';
import { describe, expect, it } from 'vitest';
import { completionModel, completionScript } from '../../src/commands/completion.ts';
import { declarations, usagePositionals } from '../../src/commands/declarations.ts';
import { completionPath, renderCompletion } from '../../src/core/completion.ts';
import { fastCompletionArgs, main } from '../../src/main.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo } from '../support/io.ts';

const builder = (yargs: Argv): Argv =>
  yargs
    .positional('shells', { type: 'string', describe: 'which shells', choices: ['bash', 'zsh'] })
    .option('mode', { type: 'string', choices: ['eval', 'static'], describe: 'how' })
    .options({ 'dry-run': { type: 'boolean', alias: 'n' }, quiet: { type: 'boolean', hidden: true } })
    .example('install', 'anything else is passed over')
    .option('secret', { type: 'boolean', default: true, describe: 'include it' });

describe('declarations', () => {
  it('records options, positionals, aliases, choices and defaults, and passes over the rest', () => {
    expect(declarations(builder)).toEqual([
      { name: 'shells', positional: true, type: 'string', describe: 'which shells', choices: ['bash', 'zsh'], default: undefined, aliases: [], hidden: false },
      { name: 'mode', positional: false, type: 'string', describe: 'how', choices: ['eval', 'static'], default: undefined, aliases: [], hidden: false },
      { name: 'dry-run', positional: false, type: 'boolean', describe: '', choices: undefined, default: undefined, aliases: ['n'], hidden: false },
      { name: 'quiet', positional: false, type: 'boolean', describe: '', choices: undefined, default: undefined, aliases: [], hidden: true },
      { name: 'secret', positional: false, type: 'boolean', describe: 'include it', choices: undefined, default: true, aliases: [], hidden: false },
    ]);
  });

  it('reads the positionals of a usage string', () => {
    expect(usagePositionals('install [shells..]')).toEqual([{ name: 'shells', variadic: true }]);
    expect(usagePositionals('get <key> [value]')).toEqual([
      { name: 'key', variadic: false },
      { name: 'value', variadic: false },
    ]);
    expect(usagePositionals('regions')).toEqual([]);
  });
});

describe('completionModel', () => {
  const [install] = completionModel([{ usage: 'install [shells..]', describe: 'install it', builder }]).commands;

  it('turns declarations into flags and arguments, with their values', () => {
    expect(install).toEqual({
      name: 'install',
      describe: 'install it',
      arguments: [{ name: 'shells', describe: 'which shells', variadic: true, values: { kind: 'words', words: ['bash', 'zsh'] } }],
      flags: [
        { names: ['--mode'], describe: 'how', values: { kind: 'words', words: ['eval', 'static'] } },
        { names: ['--dry-run', '-n'], describe: '', values: undefined },
        { names: ['--no-secret'], describe: 'include it', values: undefined },
        { names: ['--help', '-h'], describe: 'Show help', values: undefined },
        { names: ['--version', '-v'], describe: 'Show version number', values: undefined },
      ],
    });
  });

  it('lets a command’s own --version replace the built-in one', () => {
    const own = (yargs: Argv): Argv => yargs.option('version', { type: 'number', choices: [2, 3], describe: 'config version' });
    const [command] = completionModel([{ usage: 'containerd-config', describe: '', builder: own }]).commands;
    expect(command!.flags.filter((flag) => flag.names.includes('--version'))).toEqual([
      { names: ['--version'], describe: 'config version', values: { kind: 'words', words: ['2', '3'] } },
    ]);
  });

  it('checks every word it renders unquoted: choices of flags and of positionals, whole, from their first character', () => {
    for (const [builder, word] of [
      [(yargs: Argv): Argv => yargs.option('format', { type: 'string', choices: ['json', '.hidden'] }), '.hidden'],
      [(yargs: Argv): Argv => yargs.option('format', { type: 'string', choices: ['json', 'a;b'] }), 'a;b'],
      [(yargs: Argv): Argv => yargs.positional('kind', { type: 'string', choices: ['ok', '-x'] }), '-x'],
      [(yargs: Argv): Argv => yargs.positional('kind', { type: 'string', choices: ['ok', 'a b'] }), 'a b'],
    ] as const) {
      const model = completionModel([{ usage: 'bad [kind]', describe: '', builder }]);
      for (const shell of ['bash', 'zsh', 'fish'] as const) {
        expect(() => renderCompletion(shell, model), word).toThrow(`completion: ${JSON.stringify(word)} cannot be rendered as a word.`);
      }
    }
    const good = completionModel([{ usage: 'good [kind]', describe: '', builder: (yargs: Argv): Argv => yargs.positional('kind', { type: 'string', choices: ['a.b_c-1', 'Z9'] }) }]);
    expect(renderCompletion('bash', good)).toContain('a.b_c-1');
  });

  it('refuses to render a word that shell code would read specially', () => {
    const bad = (yargs: Argv): Argv => yargs.option('format', { type: 'string', choices: ['a b', '$(x)'] });
    const model = completionModel([{ usage: 'bad', describe: '', builder: bad }]);
    expect(() => renderCompletion('bash', model)).toThrow('"a b" cannot be rendered');
  });
});

describe('completionPath', () => {
  const home = { HOME: '/home/u' };

  it('puts each file where its shell looks by default', () => {
    expect(completionPath('bash', home)).toBe('/home/u/.local/share/bash-completion/completions/swr-shell');
    expect(completionPath('zsh', home)).toBe('/home/u/.local/share/zsh/site-functions/_swr-shell');
    expect(completionPath('fish', home)).toBe('/home/u/.config/fish/completions/swr-shell.fish');
  });

  it('follows the XDG and bash-completion variables, ignoring relative ones', () => {
    const env = { ...home, XDG_DATA_HOME: '/data', XDG_CONFIG_HOME: '/config' };
    expect(completionPath('bash', env)).toBe('/data/bash-completion/completions/swr-shell');
    expect(completionPath('bash', { ...env, BASH_COMPLETION_USER_DIR: '/bc:/other' })).toBe('/bc/completions/swr-shell');
    expect(completionPath('bash', { ...env, BASH_COMPLETION_USER_DIR: 'relative' })).toBe('/data/bash-completion/completions/swr-shell');
    expect(completionPath('zsh', env)).toBe('/data/zsh/site-functions/_swr-shell');
    expect(completionPath('fish', env)).toBe('/config/fish/completions/swr-shell.fish');
    expect(completionPath('fish', { ...home, XDG_CONFIG_HOME: 'relative' })).toBe('/home/u/.config/fish/completions/swr-shell.fish');
  });
});

describe('swr-shell completion', () => {
  it('prints the script of the shell it is given, and completionScript gives the same text', async () => {
    const { io, stdout } = fakeIo();
    expect(await main(['completion', 'fish'], io)).toBe(0);
    expect(stdout()).toMatch(/^# fish completion for swr-shell /);
    expect(await completionScript('fish')).toBe(stdout());
  });

  it('serves the calling shell without an argument', async () => {
    const { io, stdout } = fakeIo({ parent: 'zsh' });
    expect(await main(['completion'], io)).toBe(0);
    expect(stdout()).toMatch(/^#compdef swr-shell\n/);
  });

  it('refuses an unknown shell with status 2, naming it and the choices', async () => {
    const { io, stderr, stdout } = fakeIo();
    expect(await main(['completion', 'tcsh'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toBe('swr-shell: unknown shell "tcsh": use bash, zsh, fish.\n');
  });

  it('names itself when it cannot tell the shell', async () => {
    const { io, stderr } = fakeIo({ parent: 'node', env: { SHELL: '/bin/tcsh' } });
    expect(await main(['completion'], io)).toBe(2);
    expect(stderr()).toContain('name it, as in swr-shell completion bash, zsh or fish.');
  });

  it('takes the fast path for `completion [shell]` only, leaving flags and extra words to yargs', () => {
    expect(fastCompletionArgs(['completion'])).toEqual({});
    expect(fastCompletionArgs(['completion', 'bash'])).toEqual({ shell: 'bash' });
    expect(fastCompletionArgs(['completion', '--help'])).toBeUndefined();
    expect(fastCompletionArgs(['completion', 'bash', 'zsh'])).toBeUndefined();
    expect(fastCompletionArgs(['init', 'bash'])).toBeUndefined();
  });

  it('gives the same script through yargs as on the fast path, and refuses extra words there', async () => {
    const fast = fakeIo();
    const parsed = fakeIo();
    expect(await main(['completion', 'bash'], fast.io)).toBe(0);
    await dispatch(['completion', 'bash'], parsed.io);
    expect(parsed.stdout()).toBe(fast.stdout());
    const extra = fakeIo();
    expect(await main(['completion', 'bash', 'zsh'], extra.io)).toBe(2);
    expect(extra.stderr()).toContain('unknown argument "zsh"');
  });
});
