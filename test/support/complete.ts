// What the real shells complete for a command line, as if TAB were pressed at
// its end. Each function runs one shell for a whole batch of lines: a setup
// script (shell code that loads what is under test), then every line.
//   bash: the registered completion function (`complete -p`), called with
//         COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set as readline sets them;
//   zsh:  a real completion run in an interactive zsh on a pseudo terminal
//         (test/support/zsh-complete.zsh);
//   fish: `complete -C LINE`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { posixQuote } from '../../src/core/quote.ts';

export interface Match {
  readonly word: string;
  /** The description the shell shows beside it ('' where none; bash shows none). */
  readonly description: string;
}

const SEPARATOR = '\x1e';
const ZSH_HARNESS = fileURLToPath(new URL('./zsh-complete.zsh', import.meta.url));

/** The words bash's readline makes of a line: split at blanks, and at "=" (COMP_WORDBREAKS). */
export function bashWords(line: string): string[] {
  const words = line.match(/=|[^\s=]+/g) ?? [];
  return /\s$/.test(line) || words.length === 0 ? [...words, ''] : words;
}

function parse(output: string, count: number, describe: (listed: string) => string): Match[][] {
  const records = output.split(`${SEPARATOR}\n`).slice(0, count);
  if (records.length !== count) throw new Error(`expected ${count} results, got:\n${output}`);
  return records.map((record) =>
    record
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [word, listed = ''] = line.split('\t');
        return { word: word!, description: describe(listed) };
      }),
  );
}

function withSetupFile<T>(setup: string, use: (path: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'swr-complete-'));
  try {
    const path = join(directory, 'setup');
    writeFileSync(path, setup);
    return use(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// In HOME, so that a relative XDG_CONFIG_HOME (which fish creates) lands in the fixture.
const run = (command: string, args: string[], env: NodeJS.ProcessEnv): string =>
  execFileSync(command, args, { env, cwd: env['HOME'], encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });

export function completeBash(setup: string, lines: readonly string[], env: NodeJS.ProcessEnv): Match[][] {
  const calls = lines.map((line) => `__swr_test ${[line, ...bashWords(line)].map(posixQuote).join(' ')}`);
  const script = [
    setup,
    `__swr_test() {
    local spec function
    COMP_LINE=$1 COMP_POINT=\${#1}
    shift
    COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=()
    if spec=$(complete -p -- "$1" 2>/dev/null) && [[ $spec == *' -F '* ]]; then
        function=\${spec#* -F }
        "\${function%% *}" "$1" "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD - 1]}"
    fi
    [[ \${#COMPREPLY[@]} -eq 0 ]] || printf '%s\\n' "\${COMPREPLY[@]}"
    printf '${SEPARATOR}\\n'
}`,
    ...calls,
  ].join('\n');
  return parse(run('bash', ['--noprofile', '--norc', '-c', script], env), lines.length, () => '');
}

export function completeZsh(setup: string, lines: readonly string[], env: NodeJS.ProcessEnv): Match[][] {
  const output = withSetupFile(setup, (path) => run('zsh', ['-f', ZSH_HARNESS, path, ...lines], env));
  // zsh lists "word  -- description".
  return parse(output, lines.length, (listed) => /^.*? -- (.*)$/.exec(listed)?.[1] ?? '');
}

export function completeFish(setup: string, lines: readonly string[], env: NodeJS.ProcessEnv): Match[][] {
  const script = `source $argv[1]; for line in $argv[2..-1]; complete -C $line; printf '${SEPARATOR}\\n'; end`;
  const output = withSetupFile(setup, (path) => run('fish', ['--no-config', '--private', '-c', script, path, ...lines], env));
  return parse(output, lines.length, (listed) => listed);
}
