// swr-shell init [bash|zsh|fish|sh] [--cmd PREFIX] [--profile NAME]

import type { Argv } from 'yargs';
import { DEFAULT_PREFIX, renderPlugin, shPrefix } from '../core/plugin.ts';
import { validatePrefix, validateProfileName } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, pluginShellArg, stringArg } from './args.ts';

export const command = {
  usage: 'init [shell]',
  describe: 'print the shell plugin (eval "$(swr-shell init bash)")',
  builder: (yargs: Argv): Argv =>
    yargs
      .positional('shell', { type: 'string', describe: 'bash, zsh, fish or sh (default: the calling shell)' })
      .option('cmd', { type: 'string', describe: 'prefix of the function names (default: swr)' })
      .option('profile', { type: 'string', describe: 'pin the functions to this profile' }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const profile = stringArg(args, 'profile');
  const prefix = validatePrefix(stringArg(args, 'cmd') ?? DEFAULT_PREFIX);
  const shell = await pluginShellArg(args, io, 'init');
  if (shell === 'sh') shPrefix(prefix);
  io.stdout(renderPlugin({ shell, prefix, profile: profile === undefined ? undefined : validateProfileName(profile) }));
}
