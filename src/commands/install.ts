// swr-shell install [SHELL...] [--mode eval|static] [--cmd PREFIX] [--profile NAME] [--dry-run]

import type { Argv } from 'yargs';
import { INSTALL_MODES } from '../core/dotfiles.ts';
import { planInstall } from '../core/install.ts';
import { findOnPath } from '../core/path-search.ts';
import { listProfiles } from '../core/profile.ts';
import { DEFAULT_PREFIX, shPrefix, variantOf } from '../core/plugin.ts';
import { validateChoice, validatePrefix, validateProfileName } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';
import { carryOut, shellOptions, shellsArg } from './changes.ts';
import { completionScript } from './completion.ts';

export const command = {
  usage: 'install [shells..]',
  describe: "add the plugin to the shells' startup files (a marked block; uninstall removes it)",
  builder: (yargs: Argv): Argv =>
    shellOptions(yargs)
      .option('mode', {
        type: 'string',
        describe: 'eval (default): run swr-shell init at shell start; static: source a plugin file rendered now',
      })
      .option('cmd', { type: 'string', describe: 'prefix of the function names, as for init' })
      .option('profile', { type: 'string', describe: 'pin the functions to this profile, as for init' }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const mode = validateChoice(stringArg(args, 'mode') ?? 'eval', INSTALL_MODES, 'mode');
  const prefix = validatePrefix(stringArg(args, 'cmd') ?? DEFAULT_PREFIX);
  const profile = stringArg(args, 'profile');
  const shells = await shellsArg(args, io, 'install');
  if (shells.some((shell) => variantOf(shell) === 'sh')) shPrefix(prefix);
  const options = {
    mode,
    prefix,
    profile: profile === undefined ? undefined : validateProfileName(profile),
    fishCompletion: shells.includes('fish') ? await completionScript('fish') : undefined,
  };
  const dryRun = booleanArg(args, 'dry-run');
  const fs = await io.fs();
  const changes = planInstall(fs, io.env, io.platform, shells, options);
  carryOut(fs, io, changes, dryRun);
  if (options.profile !== undefined && !listProfiles(fs, io.env).includes(options.profile)) {
    io.stderr(
      `swr-shell: note: profile "${options.profile}" does not exist yet, so the functions will say so until you run ` +
        `swr-shell configure --profile ${options.profile} --region REGION.\n`,
    );
  }
  if (mode === 'eval' && findOnPath(fs, io.env, 'swr-shell') === undefined) {
    io.stderr(
      'swr-shell: note: swr-shell is not on PATH here, and the block runs it only where it is: ' +
        'install it globally (from a clone: npm pack, then npm install -g ./swr-shell-VERSION.tgz; see Install in README.md), ' +
        'or use --mode static, which needs no swr-shell at shell start.\n',
    );
  }
  if (!dryRun && changes.some((change) => change.status !== 'unchanged')) {
    io.stderr('swr-shell: start a new shell to load the functions.\n');
  }
}
