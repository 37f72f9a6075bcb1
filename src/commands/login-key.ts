// swr-shell login-key: prints the long-term login key for an AK/SK pair, or,
// given no SK source, the selected profile's (as aws ecr get-login-password).

import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.ts';
import { loginKey } from '../core/login-key.ts';
import { profileName, readProfile } from '../core/profile.ts';
import { requireCredentials, resolveSettings } from '../core/settings.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';
import { explicitKeyPair, keyOptions, NO_SOURCE, promptedKeyPair } from './key-source.ts';

export const command = {
  usage: 'login-key',
  describe: "print the SWR login key derived from an AK/SK pair, or the profile's stored key",
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile whose key to print when no SK is given (default: $SWR_PROFILE or "default")' })
      .options(keyOptions),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const fs = await io.fs();
  const pair = await explicitKeyPair(args, io, fs);
  if (pair !== undefined) {
    io.stdout(`${await loginKey(pair.ak, pair.sk)}\n`);
    return;
  }
  // --ak alone asks for its SK; nothing at all means the stored key.
  if (stringArg(args, 'ak') !== undefined) {
    const prompted = await promptedKeyPair(args, io);
    io.stdout(`${await loginKey(prompted.ak, prompted.sk)}\n`);
    return;
  }
  const name = profileName(io.env, stringArg(args, 'profile'));
  const profile = readProfile(fs, io.env, name);
  if (profile === undefined && !io.env['SWR_LOGIN_KEY']) {
    throw new UsageError(`no secret key given, and no profile "${name}" whose key to print. ${NO_SOURCE}`);
  }
  io.stdout(`${requireCredentials(resolveSettings(io.env, name, profile)).loginKey}\n`);
}
