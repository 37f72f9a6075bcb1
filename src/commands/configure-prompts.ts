// Interactive configure, as `aws configure` asks: on a terminal with nothing
// given, one question per setting, the current value as the default (Enter
// keeps it), the SK hidden. A wrong answer is explained and asked again; a
// mistyped region offers the nearest one as the new default.

import type { KeyPair } from '../core/credentials.ts';
import { Failure, UsageError } from '../core/errors.ts';
import type { Profile } from '../core/profile.ts';
import { findRegion, nearestRegion } from '../core/regions.ts';
import { validateAk, validateOrg, validateRegion, validateSk } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';

/** The options that make configure non-interactive when any is given (--profile does not). */
const SETTING_OPTIONS = ['region', 'project', 'org', 'registry', 'ak', 'credentials'] as const;

export function isInteractive(args: Args, io: Io): boolean {
  return (
    io.isTerminal('stdin') &&
    SETTING_OPTIONS.every((name) => stringArg(args, name) === undefined) &&
    !booleanArg(args, 'sk-stdin') &&
    !io.env['HUAWEICLOUD_SDK_SK']
  );
}

export interface Answers {
  readonly region: string;
  readonly ak: string;
  /** The new key pair, or undefined to keep the stored key (same AK, SK left empty). */
  readonly pair: KeyPair | undefined;
  /** The organization: "" for none. */
  readonly org: string;
}

const NOTHING_WRITTEN = 'no answer at the prompt (end of input); nothing was written.';

/** Asks until `accept` takes the answer; Enter gives `fallback`. `accept` throws a UsageError to ask again. */
async function ask<T>(io: Io, question: string, fallback: string | undefined, accept: (answer: string) => T): Promise<T> {
  let suggestion = fallback;
  for (;;) {
    const line = await io.readLine(`${question}${suggestion ? ` [${suggestion}]` : ''}: `);
    if (line === undefined) throw new Failure(NOTHING_WRITTEN);
    const answer = line.trim() || suggestion || '';
    try {
      return accept(answer);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`  ${error.message}\n`);
      if (question.startsWith('Region') && answer !== '') suggestion = nearestRegion(answer).id;
    }
  }
}

export async function askSettings(io: Io, name: string, existing: Profile | undefined): Promise<Answers> {
  io.stderr(
    `Configuring profile "${name}"${existing ? '' : ' (new)'}. Press Enter to keep a value in [brackets]; ` +
      'the AK and SK are in credentials.csv from the console (My Credentials, Access Keys).\n',
  );
  const region = await ask(io, 'Region (swr-shell regions lists them)', existing?.region, (answer) => {
    if (answer === '') throw new UsageError('a region is needed, such as ap-southeast-3.');
    return validateRegion(answer, existing?.registry !== undefined && answer === existing.region);
  });
  const regionName = findRegion(region)?.name;
  if (regionName) io.stderr(`  ${region}: ${regionName}\n`);
  const ak = await ask(io, 'Access key ID (AK)', existing?.ak, (answer) => validateAk(answer));
  const canKeep = existing !== undefined && existing.ak === ak;
  let pair: KeyPair | undefined;
  for (;;) {
    const sk = (await io.readHidden(`Secret access key (SK)${canKeep ? ' [Enter keeps the stored login key]' : ''}: `)).trim();
    if (sk === '' && canKeep) break;
    try {
      pair = { ak, sk: validateSk(sk, 'the prompt') };
      break;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`  ${sk === '' ? 'the SK is needed to derive the login key.' : error.message}\n`);
    }
  }
  const org = await ask(io, 'Organization (- for none)', existing?.org, (answer) =>
    answer === '' || answer === '-' ? '' : validateOrg(answer),
  );
  return { region, ak, pair, org };
}

/** Asks a yes/no question; Enter is yes, end of input is no. */
export async function confirm(io: Io, question: string): Promise<boolean> {
  const answer = await io.readLine(`${question} [Y/n]: `);
  return answer !== undefined && !/^\s*n/i.test(answer);
}
