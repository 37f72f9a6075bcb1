// swr-shell uninstall [SHELL...] [--dry-run]: removes exactly what install added.

import type { Argv } from 'yargs';
import { planUninstall } from '../core/install.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg } from './args.ts';
import { carryOut, shellOptions, shellsArg } from './changes.ts';

export const command = {
  usage: 'uninstall [shells..]',
  describe: 'remove what install added: the block, and the files install created',
  builder: (yargs: Argv): Argv => shellOptions(yargs),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const shells = await shellsArg(args, io, 'uninstall');
  const fs = await io.fs();
  carryOut(fs, io, planUninstall(fs, io.env, io.platform, shells), booleanArg(args, 'dry-run'));
}
