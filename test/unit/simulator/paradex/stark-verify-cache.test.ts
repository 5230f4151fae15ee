import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Point } from '@scure/starknet';
import {
  STARK_CURVE_ORDER,
  formatStarkSignature,
  signStarkHash,
  starkPublicKeyOf,
  verifyStarkSignature,
} from '../../../../src/crypto/starknet/index.js';
import { StarkKeyVerifier, StarkKeyVerifierCache } from '../../../../src/crypto/starknet/stark-verify-cache.js';
import { FIXED, vectors } from './support.js';

const privateHex = (k: bigint) => k.toString(16).padStart(64, '0');
const KEY_A = 0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdn;
const KEY_B = 0x5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eedn;

describe('StarkKeyVerifierCache (fast Stark ECDSA verification)', () => {
  const cache = new StarkKeyVerifierCache(4);

  it('verifies the recorded vector signatures', () => {
    const key = BigInt(FIXED.stark_public_key);
    for (const signed of [vectors.auth, vectors.onboarding, ...vectors.orders, vectors.modify_order]) {
      const sig = { r: BigInt(signed.signature.r), s: BigInt(signed.signature.s) };
      expect(cache.verify(BigInt(signed.message_hash), sig, key)).toBe(true);
      expect(cache.verify(BigInt(signed.message_hash) + 1n, sig, key)).toBe(false);
    }
  });

  it('agrees with @scure/starknet on random keys, hashes and tampered signatures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(KEY_A, KEY_B, 7n, STARK_CURVE_ORDER - 2n),
        fc.bigInt({ min: 0n, max: (1n << 251n) - 1n }),
        fc.constantFrom('none', 'hash', 'r', 's', 'negate-s'),
        (key, hash, tamper) => {
          const pub = starkPublicKeyOf(privateHex(key));
          const sig = signStarkHash(hash, privateHex(key));
          const used =
            tamper === 'r' ? { r: sig.r + 1n, s: sig.s } : tamper === 's' ? { r: sig.r, s: sig.s + 1n } : tamper === 'negate-s' ? { r: sig.r, s: STARK_CURVE_ORDER - sig.s } : sig;
          const h = tamper === 'hash' ? hash ^ 1n : hash;
          const reference = verifyStarkSignature(h, formatStarkSignature(used), pub);
          expect(cache.verify(h, used, pub)).toBe(reference);
          if (tamper === 'none') expect(reference).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('accepts a signature by the key whose point has the other y parity (x-only registration)', () => {
    // n - k has the same x coordinate as k·G with y negated.
    const negated = STARK_CURVE_ORDER - KEY_A;
    const pub = starkPublicKeyOf(privateHex(KEY_A));
    expect(starkPublicKeyOf(privateHex(negated))).toBe(pub);
    const hash = 0xabcdef0123456789n;
    expect(cache.verify(hash, signStarkHash(hash, privateHex(negated)), pub)).toBe(true);
    expect(cache.verify(hash, signStarkHash(hash, privateHex(KEY_A)), pub)).toBe(true);
  });

  it('refuses out-of-range values and keys that are not curve points', () => {
    const pub = starkPublicKeyOf(privateHex(KEY_A));
    const hash = 12345n;
    const sig = signStarkHash(hash, privateHex(KEY_A));
    expect(cache.verify(1n << 251n, sig, pub)).toBe(false);
    expect(cache.verify(hash, { r: 0n, s: sig.s }, pub)).toBe(false);
    expect(cache.verify(hash, { r: sig.r, s: 0n }, pub)).toBe(false);
    expect(cache.verify(hash, { r: 1n << 251n, s: sig.s }, pub)).toBe(false);
    // Find an x with no curve point (about half of all x values).
    let x = 2n;
    while (isOnCurve(x)) x++;
    expect(StarkKeyVerifier.of(x)).toBeNull();
    expect(cache.verify(hash, sig, x)).toBe(false);
  });

  it('keeps at most `capacity` keys and still verifies evicted ones', () => {
    const small = new StarkKeyVerifierCache(1);
    const hash = 99n;
    for (const key of [KEY_A, KEY_B, KEY_A]) {
      expect(small.verify(hash, signStarkHash(hash, privateHex(key)), starkPublicKeyOf(privateHex(key)))).toBe(true);
    }
    expect(() => new StarkKeyVerifierCache(0)).toThrow(RangeError);
  });
});

function isOnCurve(x: bigint): boolean {
  try {
    Point.fromHex(`02${x.toString(16).padStart(64, '0')}`);
    return true;
  } catch {
    return false;
  }
}
