// writeFileAtomic through file systems that show what memfs hides: one that
// records each call (to see the data flushed before the rename), and one that
// applies a umask to the files it creates, as the kernel does.

import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../src/core/fs.ts';
import { writeFileAtomic } from '../../src/core/fs.ts';
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
    const names = calls.map(([name]) => name);
    const open = calls.find(([name]) => name === 'openSync')!;
    const fd = calls[names.indexOf('writeSync')]![1];
    expect(calls[names.indexOf('fsyncSync')]).toEqual(['fsyncSync', fd]);
    expect(names.lastIndexOf('writeSync')).toBeLessThan(names.indexOf('fsyncSync'));
    expect(names.indexOf('fsyncSync')).toBeLessThan(names.indexOf('closeSync'));
    expect(names.indexOf('closeSync')).toBeLessThan(names.indexOf('renameSync'));
    expect(calls[names.indexOf('renameSync')]).toEqual(['renameSync', open[1], TARGET]);
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
