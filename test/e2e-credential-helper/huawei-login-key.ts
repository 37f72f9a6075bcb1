// The login key by Huawei's documented openssl one-liner (SPEC section 1), not by
// our code: the expected answer of the helper and the registry's password.

import { execFileSync } from 'node:child_process';

const HUAWEI_ONE_LINER =
  'printf "$AK" | openssl dgst -binary -sha256 -hmac "$SK" | od -An -vtx1 | sed \'s/[ \\n]//g\' | sed \'N;s/\\n//\'';

export function opensslLoginKey(ak: string, sk: string): string {
  return execFileSync('sh', ['-c', HUAWEI_ONE_LINER], { env: { ...process.env, AK: ak, SK: sk }, encoding: 'utf8' }).trim();
}
