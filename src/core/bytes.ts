// File contents as "binary strings": one character per byte (code 0 to 255).
// String search, slicing and comparison then work on the exact bytes, so a
// dotfile in Latin-1, with CRLF line ends or with stray invalid UTF-8 comes
// back byte for byte. Only text that swr-shell writes is encoded as UTF-8.

const CHUNK = 0x8000;

export function bytesToBinary(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return binary;
}

export function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The UTF-8 bytes of `text`, as a binary string. */
export function utf8ToBinary(text: string): string {
  return bytesToBinary(new TextEncoder().encode(text));
}

/** A binary string shown as text: UTF-8 where it is, U+FFFD for bytes that are not. For display only. */
export function binaryToDisplay(binary: string): string {
  return new TextDecoder().decode(binaryToBytes(binary));
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
