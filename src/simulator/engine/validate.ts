/**
 * Small guards for numeric options and control inputs: a clear error naming the setting.
 */
import { RequestError } from '../../core/errors.js';
import { fmtPrice, MAX_PRICE, parseRequestDecimal, PRICE_DP } from './fixed.js';

export function positiveNumber(v: number, name: string): number {
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number (got ${v})`);
  return v;
}

export function nonNegativeNumber(v: number, name: string): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a non-negative number (got ${v})`);
  return v;
}

export function positiveInteger(v: number, name: string): number {
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name} must be a positive integer (got ${v})`);
  return v;
}

export function positivePrice(value: string, field: string): bigint {
  const v = parseRequestDecimal(value, PRICE_DP, field);
  if (v <= 0n) throw new RequestError(`${field} must be greater than 0 (got "${value}")`, { venueCode: 'INVALID_PRICE' });
  if (v > MAX_PRICE) throw new RequestError(`${field} must be at most ${fmtPrice(MAX_PRICE)} (got "${value}")`, { venueCode: 'INVALID_PRICE' });
  return v;
}

