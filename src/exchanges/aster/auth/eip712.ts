/**
 * The EIP-712 digest Aster V3 signs (aster.md §3.2): typed data
 * `Message { string msg }` under the domain `AsterSignTransaction / version 1 / chainId /
 * verifyingContract 0x0`, where `msg` is the exact parameter text that goes on the wire.
 *
 * Written out by hand rather than through a generic typed-data encoder because there is one
 * fixed type: the domain separator is computed once per chain id and the struct hash is one
 * keccak of the message text plus one of a 64-byte buffer. That is what makes a V3 signature
 * cost little more than the ECDSA signature itself.
 *
 *   domainSeparator = keccak(typeHash(EIP712Domain) ‖ keccak(name) ‖ keccak(version) ‖ uint256(chainId) ‖ uint256(0))
 *   structHash      = keccak(typeHash(Message) ‖ keccak(utf8(msg)))
 *   digest          = keccak(0x19 0x01 ‖ domainSeparator ‖ structHash)
 */
import { keccak_256 } from '@noble/hashes/sha3.js';

/** Chain ids of the V3 signing domain: mainnet (aster.md §3.2) and testnet ([D3T]). */
export const ASTER_CHAIN_ID = { mainnet: 1666, testnet: 714 } as const;

export const ASTER_DOMAIN_NAME = 'AsterSignTransaction';
export const ASTER_DOMAIN_VERSION = '1';
export const DOMAIN_TYPE = 'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)';
export const MESSAGE_TYPE = 'Message(string msg)';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

export const DOMAIN_TYPE_HASH = keccak_256(utf8(DOMAIN_TYPE));
export const MESSAGE_TYPE_HASH = keccak_256(utf8(MESSAGE_TYPE));

const separators = new Map<number, Uint8Array>();

/** keccak of the domain struct for `chainId` (cached: one per chain). */
export function domainSeparator(chainId: number): Uint8Array {
  let cached = separators.get(chainId);
  if (cached !== undefined) return cached;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new RangeError(`chainId must be a positive integer (got ${chainId})`);
  const encoded = new Uint8Array(5 * 32);
  encoded.set(DOMAIN_TYPE_HASH, 0);
  encoded.set(keccak_256(utf8(ASTER_DOMAIN_NAME)), 32);
  encoded.set(keccak_256(utf8(ASTER_DOMAIN_VERSION)), 64);
  // uint256(chainId), big-endian; verifyingContract = address(0) leaves the last word zero.
  let value = BigInt(chainId);
  for (let i = 127; value > 0n; i--, value >>= 8n) encoded[i] = Number(value & 0xffn);
  cached = keccak_256(encoded);
  separators.set(chainId, cached);
  return cached;
}

/** keccak(typeHash(Message) ‖ keccak(utf8(msg))). */
export function messageStructHash(msg: string): Uint8Array {
  const encoded = new Uint8Array(64);
  encoded.set(MESSAGE_TYPE_HASH, 0);
  encoded.set(keccak_256(utf8(msg)), 32);
  return keccak_256(encoded);
}

/** The 32-byte digest an Aster V3 signature signs. */
export function asterDigest(msg: string, chainId: number): Uint8Array {
  const encoded = new Uint8Array(66);
  encoded[0] = 0x19;
  encoded[1] = 0x01;
  encoded.set(domainSeparator(chainId), 2);
  encoded.set(messageStructHash(msg), 34);
  return keccak_256(encoded);
}

export function toHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
