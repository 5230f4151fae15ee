import { getStarkKey, sign as scureSign } from '@scure/starknet';
import fc from 'fast-check';
import { ec } from 'starknet';
import { describe, expect, it } from 'vitest';
import {
  FIELD_PRIME,
  formatStarkSignature,
  parseStarkSignature,
  signStarkHash,
  verifyStarkSignature,
} from '../../../../src/exchanges/paradex/auth/index.js';
import type { HashVector } from './vectors.js';
import { FIXED, vectors } from './vectors.js';

const KEY_HEX = BigInt(FIXED.stark_private_key).toString(16).padStart(64, '0');
const PUBLIC_KEY = FIXED.stark_public_key;

const signed: [string, HashVector][] = [
  ['onboarding', vectors.onboarding],
  ['auth', vectors.auth],
  ['auth 24h', vectors.auth_24h_expiry_paradex_py_style],
  ...vectors.orders.map((o, i): [string, HashVector] => [`order ${i}`, o]),
  ['modify', vectors.modify_order],
];

describe('Stark signatures (RFC 6979 via @scure/starknet)', () => {
  it.each(signed)('%s: reproduces r and s and the header text exactly', (_name, v) => {
    const signature = signStarkHash(BigInt(v.message_hash), KEY_HEX);
    expect(signature.r.toString()).toBe(v.signature.r);
    expect(signature.s.toString()).toBe(v.signature.s);
    expect(formatStarkSignature(signature)).toBe(v.signature.header_value);
    expect(verifyStarkSignature(v.message_hash, v.signature.header_value, PUBLIC_KEY)).toBe(true);
    expect(verifyStarkSignature(BigInt(v.message_hash), v.signature.header_value, BigInt(PUBLIC_KEY))).toBe(true);
  });

  it('agrees with starknet.js ec.starkCurve.sign on random hashes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 251n) - 1n }), (hash) => {
        const ours = signStarkHash(hash, KEY_HEX);
        const theirs = ec.starkCurve.sign(`0x${hash.toString(16)}`, `0x${KEY_HEX}`);
        expect([ours.r, ours.s]).toEqual([theirs.r, theirs.s]);
      }),
      { numRuns: 40 },
    );
  });

  it('hashes with 63 and fewer hex digits sign like the padded form (leading-zero pitfall)', () => {
    const short = 0x2102820b232636d200cb21f1d330f20d096cae09d1bf3edb1cc333ddee11318n; // 63 hex digits
    const signature = signStarkHash(short, KEY_HEX);
    const reference = scureSign(short.toString(16).padStart(64, '0'), KEY_HEX);
    expect([signature.r, signature.s]).toEqual([reference.r, reference.s]);
    expect(verifyStarkSignature(short, formatStarkSignature(signature), PUBLIC_KEY)).toBe(true);
  });

  it('throws an AuthError without the key for a hash outside the signable range', () => {
    try {
      signStarkHash(FIELD_PRIME - 1n, KEY_HEX);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('AuthError');
      expect((error as Error).message).not.toContain(KEY_HEX);
      expect((error as Error).message).not.toContain(KEY_HEX.replace(/^0+/, ''));
    }
  });
});

describe('verifyStarkSignature', () => {
  const v = vectors.orders[0] as HashVector;
  const hash = BigInt(v.message_hash);

  it('tries both y parities: a key whose point has odd y and one with even y both verify', () => {
    const parities = new Set<string>();
    for (let k = 1n; parities.size < 2; k++) {
      const keyHex = (0x1000n + k).toString(16).padStart(64, '0');
      const compressed = ec.starkCurve.getPublicKey(keyHex, true);
      parities.add(compressed[0] === 2 ? 'even' : 'odd');
      const sig = formatStarkSignature(signStarkHash(hash, keyHex));
      expect(verifyStarkSignature(hash, sig, getStarkKey(keyHex))).toBe(true);
    }
    expect(parities).toEqual(new Set(['even', 'odd']));
  });

  it('rejects tampered hashes, signatures and keys', () => {
    const text = v.signature.header_value;
    expect(verifyStarkSignature(hash + 1n, text, PUBLIC_KEY)).toBe(false);
    expect(verifyStarkSignature(hash, `["${BigInt(v.signature.r) + 1n}","${v.signature.s}"]`, PUBLIC_KEY)).toBe(false);
    expect(verifyStarkSignature(hash, `["${v.signature.r}","${BigInt(v.signature.s) + 1n}"]`, PUBLIC_KEY)).toBe(false);
    expect(verifyStarkSignature(hash, text, vectors.derivation_from_eth_key.stark_public_key)).toBe(false);
    // Another order's valid signature does not transfer.
    expect(verifyStarkSignature(hash, (vectors.orders[1] as HashVector).signature.header_value, PUBLIC_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', 'r,s'],
    ['object', '{"r":"1","s":"2"}'],
    ['one element', '["1"]'],
    ['three elements', '["1","2","3"]'],
    ['numbers instead of strings', '[1,2]'],
    ['negative', '["-1","2"]'],
    ['zero r', '["0","2"]'],
    ['empty', ''],
  ])('returns false for a malformed signature (%s)', (_name, text) => {
    expect(verifyStarkSignature(hash, text, PUBLIC_KEY)).toBe(false);
  });

  it('returns false for malformed keys and hashes', () => {
    const text = v.signature.header_value;
    expect(verifyStarkSignature(hash, text, 'not-a-key')).toBe(false);
    expect(verifyStarkSignature(hash, text, '0x0')).toBe(false);
    expect(verifyStarkSignature(hash, text, FIELD_PRIME)).toBe(false);
    expect(verifyStarkSignature('xyz', text, PUBLIC_KEY)).toBe(false);
    expect(verifyStarkSignature(1n << 252n, text, PUBLIC_KEY)).toBe(false);
  });

  it('parses and formats the ["r","s"] text', () => {
    expect(parseStarkSignature('["12","34"]')).toEqual({ r: 12n, s: 34n });
    expect(parseStarkSignature('["0x0c","0x22"]')).toEqual({ r: 12n, s: 34n });
    expect(parseStarkSignature('["12", 34]')).toBeNull();
    expect(formatStarkSignature({ r: 12n, s: 34n })).toBe('["12","34"]');
  });
});
