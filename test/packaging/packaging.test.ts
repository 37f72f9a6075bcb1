// The package as users get it: `npm pack`, installed (offline, from npm's
// cache) into a temporary project, then its `swr-shell` bin run for every
// command with a temporary HOME. It must work without the dev dependencies
// (ejs, esbuild, deno...), ship its templates and completions, and ship
// nothing of test/ or src/.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/parser.ts';
import { type InstalledPackage, packAndInstall } from '../support/package.ts';
import { nodeCommand, ROOT } from '../support/runtimes.ts';
import { AK, FIXTURES, KEY } from '../parity/cases.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const available = new Set(COMMANDS.map((command) => command.usage.split(' ')[0]));

const base = mkdtempSync(join(tmpdir(), 'swr-packaging-'));
let installedPackage: InstalledPackage;

beforeAll(() => {
  installedPackage = packAndInstall(base);
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Runs the installed bin, as a user's shell would find it (on PATH), with HOME at `home`. */
function installed(home: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(installedPackage.bin('swr-shell'), args, {
    env: { PATH: `${dirname(installedPackage.bin('swr-shell'))}:${process.env['PATH'] ?? ''}`, HOME: home },
    cwd: home,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freshHome(name: string, files: Record<string, string> = {}): string {
  const home = join(base, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(home, path, '..'), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  mkdirSync(home, { recursive: true });
  return home;
}

describe('the npm package', { timeout: 60_000 }, () => {
  it('ships the bins, templates, completions, README and docs, and nothing else', () => {
    const { packed } = installedPackage;
    const paths = packed.files.map((file) => file.path).sort();
    const outside = paths.filter((path) => !/^(dist|templates|completions|docs)\//.test(path) && !['README.md', 'package.json'].includes(path));
    expect(outside).toEqual([]);
    expect(paths.filter((path) => /^(test|src|node_modules)\//.test(path))).toEqual([]);
    for (const bin of Object.values(pkg.bin)) {
      const file = packed.files.find((entry) => entry.path === bin);
      expect(file, bin).toBeDefined();
      expect(file!.mode & 0o111, `${bin} is executable`).toBe(0o111);
    }
    expect(paths.filter((path) => path.startsWith('dist/'))).toEqual(Object.values(pkg.bin).sort());
    const shipped = (directory: string): string[] =>
      existsSync(join(ROOT, directory))
        ? readdirSync(join(ROOT, directory), { recursive: true, encoding: 'utf8' }).map((file) => `${directory}/${file}`)
        : [];
    const templates = shipped('templates');
    expect(templates.length).toBeGreaterThan(0);
    for (const file of [...templates, ...shipped('completions')]) {
      if (!file.endsWith('/')) expect(paths).toContain(file);
    }
  });

  it('installs with its runtime dependencies only', () => {
    const modules = readdirSync(join(installedPackage.project, 'node_modules'));
    expect(modules).toContain('swr-shell');
    for (const dependency of Object.keys(pkg.dependencies)) expect(modules).toContain(dependency);
    for (const devOnly of ['ejs', 'esbuild', 'deno', 'memfs', 'typescript']) expect(modules).not.toContain(devOnly);
  });

  it('answers --version and --help', () => {
    const home = freshHome('home-help');
    expect(installed(home, ['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = installed(home, ['--help']);
    expect(help.status).toBe(0);
    for (const name of available) expect(help.stdout).toContain(`swr-shell ${name}`);
  });

  it('prints the plugin for every shell, as the build in the repository does', () => {
    const home = freshHome('home-init');
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = installed(home, ['init', shell, '--cmd', 'hw']);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/\bhw-pull\b/);
      const fromRepo = execFileSync(nodeCommand()[0]!, [...nodeCommand().slice(1), 'init', shell, '--cmd', 'hw'], { encoding: 'utf8' });
      expect(result.stdout).toBe(fromRepo);
    }
    const refused = installed(home, ['init', 'tcsh']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^swr-shell: unknown shell "tcsh"/);
  });

  it('lists the regions', () => {
    const result = installed(freshHome('home-regions'), ['regions', '--json']);
    expect(result.status).toBe(0);
    const regions = JSON.parse(result.stdout) as Array<{ id: string; registry: string }>;
    expect(regions).toContainEqual(expect.objectContaining({ id: 'eu-west-101', registry: 'swr.eu-west-101.myhuaweicloud.eu' }));
  });

  it('derives the login key, configures a profile and prints it as env', () => {
    const home = freshHome('home-configure', FIXTURES.credentials);
    expect(installed(home, ['login-key', '--credentials', 'credentials.csv']).stdout).toBe(`${KEY}\n`);
    const configure = installed(home, ['configure', '--region', 'ap-southeast-3', '--org', 'team', '--credentials', 'credentials.csv']);
    expect(configure.status, configure.stderr).toBe(0);
    const env = installed(home, ['env', '--format', 'json']);
    expect(env.status, env.stderr).toBe(0);
    expect(JSON.parse(env.stdout)).toMatchObject({ SWR_USER: `ap-southeast-3@${AK}`, SWR_LOGIN_KEY: KEY, SWR_ORG: 'team' });
  });

  it.skipIf(!available.has('install') || !available.has('uninstall'))('installs into a dotfile and takes it out again', () => {
    const home = freshHome('home-install', FIXTURES.bashrc);
    const before = readFileSync(join(home, '.bashrc'));
    const install = installed(home, ['install', 'bash']);
    expect(install.status, install.stderr).toBe(0);
    // cache mode follows the installed bin, whose second line is the build stamp it compares.
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toContain(`__swr_bin='${installedPackage.bin('swr-shell')}'`);
    expect(readFileSync(installedPackage.bin('swr-shell'), 'utf8').split('\n')[1]).toMatch(/^\/\/ swr-shell \d+\.\d+\.\d+\S* build [0-9a-f]{16}$/);
    const uninstall = installed(home, ['uninstall', 'bash']);
    expect(uninstall.status, uninstall.stderr).toBe(0);
    expect(readFileSync(join(home, '.bashrc'))).toEqual(before);
  });
});
