// cache mode, the default install, in real interactive shells: a warm start
// runs no process at all (strace counts the execve calls against the same
// shell with an empty startup file); an upgrade of the installed package, a
// rebuilt bin and an install with other options reach the next shell; two
// shells starting at once after an upgrade both load a whole plugin; the
// shell starts cleanly with swr-shell removed, off PATH, or with no cache
// directory it can write; CRLF startup files load and come back byte for byte.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli } from '../support/cli.ts';
import { run } from '../support/process.ts';
import { ROOT } from '../support/runtimes.ts';
import { completeBash, completeFish, completeZsh } from '../support/complete.ts';
import { AK, BASE, KEY } from '../support/plugin-cases.ts';
import { inCi, requireTools } from '../support/tools.ts';

type Shell = 'bash' | 'zsh' | 'fish';
const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

/** Node's directory (the bin's `#!/usr/bin/env node` needs it) and the system's. */
const SYSTEM_PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');

const sha256 = (path: string): string => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

interface Started {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The interactive shell's command line; `home` is HOME, and its startup files are found there. */
function shellArgv(shell: Shell, script: string): string[] {
  return [shell, '-i', '-c', script];
}

function env(home: string, path: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: home, PATH: path, TERM: 'dumb', LANG: 'C.UTF-8', SWR_REGION: 'ap-southeast-3', ...extra };
}

/** bash -i without a terminal says so; that is not ours. */
const clean = (stderr: string): string => stderr.replace(/^bash: (cannot set terminal process group.*|no job control in this shell)\n/gm, '');

function start(shell: Shell, home: string, path: string, script: string, extra: Record<string, string> = {}): Started {
  const [command, ...args] = shellArgv(shell, script);
  const result = spawnSync(command!, args, { env: env(home, path, extra), encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: clean(result.stderr) };
}

/** Prints the type of `<prefix>-pull` ("function"), or "missing". */
function probe(shell: Shell, prefix: string): string {
  switch (shell) {
    case 'bash':
      return `type -t ${prefix}-pull || echo missing`;
    case 'zsh':
      return `(( $+functions[${prefix}-pull] )) && echo function || echo missing`;
    case 'fish':
      return `functions -q ${prefix}-pull; and echo function; or echo missing`;
  }
}

/** How many programs a start of the shell executes, itself included (strace -f). */
function execveCount(shell: Shell, home: string, path: string, extra: Record<string, string> = {}): number {
  const log = join(home, `strace-${shell}-${Math.random().toString(36).slice(2)}`);
  const [command, ...args] = shellArgv(shell, 'exit');
  const result = spawnSync('strace', ['-f', '-e', 'trace=execve', '-o', log, command!, ...args], {
    env: env(home, path, extra),
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status, result.stderr).toBe(0);
  const count = readFileSync(log, 'utf8').split('\n').filter((line) => /\bexecve\(/.test(line)).length;
  rmSync(log);
  return count;
}

/** The same shell with an empty startup file: ~/.bashrc empty, ZDOTDIR at an empty .zshrc, fish's config elsewhere. */
function emptyStartup(shell: Shell, home: string): { home: string; extra: Record<string, string> } {
  const empty = join(home, 'empty');
  mkdirSync(join(empty, 'fish'), { recursive: true });
  writeFileSync(join(empty, '.bashrc'), '');
  writeFileSync(join(empty, '.zshrc'), '');
  return shell === 'bash' ? { home: empty, extra: {} } : { home, extra: shell === 'zsh' ? { ZDOTDIR: empty } : { XDG_CONFIG_HOME: empty } };
}

/** Whether `paths` exist (a package's files): like requireTools, a failure under CI=true when one is missing. */
function requireFiles(...paths: string[]): boolean {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === 0) return true;
  if (inCi) throw new Error(`missing ${missing.join(', ')}: install the package (see .ci/run); under CI=true no test may be skipped.`);
  console.warn(`skipping: missing ${missing.join(', ')}`);
  return false;
}

/** A directory with stand-in docker, podman and ctr that print their name, arguments and standard input. */
function recordingTools(home: string): string {
  const dir = join(home, 'tools');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(home, '.config', 'swr-shell'), { recursive: true });
  const script = '#!/bin/sh\nprintf \'%s\' "${0##*/}"; printf \' [%s]\' "$@"; printf \'\\nstdin:\'; cat; echo\n';
  for (const tool of ['docker', 'podman', 'ctr']) writeFileSync(join(dir, tool), script, { mode: 0o755 });
  writeFileSync(join(home, '.config', 'swr-shell', 'default.conf'), BASE);
  writeFileSync(join(home, 'stdin'), 'from stdin\n');
  return dir;
}

/** Prints "NAME: yes" when NAME is a function, else "NAME: no". */
function defined(shell: Shell, name: string): string {
  switch (shell) {
    case 'bash':
      return `if declare -F ${name} >/dev/null; then echo '${name}: yes'; else echo '${name}: no'; fi`;
    case 'zsh':
      return `if (( $+functions[${name}] )); then echo '${name}: yes'; else echo '${name}: no'; fi`;
    case 'fish':
      return `if functions -q ${name}; echo '${name}: yes'; else; echo '${name}: no'; end`;
  }
}

const rcPath = (home: string, shell: Shell): string =>
  ({ bash: join(home, '.bashrc'), zsh: join(home, '.zshrc'), fish: join(home, '.config/fish/conf.d/swr-shell.fish') })[shell];
const cachePath = (home: string, shell: Shell): string => join(home, '.cache', 'swr-shell', `plugin.${shell}`);

describe.runIf(requireTools('bash', 'zsh', 'fish', 'strace') && requireFiles('/usr/share/bash-completion/bash_completion'))('cache mode in real shells', () => {
  let root: string;
  /** A bin directory with swr-shell linked to the built bin, as npm links a global install. */
  let binDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'swr-cache-'));
    binDir = join(root, 'bin');
    mkdirSync(binDir);
    symlinkSync(builtCli(), join(binDir, 'swr-shell'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function installed(shell: Shell, ...flags: string[]): { home: string; path: string } {
    const home = mkdtempSync(join(root, `${shell}-`));
    const path = `${binDir}:${SYSTEM_PATH}`;
    const result = runCli(['install', shell, ...flags], { HOME: home, PATH: path });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^created +${rcPath(home, shell)} \\(${shell}, cache mode\\)`, 'm'));
    return { home, path };
  }

  describe.concurrent.each(SHELLS)('%s', (shell) => {
    it('the first start renders the plugin; a warm start runs no process, as the shell with an empty startup file', () => {
      const { home, path } = installed(shell);
      const baseline = emptyStartup(shell, home);
      const bare = execveCount(shell, baseline.home, path, baseline.extra);
      expect(bare).toBeGreaterThanOrEqual(1);
      // Cold: the bin renders the plugin (at least node and the shell itself).
      expect(existsSync(cachePath(home, shell))).toBe(false);
      expect(execveCount(shell, home, path)).toBeGreaterThan(bare + 1);
      expect(readFileSync(cachePath(home, shell), 'utf8')).toMatch(new RegExp(`^# cached by the swr-shell block, from // swr-shell \\S+ build [0-9a-f]+; init ${shell}\\n# swr-shell \\S+ plugin for ${shell}`));
      // Warm: nothing but the shell.
      expect(execveCount(shell, home, path)).toBe(bare);
      const warm = start(shell, home, path, probe(shell, 'swr'));
      expect(warm).toEqual({ status: 0, stdout: 'function\n', stderr: '' });
    });

    it('a warm start defines stubs; the first call of each function loads the plugin and runs it with the same argv, stdin and status', () => {
      const { home, path } = installed(shell);
      const withTools = `${recordingTools(home)}:${path}`;
      expect(start(shell, home, path, 'true')).toEqual({ status: 0, stdout: '', stderr: '' });
      const cache = cachePath(home, shell);
      const loaded = `${defined(shell, '__swr_do_ref')}; ${defined(shell, '__swr_lazy')}`;
      const status = shell === 'fish' ? 'echo status=$status' : 'echo status=$?';
      const source = shell === 'fish' ? 'source' : '.';
      const calls = [
        'swr-login docker',
        'swr-logout podman --verbose',
        'swr-pull app:v1',
        'swr-push app:v1 --plain-http',
        'swr-ref app:v1',
        'swr-ref',
        'swr-region cn-north-4',
        'swr-region --help',
        'swr-login',
      ];
      for (const call of calls) {
        // The first call in a warm shell (a stub), in the shell itself (a redirection, not a pipe),
        // against the same call after sourcing the cached plugin by hand.
        const after = `${call} <${join(home, 'stdin')}; ${status}; ${loaded}; echo "$SWR_REGION"`;
        const lazy = start(shell, home, withTools, `${loaded}; ${after}`);
        const eager = start(shell, home, withTools, `${source} ${cache}; ${after}`);
        expect(eager.stdout, call).toMatch(/status=\d+\n__swr_do_ref: yes\n/);
        expect(lazy, call).toEqual({ ...eager, stdout: `__swr_do_ref: no\n__swr_lazy: yes\n${eager.stdout}` });
      }
      // A stub that the plugin does not replace says so and fails, also at its next call, and does not call
      // itself forever: the cached file gone, or a plugin of other names in its place.
      const other = join(home, 'other-names');
      writeFileSync(other, runCli(['init', shell === 'fish' ? 'fish' : shell, '--cmd', 'hw'], { HOME: home, PATH: path }).stdout);
      for (const [how, cause] of [['rm', 'gone'], [`cp ${other}`, 'other names']] as const) {
        const script = `command ${how} ${cache}; swr-ref app:v1; ${status}; swr-ref app:v1; ${status}; swr-pull app:v1; ${status}`;
        const failed = start(shell, home, withTools, script);
        expect(failed.stdout, cause).toBe('status=127\n'.repeat(3));
        const message = (name: string): string => `swr-shell: ${name} is not loaded: ${cache} is gone or lacks it; open a new shell, or run swr-shell doctor.`;
        expect(failed.stderr.split('\n').filter((line) => line.startsWith('swr-shell: ')), cause).toEqual([message('swr-ref'), message('swr-ref'), message('swr-pull')]);
        start(shell, home, path, 'true'); // renders the plugin again
      }
    });

    it('the first call through a stub shows no key in a trace, leaks no variable, keeps the options, and survives set -eu', () => {
      const { home, path } = installed(shell);
      const withTools = `${recordingTools(home)}:${path}`;
      start(shell, home, path, 'true');
      const source = shell === 'fish' ? 'source' : '.';
      const script =
        shell === 'fish'
          ? 'set fish_trace 1; swr-login docker; set -e fish_trace; echo status=$status; set -n | string match -q "*__swr_[a-z]*[!e]"; and echo leaked; or echo clean'
          : 'set -xa; swr-login docker; { s=$?; set +xa; } 2>/dev/null; echo status=$s; env | grep __swr || echo clean; set -a; swr-ref app:v1 >/dev/null; echo "${-//[^a]/}"; set +a';
      const lazy = start(shell, home, withTools, script);
      expect(lazy.stdout).toContain(`stdin:${KEY}`);
      expect(lazy.stdout).toMatch(shell === 'fish' ? /status=0\nclean\n$/ : /status=0\nclean\na\n$/);
      expect(lazy.stderr).toContain('swr-login docker');
      expect(lazy.stderr).not.toContain(KEY);
      // The trace is the plugin's own, the stub's two lines aside.
      const eager = start(shell, home, withTools, `${source} ${cachePath(home, shell)}; ${script}`);
      expect(lazy.stdout).toBe(eager.stdout);
      if (shell !== 'fish') {
        const strict = start(shell, home, withTools, 'set -eu; swr-ref app:v1; echo survived');
        expect(strict).toEqual({ status: 0, stdout: 'swr.ap-southeast-3.myhuaweicloud.com/team/app:v1\nsurvived\n', stderr: '' });
      }
    });

    it('tab completes the first argument before the first call, as the plugin does', () => {
      const { home, path } = installed(shell);
      start(shell, home, path, 'true');
      const processEnv = env(home, path);
      const lines = ['swr-login ', 'swr-logout p', 'swr-region ap-southeast-'];
      const cache = cachePath(home, shell);
      let lazy: Array<Array<{ word: string }>>;
      if (shell === 'fish') {
        lazy = completeFish(`source ${rcPath(home, shell)}`, lines, processEnv);
        expect(lazy).toEqual(completeFish(`source ${cache}`, lines, processEnv));
      } else if (shell === 'zsh') {
        const compinit = `autoload -Uz compinit && compinit -u -d ${join(home, 'zcompdump')}`;
        lazy = completeZsh(`${compinit}; source ${rcPath(home, shell)}`, lines, processEnv);
        expect(lazy).toEqual(completeZsh(`${compinit}; source ${cache}`, lines, processEnv));
      } else {
        // A completion function that returns 124 has changed the command's compspec: readline then starts
        // again with the new one, as the loop below does.
        const stub = completeBash(`. ${rcPath(home, shell)}`, lines.slice(0, 1), processEnv);
        expect(stub).toEqual([[]]); // the stub alone: status 124, and nothing yet
        lazy = lines.map((line) => {
          const words = line.split(' ');
          const script = (file: string): string =>
            `. ${file}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}) COMP_CWORD=1 COMP_LINE='${line}' COMP_POINT=${line.length} COMPREPLY=(); ` +
            `for __t in 1 2; do __s=$(complete -p -- ${words[0]}); __f=\${__s#* -F }; "\${__f%% *}" ${words[0]} '${words[1]}' ${words[0]}; [[ $? == 124 ]] || break; done; ` +
            `printf '%s\\n' "\${COMPREPLY[@]}"`;
          const run = (file: string): string => {
            const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script(file)], { env: processEnv, encoding: 'utf8', timeout: 30_000 });
            expect(result.stderr).toBe('');
            return result.stdout;
          };
          const first = run(rcPath(home, shell));
          expect(first).toBe(run(cache));
          return first.split('\n').filter(Boolean).map((word) => ({ word }));
        });
      }
      expect(lazy[0]!.map((match) => match.word).sort()).toEqual(['docker', 'nerdctl', 'podman']);
      expect(lazy[1]!.map((match) => match.word)).toEqual(['podman']);
      expect(lazy[2]!.map((match) => match.word)).toContain('ap-southeast-1');
    });

    it('aliases (in fish, functions) named like every command the block runs change nothing, cold or warm, before and at the first call', () => {
      const { home, path } = installed(shell);
      const withTools = `${recordingTools(home)}:${path}`;
      const names = ['read', 'printf', 'eval', 'unset', 'set', 'command', 'builtin', 'mkdir', 'mv', 'return', 'shift', 'test', 'source', '[', '.'];
      if (shell === 'fish') {
        // fish looks a command up among functions first: an autoloaded one named like a builtin
        // shadows it (fish refuses the names it reserves, such as read, set and test). fish's own
        // startup breaks with a function named source or complete, so those two are left out.
        const functions = join(home, '.config', 'fish', 'functions');
        mkdirSync(functions, { recursive: true });
        for (const name of ['printf', 'commandline', 'mkdir', 'mv', 'true']) {
          writeFileSync(join(functions, `${name}.fish`), `function ${name}\n    echo hijacked by ${name}\nend\n`);
        }
      } else {
        const rc = rcPath(home, shell);
        const aliases = names.map((name) => `alias -- '${name}=echo hijacked by ${name}'\n`).join('');
        writeFileSync(rc, aliases + readFileSync(rc, 'utf8'));
      }
      const call = 'swr-login docker; swr-ref app:v1';
      const cold = start(shell, home, withTools, call);
      expect(existsSync(cachePath(home, shell))).toBe(true);
      const warm = start(shell, home, withTools, call);
      for (const [when, started] of [['cold', cold], ['warm', warm]] as const) {
        expect(`${started.stdout}${started.stderr}`, when).not.toContain('hijacked');
        expect(started.stdout, when).toBe(`docker [login] [-u] [ap-southeast-3@${AK}] [--password-stdin] [swr.ap-southeast-3.myhuaweicloud.com]\nstdin:${KEY}\nswr.ap-southeast-3.myhuaweicloud.com/team/app:v1\n`);
        expect(started.status, when).toBe(0);
      }
    });

    it('install --cmd hw again reaches the next shell; back to eval mode deletes the cache', () => {
      const { home, path } = installed(shell);
      expect(start(shell, home, path, probe(shell, 'swr')).stdout).toBe('function\n');
      const again = runCli(['install', shell, '--cmd', 'hw', '--profile', 'work'], { HOME: home, PATH: path });
      expect(again.status, again.stderr).toBe(0);
      const next = start(shell, home, path, `${probe(shell, 'hw')}; ${probe(shell, 'swr')}`);
      expect(next).toEqual({ status: 0, stdout: 'function\nmissing\n', stderr: '' });
      expect(readFileSync(cachePath(home, shell), 'utf8').split('\n')[0]).toMatch(/; init \w+ --cmd hw --profile work$/);
      expect(runCli(['install', shell, '--mode', 'eval'], { HOME: home, PATH: path }).status).toBe(0);
      expect(existsSync(cachePath(home, shell))).toBe(false);
    });

    it('starts cleanly with swr-shell off PATH (the cached plugin), removed (nothing), or its cache directory unwritable', () => {
      const { home, path } = installed(shell);
      // Off PATH, but node still there: the block runs the bin by its path.
      expect(start(shell, home, SYSTEM_PATH, `${probe(shell, 'swr')}; command -v swr-shell || echo no-swr-shell`)).toEqual({
        status: 0,
        stdout: 'function\nno-swr-shell\n',
        stderr: '',
      });
      // A cache directory that cannot be made (a file in its way): the plugin is rendered at each start instead.
      writeFileSync(join(home, 'not-a-directory'), '');
      const unwritable = { XDG_CACHE_HOME: join(home, 'not-a-directory') };
      expect(start(shell, home, path, probe(shell, 'swr'), unwritable)).toEqual({ status: 0, stdout: 'function\n', stderr: '' });
      expect(existsSync(join(home, 'not-a-directory', 'swr-shell'))).toBe(false);
    });
  });

  it('a bin that fails says so at start and loads nothing; a removed one is silent', () => {
    const home = mkdtempSync(join(root, 'broken-'));
    const bin = join(home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'swr-shell'), '#!/bin/sh\n# swr-shell 0.0.1 build 00\necho broken >&2\nexit 3\n', { mode: 0o755 });
    expect(runCli(['install', 'bash'], { HOME: home, PATH: `${bin}:${SYSTEM_PATH}` }).status).toBe(0);
    const failing = start('bash', home, SYSTEM_PATH, probe('bash', 'swr'));
    expect(failing.stdout).toBe('missing\n');
    expect(failing.stderr).toBe(`broken\nswr-shell: ${bin}/swr-shell init bash failed, so the functions are not loaded: run swr-shell doctor.\n`);
    rmSync(join(bin, 'swr-shell'));
    expect(start('bash', home, SYSTEM_PATH, probe('bash', 'swr'))).toEqual({ status: 0, stdout: 'missing\n', stderr: '' });
  });

  it('puts the completion scripts where bash-completion and zsh (compinit before or after the block) find them; uninstall removes them', () => {
    const path = `${binDir}:${SYSTEM_PATH}`;
    const home = mkdtempSync(join(root, 'completion-'));
    writeFileSync(join(home, '.bashrc'), '. /usr/share/bash-completion/bash_completion\n');
    writeFileSync(join(home, '.zshrc'), 'autoload -Uz compinit && compinit -u\n');
    expect(runCli(['install', 'bash', 'zsh'], { HOME: home, PATH: path }).status).toBe(0);
    // bash-completion loads a command's script at its first tab press: as here.
    expect(start('bash', home, path, '__load_completion swr-shell; complete -p swr-shell')).toEqual({ status: 0, stdout: 'complete -F _swr_shell swr-shell\n', stderr: '' });
    const zshCompletes = `print -r -- \${_comps[swr-shell]}`;
    expect(start('zsh', home, path, zshCompletes)).toEqual({ status: 0, stdout: '_swr-shell\n', stderr: '' });
    // compinit after the block: fpath has the directory by then.
    writeFileSync(join(home, '.zshrc'), `${readFileSync(join(home, '.zshrc'), 'utf8').replace('autoload -Uz compinit && compinit -u\n', '')}autoload -Uz compinit && compinit -u\n`);
    expect(start('zsh', home, path, zshCompletes)).toEqual({ status: 0, stdout: '_swr-shell\n', stderr: '' });
    expect(runCli(['uninstall', 'bash', 'zsh'], { HOME: home, PATH: path }).status).toBe(0);
    expect(existsSync(join(home, '.local/share/bash-completion/completions/swr-shell'))).toBe(false);
    expect(existsSync(join(home, '.local/share/zsh/site-functions/_swr-shell'))).toBe(false);
    expect(start('bash', home, path, '__load_completion swr-shell; complete -p swr-shell 2>/dev/null || echo none').stdout).toBe('none\n');
  });

  it.each(['bash', 'zsh'] as const)('a CRLF startup file loads in %s, keeps working after the block, and comes back byte for byte', (shell) => {
    const home = mkdtempSync(join(root, `crlf-${shell}-`));
    const rc = rcPath(home, shell);
    writeFileSync(rc, 'export BEFORE=1\r\n# a comment\r\n');
    const before = sha256(rc);
    const path = `${binDir}:${SYSTEM_PATH}`;
    expect(runCli(['install', shell], { HOME: home, PATH: path }).status).toBe(0);
    writeFileSync(rc, `${readFileSync(rc, 'latin1')}echo after-the-block\r\n`, 'latin1');
    for (let round = 0; round < 2; round++) {
      const started = start(shell, home, path, probe(shell, 'swr'));
      expect(started).toEqual({ status: 0, stdout: 'after-the-block\r\nfunction\n', stderr: '' });
    }
    writeFileSync(rc, readFileSync(rc, 'latin1').replace('echo after-the-block\r\n', ''), 'latin1');
    expect(runCli(['uninstall', shell], { HOME: home, PATH: path }).status).toBe(0);
    expect(sha256(rc)).toBe(before);
  });
});

/** The package packed from a copy of the repository whose version is `version`, built there. */
function packVersion(directory: string, version: string): string {
  const copy = join(directory, `swr-shell-${version}`);
  for (const entry of ['src', 'templates', 'completions', 'package.json', 'README.md', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true, filter: (source) => !source.includes('/src/generated') });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { version: string };
  pkg.version = version;
  writeFileSync(join(copy, 'package.json'), JSON.stringify(pkg, null, 2));
  const quiet = { cwd: copy, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const build = spawnSync('npm', ['run', 'build'], quiet);
  expect(build.status, build.stderr).toBe(0);
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', directory], quiet);
  expect(pack.status, pack.stderr).toBe(0);
  return join(directory, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename);
}

describe.runIf(requireTools('bash', 'zsh', 'fish'))('an upgrade of the installed package', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'swr-upgrade-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reaches the next shell of each kind, also two starting at once, and with an old modification time', async () => {
    const prefix = join(root, 'prefix');
    const npmInstall = (tarball: string): void => {
      const result = spawnSync(
        'npm',
        ['install', '--global', '--prefix', prefix, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(result.status, result.stderr).toBe(0);
    };
    const [first, second] = [packVersion(root, '7.0.0'), packVersion(root, '7.0.1')];
    npmInstall(first);
    const home = join(root, 'home');
    mkdirSync(home);
    const path = `${join(prefix, 'bin')}:${SYSTEM_PATH}`;
    const install = runCli(['install', 'bash', 'zsh', 'fish'], { HOME: home, PATH: path });
    expect(install.status, install.stderr).toBe(0);
    const version = (shell: Shell): string => /^# swr-shell (\S+) plugin/m.exec(readFileSync(cachePath(home, shell), 'utf8'))?.[1] ?? 'none';
    for (const shell of SHELLS) {
      expect(start(shell, home, path, probe(shell, 'swr'))).toEqual({ status: 0, stdout: 'function\n', stderr: '' });
      expect(version(shell)).toBe('7.0.0');
    }

    npmInstall(second);
    const bin = join(prefix, 'lib', 'node_modules', 'swr-shell', 'dist', 'swr-shell.cjs');
    // An old modification time, as a package manager may give (or a file system
    // with coarse times): the bin is no newer than the cached plugin, and only the stamp can tell.
    utimesSync(bin, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(statSync(bin).mtimeMs).toBeLessThan(statSync(cachePath(home, 'bash')).mtimeMs);
    for (const shell of SHELLS) {
      const [a, b] = await Promise.all(
        [0, 1].map(() => {
          const [command, ...args] = shellArgv(shell, probe(shell, 'swr'));
          return run(command!, args, { env: env(home, path) });
        }),
      );
      for (const started of [a!, b!]) expect({ ...started, stderr: clean(started.stderr) }).toEqual({ status: 0, stdout: 'function\n', stderr: '' });
      expect(version(shell)).toBe('7.0.1');
      expect(readFileSync(cachePath(home, shell), 'utf8').endsWith('\n')).toBe(true);
    }
  }, 180_000);
});
