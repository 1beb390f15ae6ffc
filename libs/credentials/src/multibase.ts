// Multibase base58btc (`z…`, the Bitcoin alphabet) through `bs58` (CommonJS, maintained), for
// proof values; Multikey keys are in multikey.ts.
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
