// Huawei's documented openssl pipeline for the SWR login key (SPEC §1), run by
// sh: the oracle for our own derivation and the password of the test registry.

import { execFileSync } from 'node:child_process';

export const HUAWEI_ONE_LINER =
  'printf "$AK" | openssl dgst -binary -sha256 -hmac "$SK" | od -An -vtx1 | sed \'s/[ \\n]//g\' | sed \'N;s/\\n//\'';

/** Huawei's pipeline for many pairs in one sh (one line each). */
export function opensslLoginKeys(pairs: ReadonlyArray<{ ak: string; sk: string }>): string[] {
  const script = `while read -r AK SK; do ${HUAWEI_ONE_LINER}; done`;
  const input = pairs.map(({ ak, sk }) => `${ak} ${sk}\n`).join('');
  return execFileSync('sh', ['-c', script], { input, encoding: 'utf8' }).trim().split('\n');
}

export function opensslLoginKey(ak: string, sk: string): string {
  const [key] = opensslLoginKeys([{ ak, sk }]);
  return key!;
}
