// swr-shell doctor [--profile NAME]: checks the profile, the tools, docker's
// configuration and the startup files, one line per finding; status 1 when
// something needs fixing.

import type { Argv } from 'yargs';
import { diagnose } from '../core/doctor.ts';
import { Failure } from '../core/errors.ts';
import { version } from '../core/render.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';

export const command = {
  usage: 'doctor',
  describe: 'check the profile, the container tools and the installed plugin, and say what to fix',
  builder: (yargs: Argv): Argv =>
    yargs.option('profile', { type: 'string', describe: 'profile to check (default: $SWR_PROFILE or "default")' }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const findings = diagnose({
    fs: await io.fs(),
    env: io.env,
    platform: io.platform,
    version,
    profile: stringArg(args, 'profile'),
  });
  io.stdout(findings.map(({ status, text }) => `${status.padEnd(8)}${text}\n`).join(''));
  const problems = findings.filter(({ status }) => status === 'problem').length;
  if (problems > 0) {
    throw new Failure(`doctor found ${problems} problem${problems > 1 ? 's' : ''}: fix ${problems > 1 ? 'them' : 'it'} as said above.`);
  }
}
