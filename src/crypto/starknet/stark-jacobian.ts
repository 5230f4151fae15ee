/**
 * Minimal Stark-curve point arithmetic for the Pedersen hash: a mutable accumulator that adds affine
 * points.
 *
 * It uses extended Jacobian ("XYZZ") coordinates, (X, Y, ZZ, ZZZ) with x = X/ZZ, y = Y/ZZZ and
 * ZZ^3 = ZZZ^2: adding an affine point costs 10 field multiplications (madd-2008-s) instead of 11
 * for plain Jacobian, and reading the affine x needs only ZZ^-1.
 *
 * Coordinates are kept only partially reduced, anywhere in (-p, p): skipping the "if negative add
 * p" step after each subtraction saves BigInt operations, and products do not care about the sign.
 * Values are brought to [0, p) only when a result leaves this module.
 *
 * Curve: y^2 = x^3 + x + b over F_p (a = 1). Public data only: nothing here is secret, so the code
 * is not constant-time (the secret-key operations stay in @scure/starknet).
 */
import { FIELD_PRIME } from './felt.js';
import { invertField, reduceField } from './stark-field.js';

const P = FIELD_PRIME;

export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export class JacobianAccumulator {
  private x = 0n;
  private y = 0n;
  private zz = 1n;
  private zzz = 1n;
  /** The point at infinity (the group identity). */
  infinity = true;
  /** ZZ = ZZZ = 1 exactly, so the next addition can skip the Z products. */
  private zIsOne = true;

  reset(start: AffinePoint | null): this {
    if (start === null) {
      this.infinity = true;
    } else {
      this.x = start.x;
      this.y = start.y;
      this.zz = 1n;
      this.zzz = 1n;
      this.zIsOne = true;
      this.infinity = false;
    }
    return this;
  }

  /** this += (x2, y2); coordinates of the addend in (-p, p). */
  addAffine(x2: bigint, y2: bigint): void {
    if (this.infinity) {
      this.reset({ x: x2, y: y2 });
      return;
    }
    const x1 = this.x;
    const y1 = this.y;
    // h = x2·ZZ - X1, r = y2·ZZZ - Y1, both in (-2p, 2p): 0 mod p only at -p, 0 or p.
    const h = this.zIsOne ? x2 - x1 : (x2 * this.zz) % P - x1;
    const r = this.zIsOne ? y2 - y1 : (y2 * this.zzz) % P - y1;
    if (h === 0n || h === P || h === -P) {
      if (r === 0n || r === P || r === -P) this.double();
      else this.infinity = true;
      return;
    }
    const hh = (h * h) % P;
    const hhh = (h * hh) % P;
    const q = (x1 * hh) % P;
    const x3 = (r * r - hhh - q - q) % P;
    this.y = (r * (q - x3) - y1 * hhh) % P;
    this.x = x3;
    if (this.zIsOne) {
      this.zz = hh;
      this.zzz = hhh;
      this.zIsOne = false;
    } else {
      this.zz = (this.zz * hh) % P;
      this.zzz = (this.zzz * hhh) % P;
    }
  }

  /** this = 2 * this (dbl-2008-s-1 with a = 1). Rare in hashing; used to build tables. */
  double(): void {
    if (this.infinity) return;
    const { x, y, zz, zzz } = this;
    if (y % P === 0n) {
      this.infinity = true;
      return;
    }
    const u = 2n * y;
    const v = (u * u) % P;
    const w = (u * v) % P;
    const s = (x * v) % P;
    const m = (3n * ((x * x) % P) + ((zz * zz) % P)) % P;
    const x3 = (m * m - s - s) % P;
    this.y = (m * (s - x3) - w * y) % P;
    this.x = x3;
    this.zz = (v * zz) % P;
    this.zzz = (w * zzz) % P;
    this.zIsOne = false;
  }

  /** Affine x in [0, p); throws at infinity (a Pedersen hash never gets there in practice). */
  affineX(): bigint {
    if (this.infinity) throw new Error('internal error: Pedersen sum reached the point at infinity');
    if (this.zIsOne) return reduceField(this.x);
    return reduceField(this.x * invertField(this.zz));
  }

  affine(): AffinePoint | null {
    if (this.infinity) return null;
    if (this.zIsOne) return { x: reduceField(this.x), y: reduceField(this.y) };
    // ZZ^3 = ZZZ^2, so 1/ZZ = ZZ^2 / ZZZ^2: one inversion serves both coordinates.
    const zzzInv = invertField(this.zzz);
    const zzInv = (((this.zz * this.zz) % P) * ((zzzInv * zzzInv) % P)) % P;
    return { x: reduceField(this.x * zzInv), y: reduceField(this.y * zzzInv) };
  }
}
