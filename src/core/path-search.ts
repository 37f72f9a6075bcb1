// Finding a program the way a shell does: the first executable file of that
// name in a directory of $PATH, checked through the file system (no process).

import type { FileSystem } from './fs.ts';
import { isAbsolute, join } from './paths.ts';
import type { Env } from './profile.ts';

export function findOnPath(fs: FileSystem, env: Env, name: string): string | undefined {
  for (const directory of (env['PATH'] ?? '').split(':')) {
    // An empty or relative entry means a directory that depends on where one stands.
    if (!isAbsolute(directory)) continue;
    const candidate = join(directory, name);
    try {
      const stat = fs.statSync(candidate);
      if (stat.isFile() && (stat.mode & 0o111) !== 0) return candidate;
    } catch {
      // Not there, or not reachable: the shell would go on to the next directory too.
    }
  }
  return undefined;
}
