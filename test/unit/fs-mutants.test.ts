// writeFileAtomic through file systems that show what memfs hides: one that
// records each call (to see the data flushed before the rename), and one that
// applies a umask to the files it creates, as the kernel does.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import type { FileSystem } from '../../src/core/fs.ts';
import {
  DELETE,
  ensureDirectory,
  fsFailure,
  NotRegularFile,
  readIfExists,
  removeInFlight,
  resolveLinks,
  updateFileAtomic,
  writeFileAtomic,
} from '../../src/core/fs.ts';
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
    ['ENXIO', 'it is a socket or a device without a reader'],
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

// ---------------------------------------------------------------------------
// What a mutation run (issue 17) showed untested: the kinds of file refused,
// reads in parts, the lock's wait and take-over, the owners root and users
// give, the changes of other programs in each instant of a write.

/** memfs, with the calls of node:fs a test makes as another program. */
type Memfs = FileSystem & Pick<typeof import('node:fs'), 'appendFileSync' | 'existsSync' | 'utimesSync'>;
const full = (fs: FileSystem): Memfs => fs as Memfs;

/** `fs` with `name` replaced by `around(args, original)`. */
function around<K extends keyof FileSystem>(fs: FileSystem, name: K, replacement: (args: unknown[], original: (...args: unknown[]) => unknown) => unknown): FileSystem {
  const original = (...args: unknown[]): unknown => (fs[name] as unknown as (...args: unknown[]) => unknown)(...args);
  return { ...fs, [name]: (...args: unknown[]) => replacement(args, original) } as FileSystem;
}

/** `fs` and the descriptors opened through it and not closed yet. */
function tracked(fs: FileSystem): { fs: FileSystem; open: Set<number> } {
  const open = new Set<number>();
  let result = around(fs, 'openSync', (args, original) => {
    const fd = original(...args) as number;
    open.add(fd);
    return fd;
  });
  result = around(result, 'closeSync', (args, original) => {
    original(...args);
    open.delete(args[0] as number);
  });
  return { fs: result, open };
}

/** The message to the letter (a NotRegularFile has more fields than a Failure). */
const exactly = (message: string): RegExp => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const coded = (code: string): Error => Object.assign(new Error(`${code}: from the test`), { code });
const decode = (data: Uint8Array | undefined): string | undefined => (data === undefined ? undefined : new TextDecoder().decode(data));

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('openRegularFile, through readIfExists', () => {
  it.each([
    ['isFIFO', 'a FIFO (named pipe)'],
    ['isCharacterDevice', 'a character device'],
    ['isBlockDevice', 'a block device'],
    ['isSocket', 'a socket'],
  ])('refuses what fstat calls %s, by name, and closes it', (method, kind) => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'data' } });
    const { fs, open } = tracked(
      around(memfs, 'fstatSync', (args, original) => {
        const stat = original(...args) as object;
        return Object.assign(Object.create(stat) as object, { isFile: () => false, isDirectory: () => false, [method]: () => true });
      }),
    );
    expect(() => readIfExists(fs, TARGET)).toThrow(exactly(`cannot read ${TARGET}: it is ${kind}, not a regular file.`));
    expect(open.size).toBe(0);
  });

  it('calls anything else fstat may show "not a regular file"', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'data' } });
    const fs = around(memfs, 'fstatSync', (args, original) => Object.assign(Object.create(original(...args) as object) as object, { isFile: () => false, isDirectory: () => false }));
    let error: unknown;
    try {
      readIfExists(fs, TARGET);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NotRegularFile);
    expect((error as NotRegularFile).kind).toBe('not a regular file');
  });

  it('opens without blocking and without taking a terminal', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'data' } });
    const flags: unknown[] = [];
    const fs = around(memfs, 'openSync', (args, original) => {
      flags.push(args[1]);
      return original(args[0], memfs.constants.O_RDONLY);
    });
    expect(decode(readIfExists(fs, TARGET))).toBe('data');
    const { O_RDONLY, O_NONBLOCK, O_NOCTTY } = memfs.constants;
    expect(O_NONBLOCK * O_NOCTTY).toBeGreaterThan(0);
    expect(flags).toEqual([O_RDONLY | O_NONBLOCK | O_NOCTTY]);
  });

  it('calls a directory that open refuses (EISDIR) a directory', () => {
    const { fs } = fakeIo();
    expect(() => readIfExists(failing(fs, 'openSync', 'EISDIR'), TARGET)).toThrow(exactly(`cannot read ${TARGET}: it is a directory, not a regular file.`));
  });

  it('names the size fstat shows when it is over the limit, and closes the file', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'x'.repeat(200) } });
    const { fs, open } = tracked(memfs);
    expect(() => readIfExists(fs, TARGET, 99)).toThrow(new Failure(`cannot read ${TARGET}: it holds 200 bytes, more than the 99 swr-shell reads from such a file.`));
    expect(open.size).toBe(0);
    expect(decode(readIfExists(fs, TARGET, 200))).toBe('x'.repeat(200));
    expect(open.size).toBe(0);
  });

  /** `fs` whose readSync reads at most 3 bytes at a time, and whose fstat says the file is empty (it grows). */
  const growing = (fs: FileSystem): FileSystem =>
    around(
      around(fs, 'readSync', ([fd, buffer, offset, length, position], original) => original(fd, buffer, offset, Math.min(length as number, 3), position)),
      'fstatSync',
      (args, original) => Object.assign(Object.create(original(...args) as object) as object, { size: 0 }),
    );

  it('reads a file in parts, byte for byte, and stops one byte past the limit', () => {
    const { fs } = fakeIo({ files: { [TARGET]: 'abcdefghij' } });
    expect(decode(readIfExists(growing(fs), TARGET, 10))).toBe('abcdefghij');
    // Read 3 + 3 + 3, then 1 more byte only: 10 > 9 (not 12 bytes, with chunks of 3).
    expect(() => readIfExists(growing(fs), TARGET, 9)).toThrow(new Failure(`cannot read ${TARGET}: it holds 10 bytes, more than the 9 swr-shell reads from such a file.`));
    fs.writeFileSync(TARGET, 'x'.repeat(20));
    expect(() => readIfExists(growing(fs), TARGET, 9)).toThrow(new Failure(`cannot read ${TARGET}: it holds 10 bytes, more than the 9 swr-shell reads from such a file.`));
  });
});

describe('ensureDirectory', () => {
  it('names the directory when one of the missing ones cannot be inspected', () => {
    const { fs } = fakeIo();
    const denied = around(fs, 'statSync', (args, original) => {
      if (args[0] === `${HOME}/d`) throw coded('EACCES');
      return original(...args);
    });
    expect(() => ensureDirectory(denied, `${HOME}/d/e`, 0o700)).toThrow(new Failure(`cannot create the directory ${HOME}/d/e: permission denied.`));
    expect(fs.readdirSync(HOME)).toEqual(['.keep']);
  });

  it('stops at the root when nothing exists', () => {
    const { fs } = fakeIo();
    let calls = 0;
    const nothing = around(fs, 'statSync', () => {
      // Past the root, an endless climb: end it with an error of no code.
      throw calls++ < 50 ? coded('ENOENT') : new Error('climbed past the root');
    });
    expect(() => ensureDirectory(nothing, `${HOME}/d`, 0o700)).toThrow(new Failure(`cannot create the directory ${HOME}/d: it does not exist.`));
    expect(calls).toBe(4);
  });

  it('takes a directory that another process made meanwhile (EEXIST)', () => {
    const { fs } = fakeIo();
    const racing = around(fs, 'mkdirSync', (args, original) => {
      original(...args);
      throw coded('EEXIST');
    });
    ensureDirectory(racing, `${HOME}/d/e`, 0o700);
    expect(fs.statSync(`${HOME}/d/e`).isDirectory()).toBe(true);
  });
});

/**
 * `fs` as process uid:gid (member also of `groups`) sees it: what it creates is
 * its own, and it may give a file only to itself and its groups, as the kernel
 * allows; root gives anything. Records each chown.
 */
function asUser(memfs: FileSystem, uid: number, gid: number, groups: number[] = []): { fs: FileSystem; chowns: unknown[][] } {
  const chowns: unknown[][] = [];
  const allowed = (to: number, group: number): boolean => uid === 0 || (to === uid && (group === gid || groups.includes(group)));
  let fs = around(memfs, 'mkdirSync', (args, original) => {
    original(...args);
    memfs.chownSync(args[0] as string, uid, gid);
  });
  fs = around(fs, 'openSync', (args, original) => {
    const existed = memfs.statSync(args[0] as string, { throwIfNoEntry: false }) !== undefined;
    const fd = original(...args) as number;
    if (!existed) memfs.fchownSync(fd, uid, gid);
    return fd;
  });
  for (const name of ['chownSync', 'fchownSync'] as const) {
    fs = around(fs, name, (args, original) => {
      chowns.push([name, ...args]);
      if (!allowed(args[1] as number, args[2] as number)) throw coded('EPERM');
      return original(...args);
    });
  }
  return { fs, chowns };
}

describe('owners', () => {
  const owner = (fs: FileSystem, path: string): [number, number] => {
    const stat = fs.statSync(path);
    return [stat.uid, stat.gid];
  };

  it.each([
    [[4242, 4343], [4242, 4343]],
    [[0, 4343], [0, 4343]],
    [[4242, 0], [4242, 0]],
  ])('root making directories under a HOME of %j gives them to %j', (home, made) => {
    const { fs: memfs } = fakeIo();
    memfs.chownSync(HOME, home[0]!, home[1]!);
    // 0777: memfs gives root no right over another's directory.
    ensureDirectory(asUser(memfs, 0, 0).fs, `${HOME}/a/b`, 0o777);
    expect(owner(memfs, `${HOME}/a`)).toEqual(made);
    expect(owner(memfs, `${HOME}/a/b`)).toEqual(made);
  });

  it('a user making directories keeps them, and root under its own gives nothing away', () => {
    const { fs: memfs } = fakeIo();
    memfs.chownSync(HOME, 4242, 4343);
    ensureDirectory(asUser(memfs, 1000, 1000).fs, `${HOME}/a`, 0o700);
    expect(owner(memfs, `${HOME}/a`)).toEqual([1000, 1000]);
    memfs.chownSync(HOME, 0, 0);
    const root = asUser(memfs, 0, 0);
    ensureDirectory(root.fs, `${HOME}/b`, 0o700);
    expect(root.chowns).toEqual([]);
  });

  it('names the directory root cannot give to its owner', () => {
    const { fs: memfs } = fakeIo();
    memfs.chownSync(HOME, 4242, 4343);
    const fs = failing(asUser(memfs, 0, 0).fs, 'chownSync', 'EPERM');
    expect(() => ensureDirectory(fs, `${HOME}/a`, 0o700)).toThrow(new Failure(`cannot give its owner the directory ${HOME}/a: operation not permitted.`));
  });

  it('root writing a new file gives it the owner of the directory; a user keeps it', () => {
    const { fs: memfs } = fakeIo();
    memfs.chownSync(HOME, 4242, 4343);
    writeFileAtomic(asUser(memfs, 0, 0).fs, `${HOME}/by-root`, 'x');
    expect(owner(memfs, `${HOME}/by-root`)).toEqual([4242, 4343]);
    const user = asUser(memfs, 1000, 1000);
    writeFileAtomic(user.fs, `${HOME}/by-user`, 'x');
    expect(owner(memfs, `${HOME}/by-user`)).toEqual([1000, 1000]);
    expect(user.chowns).toEqual([]);
  });

  it.each([
    [[1000, 4343], 1000],
    [[4242, 1000], 0],
    [[0, 4343], 0],
  ])('replacing a file of %j as uid %i keeps its owner', (file, uid) => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    memfs.chownSync(TARGET, file[0]!, file[1]!);
    writeFileAtomic(asUser(memfs, uid, 1000, [4343]).fs, TARGET, 'new');
    expect(owner(memfs, TARGET)).toEqual(file);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('new');
  });

  it('a user replacing its own file gives nothing away', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    memfs.chownSync(TARGET, 1000, 1000);
    const user = asUser(memfs, 1000, 1000);
    writeFileAtomic(user.fs, TARGET, 'new');
    expect(user.chowns).toEqual([]);
  });

  it('a user cannot replace a file of another: it says so, and changes nothing', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    memfs.chownSync(TARGET, 4242, 4343);
    expect(() => writeFileAtomic(asUser(memfs, 1000, 1000).fs, TARGET, 'new')).toThrow(
      new Failure(
        `cannot write ${TARGET} and keep its owner (uid 4242, gid 4343): swr-shell runs as uid 1000, ` +
          'which may not give a file away. Nothing was changed; run the command as that user (or as root).',
      ),
    );
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('old');
    expect(memfs.readdirSync(HOME)).toEqual(['.keep', 'file']);
  });

  it('reports another failure of the chown as it is', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    memfs.chownSync(TARGET, 4242, 4343);
    const fs = failing(asUser(memfs, 0, 0).fs, 'fchownSync', 'EIO');
    expect(() => writeFileAtomic(fs, TARGET, 'new')).toThrow(new Failure(`cannot write ${TARGET}: EIO: from the test.`));
    expect(memfs.readdirSync(HOME)).toEqual(['.keep', 'file']);
  });
});

/**
 * Date.now and the lock's sleeps (Atomics.wait), simulated: a sleep returns
 * at once and moves the clock on by its length. Holds the sleeps asked for.
 */
function simulatedClock(): { sleeps: number[]; now: () => number; advance: (ms: number) => void } {
  let now = 1_800_000_000_000;
  const sleeps: number[] = [];
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  vi.spyOn(Atomics, 'wait').mockImplementation(((_array: Int32Array, _index: number, _value: number, ms?: number) => {
    // A wait that never ends would hang the test: end it with an error of no code.
    if (sleeps.length >= 2000) throw new Error('the test ended a wait of 2000 sleeps');
    sleeps.push(ms!);
    now += ms!;
    return 'timed-out';
  }) as typeof Atomics.wait);
  return { sleeps, now: () => now, advance: (ms) => void (now += ms) };
}

const LOCK = `${HOME}/.file.swr-shell.lock`;

/** A lock on TARGET holding `content`, last written `age` ms ago. */
function lockFor(fs: FileSystem, content: string, age: number): void {
  fs.writeFileSync(LOCK, content);
  const time = new Date(Date.now() - age);
  full(fs).utimesSync(LOCK, time, time);
}

/** A stand-in for `process` (global) with `kill` replaced, or gone. */
function processWith(kill: ((pid: number, signal: number) => void) | undefined, withPid = true): void {
  vi.stubGlobal('process', Object.create(process, { kill: { value: kill }, pid: { value: withPid ? process.pid : undefined } }) as NodeJS.Process);
}

describe('the lock of a writer', () => {
  it('is waited for while its writer lives, backing off from 1 to 25 ms, and taken over once older than 10 s', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    const clock = simulatedClock();
    // At the looks, the lock is 9944, 9945, 9947, 9951, 9959, 9975, 10000 (not older), then 10025 ms old.
    lockFor(memfs, `${process.pid}\n`, 9944);
    const { fs, open } = tracked(memfs);
    writeFileAtomic(fs, TARGET, 'new');
    expect(clock.sleeps).toEqual([1, 2, 4, 8, 16, 25, 25, 25]);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('new');
    expect(memfs.readdirSync(HOME)).toEqual(['.keep', 'file']);
    expect(open.size).toBe(0);
  });

  it('holds the PID of its writer, and is removed with the write', () => {
    const { fs } = fakeIo({ files: { [TARGET]: 'old' } });
    const seen: string[] = [];
    updateFileAtomic(fs, TARGET, () => {
      seen.push(String(fs.readFileSync(LOCK, 'utf8')));
      return 'new';
    });
    processWith(process.kill.bind(process), false);
    updateFileAtomic(fs, TARGET, () => {
      seen.push(String(fs.readFileSync(LOCK, 'utf8')));
      return 'newer';
    });
    vi.unstubAllGlobals();
    expect(seen).toEqual([`${process.pid}\n`, '\n']);
    expect(fs.readdirSync(HOME)).toEqual(['.keep', 'file']);
  });

  it('names itself when its writer keeps it past 20 s, and waits until the first look after 20 s', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    const clock = simulatedClock();
    const start = clock.now();
    let first = true;
    // Another swr-shell that keeps writing: its lock stays fresh. The first try
    // comes 19 ms late, so that a look comes at 20 000 ms sharp.
    const busy = around(memfs, 'openSync', (args, original) => {
      if (args[0] === LOCK) {
        if (first) clock.advance(19);
        first = false;
        lockFor(memfs, `${process.pid}\n`, 0);
      }
      return original(...args);
    });
    expect(() => writeFileAtomic(busy, TARGET, 'new')).toThrow(
      new Failure(
        `cannot write ${TARGET}: another swr-shell has been writing it for 20 seconds (its lock is ${LOCK}). ` +
          'If no swr-shell is running, delete that file and try again.',
      ),
    );
    expect(clock.now() - start).toBe(20_025);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('old');
  });

  it('is not removed when another writer replaced it after it was read', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old', '/proc/self/stat': '' } });
    const clock = simulatedClock();
    processWith(undefined);
    lockFor(memfs, '4242\n', 0);
    let replaced = false;
    const fs = around(memfs, 'statSync', (args, original) => {
      if (args[0] === LOCK && !replaced) {
        replaced = true;
        // By a rename, as a new inode: memfs, as ext4, may give a freed inode number to the next file.
        memfs.writeFileSync(`${LOCK}.new`, '4243\n');
        memfs.renameSync(`${LOCK}.new`, LOCK);
      }
      return original(...args);
    });
    writeFileAtomic(fs, TARGET, 'new');
    // The lock of 4242 (dead) is left at the first look, since 4243 replaced it; that of 4243 (dead too) goes at the second.
    expect(clock.sleeps).toEqual([1, 2]);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('new');
  });

  const KILL = (code?: string) => () => {
    if (code) throw coded(code);
  };
  it.each([
    ['kill says it does not run (ESRCH)', 'taken over', KILL('ESRCH'), '4242\n', []],
    ['kill may not signal it (EPERM)', 'waited for', KILL('EPERM'), '4242\n', []],
    ['kill reaches it, and /proc hides it (hidepid)', 'waited for', 'real', `${process.pid}\n`, []],
    ['without kill, /proc shows it', 'waited for', undefined, '4242\n', ['/proc/4242/stat']],
    ['without kill, /proc does not show it', 'taken over', undefined, '4242\n', []],
    ['without kill, /proc refuses to show it', 'waited for', undefined, '4242\n', ['EACCES']],
    ['without kill nor /proc', 'waited for', undefined, '4242\n', ['no /proc']],
    ['holding a PID with a fraction', 'waited for', undefined, '1.5\n', []],
    ['holding a negative PID', 'waited for', undefined, '-7\n', []],
    ['holding PID 0', 'waited for', undefined, '0\n', []],
    ['holding no PID', 'waited for', undefined, 'garbage\n', []],
  ] as const)('9990 ms old, when %s, is %s', (_, outcome, kill, content, proc) => {
    const files: Record<string, string> = { [TARGET]: 'old' };
    if (!proc.includes('no /proc' as never)) files['/proc/self/stat'] = '';
    for (const path of proc) if (path.startsWith('/')) files[path] = '';
    const { fs: memfs } = fakeIo({ files });
    const fs = proc.includes('EACCES' as never)
      ? around(memfs, 'statSync', (args, original) => {
          if (args[0] === '/proc/4242') throw coded('EACCES');
          return original(...args);
        })
      : memfs;
    const clock = simulatedClock();
    if (kill !== 'real') processWith(kill);
    lockFor(memfs, content, 9990);
    writeFileAtomic(fs, TARGET, 'new');
    vi.unstubAllGlobals();
    // Taken over at the first look; else at the fifth, when 10005 ms old.
    expect(clock.sleeps).toEqual(outcome === 'taken over' ? [1] : [1, 2, 4, 8, 16]);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('new');
  });
});

describe('removeInFlight', () => {
  it('removes the lock and the temporary file of a write under way, and only once', () => {
    removeInFlight();
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    const seen: unknown[] = [];
    const fs = around(memfs, 'fsyncSync', (args, original) => {
      original(...args);
      // A signal comes while the lock and the temporary file exist.
      seen.push(memfs.readdirSync(HOME).length, removeInFlight(), memfs.readdirSync(HOME));
      // Another swr-shell takes the lock; a second signal leaves it alone.
      memfs.writeFileSync(LOCK, '1\n');
      seen.push(removeInFlight(), full(memfs).existsSync(LOCK));
    });
    expect(() => writeFileAtomic(fs, TARGET, 'new')).toThrow(Failure);
    expect(seen).toEqual([4, 2, ['.keep', 'file'], 0, true]);
  });

  it('has nothing to remove once a write is done', () => {
    removeInFlight();
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'old' } });
    const renamed: string[] = [];
    const fs = around(memfs, 'renameSync', (args, original) => {
      renamed.push(args[0] as string);
      return original(...args);
    });
    writeFileAtomic(fs, TARGET, 'new');
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatch(new RegExp(`^${HOME}/\\.file\\.swr-shell-${process.pid}-[0-9a-f]{8}\\.tmp$`));
    // Files of the same names, made since by another swr-shell, are not this one's.
    memfs.writeFileSync(LOCK, '1\n');
    memfs.writeFileSync(renamed[0]!, 'theirs');
    expect(removeInFlight()).toBe(0);
    expect(memfs.readdirSync(HOME)).toHaveLength(4);
  });
});

/** `fs` with `hook` run once, just before the first call of `name`. */
function onceBefore(fs: FileSystem, name: keyof FileSystem, hook: (args: unknown[]) => void): FileSystem {
  let done = false;
  return around(fs, name, (args, original) => {
    if (!done) {
      done = true;
      hook(args);
    }
    return original(...args);
  });
}

const addLine = (line: string) => (current: Uint8Array | undefined): string => `${decode(current) ?? ''}${line}\n`;

describe('a change by another program', () => {
  /** Runs addLine('ours') over TARGET (`old` when given) with `hook` before the first `name`; the contents each edit saw. */
  function race(old: string | undefined, name: keyof FileSystem, hook: (memfs: Memfs) => void): { seen: (string | undefined)[]; memfs: FileSystem; warnings: string[] } {
    const { fs: memfs } = fakeIo({ files: old === undefined ? {} : { [TARGET]: old } });
    const seen: (string | undefined)[] = [];
    const warnings: string[] = [];
    const { fs, open } = tracked(onceBefore(memfs, name, () => hook(full(memfs))));
    updateFileAtomic(
      fs,
      TARGET,
      (current) => {
        seen.push(decode(current));
        return addLine('ours')(current);
      },
      { warn: (warning) => warnings.push(warning) },
    );
    expect(open.size).toBe(0);
    return { seen, memfs, warnings };
  }
  const mtime = (fs: FileSystem): number => fs.statSync(TARGET).mtimeMs;
  const touch = (fs: Memfs, ms: number): void => fs.utimesSync(TARGET, new Date(ms), new Date(ms));

  it('deleting the file before the rename: the edit runs again, on no file', () => {
    const { seen, memfs } = race('one\n', 'fsyncSync', (fs) => fs.unlinkSync(TARGET));
    expect(seen).toEqual(['one\n', undefined]);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('ours\n');
  });

  it('creating the file before the rename: the edit runs again, on it', () => {
    const { seen, memfs } = race(undefined, 'fsyncSync', (fs) => fs.writeFileSync(TARGET, 'theirs\n'));
    expect(seen).toEqual([undefined, 'theirs\n']);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('theirs\nours\n');
  });

  it('replacing the file by another of the same size before the rename: the edit runs again', () => {
    const { seen, memfs } = race('one\n', 'fsyncSync', (fs) => {
      fs.writeFileSync(`${HOME}/other`, 'two\n');
      fs.renameSync(`${HOME}/other`, TARGET);
    });
    expect(seen).toEqual(['one\n', 'two\n']);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('two\nours\n');
  });

  it('a file of the same inode number on another device is another file', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'one\n' } });
    let moved = false;
    const fs = around(memfs, 'statSync', (args, original) => {
      const stat = original(...args) as { dev: number };
      if (args[0] !== TARGET || moved) return stat;
      moved = true;
      return Object.assign(Object.create(stat) as object, { dev: stat.dev + 1 });
    });
    let edits = 0;
    updateFileAtomic(fs, TARGET, (current) => {
      edits++;
      return addLine('ours')(current);
    });
    expect(edits).toBe(2);
  });

  it('a same-size rewrite of the old file in the instant of the rename is kept beside it, with a warning', () => {
    const { memfs, warnings } = race('one\n', 'renameSync', (fs) => {
      const before = mtime(fs);
      fs.writeFileSync(TARGET, 'two\n');
      touch(fs, before + 5000);
    });
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('one\nours\n');
    expect(memfs.readFileSync(`${TARGET}.swr-shell-conflict`, 'utf8')).toBe('two\n');
    expect(warnings).toEqual([
      `another program rewrote ${TARGET} while swr-shell wrote it: its version is kept in ${TARGET}.swr-shell-conflict; compare the two.`,
    ]);
  });

  it('a longer rewrite that begins with the same byte is no append', () => {
    const { memfs } = race('one\n', 'renameSync', (fs) => fs.writeFileSync(TARGET, 'oNE\nmore\n'));
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('one\nours\n');
    expect(memfs.readFileSync(`${TARGET}.swr-shell-conflict`, 'utf8')).toBe('oNE\nmore\n');
  });

  it('an append in the instant of the rename is carried over even when the time stamp did not tick', () => {
    const { memfs, warnings } = race('one\n', 'renameSync', (fs) => {
      const before = mtime(fs);
      fs.appendFileSync(TARGET, 'late\n');
      touch(fs, before);
    });
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('one\nours\nlate\n');
    expect(warnings).toEqual([]);
  });

  it('a target it cannot inspect before the rename is named', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'one\n' } });
    const fs = around(memfs, 'statSync', (args, original) => {
      if (args[0] === TARGET) throw coded('EACCES');
      return original(...args);
    });
    expect(() => writeFileAtomic(fs, TARGET, 'new')).toThrow(new Failure(`cannot inspect ${TARGET}: permission denied.`));
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('one\n');
  });
});

describe('updateFileAtomic, the rest', () => {
  it('leaves no temporary file behind when it cannot inspect the file before the rename', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'one\n' } });
    const fs = around(memfs, 'statSync', (args, original) => {
      if (args[0] === TARGET) throw Object.assign(new Error('EACCES: from the test'), { code: 'EACCES' });
      return original(...args);
    });
    expect(() => updateFileAtomic(fs, TARGET, addLine('ours'))).toThrow(new Failure(`cannot inspect ${TARGET}: permission denied.`));
    expect(memfs.readdirSync(HOME)).toEqual(['.keep', 'file']);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('one\n');
  });

  it('deleting a file that does not exist does nothing', () => {
    const { fs } = fakeIo();
    expect(updateFileAtomic(fs, TARGET, () => DELETE)).toBe(TARGET);
    expect(fs.readdirSync(HOME)).toEqual(['.keep']);
  });

  it('lines added in the instant of a delete bring the file back, edited again, with its mode', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'block\n' } });
    memfs.chmodSync(TARGET, 0o640);
    const fs = onceBefore(memfs, 'unlinkSync', () => full(memfs).appendFileSync(TARGET, 'late\n'));
    const seen: (string | undefined)[] = [];
    updateFileAtomic(fs, TARGET, (current) => {
      seen.push(decode(current));
      const left = decode(current)!.replace('block\n', '');
      return left === '' ? DELETE : left;
    });
    expect(seen).toEqual(['block\n', 'block\nlate\n']);
    expect(memfs.readFileSync(TARGET, 'utf8')).toBe('late\n');
    expect(memfs.statSync(TARGET).mode & 0o7777).toBe(0o640);
  });

  it('tries 20 times, no more, when the file keeps changing', () => {
    const { fs: memfs } = fakeIo({ files: { [TARGET]: 'one\n' } });
    const restless = around(memfs, 'fsyncSync', (args, original) => {
      full(memfs).appendFileSync(TARGET, 'again\n');
      return original(...args);
    });
    let edits = 0;
    expect(() =>
      updateFileAtomic(restless, TARGET, (current) => {
        edits++;
        return addLine('ours')(current);
      }),
    ).toThrow(new Failure(`cannot write ${TARGET}: another program kept changing it while swr-shell wrote it; nothing was changed. Try again.`));
    expect(edits).toBe(20);
  });

  it('warns of nothing for a file of one link', () => {
    const { fs } = fakeIo({ files: { [TARGET]: 'old' } });
    const warnings: string[] = [];
    writeFileAtomic(fs, TARGET, 'new', { warn: (warning) => warnings.push(warning) });
    expect(warnings).toEqual([]);
  });

  it('leaves a symbolic link named like a leftover temporary file', () => {
    const { fs, vol } = fakeIo({ files: { [TARGET]: 'old' } });
    vol.symlinkSync(TARGET, `${HOME}/.file.0123abcd.tmp`);
    writeFileAtomic(fs, TARGET, 'new');
    expect(fs.readdirSync(HOME)).toEqual(['.file.0123abcd.tmp', '.keep', 'file']);
  });

  it('says when the directory of a new file went away', () => {
    const { fs: memfs } = fakeIo();
    const fs = around(memfs, 'statSync', (args, original) => {
      if (args[0] === HOME) throw coded('ENOENT');
      return original(...args);
    });
    expect(() => writeFileAtomic(fs, TARGET, 'new')).toThrow(new Failure(`cannot write in ${HOME}: it does not exist; create it first.`));
  });

  it('names the file when the rename fails, and leaves no temporary file', () => {
    const { fs } = fakeIo({ files: { [TARGET]: 'old' } });
    expect(() => writeFileAtomic(failing(fs, 'renameSync', 'EACCES'), TARGET, 'new')).toThrow(new Failure(`cannot write ${TARGET}: permission denied.`));
    expect(() => writeFileAtomic(failing(fs, 'renameSync', 'ENOENT'), TARGET, 'new')).toThrow(
      new Failure(`cannot write ${TARGET}: its directory ${HOME} does not exist; create it first.`),
    );
    expect(fs.readdirSync(HOME)).toEqual(['.keep', 'file']);
    expect(fs.readFileSync(TARGET, 'utf8')).toBe('old');
  });
});
