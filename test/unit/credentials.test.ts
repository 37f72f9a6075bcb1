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
