// The `swr-shell` task of deno.json, which the README gives to Deno users: it
// works from any directory, offline against node_modules, and grants no more
// than the program needs.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DENO, denoOwnEnv, denoTaskOptions, nodeCommand, ROOT } from '../support/runtimes.ts';
import { FIXTURES } from './cases.ts';

const base = mkdtempSync(join(tmpdir(), 'swr-deno-task-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(directory, file));
}

describe('the deno.json task', { timeout: 60_000 }, () => {
  const options = denoTaskOptions();
  const allowed = (name: string): string[] =>
    options.find((option) => option.startsWith(`--allow-${name}=`))?.split('=')[1]?.split(',') ?? [];

  it('grants no blanket permission: no -A, FFI, system or import access; the network only for swr-shell check', () => {
    expect(options).not.toContain('-A');
    expect(options.filter((option) => /^--allow-(all|ffi|sys|import)\b/.test(option))).toEqual([]);
    // swr-shell check asks whatever registry host the profile names, so no narrower list will do.
    expect(options.filter((option) => option.startsWith('--allow-net'))).toEqual(['--allow-net']);
    expect(options).toContain('--no-prompt');
    expect(allowed('run')).toEqual(['ps', 'docker', 'podman', 'nerdctl']);
    expect(options).not.toContain('--allow-env');
    expect(options).not.toContain('--allow-run');
  });

  it('lets the program read every environment variable that src/ reads', () => {
    const read = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\benv\[['"]([A-Za-z_][A-Za-z0-9_]*)['"]\]/g)) read.add(match[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((name) => !allowed('env').includes(name))).toEqual([]);
  });

  it('runs offline in the calling directory: init prints the plugin, env --output writes there', () => {
    const home = join(base, 'home');
    const cwd = join(base, 'project');
    mkdirSync(join(home, '.config', 'swr-shell'), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    for (const [path, text] of Object.entries(FIXTURES.profile)) writeFileSync(join(home, path), text);
    // A registry that refuses every connection: the task must need none (nodeModulesDir "manual").
    const env = { PATH: process.env['PATH'] ?? '', HOME: home, NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/', ...denoOwnEnv(join(base, 'cache')) };
    const task = (...args: string[]): string =>
      execFileSync(DENO, ['task', '--quiet', `--config=${join(ROOT, 'deno.json')}`, 'swr-shell', ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const viaNode = execFileSync(nodeCommand()[0]!, [...nodeCommand().slice(1), 'init', 'bash', '--cmd', 'hw'], { env, encoding: 'utf8' });
    expect(task('init', 'bash', '--cmd', 'hw')).toBe(viaNode);
    task('env', '--output', 'project.env');
    expect(statSync(join(cwd, 'project.env')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(cwd, 'project.env'), 'utf8')).toMatch(/^SWR_REGION=ap-southeast-3$/m);
    const npmCache = join(base, 'cache', 'npm');
    expect(existsSync(npmCache) ? readdirSync(npmCache, { recursive: true }) : []).toEqual([]);
  });

  it("runs the Deno that runs the task (a user's own Deno 2 too), not node_modules/.bin/deno", () => {
    const command = (JSON.parse(readFileSync(join(ROOT, 'deno.json'), 'utf8')) as { tasks: Record<string, { command: string }> }).tasks['swr-shell']!.command;
    // In a task, `deno` is the task runner's own executable, whatever PATH holds.
    expect(command).toMatch(/&& deno run /);
    expect(command).not.toContain('node_modules');
  });

  it('needs no permission at all for init with a shell', () => {
    const out = execFileSync(DENO, ['run', '--no-prompt', `--config=${join(ROOT, 'deno.json')}`, join(ROOT, 'src', 'cli.ts'), 'init', 'zsh'], {
      env: { PATH: process.env['PATH'] ?? '', ...denoOwnEnv(join(base, 'cache')) },
      encoding: 'utf8',
    });
    expect(out).toMatch(/^function swr-ref \{$/m);
  });
});
