// POSIX path helpers. The core works on POSIX paths only (the shells it serves
// are POSIX), and importing node:path would cost Deno a module load at start-up.

export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '') || '/';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function join(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/').replace(/\/{2,}/g, '/');
}

/** `path` relative to `base` when it is not absolute. */
export function resolve(base: string, path: string): string {
  return path.startsWith('/') ? path : join(base, path);
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}
