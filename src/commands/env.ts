// swr-shell env: the effective settings (environment over profile, as the
// plugin's functions see them) as a .env snippet, sh, fish or JSON.

import type { Argv } from 'yargs';
import { Failure, UsageError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/fs.ts';
import { type Env, profileName, readProfile } from '../core/profile.ts';
import { fishQuote, posixQuote } from '../core/quote.ts';
import { render } from '../core/render.ts';
import { requireCredentials, resolveSettings } from '../core/settings.ts';
import { show, validateChoice } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';

export const FORMATS = ['dotenv', 'sh', 'fish', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const command = {
  usage: 'env',
  describe: 'print the settings as a .env snippet for docker compose, direnv and CI',
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile to read (default: $SWR_PROFILE or "default")' })
      .option('format', { type: 'string', describe: 'dotenv (default), sh, fish or json' })
      .option('secret', { type: 'boolean', default: true, describe: 'include SWR_LOGIN_KEY (--no-secret leaves it out)' })
      .option('output', { type: 'string', describe: 'write to this file (mode 0600) instead of standard output' }),
  run,
};

/** dotenv values stay unquoted; they were validated, and this makes sure of it. */
function dotenvValue(value: string): string {
  if (!/^[A-Za-z0-9._:@\/-]*$/.test(value)) throw new Failure(`cannot write ${show(value)} unquoted.`);
  return value;
}

const ESCAPE: Readonly<Record<Exclude<Format, 'json'>, (value: string) => string>> = {
  dotenv: dotenvValue,
  sh: posixQuote,
  fish: fishQuote,
};

export function envVariables(env: Env, name: string, profile: Parameters<typeof resolveSettings>[2], secret: boolean): Array<[string, string]> {
  const settings = resolveSettings(env, name, profile);
  const credentials = requireCredentials(settings);
  return [
    ['SWR_REGION', settings.region],
    ['SWR_PROJECT', settings.project],
    ['SWR_REGISTRY', settings.registry],
    ...(settings.org ? [['SWR_ORG', settings.org] as [string, string]] : []),
    ['SWR_AK', credentials.ak],
    ['SWR_USER', credentials.user],
    ...(secret ? [['SWR_LOGIN_KEY', credentials.loginKey] as [string, string]] : []),
  ];
}

export async function run(args: Args, io: Io): Promise<void> {
  const format = validateChoice(stringArg(args, 'format') ?? 'dotenv', FORMATS, 'format');
  const output = stringArg(args, 'output');
  if (output === '') throw new UsageError('--output needs a file name, such as --output .env.');
  const fs = await io.fs();
  const name = profileName(io.env, stringArg(args, 'profile'));
  const variables = envVariables(io.env, name, readProfile(fs, io.env, name), booleanArg(args, 'secret'));
  const text =
    format === 'json'
      ? JSON.stringify(Object.fromEntries(variables), null, 2) + '\n'
      : render('env', { format, profile: name, variables }, ESCAPE[format]);
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  const path = writeFileAtomic(fs, output, text, { mode: 0o600, warn: (warning) => io.stderr(`swr-shell: ${warning}\n`) });
  io.stderr(`swr-shell: wrote ${path} (mode 0600).\n`);
}
