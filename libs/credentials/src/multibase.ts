/**
 * Multibase base58btc (`z…`) and the two Ed25519 multicodec headers, enough to read and write Multikey values
 * synchronously (the @digitalbazaar helpers are async and ESM-only).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** multicodec `ed25519-pub` (0xed) as a varint. */
export const ED25519_PUB_HEADER = Uint8Array.of(0xed, 0x01);
/** multicodec `ed25519-priv` (0x1300) as a varint. */
export const ED25519_PRIV_HEADER = Uint8Array.of(0x80, 0x26);

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  return (
    '1'.repeat(zeros) +
    digits
      .reverse()
      .map((d) => ALPHABET[d])
      .join('')
  );
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = INDEX.get(text[i]!);
    if (value === undefined) throw new Error(`not a base58btc character: ${JSON.stringify(text[i])}`);
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  out.set(bytes.reverse(), zeros);
  return out;
}

/** `z` + base58btc(header ‖ key). */
export function encodeMultikey(header: Uint8Array, key: Uint8Array): string {
  const bytes = new Uint8Array(header.length + key.length);
  bytes.set(header);
  bytes.set(key, header.length);
  return `z${base58btcEncode(bytes)}`;
}

/** The raw key of a `z…` multibase value with the expected multicodec header, or throws. */
export function decodeMultikey(value: string, header: Uint8Array, keyLength: number): Uint8Array {
  if (typeof value !== 'string' || !value.startsWith('z'))
    throw new Error('expected a multibase base58btc (z…) value');
  const bytes = base58btcDecode(value.slice(1));
  if (bytes.length !== header.length + keyLength || header.some((b, i) => bytes[i] !== b)) {
    throw new Error('unexpected multicodec header or key length');
  }
  return bytes.slice(header.length);
}
