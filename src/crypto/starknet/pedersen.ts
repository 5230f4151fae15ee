/**
 * Fast Starknet Pedersen hash.
 *
 *   H(a, b) = x( SHIFT + a_low·P1 + a_high·P2 + b_low·P3 + b_high·P4 )
 *
 * The reference implementation walks all 252 bits of each input and does one full point addition
 * per set bit (~250 additions per hash). Here each of the four constant points gets a fixed-base
 * table of signed-digit windows: T[w][d] = d·2^(W·w)·P for d in 1..2^(W-1). A 248-bit input then
 * costs one mixed (extended Jacobian + affine) addition per non-zero W-bit digit (W = 12: about
 * 22), a small input (timestamp, size scaled by 1e8) only as many additions as it has digits, and
 * a constant input (market name, order type, element count, a hash prefix that never changes)
 * costs one addition or nothing once its point is cached as a PedersenLeftTerm/PedersenRightTerm.
 *
 * The tables are built on first use (see warmUpPedersen) and hold public data only.
 */
import { FIELD_PRIME } from './felt.js';
import { PEDERSEN_P1, PEDERSEN_P2, PEDERSEN_P3, PEDERSEN_P4, PEDERSEN_SHIFT_POINT } from './pedersen-constants.js';
import type { BaseTables } from './pedersen-tables.js';
import { buildBaseTables } from './pedersen-tables.js';
import type { AffinePoint } from './stark-jacobian.js';
import { JacobianAccumulator } from './stark-jacobian.js';

/** Window width in bits; a multiple of 4 so windows are read straight from hex digits. */
const WINDOW_BITS = 12;
const WINDOW_HEX_DIGITS = WINDOW_BITS / 4;
const WINDOW_FULL = 1 << WINDOW_BITS;
/** Signed digits lie in [-HALF, HALF]; the table stores 1..HALF and negation is free (y -> -y). */
const WINDOW_HALF = WINDOW_FULL >> 1;
const LOW_BITS = 248;
const LOW_HEX_DIGITS = LOW_BITS / 4;
/** The top window may take a carry, hence the +1. */
const WINDOW_COUNT = Math.floor(LOW_BITS / WINDOW_BITS) + 1;

interface PedersenTables {
  readonly left: BaseTables;
  readonly right: BaseTables;
  readonly buildMs: number;
}

let tables: PedersenTables | undefined;

function getTables(): PedersenTables {
  if (tables === undefined) {
    const start = performance.now();
    const left = buildBaseTables(PEDERSEN_P1, PEDERSEN_P2, WINDOW_BITS, WINDOW_COUNT);
    const right = buildBaseTables(PEDERSEN_P3, PEDERSEN_P4, WINDOW_BITS, WINDOW_COUNT);
    tables = { left, right, buildMs: performance.now() - start };
  }
  return tables;
}

/**
 * Builds the Pedersen tables now instead of on the first hash (call it at start-up so the first
 * order does not pay for it). Returns how long the build took, in milliseconds (0 if already built).
 */
export function warmUpPedersen(): number {
  if (tables !== undefined) return 0;
  return getTables().buildMs;
}

/** Adds value·P_low + high(value)·P_high to acc, value in [0, p). */
function addScalar(acc: JacobianAccumulator, value: bigint, table: BaseTables): void {
  if (value === 0n) return;
  const hex = value.toString(16);
  let end = hex.length;
  const lowStart = end > LOW_HEX_DIGITS ? end - LOW_HEX_DIGITS : 0;
  if (lowStart > 0) {
    const high = parseInt(hex.slice(0, lowStart), 16);
    acc.addAffine(table.highX[high - 1] as bigint, table.highY[high - 1] as bigint);
  }
  const { lowX, lowY } = table;
  let carry = 0;
  let offset = 0;
  while (end > lowStart || carry !== 0) {
    let digit = carry;
    if (end > lowStart) {
      const start = end - WINDOW_HEX_DIGITS > lowStart ? end - WINDOW_HEX_DIGITS : lowStart;
      digit += parseInt(hex.slice(start, end), 16);
      end = start;
    }
    if (digit > WINDOW_HALF) {
      digit -= WINDOW_FULL;
      carry = 1;
    } else {
      carry = 0;
    }
    if (digit > 0) {
      acc.addAffine(lowX[offset + digit - 1] as bigint, lowY[offset + digit - 1] as bigint);
    } else if (digit < 0) {
      acc.addAffine(lowX[offset - digit - 1] as bigint, -(lowY[offset - digit - 1] as bigint));
    }
    offset += WINDOW_HALF;
  }
}

function checkFelt(value: bigint, name: string): void {
  if (typeof value !== 'bigint' || value < 0n || value >= FIELD_PRIME) {
    throw new RangeError(`Pedersen ${name} input must be a felt: a bigint with 0 <= value < p`);
  }
}

/** SHIFT + a·(P1, P2) for a first operand that does not change: reused across hashes. */
export class PedersenLeftTerm {
  private constructor(readonly start: AffinePoint) {}

  static of(a: bigint): PedersenLeftTerm {
    checkFelt(a, 'first');
    const acc = new JacobianAccumulator().reset(PEDERSEN_SHIFT_POINT);
    addScalar(acc, a, getTables().left);
    const point = acc.affine();
    if (point === null) throw new Error('internal error: Pedersen term is the point at infinity');
    return new PedersenLeftTerm(point);
  }
}

/**
 * b·(P3, P4) for a second operand that does not change (null point for b = 0), and SHIFT + b·(P3, P4)
 * so that a hash with a variable first operand starts from it and saves one addition.
 */
export class PedersenRightTerm {
  private constructor(
    readonly point: AffinePoint | null,
    readonly shifted: AffinePoint,
  ) {}

  static of(b: bigint): PedersenRightTerm {
    checkFelt(b, 'second');
    const tables = getTables();
    const acc = new JacobianAccumulator().reset(null);
    addScalar(acc, b, tables.right);
    const point = acc.affine();
    acc.reset(PEDERSEN_SHIFT_POINT);
    addScalar(acc, b, tables.right);
    const shifted = acc.affine();
    if (shifted === null) throw new Error('internal error: Pedersen term is the point at infinity');
    return new PedersenRightTerm(point, shifted);
  }
}

/** Reused by every hash: the hashing is synchronous, so one scratch accumulator is enough. */
const scratch = new JacobianAccumulator();

/**
 * H(left, right) where either side may be a precomputed term. Bigint operands are trusted to be
 * felts (internal callers pass hash outputs and validated encodings); use pedersenHash for
 * untrusted input.
 */
export function pedersenPartial(left: bigint | PedersenLeftTerm, right: bigint | PedersenRightTerm): bigint {
  const t = getTables();
  if (typeof left === 'bigint') {
    if (typeof right === 'bigint') {
      scratch.reset(PEDERSEN_SHIFT_POINT);
      addScalar(scratch, right, t.right);
    } else {
      scratch.reset(right.shifted);
    }
    addScalar(scratch, left, t.left);
  } else {
    scratch.reset(left.start);
    if (typeof right === 'bigint') addScalar(scratch, right, t.right);
    else if (right.point !== null) scratch.addAffine(right.point.x, right.point.y);
  }
  return scratch.affineX();
}

/** The Starknet Pedersen hash of two felts (bigints in [0, p)); throws RangeError otherwise. */
export function pedersenHash(a: bigint, b: bigint): bigint {
  checkFelt(a, 'first');
  checkFelt(b, 'second');
  return pedersenPartial(a, b);
}

/**
 * Starknet's compute_hash_on_elements: H(...H(H(0, x1), x2)..., xn) then H(acc, n).
 * Used for calldata hashes and by the reference typed-data hasher.
 */
export function pedersenHashOnElements(values: readonly bigint[]): bigint {
  let acc = 0n;
  for (const value of values) acc = pedersenHash(acc, value);
  return pedersenHash(acc, BigInt(values.length));
}
