// What the action's steps share: the runner's process, its files, and the
// environment a container client gets (without the inputs, which hold the SK).

import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { type ActionTool, fileEntry, workflowCommand } from '../core/action.ts';
import { Failure } from '../core/errors.ts';
import type { Env } from '../core/profile.ts';
import { runTool, type ToolResult } from '../child.ts';

export const env: Env = process.env;

export function print(text: string): void {
  process.stdout.write(text);
}

/** Workflow commands, one a line: `::error::` for each line of `message`. */
export function annotate(kind: 'error' | 'warning', message: string): void {
  for (const line of message.split('\n')) print(workflowCommand(kind, line));
}

/** The runner's file for `variable` (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE), or a message naming it. */
export function runnerFile(variable: string): string {
  const path = env[variable];
  if (!path) throw new Failure(`${variable} is not set: this action runs in a GitHub Actions job.`);
  return path;
}

/** Appends `entries` to the file at `path` in one write, each as a `name<<DELIMITER` block. */
export function appendEntries(path: string, entries: ReadonlyArray<readonly [string, string]>): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(path, entries.map(([name, value]) => fileEntry(name, value, delimiter)).join(''));
}

/** Runs docker or podman with the runner's environment but the action's inputs, `input` on its stdin. */
export function runClient(tool: ActionTool, args: readonly string[], input: string): Promise<ToolResult> {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('INPUT_')));
  return runTool(tool, args, input, (text) => process.stderr.write(text), childEnv);
}

/**
 * The registry's answer as the tool reports it, for a one-line annotation: the
 * last line of its standard error (docker and podman end with the error; all
 * of it is in the log above).
 */
export function answer(result: ToolResult): string {
  return result.stderr.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? `exit status ${result.status}`;
}

export function finish(step: () => Promise<number>): void {
  step().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      annotate('error', `swr-shell action: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
