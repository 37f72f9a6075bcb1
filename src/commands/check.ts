// swr-shell check [--profile NAME] [--timeout SECONDS]: asks the registry
// whether it accepts the profile's user and key, storing nothing.

import type { Argv } from 'yargs';
import { Failure, UsageError } from '../core/errors.ts';
import { profileName, readProfile } from '../core/profile.ts';
import { checkLogin, type Fetch } from '../core/registry-check.ts';
import { requireCredentials, resolveSettings } from '../core/settings.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';

export const command = {
  usage: 'check',
  describe: 'ask the registry whether it accepts the user and login key (as docker login would); stores nothing',
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile to check (default: $SWR_PROFILE or "default")' })
      .option('timeout', { type: 'string', describe: 'seconds to wait for each answer (default: 10)' }),
  run,
};

function timeoutArg(args: Args): number {
  const given = stringArg(args, 'timeout') ?? '10';
  const seconds = Number(given);
  if (!/^\d+(\.\d+)?$/.test(given) || seconds <= 0 || seconds > 600) {
    throw new UsageError(`invalid --timeout ${JSON.stringify(given)}: give a number of seconds between 0 and 600, such as --timeout 5.`);
  }
  return seconds * 1000;
}

export async function run(args: Args, io: Io, fetchFn: Fetch = globalThis.fetch): Promise<void> {
  const timeoutMs = timeoutArg(args);
  const fs = await io.fs();
  const name = profileName(io.env, stringArg(args, 'profile'));
  const settings = resolveSettings(io.env, name, readProfile(fs, io.env, name));
  const { user, loginKey } = requireCredentials(settings);
  // Under Node, a connection that timed out lingers until fetch's own 10 s
  // connect timeout: the answer comes at --timeout, the exit up to 10 s later.
  const outcome = await checkLogin(fetchFn, { registry: settings.registry, user, key: loginKey, timeoutMs });
  if (!outcome.accepted) {
    throw new Failure(
      `refused: ${settings.registry} does not accept ${user} with this key (${outcome.how}). The registry said: ${outcome.answer}. ` +
        'Check the AK and the region/project, or derive the key again from a new credentials.csv with swr-shell configure.',
    );
  }
  io.stdout(
    outcome.how === 'no login'
      ? `accepted: ${outcome.url} asks for no login at all, so any key is accepted there.\n`
      : `accepted: ${settings.registry} accepts ${user} with this key (${outcome.how}).\n`,
  );
}
