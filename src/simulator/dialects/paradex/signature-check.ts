/**
 * Checks a `["r","s"]` Stark signature over a message hash against the public keys registered for
 * an account (main key and subkeys). Paradex registers only the x coordinate of a key, so both
 * points with that x are acceptable (Cairo's check_ecdsa_signature semantics).
 */
import { parseStarkSignature } from '../../../crypto/starknet/index.js';
import { StarkKeyVerifierCache } from '../../../crypto/starknet/stark-verify-cache.js';

export class StarkSignatureChecker {
  readonly #cache = new StarkKeyVerifierCache();

  /** True when the signature verifies under any of `publicKeys`. */
  verify(hash: bigint, signatureText: string, publicKeys: readonly bigint[]): boolean {
    const signature = parseStarkSignature(signatureText);
    if (signature === null) return false;
    for (const key of publicKeys) if (this.#cache.verify(hash, signature, key)) return true;
    return false;
  }

  /** Whether the text is a well-formed `["r","s"]` signature at all. */
  static isWellFormed(signatureText: string): boolean {
    return parseStarkSignature(signatureText) !== null;
  }
}
