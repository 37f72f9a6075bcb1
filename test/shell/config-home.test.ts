// Where the plugin looks for profiles: $XDG_CONFIG_HOME/swr-shell when it is an
// absolute path, else ~/.config/swr-shell (the XDG base directory spec: a
// relative path is invalid and ignored), as src/core/profile.ts does. A
// relative one must not make the profile depend on the current directory.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configDir } from '../../src/core/profile.ts';
import { SHELLS } from '../../src/core/plugin.ts';
import { Sandbox } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const profile = (region: string): string => `region=${region}\norg=team\nak=TESTAKEXAMPLE123\nlogin_key=${KEY}\n`;
sandbox.profile('default', profile('ap-southeast-3'));
// The same relative path from the directory the function runs in, and an absolute one.
for (const [directory, region] of [
  [join(sandbox.root, 'work', 'relative', 'swr-shell'), 'tr-west-1'],
  [join(sandbox.root, 'absolute', 'swr-shell'), 'af-south-1'],
] as const) {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'default.conf'), profile(region), { mode: 0o600 });
}

describe.each(SHELLS)('the %s plugin', (shell) => {
  const available = requireTools(shell);
  const region = (xdg: string) =>
    sandbox.run(shell, sandbox.plugin(shell), shell === 'fish' ? 'cd $argv[1]; and swr-region' : 'cd "$1" && swr-region', [join(sandbox.root, 'work')], { XDG_CONFIG_HOME: xdg });

  it.runIf(available)('ignores a relative XDG_CONFIG_HOME, as the CLI does', async () => {
    expect(configDir({ HOME: sandbox.home, XDG_CONFIG_HOME: 'relative' })).toBe(join(sandbox.home, '.config', 'swr-shell'));
    expect(await region('relative')).toMatchObject({ status: 0, stdout: 'ap-southeast-3 swr.ap-southeast-3.myhuaweicloud.com\n' });
  });

  it.runIf(available)('follows an absolute XDG_CONFIG_HOME', async () => {
    expect(await region(join(sandbox.root, 'absolute'))).toMatchObject({ status: 0, stdout: 'af-south-1 swr.af-south-1.myhuaweicloud.com\n' });
  });
});
