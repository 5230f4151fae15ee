/**
 * ECDSA over the Stark curve. Signing with the secret key stays in the audited @scure/starknet
 * (RFC 6979 deterministic k, the same signatures starknet.js and ccxt produce); this module only
 * adapts types and the wire format: the JSON text `["<r decimal>","<s decimal>"]` used in the
 * PARADEX-STARKNET-SIGNATURE header and the `signature` body field.
 */
import { Signature, getStarkKey, sign, utils, verify } from '@scure/starknet';
import { AuthError } from '../../core/errors.js';
import { FIELD_PRIME, feltToPaddedHex } from './felt.js';

export interface StarkSignature {
  readonly r: bigint;
  readonly s: bigint;
}

let basePrecomputed = false;

/**
 * Widens @scure/starknet's generator table from its default 6-bit to 8-bit windows (one-off, a few
 * tens of ms): k·G is most of the cost of a signature. This only changes speed, never results.
 */
export function warmUpStarkSigning(): void {
  if (basePrecomputed) return;
  utils.precompute(8);
  basePrecomputed = true;
}

/**
 * Signs a message hash with a private key given as 64 hex digits without 0x. The key is validated
 * by the caller (felt.ts parseStarkPrivateKey); errors never carry the key or the library's message.
 */
export function signStarkHash(hash: bigint, privateKeyHex: string): StarkSignature {
  try {
    const signature = sign(hash.toString(16), privateKeyHex);
    return { r: signature.r, s: signature.s };
  } catch (error) {
    const kind = error instanceof Error ? error.name : 'unknown error';
    throw new AuthError(`Stark signing failed (${kind}); the message hash must be below 2^251`, { exchange: 'paradex' });
  }
}

/** ["r","s"] with decimal strings: the exact text Paradex expects. */
export function formatStarkSignature(signature: StarkSignature): string {
  return `["${signature.r.toString(10)}","${signature.s.toString(10)}"]`;
}

const DECIMAL = /^[0-9]+$/;

/** Parses the `["r","s"]` text (decimal strings; 0x-hex also accepted). Returns null when malformed. */
export function parseStarkSignature(text: string): StarkSignature | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const parts: bigint[] = [];
  for (const part of parsed) {
    if (typeof part !== 'string' || !(DECIMAL.test(part) || /^0x[0-9a-f]+$/i.test(part))) return null;
    parts.push(BigInt(part));
  }
  return { r: parts[0] as bigint, s: parts[1] as bigint };
}

function toFelt(value: bigint | string): bigint | null {
  if (typeof value === 'bigint') return value;
  if (DECIMAL.test(value) || /^0x[0-9a-f]+$/i.test(value)) return BigInt(value);
  return null;
}

/**
 * Verifies a `["r","s"]` signature text over `hash` against a Stark public key given as its x
 * coordinate only (what Paradex registers). Both y parities are tried, as Cairo's
 * check_ecdsa_signature accepts either point with that x. Returns false for any malformed input.
 */
export function verifyStarkSignature(hash: bigint | string, signatureText: string, publicKeyX: bigint | string): boolean {
  const signature = parseStarkSignature(signatureText);
  const h = toFelt(hash);
  const x = toFelt(publicKeyX);
  if (signature === null || h === null || x === null || x <= 0n || x >= FIELD_PRIME) return false;
  let sig: InstanceType<typeof Signature>;
  try {
    sig = new Signature(signature.r, signature.s);
  } catch {
    return false;
  }
  const hashHex = h.toString(16);
  const xHex = feltToPaddedHex(x);
  for (const prefix of ['02', '03']) {
    try {
      if (verify(sig, hashHex, prefix + xHex)) return true;
    } catch {
      // Not a point on the curve for this parity, or a hash/signature out of range: not valid.
    }
  }
  return false;
}

/** The Stark public key (x coordinate of k·G) for a private key given as 64 hex digits. */
export function starkPublicKeyOf(privateKeyHex: string): bigint {
  return BigInt(getStarkKey(privateKeyHex));
}
