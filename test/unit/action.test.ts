// The action's pure core: the runner's formats, and messages about wrong
// inputs that name the input and never hold its value, whatever it is.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionLogin, escapeData, fileEntry, InputError, inputVariable, secretValues } from '../../src/core/action.ts';
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
