/**
 * Arithmetic in the Stark prime field, tuned for the Pedersen hash.
 *
 * Inversion (single and batched) lives here; multiplication is plain `(a * b) % p` inline at the
 * call sites (V8's BigInt remainder beats every special-form reduction we tried for this prime,
 * because each extra BigInt operation allocates). Inversion uses Lehmer's extended Euclid: it works on the leading 48
 * bits in doubles and applies the accumulated 2x2 cofactor matrix to the BigInts once per ~20
 * quotient steps, about 4x faster than a BigInt-per-step Euclid. Every Pedersen output needs one
 * inversion (Jacobian -> affine x), so this matters.
 */
import { FIELD_PRIME } from './felt.js';

const P = FIELD_PRIME;
const TWO_POW_53 = 2 ** 53;
/** Leading bits taken for the double-precision phase: sums like uh + A must stay below 2^53. */
const LEAD_BITS = 48;

/** a^-1 mod p for a in [1, p). Throws RangeError for 0 (no inverse). */
export function invertField(a: bigint): bigint {
  let value = a % P;
  if (value < 0n) value += P;
  if (value === 0n) throw new RangeError('0 has no inverse in the Stark field');
  // Invariants (mod p): u ≡ x0 * a, v ≡ x1 * a, u >= v >= 0, gcd(u, v) = gcd(p, a) = 1.
  let u = P;
  let v = value;
  let x0 = 0n;
  let x1 = 1n;
  while (v !== 0n) {
    const uApprox = Number(u);
    if (uApprox < TWO_POW_53) {
      // Both fit in a double exactly: finish in doubles. The cofactors stay below u < 2^53.
      let uh = uApprox;
      let vh = Number(v);
      let A = 1;
      let B = 0;
      let C = 0;
      let D = 1;
      while (vh !== 0) {
        const q = Math.floor(uh / vh);
        let t = A - q * C;
        A = C;
        C = t;
        t = B - q * D;
        B = D;
        D = t;
        t = uh - q * vh;
        uh = vh;
        vh = t;
      }
      x0 = BigInt(A) * x0 + BigInt(B) * x1;
      u = BigInt(uh);
      break;
    }
    // Lehmer step (Knuth, Algorithm L) on the leading LEAD_BITS bits of u and v.
    const shift = BigInt(Math.floor(Math.log2(uApprox)) + 1 - LEAD_BITS);
    let uh = Number(u >> shift);
    let vh = Number(v >> shift);
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      const vc = vh + C;
      const vd = vh + D;
      if (vc === 0 || vd === 0) break;
      const q = Math.floor((uh + A) / vc);
      // The quotient is only certain when both bounds agree.
      if (q !== Math.floor((uh + B) / vd)) break;
      let t = A - q * C;
      A = C;
      C = t;
      t = B - q * D;
      B = D;
      D = t;
      t = uh - q * vh;
      uh = vh;
      vh = t;
    }
    if (B === 0) {
      // The leading bits could not decide a single quotient: one full-precision step.
      const q = u / v;
      const r = u - q * v;
      u = v;
      v = r;
      const x = x0 - q * x1;
      x0 = x1;
      x1 = x;
    } else {
      const bA = BigInt(A);
      const bB = BigInt(B);
      const bC = BigInt(C);
      const bD = BigInt(D);
      const nu = bA * u + bB * v;
      v = bC * u + bD * v;
      u = nu;
      const nx = bA * x0 + bB * x1;
      x1 = bC * x0 + bD * x1;
      x0 = nx;
    }
  }
  if (u !== 1n) throw new RangeError('value has no inverse in the Stark field');
  let inverse = x0 % P;
  if (inverse < 0n) inverse += P;
  // Cheap insurance (one multiplication) against an arithmetic slip: a wrong inverse would give a
  // wrong hash, i.e. a rejected order, so fail loudly instead.
  if ((inverse * value) % P !== 1n) throw new Error('internal error: Stark field inversion check failed');
  return inverse;
}

/** x mod p in [0, p) for any BigInt (including negatives left by lazy subtraction). */
export function reduceField(x: bigint): bigint {
  const r = x % P;
  return r < 0n ? r + P : r;
}

/**
 * Inverts every value with a single field inversion (Montgomery's trick: 3 multiplications per
 * value). Values must be non-zero mod p.
 */
export function batchInvertField(values: readonly bigint[]): bigint[] {
  const n = values.length;
  const prefix = new Array<bigint>(n);
  let running = 1n;
  for (let i = 0; i < n; i++) {
    prefix[i] = running;
    running = (running * (values[i] as bigint)) % P;
  }
  let inv = invertField(running);
  const out = new Array<bigint>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = reduceField(inv * (prefix[i] as bigint));
    inv = (inv * (values[i] as bigint)) % P;
  }
  return out;
}
