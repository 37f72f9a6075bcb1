// swr-shell install [SHELL...] [--mode cache|eval|static] [--cmd PREFIX] [--profile NAME] [--dry-run]

import type { Argv } from 'yargs';
import { INSTALL_MODES } from '../core/dotfiles.ts';
import { Failure } from '../core/errors.ts';
import type { FileSystem } from '../core/fs.ts';
import { planInstall } from '../core/install.ts';
import { findOnPath } from '../core/path-search.ts';
import { type Env, listProfiles } from '../core/profile.ts';
import { DEFAULT_PREFIX, SHELLS, type Shell, shPrefix, variantOf } from '../core/plugin.ts';
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
        describe:
          'cache (default): source a plugin file that is rendered again when swr-shell changes; ' +
          'eval: run swr-shell init at shell start; static: source a plugin file rendered now',
      })
      .option('cmd', { type: 'string', describe: 'prefix of the function names, as for init' })
      .option('profile', { type: 'string', describe: 'pin the functions to this profile, as for init' }),
  run,
};

/**
 * The swr-shell that the block of cache mode follows: the one on PATH, which
 * an upgrade replaces in place. One that a new shell cannot count on is
 * refused, before anything is written.
 */
function followedBin(fs: FileSystem, env: Env): string {
  const bin = findOnPath(fs, env, 'swr-shell');
  const instead = 'or use --mode static (rendered now, refreshed by running install again).';
  if (bin === undefined) {
    throw new Failure(
      'swr-shell is not on PATH, so a new shell could not render the plugin after an upgrade ' +
        '(run from a clone, or with npx, it is only found here). Install it first, so that it is on PATH ' +
        `(from a clone: npm pack, then npm install -g ./swr-shell-VERSION.tgz, or npm link; see Install in README.md), ` +
        `then run swr-shell install again; ${instead}`,
    );
  }
  if (bin.includes('/_npx/')) {
    throw new Failure(
      `swr-shell on PATH is ${bin}, in npx's cache, which npm may clear at any time. Install it ` +
        `(npm install -g ./swr-shell-VERSION.tgz from a clone, or npm link), then run swr-shell install again; ${instead}`,
    );
  }
  // The path goes into the block, one line of shell code (src/core/block.ts).
  if (/[\x00-\x1f\x7f]/.test(bin)) {
    throw new Failure(`swr-shell on PATH is at a path with a control character (${JSON.stringify(bin)}): install it elsewhere, ${instead}`);
  }
  return bin;
}

export async function run(args: Args, io: Io): Promise<void> {
  const mode = validateChoice(stringArg(args, 'mode') ?? INSTALL_MODES[0], INSTALL_MODES, 'mode');
  const prefix = validatePrefix(stringArg(args, 'cmd') ?? DEFAULT_PREFIX);
  const profile = stringArg(args, 'profile');
  const shells = await shellsArg(args, io, 'install');
  if (shells.some((shell) => variantOf(shell) === 'sh')) shPrefix(prefix);
  const fs = await io.fs();
  const completions: Partial<Record<Shell, string>> = {};
  for (const shell of SHELLS) if (shells.includes(shell)) completions[shell] = await completionScript(shell);
  const options = {
    mode,
    prefix,
    profile: profile === undefined ? undefined : validateProfileName(profile),
    bin: mode === 'cache' ? followedBin(fs, io.env) : undefined,
    completions,
  };
  const dryRun = booleanArg(args, 'dry-run');
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
