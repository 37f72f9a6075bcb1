// docker-credential-swr against SPEC §3's one routing table
// (test/support/routing-cases.ts), which the plugin's functions are tested
// against in every shell (test/shell/plugin-hostile.test.ts): for each case, the
// helper's `get` for the host answers with that project's user and the key, or
// with "credentials not found".

import { describe, expect, it } from 'vitest';
import { credentialHelper, NOT_FOUND } from '../../src/core/credential-helper.ts';
import { ROUTING_CASES, routingEnv, routingProfile } from '../support/routing-cases.ts';
import { fakeIo, HOME } from '../support/io.ts';

const AK = 'TESTAKEXAMPLE123';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

describe('docker-credential-swr follows the routing table', () => {
  it.each(ROUTING_CASES)('$name', async (test) => {
    const { io, stdout } = fakeIo({
      stdin: `${test.host}\n`,
      env: routingEnv(test.settings),
      files: { [`${HOME}/.config/swr-shell/default.conf`]: routingProfile(test.settings, AK, KEY) },
    });
    const status = await credentialHelper(['get'], io);
    if (test.project === null) {
      expect(stdout()).toBe(`${NOT_FOUND}\n`);
      expect(status).toBe(1);
    } else {
      expect(JSON.parse(stdout())).toEqual({ ServerURL: test.host, Username: `${test.project}@${AK}`, Secret: KEY });
      expect(status).toBe(0);
    }
  });
});
