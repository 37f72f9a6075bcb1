// Validation tables: every user-typed value, with hostile inputs.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import {
  couldBeSecret,
  show,
  validateAk,
  validateHost,
  validateLoginKey,
  validateOrg,
  validatePrefix,
  validateProfileName,
  validateProject,
  validateRegion,
  validateSk,
} from '../../src/core/validate.ts';

/** Inputs that must never be accepted anywhere: shell syntax, white space, quotes. */
const HOSTILE = [
  '',
  ' ',
  'a b',
  'a\nb',
  'a\rb',
  'a\tb',
  "a'b",
  'a"b',
  '$(id)',
  '`id`',
  'a;id',
  'a&&id',
  'a|id',
  'a>x',
  '${HOME}',
  'a\\b',
  '*',
  '~root',
  '-rf',
  'a\u0000b',
];

function rejects(validate: (value: string) => unknown, value: string): UsageError {
  try {
    validate(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('validateRegion', () => {
  it.each(['ap-southeast-3', 'cn-north-4', 'eu-west-101', 'my-kualalumpur-1', 'ae-ad-1'])('accepts %s', (region) => {
    expect(validateRegion(region)).toBe(region);
  });
  it.each([...HOSTILE, 'AP-SOUTHEAST-3', 'ap-southeast-33', 'mars-1', 'ap_southeast_3'])('rejects %j', (region) => {
    rejects(validateRegion, region);
  });
  it('suggests the nearest region', () => {
    expect(rejects(validateRegion, 'ap-southeast-33').message).toContain('did you mean ap-southeast-3?');
    expect(rejects(validateRegion, 'cn-nort-4').message).toContain('did you mean cn-north-4?');
    expect(rejects(validateRegion, 'AP-Southeast-3').message).toContain('did you mean ap-southeast-3?');
  });
  it('accepts a region-shaped unknown ID only when a registry is given', () => {
    expect(validateRegion('xx-partner-7', true)).toBe('xx-partner-7');
    rejects((value) => validateRegion(value, true), 'xx partner');
    rejects(validateRegion, 'xx-partner-7');
  });
});

describe('validateProject', () => {
  const region = 'ap-southeast-3';
  it.each([region, `${region}_dev`, `${region}_Team-2`, `${region}_a_b`])('accepts %s', (project) => {
    expect(validateProject(project, region)).toBe(project);
  });
  it.each([...HOSTILE, 'dev', 'cn-north-4', 'cn-north-4_dev', `${region}_`, `${region}-dev`, `${region}_a b`, `${region}_$(id)`])(
    'rejects %j',
    (project) => {
      rejects((value) => validateProject(value, region), project);
    },
  );
  it('suggests the sub-project form', () => {
    expect(rejects((value) => validateProject(value, region), 'dev').message).toContain('"ap-southeast-3_dev"');
  });
});

describe('validateOrg', () => {
  it.each(['a', 'team', 'team-1', 'my.team', 'my_team', 'my__team', 'a'.repeat(64), 'x9'])('accepts %s', (org) => {
    expect(validateOrg(org)).toBe(org);
  });
  it.each([...HOSTILE, 'Team', 'TEAM', '1team', 'team-', 'team.', '_team', 'a'.repeat(65), 'my.-team', 'a/b', 'é'])(
    'rejects %j',
    (org) => {
      rejects(validateOrg, org);
    },
  );
  it('names upper case as the problem', () => {
    expect(rejects(validateOrg, 'Team').message).toContain('upper case');
  });
});

describe('validateHost', () => {
  it.each(['swr.ap-southeast-3.myhuaweicloud.com', 'localhost', 'localhost:5000', '127.0.0.1:5000', 'registry-1.example.eu'])(
    'accepts %s',
    (host) => {
      expect(validateHost(host)).toBe(host);
    },
  );
  it.each([...HOSTILE, 'https://swr.example.com', 'swr.example.com/path', 'SWR.example.com', '-a.com', 'a..com', 'a.com:', 'a.com:123456'])(
    'rejects %j',
    (host) => {
      rejects(validateHost, host);
    },
  );
});

describe('validateAk and validateSk', () => {
  it('accepts Huawei-shaped keys', () => {
    expect(validateAk('TESTAKEXAMPLE123')).toBe('TESTAKEXAMPLE123');
    expect(validateSk('testSecretKeyExample0123456789abcdefABCD', 'test')).toBe('testSecretKeyExample0123456789abcdefABCD');
  });
  it.each([...HOSTILE, 'SHORT', 'A'.repeat(31), 'AKWITH-DASH123'])('rejects the AK %j', (ak) => {
    rejects(validateAk, ak);
  });
  it.each([...HOSTILE, 'a'.repeat(29), 'a'.repeat(51), 'a'.repeat(29) + '+'])('rejects the SK %j without echoing it', (sk) => {
    const error = rejects((value) => validateSk(value, 'standard input'), sk);
    if (sk.length > 2) expect(error.message).not.toContain(sk);
  });
});

describe('other names', () => {
  it('checks login keys', () => {
    expect(validateLoginKey('a'.repeat(64), 'x')).toHaveLength(64);
    for (const key of ['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64), ...HOSTILE]) rejects((value) => validateLoginKey(value, 'x'), key);
  });
  it('checks profile names', () => {
    for (const name of ['default', 'prod', 'Team_2', 'a-b']) expect(validateProfileName(name)).toBe(name);
    for (const name of [...HOSTILE, '..', '.hidden', 'a/b', '_x', 'a'.repeat(65)]) rejects(validateProfileName, name);
  });
  it('checks --cmd prefixes', () => {
    for (const prefix of ['swr', 'hw', 'my_swr', 'x', 'a-b']) expect(validatePrefix(prefix)).toBe(prefix);
    for (const prefix of [...HOSTILE, '1x', 'a-', 'a.b', 'a'.repeat(33)]) rejects(validatePrefix, prefix);
  });
});

describe('values that could be secrets, and the messages that name a problem', () => {
  it('takes a run of 16 letters and digits that mixes both for a secret, not one of letters or digits only', () => {
    expect(couldBeSecret('abcdefgh12345678')).toBe(true);
    expect(couldBeSecret('x-12345678ABCDEFGH-x')).toBe(true);
    expect(couldBeSecret('abcdefg1234567-8')).toBe(false); // runs of 15 and 1
    expect(couldBeSecret('credentialprovider')).toBe(false);
    expect(couldBeSecret('1234567890123456789')).toBe(false);
    expect(couldBeSecret('a-'.repeat(128))).toBe(false); // 256 characters
    expect(couldBeSecret('a-'.repeat(128) + 'b')).toBe(true);
  });

  it('shows a value quoted, or only its length when it could be a secret', () => {
    expect(show('a"b\n')).toBe('"a\\"b\\n"');
    expect(show('abcdefgh12345678')).toBe('(16 characters, not shown)');
  });

  it('names a line break, upper case and other characters, hiding what could be a secret', () => {
    const tail = ' Give a host name in lower case, optionally with :PORT, and no scheme or path (for example swr.ap-southeast-3.myhuaweicloud.com).';
    expect(rejects(validateHost, 'a\nb').message).toBe(`invalid registry host "a\\nb": it contains a line break.${tail}`);
    expect(rejects(validateHost, 'a\rb').message).toBe(`invalid registry host "a\\rb": it contains a line break.${tail}`);
    expect(rejects(validateHost, 'aB').message).toBe(`invalid registry host "aB": it contains upper case ("B").${tail}`);
    expect(rejects(validateHost, 'a+b').message).toBe(`invalid registry host "a+b": it contains "+".${tail}`);
    expect(rejects(validateHost, 'abcdefgh12345678X').message).toBe(
      `invalid registry host (17 characters, not shown): it contains upper case.${tail}`,
    );
    expect(rejects(validateHost, 'abcdefgh12345678+').message).toBe(
      `invalid registry host (17 characters, not shown): it contains characters that are not allowed.${tail}`,
    );
  });

  it('refuses a profile name that looks like a key, without showing it', () => {
    expect(rejects(validateProfileName, 'abcdefgh12345678').message).toBe(
      'invalid profile name (16 characters, not shown): it has 16 letters and digits in a row, as a key has. ' +
        'A profile name is a short label: use letters, digits, "_" or "-" with a "-" or "_" at least every 15 characters.',
    );
    expect(validateProfileName('abcdefg-12345678')).toBe('abcdefg-12345678');
  });
});
