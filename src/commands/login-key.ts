// swr-shell login-key: prints the long-term login key for an AK/SK pair.

import type { Argv } from 'yargs';
import { loginKey } from '../core/login-key.ts';
import type { Io } from '../runtime.ts';
import type { Args } from './args.ts';
import { explicitKeyPair, keyOptions, promptedKeyPair } from './key-source.ts';

export const command = {
  usage: 'login-key',
  describe: 'print the SWR login key derived from an AK/SK pair',
  builder: (yargs: Argv): Argv => yargs.options(keyOptions),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const fs = await io.fs();
  const pair = (await explicitKeyPair(args, io, fs)) ?? (await promptedKeyPair(args, io));
  io.stdout(`${await loginKey(pair.ak, pair.sk)}\n`);
}
