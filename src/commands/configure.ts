// swr-shell configure: writes a profile with the derived login key. Everything
// is validated before the one atomic write, so a configure that fails writes
// nothing. Given an existing profile, it changes only what is given. On a
// terminal with no setting given, it asks for each (configure-prompts.ts).

import type { Argv } from 'yargs';
import { Failure, UsageError } from '../core/errors.ts';
import { loginKey, loginUser } from '../core/login-key.ts';
import { configureCommand, DEFAULT_PROFILE, type Profile, profileName, readProfile, writeProfile } from '../core/profile.ts';
import { findRegion, registryHost } from '../core/regions.ts';
import { resolveSettings } from '../core/settings.ts';
import { validateHost, validateOrg, validateProject, validateRegion } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';
import { run as check } from './check.ts';
import { askSettings, confirm, isInteractive } from './configure-prompts.ts';
import { explicitKeyPair, keyOptions, promptedKeyPair } from './key-source.ts';

export const command = {
  usage: 'configure',
  describe: 'write a profile: region, project, organization and the login key derived from the AK/SK',
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile to write (default: $SWR_PROFILE or "default")' })
      .option('region', { type: 'string', describe: 'region ID, such as ap-southeast-3 (see swr-shell regions)' })
      .option('project', {
        type: 'string',
        describe: 'IAM project: the region ID itself (default), or REGION_SUBPROJECT for a sub-project (ap-southeast-3_dev)',
      })
      .option('org', { type: 'string', describe: 'SWR organization used for short image names ("" clears it)' })
      .option('registry', { type: 'string', describe: 'registry host, for partner clouds ("" clears it)' })
      .options(keyOptions),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const fs = await io.fs();
  const name = profileName(io.env, stringArg(args, 'profile'));
  let existing: Profile | undefined;
  try {
    existing = readProfile(fs, io.env, name);
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    io.stderr(`swr-shell: ${error.message} It will be replaced.\n`);
  }

  const answers = isInteractive(args, io) ? await askSettings(io, name, existing) : undefined;
  const given: Args = answers ? { ...args, region: answers.region, ak: answers.ak, org: answers.org } : args;
  const region = stringArg(given, 'region') ?? existing?.region;
  if (region === undefined) {
    throw new UsageError(
      `profile "${name}" does not exist yet: give its region, as in ${configureCommand(name)} --region ap-southeast-3 ` +
        '--credentials credentials.csv (swr-shell regions lists them).',
    );
  }
  const sameRegion = existing?.region === region;
  const registryArg = stringArg(args, 'registry');
  const registry =
    registryArg === undefined ? (sameRegion ? existing?.registry : undefined) : registryArg === '' ? undefined : validateHost(registryArg);
  validateRegion(region, registry !== undefined);
  const project = validateProject(stringArg(args, 'project') ?? (sameRegion ? existing?.project : undefined) ?? region, region);
  const orgArg = stringArg(given, 'org');
  const org = orgArg === undefined ? existing?.org : orgArg === '' ? undefined : validateOrg(orgArg);

  const pair = answers ? answers.pair : await explicitKeyPair(args, io, fs, existing?.ak);
  const flagAk = stringArg(given, 'ak');
  const keepKey = pair === undefined && existing !== undefined && (flagAk === undefined || flagAk === existing.ak);
  const { ak, key } = keepKey
    ? { ak: existing!.ak, key: existing!.loginKey }
    : await derive(pair ?? (await promptedKeyPair(args, io, existing?.ak)));

  const profile: Profile = { region, project, org, registry, ak, loginKey: key };
  const path = writeProfile(fs, io.env, name, profile, (warning) => io.stderr(`swr-shell: ${warning}\n`));
  const regionName = findRegion(region)?.name;
  io.stdout(
    [
      `Saved profile "${name}" to ${path} (mode 0600).`,
      `  region    ${region}${regionName ? ` (${regionName})` : ''}`,
      `  registry  ${registry ?? registryHost(findRegion(region)!)}`,
      `  user      ${loginUser(project, ak)}`,
      ...(org ? [`  org       ${org}`] : []),
      keepKey ? 'The login key was kept.' : 'The login key was derived from the SK; the SK itself was not stored.',
      answers
        ? 'Next: swr-shell install adds swr-login, swr-pull and swr-push to your shell.'
        : `Next: ${checkCommand(name)} asks the registry whether it accepts the key, and swr-shell install adds swr-login, swr-pull and swr-push to your shell.`,
      '',
    ].join('\n'),
  );
  // The registry that check will ask: SWR_REGISTRY, as everywhere, over the profile's.
  if (answers && (await confirm(io, `Ask ${resolveSettings(io.env, name, profile).registry} now whether it accepts the key (swr-shell check)?`))) {
    await check({ profile: name }, io);
  }
}

const checkCommand = (name: string): string => (name === DEFAULT_PROFILE ? 'swr-shell check' : `swr-shell check --profile ${name}`);

async function derive(pair: { ak: string; sk: string }): Promise<{ ak: string; key: string }> {
  return { ak: pair.ak, key: await loginKey(pair.ak, pair.sk) };
}
