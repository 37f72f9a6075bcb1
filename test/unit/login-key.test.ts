// The login key against Huawei's documented openssl one-liner, the oracle.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginKey, loginUser } from '../../src/core/login-key.ts';
import { opensslLoginKeys } from '../support/huawei-login-key.ts';

const alnum = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    minLength: min,
    maxLength: max,
  });

describe('loginKey', () => {
  it('gives the SPEC test vector', async () => {
    expect(await loginKey('TESTAKEXAMPLE123', 'testSecretKeyExample0123456789abcdefABCD')).toBe(
      'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40',
    );
  });

  it('agrees with the openssl one-liner for 200 random AK/SK pairs', async () => {
    const pairs = fc.sample(fc.record({ ak: alnum(10, 30), sk: alnum(30, 50) }), { numRuns: 200, seed: Date.now() });
    const expected = opensslLoginKeys(pairs);
    expect(expected).toHaveLength(200);
    for (const [index, { ak, sk }] of pairs.entries()) {
      expect(await loginKey(ak, sk), `AK ${ak}`).toBe(expected[index]);
    }
  });

  it('is 64 lower-case hex digits', async () => {
    expect(await loginKey('A'.repeat(10), 'b'.repeat(30))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the user <project>@<AK>', () => {
    expect(loginUser('ap-southeast-3_dev', 'AKEXAMPLE01')).toBe('ap-southeast-3_dev@AKEXAMPLE01');
  });
});
