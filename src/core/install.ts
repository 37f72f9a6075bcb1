// What install and uninstall change, planned in full before anything is
// written: every file is read and every problem (a directory in the way, a
// read-only file, a block with a missing marker) found first, so that a run
// that fails on one of them writes nothing. Then each change is one atomic
// write or one unlink. Files are edited at the end of their symbolic links.

import { findBlocks, removeBlocks, writeBlock } from './block.ts';
import { bytesToBinary, sameBytes } from './bytes.ts';
import { unifiedDiff } from './diff.ts';
import {
  BLOCK_END,
  BLOCK_START,
  blockText,
  CREATED_NOTE,
  type InstallOptions,
  type OwnedFile,
  ownedFiles,
  rcPath,
} from './dotfiles.ts';
import { Failure } from './errors.ts';
import { DELETE, ensureDirectory, type FileSystem, NotRegularFile, openRegularFile, resolveLinks, updateFileAtomic } from './fs.ts';
import { dirname } from './paths.ts';
import type { InstallShell } from './plugin.ts';
import type { Env } from './profile.ts';

export type ChangeStatus = 'created' | 'added' | 'updated' | 'unchanged' | 'removed' | 'deleted';

export interface FileChange {
  /** The file as swr-shell names it (~/.bashrc). */
  readonly path: string;
  /** Where its bytes are: `path` with symbolic links followed. */
  readonly target: string;
  /** What the file is, for the report. */
  readonly what: string;
  readonly before: Uint8Array | undefined;
  /** undefined: the file is deleted. */
  readonly after: Uint8Array | undefined;
  readonly status: ChangeStatus;
  /** Repairs made on the way, each explained in a sentence. */
  readonly notes: readonly string[];
  /** What to do instead when the file cannot be changed, as a clause: "add these lines...". */
  readonly byHand: string;
  /**
   * The same change made on the file as it is when written, should another
   * program have changed it since the plan (undefined: delete it). Without
   * it, the file is swr-shell's own and `after` is written whatever it holds.
   */
  readonly edit?: (current: Uint8Array | undefined) => Uint8Array | undefined;
  /** A file swr-shell writes whole (a rendered plugin, a completion script): a dry run names it rather than print it. */
  readonly generated?: boolean;
}

interface Current {
  readonly target: string;
  readonly data: Uint8Array | undefined;
  readonly mode: number | undefined;
}

/** `path`, and where its link leads if it is one. */
export function describePath(path: string, target: string): string {
  return target === path ? path : `${path} (a link to ${target})`;
}

function read(fs: FileSystem, path: string): Current {
  const target = resolveLinks(fs, path);
  let file: ReturnType<typeof openRegularFile>;
  try {
    file = openRegularFile(fs, target, undefined, describePath(path, target));
  } catch (error) {
    if (!(error instanceof NotRegularFile)) throw error;
    throw new Failure(`${error.shown} is ${error.kind}, so swr-shell leaves it alone: move it aside and run the command again.`);
  }
  if (file === undefined) return { target, data: undefined, mode: undefined };
  fs.closeSync(file.fd);
  return { target, data: file.data, mode: Number(file.stat.mode) & 0o7777 };
}

/** Refuses to replace a file its owner made read-only (root could, and would override that choice). */
function checkWritable(current: Current, path: string, byHand: string): void {
  if (current.mode === undefined || (current.mode & 0o200) !== 0) return;
  throw new Failure(
    `${describePath(path, current.target)} is read-only (mode ${current.mode.toString(8).padStart(4, '0')}), ` +
      `so swr-shell left it alone. Make it writable (chmod u+w ${current.target}) and run the command again, ` +
      `or ${byHand}`,
  );
}

function blockByHand(path: string, block: string): string {
  return `add these lines to ${path} yourself (or to the source of your dotfiles, if a tool manages them):\n\n${block}\n`;
}

const REMOVE_BY_HAND = `delete the lines from "${BLOCK_START}" to "${BLOCK_END}" yourself.`;

function ownedChange(fs: FileSystem, file: OwnedFile): FileChange | undefined {
  const current = read(fs, file.path);
  const after = file.text === undefined ? undefined : new TextEncoder().encode(file.text);
  if (current.data === undefined && after === undefined) return undefined;
  const status: ChangeStatus =
    current.data === undefined ? 'created' : after === undefined ? 'deleted' : sameBytes(current.data, after) ? 'unchanged' : 'updated';
  const byHand = after === undefined ? `delete ${file.path} yourself.` : 'use --mode eval, which needs no such file.';
  if (status !== 'unchanged') checkWritable(current, file.path, byHand);
  return { path: file.path, target: current.target, what: file.what, before: current.data, after, status, notes: [], byHand, generated: true };
}

function installChange(fs: FileSystem, shell: InstallShell, env: Env, platform: string, options: InstallOptions): FileChange {
  const path = rcPath(shell, env, platform);
  const current = read(fs, path);
  const where = describePath(path, current.target);
  const blocks = current.data === undefined ? [] : findBlocks(current.data, where);
  const created = current.data === undefined || blocks.some((block) => block.lines.includes(CREATED_NOTE));
  const block = blockText(shell, options, env, created);
  const after = writeBlock(current.data, block, where);
  const status: ChangeStatus =
    current.data === undefined ? 'created' : blocks.length === 0 ? 'added' : sameBytes(current.data, after) ? 'unchanged' : 'updated';
  const byHand = blockByHand(path, block);
  if (status !== 'unchanged') checkWritable(current, path, byHand);
  const notes =
    blocks.length > 1
      ? [
          `${where} had ${blocks.length} swr-shell blocks (at lines ${blocks.map((found) => found.line).join(', ')}): ` +
            'the first now holds the new block and the others were removed.',
        ]
      : [];
  if (shell === 'sh' && env['ENV'] === undefined) {
    notes.push(`sh reads ${where} only where ENV names it: add ENV=$HOME/.shrc; export ENV to ~/.profile (docs/posix-sh.md).`);
  }
  const edit = (data: Uint8Array | undefined): Uint8Array => writeBlock(data, block, where);
  return { path, target: current.target, what: `${shell}, ${options.mode} mode`, before: current.data, after, status, notes, byHand, edit };
}

function uninstallChange(fs: FileSystem, shell: InstallShell, env: Env, platform: string): FileChange {
  const path = rcPath(shell, env, platform);
  const current = read(fs, path);
  const where = describePath(path, current.target);
  const unchanged = (what: string): FileChange => ({
    path,
    target: current.target,
    what: `${shell}: ${what}`,
    before: current.data,
    after: current.data,
    status: 'unchanged',
    notes: [],
    byHand: REMOVE_BY_HAND,
  });
  if (current.data === undefined) return unchanged('no such file');
  const blocks = findBlocks(current.data, where);
  if (blocks.length === 0) return unchanged('no swr-shell block');
  checkWritable(current, path, REMOVE_BY_HAND);
  const rest = removeBlocks(current.data, where);
  const created = blocks.some((block) => block.lines.includes(CREATED_NOTE));
  const notes = [
    ...(blocks.length > 1 ? [`${where} had ${blocks.length} swr-shell blocks: all were removed.`] : []),
    ...(created && rest.length > 0 ? [`${where} was created by swr-shell install, but lines were added to it since: it stays.`] : []),
  ];
  const deleted = created && rest.length === 0;
  return {
    path,
    target: current.target,
    what: shell,
    before: current.data,
    after: deleted ? undefined : rest,
    status: deleted ? 'deleted' : 'removed',
    notes,
    byHand: REMOVE_BY_HAND,
    edit: (data) => {
      if (data === undefined) return undefined;
      const left = removeBlocks(data, where);
      return created && left.length === 0 ? undefined : left;
    },
  };
}

/**
 * The changes that install makes for `shells`, in the order to make them:
 * files the block will load first, the block, then files it no longer loads.
 */
export function planInstall(
  fs: FileSystem,
  env: Env,
  platform: string,
  shells: readonly InstallShell[],
  options: InstallOptions,
): FileChange[] {
  return [...new Set(shells)].flatMap((shell) => {
    const files = ownedFiles(shell, env, options);
    const owned = (extra: boolean): FileChange[] =>
      files.filter((file) => Boolean(file.extra) === extra).flatMap((file) => ownedChange(fs, file) ?? []);
    const needed = owned(false);
    return [
      ...needed.filter((change) => change.after !== undefined),
      installChange(fs, shell, env, platform, options),
      ...needed.filter((change) => change.after === undefined),
      ...owned(true),
    ];
  });
}

/** The changes that uninstall makes: each block removed, then the files it loaded. */
export function planUninstall(fs: FileSystem, env: Env, platform: string, shells: readonly InstallShell[]): FileChange[] {
  return [...new Set(shells)].flatMap((shell) => [
    uninstallChange(fs, shell, env, platform),
    ...ownedFiles(shell, env).flatMap((file) => ownedChange(fs, file) ?? []),
  ]);
}

/**
 * Makes one planned change: an atomic write (creating missing directories,
 * private as XDG asks) or an unlink, made again on the file's newer contents
 * if another program changed it since the plan. `warn` hears what the write
 * did besides (a hard link it broke).
 */
export function applyChange(fs: FileSystem, change: FileChange, warn?: (message: string) => void): void {
  if (change.status === 'unchanged') return;
  try {
    if (change.after !== undefined) ensureDirectory(fs, dirname(change.target), 0o700);
    const edit = (current: Uint8Array | undefined): Uint8Array | undefined | typeof DELETE => {
      const after = change.edit === undefined || sameBytes(current, change.before) ? change.after : change.edit(current);
      return after === undefined ? DELETE : sameBytes(after, current) ? undefined : after;
    };
    updateFileAtomic(fs, change.target, edit, { warn });
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    throw new Failure(`${error.message} Instead, ${change.byHand}`);
  }
}

/**
 * The change as a unified diff of the file it edits; "" when there is none. A
 * generated file, hundreds of lines that say nothing to review, is named with
 * its size instead.
 */
export function changeDiff(change: FileChange): string {
  if (change.generated) {
    if (change.status === 'unchanged') return '';
    const sizes = [change.before, change.after].flatMap((data) => (data === undefined ? [] : [data.length]));
    return `${change.status} ${change.target} (${change.what}, ${sizes.join(' -> ')} bytes; not shown)\n`;
  }
  const text = (data: Uint8Array | undefined): string | undefined => (data === undefined ? undefined : bytesToBinary(data));
  return unifiedDiff(change.target, text(change.before), text(change.after));
}

/** Whether install with `options` would leave the block in `shell`'s startup file as it is (doctor asks). */
export function blockIsCurrent(fs: FileSystem, shell: InstallShell, env: Env, platform: string, options: InstallOptions): boolean {
  if (options.mode === 'cache' && options.bin === undefined) return false;
  try {
    return installChange(fs, shell, env, platform, options).status === 'unchanged';
  } catch (error) {
    if (error instanceof Failure) return false;
    throw error;
  }
}
