// writeFileAtomic through file systems that show what memfs hides: one that
// records each call (to see the data flushed before the rename), and one that
// applies a umask to the files it creates, as the kernel does.

import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import type { FileSystem } from '../../src/core/fs.ts';
import { ensureDirectory, fsFailure, readIfExists, resolveLinks, writeFileAtomic } from '../../src/core/fs.ts';
import { fakeIo, HOME } from '../support/io.ts';

type Call = [name: string, ...args: unknown[]];

/** `fs` with every call recorded, in order, with its arguments. */
function recording(fs: FileSystem): { fs: FileSystem; calls: Call[] } {
  const calls: Call[] = [];
  const proxy = new Proxy(fs, {
    get: (target, name: string) => {
      const member = (target as unknown as Record<string, unknown>)[name];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        calls.push([name, ...args]);
        return (member as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { fs: proxy, calls };
}

/** `fs` whose openSync creates files as the kernel does under a umask. */
function withUmask(fs: FileSystem, umask: number): FileSystem {
  return { ...fs, openSync: ((path, flags, mode) => fs.openSync(path, flags, typeof mode === 'number' ? mode & ~umask : mode)) as FileSystem['openSync'] };
}

const TARGET = `${HOME}/file`;

describe('writeFileAtomic', () => {
  it('flushes the temporary file with fsync before it closes and renames it over the target', () => {
    const { fs: memfs } = fakeIo();
    const { fs, calls } = recording(memfs);
    writeFileAtomic(fs, TARGET, 'data\n');
    // From `from` on: memfs reuses file descriptors, so an earlier call may name the same one.
    const at = (name: string, first: unknown, from = 0): number =>
      from + calls.slice(from).findIndex(([called, arg]) => called === name && arg === first);
    const rename = calls.find(([name]) => name === 'renameSync')!;
    expect(rename[2]).toBe(TARGET);
    const temporary = rename[1];
    const opened = at('openSync', temporary);
    const fd = calls.slice(opened).find(([name]) => name === 'writeSync')![1];
    const fsync = at('fsyncSync', fd, opened);
    const close = at('closeSync', fd, opened);
    expect(calls.slice(fsync).some(([name, arg]) => name === 'writeSync' && arg === fd)).toBe(false);
    expect(fsync).toBeGreaterThan(opened);
    expect(fsync).toBeLessThan(close);
    expect(close).toBeLessThan(at('renameSync', temporary));
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('data\n');
  });

  it('gives the file its mode whatever the umask: the given one, else the old file\'s', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old\n' } });
    memfs.chmodSync(TARGET, 0o755);
    const fs = withUmask(memfs, 0o077);
    writeFileAtomic(fs, TARGET, 'new\n');
    expect(memfs.statSync(TARGET).mode & 0o7777).toBe(0o755);
    writeFileAtomic(fs, `${HOME}/new`, 'new\n');
    expect(memfs.statSync(`${HOME}/new`).mode & 0o7777).toBe(0o644);
    writeFileAtomic(fs, `${HOME}/private`, 'key\n', { mode: 0o600 });
    expect(memfs.statSync(`${HOME}/private`).mode & 0o7777).toBe(0o600);
  });

  it('writes all of data that writeSync takes in parts, and leaves no temporary file', () => {
    const { fs: memfs } = fakeIo();
    const short: FileSystem = { ...memfs, writeSync: ((fd: number, data: Uint8Array) => memfs.writeSync(fd, data.subarray(0, 3))) as FileSystem['writeSync'] };
    writeFileAtomic(short, TARGET, 'a longer text\n');
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('a longer text\n');
    expect(memfs.readdirSync(HOME)).toEqual(['.keep', 'file']);
  });
});

/** `fs` whose `name` throws an error with `code`, as node:fs does. */
function failing(fs: FileSystem, name: keyof FileSystem, code: string): FileSystem {
  return {
    ...fs,
    [name]: () => {
      throw Object.assign(new Error(`${code}: from the test`), { code });
    },
  };
}

describe('file-system failures', () => {
  it.each([
    ['ENOENT', 'it does not exist'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'operation not permitted'],
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a parent of it is not a directory'],
    ['EROFS', 'the file system is read-only'],
    ['ENOSPC', 'the disk is full'],
    ['ELOOP', 'too many symbolic links'],
  ])('name the file and say %s in words: %s', (code, reason) => {
    expect(fsFailure(Object.assign(new Error(code), { code }), 'read', '/p').message).toBe(`cannot read /p: ${reason}.`);
  });

  it('give the error itself for another code', () => {
    expect(fsFailure(Object.assign(new Error('EBUSY: busy'), { code: 'EBUSY' }), 'read', '/p').message).toBe('cannot read /p: EBUSY: busy.');
  });

  it('readIfExists: undefined for a missing file, a failure for another error', () => {
    const { fs } = fakeIo();
    expect(readIfExists(fs, `${HOME}/missing`)).toBeUndefined();
    expect(() => readIfExists(failing(fs, 'openSync', 'EACCES'), TARGET)).toThrow(new Failure(`cannot read ${TARGET}: permission denied.`));
    fs.writeFileSync(TARGET, 'data');
    expect(() => readIfExists(failing(fs, 'readSync', 'EIO'), TARGET)).toThrow(new Failure(`cannot read ${TARGET}: EIO: from the test.`));
  });

  it('resolveLinks: follows a chain of 39 links, refuses 40 and a loop, and fails on what it cannot inspect', () => {
    const { fs, vol } = fakeIo({ files: { [TARGET]: 'data' } });
    const chain = (length: number, name: string): string => {
      let next = TARGET;
      for (let i = 0; i < length; i++) {
        const link = `${HOME}/${name}-${i}`;
        vol.symlinkSync(next, link);
        next = link;
      }
      return next;
    };
    expect(resolveLinks(fs, chain(39, 'short'))).toBe(TARGET);
    expect(() => resolveLinks(fs, chain(40, 'long'))).toThrow(/too many symbolic links/);
    vol.symlinkSync(`${HOME}/b`, `${HOME}/a`);
    vol.symlinkSync(`${HOME}/a`, `${HOME}/b`);
    expect(() => resolveLinks(fs, `${HOME}/a`)).toThrow(new Failure(`cannot follow ${HOME}/a: too many symbolic links.`));
    expect(() => resolveLinks(failing(fs, 'lstatSync', 'EACCES'), TARGET)).toThrow(new Failure(`cannot inspect ${TARGET}: permission denied.`));
  });

  it('ensureDirectory names the directory it cannot create', () => {
    const { fs } = fakeIo();
    expect(() => ensureDirectory(failing(fs, 'mkdirSync', 'EROFS'), `${HOME}/d`, 0o700)).toThrow(
      new Failure(`cannot create the directory ${HOME}/d: the file system is read-only.`),
    );
  });

  it('writeFileAtomic refuses a directory and names a target it cannot inspect', () => {
    const { fs } = fakeIo();
    fs.mkdirSync(`${HOME}/dir`);
    expect(() => writeFileAtomic(fs, `${HOME}/dir`, 'x')).toThrow(`cannot read ${HOME}/dir: it is a directory, not a regular file.`);
    expect(() => writeFileAtomic(failing(fs, 'statSync', 'EACCES'), TARGET, 'x')).toThrow(new Failure(`cannot inspect ${HOME}: permission denied.`));
  });
});
