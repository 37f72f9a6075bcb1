// swr-shell profiles [--json] [--remove NAME]: what each profile holds, never
// its key; and a way to delete one.

import type { Argv } from 'yargs';
import { Failure } from '../core/errors.ts';
import { loginUser } from '../core/login-key.ts';
import { listProfiles, profileName, readProfile, removeProfile } from '../core/profile.ts';
import { findRegion, registryHost } from '../core/regions.ts';
import { validateProfileName } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';

export const command = {
  usage: 'profiles',
  describe: 'list the profiles (region, registry, user, organization; never a key), or remove one',
  builder: (yargs: Argv): Argv =>
    yargs
      .option('json', { type: 'boolean', describe: 'print JSON' })
      .option('remove', { type: 'string', describe: 'delete this profile (its file and the login key in it)' }),
  run,
};

interface Row {
  readonly name: string;
  readonly selected: boolean;
  readonly region?: string;
  readonly project?: string;
  readonly registry?: string;
  readonly user?: string;
  readonly org?: string | undefined;
  /** Why the profile cannot be used, for one that does not parse. */
  readonly error?: string;
}

export async function run(args: Args, io: Io): Promise<void> {
  const fs = await io.fs();
  const remove = stringArg(args, 'remove');
  if (remove !== undefined) {
    const path = removeProfile(fs, io.env, validateProfileName(remove));
    if (path === undefined) throw new Failure(`there is no profile "${remove}": swr-shell profiles lists them.`);
    io.stdout(`Removed profile "${remove}" (${path}).\n`);
    return;
  }
  const selected = profileName(io.env);
  const rows = listProfiles(fs, io.env).map((name): Row => {
    try {
      const profile = readProfile(fs, io.env, name)!;
      return {
        name,
        selected: name === selected,
        region: profile.region,
        project: profile.project,
        registry: profile.registry ?? registryHost(findRegion(profile.region)!),
        user: loginUser(profile.project, profile.ak),
        org: profile.org,
      };
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      return { name, selected: name === selected, error: error.message };
    }
  });
  if (booleanArg(args, 'json')) {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  if (rows.length === 0) {
    io.stderr('swr-shell: no profiles yet: swr-shell configure writes one.\n');
    return;
  }
  const cells = rows.map((row) => [
    `${row.selected ? '*' : ' '} ${row.name}`,
    ...(row.error === undefined ? [row.region!, row.registry!, row.user!, row.org ?? ''] : [row.error]),
  ]);
  const header = ['  PROFILE', 'REGION', 'REGISTRY', 'USER', 'ORG'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.filter((row) => row.length > 2).map((row) => row[column]!.length)),
  );
  const line = (row: readonly string[]): string =>
    row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]!) : cell)).join('  ').trimEnd();
  io.stdout([line(header), ...cells.map(line)].join('\n') + '\n');
}
