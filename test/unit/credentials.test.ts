import { describe, expect, it } from 'vitest';
import { parseCredentialsCsv } from '../../src/core/credentials.ts';
import { UsageError } from '../../src/core/errors.ts';

const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';

describe('parseCredentialsCsv', () => {
  it.each([
    ['as downloaded', `User Name,Access Key Id,Secret Access Key\n"bob",${AK},${SK}\n`],
    ['with a BOM and CRLF', `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nbob,${AK},${SK}\r\n`],
    ['without a final newline', `User Name,Access Key Id,Secret Access Key\nbob,${AK},${SK}`],
    ['without the user column', `Access Key Id,Secret Access Key\n${AK},${SK}\n`],
    ['with columns reordered and padded', ` Secret Access Key , access key id\n ${SK} , ${AK} \n\n`],
    ['with quoted fields', `"User Name","Access Key Id","Secret Access Key"\n"bob, jr.","${AK}","${SK}"\n`],
  ])('reads a file %s', (_, text) => {
    expect(parseCredentialsCsv(text, 'credentials.csv')).toEqual({ ak: AK, sk: SK });
  });

  it.each([
    ['empty', '', 'it is empty'],
    ['without the key columns', 'a,b,c\n1,2,3\n', 'no "Access Key Id"'],
    ['with a header only', 'User Name,Access Key Id,Secret Access Key\r\n', 'no keys'],
    ['with two key rows', `Access Key Id,Secret Access Key\n${AK},${SK}\n${AK},${SK}\n`, '2 rows'],
    ['with a broken AK', `Access Key Id,Secret Access Key\nAK;rm,${SK}\n`, 'is not an access key ID'],
    ['with a broken SK', `Access Key Id,Secret Access Key\n${AK},short\n`, 'invalid secret key from x.csv'],
  ])('refuses a file %s, naming it', (_, text, message) => {
    let error: unknown;
    try {
      parseCredentialsCsv(text, 'x.csv');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
    if (!message.startsWith('invalid')) expect((error as Error).message).toContain('x.csv');
  });
});

describe('parseCredentialsCsv, to the letter', () => {
  const refusal = (text: string): string => {
    try {
      parseCredentialsCsv(text, 'x.csv');
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('accepted');
  };
  const FIX =
    'Download it again from the console (My Credentials > Access Keys); it has a header row "User Name,Access Key Id,Secret Access Key" and one row of keys.';

  it('reads doubled quotes, CR line ends, blank rows and headers spelt with "_" or "-"', () => {
    expect(parseCredentialsCsv(`"Na""me",ACCESS_KEY-ID,secret  access\tkey\r"a ""b"",c",${AK},${SK}\r \r,\r`, 'x.csv')).toEqual({ ak: AK, sk: SK });
    expect(parseCredentialsCsv(`Access Key Id,Secret Access Key\n"${AK}","${SK}"`, 'x.csv')).toEqual({ ak: AK, sk: SK });
  });

  it('says exactly what is wrong, and never shows a value', () => {
    // A doubled quote is a quote in the field, not the end and start of quoting; a BOM only at the start is dropped.
    expect(refusal(`Access Key Id,Secret Access Key\n"TESTAKEXAMPLE""123",${SK}\n`)).toContain('its "Access Key Id" is not an access key ID');
    expect(refusal(`Access Key Id,Secret Access Key\nTESTAKEXAMPLE\uFEFF123,${SK}\n`)).toContain('its "Access Key Id" is not an access key ID');
    // A row with an empty cell (no user name) is a row of keys still.
    expect(parseCredentialsCsv(`User Name,Access Key Id,Secret Access Key\n,${AK},${SK}\n`, 'x.csv')).toEqual({ ak: AK, sk: SK });
    expect(refusal('')).toBe(`cannot use credentials file x.csv: it is empty. ${FIX}`);
    expect(refusal('\uFEFF\n \n')).toBe(`cannot use credentials file x.csv: it is empty. ${FIX}`);
    expect(refusal(`Access Key Id,Secret\n${AK},${SK}\n`)).toBe(
      `cannot use credentials file x.csv: its first row has no "Access Key Id" and "Secret Access Key" columns. ${FIX}`,
    );
    expect(refusal(`Access Key,Secret Access Key\n${AK},${SK}\n`)).toContain('its first row has no');
    expect(refusal('Access Key Id,Secret Access Key')).toBe(`cannot use credentials file x.csv: it has a header but no keys. ${FIX}`);
    expect(refusal(`Access Key Id,Secret Access Key\n${AK},${SK}\n${AK},${SK}\n${AK},${SK}`)).toBe(
      `cannot use credentials file x.csv: it holds 3 rows of keys, and swr-shell cannot tell which to use. ${FIX}`,
    );
    expect(refusal(`User Name,Access Key Id,Secret Access Key\n${AK},${SK}\n`)).toBe(
      `cannot use credentials file x.csv: its row of keys has 2 fields, its header 3. ${FIX}`,
    );
    expect(refusal(`Access Key Id,Secret Access Key\n${SK}x${SK},${SK}\n`)).toBe(
      `cannot use credentials file x.csv: its "Access Key Id" is not an access key ID (10 to 30 letters and digits). ${FIX}`,
    );
  });
});
