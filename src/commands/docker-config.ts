// swr-shell docker-config [--profile NAME] [--dry-run] [--remove]: names
// docker-credential-swr as docker's credential helper for the profile's
// registry, so that no key is stored in config.json.

import type { Argv } from 'yargs';
import { applyDockerConfig, HELPER_NAME, maskSecrets } from '../core/docker-config.ts';
import { findOnPath } from '../core/path-search.ts';
import { profileName, readProfile } from '../core/profile.ts';
import { selectedLogin } from '../core/registry-logins.ts';
import { resolveSettings } from '../core/settings.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';

const HELPER_BIN = `docker-credential-${HELPER_NAME}`;

export const command = {
  usage: 'docker-config',
  describe: `make docker use ${HELPER_BIN} for the SWR registry (credHelpers in config.json)`,
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile whose registry to add (default: $SWR_PROFILE or "default")' })
      .option('dry-run', { type: 'boolean', describe: 'print the resulting config.json (stored secrets hidden) instead of writing it' })
      .option('remove', { type: 'boolean', describe: 'take the entry out again' }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const fs = await io.fs();
  const remove = booleanArg(args, 'remove');
  const dryRun = booleanArg(args, 'dry-run');
  const name = profileName(io.env, stringArg(args, 'profile'));
  // Adding needs a login the helper can give; removing needs only the host.
  const registry = remove
    ? resolveSettings(io.env, name, readProfile(fs, io.env, name)).registry
    : selectedLogin(fs, io.env, name).registry;
  const warn = (warning: string): void => io.stderr(`swr-shell: ${warning}\n`);
  const result = applyDockerConfig(fs, io.env, [registry], { remove, dryRun, warn });
  if (dryRun) {
    // The file may store other registries' keys: a dry run shows where, not what.
    io.stdout(maskSecrets(result.text));
    return;
  }
  if (!result.changed) {
    io.stdout(
      remove
        ? `No change: ${result.path} has no ${HELPER_BIN} entry for ${registry}.\n`
        : `No change: docker already asks ${HELPER_BIN} for ${registry} (${result.path}).\n`,
    );
  } else {
    io.stdout(
      remove
        ? `Removed the credHelpers entry for ${registry} from ${result.path}.\n`
        : `Docker now asks ${HELPER_BIN} for ${registry} (credHelpers in ${result.path}).\n`,
    );
  }
  for (const { host, helper } of result.replaced) {
    io.stderr(`swr-shell: ${host} used docker-credential-${helper} before; it now uses ${HELPER_BIN}.\n`);
  }
  if (remove) return;
  for (const host of result.storedKeys) {
    io.stderr(
      `swr-shell: ${result.path} still stores a key for ${host} from an earlier docker login; ` +
        `run docker logout ${host} to delete it.\n`,
    );
  }
  if (findOnPath(fs, io.env, HELPER_BIN) === undefined) {
    io.stderr(
      `swr-shell: ${HELPER_BIN} is not on PATH, and docker cannot pull from ${registry} until it is: ` +
        'it is installed with swr-shell (see Install in README.md); add that bin directory to PATH.\n',
    );
  }
}
