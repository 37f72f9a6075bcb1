// credentials.csv as the Huawei Cloud console downloads it: a header row
// (`User Name,Access Key Id,Secret Access Key`) and one data row. Files seen in
// the wild carry a UTF-8 byte-order mark and CRLF line ends; some omit the
// user name column. Columns are found by their header, not by position.

import { UsageError } from './errors.ts';
import { matches, validateSk } from './validate.ts';

export interface KeyPair {
  readonly ak: string;
  readonly sk: string;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

const normalize = (header: string): string => header.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

export function parseCredentialsCsv(text: string, path: string): KeyPair {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const fail = (what: string): never => {
    throw new UsageError(
      `cannot use credentials file ${path}: ${what}. ` +
        'Download it again from the console (My Credentials > Access Keys); it has a header row ' +
        '"User Name,Access Key Id,Secret Access Key" and one row of keys.',
    );
  };
  const [header, ...data] = rows;
  if (!header) return fail('it is empty');
  const headers = header.map(normalize);
  const akColumn = headers.indexOf('access key id');
  const skColumn = headers.indexOf('secret access key');
  if (akColumn < 0 || skColumn < 0) return fail('its first row has no "Access Key Id" and "Secret Access Key" columns');
  if (data.length === 0) return fail('it has a header but no keys');
  if (data.length > 1) return fail(`it holds ${data.length} rows of keys, and swr-shell cannot tell which to use`);
  const row = data[0]!;
  // A row that does not line up with the header could put the SK in the AK's
  // column, and messages never show a value from this file.
  if (row.length !== header.length) return fail(`its row of keys has ${row.length} fields, its header ${header.length}`);
  const ak = (row[akColumn] ?? '').trim();
  const sk = (row[skColumn] ?? '').trim();
  if (!matches('ak', ak)) return fail('its "Access Key Id" is not an access key ID (10 to 30 letters and digits)');
  return { ak, sk: validateSk(sk, path) };
}
