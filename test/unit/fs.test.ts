// The write primitive on memfs: another program's change between the read
// and the rename is kept (the edit runs again, or a late append is carried
// over), swr-shell's own writers take turns, leftovers of dead writers go, a
// read-only file is refused, owners are kept, a broken hard link is reported.
// test/cli/files.test.ts does the same with real processes and signals.

import { describe, expect, it } from 'vitest';
import { DELETE, type FileSystem, readIfExists, updateFileAtomic, writeFileAtomic } from '../../src/core/fs.ts';
import { fakeIo, HOME } from '../support/io.ts';

const FILE = `${HOME}/.bashrc`;
const text = (fs: FileSystem, path = FILE): string => String(fs.readFileSync(path, 'utf8'));
const addLine = (line: string) => (current: Uint8Array | undefined): string => `${new TextDecoder().decode(current ?? new Uint8Array())}${line}\n`;

/** `fs`, with `hook` run once just before the first call of `method`. */
function onceBefore(fs: FileSystem, method: 'fsyncSync' | 'renameSync', hook: () => void): FileSystem {
  let done = false;
  return new Proxy(fs, {
    get: (target, name, receiver) => {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        if (!done) {
          done = true;
          hook();
        }
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('updateFileAtomic', () => {
  it('runs the edit again when another program changed the file after the read', () => {
    const { fs, vol } = fakeIo({ files: { [FILE]: 'one\n' } });
    const seen: string[] = [];
    const racing = onceBefore(fs, 'fsyncSync', () => vol.appendFileSync(FILE, 'appended meanwhile\n'));
    updateFileAtomic(racing, FILE, (current) => {
      seen.push(new TextDecoder().decode(current));
      return addLine('ours')(current);
    });
    expect(seen).toEqual(['one\n', 'one\nappended meanwhile\n']);
    expect(text(fs)).toBe('one\nappended meanwhile\nours\n');
  });

  it('carries over what reached the old file in the instant of the rename', () => {
    const { fs, vol } = fakeIo({ files: { [FILE]: 'one\n' } });
    const racing = onceBefore(fs, 'renameSync', () => vol.appendFileSync(FILE, 'appended at the rename\n'));
    updateFileAtomic(racing, FILE, addLine('ours'));
    expect(text(fs)).toBe('one\nours\nappended at the rename\n');
  });

  it('gives up, changing nothing, when the file never stops changing', () => {
    const { fs, vol } = fakeIo({ files: { [FILE]: 'one\n' } });
    const restless = new Proxy(fs, {
      get: (target, name) => {
        const value = Reflect.get(target, name) as (...args: unknown[]) => unknown;
        if (name !== 'fsyncSync') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          vol.appendFileSync(FILE, 'again\n');
          return value.apply(target, args);
        };
      },
    });
    expect(() => updateFileAtomic(restless, FILE, addLine('ours'))).toThrow(/another program kept changing it while swr-shell wrote it; nothing was changed/);
    expect(text(fs)).not.toContain('ours');
    expect(fs.readdirSync(HOME)).toEqual(['.bashrc', '.keep']);
  });

  it('deletes only the file it read: one changed meanwhile is edited instead', () => {
    const { fs, vol } = fakeIo({ files: { [FILE]: 'block\n' } });
    let calls = 0;
    const lines = new Proxy(fs, {
      get: (target, name) => {
        const value = Reflect.get(target, name) as (...args: unknown[]) => unknown;
        if (name !== 'statSync') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          if (calls++ === 0 && args[0] === FILE) vol.appendFileSync(FILE, 'a line of the user\n');
          return value.apply(target, args);
        };
      },
    });
    updateFileAtomic(lines, FILE, (current) => {
      const left = new TextDecoder().decode(current).replace('block\n', '');
      return left === '' ? DELETE : left;
    });
    expect(text(fs)).toBe('a line of the user\n');
  });

  it('refuses a read-only file and leaves it as it was', () => {
    const { fs } = fakeIo({ files: { [FILE]: 'mine\n' } });
    fs.chmodSync(FILE, 0o444);
    expect(() => writeFileAtomic(fs, FILE, 'new\n')).toThrow(`${FILE} is read-only (mode 0444), so swr-shell left it alone`);
    expect(text(fs)).toBe('mine\n');
  });

  it('keeps the owner and group of the file it replaces', () => {
    const { fs } = fakeIo({ files: { [FILE]: 'mine\n' } });
    fs.chownSync(FILE, 4242, 4343);
    writeFileAtomic(fs, FILE, 'new\n');
    expect(fs.statSync(FILE)).toMatchObject({ uid: 4242, gid: 4343 });
  });

  it('takes over the lock of a dead writer and removes its temporary files, and nothing else', () => {
    const { fs } = fakeIo({ files: { [FILE]: 'mine\n' } });
    const stale = [`${HOME}/..bashrc.swr-shell-999999-0123abcd.tmp`, `${HOME}/..bashrc.89abcdef.tmp`];
    for (const path of stale) fs.writeFileSync(path, 'half a write');
    // A PID that no process has: the lock is stale.
    fs.writeFileSync(`${HOME}/..bashrc.swr-shell.lock`, '2147483646\n');
    fs.writeFileSync(`${HOME}/..bashrc.notours.tmp`, 'kept');
    writeFileAtomic(fs, FILE, 'new\n');
    expect(fs.readdirSync(HOME)).toEqual(['..bashrc.notours.tmp', '.bashrc', '.keep']);
    expect(text(fs)).toBe('new\n');
  });

  it('warns, naming the file, when it replaces a file with other hard links', () => {
    const { fs, vol } = fakeIo({ files: { [`${HOME}/dotfiles/bashrc`]: 'shared\n' } });
    vol.linkSync(`${HOME}/dotfiles/bashrc`, FILE);
    const warnings: string[] = [];
    writeFileAtomic(fs, FILE, 'new\n', { warn: (warning) => warnings.push(warning) });
    expect(warnings).toEqual([
      `${FILE} had 2 hard links: swr-shell replaced it with a new file, so its other names keep the old contents. ` +
        `To share one file, make the other names symbolic links to ${FILE}.`,
    ]);
    expect(text(fs, `${HOME}/dotfiles/bashrc`)).toBe('shared\n');
  });

  it('reads a regular file only, and no more than its limit', () => {
    const { fs } = fakeIo({ files: { [FILE]: 'x'.repeat(100) } });
    expect(readIfExists(fs, FILE, 100)?.length).toBe(100);
    expect(() => readIfExists(fs, FILE, 99)).toThrow(`cannot read ${FILE}: it holds 100 bytes, more than the 99 swr-shell reads from such a file.`);
    expect(() => readIfExists(fs, HOME)).toThrow(`cannot read ${HOME}: it is a directory, not a regular file.`);
    expect(readIfExists(fs, `${HOME}/missing`)).toBeUndefined();
  });
});
