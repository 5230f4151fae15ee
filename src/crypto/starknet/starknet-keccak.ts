/**
 * Starknet keccak: Keccak-256 truncated to its low 250 bits, so the result is a felt. Used for
 * SNIP-12 type hashes and entry-point selectors (e.g. selector("initialize")).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';

const MASK_250 = (1n << 250n) - 1n;
const encoder = new TextEncoder();

export function starknetKeccak(text: string | Uint8Array): bigint {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  let value = 0n;
  for (const byte of keccak_256(bytes)) value = (value << 8n) | BigInt(byte);
  return value & MASK_250;
}

/** The selector of a Cairo entry point: starknet_keccak of its name. */
export function selectorFromName(name: string): bigint {
  return starknetKeccak(name);
}
