// An Io for in-process command tests: memfs for the file system, captured
// stdout and stderr, a given environment and standard input.

import { createFsFromVolume, Volume } from 'memfs';
import type { FileSystem } from '../../src/core/fs.ts';
import type { Io } from '../../src/runtime.ts';

export interface FakeIo {
  io: Io;
  fs: FileSystem;
  vol: InstanceType<typeof Volume>;
  stdout: () => string;
  stderr: () => string;
}

export interface FakeIoOptions {
  env?: Record<string, string>;
  files?: Record<string, string>;
  stdin?: string;
  terminal?: boolean;
  /** What the hidden prompt returns, on a terminal. */
  typed?: string;
  /** What the visible prompts return, in turn, on a terminal (then end of input). */
  answers?: string[];
  parent?: string;
}

export const HOME = '/home/user';

export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  const vol = Volume.fromJSON({ [`${HOME}/.keep`]: '', ...options.files });
  const fs = createFsFromVolume(vol) as unknown as FileSystem;
  let out = '';
  let err = '';
  const answers = [...(options.answers ?? [])];
  const io: Io = {
    env: { HOME, ...options.env },
    platform: 'linux',
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: (limit) => Promise.resolve(new TextDecoder().decode(new TextEncoder().encode(options.stdin ?? '').subarray(0, limit + 1))),
    isTerminal: () => options.terminal ?? false,
    readHidden: (prompt) => {
      err += prompt + '\n';
      return Promise.resolve(options.typed ?? '');
    },
    readLine: (prompt) => {
      const answer = answers.shift();
      err += prompt + (answer ?? '') + '\n';
      return Promise.resolve(answer);
    },
    parentCommand: () => Promise.resolve(options.parent),
    fs: () => Promise.resolve(fs),
  };
  return { io, fs, vol, stdout: () => out, stderr: () => err };
}
