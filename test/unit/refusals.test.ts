// The messages of a refused value, word for word: each names what is wrong
// and the fix (SPEC §2: "a one-paragraph message that names the bad value and
// the fix"). Cases sit one character past the point where another message
// would be chosen, so that each decision of src/core/validate.ts shows.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import {
  validateAk,
  validateHost,
  validateOrg,
  validatePrefix,
  validateProfileName,
  validateProject,
  validateRegion,
  validateSk,
} from '../../src/core/validate.ts';

/** The message `check` throws; fails unless it throws a UsageError. */
function message(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

const AK_FIX = 'An AK is 10 to 30 letters and digits; copy the "Access Key Id" column of credentials.csv.';

describe('what is wrong with a value', () => {
  const OTHER = 'contains characters other than letters and digits';
  it.each([
    ['', 'is empty'],
    ['TESTAKEXAMPLE\n12', OTHER],
    ['TESTAKEXAMPLE\r12', OTHER],
    ['TESTAKEXAMPLE 12', OTHER],
    ['TESTAKEXAMPLE#12', OTHER],
    ['TESTAKEXAMPLE\t12', OTHER],
    ['A'.repeat(9), 'is 9 characters long (at least 10)'],
    ['A'.repeat(10 - 1) + '\u00e9', OTHER],
    ['A'.repeat(31), 'is 31 characters long (at most 30)'],
  ])('an AK %j %s, and the message never shows the value', (ak, problem) => {
    expect(message(() => validateAk(ak))).toBe(`invalid access key ID: it ${problem}. ${AK_FIX}`);
  });

  it('an AK from a named source names the source, not the value', () => {
    expect(message(() => validateAk('A'.repeat(9), 'HUAWEICLOUD_SDK_AK'))).toBe(
      `invalid access key ID in HUAWEICLOUD_SDK_AK: it is 9 characters long (at least 10). ${AK_FIX}`,
    );
  });

  it('a value of the greatest length, of allowed characters, in the wrong order has the wrong shape', () => {
    const name = `-${'a'.repeat(63)}`;
    expect(message(() => validateProfileName(name))).toBe(
      `invalid profile name "${name}": it has the wrong shape. Use 1 to 64 letters, digits, "_" or "-", starting with a letter or digit.`,
    );
  });
});

describe('the secret key', () => {
  it('says what is wrong without echoing it', () => {
    const fix = 'An SK is 30 to 50 letters and digits; copy the "Secret Access Key" column of credentials.csv.';
    expect(message(() => validateSk('s'.repeat(29), 'stdin'))).toBe(`invalid secret key from stdin: it is 29 characters long. ${fix}`);
    expect(message(() => validateSk(`${'s'.repeat(39)}!`, 'stdin'))).toBe(
      `invalid secret key from stdin: it contains characters other than letters and digits. ${fix}`,
    );
    expect(message(() => validateSk(`!${'s'.repeat(39)}`, 'HUAWEICLOUD_SDK_SK'))).toContain('contains characters other than');
  });
});

describe('regions and projects', () => {
  const AFTER = 'Run "swr-shell regions" for the list (a partner cloud needs its registry host too: configure --registry HOST, or SWR_REGISTRY).';
  it('names the nearest region, or what is wrong with a value that is no region ID', () => {
    expect(message(() => validateRegion('ap-southeast-9'))).toBe(`unknown region "ap-southeast-9": did you mean ap-southeast-1? ${AFTER}`);
    expect(message(() => validateRegion('ap_southeast'))).toBe(`unknown region "ap_southeast": it contains "_". ${AFTER}`);
  });

  it('says which rule a project breaks', () => {
    const rule = 'a project of ap-southeast-3 is "ap-southeast-3" or "ap-southeast-3_<name>"';
    expect(message(() => validateProject('ap-southeast-3_de v', 'ap-southeast-3'))).toBe(
      'invalid project "ap-southeast-3_de v" for region ap-southeast-3: its sub-project name "de v" contains a space; use 1 to 40 letters, digits, "_" and "-".',
    );
    expect(message(() => validateProject('dev', 'ap-southeast-3'))).toBe(
      'invalid project "dev" for region ap-southeast-3: for a sub-project write "ap-southeast-3_dev".',
    );
    expect(message(() => validateProject('cn-north-4_dev', 'ap-southeast-3'))).toBe(
      `invalid project "cn-north-4_dev" for region ap-southeast-3: it belongs to region cn-north-4; ${rule}.`,
    );
    expect(message(() => validateProject('de v', 'ap-southeast-3'))).toBe(
      `invalid project "de v" for region ap-southeast-3: ${rule}, with letters, digits, "_" and "-".`,
    );
  });
});

describe('organizations', () => {
  const FIX = 'Organization names are 1 to 64 of a-z, 0-9, ".", "_" and "-", as shown in the SWR console.';
  const SHAPE = 'must start with a lower-case letter, end with a letter or digit, and not join ".", "_" or "-" to each other';
  it.each([
    ['', 'is empty'],
    ['a'.repeat(65), 'is 65 characters long (at most 64)'],
    ['Team', 'contains upper case ("T")'],
    ['te am', 'contains a space'],
    ['a._b', SHAPE],
    [`${'a'.repeat(63)}-`, SHAPE],
    ['1team', SHAPE],
  ])('%j: it %s', (org, why) => {
    expect(message(() => validateOrg(org))).toBe(`invalid organization ${JSON.stringify(org)}: it ${why}. ${FIX}`);
  });
});

describe('hosts, profiles and prefixes', () => {
  it('say what is wrong and give an example', () => {
    expect(message(() => validateHost('SWR.example.com'))).toBe(
      'invalid registry host "SWR.example.com": it contains upper case ("S"). Give a host name in lower case, optionally with :PORT, ' +
        'and no scheme or path (for example swr.ap-southeast-3.myhuaweicloud.com).',
    );
    expect(message(() => validateProfileName('a b'))).toBe(
      'invalid profile name "a b": it contains a space. Use 1 to 64 letters, digits, "_" or "-", starting with a letter or digit.',
    );
    expect(message(() => validatePrefix('h w'))).toBe(
      'invalid --cmd prefix "h w": it contains a space. Use a letter followed by letters, digits, "_" or "-" (for example --cmd hw gives hw-login).',
    );
  });
});

describe('a value of allowed characters only', () => {
  // Such a value is refused for its shape or length, never for a character it may hold.
  it('has the wrong shape, or is too long, for each kind of value', () => {
    expect(message(() => validateRegion('a'))).toContain('unknown region "a": it has the wrong shape.');
    expect(message(() => validateRegion('ap-'))).toContain('unknown region "ap-": it has the wrong shape.');
    const sub = `a_-${'a'.repeat(38)}`;
    expect(message(() => validateProject(`ap-southeast-3_${sub}`, 'ap-southeast-3'))).toContain(
      `its sub-project name "${sub}" is 41 characters long (at most 40)`,
    );
    const org = `a._-${'a'.repeat(62)}`;
    expect(message(() => validateOrg(org))).toContain(`invalid organization "${org}": it is 66 characters long (at most 64).`);
    expect(message(() => validateHost('a..b:1'))).toContain('invalid registry host "a..b:1": it has the wrong shape.');
    expect(message(() => validatePrefix('a_-'))).toContain('invalid --cmd prefix "a_-": it has the wrong shape.');
  });
});
