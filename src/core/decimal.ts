/**
 * Exact decimal arithmetic on plain decimal strings ("65000.5", "-0.001").
 *
 * Money never goes through a float: values are parsed into (integer: bigint, scale) pairs and
 * results are written back as canonical strings (no exponent, no trailing fractional zeros,
 * no "-0"). Division and quantization take an explicit rounding mode.
 */
import type { DecimalString } from './types.js';

export type RoundingMode =
  /** toward zero */
  | 'down'
  /** away from zero */
  | 'up'
  /** toward -infinity */
  | 'floor'
  /** toward +infinity */
  | 'ceil'
  /** nearest, ties away from zero */
  | 'half_up'
  /** nearest, ties to even (banker's) */
  | 'half_even';

export class DecimalFormatError extends Error {
  constructor(readonly input: string, readonly field?: string) {
    super(`${field ?? 'value'} must be a plain decimal number like "65000.5" (got "${input}")`);
    this.name = 'DecimalFormatError';
  }
}

interface Parsed {
  /** value = int / 10^scale */
  int: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?$/;
const LEADING_DOT_RE = /^([+-]?)\.(\d+)$/;

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  let v = POW10[n];
  if (v === undefined) {
    v = 10n ** BigInt(n);
    if (n < 64) POW10[n] = v;
  }
  return v;
}

function parse(value: DecimalString, field?: string): Parsed {
  if (typeof value !== 'string') throw new DecimalFormatError(String(value), field);
  let m = DECIMAL_RE.exec(value);
  let intPart: string;
  let frac: string;
  let sign: string;
  if (m) {
    sign = m[1] ?? '';
    intPart = m[2] ?? '0';
    frac = m[3] ?? '';
  } else {
    m = LEADING_DOT_RE.exec(value);
    if (!m) throw new DecimalFormatError(value, field);
    sign = m[1] ?? '';
    intPart = '0';
    frac = m[2] ?? '';
  }
  const int = BigInt(intPart + frac);
  return { int: sign === '-' ? -int : int, scale: frac.length };
}

function format(int: bigint, scale: number): DecimalString {
  if (int === 0n) return '0';
  const negative = int < 0n;
  let digits = (negative ? -int : int).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    let whole = digits.slice(0, digits.length - scale);
    let frac = digits.slice(digits.length - scale);
    frac = frac.replace(/0+$/, '');
    whole = whole === '' ? '0' : whole;
    digits = frac === '' ? whole : `${whole}.${frac}`;
  }
  return negative ? `-${digits}` : digits;
}

/** Bring both operands to the same scale. */
function align(a: Parsed, b: Parsed): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.int, b.int, a.scale];
  if (a.scale > b.scale) return [a.int, b.int * pow10(a.scale - b.scale), a.scale];
  return [a.int * pow10(b.scale - a.scale), b.int, b.scale];
}

/** Integer division n / d (d > 0) rounded by mode; shared with fixed-point code (the simulator engine). */
export function divRoundBigInt(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const negative = n < 0n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return negative ? q - 1n : q + 1n;
    case 'floor':
      return negative ? q - 1n : q;
    case 'ceil':
      return negative ? q : q + 1n;
    case 'half_up':
    case 'half_even': {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > d || (twice === d && (mode === 'half_up' || (q & 1n) !== 0n))) {
        return negative ? q - 1n : q + 1n;
      }
      return q;
    }
  }
}

/** True when `value` is a well-formed decimal string. */
export function isDecimal(value: unknown): value is DecimalString {
  return typeof value === 'string' && (DECIMAL_RE.test(value) || LEADING_DOT_RE.test(value));
}

/** Canonical spelling: "1.500" -> "1.5", "-0" -> "0", "+2" -> "2", ".5" -> "0.5". */
export function normalize(value: DecimalString, field?: string): DecimalString {
  const p = parse(value, field);
  return format(p.int, p.scale);
}

export function compare(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  const [x, y] = align(parse(a), parse(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export const eq = (a: DecimalString, b: DecimalString): boolean => compare(a, b) === 0;
export const lt = (a: DecimalString, b: DecimalString): boolean => compare(a, b) < 0;
export const lte = (a: DecimalString, b: DecimalString): boolean => compare(a, b) <= 0;
export const gt = (a: DecimalString, b: DecimalString): boolean => compare(a, b) > 0;
export const gte = (a: DecimalString, b: DecimalString): boolean => compare(a, b) >= 0;

export function sign(value: DecimalString): -1 | 0 | 1 {
  const { int } = parse(value);
  return int < 0n ? -1 : int > 0n ? 1 : 0;
}

export const isZero = (value: DecimalString): boolean => sign(value) === 0;

export function add(a: DecimalString, b: DecimalString): DecimalString {
  const [x, y, scale] = align(parse(a), parse(b));
  return format(x + y, scale);
}

export function sub(a: DecimalString, b: DecimalString): DecimalString {
  const [x, y, scale] = align(parse(a), parse(b));
  return format(x - y, scale);
}

export function mul(a: DecimalString, b: DecimalString): DecimalString {
  const x = parse(a);
  const y = parse(b);
  return format(x.int * y.int, x.scale + y.scale);
}

export function neg(value: DecimalString): DecimalString {
  const p = parse(value);
  return format(-p.int, p.scale);
}

export function abs(value: DecimalString): DecimalString {
  const p = parse(value);
  return format(p.int < 0n ? -p.int : p.int, p.scale);
}

export const min = (a: DecimalString, b: DecimalString): DecimalString => (compare(a, b) <= 0 ? normalize(a) : normalize(b));
export const max = (a: DecimalString, b: DecimalString): DecimalString => (compare(a, b) >= 0 ? normalize(a) : normalize(b));

/** a / b with `decimals` fractional digits, rounded by `mode`. Throws on division by zero. */
export function div(a: DecimalString, b: DecimalString, decimals: number, mode: RoundingMode = 'half_even'): DecimalString {
  const x = parse(a);
  const y = parse(b);
  if (y.int === 0n) throw new RangeError('division by zero');
  // a/b = (x.int / 10^xs) / (y.int / 10^ys); scaled by 10^decimals:
  // result_int = x.int * 10^(ys + decimals) / (y.int * 10^xs)
  let n = x.int * pow10(y.scale + decimals);
  let d = y.int * pow10(x.scale);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return format(divRoundBigInt(n, d, mode), decimals);
}

/** Sum of many values. */
export function sum(values: Iterable<DecimalString>): DecimalString {
  let acc: DecimalString = '0';
  for (const v of values) acc = add(acc, v);
  return acc;
}

/** True when value is an exact multiple of increment (increment > 0). */
export function isMultipleOf(value: DecimalString, increment: DecimalString): boolean {
  const [x, inc] = align(parse(value), parse(increment));
  if (inc <= 0n) throw new RangeError(`increment must be positive (got "${increment}")`);
  return x % inc === 0n;
}

/**
 * Round `value` to a multiple of `increment` (a tick or step size) using `mode`.
 * quantize("65000.57", "0.1", "down") === "65000.5"
 */
export function quantize(value: DecimalString, increment: DecimalString, mode: RoundingMode): DecimalString {
  const [x, inc, scale] = align(parse(value), parse(increment));
  if (inc <= 0n) throw new RangeError(`increment must be positive (got "${increment}")`);
  return format(divRoundBigInt(x, inc, mode) * inc, scale);
}

/**
 * value x 10^decimals as an exact integer, e.g. toScaledInteger("0.01", 8) === 1000000n.
 * Throws when value has more fractional digits than `decimals` (that amount cannot be signed exactly).
 */
export function toScaledInteger(value: DecimalString, decimals: number, field?: string): bigint {
  const p = parse(value, field);
  if (p.scale <= decimals) return p.int * pow10(decimals - p.scale);
  const divisor = pow10(p.scale - decimals);
  if (p.int % divisor !== 0n) {
    throw new DecimalFormatError(`${value} (more than ${decimals} decimal places)`, field);
  }
  return p.int / divisor;
}

/** Inverse of toScaledInteger: fromScaledInteger(1000000n, 8) === "0.01". */
export function fromScaledInteger(value: bigint, decimals: number): DecimalString {
  return format(value, decimals);
}

/** Number of fractional digits in the canonical spelling ("0.010" -> 2). */
export function decimalPlaces(value: DecimalString): number {
  const n = normalize(value);
  const dot = n.indexOf('.');
  return dot < 0 ? 0 : n.length - dot - 1;
}

/**
 * A decimal string from a JS number, for display or analytics inputs only (never for money
 * coming from a venue). Uses the shortest round-trip spelling and expands exponents.
 */
export function fromNumber(value: number): DecimalString {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const s = String(value);
  if (!/e/i.test(s)) return normalize(s);
  const [mantissa = '0', expText = '0'] = s.toLowerCase().split('e');
  const exp = Number(expText);
  const p = parse(mantissa);
  return exp >= 0 ? format(p.int * pow10(exp), p.scale) : format(p.int, p.scale - exp);
}

/** For display and analytics only. */
export function toNumber(value: DecimalString): number {
  return Number(normalize(value));
}
