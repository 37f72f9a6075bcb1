// Every value a user types is checked here before anything runs. The patterns
// are written once, in the subset of regular-expression syntax that JavaScript,
// POSIX ERE (bash and zsh `=~`) and PCRE2 (fish `string match -r`) read alike,
// and the plugin templates embed them as they are. Character classes list their
// characters instead of using ranges, so that no locale can widen them.

import { UsageError } from './errors.ts';
import { findRegion, nearestRegion } from './regions.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGIT = '0123456789';
const HEX = '0123456789abcdef';
const ALNUM = UPPER + LOWER + DIGIT;
/** The character lists of the patterns, for the sh plugin's case patterns. */
export const CHARS = { lower: LOWER, digit: DIGIT, hex: HEX, alnum: ALNUM } as const;

const COMPONENT = `[${LOWER}${DIGIT}]+(([.]|_|__|-+)[${LOWER}${DIGIT}]+)*`;
// A DNS label: at most 63 characters (so no login key, 64 hex digits, passes for a host).
const LABEL = `[${LOWER}${DIGIT}]([${LOWER}${DIGIT}-]{0,61}[${LOWER}${DIGIT}])?`;

export const PATTERNS = {
  ak: `^[${ALNUM}]{10,30}$`,
  sk: `^[${ALNUM}]{30,50}$`,
  loginKey: `^[${HEX}]{64}$`,
  regionShape: `^[${LOWER}]+(-[${LOWER}${DIGIT}]+)+$`,
  subProject: `^[${ALNUM}_-]{1,40}$`,
  org: `^[${LOWER}]([${LOWER}${DIGIT}._-]{0,62}[${LOWER}${DIGIT}])?$`,
  component: `^${COMPONENT}$`,
  path: `^${COMPONENT}(/${COMPONENT})*$`,
  host: `^${LABEL}([.]${LABEL})*(:[${DIGIT}]{1,5})?$`,
  tag: `^[${ALNUM}_][${ALNUM}_.-]{0,127}$`,
  digest: `^(sha256:[${HEX}]{64}|sha512:[${HEX}]{128})$`,
  profile: `^[${ALNUM}][${ALNUM}_-]{0,63}$`,
  prefix: `^[${UPPER}${LOWER}]([${ALNUM}_-]{0,30}[${ALNUM}_])?$`,
} as const;

export type PatternName = keyof typeof PATTERNS;

const COMPILED = Object.fromEntries(
  Object.entries(PATTERNS).map(([name, source]) => [name, new RegExp(source)]),
) as Record<PatternName, RegExp>;

export function matches(name: PatternName, value: string): boolean {
  return COMPILED[name].test(value);
}

/**
 * Whether a value could be a secret, or part of one: an SK is 30 to 50
 * letters and digits, a login key 64 hex digits, so any run of 16 or more
 * letters and digits that mixes the two could be (as could anything very long).
 */
export function couldBeSecret(value: string): boolean {
  // Random keys mix letters and digits; words such as "credentialprovider" do not.
  const runs = value.match(/[A-Za-z0-9]{16,}/g) ?? [];
  return runs.some((run) => /[0-9]/.test(run) && /[A-Za-z]/.test(run)) || value.length > 256;
}

/**
 * A value as it appears in messages: quoted, with control characters escaped.
 * A value that could be a secret (given in the wrong place, say) is never
 * shown: only its length is.
 */
export function show(value: string): string {
  return couldBeSecret(value) ? `(${value.length} characters, not shown)` : JSON.stringify(value);
}

/** Names the first thing wrong with `value` in words a user can act on. */
function problem(value: string, allowed: string, max: number): string {
  if (value === '') return 'is empty';
  const bad = [...value].find((char) => !allowed.includes(char));
  if (bad === ' ') return 'contains a space';
  if (bad === '\n' || bad === '\r') return 'contains a line break';
  // Not even one character of a value that could be a secret.
  const hidden = couldBeSecret(value);
  if (bad !== undefined && UPPER.includes(bad)) return hidden ? 'contains upper case' : `contains upper case (${show(bad)})`;
  if (bad !== undefined) return hidden ? 'contains characters that are not allowed' : `contains ${show(bad)}`;
  if (value.length > max) return `is ${value.length} characters long (at most ${max})`;
  return 'has the wrong shape';
}

/**
 * Checks an access key ID. An AK is no secret, but what was given in its
 * place may be (the SK, a login key): the message names `source`, never the value.
 */
export function validateAk(ak: string, source?: string): string {
  if (matches('ak', ak)) return ak;
  const what = [...ak].some((char) => !ALNUM.includes(char))
    ? 'contains characters other than letters and digits'
    : `is ${ak.length} characters long (${ak.length < 10 ? 'at least 10' : 'at most 30'})`;
  throw new UsageError(
    `invalid access key ID${source ? ` in ${source}` : ''}: it ${ak === '' ? 'is empty' : what}. ` +
      'An AK is 10 to 30 letters and digits; copy the "Access Key Id" column of credentials.csv.',
  );
}

/** Checks a secret key without ever echoing it. */
export function validateSk(sk: string, source: string): string {
  if (matches('sk', sk)) return sk;
  const length = sk.length;
  const what = [...sk].some((char) => !ALNUM.includes(char))
    ? 'contains characters other than letters and digits'
    : `is ${length} characters long`;
  throw new UsageError(
    `invalid secret key from ${source}: it ${what}. ` +
      'An SK is 30 to 50 letters and digits; copy the "Secret Access Key" column of credentials.csv.',
  );
}

export function validateLoginKey(key: string, source: string): string {
  if (matches('loginKey', key)) return key;
  throw new UsageError(
    `invalid login key in ${source}: expected 64 lower-case hex digits, as swr-shell login-key prints them.`,
  );
}

/** A region ID; with `allowUnknown` (a registry host was given) any region-shaped ID. */
export function validateRegion(region: string, allowUnknown = false): string {
  if (findRegion(region)) return region;
  if (allowUnknown && matches('regionShape', region)) return region;
  const hint = matches('regionShape', region.toLowerCase())
    ? `did you mean ${nearestRegion(region).id}?`
    : `it ${problem(region, LOWER + DIGIT + '-', 40)}.`;
  throw new UsageError(
    `unknown region ${show(region)}: ${hint} Run "swr-shell regions" for the list ` +
      '(a partner cloud needs its registry host too: configure --registry HOST, or SWR_REGISTRY).',
  );
}

/** A project: the region itself, or `<region>_<sub-project>`. */
export function validateProject(project: string, region: string): string {
  if (project === region) return project;
  const prefix = `${region}_`;
  const sub = project.slice(prefix.length);
  if (project.startsWith(prefix) && matches('subProject', sub)) return project;
  const owner = project.split('_')[0]!;
  const rule = `a project of ${region} is ${show(region)} or ${show(prefix + '<name>')}`;
  const hint = project.startsWith(prefix)
    ? `its sub-project name ${show(sub)} ${problem(sub, ALNUM + '_-', 40)}; use 1 to 40 letters, digits, "_" and "-"`
    : findRegion(owner) // not the region itself: its projects start with the prefix
      ? `it belongs to region ${owner}; ${rule}`
      : matches('subProject', project)
        ? `for a sub-project write ${show(prefix + project)}`
        : `${rule}, with letters, digits, "_" and "-"`;
  throw new UsageError(`invalid project ${show(project)} for region ${region}: ${hint}.`);
}

export function validateOrg(org: string): string {
  if (matches('org', org) && matches('component', org)) return org;
  const why =
    org.length > 64 || /[^a-z0-9._-]/.test(org) || org === ''
      ? problem(org, LOWER + DIGIT + '._-', 64)
      : 'must start with a lower-case letter, end with a letter or digit, and not join ".", "_" or "-" to each other';
  throw new UsageError(
    `invalid organization ${show(org)}: it ${why}. ` +
      'Organization names are 1 to 64 of a-z, 0-9, ".", "_" and "-", as shown in the SWR console.',
  );
}

export function validateHost(host: string, what = 'registry host'): string {
  if (matches('host', host)) return host;
  throw new UsageError(
    `invalid ${what} ${show(host)}: it ${problem(host, LOWER + DIGIT + '.-:', 253)}. ` +
      'Give a host name in lower case, optionally with :PORT, and no scheme or path ' +
      '(for example swr.ap-southeast-3.myhuaweicloud.com).',
  );
}

/**
 * A profile name. Messages and file names show it, so one that looks like a
 * key (SWR_PROFILE set to the SK, say) is refused, and not shown.
 */
export function validateProfileName(name: string): string {
  if (matches('profile', name) && !couldBeSecret(name)) return name;
  if (matches('profile', name)) {
    throw new UsageError(
      `invalid profile name ${show(name)}: it has 16 letters and digits in a row, as a key has. ` +
        'A profile name is a short label: use letters, digits, "_" or "-" with a "-" or "_" at least every 15 characters.',
    );
  }
  throw new UsageError(
    `invalid profile name ${show(name)}: it ${problem(name, ALNUM + '_-', 64)}. ` +
      'Use 1 to 64 letters, digits, "_" or "-", starting with a letter or digit.',
  );
}

export function validatePrefix(prefix: string): string {
  if (matches('prefix', prefix)) return prefix;
  throw new UsageError(
    `invalid --cmd prefix ${show(prefix)}: it ${problem(prefix, ALNUM + '_-', 32)}. ` +
      'Use a letter followed by letters, digits, "_" or "-" (for example --cmd hw gives hw-login).',
  );
}

/** One of a fixed set of words, such as a shell or an output format. */
export function validateChoice<T extends string>(value: string, choices: readonly T[], what: string): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${what} ${show(value)}: use ${choices.join(', ')}.`);
}
