/**
 * Fixed-point arithmetic for the engine. Inside the engine every quantity is a bigint at a fixed
 * scale so that matching never parses strings; decimal strings exist only at the API boundary.
 *
 *  - prices and sizes: 8 decimals (Paradex "chain decimals"; every listed tick/step is coarser)
 *  - money (collateral, cost, PnL, margin): 16 decimals = price x size, so notional is exact
 *  - rates (fees, margin fractions, funding): 18 decimals
 */
import { DecimalFormatError, divRoundBigInt, toScaledInteger } from '../../core/decimal.js';
import { InvalidOrderError, RequestError } from '../../core/errors.js';
import type { DecimalString } from '../../core/types.js';

export const PRICE_DP = 8;
export const SIZE_DP = 8;
export const MONEY_DP = PRICE_DP + SIZE_DP;
export const RATE_DP = 18;

export const SIZE_ONE = 10n ** BigInt(SIZE_DP);
/** Largest price the engine accepts (2^53 - 1 at 8 dp = 90 071 992.54740991): book keys stay exact doubles. */
export const MAX_PRICE = BigInt(Number.MAX_SAFE_INTEGER);
export const RATE_ONE = 10n ** BigInt(RATE_DP);

export type Rounding = 'down' | 'up' | 'floor' | 'ceil' | 'half_even';

/** n / d (d > 0) rounded by mode: the core's exact integer rounding, reused here. */
export function divRound(n: bigint, d: bigint, mode: Rounding): bigint {
  return divRoundBigInt(n, d, mode);
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** Change the scale of a fixed-point value. */
export function rescale(value: bigint, fromDp: number, toDp: number, mode: Rounding): bigint {
  if (toDp >= fromDp) return value * pow10(toDp - fromDp);
  return divRound(value, pow10(fromDp - toDp), mode);
}

/** Money (16 dp) multiplied by a rate (18 dp), result in money. */
export function applyRate(money: bigint, rate: bigint, mode: Rounding): bigint {
  return divRound(money * rate, RATE_ONE, mode);
}

/** Round money to `decimals` places but keep it at the money scale (fees, funding payments). */
export function roundMoney(money: bigint, decimals: number, mode: Rounding): bigint {
  if (decimals >= MONEY_DP) return money;
  const unit = pow10(MONEY_DP - decimals);
  return divRound(money, unit, mode) * unit;
}

/** Floor of the square root of a non-negative integer (Newton's method from above). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  // A float estimate nudged upwards is >= the root; Newton's iteration then decreases
  // monotonically to floor(sqrt(n)) in a few steps.
  const approx = Math.sqrt(Number(n));
  let x: bigint;
  if (Number.isFinite(approx)) {
    const estimate = BigInt(Math.ceil(approx));
    x = estimate + (estimate >> 40n) + 2n;
  } else {
    x = 1n << BigInt((n.toString(2).length >> 1) + 1); // beyond float range: 2^(bits/2 + 1)
  }
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export const absBig = (v: bigint): bigint => (v < 0n ? -v : v);
export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * Canonical decimal string of a fixed-point value (same output as core fromScaledInteger, which
 * the tests check); written without regular expressions because every event and view calls it.
 */
export function formatFixed(value: bigint, dp: number): DecimalString {
  if (value === 0n) return '0';
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString();
  if (dp > 0) {
    if (digits.length <= dp) digits = '0'.repeat(dp - digits.length + 1) + digits;
    let end = digits.length;
    const point = digits.length - dp;
    while (end > point && digits.charCodeAt(end - 1) === 48) end--;
    digits = end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
  }
  return negative ? `-${digits}` : digits;
}

export const fmtPrice = (v: bigint): DecimalString => formatFixed(v, PRICE_DP);
export const fmtSize = (v: bigint): DecimalString => formatFixed(v, SIZE_DP);
export const fmtMoney = (v: bigint): DecimalString => formatFixed(v, MONEY_DP);
export const fmtRate = (v: bigint): DecimalString => formatFixed(v, RATE_DP);

/**
 * Fast path for the common case (plain decimal, at most 15 digits, no more than `dp` decimals):
 * the digits fit a double exactly, so no regular expression and no intermediate string are needed.
 * Returns undefined for anything else; callers then use the exact general parser, which also
 * produces the error for bad input.
 */
export function parseFixedFast(text: string, dp: number): bigint | undefined {
  const n = text.length;
  if (n === 0 || n > 17) return undefined;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45) {
    negative = true;
    i = 1;
  }
  let acc = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (fraction >= 0 || digits === 0) return undefined;
      fraction = 0;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    if (fraction >= 0) fraction++;
    acc = acc * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || digits > 15 || fraction > dp) return undefined;
  const scaled = BigInt(acc) * pow10(dp - (fraction < 0 ? 0 : fraction));
  return negative ? -scaled : scaled;
}

/**
 * Parse a decimal string field of an order into a fixed-point bigint. Bad input becomes an
 * InvalidOrderError naming the field and the rule, never a bare DecimalFormatError.
 */
export function parseOrderDecimal(value: unknown, dp: number, field: string): bigint {
  if (typeof value === 'string') {
    const fast = parseFixedFast(value, dp);
    if (fast !== undefined) return fast;
  } else {
    throw new InvalidOrderError(
      `${field} must be a decimal string`,
      { field, value: value === undefined ? undefined : String(value), rule: 'decimal string' },
      { venueCode: 'INVALID_ORDER' },
    );
  }
  try {
    return toScaledInteger(value, dp, field);
  } catch (err) {
    if (err instanceof DecimalFormatError) {
      throw new InvalidOrderError(`${field} must be a plain decimal with at most ${dp} decimal places (got "${value}")`, {
        field,
        value,
        rule: `decimal with at most ${dp} places`,
      }, { venueCode: 'INVALID_ORDER' });
    }
    throw err;
  }
}

/** For account and control inputs (deposit amounts, leverage, mark prices): a RequestError naming the field. */
export function parseRequestDecimal(value: unknown, dp: number, field: string): bigint {
  return parseWith(value, dp, field, (message) => new RequestError(message));
}

/** For market definitions: a RangeError naming the field (configuration, not a request). */
export function parseConfigDecimal(value: unknown, dp: number, field: string): bigint {
  return parseWith(value, dp, field, (message) => new RangeError(message));
}

function parseWith(value: unknown, dp: number, field: string, fail: (message: string) => Error): bigint {
  if (typeof value !== 'string') throw fail(`${field} must be a decimal string (got ${String(value)})`);
  try {
    return toScaledInteger(value, dp, field);
  } catch (err) {
    if (err instanceof DecimalFormatError) throw fail(`${field} must be a plain decimal with at most ${dp} decimal places (got "${value}")`);
    throw err;
  }
}
