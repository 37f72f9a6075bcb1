// Where the secret key comes from: a credentials.csv, standard input, the
// Huawei SDK's environment variables, or a hidden prompt. Never a flag: a flag
// would put the SK in the shell history and in every process listing.

import { parseCredentialsCsv, type KeyPair } from '../core/credentials.ts';
import { Failure, UsageError } from '../core/errors.ts';
import { type FileSystem, type OpenFile, openRegularFile } from '../core/fs.ts';
import { show, validateAk, validateSk } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg, stringArg } from './args.ts';

export const keyOptions = {
  ak: { type: 'string', describe: 'access key ID (default: from the credentials file or HUAWEICLOUD_SDK_AK)' },
  credentials: { type: 'string', describe: 'credentials.csv downloaded from the console', normalize: false },
  'sk-stdin': { type: 'boolean', describe: 'read the secret key from standard input' },
} as const;

export const NO_SOURCE =
  'Give --credentials credentials.csv, pipe the SK with --sk-stdin, set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, ' +
  'or run on a terminal to be asked for it.';

/** An SK is at most 50 characters: standard input is read no further than this. */
const MAX_SK_INPUT = 4096;

/** credentials.csv is one header and one row: anything much larger is not one. */
const MAX_CREDENTIALS_BYTES = 64 * 1024;

function readCredentials(fs: FileSystem, path: string): KeyPair {
  if (path === '') throw new UsageError('--credentials needs a file name, such as --credentials credentials.csv.');
  const shown = `credentials file ${show(path)}`;
  let file: OpenFile | undefined;
  try {
    file = openRegularFile(fs, path, MAX_CREDENTIALS_BYTES, shown);
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    throw new UsageError(`${error.message} Give the credentials.csv downloaded from the console.`);
  }
  if (file === undefined) throw new UsageError(`cannot read ${shown}: it does not exist. Check the path, or download it again from the console.`);
  fs.closeSync(file.fd);
  return parseCredentialsCsv(new TextDecoder().decode(file.data), show(path));
}

/** The AK given by --ak, checked against the one that comes with the SK; messages name the two, never their values. */
function agreeingAk(flag: string | undefined, other: string | undefined, where: string): string | undefined {
  if (flag !== undefined && other !== undefined && flag !== other) {
    throw new UsageError(`the AK given with --ak does not match the AK of ${where}: drop --ak, or use that key pair.`);
  }
  return flag ?? other;
}

/** The AK from the first source that gives one, checked; a message names that source. */
function firstAk(sources: ReadonlyArray<[string | undefined, string]>): string | undefined {
  const found = sources.find(([value]) => value !== undefined);
  return found && validateAk(found[0]!, found[1]);
}

/**
 * The key pair from an explicit source (--credentials, --sk-stdin) or the
 * environment, or undefined when none was given.
 */
export async function explicitKeyPair(args: Args, io: Io, fs: FileSystem, knownAk?: string): Promise<KeyPair | undefined> {
  const flagAk = stringArg(args, 'ak');
  if (flagAk !== undefined) validateAk(flagAk, '--ak');
  const credentials = stringArg(args, 'credentials');
  const skStdin = booleanArg(args, 'sk-stdin');
  const envAk = io.env['HUAWEICLOUD_SDK_AK'] || undefined;
  const envSk = io.env['HUAWEICLOUD_SDK_SK'] || undefined;
  if (credentials !== undefined && skStdin) {
    throw new UsageError('--credentials and --sk-stdin both give a secret key: use one of them.');
  }
  if (credentials !== undefined) {
    const pair = readCredentials(fs, credentials);
    agreeingAk(flagAk, pair.ak, show(credentials));
    return pair;
  }
  if (skStdin) {
    const ak = firstAk([[flagAk, '--ak'], [envAk, 'HUAWEICLOUD_SDK_AK'], [knownAk, 'the profile']]);
    if (ak === undefined) throw new UsageError('--sk-stdin needs the AK that goes with it: add --ak AK.');
    const sk = io.isTerminal('stdin') ? await io.readHidden('Secret access key (SK): ') : await io.readStdin(MAX_SK_INPUT);
    return { ak, sk: validateSk(sk.trim(), 'standard input') };
  }
  if (envSk !== undefined) {
    if (envAk !== undefined) validateAk(envAk, 'HUAWEICLOUD_SDK_AK');
    const ak = agreeingAk(flagAk, envAk, 'HUAWEICLOUD_SDK_AK');
    if (ak === undefined) throw new UsageError('HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not: set both, or add --ak AK.');
    return { ak, sk: validateSk(envSk, 'HUAWEICLOUD_SDK_SK') };
  }
  return undefined;
}

/** Asks for the SK on the terminal, without echo; a usage error when there is no terminal. */
export async function promptedKeyPair(args: Args, io: Io, knownAk?: string): Promise<KeyPair> {
  if (!io.isTerminal('stdin')) throw new UsageError(`no secret key given. ${NO_SOURCE}`);
  const ak = firstAk([[stringArg(args, 'ak'), '--ak'], [io.env['HUAWEICLOUD_SDK_AK'] || undefined, 'HUAWEICLOUD_SDK_AK'], [knownAk, 'the profile']]);
  if (ak === undefined) throw new UsageError('no access key ID given: add --ak AK (the SK will be asked for).');
  const sk = await io.readHidden(`Secret access key (SK) for ${ak}: `);
  return { ak, sk: validateSk(sk.trim(), 'the prompt') };
}
