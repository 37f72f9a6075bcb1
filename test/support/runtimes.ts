// The two ways to run swr-shell, as users do: the Node bundles of the npm bins
// (dist/, built by `npm run build`) and Deno on src/cli.ts with the
// permissions of the `swr-shell` task in deno.json, read from there so that
// tests and benchmarks run exactly what the README recommends.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the first directory upwards with package.json (also from a bundle in node_modules/.cache). */
export const ROOT = ((): string => {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    if (dirname(directory) === directory) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    directory = dirname(directory);
  }
  return directory;
})();

/** A bin of the package, as package.json names it: a Node bundle in dist/. */
function packageBin(name: string): string {
  const bins = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
  if (!bins[name]) throw new Error(`package.json names no bin ${name}`);
  return join(ROOT, bins[name]);
}

/** The swr-shell bin. */
export const NODE_BIN = packageBin('swr-shell');
/** The docker-credential-swr bin, which docker and skopeo run through credHelpers. */
export const HELPER_BIN = packageBin('docker-credential-swr');
/** The swr-credential-provider bin, which the kubelet runs for the images of its matchImages. */
export const PROVIDER_BIN = packageBin('swr-credential-provider');

/** `bin`, after a clear failure if it was not built. */
export function requireBuilt(bin: string): string {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first (npm test does).`);
  return bin;
}

/**
 * The Deno executable of the `deno` dev dependency. Its own bin
 * (node_modules/.bin/deno) may be a Node script that starts the executable,
 * which would add a Node start to every run.
 */
export const DENO = ((): string => {
  const target = `${process.platform}-${process.arch}${process.platform === 'linux' ? '-glibc' : ''}`;
  const require = createRequire(join(ROOT, 'package.json'));
  return join(dirname(require.resolve(`@deno/${target}/package.json`)), process.platform === 'win32' ? 'deno.exe' : 'deno');
})();

/** The `deno run` options of the `swr-shell` task in deno.json, with $ROOT filled in. */
export function denoTaskOptions(): string[] {
  const config = JSON.parse(readFileSync(join(ROOT, 'deno.json'), 'utf8')) as {
    tasks: Record<string, { command: string }>;
  };
  const command = config.tasks['swr-shell']!.command;
  const run = /\brun (.*) "\$ROOT\/src\/cli\.ts"$/.exec(command);
  if (!run) throw new Error(`deno.json: the swr-shell task does not end in run ... "$ROOT/src/cli.ts": ${command}`);
  return run[1]!.split(' ').map((option) => option.replaceAll('"$ROOT', ROOT.replace(/\/$/, '')).replaceAll('"', ''));
}

/** The command line that runs swr-shell under Deno (arguments follow). */
export function denoCommand(): string[] {
  return [DENO, 'run', ...denoTaskOptions(), join(ROOT, 'src', 'cli.ts')];
}

/** The command line that runs the Node bin (arguments follow). */
export function nodeCommand(): string[] {
  return [process.execPath, requireBuilt(NODE_BIN)];
}

/**
 * Variables for Deno itself (the program cannot read them): a cache outside
 * the HOME under test, and no check for a newer Deno over the network.
 */
export function denoOwnEnv(cacheDir: string): Record<string, string> {
  return { DENO_DIR: cacheDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
}
