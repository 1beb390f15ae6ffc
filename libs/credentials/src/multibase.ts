// base58btc (the Bitcoin alphabet) and the Multikey prefixes for Ed25519, small enough to keep
// here rather than depend on an ESM-only package.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
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

/** Decodes base58btc; undefined for a character outside the alphabet. */
export function base58btcDecode(text: string): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    let carry = INDEX.get(text[i]);
    if (carry === undefined) return undefined;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()]);
}

/** `z` + base58btc: the multibase form of proof values and Multikey keys. */
export function multibaseEncode(bytes: Uint8Array): string {
  return 'z' + base58btcEncode(bytes);
}

export function multibaseDecode(text: string): Uint8Array | undefined {
  return text.startsWith('z') ? base58btcDecode(text.slice(1)) : undefined;
}

/** Multicodec prefixes: ed25519-pub (0xed) and ed25519-priv (0x1300), as varints. */
export const ED25519_PUB_PREFIX = Uint8Array.of(0xed, 0x01);
export const ED25519_PRIV_PREFIX = Uint8Array.of(0x80, 0x26);
