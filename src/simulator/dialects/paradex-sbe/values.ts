/**
 * Turns the simulator's plain values into wire integers, refusing what the venue could not send:
 * every failure is an SbeEncodeError naming the field and the rule broken.
 *
 * Decimal policy (paradex-sbe.md §2): prices and sizes must already fit 8 decimals (finer is a bug
 * in the caller); rates and USD values are truncated toward zero to the schema's scale, as the
 * venue does when JSON carries more digits; totalVolume saturates at the int64 maximum.
 */
import { ExchangeError } from '../../../core/errors.js';
import { DecimalFormatError, quantize, toScaledInteger } from '../../../core/decimal.js';
import { INT64_MAX, NULL_INT64 } from './schema.js';

export class SbeEncodeError extends ExchangeError {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value?: string,
  ) {
    super(`Paradex SBE encode: ${field} ${rule}${value === undefined ? '' : ` (got ${value})`}`, { exchange: 'paradex' });
  }
}

/** Integers may be given as bigint, safe-integer number or decimal-integer string (the vectors' form). */
export type Int64Like = bigint | number | string;

const INTEGER_RE = /^-?\d+$/;

export function toInt64(value: Int64Like, field: string): bigint {
  let result: bigint;
  if (typeof value === 'bigint') result = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new SbeEncodeError(field, 'must be a safe integer', String(value));
    result = BigInt(value);
  } else {
    if (!INTEGER_RE.test(value)) throw new SbeEncodeError(field, 'must be a decimal integer', value);
    result = BigInt(value);
  }
  if (result < NULL_INT64 || result > INT64_MAX) throw new SbeEncodeError(field, 'must fit int64', String(value));
  return result;
}

/** A non-null int64 field: the null sentinel is reserved and may not be sent as a value. */
export function toRequiredInt64(value: Int64Like, field: string): bigint {
  const result = toInt64(value, field);
  if (result === NULL_INT64) throw new SbeEncodeError(field, 'may not be INT64_MIN (the reserved null sentinel)', String(value));
  return result;
}

export function toUint64(value: Int64Like, field: string): bigint {
  const result = typeof value === 'bigint' ? value : toInt64(value, field);
  if (result < 0n || result >= 2n ** 64n) throw new SbeEncodeError(field, 'must fit uint64', String(value));
  return result;
}

export type DecimalRule = 'exact' | 'truncate' | 'saturate';

const STEP: Readonly<Record<number, string>> = { 8: '0.00000001', 12: '0.000000000001' };

/** Decimal string -> int64 mantissa at 10^-scale. */
export function toMantissa(value: string, scale: 8 | 12, rule: DecimalRule, field: string): bigint {
  if (typeof value !== 'string') throw new SbeEncodeError(field, 'must be a decimal string', String(value));
  let mantissa: bigint;
  try {
    const scaled = rule === 'exact' ? value : quantize(value, STEP[scale] as string, 'down');
    mantissa = toScaledInteger(scaled, scale, field);
  } catch (error) {
    if (error instanceof DecimalFormatError) {
      throw new SbeEncodeError(field, rule === 'exact' ? `must be a decimal with at most ${scale} decimals` : 'must be a decimal string', value);
    }
    throw error;
  }
  if (rule === 'saturate') {
    if (mantissa > INT64_MAX) return INT64_MAX;
    if (mantissa <= NULL_INT64) return NULL_INT64 + 1n;
  }
  if (mantissa <= NULL_INT64 || mantissa > INT64_MAX) {
    throw new SbeEncodeError(field, `is out of range for int64 x 10^-${scale} (INT64_MIN is the null sentinel)`, value);
  }
  return mantissa;
}

/** Optional decimal: null / undefined become the INT64_MIN sentinel. */
export function toNullableMantissa(value: string | null | undefined, scale: 8 | 12, rule: DecimalRule, field: string): bigint {
  return value === null || value === undefined ? NULL_INT64 : toMantissa(value, scale, rule, field);
}

export function toCode<T extends string>(table: Readonly<Record<T, number>>, name: T, field: string): number {
  const code = Object.hasOwn(table, name) ? table[name] : undefined;
  if (code === undefined) throw new SbeEncodeError(field, `must be one of ${Object.keys(table).join(', ')}`, String(name));
  return code;
}

export function toInt16(value: number, field: string): number {
  if (!Number.isInteger(value) || value < -32768 || value > 32767) throw new SbeEncodeError(field, 'must be an int16', String(value));
  return value;
}

export function toUint8(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new SbeEncodeError(field, 'must be a uint8', String(value));
  return value;
}
