// Running a container client (docker, podman, nerdctl) with the login key on
// its standard input: never on its command line, never in its environment.
// Node.js only: the Node runtime's Io.runTool and the GitHub Action (Deno's
// Io.runTool uses Deno.Command, which needs no environment access).

export interface ToolResult {
  /** The tool's exit status (128 + the signal's number when a signal ended it); 127 when it is not on PATH. */
  readonly status: number;
  /** Everything the tool wrote to its standard error, which was also passed on to ours. */
  readonly stderr: string;
  readonly missing: boolean;
}

/**
 * Runs `program` with `input` on its standard input. Its standard output is
 * ours; its standard error goes to `stderr` as it comes and into the result.
 * It inherits our environment unless given `env`.
 */
export async function runTool(
  program: string,
  args: readonly string[],
  input: string,
  stderr: (text: string) => void,
  env?: Readonly<Record<string, string | undefined>>,
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
