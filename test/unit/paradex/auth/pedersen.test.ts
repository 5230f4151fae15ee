import { invert } from '@noble/curves/abstract/modular.js';
import { Point, computeHashOnElements, keccak, pedersen } from '@scure/starknet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELD_PRIME,
  PedersenLeftTerm,
  PedersenRightTerm,
  pedersenHash,
  pedersenHashOnElements,
  selectorFromName,
  starknetKeccak,
  warmUpPedersen,
} from '../../../../src/exchanges/paradex/auth/index.js';
import {
  PEDERSEN_P1,
  PEDERSEN_P2,
  PEDERSEN_P3,
  PEDERSEN_P4,
  PEDERSEN_SHIFT_POINT,
  STARK_CURVE_ALPHA,
  STARK_CURVE_BETA,
} from '../../../../src/crypto/starknet/pedersen-constants.js';
import { pedersenPartial } from '../../../../src/crypto/starknet/pedersen.js';
import { batchInvertField, invertField } from '../../../../src/crypto/starknet/stark-field.js';
import { JacobianAccumulator } from '../../../../src/crypto/starknet/stark-jacobian.js';

const P = FIELD_PRIME;
const reference = (a: bigint, b: bigint): bigint => BigInt(pedersen(a, b));

/** Felts weighted towards the shapes that break window code: tiny, around 2^248, near p, sparse/dense bits. */
const felt = fc.oneof(
  fc.bigInt({ min: 0n, max: P - 1n }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.bigInt({ min: (1n << 248n) - 4096n, max: (1n << 248n) + 4096n }),
  fc.bigInt({ min: P - 4096n, max: P - 1n }),
  fc.bigInt({ min: 0n, max: 15n }).map((high) => (high << 248n) % P),
  fc.integer({ min: 0, max: 251 }).map((bit) => (1n << BigInt(bit)) % P),
  fc.integer({ min: 1, max: 251 }).map((bits) => ((1n << BigInt(bits)) - 1n) % P),
  // every 12-bit window at its signed-digit boundary (2047, 2048, 2049, 4095): carry propagation
  fc.constantFrom(0x7ffn, 0x800n, 0x801n, 0xfffn).chain((digit) =>
    fc.integer({ min: 1, max: 20 }).map((n) => {
      let v = 0n;
      for (let i = 0; i < n; i++) v = (v << 12n) | digit;
      return v % P;
    }),
  ),
);

const EDGE = [0n, 1n, 2n, 3n, 0x7ffn, 0x800n, 0x801n, (1n << 248n) - 1n, 1n << 248n, (1n << 248n) + 1n, (1n << 251n) - 1n, 1n << 251n, P - 2n, P - 1n, (1n << 250n) | 1n];

describe('Pedersen constants', () => {
  it('builds its tables (reported cost, not asserted) and is idempotent (first test of the file)', () => {
    const ms = warmUpPedersen();
    console.log(`pedersen tables: ${ms.toFixed(1)} ms to build (0 = already built)`);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(warmUpPedersen()).toBe(0);
  });

  it('are points on the Stark curve', () => {
    for (const point of [PEDERSEN_SHIFT_POINT, PEDERSEN_P1, PEDERSEN_P2, PEDERSEN_P3, PEDERSEN_P4]) {
      const lhs = (point.y * point.y) % P;
      const rhs = (point.x * point.x * point.x + STARK_CURVE_ALPHA * point.x + STARK_CURVE_BETA) % P;
      expect(lhs).toBe(rhs);
    }
  });

  it('give the documented H(0, 0) = x(shift point)', () => {
    expect(pedersenHash(0n, 0n)).toBe(PEDERSEN_SHIFT_POINT.x);
  });
});

describe('fast Pedersen vs @scure/starknet', () => {
  it('matches on every pair of edge cases', () => {
    for (const a of EDGE) for (const b of EDGE) expect(pedersenHash(a, b), `H(${a}, ${b})`).toBe(reference(a, b));
  });

  it('matches on 2000 random and adversarial pairs', () => {
    fc.assert(
      fc.property(felt, felt, (a, b) => {
        expect(pedersenHash(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same result with precomputed left and right terms', () => {
    fc.assert(
      fc.property(felt, felt, (a, b) => {
        const expected = reference(a, b);
        expect(pedersenPartial(PedersenLeftTerm.of(a), b)).toBe(expected);
        expect(pedersenPartial(a, PedersenRightTerm.of(b))).toBe(expected);
        expect(pedersenPartial(PedersenLeftTerm.of(a), PedersenRightTerm.of(b))).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('hashes arrays like compute_hash_on_elements', () => {
    fc.assert(
      fc.property(fc.array(felt, { maxLength: 8 }), (values) => {
        expect(pedersenHashOnElements(values)).toBe(BigInt(computeHashOnElements(values) as string));
      }),
      { numRuns: 60 },
    );
    expect(pedersenHashOnElements([])).toBe(reference(0n, 0n));
  });

  it('rejects inputs that are not felts', () => {
    expect(() => pedersenHash(P, 0n)).toThrow(RangeError);
    expect(() => pedersenHash(0n, -1n)).toThrow(RangeError);
    expect(() => pedersenHash(1 as unknown as bigint, 0n)).toThrow(RangeError);
    expect(() => PedersenLeftTerm.of(P)).toThrow(RangeError);
    expect(() => PedersenRightTerm.of(P + 5n)).toThrow(RangeError);
  });
});

describe('Jacobian accumulator edge cases', () => {
  const G = { x: Point.BASE.x, y: Point.BASE.y };
  const affineOf = (k: bigint) => {
    const p = Point.BASE.multiply(k).toAffine();
    return { x: p.x, y: p.y };
  };

  it('adding a point to itself doubles it (the h = 0, r = 0 branch)', () => {
    const acc = new JacobianAccumulator().reset(G);
    acc.addAffine(G.x, G.y);
    expect(acc.affine()).toEqual(affineOf(2n));
    acc.addAffine(affineOf(2n).x, affineOf(2n).y); // Jacobian Z != 1 now
    expect(acc.affine()).toEqual(affineOf(4n));
  });

  it('adding the negation reaches infinity, and infinity + P = P', () => {
    const acc = new JacobianAccumulator().reset(affineOf(5n));
    acc.addAffine(G.x, G.y);
    const six = affineOf(6n);
    acc.addAffine(six.x, P - six.y);
    expect(acc.infinity).toBe(true);
    expect(acc.affine()).toBeNull();
    expect(() => acc.affineX()).toThrow(/infinity/);
    acc.addAffine(G.x, G.y);
    expect(acc.affineX()).toBe(G.x);
  });

  it('matches noble point addition on random multiples', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 250n }), fc.bigInt({ min: 1n, max: 1n << 250n }), (a, b) => {
        const acc = new JacobianAccumulator().reset(affineOf(a));
        acc.addAffine(G.x, -G.y); // coordinates may arrive negative (lazy reduction)
        const pb = affineOf(b);
        acc.addAffine(pb.x, pb.y);
        expect(acc.affine()).toEqual(affineOf(a - 1n + b));
      }),
      { numRuns: 50 },
    );
  });
});

describe('field inversion (Lehmer)', () => {
  it('matches noble’s inversion and satisfies a·a⁻¹ = 1', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: P - 1n }), (a) => {
        const inv = invertField(a);
        expect(inv).toBe(invert(a, P));
        expect((inv * a) % P).toBe(1n);
      }),
      { numRuns: 2000 },
    );
    for (const a of [1n, 2n, P - 1n, P - 2n, 1n << 250n, (1n << 53n) - 1n, 1n << 53n, 3n ** 150n % P]) expect(invertField(a)).toBe(invert(a, P));
  });

  it('reduces negatives and refuses zero', () => {
    expect(invertField(-1n)).toBe(P - 1n);
    expect(invertField(P + 2n)).toBe(invert(2n, P));
    expect(() => invertField(0n)).toThrow(RangeError);
    expect(() => invertField(P)).toThrow(RangeError);
  });

  it('batch inversion equals one-by-one inversion', () => {
    const values = [1n, 2n, -3n, P - 1n, 123456789n, 1n << 200n];
    expect(batchInvertField(values)).toEqual(values.map((v) => invert(((v % P) + P) % P, P)));
  });
});

describe('Starknet keccak', () => {
  it('matches @scure/starknet keccak and the known initialize selector', () => {
    expect(selectorFromName('initialize')).toBe(0x79dc0da7c54b95f10aa182ad0a46400db63156920adb65eca2654c0945a463n);
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        expect(starknetKeccak(text)).toBe(keccak(new TextEncoder().encode(text)));
        expect(starknetKeccak(text) < 1n << 250n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
