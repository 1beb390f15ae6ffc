// base58btc (the Bitcoin alphabet) through `bs58` (CommonJS, maintained; certify's issuer keys use
// it too), and the Multikey prefixes for Ed25519.
import bs58 from 'bs58';

export function base58btcEncode(bytes: Uint8Array): string {
  return bs58.encode(bytes);
}

/** Decodes base58btc; undefined for a character outside the alphabet. */
export function base58btcDecode(text: string): Uint8Array | undefined {
  return bs58.decodeUnsafe(text);
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
