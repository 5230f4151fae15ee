/**
 * Field-level building blocks for the Paradex wire schemas.
 *
 * Money fields are strict: a price or size must arrive as a decimal *string* (a JSON number has
 * already been through a float). Bookkeeping fields are lenient where the recordings vary: ccxt's
 * recordings and the AsyncAPI examples quote integers ("created_at": "1721903808505"), the OpenAPI
 * types them as integers, so timestamps accept both and come out as numbers.
 */
import { z } from 'zod';
import { gt, isDecimal } from '../../../../core/decimal.js';

const DIGITS_RE = /^\d+$/;

/** A decimal string such as "65000.5" or "-2.84428356". Numbers are refused: they lost exactness. */
export const decimal = z.string().refine(isDecimal, { message: 'must be a decimal string like "65000.5"' });

/** A decimal string > 0 (tick and step sizes: zero would make every quantisation divide by zero). */
export const positiveDecimal = decimal.refine((v) => gt(v, '0'), { message: 'must be greater than 0' });

/**
 * A decimal string, or "" where the venue writes an empty string for "no value"
 * (avg_fill_price of an unfilled order, liquidation_price of a position, price_change_rate_24h).
 * "" becomes undefined so no caller mistakes it for zero.
 */
export const decimalOrEmpty = z
  .string()
  .refine((v) => v === '' || isDecimal(v), { message: 'must be a decimal string like "65000.5" or ""' })
  .transform((v) => (v === '' ? undefined : v));

/** Milliseconds since the epoch, as a JSON integer or a quoted integer; always a number afterwards. */
export const timestampMs = z
  .union([z.number().int().nonnegative(), z.string().regex(DIGITS_RE, 'must be an integer timestamp in ms')])
  .transform((v) => (typeof v === 'number' ? v : Number(v)))
  .refine((v) => Number.isSafeInteger(v), { message: 'must be a safe integer timestamp' });

/**
 * A sequence number as a digit string. Order, position and account `seq_no` values exceed 2^53
 * (1721903808521364144), so a number would silently lose the low digits; decodeJson keeps such
 * literals exact and this schema normalises both spellings to the same string.
 */
export const seqNo = z
  .union([
    z.number().int().nonnegative().refine(Number.isSafeInteger, 'must be an exact integer (parse with decodeJson)'),
    z.string().regex(DIGITS_RE, 'must be an integer sequence number'),
  ])
  .transform((v) => (typeof v === 'number' ? String(v) : v));

/** A small integer count (max_open_orders, funding_period_hours), quoted or not. */
export const count = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')])
  .transform((v) => (typeof v === 'number' ? v : Number(v)));

/**
 * A felt/identifier the venue writes as hex text, but some documentation examples write as a bare
 * integer (WS `account`: 2073967317…). decodeJson turns unsafe integers into digit strings first;
 * an unsafe JS number (already rounded by a plain JSON.parse) is refused rather than mis-spelt.
 */
export const identifier = z
  .union([z.string(), z.number().int().refine(Number.isSafeInteger, 'must be an exact integer (parse with decodeJson)')])
  .transform((v) => String(v));

export const sideSchema = z.enum(['BUY', 'SELL']);
export type WireSide = z.infer<typeof sideSchema>;

/** `{next, prev, results}` envelope of the cursor-paginated endpoints. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.looseObject({
    next: z.string().nullish(),
    prev: z.string().nullish(),
    results: z.array(item),
  });
}

/** `{results}` envelope of the list endpoints. */
export function resultsOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ results: z.array(item) });
}
