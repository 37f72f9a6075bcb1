// The npm package as users get it: packed, then installed into a new project
// from npm's cache where it can (the registry for metadata a fresh cache lacks), with nothing but its runtime dependencies.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './runtimes.ts';

export interface InstalledPackage {
  /** What npm pack reported: the tarball's name and every file in it. */
  readonly packed: { filename: string; files: Array<{ path: string; mode: number }> };
  /** The project that depends on it; its node_modules/.bin has the bins. */
  readonly project: string;
  readonly bin: (name: string) => string;
}

/** Packs the repository (dist/ must be built) and installs the tarball into `directory`/project. */
export function packAndInstall(directory: string): InstalledPackage {
  // --ignore-scripts: dist/ is built already; building again would race whoever reads it.
  const json = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', directory], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const packed = (JSON.parse(json) as Array<InstalledPackage['packed']>)[0]!;
  const project = join(directory, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-swr-shell', version: '1.0.0', private: true }));
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', join(directory, packed.filename)],
    { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { packed, project, bin: (name) => join(project, 'node_modules', '.bin', name) };
}
