// The action's pure core: the runner's formats, and messages about wrong
// inputs that name the input and never hold its value, whatever it is.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionLogin,
  escapeData,
  exportedVariables,
  fileEntry,
  InputError,
  inputVariable,
  logoutFromState,
  savedState,
  secretValues,
  workflowCommand,
} from '../../src/core/action.ts';
import { parseRunnerFile } from '../support/github-runner.ts';

const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const inputs = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [inputVariable(name), value]));
const BASE = { region: 'ap-southeast-3', 'access-key-id': AK, 'secret-access-key': SK };

describe('the runner formats', () => {
  it('names input variables as the runner does: upper case, dashes kept, spaces as _', () => {
    expect(inputVariable('access-key-id')).toBe('INPUT_ACCESS-KEY-ID');
    expect(inputVariable('a b')).toBe('INPUT_A_B');
  });

  it('escapes %, CR and LF in workflow commands', () => {
    expect(escapeData('50%\r\nx%0A')).toBe('50%25%0D%0Ax%250A');
  });

  it('writes name<<DELIMITER blocks the runner reads back, and refuses a value holding the delimiter', () => {
    const text = fileEntry('SWR_USER', 'a=b<<c\nd', 'ghadelimiter_x') + fileEntry('user', '', 'ghadelimiter_y');
    expect(parseRunnerFile(text)).toEqual({ SWR_USER: 'a=b<<c\nd', user: '' });
    expect(() => fileEntry('user', 'x\nghadelimiter_z\nEVIL=1', 'ghadelimiter_z')).toThrow(/holds the delimiter/);
    expect(() => fileEntry('A\nB', 'x', 'ghadelimiter_z')).toThrow(/as a name/);
  });

  it('masks the secret inputs as given and as trimmed', () => {
    expect(secretValues(inputs({ 'secret-access-key': ` ${SK}\n`, 'login-key': KEY }))).toEqual([` ${SK}\n`, SK, KEY]);
  });
});

describe('actionLogin', () => {
  it('derives the login key from the SK (SPEC section 1 vector)', async () => {
    expect(await actionLogin(inputs(BASE))).toEqual({
      tool: 'docker',
      region: 'ap-southeast-3',
      project: 'ap-southeast-3',
      org: undefined,
      registry: 'swr.ap-southeast-3.myhuaweicloud.com',
      user: `ap-southeast-3@${AK}`,
      loginKey: KEY,
      logout: true,
    });
  });

  it.each(['region', 'access-key-id', 'secret-access-key', 'project', 'organization', 'registry', 'tool', 'logout', 'login-key'])(
    'a wrong %s: the message names it, never holds the value',
    async (name) => {
      // Values with quotes, backslashes, %, line breaks and $(): at least 12 characters, so that no word of a message matches by chance.
      const hostile = fc
        .tuple(fc.string({ minLength: 6 }), fc.constantFrom("'", '\\', '%', '\n', '$(', '"', '`'), fc.string({ minLength: 6 }))
        .map(([a, special, b]) => `x${a}${special}${b}y`);
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const given = name === 'login-key' ? { ...BASE, 'secret-access-key': '', 'login-key': value } : { ...BASE, [name]: value };
          const error = await actionLogin(inputs(given)).then(
            () => undefined,
            (thrown: unknown) => thrown,
          );
          expect(error).toBeInstanceOf(InputError);
          const message = (error as InputError).message;
          expect(message).toContain(`"${name}"`);
          expect(message).not.toContain(value.trim());
        }),
        { numRuns: 50 },
      );
    },
  );
});

describe('the runner formats, to the letter', () => {
  it('writes a workflow command as ::name::message and a line end, the message escaped', () => {
    expect(workflowCommand('error', 'a%b\nc')).toBe('::error::a%25b%0Ac\n');
    expect(workflowCommand('add-mask', 'x')).toBe('::add-mask::x\n');
  });

  it('masks nothing when no secret input is given, or only blanks (a blank is masked as given, never as "")', () => {
    expect(secretValues({})).toEqual([]);
    expect(secretValues(inputs({ 'secret-access-key': '', 'login-key': ' ' }))).toEqual([' ']);
  });
});

describe('actionLogin, each problem to the letter', () => {
  const problemsOf = async (given: Record<string, string>): Promise<string[]> => {
    const error = await actionLogin(inputs(given)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).name).toBe('InputError');
    return (error as InputError).message.split('\n');
  };

  it('lists every missing input, one a line', async () => {
    expect(await problemsOf({})).toEqual([
      'input "region" is required: an SWR region ID, such as ap-southeast-3.',
      'input "access-key-id" is required: the "Access Key Id" column of credentials.csv.',
      'input "secret-access-key" (or "login-key") is required: keep it in a secret of the repository.',
    ]);
    // A project without a region is not checked against an empty region.
    expect(await problemsOf({ 'access-key-id': AK, 'login-key': KEY, project: 'ap-southeast-3_team' })).toEqual([
      'input "region" is required: an SWR region ID, such as ap-southeast-3.',
    ]);
  });

  it('refuses an unknown region unless a registry is given and the region has a region shape', async () => {
    const unknown = 'input "region" is not an SWR region ID (such as ap-southeast-3); a partner cloud also needs the "registry" input.';
    expect(await problemsOf({ ...BASE, region: 'xx-partner-1' })).toEqual([unknown]);
    expect(await problemsOf({ ...BASE, region: 'Partner', registry: 'swr.partner.example' })).toEqual([unknown]);
    const login = await actionLogin(inputs({ ...BASE, region: 'xx-partner-1', registry: 'swr.partner.example:5000' }));
    expect([login.region, login.project, login.registry]).toEqual(['xx-partner-1', 'xx-partner-1', 'swr.partner.example:5000']);
  });

  it('refuses a wrong key input with its own message', async () => {
    expect(await problemsOf({ ...BASE, 'access-key-id': 'AK-1' })).toEqual([
      'input "access-key-id" is not an access key ID: 10 to 30 letters and digits.',
    ]);
    expect(await problemsOf({ ...BASE, 'login-key': KEY })).toEqual([
      'inputs "secret-access-key" and "login-key" were both given: give one of them.',
    ]);
    expect(await problemsOf({ ...BASE, 'secret-access-key': 'short1' })).toEqual([
      'input "secret-access-key" is not a secret access key: 30 to 50 letters and digits.',
    ]);
  });

  it('refuses a project of another region, an organization joining two dots, a tool or logout outside the list', async () => {
    expect(
      await problemsOf({ ...BASE, project: 'cn-north-4', organization: 'a..b', tool: 'nerdctl', logout: 'yes', registry: 'HTTP://X' }),
    ).toEqual([
      'input "project" is not a project of the region: use the region ID or <region>_<sub-project>.',
      'input "organization" is not an organization name: 1 to 64 of a-z, 0-9, ".", "_" and "-".',
      'input "registry" is not a host name: lower case, optionally with :PORT, no scheme or path.',
      'input "tool" must be docker or podman.',
      'input "logout" must be true or false.',
    ]);
    // Matching the component pattern is not enough: an organization starts with a letter.
    expect(await problemsOf({ ...BASE, organization: '1org' })).toEqual([
      'input "organization" is not an organization name: 1 to 64 of a-z, 0-9, ".", "_" and "-".',
    ]);
  });

  it('passes every optional input on, and uses a given login key as it is', async () => {
    const login = await actionLogin(
      inputs({
        region: 'ap-southeast-3',
        'access-key-id': AK,
        'login-key': KEY,
        project: 'ap-southeast-3_team',
        organization: 'my-org',
        registry: 'registry.example:8443',
        tool: 'podman',
        logout: 'False',
      }),
    );
    expect(login).toEqual({
      tool: 'podman',
      region: 'ap-southeast-3',
      project: 'ap-southeast-3_team',
      org: 'my-org',
      registry: 'registry.example:8443',
      user: `ap-southeast-3_team@${AK}`,
      loginKey: KEY,
      logout: false,
    });
  });
});

describe('what main hands on, and what post reads back', () => {
  const LOGIN = {
    tool: 'podman',
    region: 'ap-southeast-3',
    project: 'ap-southeast-3_team',
    org: 'my-org',
    registry: 'swr.ap-southeast-3.myhuaweicloud.com',
    user: `ap-southeast-3_team@${AK}`,
    loginKey: KEY,
    logout: false,
  } as const;

  it('exports the settings and the user, the organization only when given, never the key', () => {
    expect(exportedVariables(LOGIN)).toEqual([
      ['SWR_REGION', 'ap-southeast-3'],
      ['SWR_PROJECT', 'ap-southeast-3_team'],
      ['SWR_REGISTRY', 'swr.ap-southeast-3.myhuaweicloud.com'],
      ['SWR_USER', `ap-southeast-3_team@${AK}`],
      ['SWR_ORG', 'my-org'],
    ]);
    expect(exportedVariables({ ...LOGIN, org: undefined }).map(([name]) => name)).toEqual(['SWR_REGION', 'SWR_PROJECT', 'SWR_REGISTRY', 'SWR_USER']);
  });

  it('saves tool, registry and logout, and the post step reads them back from STATE_<name>', () => {
    const saved = savedState(LOGIN);
    expect(saved).toEqual([
      ['tool', 'podman'],
      ['registry', 'swr.ap-southeast-3.myhuaweicloud.com'],
      ['logout', 'false'],
    ]);
    const env = Object.fromEntries(saved.map(([name, value]) => [`STATE_${name}`, value]));
    expect(logoutFromState(env)).toEqual({ tool: 'podman', registry: 'swr.ap-southeast-3.myhuaweicloud.com', logout: false });
    expect(logoutFromState({ ...env, STATE_logout: 'true' })).toEqual({ tool: 'podman', registry: 'swr.ap-southeast-3.myhuaweicloud.com', logout: true });
    expect(logoutFromState({ STATE_tool: 'docker', STATE_registry: 'r.example' })).toEqual({ tool: 'docker', registry: 'r.example', logout: true });
  });

  it('logs out of nothing when main logged nothing in, or the state is not a tool and a host', () => {
    expect(logoutFromState({})).toBeUndefined();
    expect(logoutFromState({ STATE_tool: 'docker' })).toBeUndefined();
    expect(logoutFromState({ STATE_registry: 'r.example' })).toBeUndefined();
    expect(logoutFromState({ STATE_tool: 'nerdctl', STATE_registry: 'r.example' })).toBeUndefined();
    expect(logoutFromState({ STATE_tool: 'docker', STATE_registry: 'R.example/x' })).toBeUndefined();
  });
});
