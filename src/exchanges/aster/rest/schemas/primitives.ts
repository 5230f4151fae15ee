/**
 * Field-level building blocks of the Aster wire schemas. Objects are loose (the venue adds fields:
 * `newChainData`, `symbolType`, `ma`...). Money fields are strict decimal strings; bookkeeping
 * fields accept both spellings the venue uses (ids and times as JSON numbers in the docs, as
 * strings in some V3 answers, aster.md §10.7) and come out in one form.
 */
import { z } from 'zod';
import { gt, isDecimal } from '../../../../core/decimal.js';

const DIGITS = /^-?\d+$/;

/** A decimal string such as "65000.5" or "-0.91539999". JSON numbers are refused: they went through a float. */
export const decimal = z.string().refine(isDecimal, { message: 'must be a decimal string like "65000.5"' });

export const positiveDecimal = decimal.refine((v) => gt(v, '0'), { message: 'must be greater than 0' });

/**
 * A small setting the venue writes as a JSON number in some answers and a string in others
 * (leverage 21 vs "20", fundingFeeCap 0.03). Not money: a number becomes its shortest spelling.
 */
export const looseDecimal = z.union([decimal, z.number().finite()]).transform((v) => (typeof v === 'number' ? String(v) : v));

/** An id (orderId, tradeId, lastUpdateId): number or digit string -> digit string. */
export const id = z
  .union([
    z.number().int().refine(Number.isSafeInteger, 'must be an exact integer (parse with decodeJson)'),
    z.string().regex(DIGITS, 'must be an integer id'),
  ])
  .transform((v) => (typeof v === 'number' ? String(v) : v));

/** An integer sequence number that fits a double exactly (update ids), as a number. */
export const seq = z
  .union([z.number().int(), z.string().regex(DIGITS, 'must be an integer')])
  .transform((v) => (typeof v === 'number' ? v : Number(v)))
  .refine(Number.isSafeInteger, { message: 'must be a safe integer' });

/** Milliseconds since the epoch, number or digit string -> number. */
export const timeMs = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'must be an integer time in ms')])
  .transform((v) => (typeof v === 'number' ? v : Number(v)))
  .refine(Number.isSafeInteger, { message: 'must be a safe integer time' });

/** true/false, also spelt "true"/"false" (isAutoAddMargin). */
export const bool = z.union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE'])]).transform((v) => (typeof v === 'boolean' ? v : v.toLowerCase() === 'true'));

export const sideSchema = z.enum(['BUY', 'SELL']);
export type WireSide = z.infer<typeof sideSchema>;

/** `{code, msg}`: every error body, and some success bodies (`code` 200 or "200"). */
export const codeMsgSchema = z.looseObject({
  code: z.union([z.number(), z.string()]),
  msg: z.string().optional(),
});
export type WireCodeMsg = z.infer<typeof codeMsgSchema>;

/** `{}` (ping, listenKey keepalive/close): anything object-shaped. */
export const emptySchema = z.looseObject({});
