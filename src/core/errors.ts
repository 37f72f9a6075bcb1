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

/**
 * Tells `write` what stopped a bin (the credential helper, the credential
 * provider), in one line: a known error as it is, any other as unexpected; the
 * stack goes to `stack` only when SWR_SHELL_DEBUG is 1. Returns exit status 1.
 */
export function reportFailure(
  program: string,
  error: unknown,
  debug: string | undefined,
  write: (text: string) => void,
  stack: (text: string) => void,
): number {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof Failure || error instanceof UsageError;
  write(`${program}: ${known ? '' : 'unexpected error: '}${message}\n`);
  if (debug === '1' && error instanceof Error && error.stack) stack(error.stack + '\n');
  return 1;
}
