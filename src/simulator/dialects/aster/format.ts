/**
 * Number spelling on Aster's wire: prices carry the tick's decimals ("106626.8"), quantities the
 * step's ("0.200"), money and rates eight decimals ("0.00010000"), as the recordings show. All of
 * it exact: values are quantized with an explicit rounding mode, never through a float.
 */
import { decimalPlaces, normalize, quantize } from '../../../core/decimal.js';
import type { DecimalString } from '../../../core/types.js';

/** `value` rounded half-even to `dp` decimals and written with exactly `dp` decimals. */
export function fixedDp(value: DecimalString, dp: number): string {
  const rounded = dp === 0 ? quantize(value, '1', 'half_even') : quantize(value, `0.${'0'.repeat(dp - 1)}1`, 'half_even');
  return padDp(rounded, dp);
}

/** Pads an exact value with trailing zeros to at least `dp` decimals (never rounds). */
export function padDp(value: DecimalString, dp: number): string {
  const n = normalize(value);
  const have = decimalPlaces(n);
  if (have >= dp) return n;
  return have === 0 ? (dp === 0 ? n : `${n}.${'0'.repeat(dp)}`) : `${n}${'0'.repeat(dp - have)}`;
}

/** Money and rates: 8 decimals, the venue's usual spelling of balances and funding rates. */
export const money8 = (value: DecimalString): string => fixedDp(value, 8);
