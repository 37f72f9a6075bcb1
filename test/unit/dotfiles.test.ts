// Where install writes (src/core/dotfiles.ts): the startup file that $ENV
// names, the cache directory, the bin's build stamp, and the files install
// owns outright for each shell and mode. The paths are written out here from
// SPEC section 4 and docs/install.md, not taken from the code.

import { describe, expect, it } from 'vitest';
import { blockText, cacheDir, ownedFiles, rcPath, STAMP } from '../../src/core/dotfiles.ts';

const HOME = '/home/user';
const env = { HOME };

describe('rcPath for the shells that read $ENV', () => {
  it('takes the file ENV names only when it is a plain absolute path', () => {
    expect(rcPath('sh', { HOME, ENV: '/etc/shrc.mine' }, 'linux')).toBe('/etc/shrc.mine');
    expect(rcPath('ksh', { HOME, ENV: '/home/user/.env' }, 'linux')).toBe('/home/user/.env');
    // A shell would expand these; install cannot know to what.
    expect(rcPath('sh', { HOME, ENV: '$HOME/.shrc' }, 'linux')).toBe(`${HOME}/.shrc`);
    expect(rcPath('sh', { HOME, ENV: '/home/$USER/.shrc' }, 'linux')).toBe(`${HOME}/.shrc`);
    expect(rcPath('mksh', { HOME, ENV: '.mkshrc.local' }, 'linux')).toBe(`${HOME}/.mkshrc`);
    expect(rcPath('ksh', { HOME, ENV: '' }, 'linux')).toBe(`${HOME}/.kshrc`);
    expect(rcPath('sh', env, 'linux')).toBe(`${HOME}/.shrc`);
  });
});

describe('cacheDir', () => {
  it('is $XDG_CACHE_HOME/swr-shell when that is absolute, else ~/.cache/swr-shell', () => {
    expect(cacheDir({ HOME, XDG_CACHE_HOME: '/var/cache/user' })).toBe('/var/cache/user/swr-shell');
    expect(cacheDir({ HOME, XDG_CACHE_HOME: 'cache' })).toBe(`${HOME}/.cache/swr-shell`);
    expect(cacheDir(env)).toBe(`${HOME}/.cache/swr-shell`);
  });
});

describe('STAMP, the build stamp on the second line of the bin', () => {
  it('matches the line that npm run build writes, and gives the version', () => {
    expect(STAMP.exec('// swr-shell 1.2.3 build 0123456789abcdef')?.[1]).toBe('1.2.3');
    expect(STAMP.exec('// swr-shell 0.1.0-rc.1 build 0')?.[1]).toBe('0.1.0-rc.1');
  });

  it('matches nothing else: another comment, a wrapper script, a stamp with more around it', () => {
    for (const line of [
      '#!/bin/sh',
      '// swr-shell  build 0123',
      '// swr-shell 1.2.3 build ',
      '// swr-shell 1.2.3 build 0123abcg',
      '// swr-shell 1.2.3 build XYZ',
      'x// swr-shell 1.2.3 build 0123',
      '// swr-shell 1.2.3 build 0123 (dirty)',
      '// swr-shell 1 2 build 0123',
    ]) {
      expect(STAMP.test(line), line).toBe(false);
    }
  });
});

describe('blockText', () => {
  it('refuses cache mode without the bin the block follows', () => {
    expect(() => blockText('bash', { mode: 'cache', prefix: 'swr' }, env, false)).toThrow(new Error('blockText: cache mode needs the bin'));
  });
});

describe('ownedFiles', () => {
  const listed = (files: ReturnType<typeof ownedFiles>): string[] =>
    files.map((file) => `${file.path} (${file.what})${file.text === undefined ? '' : ' with text'}${file.extra ? ', extra' : ''}`);
  const data = `${HOME}/.local/share`;

  it('uninstall (no options): the static plugin, the cached plugin and the completion script, each to delete', () => {
    expect(listed(ownedFiles('bash', env))).toEqual([
      `${data}/swr-shell/init.bash (bash plugin for static mode)`,
      `${HOME}/.cache/swr-shell/plugin.bash (bash plugin cached by the block)`,
      `${data}/bash-completion/completions/swr-shell (bash completion script for swr-shell), extra`,
    ]);
    expect(listed(ownedFiles('zsh', env))).toEqual([
      `${data}/swr-shell/init.zsh (zsh plugin for static mode)`,
      `${HOME}/.cache/swr-shell/plugin.zsh (zsh plugin cached by the block)`,
      `${data}/zsh/site-functions/_swr-shell (zsh completion script for swr-shell), extra`,
    ]);
  });

  it('sh, ksh and mksh get no completion script for swr-shell', () => {
    for (const shell of ['sh', 'ksh', 'mksh'] as const) {
      expect(listed(ownedFiles(shell, env))).toEqual([
        `${data}/swr-shell/init.${shell} (${shell} plugin for static mode)`,
        `${HOME}/.cache/swr-shell/plugin.${shell} (${shell} plugin cached by the block)`,
      ]);
    }
  });

  it('install: cache mode keeps the cached plugin (the block renders it); eval and static modes delete it', () => {
    const completions = { fish: 'complete -c swr-shell\n' };
    expect(listed(ownedFiles('fish', env, { mode: 'cache', prefix: 'swr', bin: '/usr/bin/swr-shell', completions }))).toEqual([
      `${data}/swr-shell/init.fish (fish plugin for static mode)`,
      `${HOME}/.config/fish/completions/swr-shell.fish (fish completion script for swr-shell) with text, extra`,
    ]);
    expect(listed(ownedFiles('fish', env, { mode: 'eval', prefix: 'swr', completions }))).toEqual([
      `${data}/swr-shell/init.fish (fish plugin for static mode)`,
      `${HOME}/.cache/swr-shell/plugin.fish (fish plugin cached by the block)`,
      `${HOME}/.config/fish/completions/swr-shell.fish (fish completion script for swr-shell) with text, extra`,
    ]);
    expect(listed(ownedFiles('fish', env, { mode: 'static', prefix: 'swr', completions }))).toEqual([
      `${data}/swr-shell/init.fish (fish plugin for static mode) with text`,
      `${HOME}/.cache/swr-shell/plugin.fish (fish plugin cached by the block)`,
      `${HOME}/.config/fish/completions/swr-shell.fish (fish completion script for swr-shell) with text, extra`,
    ]);
  });
});
