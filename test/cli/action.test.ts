// The committed action steps (action/main.cjs, action/post.cjs) run as a
// GitHub runner runs them (test/support/github-runner.ts), with recording
// stand-ins of docker and podman as their whole PATH: what the client got,
// what the runner's files hold, what the log shows once masked, and that a
// wrong input or a refused login exports nothing.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputVariables, maskedLog, postEnv, runStep, type StepResult } from '../support/github-runner.ts';
import { type Call, readCalls, Sandbox } from '../support/sandbox.ts';

// SPEC section 1's test vector.
const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const SG = 'swr.ap-southeast-3.myhuaweicloud.com';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

let steps = 0;
/** One step with `inputs` (and extra variables), the stand-ins as PATH; what it printed, wrote and ran. */
async function step(which: 'main' | 'post', env: NodeJS.ProcessEnv, path = sandbox.bin): Promise<StepResult & { calls: Call[] }> {
  const calls = join(sandbox.root, `action-calls-${++steps}`);
  mkdirSync(calls);
  const result = await runStep(which, sandbox.root, { PATH: path, HOME: sandbox.home, SWR_TEST_CALLS: calls, ...env });
  return { ...result, calls: readCalls(calls) };
}

const main = (inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}, path?: string) => step('main', { ...inputVariables(inputs), ...extra }, path);

const BASE = { region: 'ap-southeast-3', 'access-key-id': AK, 'secret-access-key': SK, organization: 'team' };

/** The lines before the first that is not a mask: the masks the runner knows before anything shows. */
function leadingMasks(stdout: string): string[] {
  const lines = stdout.split('\n');
  const first = lines.findIndex((line) => !line.startsWith('::add-mask::'));
  return lines.slice(0, first).map((line) => line.slice('::add-mask::'.length));
}

/** Every line of stdout but the masks, not masked: what would show if the runner masked nothing. */
const unmasked = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

/** Nothing holds a secret but the mask lines: not the rest of stdout (even unmasked), stderr, the runner's files, the client's argv or environment. */
function expectNoSecret(result: StepResult & { calls: Call[] }, secrets: string[]) {
  for (const secret of secrets) {
    expect(unmasked(result.stdout)).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    expect(result.raw.env + result.raw.output + result.raw.state).not.toContain(secret);
    for (const call of result.calls) {
      expect(call.argv.join('\n')).not.toContain(secret);
      expect(Object.entries(call.env).flat().join('\n')).not.toContain(secret);
    }
  }
}

describe('the action, main step', () => {
  it('masks the SK and its key first, logs docker in with the key on stdin, exports the settings and outputs', async () => {
    const result = await main({ ...BASE, tool: 'docker', logout: 'true' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(leadingMasks(result.stdout)).toEqual([SK, KEY]);
    expect(result.calls.map(({ tool, argv, stdin }) => ({ tool, argv, stdin }))).toEqual([
      { tool: 'docker', argv: ['login', '-u', `ap-southeast-3@${AK}`, '--password-stdin', SG], stdin: KEY },
    ]);
    // The client gets the runner's environment, not the action's inputs.
    expect(Object.keys(result.calls[0]!.env).filter((name) => name.startsWith('INPUT_'))).toEqual([]);
    expect(result.env).toEqual({
      SWR_REGION: 'ap-southeast-3',
      SWR_PROJECT: 'ap-southeast-3',
      SWR_REGISTRY: SG,
      SWR_USER: `ap-southeast-3@${AK}`,
      SWR_ORG: 'team',
    });
    expect(result.output).toEqual({ registry: SG, user: `ap-southeast-3@${AK}` });
    expect(result.state).toEqual({ tool: 'docker', registry: SG, logout: 'true' });
    expect(maskedLog(result.stdout).log).toBe(`Logging docker in to ${SG} as ap-southeast-3@${AK}\n`);
    expectNoSecret(result, [SK, KEY]);
  });

  it('takes a login key instead of the SK; podman, a sub-project, no organization, logout: false', async () => {
    const result = await main({
      region: 'ap-southeast-3',
      'access-key-id': AK,
      'login-key': ` ${KEY}\n`,
      project: 'ap-southeast-3_dev',
      tool: 'podman',
      logout: 'False',
    });
    expect(result.status, result.stdout).toBe(0);
    expect(leadingMasks(result.stdout)).toEqual([` ${KEY}%0A`, KEY, KEY]);
    expect(result.calls.map(({ tool, argv, stdin }) => ({ tool, argv, stdin }))).toEqual([
      { tool: 'podman', argv: ['login', '-u', `ap-southeast-3_dev@${AK}`, '--password-stdin', SG], stdin: KEY },
    ]);
    expect(result.env).toEqual({ SWR_REGION: 'ap-southeast-3', SWR_PROJECT: 'ap-southeast-3_dev', SWR_REGISTRY: SG, SWR_USER: `ap-southeast-3_dev@${AK}` });
    expect(result.state).toEqual({ tool: 'podman', registry: SG, logout: 'false' });
    expectNoSecret(result, [KEY]);
  });

  it("a partner cloud's registry with its own region; EU-Dublin's domain by default", async () => {
    const partner = await main({ ...BASE, region: 'xx-partner-1', registry: 'registry.partner.example:8443' });
    expect(partner.status, partner.stdout).toBe(0);
    expect(partner.output).toEqual({ registry: 'registry.partner.example:8443', user: `xx-partner-1@${AK}` });
    const dublin = await main({ ...BASE, region: 'eu-west-101' });
    expect(dublin.output).toEqual({ registry: 'swr.eu-west-101.myhuaweicloud.eu', user: `eu-west-101@${AK}` });
  });

  // Values with quotes, backslashes, %, $() and line breaks: none may show, nor run.
  const HOSTILE = "it's \\ 100% $(touch pwned)\nx";
  it.each([
    { inputs: { ...BASE, region: '' }, names: ['region'] },
    { inputs: { ...BASE, region: HOSTILE }, names: ['region'] },
    { inputs: { ...BASE, region: 'xx-partner-1' }, names: ['region'] },
    { inputs: { ...BASE, 'access-key-id': '' }, names: ['access-key-id'] },
    { inputs: { ...BASE, 'access-key-id': HOSTILE }, names: ['access-key-id'] },
    { inputs: { ...BASE, 'secret-access-key': '' }, names: ['secret-access-key'] },
    { inputs: { ...BASE, 'secret-access-key': `${SK}'\\%` }, names: ['secret-access-key'] },
    { inputs: { ...BASE, 'login-key': KEY }, names: ['secret-access-key', 'login-key'] },
    { inputs: { ...BASE, 'secret-access-key': '', 'login-key': `${KEY}0` }, names: ['login-key'] },
    { inputs: { ...BASE, project: 'cn-north-4_dev' }, names: ['project'] },
    { inputs: { ...BASE, organization: 'Team' }, names: ['organization'] },
    { inputs: { ...BASE, registry: 'https://swr.example.com/v2' }, names: ['registry'] },
    { inputs: { ...BASE, tool: 'nerdctl' }, names: ['tool'] },
    { inputs: { ...BASE, logout: 'yes' }, names: ['logout'] },
  ])('$names.0: an error naming the input, never its value; nothing runs or is exported', async ({ inputs, names }) => {
    const result = await main(inputs);
    expect(result.status).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors.length).toBeGreaterThan(0);
    for (const name of names) expect(errors.some((line) => line.includes(`"${name}"`))).toBe(true);
    // Every line but the masks, unmasked: the wrong value appears nowhere, not even as ***.
    const shown = unmasked(result.stdout) + result.stderr;
    for (const [name, value] of Object.entries(inputs)) {
      if (value !== '' && !Object.values(BASE).includes(value) && value !== KEY) expect(shown, name).not.toContain(value.trim());
    }
    expect(result.calls).toEqual([]);
    expect(result.raw).toEqual({ env: '', output: '', state: '' });
    expectNoSecret(result, [SK, KEY]);
  });

  it("a refused login: an error with the registry's answer, and nothing exported", async () => {
    const answer = 'Error response from daemon: login attempt to https://swr.ap-southeast-3.myhuaweicloud.com/v2/ failed with status: 401 Unauthorized';
    const result = await main(BASE, { SWR_TEST_STATUS: '1', SWR_TEST_STDERR: answer });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`::error::${SG} refused the login of ap-southeast-3@${AK}: ${answer}\n`);
    expect(result.raw).toEqual({ env: '', output: '', state: '' });
    expectNoSecret(result, [SK, KEY]);
  });

  it('a client that is not on PATH: an error naming it, and nothing exported', async () => {
    const result = await main({ ...BASE, tool: 'podman' }, {}, mkdtempSync(join(sandbox.root, 'empty-')));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error::podman is not on PATH');
    expect(result.raw).toEqual({ env: '', output: '', state: '' });
  });
});

describe('the action, post step', () => {
  it('logs out of the registry the main step logged in to', async () => {
    const env = inputVariables(BASE);
    const first = await step('main', env);
    const result = await step('post', postEnv(env, first));
    expect(result.status).toBe(0);
    expect(result.calls.map(({ tool, argv, stdin }) => ({ tool, argv, stdin }))).toEqual([{ tool: 'docker', argv: ['logout', SG], stdin: '' }]);
    expect(maskedLog(result.stdout).log).toBe(`Logging docker out of ${SG}\n`);
  });

  it('leaves the client logged in with logout: false', async () => {
    const env = inputVariables({ ...BASE, logout: 'false' });
    const result = await step('post', postEnv(env, await step('main', env)));
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([]);
    expect(result.stdout).toBe(`Leaving docker logged in to ${SG} (logout: false)\n`);
  });

  it('does nothing when the main step logged nothing in', async () => {
    const result = await step('post', inputVariables(BASE));
    expect(result).toMatchObject({ status: 0, calls: [], stdout: 'Nothing to log out of: the main step logged nothing in.\n' });
  });

  it('warns when the logout fails, and does not fail the job', async () => {
    const env = inputVariables({ ...BASE, tool: 'podman' });
    const first = await step('main', env);
    const result = await step('post', { ...postEnv(env, first), SWR_TEST_STATUS: '125', SWR_TEST_STDERR: 'Error: not logged into x' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`::warning::podman logout of ${SG} failed: Error: not logged into x\n`);
  });
});
