// Tests that need a tool (zsh, fish, shellcheck, containerd...) skip on a
// machine without it, saying so; under CI=true a missing tool is a failure.

import { execFileSync } from 'node:child_process';

export const inCi = process.env['CI'] === 'true';

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a suite that needs `tools` should run. Missing tools skip it with a
 * message on a laptop, and fail loudly under CI=true.
 */
export function requireTools(...tools: string[]): boolean {
  const missing = tools.filter((tool) => !hasTool(tool));
  if (missing.length === 0) return true;
  const message = `missing ${missing.join(', ')}: install them (see .ci/run)`;
  if (inCi) throw new Error(`${message}; under CI=true no test may be skipped.`);
  console.warn(`skipping: ${message}`);
  return false;
}
