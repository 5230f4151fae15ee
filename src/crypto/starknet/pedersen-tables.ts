/**
 * Fixed-base window tables for the Pedersen constant points (public data, built once per process).
 *
 * For a point P and window width W the low table holds d·2^(W·w)·P for every window w and every
 * digit d in 1..2^(W-1) (signed digits: negative ones reuse the entry with y negated). It is built in
 * affine coordinates level by level: entries m+1..2m of every window are entries 1..m plus entry m
 * (or its double for 2m), and all the slope denominators of one level share a single inversion.
 * That costs about 6 field multiplications per entry instead of ~18 for Jacobian additions
 * followed by a conversion.
 */
import { FIELD_PRIME } from './felt.js';
import { batchInvertField, reduceField } from './stark-field.js';
import type { AffinePoint } from './stark-jacobian.js';
import { JacobianAccumulator } from './stark-jacobian.js';

const P = FIELD_PRIME;

export interface BaseTables {
  readonly windowBits: number;
  readonly windowCount: number;
  /** lowX[w * 2^(W-1) + d - 1] is the x of d·2^(W·w)·P_low. */
  readonly lowX: bigint[];
  readonly lowY: bigint[];
  /** highX[d - 1] is the x of d·P_high, d in 1..15. */
  readonly highX: bigint[];
  readonly highY: bigint[];
}

function affineOrThrow(acc: JacobianAccumulator): AffinePoint {
  const point = acc.affine();
  if (point === null) throw new Error('internal error: Pedersen table reached infinity');
  return point;
}

/** base, 2^W·base, 2^(2W)·base, ... (count points), in affine coordinates. */
function windowBases(base: AffinePoint, windowBits: number, count: number): AffinePoint[] {
  const acc = new JacobianAccumulator().reset(base);
  const bases = [base];
  for (let w = 1; w < count; w++) {
    for (let i = 0; i < windowBits; i++) acc.double();
    bases.push(affineOrThrow(acc));
  }
  return bases;
}

/** d·base for d = 1..count (used for the tiny 4-bit high tables). */
function smallMultiples(base: AffinePoint, count: number): AffinePoint[] {
  const acc = new JacobianAccumulator().reset(base);
  const multiples = [base];
  for (let d = 2; d <= count; d++) {
    acc.addAffine(base.x, base.y);
    multiples.push(affineOrThrow(acc));
  }
  return multiples;
}

export function buildBaseTables(low: AffinePoint, high: AffinePoint, windowBits: number, windowCount: number): BaseTables {
  const half = 1 << (windowBits - 1);
  const size = windowCount * half;
  const lowX = new Array<bigint>(size);
  const lowY = new Array<bigint>(size);
  const bases = windowBases(low, windowBits, windowCount);
  for (let w = 0; w < windowCount; w++) {
    const b = bases[w] as AffinePoint;
    lowX[w * half] = b.x;
    lowY[w * half] = b.y;
  }
  // Level m: fill digits m+1..2m of every window from digits 1..m and digit m.
  for (let m = 1; m < half; m *= 2) {
    const denominators: bigint[] = [];
    for (let w = 0; w < windowCount; w++) {
      const o = w * half;
      const xm = lowX[o + m - 1] as bigint;
      for (let j = 1; j < m; j++) denominators.push(xm - (lowX[o + j - 1] as bigint));
      denominators.push(2n * (lowY[o + m - 1] as bigint)); // j = m: doubling
    }
    const inverses = batchInvertField(denominators);
    let k = 0;
    for (let w = 0; w < windowCount; w++) {
      const o = w * half;
      const xm = lowX[o + m - 1] as bigint;
      const ym = lowY[o + m - 1] as bigint;
      for (let j = 1; j <= m; j++) {
        const inv = inverses[k++] as bigint;
        const doubling = j === m;
        const xj = doubling ? xm : (lowX[o + j - 1] as bigint);
        const lambda = doubling
          ? ((3n * ((xm * xm) % P) + 1n) * inv) % P // tangent slope, curve a = 1
          : ((ym - (lowY[o + j - 1] as bigint)) * inv) % P;
        const x3 = reduceField(lambda * lambda - xm - xj);
        lowX[o + m + j - 1] = x3;
        lowY[o + m + j - 1] = reduceField(lambda * (xm - x3) - ym);
      }
    }
  }
  const highMultiples = smallMultiples(high, 15);
  return {
    windowBits,
    windowCount,
    lowX,
    lowY,
    highX: highMultiples.map((p) => p.x),
    highY: highMultiples.map((p) => p.y),
  };
}
