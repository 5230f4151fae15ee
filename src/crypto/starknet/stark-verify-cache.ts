/**
 * Fast Stark ECDSA verification for public keys that sign again and again (a venue checking the
 * orders of its accounts). Semantics are those of @scure/starknet `verify` with the key given as
 * an x coordinate only and both y parities accepted (Cairo's check_ecdsa_signature):
 *
 *   r in [1, 2^251), s in [1, n), w = s^-1 mod n in [1, 2^251), hash in [0, 2^251)
 *   u1 = hash·w, u2 = r·w (mod n);  valid iff x(u1·G ± u2·P) mod n = r for either sign
 *
 * Speed comes from fixed-base tables (the same signed-window tables as the Pedersen hash, built
 * by pedersen-tables.ts): the generator gets 8-bit windows once per process, each public key
 * 8-bit windows on first use (a few ms; kept in a small LRU). One verification is then ~60 mixed
 * additions into one accumulator and one field inversion instead of two generic scalar
 * multiplications. Public data only: nothing here is secret or constant-time.
 */
import { Point } from '@scure/starknet';
import { FIELD_PRIME, STARK_CURVE_ORDER } from './felt.js';
import type { BaseTables } from './pedersen-tables.js';
import { buildBaseTables } from './pedersen-tables.js';
import type { AffinePoint } from './stark-jacobian.js';
import { JacobianAccumulator } from './stark-jacobian.js';
import type { StarkSignature } from './stark-signature.js';

const P = FIELD_PRIME;
const N = STARK_CURVE_ORDER;
/** Bound of message hashes, r and s^-1 (StarkWare's extra checks). */
const MAX_VALUE = 1n << 251n;
/** Scalars are below n < 2^252: 63 hex digits at most. */
const SCALAR_HEX_DIGITS = 63;

interface WindowTable {
  readonly tables: BaseTables;
  readonly hexDigits: number;
  readonly half: number;
  readonly full: number;
}

function buildWindowTable(point: AffinePoint, windowBits: number): WindowTable {
  const hexDigits = windowBits / 4;
  // One extra window takes the carry out of the top signed digit.
  const windowCount = Math.ceil(SCALAR_HEX_DIGITS / hexDigits) + 1;
  // The "high" table of buildBaseTables is unused here (scalars are below n); the point itself
  // is passed so the tiny extra table is valid data.
  return { tables: buildBaseTables(point, point, windowBits, windowCount), hexDigits, half: 1 << (windowBits - 1), full: 1 << windowBits };
}

/** acc += sign·scalar·P for scalar in [0, n), from P's window table (signed digits). */
function addMultiple(acc: JacobianAccumulator, scalar: bigint, table: WindowTable, sign: 1 | -1 = 1): void {
  if (scalar === 0n) return;
  const { lowX, lowY } = table.tables;
  const { hexDigits, half, full } = table;
  const hex = scalar.toString(16);
  let end = hex.length;
  let carry = 0;
  let offset = 0;
  while (end > 0 || carry !== 0) {
    let digit = carry;
    if (end > 0) {
      const start = end > hexDigits ? end - hexDigits : 0;
      digit += parseInt(hex.slice(start, end), 16);
      end = start;
    }
    if (digit > half) {
      digit -= full;
      carry = 1;
    } else {
      carry = 0;
    }
    if (digit !== 0) {
      const index = offset + (digit > 0 ? digit : -digit) - 1;
      const y = lowY[index] as bigint;
      // -(d·Q) = (x, -y): the sign of the digit and of the whole multiple only flip y.
      acc.addAffine(lowX[index] as bigint, (digit > 0) === (sign > 0) ? y : -y);
    }
    offset += half;
  }
}

let generatorTable: WindowTable | undefined;

function getGeneratorTable(): WindowTable {
  if (generatorTable === undefined) {
    const g = Point.BASE.toAffine();
    generatorTable = buildWindowTable({ x: g.x, y: g.y }, 8);
  }
  return generatorTable;
}

/** The point with this x (either parity), or null when x is not on the curve. */
function liftX(x: bigint): AffinePoint | null {
  if (x <= 0n || x >= P) return null;
  try {
    const point = Point.fromHex(`02${x.toString(16).padStart(64, '0')}`).toAffine();
    return { x: point.x, y: point.y };
  } catch {
    return null;
  }
}

function modN(value: bigint): bigint {
  const r = value % N;
  return r < 0n ? r + N : r;
}

/** s^-1 mod n (n is prime: Fermat would do, the extended Euclid is faster in BigInt). */
function invertModN(value: bigint): bigint {
  let [a, b, x0, x1] = [modN(value), N, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return modN(x0);
}

const scratch = new JacobianAccumulator();

/** Verifies signatures for one public key (x coordinate) with its precomputed table. */
export class StarkKeyVerifier {
  /**
   * Which of the two points with this x the key's signatures use (+1: the lifted point, -1: its
   * negation). A key's own signatures always use the same one, so after the first success one
   * pass (one field inversion) usually decides; the other parity is tried when that one fails.
   */
  private parity: 1 | -1 = 1;

  private constructor(
    readonly publicKeyX: bigint,
    private readonly table: WindowTable,
  ) {}

  /** Builds the key's table (a few ms); null when the x coordinate is not a curve point. */
  static of(publicKeyX: bigint): StarkKeyVerifier | null {
    const point = liftX(publicKeyX);
    return point === null ? null : new StarkKeyVerifier(publicKeyX, buildWindowTable(point, 8));
  }

  verify(hash: bigint, signature: StarkSignature): boolean {
    const { r, s } = signature;
    if (hash < 0n || hash >= MAX_VALUE) return false;
    if (r < 1n || r >= MAX_VALUE || s < 1n || s >= N) return false;
    const w = invertModN(s);
    if (w < 1n || w >= MAX_VALUE) return false;
    const u1 = modN(hash * w);
    const u2 = modN(r * w);
    if (this.matches(u1, u2, r, this.parity)) return true;
    const other = this.parity === 1 ? -1 : 1;
    if (!this.matches(u1, u2, r, other)) return false;
    this.parity = other;
    return true;
  }

  /** x(u1·G + parity·u2·P) mod n = r. */
  private matches(u1: bigint, u2: bigint, r: bigint, parity: 1 | -1): boolean {
    scratch.reset(null);
    addMultiple(scratch, u1, getGeneratorTable());
    addMultiple(scratch, u2, this.table, parity);
    return !scratch.infinity && modN(scratch.affineX()) === r;
  }
}

/** An LRU of per-key verifiers: the first signature of a key pays for its table. */
export class StarkKeyVerifierCache {
  readonly #capacity: number;
  readonly #verifiers = new Map<bigint, StarkKeyVerifier | null>();

  /** Each cached key holds ~4,200 precomputed points (about 0.5 MB). */
  constructor(capacity = 64) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
  }

  verifierOf(publicKeyX: bigint): StarkKeyVerifier | null {
    const cached = this.#verifiers.get(publicKeyX);
    if (cached !== undefined || this.#verifiers.has(publicKeyX)) {
      // Refresh the key's place in the LRU order.
      this.#verifiers.delete(publicKeyX);
      this.#verifiers.set(publicKeyX, cached ?? null);
      return cached ?? null;
    }
    const verifier = StarkKeyVerifier.of(publicKeyX);
    this.#verifiers.set(publicKeyX, verifier);
    if (this.#verifiers.size > this.#capacity) {
      const oldest = this.#verifiers.keys().next().value as bigint;
      this.#verifiers.delete(oldest);
    }
    return verifier;
  }

  /** False for a key that is not a curve point, or any out-of-range hash/signature value. */
  verify(hash: bigint, signature: StarkSignature, publicKeyX: bigint): boolean {
    const verifier = this.verifierOf(publicKeyX);
    return verifier !== null && verifier.verify(hash, signature);
  }
}

/** Builds the generator table now (call at start-up so the first verification does not pay). */
export function warmUpStarkVerification(): void {
  getGeneratorTable();
}
