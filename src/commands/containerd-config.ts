// swr-shell containerd-config [--profile NAME] [--config-version 2|3]: prints
// the CRI registry credentials for a node's /etc/containerd/config.toml.

import type { Argv } from 'yargs';
import { CONFIG_VERSIONS, renderContainerdAuth } from '../core/containerd.ts';
import { selectedLogin } from '../core/registry-logins.ts';
import { validateChoice } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';

export const command = {
  usage: 'containerd-config',
  describe: "print containerd's CRI registry credentials for the SWR registry (config.toml snippet)",
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile to use (default: $SWR_PROFILE or "default")' })
      .option('config-version', {
        type: 'string',
        describe: 'config.toml version: 2 (containerd 1.x, also read by 2.x; default) or 3 (containerd 2.x)',
      }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const version = validateChoice(stringArg(args, 'config-version') ?? '2', CONFIG_VERSIONS, 'containerd config version');
  const login = selectedLogin(await io.fs(), io.env, stringArg(args, 'profile'));
  io.stdout(renderContainerdAuth(login, version));
}
