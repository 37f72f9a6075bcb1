// Errors that reach the user as one message and an exit code, never a stack trace.

/** A bad command line or value: exit status 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  override name = 'UsageError';
}

/** Anything else that stops a command (a missing file, a refused write): exit status 1. */
export class Failure extends Error {
  readonly exitCode = 1;
  override name = 'Failure';
}

export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError || error instanceof Failure ? error.exitCode : 1;
}
