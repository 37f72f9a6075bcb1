// The file system as the core sees it: the synchronous part of node:fs that it
// uses, so that tests can pass memfs and the runtimes can pass the real thing.

import type * as NodeFs from 'node:fs';
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
>;

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ELOOP: 'too many symbolic links',
};

/** Turns a file-system error into a message that names the file and the reason. */
export function fsFailure(error: unknown, verb: string, path: string): Failure {
  const code = errorCode(error);
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new Failure(`cannot ${verb} ${path}: ${reason}.`);
}

/** The contents of a file, or undefined when there is none. Other errors are failures. */
export function readIfExists(fs: FileSystem, path: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(path) as Uint8Array;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fsFailure(error, 'read', path);
  }
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

export function ensureDirectory(fs: FileSystem, path: string, mode: number): void {
  try {
    fs.mkdirSync(path, { recursive: true, mode });
  } catch (error) {
    throw fsFailure(error, 'create the directory', path);
  }
}

export interface AtomicWriteOptions {
  /** The mode of the new file; by default an existing file's mode, else 0644. */
  mode?: number;
}

/**
 * Writes a file so that readers see the old or the new contents, never a part:
 * the data goes to a temporary file beside the real target (symbolic links are
 * followed, so a managed dotfile stays a link), is flushed, then renamed over it.
 */
export function writeFileAtomic(
  fs: FileSystem,
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): string {
  const target = resolveLinks(fs, path);
  let mode = options.mode;
  if (mode === undefined) {
    try {
      const stat = fs.statSync(target);
      if (stat.isDirectory()) throw new Failure(`cannot write ${path}: it is a directory.`);
      mode = stat.mode & 0o7777;
    } catch (error) {
      if (error instanceof Failure) throw error;
      if (errorCode(error) !== 'ENOENT') throw fsFailure(error, 'inspect', target);
      mode = 0o644;
    }
  }
  const temporary = join(dirname(target), `.${basename(target)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', mode);
    try {
      // writeSync may write less than it was given: go on until all is written.
      let rest = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      while (rest.length > 0) rest = rest.subarray(fs.writeSync(fd, rest));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Nothing was created, or it is already gone.
    }
    if (errorCode(error) === 'ENOENT') {
      throw new Failure(`cannot write ${target}: its directory ${dirname(target)} does not exist; create it first.`);
    }
    throw fsFailure(error, 'write', target);
  }
  return target;
}
