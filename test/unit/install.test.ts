// install and uninstall on memfs, through the command line: every shell and
// mode against every kind of startup file, the faults, and round trips over
// arbitrary contents. The expected blocks are written out here from SPEC
// section 4, not taken from the code under test.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { applyChange, blockIsCurrent, planInstall, planUninstall } from '../../src/core/install.ts';
import type { FileSystem } from '../../src/core/fs.ts';
import { fakeIo, type FakeIo, type FakeIoOptions, HOME } from '../support/io.ts';

type Shell = 'bash' | 'zsh' | 'fish';
type Mode = 'cache' | 'eval' | 'static';
const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];
const MODES: readonly Mode[] = ['cache', 'eval', 'static'];

const RC: Record<Shell, string> = {
  bash: `${HOME}/.bashrc`,
  zsh: `${HOME}/.zshrc`,
  fish: `${HOME}/.config/fish/conf.d/swr-shell.fish`,
};
const staticFile = (shell: Shell): string => `${HOME}/.local/share/swr-shell/init.${shell}`;
/** The swr-shell on the fake PATH, which cache mode follows. */
const BIN = '/usr/local/bin/swr-shell';

const START = '# >>> swr-shell >>>';
const END = '# <<< swr-shell <<<';
const CREATED = '# swr-shell install created this file: uninstall deletes it unless other lines were added.';

/** The code of cache mode (templates/block.ejs), as docs/install.md explains it. */
function cacheCode(shell: Shell, flags: string): string[] {
  const file = `"$HOME"'/.cache/swr-shell/plugin.${shell}'`;
  // A warm start defines stubs that load the plugin at the first call or tab (docs/install.md).
  const prefix = /--cmd (\S+)/.exec(flags)?.[1] ?? 'swr';
  const names = ['login', 'logout', 'pull', 'push', 'ref', 'region'].map((suffix) => `${prefix}-${suffix}`);
  const completed = [names[0], names[1], names[5]].join(' ');
  const lost = (name: string): string => `"swr-shell: ${name} is not loaded: "${file}" is gone or lacks it; open a new shell, or run swr-shell doctor."`;
  const dir = `"$HOME"'/.cache/swr-shell'`;
  const failed = `"swr-shell: $__swr_bin init ${shell}${flags} failed, so the functions are not loaded: run swr-shell doctor."`;
  if (shell === 'fish') {
    return [
      `set -l __swr_bin ${BIN}`,
      `set -l __swr_file ${file}`,
      'if test -r $__swr_bin',
      '    set -l __swr_stamp',
      '    begin',
      '        read __swr_stamp',
      '        read __swr_stamp',
      '    end <$__swr_bin',
      `    set __swr_stamp '# cached by the swr-shell block, from '"$__swr_stamp"'; init fish${flags}'`,
      '    set -l __swr_line',
      '    test -r $__swr_file; and read __swr_line <$__swr_file',
      '    if test "$__swr_line" = "$__swr_stamp"; and not test $__swr_bin -nt $__swr_file',
      "        function __swr_lazy --description 'swr-shell: loads the cached plugin, then runs its arguments'",
      '            set -l fish_trace',
      '            function __swr_lazy',
      `                builtin printf '%s\\n' ${lost('$argv[1]')} >&2`,
      '                return 127',
      '            end',
      `            if test -r ${file}`,
      `                builtin source ${file}`,
      '            else',
      '                set argv __swr_lazy $argv[1]',
      '            end',
      '            $argv',
      '        end',
      ...names.flatMap((name) => [`        function ${name}`, `            __swr_lazy ${name} $argv`, '        end']),
      "        function __swr_lazy_complete --description 'swr-shell: loads the cached plugin, then completes again'",
      '            __swr_lazy true; and builtin complete -C (builtin commandline -cp)',
      '        end',
      `        builtin complete ${completed.split(' ').map((name) => `-c ${name}`).join(' ')} -f -n __fish_is_first_arg -a '(__swr_lazy_complete)'`,
      `    else if set __swr_line ($__swr_bin init fish${flags} | string collect)`,
      `        test -d ${dir}; or command mkdir -p ${dir} 2>/dev/null`,
      `        if test -w ${dir}`,
      "            builtin printf '%s\\n' $__swr_stamp $__swr_line >$__swr_file.$fish_pid; and command mv -f $__swr_file.$fish_pid $__swr_file",
      '        end',
      "        builtin printf '%s\\n' $__swr_line | builtin source",
      '    else',
      `        builtin printf '%s\\n' ${failed} >&2`,
      '    end',
      'end',
    ];
  }
  return [
    `__swr_bin='${BIN}' __swr_file=${file} __swr_line=`,
    'if \\builtin test -r "$__swr_bin"; then',
    '    {',
    '        IFS= \\builtin read -r __swr_line',
    '        IFS= \\builtin read -r __swr_line',
    '    } <"$__swr_bin"',
    `    __swr_stamp='# cached by the swr-shell block, from '"$__swr_line"'; init ${shell}${flags}' __swr_line=`,
    '    if \\builtin test -r "$__swr_file"; then IFS= \\builtin read -r __swr_line <"$__swr_file"; fi',
    '    if \\builtin test "$__swr_line" = "$__swr_stamp" && ! \\builtin test "$__swr_bin" -nt "$__swr_file"; then',
    '        __swr_lazy() {',
    '            {',
    '                \\builtin set -- "$-" "$@"',
    '                \\builtin set +xa',
    '            } 2>/dev/null',
    '            # shellcheck disable=SC2317 # the replacement, run by a stub that the plugin did not replace',
    '            __swr_lazy() {',
    `                \\builtin printf '%s\\n' ${lost('$1')} >&2`,
    '                \\builtin return 127',
    '            }',
    `            if \\builtin test -r ${file}; then \\builtin . ${file}; else \\builtin set -- "$1" __swr_lazy "$2"; fi`,
    '            case $1 in *a*) \\builtin set -a ;; esac',
    '            case $1 in',
    '            *x*)',
    '                \\builtin shift',
    '                \\builtin set -x',
    '                "$@"',
    '                ;;',
    '            *)',
    '                \\builtin shift',
    '                "$@"',
    '                ;;',
    '            esac',
    '        }',
    ...names.map((name) => `        function ${name} { __swr_lazy ${name} \${1+"$@"}; }`),
    ...(shell === 'bash'
      ? ['        __swr_lazy_complete() { __swr_lazy : && \\builtin return 124; }', `        \\builtin complete -F __swr_lazy_complete -- ${completed}`]
      : [
          '        __swr_lazy_complete() { __swr_lazy : && [[ ${_comps[${words[1]}]-} != __swr_lazy_complete ]] && "${_comps[${words[1]}]}" "$@"; }',
          `        if (($+functions[compdef])); then compdef __swr_lazy_complete ${completed}; fi`,
        ]),
    `    elif __swr_line=$("$__swr_bin" init ${shell}${flags}); then`,
    `        \\builtin test -d ${dir} || \\command mkdir -p ${dir} 2>/dev/null`,
    `        if \\builtin test -w ${dir}; then`,
    "            { \\builtin printf '%s\\n%s\\n' \"$__swr_stamp\" \"$__swr_line\" >\"$__swr_file.$$\" && \\command mv -f \"$__swr_file.$$\" \"$__swr_file\"; } 2>/dev/null",
    '        fi',
    '        \\builtin eval "$__swr_line"',
    '    else',
    `        \\builtin printf '%s\\n' ${failed} >&2`,
    '    fi',
    'fi',
    '\\builtin unset __swr_bin __swr_file __swr_stamp __swr_line',
  ];
}

/** The block as SPEC section 4 and the issue describe it, lines joined by "\n", no final newline. */
function expectedBlock(shell: Shell, mode: Mode, created: boolean, flags = ''): string {
  const path = `"$HOME"'/.local/share/swr-shell/init.${shell}'`;
  const load = {
    cache: { bash: cacheCode('bash', flags), zsh: cacheCode('zsh', flags), fish: cacheCode('fish', flags) },
    eval: {
      bash: [`if command -v swr-shell >/dev/null 2>&1; then eval "$(swr-shell init bash${flags})"; fi`],
      zsh: [`if command -v swr-shell >/dev/null 2>&1; then eval "$(swr-shell init zsh${flags})"; fi`],
      fish: ['if command -q swr-shell', `    swr-shell init fish${flags} | source`, 'end'],
    },
    static: {
      bash: [`if [ -r ${path} ]; then . ${path}; fi`],
      zsh: [`if [ -r ${path} ]; then . ${path}; fi`],
      fish: [`if test -r ${path}`, `    source ${path}`, 'end'],
    },
  }[mode][shell];
  const functions = `"$HOME"'/.local/share/zsh/site-functions'`;
  return [
    START,
    `# Managed by \`swr-shell install ${shell}${mode === 'cache' ? '' : ` --mode ${mode}`}${flags}\`; \`swr-shell uninstall ${shell}\` removes it.`,
    ...(mode === 'static' ? ['# Run that install again after upgrading swr-shell: it renders the file sourced here.'] : []),
    ...(mode === 'cache' ? [`# Sources the plugin cached in ~/.cache/swr-shell/plugin.${shell}, rendered again by ${BIN} when that changes.`] : []),
    ...(created ? [CREATED] : []),
    ...(shell === 'zsh'
      ? [
          `fpath=(${functions} "\${fpath[@]:#${functions}}")`,
          'if (($+functions[compdef])); then autoload -Uz _swr-shell && compdef _swr-shell swr-shell; fi',
        ]
      : []),
    ...load,
    END,
  ].join('\n');
}

const bin = (data: Uint8Array): string => String.fromCharCode(...data);
const bytes = (binary: string): Uint8Array => Uint8Array.from(binary, (char) => char.charCodeAt(0));

function readBinary(fs: FileSystem, path: string): string | undefined {
  try {
    return bin(fs.readFileSync(path) as Uint8Array);
  } catch {
    return undefined;
  }
}

function writeBinary(fs: FileSystem, path: string, binary: string, mode = 0o644): void {
  fs.mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  fs.writeFileSync(path, bytes(binary));
  fs.chmodSync(path, mode);
}

/** Every entry of the volume: its kind, mode, and contents or link. */
function snapshot(fake: FakeIo): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (directory: string): void => {
    for (const name of fake.fs.readdirSync(directory) as string[]) {
      const path = `${directory === '/' ? '' : directory}/${name}`;
      const stat = fake.fs.lstatSync(path);
      const mode = (Number(stat.mode) & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[path] = `link ${String(fake.fs.readlinkSync(path))}`;
      else if (stat.isDirectory()) {
        entries[path] = `dir ${mode}`;
        walk(path);
      } else entries[path] = `file ${mode} ${JSON.stringify(readBinary(fake.fs, path))}`;
    }
  };
  walk('/');
  return entries;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(fake: FakeIo, ...args: string[]): Promise<Result> {
  const before = { stdout: fake.stdout().length, stderr: fake.stderr().length };
  const code = await main(args, fake.io);
  // Report lines are padded into columns; one space is enough to compare them.
  const stdout = fake.stdout().slice(before.stdout).replace(/ {2,}/g, ' ');
  return { code, stdout, stderr: fake.stderr().slice(before.stderr) };
}

/** A fake HOME with `files`, and swr-shell on PATH (at BIN) unless `options.env` sets PATH. */
function setup(files: Record<string, string> = {}, options: FakeIoOptions = {}): FakeIo {
  const fake = fakeIo({ ...options, env: { PATH: '/usr/local/bin:/usr/bin', ...options.env } });
  writeBinary(fake.fs, BIN, '#!/usr/bin/env node\n// swr-shell 9.9.9 build 0123456789abcdef\n', 0o755);
  for (const [path, binary] of Object.entries(files)) writeBinary(fake.fs, path, binary);
  return fake;
}

async function initOutput(shell: Shell, ...flags: string[]): Promise<string> {
  const fake = fakeIo();
  await run(fake, 'init', shell, ...flags);
  return fake.stdout();
}

/** Startup files as found in the wild, and what install makes of each: `block` lines joined by "\n". */
const STATES: ReadonlyArray<{
  name: string;
  before: string | undefined;
  after: (block: string) => string;
}> = [
  { name: 'missing', before: undefined, after: (block) => `${block}\n` },
  { name: 'empty', before: '', after: (block) => `${block}\n` },
  { name: 'LF lines', before: "alias ll='ls -l'\nexport EDITOR=vi\n", after: (block) => `alias ll='ls -l'\nexport EDITOR=vi\n${block}\n` },
  {
    name: 'CRLF lines',
    before: "alias ll='ls -l'\r\nexport EDITOR=vi\r\n",
    // bash and zsh read a CR as code: each code line ends in a comment that takes it in.
    after: (block) =>
      `alias ll='ls -l'\r\nexport EDITOR=vi\r\n${block
        .split('\n')
        .map((line) => (line.trimStart().startsWith('#') ? line : `${line} #`))
        .join('\r\n')}\r\n`,
  },
  { name: 'no final newline', before: "alias ll='ls -l'\nexport EDITOR=vi", after: (block) => `alias ll='ls -l'\nexport EDITOR=vi\n${block}` },
  { name: 'non-UTF-8 bytes', before: '# caf\xe9 na\xefve \xff\xfe\n\x00\x01\x7f\n', after: (block) => `# caf\xe9 na\xefve \xff\xfe\n\x00\x01\x7f\n${block}\n` },
  {
    name: "conda's and nvm's blocks",
    before:
      '# >>> conda initialize >>>\n# !! Contents within this block are managed by \'conda init\' !!\n' +
      '__conda_setup="$(\'/opt/conda/bin/conda\' \'shell.bash\' \'hook\' 2> /dev/null)"\n# <<< conda initialize <<<\n\n' +
      'export NVM_DIR="$HOME/.nvm"\n[ -s "$NVM_DIR/nvm.sh" ] && \\. "$NVM_DIR/nvm.sh"  # This loads nvm\n',
    after: (block) =>
      '# >>> conda initialize >>>\n# !! Contents within this block are managed by \'conda init\' !!\n' +
      '__conda_setup="$(\'/opt/conda/bin/conda\' \'shell.bash\' \'hook\' 2> /dev/null)"\n# <<< conda initialize <<<\n\n' +
      `export NVM_DIR="$HOME/.nvm"\n[ -s "$NVM_DIR/nvm.sh" ] && \\. "$NVM_DIR/nvm.sh"  # This loads nvm\n${block}\n`,
  },
];

describe.concurrent('install and uninstall: every shell, mode and kind of file', () => {
  for (const shell of SHELLS) {
    for (const mode of MODES) {
      for (const state of STATES) {
        it(`${shell}, ${mode} mode, ${state.name}`, async () => {
          const rc = RC[shell];
          const other: Mode = mode === 'eval' ? 'static' : 'eval';
          const created = state.before === undefined;
          const fake = setup(state.before === undefined ? {} : { [rc]: state.before });
          if (state.before !== undefined) fake.fs.chmodSync(rc, 0o600);
          const original = snapshot(fake);

          const first = await run(fake, 'install', shell, '--mode', mode);
          expect(first.code, first.stderr).toBe(0);
          expect(first.stdout).toContain(`${created ? 'created' : 'added'} ${rc} (${shell}, ${mode} mode)\n`);
          const installed = state.after(expectedBlock(shell, mode, created));
          expect(readBinary(fake.fs, rc)).toBe(installed);
          if (!created) expect(Number(fake.fs.statSync(rc).mode) & 0o777).toBe(0o600);
          if (mode === 'static') {
            const plugin = readBinary(fake.fs, staticFile(shell))!;
            expect(plugin.startsWith(`# Written by \`swr-shell install ${shell} --mode static\`:`)).toBe(true);
            expect(plugin.endsWith(await initOutput(shell))).toBe(true);
          } else {
            expect(readBinary(fake.fs, staticFile(shell))).toBeUndefined();
          }

          const afterFirst = snapshot(fake);
          const second = await run(fake, 'install', shell, '--mode', mode);
          expect(second.code, second.stderr).toBe(0);
          expect(second.stdout).toContain(`unchanged ${rc}`);
          expect(snapshot(fake)).toEqual(afterFirst);

          const switched = await run(fake, 'install', shell, '--mode', other);
          expect(switched.code, switched.stderr).toBe(0);
          expect(switched.stdout).toContain(`updated ${rc} (${shell}, ${other} mode)`);
          expect(readBinary(fake.fs, rc)).toBe(state.after(expectedBlock(shell, other, created)));
          expect(readBinary(fake.fs, staticFile(shell)) !== undefined).toBe(other === 'static');

          const removed = await run(fake, 'uninstall', shell);
          expect(removed.code, removed.stderr).toBe(0);
          expect(removed.stdout).toContain(`${created ? 'deleted' : 'removed'} ${rc} (${shell})`);
          expect(readBinary(fake.fs, rc)).toBe(state.before);
          expect(readBinary(fake.fs, staticFile(shell))).toBeUndefined();
          const left = snapshot(fake);
          for (const [path, entry] of Object.entries(original)) expect(left[path], path).toBe(entry);
          // What may remain: the directories install created on the way.
          for (const path of Object.keys(left).filter((path) => !(path in original))) expect(left[path]).toMatch(/^dir /);

          const again = await run(fake, 'uninstall', shell);
          expect(again.code).toBe(0);
          expect(again.stdout).toContain(`unchanged ${rc}`);
        });
      }
    }
  }
});

describe.concurrent('symbolic links', () => {
  for (const shell of SHELLS) {
    it(`${shell}: a symlinked startup file stays a link, and its target is edited`, async () => {
      const rc = RC[shell];
      const target = `${HOME}/dotfiles/${shell}rc`;
      const fake = setup({ [target]: 'echo mine\n' });
      fake.fs.chmodSync(target, 0o640);
      fake.fs.mkdirSync(rc.slice(0, rc.lastIndexOf('/')), { recursive: true });
      (fake.fs as unknown as { symlinkSync(target: string, path: string): void }).symlinkSync(target, rc);

      const installed = await run(fake, 'install', shell);
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toContain(`added ${rc} (a link to ${target}; ${shell}, cache mode)`);
      expect(fake.fs.lstatSync(rc).isSymbolicLink()).toBe(true);
      expect(String(fake.fs.readlinkSync(rc))).toBe(target);
      expect(readBinary(fake.fs, target)).toBe(`echo mine\n${expectedBlock(shell, 'cache', false)}\n`);
      expect(Number(fake.fs.statSync(target).mode) & 0o777).toBe(0o640);

      expect((await run(fake, 'uninstall', shell)).code).toBe(0);
      expect(fake.fs.lstatSync(rc).isSymbolicLink()).toBe(true);
      expect(readBinary(fake.fs, target)).toBe('echo mine\n');
    });
  }

  it('follows a relative link, as stow makes them, and a chain of links', async () => {
    const fake = setup({ [`${HOME}/dotfiles/bash/.bashrc`]: 'echo stow\n' });
    const symlink = (fake.fs as unknown as { symlinkSync(target: string, path: string): void }).symlinkSync;
    symlink('dotfiles/bash/.bashrc', `${HOME}/.bashrc-link`);
    symlink('.bashrc-link', `${HOME}/.bashrc`);
    expect((await run(fake, 'install', 'bash')).code).toBe(0);
    expect(String(fake.fs.readlinkSync(`${HOME}/.bashrc`))).toBe('.bashrc-link');
    expect(readBinary(fake.fs, `${HOME}/dotfiles/bash/.bashrc`)).toBe(`echo stow\n${expectedBlock('bash', 'cache', false)}\n`);
  });

  it('creates the target of a dangling link, and uninstall deletes it again', async () => {
    const fake = setup();
    (fake.fs as unknown as { symlinkSync(target: string, path: string): void }).symlinkSync(
      `${HOME}/dotfiles/zshrc`,
      `${HOME}/.zshrc`,
    );
    const installed = await run(fake, 'install', 'zsh');
    expect(installed.code, installed.stderr).toBe(0);
    expect(readBinary(fake.fs, `${HOME}/dotfiles/zshrc`)).toBe(`${expectedBlock('zsh', 'cache', true)}\n`);
    expect((await run(fake, 'uninstall', 'zsh')).code).toBe(0);
    expect(readBinary(fake.fs, `${HOME}/dotfiles/zshrc`)).toBeUndefined();
    expect(fake.fs.lstatSync(`${HOME}/.zshrc`).isSymbolicLink()).toBe(true);
  });
});

describe.concurrent('faults: a clear error and nothing written', () => {
  async function refused(fake: FakeIo, args: string[], message: RegExp): Promise<Result> {
    const before = snapshot(fake);
    const result = await run(fake, ...args);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(fake)).toEqual(before);
    return result;
  }

  it('a startup file that is a directory, even when another shell comes first', async () => {
    const fake = setup();
    fake.fs.mkdirSync(`${HOME}/.bashrc`);
    await refused(fake, ['install', 'zsh', 'bash', '--mode', 'static'], /\/home\/user\/\.bashrc is a directory, so swr-shell leaves it alone/);
    await refused(fake, ['uninstall', 'bash'], /is a directory/);
  });

  it('a read-only startup file, with the lines to add by hand', async () => {
    const fake = setup({ [RC.bash]: 'echo hi\n' });
    fake.fs.chmodSync(RC.bash, 0o444);
    const result = await refused(fake, ['install', 'bash'], /\/home\/user\/\.bashrc is read-only \(mode 0444\), so swr-shell left it alone/);
    expect(result.stderr).toContain(`add these lines to ${RC.bash} yourself`);
    expect(result.stderr).toContain(expectedBlock('bash', 'cache', false));
  });

  it('a read-only startup file that already has the block is fine', async () => {
    const fake = setup({ [RC.bash]: `echo hi\n${expectedBlock('bash', 'cache', false)}\n` });
    fake.fs.chmodSync(RC.bash, 0o444);
    const result = await run(fake, 'install', 'bash');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('unchanged');
    await refused(fake, ['uninstall', 'bash'], /read-only \(mode 0444\).*delete the lines from "# >>> swr-shell >>>"/s);
  });

  it('a home directory that cannot be written', async () => {
    const fake = setup();
    fake.fs.chmodSync(HOME, 0o555);
    const result = await refused(fake, ['install', 'bash'], /cannot write \/home\/user\/\.bashrc: permission denied\. Instead, add these lines/);
    expect(result.stderr).toContain(expectedBlock('bash', 'cache', true));
  });

  it('a link into a read-only place (a Nix store), with the lines to add to the source', async () => {
    const store = '/nix/store/abc-home-manager-files/.bashrc';
    const fake = setup({ [store]: 'echo nix\n' });
    (fake.fs as unknown as { symlinkSync(target: string, path: string): void }).symlinkSync(store, RC.bash);
    fake.fs.chmodSync('/nix/store/abc-home-manager-files', 0o555);
    const result = await refused(fake, ['install', 'bash'], /cannot write \/nix\/store\/abc-home-manager-files\/\.bashrc: permission denied/);
    expect(result.stderr).toContain('or to the source of your dotfiles, if a tool manages them');
    fake.fs.chmodSync(store, 0o444);
    await refused(fake, ['install', 'bash'], /\.bashrc \(a link to \/nix\/store\/abc-home-manager-files\/\.bashrc\) is read-only/);
  });

  it('a block whose end marker was deleted by hand', async () => {
    const fake = setup({ [RC.zsh]: `a\n${START}\n# Managed by swr-shell\neval "$(swr-shell init zsh)"\nb\n` });
    await refused(fake, ['install', 'zsh'], /\.zshrc: the swr-shell block that starts on line 2 has no end marker.*changed nothing/s);
    await refused(fake, ['uninstall', 'zsh'], /starts on line 2 has no end marker/);
  });

  it('an end marker whose start marker was deleted by hand', async () => {
    const fake = setup({ [RC.bash]: `a\neval "$(swr-shell init bash)"\n${END}\n` });
    await refused(fake, ['install', 'bash'], /\.bashrc: line 3 has the swr-shell end marker/);
  });

  it('bad values, before anything is read or written', async () => {
    for (const [args, message] of [
      [['install', 'bash', '--mode', 'fancy'], /unknown mode "fancy": use cache, eval, static/],
      [['install', 'tcsh'], /unknown shell "tcsh": use bash, zsh, fish/],
      [['uninstall', 'bash', 'csh'], /unknown shell "csh"/],
      [['install', 'bash', '--cmd', '1x'], /invalid --cmd prefix "1x"/],
      [['install', 'bash', '--profile', 'a b'], /invalid profile name "a b": it contains a space/],
      [['install', 'bash', '--mode', 'eval', '--mode', 'static'], /--mode was given 2 times/],
    ] as const) {
      const fake = setup();
      const before = snapshot(fake);
      const result = await run(fake, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(snapshot(fake)).toEqual(before);
    }
  });
});

describe.concurrent('repairs, explained', () => {
  it('two blocks: install keeps the first in place and removes the other; uninstall removes both', async () => {
    const old = expectedBlock('bash', 'static', false);
    const fake = setup({ [RC.bash]: `a\n${old}\nb\n${old}\nc` });
    const installed = await run(fake, 'install', 'bash');
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).toContain(`${RC.bash} had 2 swr-shell blocks (at lines 2, 8): the first now holds the new block`);
    expect(readBinary(fake.fs, RC.bash)).toBe(`a\n${expectedBlock('bash', 'cache', false)}\nb\nc`);
    writeBinary(fake.fs, RC.bash, `a\n${old}\nb\n${old}\nc`);
    const dryRun = await run(fake, 'install', 'bash', '--dry-run');
    expect(dryRun.stderr).toContain('had 2 swr-shell blocks');
    expect(readBinary(fake.fs, RC.bash)).toBe(`a\n${old}\nb\n${old}\nc`);

    const removed = await run(fake, 'uninstall', 'bash');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain('had 2 swr-shell blocks: all were removed');
    expect(readBinary(fake.fs, RC.bash)).toBe('a\nb\nc');
  });

  it('a file install created keeps lines added to it since', async () => {
    const fake = setup();
    expect((await run(fake, 'install', 'fish')).code).toBe(0);
    const installed = readBinary(fake.fs, RC.fish)!;
    writeBinary(fake.fs, RC.fish, `${installed}set -gx EDITOR vi\n`);
    const removed = await run(fake, 'uninstall', 'fish');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`removed ${RC.fish}`);
    expect(removed.stderr).toContain('was created by swr-shell install, but lines were added to it since: it stays');
    expect(readBinary(fake.fs, RC.fish)).toBe('set -gx EDITOR vi\n');
  });

  it('an empty file that was there before install stays after uninstall', async () => {
    const fake = setup({ [RC.fish]: '' });
    await run(fake, 'install', 'fish');
    await run(fake, 'uninstall', 'fish');
    expect(readBinary(fake.fs, RC.fish)).toBe('');
  });
});

describe.concurrent('options and locations', () => {
  it('carries --cmd and --profile into the block and the static plugin', async () => {
    const fake = setup();
    const eval_ = await run(fake, 'install', 'bash', 'fish', '--cmd', 'hw', '--profile', 'work');
    expect(eval_.code, eval_.stderr).toBe(0);
    expect(readBinary(fake.fs, RC.bash)).toBe(`${expectedBlock('bash', 'cache', true, ' --cmd hw --profile work')}\n`);
    expect(readBinary(fake.fs, RC.fish)).toBe(`${expectedBlock('fish', 'cache', true, ' --cmd hw --profile work')}\n`);
    const static_ = await run(fake, 'install', 'zsh', '--mode', 'static', '--cmd', 'hw', '--profile', 'work');
    expect(static_.code, static_.stderr).toBe(0);
    expect(readBinary(fake.fs, RC.zsh)).toBe(`${expectedBlock('zsh', 'static', true, ' --cmd hw --profile work')}\n`);
    expect(readBinary(fake.fs, staticFile('zsh'))!.endsWith(await initOutput('zsh', '--cmd', 'hw', '--profile', 'work'))).toBe(true);
  });

  it('serves the calling shell, else $SHELL, else asks', async () => {
    const byParent = setup({}, { parent: 'zsh', env: { SHELL: '/bin/bash' } });
    expect((await run(byParent, 'install')).stdout).toContain(`created ${RC.zsh}`);
    const byShell = setup({}, { parent: 'node', env: { SHELL: '/usr/bin/fish' } });
    expect((await run(byShell, 'install')).stdout).toContain(`created ${RC.fish}`);
    expect((await run(byShell, 'uninstall')).stdout).toContain(`deleted ${RC.fish}`);
    const neither = setup({}, { parent: 'node', env: { SHELL: '/bin/tcsh' } });
    const result = await run(neither, 'install');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot tell which shell to serve/);
  });

  it('follows ZDOTDIR, XDG_CONFIG_HOME, XDG_DATA_HOME, and .bash_profile on macOS', async () => {
    const fake = setup({}, { env: { ZDOTDIR: '/home/user/.zsh', XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' } });
    const result = await run(fake, 'install', 'bash', 'zsh', 'fish', '--mode', 'static');
    expect(result.code, result.stderr).toBe(0);
    expect(readBinary(fake.fs, '/cfg/fish/conf.d/swr-shell.fish')).toContain(`if test -r '/data/swr-shell/init.fish'\n    source '/data/swr-shell/init.fish'\nend\n`);
    expect(readBinary(fake.fs, '/home/user/.zsh/.zshrc')).toContain(`if [ -r '/data/swr-shell/init.zsh' ]; then . '/data/swr-shell/init.zsh'; fi`);
    for (const shell of SHELLS) expect(readBinary(fake.fs, `/data/swr-shell/init.${shell}`)).toBeDefined();

    const mac = setup();
    const onMac = await main(['install', 'bash'], { ...mac.io, platform: 'darwin' });
    expect(onMac).toBe(0);
    expect(readBinary(mac.fs, `${HOME}/.bash_profile`)).toBe(`${expectedBlock('bash', 'cache', true)}\n`);
    expect(readBinary(mac.fs, RC.bash)).toBeUndefined();
  });

  it('quotes a data directory with a quote in its name', async () => {
    const fake = setup({}, { env: { XDG_DATA_HOME: "/srv/it's" } });
    expect((await run(fake, 'install', 'bash', 'fish', '--mode', 'static')).code).toBe(0);
    expect(readBinary(fake.fs, RC.bash)).toContain(`if [ -r '/srv/it'\\''s/swr-shell/init.bash' ]`);
    expect(readBinary(fake.fs, RC.fish)).toContain(`if test -r '/srv/it\\'s/swr-shell/init.fish'`);
  });

  it('notes when eval mode cannot find swr-shell on PATH', async () => {
    const missing = setup({}, { env: { PATH: '/usr/bin' } });
    expect((await run(missing, 'install', 'bash', '--mode', 'eval')).stderr).toContain('swr-shell is not on PATH here');
    const present = setup({}, { env: { PATH: '/opt/bin:/usr/bin' } });
    writeBinary(present.fs, '/usr/bin/swr-shell', '#!/bin/sh\n', 0o755);
    expect((await run(present, 'install', 'bash', '--mode', 'eval')).stderr).not.toContain('not on PATH');
    expect((await run(present, 'install', 'zsh', '--mode', 'static')).stderr).not.toContain('not on PATH');
  });

  it('cache mode refuses a swr-shell that a new shell cannot count on, and writes nothing', async () => {
    for (const [path, message] of [
      ['/usr/bin', /swr-shell is not on PATH, so a new shell could not render the plugin after an upgrade.*npm link.*--mode static/s],
      ['/root/.npm/_npx/1a2b/node_modules/.bin:/usr/bin', /in npx's cache, which npm may clear at any time/],
      ['/opt/a\nb:/usr/bin', /a path with a control character \("\/opt\/a\\nb\/swr-shell"\)/],
    ] as const) {
      const fake = setup({}, { env: { PATH: path } });
      const directory = path.split(':')[0]!;
      if (directory !== '/usr/bin') writeBinary(fake.fs, `${directory}/swr-shell`, '#!/bin/sh\n', 0o755);
      const before = snapshot(fake);
      const result = await run(fake, 'install', 'bash');
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(snapshot(fake)).toEqual(before);
    }
  });
});

describe.concurrent('--dry-run', () => {
  for (const command of ['install', 'uninstall'] as const) {
    it(`${command} prints a unified diff per file and writes nothing`, async () => {
      const fake = setup({ [RC.bash]: 'echo hi\n' });
      if (command === 'uninstall') await run(fake, 'install', 'bash', '--mode', 'static');
      const before = snapshot(fake);
      const result = await run(fake, command, 'bash', ...(command === 'install' ? ['--mode', 'static'] : []), '--dry-run');
      expect(result.code, result.stderr).toBe(0);
      expect(snapshot(fake)).toEqual(before);
      expect(result.stderr).toContain('dry run, nothing was written');
      const block = expectedBlock('bash', 'static', false)
        .split('\n')
        .map((line) => `${command === 'install' ? '+' : '-'}${line}\n`)
        .join('');
      const hunk = command === 'install' ? '@@ -1 +1,6 @@' : '@@ -1,6 +1 @@';
      expect(result.stdout).toContain(`--- ${RC.bash}\n+++ ${RC.bash}\n${hunk}\n`);
      expect(result.stdout).toContain(` echo hi\n${block}`);
      // The generated files are named with their size, not printed.
      const bytes = (text: string): number => new TextEncoder().encode(text).length;
      const size = bytes(`# Written by \`swr-shell install bash --mode static\`: run it again after upgrading swr-shell.\n${await initOutput('bash')}`);
      const completer = setup();
      await run(completer, 'completion', 'bash');
      const completion = bytes(completer.stdout());
      const status = command === 'install' ? 'created' : 'deleted';
      expect(result.stdout).toContain(`${status} ${staticFile('bash')} (bash plugin for static mode, ${size} bytes; not shown)\n`);
      expect(result.stdout).toContain(
        `${status} ${HOME}/.local/share/bash-completion/completions/swr-shell (bash completion script for swr-shell, ${completion} bytes; not shown)\n`,
      );
      expect(result.stdout).not.toContain('__swr_');
    });
  }
});

describe('round trips over arbitrary contents', () => {
  const contents = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map(bin),
    fc
      .array(fc.constantFrom('\n', '\r\n', '\r', ' ', 'export A=1', '\xff', '# >>> conda initialize >>>', '# <<< conda initialize <<<'), {
        maxLength: 40,
      })
      .map((parts) => parts.join('')),
  );

  for (const shell of SHELLS) {
    it(`${shell}: install then uninstall gives back the exact bytes; install twice is install once`, async () => {
      await fc.assert(
        fc.asyncProperty(contents, fc.constantFrom<Mode>('eval', 'static'), async (before, mode) => {
          const fake = setup({ [RC[shell]]: before });
          expect((await run(fake, 'install', shell, '--mode', mode)).code).toBe(0);
          const once = snapshot(fake);
          expect((await run(fake, 'install', shell, '--mode', mode)).code).toBe(0);
          expect(snapshot(fake)).toEqual(once);
          expect((await run(fake, 'uninstall', shell)).code).toBe(0);
          expect(readBinary(fake.fs, RC[shell])).toBe(before);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe.concurrent('what install and uninstall say, and in which order they write', () => {
  const SH_RC = `${HOME}/.shrc`;
  /** stderr without the closing hint that every install that writes prints. */
  const notes = (stderr: string): string => stderr.replace('swr-shell: start a new shell to load the functions.\n', '');

  it('a plain install, reinstall and uninstall print no note', async () => {
    for (const shell of SHELLS) {
      for (const before of [undefined, 'echo mine\n']) {
        const fake = setup(before === undefined ? {} : { [RC[shell]]: before });
        for (const args of [
          ['install', shell, '--mode', 'static'],
          ['install', shell, '--mode', 'static'],
          ['install', shell, '--mode', 'eval'],
          ['uninstall', shell],
          ['uninstall', shell],
        ]) {
          const result = await run(fake, ...args);
          expect(result.code, result.stderr).toBe(0);
          expect(notes(result.stderr), `${args.join(' ')} on ${String(before)}`).toBe('');
        }
      }
    }
  });

  it('sh: install notes that sh reads ~/.shrc only where ENV names it, unless ENV is set', async () => {
    const unset = setup();
    const noted = await run(unset, 'install', 'sh', '--mode', 'eval');
    expect(noted.code, noted.stderr).toBe(0);
    expect(notes(noted.stderr)).toBe(
      `swr-shell: sh reads ${SH_RC} only where ENV names it: add ENV=$HOME/.shrc; export ENV to ~/.profile (docs/posix-sh.md).\n`,
    );
    const set = setup({}, { env: { ENV: SH_RC } });
    const quiet = await run(set, 'install', 'sh', '--mode', 'eval');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(notes(quiet.stderr)).toBe('');
    expect(readBinary(set.fs, SH_RC)).toContain(START);
  });

  it('uninstall names why it left a startup file as it is', async () => {
    const fake = setup({ [RC.zsh]: 'echo mine\n' });
    const result = await run(fake, 'uninstall', 'bash', 'zsh');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`unchanged ${RC.bash} (bash: no such file)\n`);
    expect(result.stdout).toContain(`unchanged ${RC.zsh} (zsh: no swr-shell block)\n`);
    expect(result.stderr).toBe('');
  });

  it('uninstall deletes a file install created even when a second, older block follows', async () => {
    const created = expectedBlock('bash', 'eval', true);
    const old = expectedBlock('bash', 'static', false);
    const fake = setup({ [RC.bash]: `${created}\n${old}\n` });
    const result = await run(fake, 'uninstall', 'bash');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`deleted ${RC.bash} (bash)`);
    expect(readBinary(fake.fs, RC.bash)).toBeUndefined();
  });

  it('a read-only plugin file for static mode: refused with what to do instead, fine when unchanged', async () => {
    const plugin = staticFile('bash');
    const fake = setup({ [plugin]: '# an older plugin\n' });
    fake.fs.chmodSync(plugin, 0o444);
    const before = snapshot(fake);
    const install = await run(fake, 'install', 'bash', '--mode', 'static');
    expect(install.code).toBe(1);
    expect(install.stderr).toBe(
      `swr-shell: ${plugin} is read-only (mode 0444), so swr-shell left it alone. ` +
        `Make it writable (chmod u+w ${plugin}) and run the command again, or use --mode eval, which needs no such file.\n`,
    );
    expect(snapshot(fake)).toEqual(before);

    fake.fs.chmodSync(plugin, 0o644);
    expect((await run(fake, 'install', 'bash', '--mode', 'static')).code).toBe(0);
    fake.fs.chmodSync(plugin, 0o444);
    const again = await run(fake, 'install', 'bash', '--mode', 'static');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`unchanged ${RC.bash}`);

    const kept = snapshot(fake);
    const uninstall = await run(fake, 'uninstall', 'bash');
    expect(uninstall.code).toBe(1);
    expect(uninstall.stderr).toBe(
      `swr-shell: ${plugin} is read-only (mode 0444), so swr-shell left it alone. ` +
        `Make it writable (chmod u+w ${plugin}) and run the command again, or delete ${plugin} yourself.\n`,
    );
    expect(snapshot(fake)).toEqual(kept);
  });

  it('uninstall of several shells writes nothing when one startup file is read-only', async () => {
    const fake = setup();
    expect((await run(fake, 'install', 'zsh', 'bash', '--mode', 'eval')).code).toBe(0);
    fake.fs.chmodSync(RC.bash, 0o444);
    const before = snapshot(fake);
    const result = await run(fake, 'uninstall', 'zsh', 'bash');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\.bashrc is read-only \(mode 0444\), so swr-shell left it alone/);
    expect(snapshot(fake)).toEqual(before);
  });

  it('a reinstall that changes nothing writes nothing, even in a directory it cannot write', async () => {
    const fake = setup();
    expect((await run(fake, 'install', 'bash', '--mode', 'static')).code).toBe(0);
    fake.fs.chmodSync(HOME, 0o555);
    fake.fs.chmodSync(`${HOME}/.local/share/swr-shell`, 0o555);
    fake.fs.chmodSync(`${HOME}/.local/share/bash-completion/completions`, 0o555);
    const before = snapshot(fake);
    const result = await run(fake, 'install', 'bash', '--mode', 'static');
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(fake)).toEqual(before);
  });

  it('warns when the startup file had other hard links', async () => {
    const fake = setup({ [`${HOME}/dotfiles/bashrc`]: 'echo mine\n' });
    fake.vol.linkSync(`${HOME}/dotfiles/bashrc`, RC.bash);
    const result = await run(fake, 'install', 'bash', '--mode', 'eval');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`swr-shell: ${RC.bash} had 2 hard links: swr-shell replaced it with a new file`);
  });

  it('a dry run names a generated file that changes with both sizes, and leaves out one that does not', async () => {
    const fake = setup();
    expect((await run(fake, 'install', 'bash', '--mode', 'static')).code).toBe(0);
    const same = await run(fake, 'install', 'bash', '--mode', 'static', '--dry-run');
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('');
    const plugin = staticFile('bash');
    const old = '# an older plugin\n';
    writeBinary(fake.fs, plugin, old);
    const size = readBinary(fake.fs, plugin)!.length;
    const changed = await run(fake, 'install', 'bash', '--mode', 'static', '--dry-run');
    await run(fake, 'install', 'bash', '--mode', 'static');
    const now = readBinary(fake.fs, plugin)!.length;
    expect(changed.stdout).toBe(`updated ${plugin} (bash plugin for static mode, ${size} -> ${now} bytes; not shown)\n`);
  });
});

describe('the plan, applied on the core functions', () => {
  const env = { HOME, PATH: '/usr/local/bin:/usr/bin' };
  const options = { mode: 'static', prefix: 'swr' } as const;

  it('install writes the files the block loads first, then the block, then deletes the files it no longer loads', () => {
    const fake = setup();
    const steps = (changes: ReturnType<typeof planInstall>): string[] => changes.map((change) => `${change.status} ${change.path}`);
    const first = planInstall(fake.fs, env, 'linux', ['bash'], options);
    expect(steps(first)).toEqual([`created ${staticFile('bash')}`, `created ${RC.bash}`]);
    for (const change of first) applyChange(fake.fs, change);
    expect(steps(planInstall(fake.fs, env, 'linux', ['bash'], { ...options, mode: 'eval' }))).toEqual([
      `updated ${RC.bash}`,
      `deleted ${staticFile('bash')}`,
    ]);
  });

  it('uninstall made on a file changed since the plan: deletes it only if nothing but the block is left', () => {
    for (const [before, added, left] of [
      [undefined, '', undefined],
      [undefined, 'echo later\n', 'echo later\n'],
      // A file that was there, empty, before install: it stays, empty.
      ['', '', ''],
    ] as const) {
      const fake = setup(before === undefined ? {} : { [RC.bash]: before });
      for (const change of planInstall(fake.fs, env, 'linux', ['bash'], options)) applyChange(fake.fs, change);
      const [block] = planUninstall(fake.fs, env, 'linux', ['bash']);
      expect(block!.status).toBe(before === undefined ? 'deleted' : 'removed');
      // Another program rewrites the block (another install) and maybe adds a line, after the plan.
      writeBinary(fake.fs, RC.bash, `${expectedBlock('bash', 'eval', before === undefined)}\n${added}`);
      applyChange(fake.fs, block!);
      expect(readBinary(fake.fs, RC.bash), added).toBe(left);
    }
  });

  it('deleting a file whose directory went away since the plan makes no directory', () => {
    const fake = setup();
    for (const change of planInstall(fake.fs, env, 'linux', ['bash'], options)) applyChange(fake.fs, change);
    const plugin = planUninstall(fake.fs, env, 'linux', ['bash']).find((change) => change.path === staticFile('bash'))!;
    fake.vol.rmSync(`${HOME}/.local/share/swr-shell`, { recursive: true });
    // It fails (the lock file has no directory to go in); whether it does or not, it makes none.
    expect(() => applyChange(fake.fs, plugin)).toThrow(/does not exist/);
    expect(fake.vol.existsSync(`${HOME}/.local/share/swr-shell`)).toBe(false);
  });

  it('blockIsCurrent: false for cache mode without the bin it follows, and for a startup file it cannot read', () => {
    const fake = setup();
    const cache = { mode: 'cache', prefix: 'swr', bin: BIN } as const;
    for (const change of planInstall(fake.fs, env, 'linux', ['bash'], cache)) applyChange(fake.fs, change);
    expect(blockIsCurrent(fake.fs, 'bash', env, 'linux', cache)).toBe(true);
    expect(blockIsCurrent(fake.fs, 'bash', env, 'linux', { mode: 'cache', prefix: 'swr' })).toBe(false);
    fake.fs.mkdirSync(RC.zsh);
    expect(blockIsCurrent(fake.fs, 'zsh', env, 'linux', cache)).toBe(false);
  });

  it('blockIsCurrent passes on an error that is not a refusal (a failing disk), rather than answer false', () => {
    const fake = setup();
    fake.vol.symlinkSync('dotfiles/bashrc', RC.bash);
    const failing = new Proxy(fake.fs, {
      get(target, name, receiver) {
        if (name === 'readlinkSync') return () => { throw Object.assign(new Error('EIO: i/o error, readlink'), { code: 'EIO' }); };
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    expect(() => blockIsCurrent(failing, 'bash', env, 'linux', { mode: 'eval', prefix: 'swr' })).toThrow('EIO: i/o error, readlink');
  });

  it('closes every file it opens to plan', () => {
    const fake = setup({ [RC.bash]: 'echo mine\n', [staticFile('bash')]: 'old\n' });
    const open = new Set<number>();
    const counted = new Proxy(fake.fs, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name === 'openSync') return (...args: unknown[]) => { const fd = (value as (...a: unknown[]) => number)(...args); open.add(fd); return fd; };
        if (name === 'closeSync') return (fd: number) => { open.delete(fd); (value as (fd: number) => void)(fd); };
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    planInstall(counted, env, 'linux', ['bash', 'zsh'], options);
    planUninstall(counted, env, 'linux', ['bash', 'zsh']);
    expect([...open]).toEqual([]);
  });
});
