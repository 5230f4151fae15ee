/**
 * The V3 signature scheme Aster documented from 2025-09 to 2026-01-22 (aster.md §3.5), kept only
 * to recognise and explain requests from old clients (and to check the documented vectors). The
 * client never signs with it.
 *
 *   json   = the parameters as a JSON object with sorted keys, every value a string, no spaces
 *   hash   = keccak(abi.encode(string json, address user, address signer, uint256 nonce))
 *   digest = keccak("\x19Ethereum Signed Message:\n32" ‖ hash)        (personal_sign of the 32 bytes)
 */
import { keccak_256 } from '@noble/hashes/sha3.js';

function word(hexBody: string): Buffer {
  return Buffer.from(hexBody.padStart(64, '0'), 'hex');
}

/** `{"a":"1","b":"2"}` with keys in code-unit order, as the old scheme serialised parameters. */
export function legacySortedJson(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(params[k])}`).join(',')}}`;
}

/** abi.encode(string, address, address, uint256). */
export function legacyAbiEncode(json: string, user: string, signer: string, nonce: string | bigint): Uint8Array {
  const text = Buffer.from(json, 'utf8');
  const padded = Buffer.alloc(Math.ceil(text.length / 32) * 32);
  text.copy(padded);
  return Buffer.concat([
    word((4 * 32).toString(16)), // offset of the dynamic string after the four head words
    word(user.replace(/^0x/i, '').toLowerCase()),
    word(signer.replace(/^0x/i, '').toLowerCase()),
    word(BigInt(nonce).toString(16)),
    word(text.length.toString(16)),
    padded,
  ]);
}

export function legacyHash(json: string, user: string, signer: string, nonce: string | bigint): Uint8Array {
  return keccak_256(legacyAbiEncode(json, user, signer, nonce));
}

/** The digest personal_sign signs for a 32-byte message. */
export function personalSignDigest(hash: Uint8Array): Uint8Array {
  return keccak_256(Buffer.concat([Buffer.from('\x19Ethereum Signed Message:\n32', 'latin1'), hash]));
}
