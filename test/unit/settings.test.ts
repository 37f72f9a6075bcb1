// The failures of resolveSettings and requireCredentials, to the letter: each
// says what is missing and the command or variables that provide it.

import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import { requireCredentials, resolveSettings } from '../../src/core/settings.ts';
import { HOME } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

describe('what is missing', () => {
  it('no region anywhere: names the profile file and both ways to set one', () => {
    expect(() => resolveSettings({ HOME }, 'prod', undefined)).toThrow(
      new Failure(
        `no SWR settings: profile "prod" (${HOME}/.config/swr-shell/prod.conf) does not exist and SWR_REGION is not set. ` +
          'Run swr-shell configure --profile prod --region REGION --credentials credentials.csv, or set SWR_REGION, SWR_AK and SWR_LOGIN_KEY.',
      ),
    );
  });

  it('no access key: names the profile and the command for it', () => {
    const settings = resolveSettings({ HOME, SWR_REGION: 'ap-southeast-3' }, 'prod', undefined);
    expect(() => requireCredentials(settings)).toThrow(
      new Failure('no access key: profile "prod" has none and SWR_AK is not set. Run swr-shell configure --profile prod, or set SWR_AK and SWR_LOGIN_KEY.'),
    );
  });

  it('an AK without its key: says to set both or unset the AK', () => {
    const settings = resolveSettings({ HOME, SWR_REGION: 'ap-southeast-3', SWR_AK: 'TESTAKEXAMPLE123' }, 'default', undefined);
    expect(() => requireCredentials(settings)).toThrow(
      new Failure(
        'no login key for AK TESTAKEXAMPLE123: SWR_AK is set but SWR_LOGIN_KEY is not. ' +
          'Set both (swr-shell login-key derives the key), or unset SWR_AK to use the profile.',
      ),
    );
    const complete = resolveSettings({ HOME, SWR_REGION: 'ap-southeast-3', SWR_AK: 'TESTAKEXAMPLE123', SWR_LOGIN_KEY: KEY }, 'default', undefined);
    expect(requireCredentials(complete)).toEqual({ ak: 'TESTAKEXAMPLE123', loginKey: KEY, user: 'ap-southeast-3@TESTAKEXAMPLE123' });
  });
});
