// The file system as the core sees it: the synchronous part of node:fs that it
// uses, so that tests can pass memfs and the runtimes can pass the real thing.

import type * as NodeFs from 'node:fs';
import { sameBytes } from './bytes.ts';
import { Failure } from './errors.ts';
import { basename, dirname, join, resolve } from './paths.ts';

export type FileSystem = Pick<
  typeof NodeFs,
  | 'readFileSync'
  | 'writeFileSync'
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'mkdirSync'
  | 'statSync'
  | 'lstatSync'
  | 'chmodSync'
  | 'unlinkSync'
  | 'readlinkSync'
  | 'readdirSync'
  | 'rmdirSync'
  | 'fstatSync'
  | 'readSync'
  | 'fchownSync'
  | 'chownSync'
  | 'constants'
>;

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Turns a file-system error into a message that names the file and the reason. */
export function fsFailure(error: unknown, verb: string, path: string): Failure {
  // Built here, not at import, so that a mutation test sees each reason used.
  const reasons: Readonly<Record<string, string>> = {
    ENOENT: 'it does not exist',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent of it is not a directory',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    ELOOP: 'too many symbolic links',
    ENXIO: 'it is a socket or a device without a reader',
  };
  const code = errorCode(error);
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new Failure(`cannot ${verb} ${path}: ${reason}.`);
}


/** The most bytes swr-shell reads from a file it expects (a profile, a dotfile, config.json): far above any real one. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

type Stats = NodeFs.Stats;

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads from `fd` at `position` until end of file or more than `max` bytes. */
function readUpTo(fs: FileSystem, fd: number, max: number, position = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total <= max) {
    const chunk = new Uint8Array(Math.min(64 * 1024, max + 1 - total));
    const count = fs.readSync(fd, chunk, 0, chunk.length, position + total);
    if (count === 0) break;
    chunks.push(chunk.subarray(0, count));
    total += count;
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}

export interface OpenFile {
  readonly fd: number;
  readonly stat: Stats;
  readonly data: Uint8Array;
}

/** A path that names something other than a regular file: a directory, a FIFO, a device. */
export class NotRegularFile extends Failure {
  readonly shown: string;
  readonly kind: string;
  constructor(shown: string, kind: string) {
    super(`cannot read ${shown}: it is ${kind}, not a regular file.`);
    this.shown = shown;
    this.kind = kind;
  }
}

function tooBig(shown: string, size: number, max: number): Failure {
  return new Failure(`cannot read ${shown}: it holds ${size} bytes, more than the ${max} swr-shell reads from such a file.`);
}

/**
 * Opens `path` without blocking (a FIFO with no writer would hang a plain
 * open), and reads it whole if it is a regular file of at most `max` bytes;
 * undefined when it does not exist. The caller closes `fd`.
 */
export function openRegularFile(fs: FileSystem, path: string, max = MAX_FILE_BYTES, shown = path): OpenFile | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    if (errorCode(error) === 'EISDIR') throw new NotRegularFile(shown, 'a directory');
    throw fsFailure(error, 'read', shown);
  }
  try {
    const stat = fs.fstatSync(fd) as Stats;
    if (!stat.isFile()) throw new NotRegularFile(shown, kindOf(stat));
    if (stat.size > max) throw tooBig(shown, stat.size, max);
    const data = readUpTo(fs, fd, max);
    if (data.length > max) throw tooBig(shown, data.length, max);
    return { fd, stat, data };
  } catch (error) {
    fs.closeSync(fd);
    throw error instanceof Failure ? error : fsFailure(error, 'read', shown);
  }
}

/** The contents of a regular file of at most `max` bytes, or undefined when there is none. Anything else is a failure. */
export function readIfExists(fs: FileSystem, path: string, max = MAX_FILE_BYTES): Uint8Array | undefined {
  const file = openRegularFile(fs, path, max);
  if (file === undefined) return undefined;
  fs.closeSync(file.fd);
  return file.data;
}

/** Follows symbolic links (even a dangling one) to the path that really holds the data. */
export function resolveLinks(fs: FileSystem, path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = fs.lstatSync(current).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return current;
      throw fsFailure(error, 'inspect', current);
    }
    if (!isLink) return current;
    current = resolve(dirname(current), String(fs.readlinkSync(current)));
  }
  throw new Failure(`cannot follow ${path}: too many symbolic links.`);
}

interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Creates `path` and its missing parents with `mode`. Root creating a
 * directory under someone else's (sudo keeps HOME) gives it to the owner of
 * its parent, so that the user can still use it.
 */
export function ensureDirectory(fs: FileSystem, path: string, mode: number): void {
  const missing: string[] = [];
  for (let directory = path; ; directory = dirname(directory)) {
    try {
      fs.statSync(directory);
      break;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || dirname(directory) === directory) throw fsFailure(error, 'create the directory', path);
      missing.unshift(directory);
    }
  }
  for (const directory of missing) {
    try {
      fs.mkdirSync(directory, { mode });
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw fsFailure(error, 'create the directory', path);
      continue;
    }
    try {
      const parent = fs.statSync(dirname(directory));
      const made = fs.statSync(directory);
      if (made.uid === 0 && (made.uid !== parent.uid || made.gid !== parent.gid)) fs.chownSync(directory, parent.uid, parent.gid);
    } catch (error) {
      throw fsFailure(error, 'give its owner the directory', directory);
    }
  }
}

export interface AtomicWriteOptions {
  /** The mode of the new file; by default an existing file's mode, else 0644. */
  mode?: number;
  /** Told what the write did besides writing (a hard link it broke, a late change it kept), one sentence each. */
  warn?: (message: string) => void;
}

/** What an edit returns to have the file deleted. */
export const DELETE: unique symbol = Symbol('delete');

/**
 * The new contents of a file from its current ones (undefined: there is
 * none); undefined to leave it as it is, DELETE to delete it. It may be
 * called again, with newer contents, when another program changed the file
 * meanwhile.
 */
export type Edit = (current: Uint8Array | undefined) => string | Uint8Array | undefined | typeof DELETE;

/**
 * How long a write waits for another swr-shell writing the same file, and
 * the age at which a lock is left over whatever its PID says (a write takes
 * milliseconds; Deno may not ask whether a process runs). A lock taken over
 * too early costs nothing but the turn: each writer still checks, before it
 * renames, that the file is the one it read.
 */
const LOCK_WAIT_MS = 20_000;
const LOCK_STALE_MS = 10_000;
const ATTEMPTS = 20;

interface ProcessLike {
  pid?: number;
  kill?(pid: number, signal: number): void;
}
const processGlobal = (): ProcessLike | undefined => (globalThis as { process?: ProcessLike }).process;

/** Temporary files and locks this process has on disk right now, for a signal handler to remove. */
const inFlight = new Map<string, FileSystem>();

/** Removes this process's temporary files and locks (for SIGINT and SIGTERM); returns how many. */
export function removeInFlight(): number {
  let removed = 0;
  for (const [path, fs] of inFlight) {
    try {
      fs.unlinkSync(path);
      removed++;
    } catch {
      // Already gone.
    }
  }
  inFlight.clear();
  return removed;
}

function unlinkQuietly(fs: FileSystem, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Nothing was created, or it is already gone.
  }
  inFlight.delete(path);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether process `pid` may still run: false only when it surely does not. */
function processAlive(fs: FileSystem, pid: number): boolean {
  try {
    processGlobal()?.kill?.(pid, 0);
    if (processGlobal()?.kill) return true;
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return false;
    if (errorCode(error) === 'EPERM') return true;
  }
  // Deno without --allow-run may not signal; with --allow-all, Linux's /proc tells.
  try {
    fs.statSync(`/proc/${pid}`);
    return true;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') return true;
  }
  try {
    fs.statSync('/proc/self');
    return false;
  } catch {
    return true;
  }
}

const lockPath = (target: string): string => join(dirname(target), `.${basename(target)}.swr-shell.lock`);

/** Removes a lock whose writer has died (or that is older than any write), unless it was replaced meanwhile. */
function removeIfStale(fs: FileSystem, path: string): void {
  const lock = (() => {
    try {
      return openRegularFile(fs, path, 64);
    } catch {
      return undefined;
    }
  })();
  if (lock === undefined) return;
  fs.closeSync(lock.fd);
  // Number() skips the white space around the PID (its line end).
  const pid = Number(new TextDecoder().decode(lock.data));
  const old = Date.now() - Number(lock.stat.mtimeMs) > LOCK_STALE_MS;
  if (!old && !(Number.isInteger(pid) && pid > 0 && !processAlive(fs, pid))) return;
  try {
    if (fs.statSync(path).ino === lock.stat.ino) fs.unlinkSync(path);
  } catch {
    // Another writer removed it first.
  }
}

/**
 * Takes the lock that serialises swr-shell's own writers of `target`: a file
 * beside it created with O_EXCL, holding the writer's PID. A lock left by a
 * writer that died is taken over.
 */
function acquireLock(fs: FileSystem, target: string, shown: string): string {
  const path = lockPath(target);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let delay = 1;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'wx', 0o600);
      inFlight.set(path, fs);
      fs.writeSync(fd, new TextEncoder().encode(`${processGlobal()?.pid ?? ''}\n`));
      return path;
    } catch (error) {
      if (fd !== undefined) unlinkQuietly(fs, path);
      if (errorCode(error) === 'ENOENT') {
        throw new Failure(`cannot write ${shown}: its directory ${dirname(target)} does not exist; create it first.`);
      }
      if (errorCode(error) !== 'EEXIST') throw fsFailure(error, 'write', shown);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    removeIfStale(fs, path);
    if (Date.now() > deadline) {
      throw new Failure(
        `cannot write ${shown}: another swr-shell has been writing it for ${LOCK_WAIT_MS / 1000} seconds (its lock is ${path}). ` +
          'If no swr-shell is running, delete that file and try again.',
      );
    }
    sleep(delay);
    delay = Math.min(delay * 2, 25);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `.NAME.swr-shell-PID-RANDOM.tmp`, and `.NAME.RANDOM.tmp` of releases before 0.2. */
function temporaryPattern(target: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(swr-shell-[0-9]+-)?[0-9a-f]{8}\\.tmp$`);
}

/**
 * Removes temporary files that writers of `target` left when they were
 * killed: the caller holds the lock, so no live writer owns one.
 */
function removeLeftovers(fs: FileSystem, target: string): void {
  const pattern = temporaryPattern(target);
  let names: string[];
  try {
    names = (fs.readdirSync(dirname(target)) as string[]).filter((name) => pattern.test(name));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dirname(target), name);
    try {
      if (fs.lstatSync(path).isFile()) fs.unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function ownerOfDirectory(fs: FileSystem, directory: string): Owner {
  try {
    return fs.statSync(directory) as Stats;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new Failure(`cannot write in ${directory}: it does not exist; create it first.`);
    }
    throw fsFailure(error, 'inspect', directory);
  }
}

/**
 * Writes `data` to a new temporary file beside `target`, owned by `owner` and
 * with `mode`, flushed to disk; returns its path. Root gives a new file the
 * owner of its directory; anyone keeps the owner of the file it replaces, or
 * refuses.
 */
function writeTemporary(fs: FileSystem, target: string, shown: string, data: Uint8Array, mode: number, owner: Owner, replacing: boolean): string {
  const temporary = join(dirname(target), `.${basename(target)}.swr-shell-${processGlobal()?.pid ?? 0}-${crypto.randomUUID().slice(0, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temporary, 'wx', mode & 0o777);
    inFlight.set(temporary, fs);
    const mine = fs.fstatSync(fd) as Stats;
    if ((replacing || mine.uid === 0) && (mine.uid !== owner.uid || mine.gid !== owner.gid)) {
      try {
        fs.fchownSync(fd, owner.uid, owner.gid);
      } catch (error) {
        if (errorCode(error) !== 'EPERM') throw error;
        throw new Failure(
          `cannot write ${shown} and keep its owner (uid ${owner.uid}, gid ${owner.gid}): swr-shell runs as uid ${mine.uid}, ` +
            'which may not give a file away. Nothing was changed; run the command as that user (or as root).',
        );
      }
    }
    writeAll(fs, fd, data);
    fs.closeSync(fd);
    fd = undefined;
    // After the chown, which clears set-user-ID bits.
    fs.chmodSync(temporary, mode);
    return temporary;
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    unlinkQuietly(fs, temporary);
    throw error;
  }
}

/** Whether `target` is no longer the file read as `current` (another inode, other bytes), or has appeared. */
function changedSince(fs: FileSystem, target: string, current: OpenFile | undefined): boolean {
  let now: Stats;
  try {
    now = fs.statSync(target) as Stats;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return current !== undefined;
    throw fsFailure(error, 'inspect', target);
  }
  if (current === undefined) return true;
  if (now.ino !== current.stat.ino || now.dev !== current.stat.dev || now.size !== current.stat.size) return true;
  // Same file and size: compare the bytes, since a time stamp may not tick between two writes.
  return !sameBytes(readUpTo(fs, current.fd, current.data.length), current.data);
}

/**
 * What reached the file read as `current` after swr-shell read it (by a
 * program that had opened it before the rename), or undefined when nothing did.
 */
function lateContents(fs: FileSystem, current: OpenFile): Uint8Array | undefined {
  const now = fs.fstatSync(current.fd) as Stats;
  if (now.size === current.stat.size && Number(now.mtimeMs) === Number(current.stat.mtimeMs)) return undefined;
  const data = readUpTo(fs, current.fd, MAX_FILE_BYTES);
  return sameBytes(data, current.data) ? undefined : data;
}

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  return sameBytes(data.subarray(0, prefix.length), prefix);
}

/** Writes all of `data` (writeSync may write less than it was given) and flushes it to disk. */
function writeAll(fs: FileSystem, fd: number, data: Uint8Array): void {
  let rest = data;
  while (rest.length > 0) rest = rest.subarray(fs.writeSync(fd, rest));
  fs.fsyncSync(fd);
}

function appendTo(fs: FileSystem, path: string, data: Uint8Array): void {
  const fd = fs.openSync(path, 'a');
  try {
    writeAll(fs, fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/**
 * Edits a file so that readers see the old or the new contents, never a part,
 * and nothing another program adds meanwhile is lost:
 * - symbolic links are followed, so a managed dotfile stays a link;
 * - swr-shell's own writers of the file take turns (a lock file beside it),
 *   and temporary files of killed writers are removed;
 * - the new contents go to a temporary file beside the file, with its mode
 *   and owner (root writing in a user's HOME keeps the user's), are flushed,
 *   and replace the file by a rename, unless the file changed since it was
 *   read: then `edit` runs again on the new contents;
 * - what another program appended to the old file in the instant of the
 *   rename is appended to the new one;
 * - a read-only file is refused, and a file with other hard links is replaced
 *   with a warning (`options.warn`) naming it.
 * Returns the path written (the end of the links).
 */
export function updateFileAtomic(fs: FileSystem, path: string, edit: Edit, options: AtomicWriteOptions = {}): string {
  const target = resolveLinks(fs, path);
  const lock = acquireLock(fs, target, path);
  try {
    removeLeftovers(fs, target);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = openRegularFile(fs, target, MAX_FILE_BYTES, path);
      try {
        const result = edit(current?.data);
        if (result === undefined || (result === DELETE && current === undefined)) return target;
        if (current && (current.stat.mode & 0o200) === 0) {
          throw new Failure(
            `${path} is read-only (mode ${octal(current.stat.mode & 0o7777)}), so swr-shell left it alone: ` +
              `make it writable (chmod u+w ${target}) and run the command again.`,
          );
        }
        if (result === DELETE) {
          if (changedSince(fs, target, current)) continue;
          fs.unlinkSync(target);
          const late = lateContents(fs, current!);
          // Lines added in the instant of the unlink: the file comes back, edited again.
          if (late !== undefined) {
            const again = edit(late);
            const data = again === DELETE || again === undefined ? late : encode(again);
            renameInto(fs, target, writeTemporary(fs, target, path, data, current!.stat.mode & 0o7777, current!.stat, true));
          }
          return target;
        }
        const data = encode(result);
        const mode = options.mode ?? (current ? current.stat.mode & 0o7777 : 0o644);
        const owner = current?.stat ?? ownerOfDirectory(fs, dirname(target));
        const temporary = writeTemporary(fs, target, path, data, mode, owner, current !== undefined);
        let changed: boolean;
        try {
          changed = changedSince(fs, target, current);
        } catch (error) {
          unlinkQuietly(fs, temporary);
          throw error;
        }
        if (changed) {
          unlinkQuietly(fs, temporary);
          continue;
        }
        renameInto(fs, target, temporary);
        if (current === undefined) return target;
        const late = lateContents(fs, current);
        if (late !== undefined && startsWith(late, current.data)) {
          appendTo(fs, target, late.subarray(current.data.length));
        } else if (late !== undefined) {
          const kept = `${target}.swr-shell-conflict`;
          renameInto(fs, kept, writeTemporary(fs, kept, kept, late, current.stat.mode & 0o7777, current.stat, true));
          options.warn?.(`another program rewrote ${path} while swr-shell wrote it: its version is kept in ${kept}; compare the two.`);
        }
        if (current.stat.nlink > 1) {
          options.warn?.(
            `${path} had ${current.stat.nlink} hard links: swr-shell replaced it with a new file, so its other names keep the ` +
              `old contents. To share one file, make the other names symbolic links to ${target}.`,
          );
        }
        return target;
      } finally {
        if (current) fs.closeSync(current.fd);
      }
    }
    throw new Failure(`cannot write ${path}: another program kept changing it while swr-shell wrote it; nothing was changed. Try again.`);
  } catch (error) {
    if (error instanceof Failure) throw error;
    if (errorCode(error) === 'ENOENT') {
      throw new Failure(`cannot write ${path}: its directory ${dirname(target)} does not exist; create it first.`);
    }
    throw fsFailure(error, 'write', path);
  } finally {
    unlinkQuietly(fs, lock);
  }
}

function encode(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function renameInto(fs: FileSystem, target: string, temporary: string): void {
  try {
    fs.renameSync(temporary, target);
  } finally {
    unlinkQuietly(fs, temporary);
  }
}

/** Replaces the file at `path` with `data`, as updateFileAtomic does. */
export function writeFileAtomic(fs: FileSystem, path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): string {
  return updateFileAtomic(fs, path, () => data, options);
}
