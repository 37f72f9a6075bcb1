// Running a container client (docker, podman, nerdctl) with the login key on
// its standard input: never on its command line, never in its environment.
// Only `swr-shell login` and the GitHub Action load this module. Deno runs the
// client with Deno.Command, which needs --allow-run for it and, unlike Deno's
// node:child_process, no access to the whole environment.

export interface ToolResult {
  /** The tool's exit status (128 + the signal's number when a signal ended it); 127 when it is not on PATH. */
  readonly status: number;
  /** Everything the tool wrote to its standard error, which was also passed on to ours. */
  readonly stderr: string;
  readonly missing: boolean;
}

interface DenoCommandApi {
  Command: new (
    program: string,
    options: { args: string[]; stdin: 'piped'; stdout: 'inherit'; stderr: 'piped' },
  ) => { spawn(): { stdin: WritableStream<Uint8Array>; stderr: ReadableStream<Uint8Array>; status: Promise<{ code: number }> } };
  errors: { NotFound: new () => Error };
}

/**
 * Runs `program` with `input` on its standard input. Its standard output is
 * ours; its standard error goes to `stderr` as it comes and into the result.
 * It inherits our environment unless given `env` (Node.js only).
 */
export function runTool(
  program: string,
  args: readonly string[],
  input: string,
  stderr: (text: string) => void,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<ToolResult> {
  const deno = (globalThis as { Deno?: DenoCommandApi }).Deno;
  return deno ? denoRun(deno, program, args, input, stderr) : nodeRun(program, args, input, stderr, env);
}

async function nodeRun(
  program: string,
  args: readonly string[],
  input: string,
  stderr: (text: string) => void,
  env: Readonly<Record<string, string | undefined>> | undefined,
): Promise<ToolResult> {
  const { spawn } = await import('node:child_process');
  const { constants } = await import('node:os');
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args], { stdio: ['pipe', 'inherit', 'pipe'], ...(env ? { env } : {}) });
    let errors = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
      stderr(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve({ status: 127, stderr: '', missing: true });
      else reject(error);
    });
    child.on('close', (status, signal) => {
      const signalled = signal === null ? 1 : 128 + (constants.signals[signal] ?? 0);
      resolve({ status: status ?? signalled, stderr: errors, missing: false });
    });
    // A tool that exits without reading its input (a bad option) closes the pipe: not our error.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input);
  });
}

async function denoRun(deno: DenoCommandApi, program: string, args: readonly string[], input: string, stderr: (text: string) => void): Promise<ToolResult> {
  let child;
  try {
    child = new deno.Command(program, { args: [...args], stdin: 'piped', stdout: 'inherit', stderr: 'piped' }).spawn();
  } catch (error) {
    if (error instanceof deno.errors.NotFound) return { status: 127, stderr: '', missing: true };
    throw error;
  }
  const writer = child.stdin.getWriter();
  // A tool that exits without reading its input closes the pipe: not our error.
  await writer.write(new TextEncoder().encode(input)).catch(() => undefined);
  await writer.close().catch(() => undefined);
  const decoder = new TextDecoder();
  let errors = '';
  for await (const chunk of child.stderr) {
    const text = decoder.decode(chunk, { stream: true });
    errors += text;
    stderr(text);
  }
  return { status: (await child.status).code, stderr: errors, missing: false };
}
