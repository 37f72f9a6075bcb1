// SWR's long-term login key: lower-case hex of HMAC-SHA256 with the SK as key
// and the AK as message. Web Crypto is global in Node.js and Deno alike, so this
// needs no runtime-specific import.

export async function loginKey(ak: string, sk: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(sk),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(ak)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function loginUser(project: string, ak: string): string {
  return `${project}@${ak}`;
}
