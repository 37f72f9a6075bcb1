// Tab completion in the real shells: the checked-in scripts of completions/
// (completion-files.test.ts holds them to `swr-shell completion`) and the
// plugin's completion of its own functions. What they must offer comes from
// elsewhere: the commands and flags from yargs' --help, the regions from
// `swr-shell regions --json`, the shells, formats and clients from the SPEC,
// the profiles from the files the test writes. A stand-in swr-shell on PATH
// records any run: a tab press must start no process.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlugin } from '../../src/core/plugin.ts';
import { main } from '../../src/main.ts';
import { completeBash, completeFish, completeZsh, type Match } from '../support/complete.ts';
import { fakeIo } from '../support/io.ts';
import { requireTools } from '../support/tools.ts';

const COMPLETIONS = fileURLToPath(new URL('../../completions', import.meta.url));

// The SPEC's words.
const SHELLS = ['bash', 'fish', 'zsh'];
const FORMATS = ['dotenv', 'fish', 'json', 'sh'];
const CLIENTS = ['docker', 'nerdctl', 'podman'];

async function run(args: string[]): Promise<string> {
  const { io, stdout, stderr } = fakeIo();
  expect(await main(args, io), stderr()).toBe(0);
  return stdout();
}

interface Help {
  commands: string[];
  flags: string[];
  positionals: string[];
}

/** The commands, flags (`--no-X` for a boolean that defaults to true) and positionals that --help lists. */
function parseHelp(text: string): Help {
  const help: Help = { commands: [], flags: [], positionals: [] };
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^(\w+):$/.exec(line);
    if (heading) section = heading[1]!;
    else if (section === 'Commands') help.commands.push(/^\s+swr-shell ([\w-]+)/.exec(line)?.[1] ?? '');
    else if (section === 'Positionals') help.positionals.push(/^\s+([\w-]+)/.exec(line)?.[1] ?? '');
    else if (section === 'Options') {
      const option = /^\s+(?:-(\w), )?--([\w-]+)\s/.exec(line);
      if (!option) continue;
      const negated = line.includes('[boolean]') && line.includes('[default: true]');
      help.flags.push(negated ? `--no-${option[2]}` : `--${option[2]}`, ...(option[1] ? [`-${option[1]}`] : []));
    }
  }
  for (const list of Object.values(help)) list.splice(0, list.length, ...list.filter((item: string) => item !== ''));
  return help;
}

/** The words offered, sorted; a word offered twice stays twice. */
const words = (matches: readonly Match[]): string[] => matches.map((match) => match.word).sort();

interface Case {
  line: string;
  check: (matches: Match[], shell: string) => void;
}

/** The lines to complete, and what each must give, from the oracles. */
async function cases(fixture: string): Promise<Case[]> {
  const top = parseHelp(await run(['--help']));
  const regions = JSON.parse(await run(['regions', '--json'])) as Array<{ id: string; name: string }>;
  const regionIds = regions.map((region) => region.id).sort();
  const list: Case[] = [
    { line: 'swr-shell ', check: (matches) => expect(words(matches)).toEqual([...top.commands].sort()) },
    { line: 'swr-shell -', check: (matches) => expect(words(matches)).toEqual([...top.flags].sort()) },
  ];
  for (const command of top.commands) {
    const help = parseHelp(await run([command, '--help']));
    list.push({ line: `swr-shell ${command} -`, check: (matches) => expect(words(matches)).toEqual([...help.flags].sort()) });
    if (help.flags.includes('--region')) {
      list.push({
        line: `swr-shell ${command} --region `,
        check: (matches, shell) => {
          expect(words(matches)).toEqual(regionIds);
          if (shell === 'bash') return; // bash shows no descriptions
          for (const region of regions) {
            expect(matches.find((match) => match.word === region.id)?.description, region.id).toBe(region.name);
          }
        },
      });
    }
    if (help.flags.includes('--profile')) {
      list.push({ line: `swr-shell ${command} --profile `, check: (matches) => expect(words(matches)).toEqual(['cn_prod-2', 'default', 'work']) });
      list.push({ line: `swr-shell ${command} --profile w`, check: (matches) => expect(words(matches)).toEqual(['work']) });
    }
    if (help.positionals.some((name) => name === 'shell' || name === 'shells')) {
      list.push({ line: `swr-shell ${command} `, check: (matches) => expect(words(matches)).toEqual(SHELLS) });
    }
  }
  const cnNorth = regionIds.filter((id) => id.startsWith('cn-north-'));
  list.push(
    { line: 'swr-shell configure --region cn-north-', check: (matches) => expect(words(matches)).toEqual(cnNorth) },
    {
      line: 'swr-shell configure --region=cn-north-',
      // fish completes the whole token, zsh and bash the part after "=".
      check: (matches) => expect(words(matches).map((word) => word.replace(/^--region=/, ''))).toEqual(cnNorth),
    },
    { line: 'swr-shell env --format ', check: (matches) => expect(words(matches)).toEqual(FORMATS) },
    { line: 'swr-shell env --format=', check: (matches) => expect(words(matches).map((word) => word.replace(/^--format=/, ''))).toEqual(FORMATS) },
    { line: 'swr-shell env --format=j', check: (matches) => expect(words(matches).map((word) => word.replace(/^--format=/, ''))).toEqual(['json']) },
    // The value of an option is not an argument: the shell is still to come.
    { line: 'swr-shell init --cmd hw ', check: (matches) => expect(words(matches)).toEqual(SHELLS) },
    { line: 'swr-shell init --profile=work ', check: (matches) => expect(words(matches)).toEqual(SHELLS) },
    { line: 'swr-shell init zsh ', check: (matches) => expect(words(matches)).not.toContain('bash') },
    { line: 'swr-shell env --profile default --format ', check: (matches) => expect(words(matches)).toEqual(FORMATS) },
    { line: 'swr-shell profiles --remove ', check: (matches) => expect(words(matches)).toEqual(['cn_prod-2', 'default', 'work']) },
    // Free text: no file names, no guesses.
    { line: 'swr-shell configure --org ', check: (matches) => expect(words(matches)).toEqual([]) },
    {
      line: `swr-shell configure --credentials ${fixture}/downloads/`,
      check: (matches) => expect(words(matches).map((word) => word.replace(/^.*\//, ''))).toEqual(['credentials.csv', 'old.csv']),
    },
    // The plugin's functions, with the default prefix and with --cmd hw side by side.
    { line: 'swr-login ', check: (matches) => expect(words(matches)).toEqual(CLIENTS) },
    { line: 'hw-login ', check: (matches) => expect(words(matches)).toEqual(CLIENTS) },
    { line: 'hw-logout p', check: (matches) => expect(words(matches)).toEqual(['podman']) },
    { line: 'hw-login docker ', check: (matches) => expect(words(matches)).toEqual([]) },
    {
      line: 'hw-region ',
      check: (matches, shell) => {
        expect(words(matches)).toEqual(regionIds);
        if (shell !== 'bash') expect(matches.find((match) => match.word === 'cn-north-4')?.description).toBe('CN North-Beijing4');
      },
    },
    { line: 'swr-region eu-west-1', check: (matches) => expect(words(matches)).toEqual(['eu-west-101']) },
    { line: 'hw-region cn-north-4 ', check: (matches) => expect(words(matches)).toEqual([]) },
  );
  return list;
}

/** A home with profiles (and files that are not profiles), and a stand-in swr-shell that records runs. */
function makeFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'swr-completion-'));
  const profiles = join(root, 'config', 'swr-shell');
  mkdirSync(join(profiles, 'folder.conf'), { recursive: true });
  for (const name of ['default', 'work', 'cn_prod-2', 'bad name', '.hidden']) writeFileSync(join(profiles, `${name}.conf`), 'region=cn-north-4\n');
  writeFileSync(join(profiles, 'notes.txt'), '');
  const homeProfiles = join(root, 'home', '.config', 'swr-shell');
  mkdirSync(homeProfiles, { recursive: true });
  writeFileSync(join(homeProfiles, 'at-home.conf'), '');
  mkdirSync(join(root, 'downloads'));
  for (const name of ['credentials.csv', 'old.csv']) writeFileSync(join(root, 'downloads', name), '');
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'swr-shell'), `#!/bin/sh\necho "$@" >> '${root}/ran'\nexit 1\n`);
  chmodSync(join(root, 'bin', 'swr-shell'), 0o755);
  return root;
}

const environment = (fixture: string, xdgConfigHome = join(fixture, 'config')): NodeJS.ProcessEnv => ({
  PATH: `${fixture}/bin:${process.env['PATH']}`,
  HOME: join(fixture, 'home'),
  XDG_CONFIG_HOME: xdgConfigHome,
  LANG: 'C.UTF-8',
  TERM: 'xterm',
});

/** A fixture for the tests of the calling describe block: made before them, removed after them. */
function useFixture(): () => string {
  let fixture = '';
  beforeAll(() => {
    fixture = makeFixture();
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  return () => fixture;
}

type Shell = 'bash' | 'zsh' | 'fish';

/** The plugin twice, as in the README: swr-* and hw-* side by side; the paths of the files. Each is loaded twice. */
function pluginFiles(fixture: string, shell: Shell): string[] {
  return ['swr', 'hw'].map((prefix) => {
    const path = join(fixture, `plugin-${prefix}.${shell}`);
    writeFileSync(path, renderPlugin({ shell, prefix }));
    return path;
  });
}

const sourceAll = (paths: readonly string[]): string => [...paths, ...paths].map((path) => `source ${path}`).join('\n');

const SHELL_SETUPS = {
  bash: {
    complete: completeBash,
    // bash-completion sources the file on the first tab; sourcing it is the same.
    setup: (fixture: string) => [`source ${COMPLETIONS}/swr-shell.bash`, sourceAll(pluginFiles(fixture, 'bash'))].join('\n'),
  },
  zsh: {
    complete: completeZsh,
    // _swr-shell is autoloaded from fpath, as installed.
    setup: (fixture: string) =>
      [`fpath=(${COMPLETIONS} $fpath)`, 'autoload -Uz compinit && compinit -D -u', sourceAll(pluginFiles(fixture, 'zsh'))].join('\n'),
  },
  fish: {
    complete: completeFish,
    // swr-shell.fish is autoloaded from fish_complete_path, as installed.
    setup: (fixture: string) => [`set fish_complete_path ${COMPLETIONS} $fish_complete_path`, sourceAll(pluginFiles(fixture, 'fish'))].join('\n'),
  },
} as const;

describe.concurrent.each(Object.keys(SHELL_SETUPS) as Shell[])('tab completion in %s', (shell) => {
  const { complete, setup } = SHELL_SETUPS[shell];
  const enabled = requireTools(shell);
  const fixture = useFixture();
  let list: Case[] = [];
  let results: Match[][] = [];

  beforeAll(async () => {
    if (!enabled) return;
    list = await cases(fixture());
    results = complete(setup(fixture()), list.map((item) => item.line), environment(fixture()));
  });

  it.runIf(enabled)('offers what --help, the regions and the profile directory say, for every line', () => {
    expect(list.length).toBeGreaterThan(30);
    const failures = list.flatMap((item, index) => {
      try {
        item.check(results[index]!, shell);
        return [];
      } catch (error) {
        return [`completing ${JSON.stringify(item.line)}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it.runIf(enabled)('starts no process on a tab press', () => {
    expect(existsSync(join(fixture(), 'ran'))).toBe(false);
  });

  it.runIf(enabled)('reads profiles from ~/.config/swr-shell when XDG_CONFIG_HOME is not absolute', () => {
    const [matches] = complete(setup(fixture()), ['swr-shell env --profile '], environment(fixture(), 'config'));
    expect(words(matches!)).toEqual(['at-home']);
  });
});

describe.runIf(requireTools('zsh'))('zsh, without and with the completion system', () => {
  const fixture = useFixture();

  it('loads the plugin quietly before compinit, and then registers nothing', () => {
    const [plugin] = pluginFiles(fixture(), 'zsh');
    const loaded = spawnSync('zsh', ['-f', '-c', `source ${plugin} && print -r -- "\${+functions[compdef]} \${+_comps}"`], {
      encoding: 'utf8',
      env: environment(fixture()),
    });
    expect({ status: loaded.status, stdout: loaded.stdout, stderr: loaded.stderr }).toEqual({ status: 0, stdout: '0 0\n', stderr: '' });
    const [matches] = completeZsh(`source ${plugin}\nautoload -Uz compinit && compinit -D -u`, ['swr-region cn-north-'], environment(fixture()));
    expect(words(matches!)).toEqual([]);
  });

  it('completes swr-shell from the script sourced after compinit, as eval "$(swr-shell completion zsh)" does', () => {
    const setup = `autoload -Uz compinit && compinit -D -u\nsource ${COMPLETIONS}/_swr-shell`;
    const [commands, regions] = completeZsh(setup, ['swr-shell log', 'swr-shell configure --region eu-west-10'], environment(fixture()));
    expect(words(commands!)).toEqual(['login', 'login-key']);
    expect(regions).toEqual([{ word: 'eu-west-101', description: 'EU-Dublin' }]);
  });
});

describe.runIf(requireTools('bash'))('bash with the user’s glob options', () => {
  const fixture = useFixture();

  it('lists profiles under failglob and leaves failglob and nullglob as they were', () => {
    const script = [
      `source ${COMPLETIONS}/swr-shell.bash`,
      'shopt -s failglob',
      'shopt -u nullglob',
      'for prefix in zz w; do COMP_WORDS=(swr-shell env --profile "$prefix") COMP_CWORD=3 COMPREPLY=(); _swr_shell; echo "$prefix: ${COMPREPLY[*]}"; done',
      'shopt -p failglob nullglob',
    ].join('\n');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { encoding: 'utf8', env: environment(fixture()) });
    expect({ stdout: result.stdout, stderr: result.stderr }).toEqual({
      stdout: 'zz: \nw: work\nshopt -s failglob\nshopt -u nullglob\n',
      stderr: '',
    });
  });
});
