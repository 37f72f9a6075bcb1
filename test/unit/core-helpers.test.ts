// The small helpers of src/core that the command tests reach only in passing,
// held to exact results here (npm run mutate found changes to them unnoticed).

import { describe, expect, it } from 'vitest';
import { binaryToBytes, binaryToDisplay, bytesToBinary, sameBytes, utf8ToBinary } from '../../src/core/bytes.ts';
import { chooseTool, loginArgs, logoutArgs } from '../../src/core/client-login.ts';
import { UsageError } from '../../src/core/errors.ts';
import { findOnPath } from '../../src/core/path-search.ts';
import { basename, dirname, isAbsolute, join, resolve } from '../../src/core/paths.ts';
import { detectInstallShell, detectPluginShell, detectShell } from '../../src/core/shell.ts';
import { editDistance, nearest } from '../../src/core/spelling.ts';
import { fakeIo, HOME } from '../support/io.ts';

describe('bytes', () => {
  it('a binary string has one character per byte, and back, across the chunk size', () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 3 }, (_, i) => (i * 7) % 256);
    const binary = bytesToBinary(bytes);
    expect(binary.length).toBe(bytes.length);
    expect(binary.charCodeAt(0x8000 + 1)).toBe(((0x8000 + 1) * 7) % 256);
    expect(binary.charCodeAt(bytes.length - 1)).toBe(((bytes.length - 1) * 7) % 256);
    expect(sameBytes(binaryToBytes(binary), bytes)).toBe(true);
    expect(bytesToBinary(new Uint8Array())).toBe('');
  });

  it('UTF-8 in and out; invalid bytes shown as U+FFFD', () => {
    expect(utf8ToBinary('é')).toBe('\xc3\xa9');
    expect(binaryToDisplay('\xc3\xa9')).toBe('é');
    expect(binaryToDisplay('a\xffb')).toBe('a\ufffdb');
  });

  it('sameBytes compares length and every byte; undefined equals only undefined', () => {
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(sameBytes(undefined, undefined)).toBe(true);
    expect(sameBytes(undefined, Uint8Array.of())).toBe(false);
    expect(sameBytes(Uint8Array.of(), undefined)).toBe(false);
  });
});

describe('paths', () => {
  it.each([
    ['/a/b/c', '/a/b', 'c'],
    ['/a/b/', '/a', 'b'],
    ['/a//', '/', 'a'],
    ['/a', '/', 'a'],
    ['/', '/', ''],
    ['a', '.', 'a'],
    ['a/b', 'a', 'b'],
  ])('%s: directory %s, name %s', (path, directory, name) => {
    expect(dirname(path)).toBe(directory);
    expect(basename(path)).toBe(name);
  });

  it('join drops empty parts and doubled slashes; resolve keeps an absolute path', () => {
    expect(join('/a/', '', '/b', 'c')).toBe('/a/b/c');
    expect(join('a', 'b')).toBe('a/b');
    expect(join('/a', 'b//c')).toBe('/a/b/c');
    expect(resolve('/base', 'x/y')).toBe('/base/x/y');
    expect(resolve('/base', '/x')).toBe('/x');
    expect(isAbsolute('/x')).toBe(true);
    expect(isAbsolute('x/')).toBe(false);
  });
});

describe('spelling', () => {
  it('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('install', 'instal')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('nearest ignores the case of the input and keeps the first of equals', () => {
    expect(nearest('INSTAL', ['init', 'install', 'uninstall'])).toEqual({ name: 'install', distance: 1 });
    expect(nearest('ab', ['ax', 'ay'])).toEqual({ name: 'ax', distance: 1 });
    expect(nearest('zzzz', ['a'])).toEqual({ name: 'a', distance: 4 });
  });
});

describe('findOnPath', () => {
  it('the first executable regular file in an absolute $PATH entry', () => {
    const { fs } = fakeIo({ files: { '/one/tool': 'x', '/two/tool': 'x', '/three/tool': 'x', [`${HOME}/rel/tool`]: 'x' } });
    fs.chmodSync('/one/tool', 0o644);
    fs.chmodSync('/two/tool', 0o100);
    fs.chmodSync('/three/tool', 0o755);
    fs.chmodSync(`${HOME}/rel/tool`, 0o755);
    fs.mkdirSync('/dir/tool', { recursive: true });
    expect(findOnPath(fs, { PATH: 'rel::/dir:/missing:/one:/two:/three' }, 'tool')).toBe('/two/tool');
    expect(findOnPath(fs, { PATH: '/three' }, 'tool')).toBe('/three/tool');
    expect(findOnPath(fs, { PATH: '/one:/dir' }, 'tool')).toBeUndefined();
    expect(findOnPath(fs, {}, 'tool')).toBeUndefined();
  });
});

describe('client login', () => {
  it('the named tool, else $SWR_RUNTIME, else docker', () => {
    expect(chooseTool('podman', { SWR_RUNTIME: 'nerdctl' })).toBe('podman');
    expect(chooseTool(undefined, { SWR_RUNTIME: 'nerdctl' })).toBe('nerdctl');
    expect(chooseTool(undefined, { SWR_RUNTIME: '' })).toBe('docker');
    expect(chooseTool(undefined, {})).toBe('docker');
  });

  it('an unknown tool is a usage error that says where it came from', () => {
    const fix = 'use docker, podman or nerdctl (or set SWR_RUNTIME to one of them).';
    expect(() => chooseTool('rkt', {})).toThrow(new UsageError(`unknown tool "rkt": ${fix}`));
    expect(() => chooseTool(undefined, { SWR_RUNTIME: 'rkt' })).toThrow(new UsageError(`SWR_RUNTIME: unknown tool "rkt": ${fix}`));
  });

  it('login and logout argument lists', () => {
    expect(loginArgs('u', 'r.example', ['--tls-verify=false'])).toEqual(['login', '-u', 'u', '--password-stdin', '--tls-verify=false', 'r.example']);
    expect(loginArgs('u', 'r.example')).toEqual(['login', '-u', 'u', '--password-stdin', 'r.example']);
    expect(logoutArgs('r.example', ['-x'])).toEqual(['logout', '-x', 'r.example']);
    expect(logoutArgs('r.example')).toEqual(['logout', 'r.example']);
  });
});

describe('which shell', () => {
  it('the parent process first, as a login shell too (-bash), then $SHELL', () => {
    expect(detectShell('/usr/bin/zsh', '/bin/bash')).toBe('zsh');
    expect(detectShell('-bash', '/usr/bin/fish')).toBe('bash');
    expect(detectShell('node', '/usr/bin/fish')).toBe('fish');
    expect(detectShell(undefined, 'fish')).toBe('fish');
  });

  it('an unknown shell names the parent, $SHELL and the command', () => {
    expect(() => detectShell(undefined, undefined, 'install')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "unknown", SHELL ""): name it, as in swr-shell install bash, zsh or fish.'),
    );
    expect(() => detectShell('dash', '/bin/sh')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "dash", SHELL "/bin/sh"): name it, as in swr-shell init bash, zsh or fish.'),
    );
  });

  it('the plugin serves the POSIX family as sh', () => {
    expect(detectPluginShell('/bin/dash', undefined)).toBe('sh');
    expect(detectPluginShell('-ksh93', undefined)).toBe('sh');
    expect(detectPluginShell('node', '/bin/zsh')).toBe('zsh');
    expect(detectPluginShell('node', '/bin/busybox')).toBe('sh');
    expect(() => detectPluginShell('node', '/bin/csh')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "node", SHELL "/bin/csh"): name it, as in swr-shell init bash, zsh, fish or sh.'),
    );
  });

  it('install edits ksh and mksh files of their own, under their other names too', () => {
    expect(detectInstallShell('ksh93', undefined, 'install')).toBe('ksh');
    expect(detectInstallShell('pdksh', undefined, 'install')).toBe('ksh');
    expect(detectInstallShell('/bin/lksh', undefined, 'install')).toBe('mksh');
    expect(detectInstallShell('-mksh', undefined, 'install')).toBe('mksh');
    expect(detectInstallShell('dash', '/bin/bash', 'install')).toBe('sh');
    expect(detectInstallShell('node', '/bin/bash', 'install')).toBe('bash');
    expect(() => detectInstallShell('node', '/bin/tcsh', 'uninstall')).toThrow(
      new UsageError(
        'cannot tell which shell to serve (parent process "node", SHELL "/bin/tcsh"): name it, as in swr-shell uninstall bash, zsh, fish, ksh, mksh or sh.',
      ),
    );
  });
});
