// `swr-shell env` read by the tools it is for: docker compose and a POSIX
// shell's `set -a; . FILE` (dotenv), sh and fish (their formats), each giving
// back exactly the values of the JSON form.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AK, builtCli, configure, runCli, SK } from '../support/cli.ts';
import { requireTools } from '../support/tools.ts';

const root = mkdtempSync(join(tmpdir(), 'swr-env-consumers-'));
const home = join(root, 'home');
const project = join(root, 'project');
const env = { HOME: home, PATH: process.env['PATH']! };
let expected: Record<string, string>;

beforeAll(async () => {
  mkdirSync(project, { recursive: true });
  mkdirSync(home);
  await configure(env, join(root, 'credentials.csv'), AK, SK, '--region', 'eu-west-101', '--project', 'eu-west-101_team-dev', '--org', 'my.team_1');
  expected = JSON.parse(runCli(['env', '--format', 'json'], env).stdout);
  expect(Object.keys(expected)).toEqual(['SWR_REGION', 'SWR_PROJECT', 'SWR_REGISTRY', 'SWR_ORG', 'SWR_AK', 'SWR_USER', 'SWR_LOGIN_KEY']);
  expect(runCli(['env', '--output', join(project, '.env')], env).status).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A script that prints each variable, NUL-separated, in the JSON form's order. */
const printer = (shell: 'sh' | 'fish') =>
  Object.keys(expected)
    .map((name) => `${shell === 'fish' ? 'builtin ' : ''}printf '%s\\0' "$${name}"`)
    .join('; ');

const values = (output: string) => output.split('\0').slice(0, -1);

describe('env', () => {
  it('dotenv: set -a; . FILE in sh exports every value unchanged', () => {
    // The values must reach a child process: that is what set -a is for.
    writeFileSync(join(root, 'print.sh'), printer('sh'));
    const output = execFileSync('sh', ['-c', `set -a; . ./.env; set +a; sh '${join(root, 'print.sh')}'`], { cwd: project, env, encoding: 'utf8' });
    expect(values(output)).toEqual(Object.values(expected));
  });

  it.runIf(requireTools('docker-compose'))('dotenv: docker compose substitutes every value unchanged', () => {
    const variables = Object.keys(expected).map((name) => `      ${name}: \${${name}}`);
    writeFileSync(join(project, 'docker-compose.yml'), ['services:', '  app:', '    image: ${SWR_REGISTRY}/${SWR_ORG}/app:v1', '    environment:', ...variables, ''].join('\n'));
    const config = parse(execFileSync('docker-compose', ['config'], { cwd: project, env, encoding: 'utf8' }));
    expect(config.services.app.environment).toEqual(expected);
    expect(config.services.app.image).toBe('swr.eu-west-101.myhuaweicloud.eu/my.team_1/app:v1');
  });

  it('sh: sourcing the output sets every value unchanged', () => {
    const script = `eval "$(swr_env)"; ${printer('sh')}`.replace('swr_env', `'${process.execPath}' '${builtCli()}' env --format sh`);
    expect(values(execFileSync('sh', ['-c', script], { env, encoding: 'utf8' }))).toEqual(Object.values(expected));
  });

  it.runIf(requireTools('fish'))('fish: sourcing the output sets every value unchanged', () => {
    const file = join(root, 'env.fish');
    writeFileSync(file, runCli(['env', '--format', 'fish'], env).stdout);
    const output = execFileSync('fish', ['--no-config', '--private', '-c', `source ${file}; ${printer('fish')}`], { env, encoding: 'utf8' });
    expect(values(output)).toEqual(Object.values(expected));
    expect(execFileSync('fish_indent', ['--check', file], { encoding: 'utf8' })).toBe('');
  });
});
