// The one module that differs between Node.js and Deno. It reaches each
// runtime through its globals, so that loading it imports nothing: under Deno a
// `node:` import costs as much as the whole start, and `init` needs none.

import { Failure } from './core/errors.ts';
import type { Env } from './core/profile.ts';
import type { FileSystem } from './core/fs.ts';

/** What the commands need from the process they run in. */
export interface Io {
  readonly env: Env;
  readonly platform: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Standard input as text, read up to end of file or until more than `limit`
   * bytes came (then the text holds limit + 1 bytes and the rest is not read),
   * so that no input can exhaust memory.
   */
  readStdin(limit: number): Promise<string>;
  isTerminal(stream: 'stdin' | 'stderr'): boolean;
  /** Reads a line from the terminal without echoing it. */
  readHidden(prompt: string): Promise<string>;
  /** Reads a line from the terminal as typed (echoed, editable); undefined at end of input. */
  readLine(prompt: string): Promise<string | undefined>;
  /** The command name of the parent process (the shell that ran us), if it can be known. */
  parentCommand(): Promise<string | undefined>;
  fs(): Promise<FileSystem>;
  /**
   * Until the returned function is called, SIGINT, SIGTERM and SIGHUP run
   * `cleanup` and then end the process as the signal would have. Being
   * handled, a signal waits for the synchronous code that runs (a whole
   * atomic write) to finish, instead of killing it half-way.
   */
  onInterrupt?(cleanup: () => void): () => void;
}

/** The signals after which swr-shell cleans up (Ctrl-C, kill, a closed terminal). */
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Interrupt = (typeof INTERRUPTS)[number];
const SIGNAL_NUMBERS: Readonly<Record<Interrupt, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Listens for the interrupts with `add`; on one, cleans up, stops listening and raises it again with `raise`. */
function trapInterrupts(
  cleanup: () => void,
  add: (signal: Interrupt, handler: () => void) => void,
  remove: (signal: Interrupt, handler: () => void) => void,
  raise: (signal: Interrupt) => void,
): () => void {
  const handlers = new Map<Interrupt, () => void>();
  const stop = (): void => {
    for (const [signal, handler] of handlers) remove(signal, handler);
    handlers.clear();
  };
  for (const signal of INTERRUPTS) {
    const handler = (): void => {
      try {
        cleanup();
      } finally {
        stop();
        raise(signal);
      }
    };
    handlers.set(signal, handler);
    add(signal, handler);
  }
  return stop;
}

export interface Runtime extends Io {
  readonly name: 'node' | 'deno';
  readonly args: readonly string[];
  setExitCode(code: number): void;
}

interface DenoFile {
  writeSync(data: Uint8Array): number;
  isTerminal(): boolean;
  setRaw?(raw: boolean): void;
  readable: ReadableStream<Uint8Array>;
  read(buffer: Uint8Array): Promise<number | null>;
}

interface DenoApi {
  args: string[];
  pid: number;
  addSignalListener(signal: string, handler: () => void): void;
  removeSignalListener(signal: string, handler: () => void): void;
  kill(pid: number, signal: string): void;
  exit(code: number): never;
  build: { os: string };
  ppid: number;
  exitCode: number;
  env: { get(name: string): string | undefined };
  stdin: DenoFile;
  stdout: DenoFile;
  stderr: DenoFile;
  Command: new (
    program: string,
    options: { args: string[]; stdin: 'null'; stdout: 'piped'; stderr: 'null' },
  ) => { output(): Promise<{ success: boolean; stdout: Uint8Array }> };
}

interface NodeStream {
  write(data: string | Uint8Array): boolean;
  isTTY?: boolean;
  setRawMode?(raw: boolean): void;
  on(event: string, listener: (chunk: Uint8Array) => void): void;
  removeListener(event: string, listener: (chunk: Uint8Array) => void): void;
  pause(): void;
  resume(): void;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

interface NodeFs {
  writeSync(fd: number, data: Uint8Array): number;
}

interface NodeProcess {
  pid: number;
  on(signal: string, handler: () => void): void;
  removeListener(signal: string, handler: () => void): void;
  kill(pid: number, signal: string): void;
  /** Node 20.16 and later: a built-in module without an import. */
  getBuiltinModule?(id: 'node:fs'): NodeFs;
  argv: string[];
  env: Env;
  platform: string;
  ppid: number;
  exitCode?: number;
  stdin: NodeStream;
  stdout: NodeStream;
  stderr: NodeStream;
}

// Through unknown: under Deno's own types (deno check) the global is Deno's, not this narrower interface.
const denoGlobal = (globalThis as unknown as { Deno?: DenoApi }).Deno;

async function readAll(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for await (const chunk of chunks) {
    const part = chunk.subarray(0, limit + 1 - total);
    text += decoder.decode(part, { stream: true });
    total += part.length;
    if (total > limit) break;
  }
  return text + decoder.decode();
}

/** Collects typed characters up to Enter; the caller has switched echo off. */
function hiddenLine(next: () => Promise<Uint8Array | null>): Promise<string> {
  const decoder = new TextDecoder();
  return (async () => {
    let line = '';
    for (;;) {
      const chunk = await next();
      if (chunk === null) return line;
      for (const char of decoder.decode(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return line;
        if (char === '\u0003') throw new Failure('interrupted at the prompt; nothing was written.');
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    }
  })();
}

/** A reader that has gone away (`swr-shell regions | head -1`) gets nothing more, and no error. */
function isBrokenPipe(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return code === 'EPIPE' || name === 'BrokenPipe';
}

function procComm(read: (path: string) => string, ppid: number): string | undefined {
  try {
    return read(`/proc/${ppid}/comm`).trim();
  } catch {
    return undefined;
  }
}

/**
 * The parent's command name as Linux's /proc has it, like the Node runtime.
 * Deno opens /proc/<pid>/ only with --allow-all, so it asks ps (--allow-run=ps)
 * for the same field; only `init` and `install` without a shell ask at all.
 */
async function denoParentCommand(deno: DenoApi): Promise<string | undefined> {
  if (deno.build.os !== 'linux') return undefined;
  try {
    const ps = new deno.Command('ps', {
      args: ['-o', 'comm=', '-p', String(deno.ppid)],
      stdin: 'null',
      stdout: 'piped',
      stderr: 'null',
    });
    const { success, stdout } = await ps.output();
    const name = new TextDecoder().decode(stdout).trim();
    return success && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

function denoRuntime(deno: DenoApi): Runtime {
  const encoder = new TextEncoder();
  const writeAll = (file: DenoFile, text: string): void => {
    let data = encoder.encode(text);
    try {
      while (data.length > 0) data = data.subarray(file.writeSync(data));
    } catch (error) {
      if (!isBrokenPipe(error)) throw error;
    }
  };
  // Read variables one by one, so that a narrow --allow-env list is enough.
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_, name) => (typeof name === 'string' ? deno.env.get(name) : undefined),
  });
  return {
    name: 'deno',
    args: deno.args,
    env,
    platform: deno.build.os,
    stdout: (text) => writeAll(deno.stdout, text),
    stderr: (text) => writeAll(deno.stderr, text),
    readStdin: (limit) => readAll(deno.stdin.readable, limit),
    isTerminal: (stream) => deno[stream].isTerminal(),
    async readHidden(prompt) {
      // Raw (no echo) before the prompt shows: what is typed once it shows never echoes.
      deno.stdin.setRaw?.(true);
      try {
        writeAll(deno.stderr, prompt);
        return await hiddenLine(async () => {
          const buffer = new Uint8Array(256);
          const count = await deno.stdin.read(buffer);
          return count === null ? null : buffer.subarray(0, count);
        });
      } finally {
        deno.stdin.setRaw?.(false);
        writeAll(deno.stderr, '\n');
      }
    },
    async readLine(prompt) {
      writeAll(deno.stderr, prompt);
      const decoder = new TextDecoder();
      let line = '';
      for (;;) {
        const buffer = new Uint8Array(256);
        const count = await deno.stdin.read(buffer);
        if (count === null) return line === '' ? undefined : line;
        line += decoder.decode(buffer.subarray(0, count), { stream: true });
        const end = line.indexOf('\n');
        if (end >= 0) return line.slice(0, end).replace(/\r$/, '');
      }
    },
    parentCommand: () => denoParentCommand(deno),
    onInterrupt: (cleanup) =>
      trapInterrupts(
        cleanup,
        (signal, handler) => deno.addSignalListener(signal, handler),
        (signal, handler) => deno.removeSignalListener(signal, handler),
        (signal) => {
          try {
            deno.kill(deno.pid, signal);
          } catch {
            deno.exit(128 + SIGNAL_NUMBERS[signal]);
          }
        },
      ),
    fs: async () => (await import('node:fs')) as FileSystem,
    setExitCode: (code) => {
      deno.exitCode = code;
    },
  };
}

/**
 * Writes to a file descriptor directly: creating process.stdout for a pipe,
 * as in eval "$(swr-shell init)", costs Node about 2 ms of a 20 ms start.
 * A descriptor that would block (non-blocking, full) gets this and all later
 * text through the stream, which queues it, so that the order holds.
 */
function nodeWriter(node: NodeProcess, fd: 1 | 2): (text: string) => void {
  const fs = node.getBuiltinModule?.('node:fs');
  const encoder = new TextEncoder();
  let useStream = fs === undefined;
  const stream = (): NodeStream => (fd === 1 ? node.stdout : node.stderr);
  return (text) => {
    if (useStream) {
      stream().write(text);
      return;
    }
    let data = encoder.encode(text);
    try {
      while (data.length > 0) data = data.subarray(fs!.writeSync(fd, data));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EAGAIN') {
        useStream = true;
        stream().write(data);
      } else if (!isBrokenPipe(error)) {
        throw error;
      }
    }
  };
}

function nodeRuntime(node: NodeProcess): Runtime {
  const stdout = nodeWriter(node, 1);
  const stderr = nodeWriter(node, 2);
  return {
    name: 'node',
    args: node.argv.slice(2),
    env: node.env,
    platform: node.platform,
    stdout,
    stderr,
    readStdin: (limit) => readAll(node.stdin, limit),
    isTerminal: (stream) => node[stream].isTTY === true,
    async readHidden(prompt) {
      // Raw (no echo) before the prompt shows: what is typed once it shows never echoes.
      node.stdin.setRawMode?.(true);
      const queue: Uint8Array[] = [];
      let wake: (() => void) | undefined;
      const listener = (chunk: Uint8Array): void => {
        queue.push(chunk);
        wake?.();
      };
      node.stdin.on('data', listener);
      node.stdin.resume();
      try {
        stderr(prompt);
        return await hiddenLine(async () => {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          return queue.shift()!;
        });
      } finally {
        node.stdin.removeListener('data', listener);
        node.stdin.setRawMode?.(false);
        node.stdin.pause();
        stderr('\n');
      }
    },
    readLine(prompt) {
      stderr(prompt);
      const decoder = new TextDecoder();
      let line = '';
      return new Promise((resolve) => {
        const done = (value: string | undefined): void => {
          node.stdin.removeListener('data', onData);
          node.stdin.removeListener('end', onEnd);
          node.stdin.pause();
          resolve(value);
        };
        const onData = (chunk: Uint8Array): void => {
          line += decoder.decode(chunk, { stream: true });
          const end = line.indexOf('\n');
          if (end >= 0) done(line.slice(0, end).replace(/\r$/, ''));
        };
        const onEnd = (): void => done(line === '' ? undefined : line);
        node.stdin.on('data', onData);
        node.stdin.on('end', onEnd);
        node.stdin.resume();
      });
    },
    async parentCommand() {
      // Linux has /proc; elsewhere $SHELL decides (asking ps would cost a process).
      if (node.platform !== 'linux') return undefined;
      const { readFileSync } = await import('node:fs');
      return procComm((path) => readFileSync(path, 'utf8'), node.ppid);
    },
    fs: async () => (await import('node:fs')) as FileSystem,
    onInterrupt: (cleanup) =>
      trapInterrupts(
        cleanup,
        (signal, handler) => node.on(signal, handler),
        (signal, handler) => node.removeListener(signal, handler),
        (signal) => node.kill(node.pid, signal),
      ),
    setExitCode: (code) => {
      node.exitCode = code;
    },
  };
}

export function currentRuntime(): Runtime {
  if (denoGlobal) return denoRuntime(denoGlobal);
  return nodeRuntime((globalThis as unknown as { process: NodeProcess }).process);
}
