/**
 * Market stream payloads (aster.md §7.2) -> domain values. These run once per message on the hot
 * path, so they check fields by hand instead of through zod (a zod object parse costs more than
 * the rest of the message handling together); a wrong shape still fails loudly as a DecodeError
 * naming the field, never as a silent undefined.
 */
import { isDecimal } from '../../../core/decimal.js';
import { DecodeError } from '../../../core/errors.js';
import type { BBO, FundingRate, Trade } from '../../../core/types.js';

export type Json = Record<string, unknown>;

function bad(event: string, field: string, rule: string, raw: unknown): DecodeError {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return new DecodeError(`Aster ${event}: ${field} must be ${rule}`, text, [`${field}: ${rule}`], { exchange: 'aster' });
}

export function decimalField(m: Json, key: string, event: string): string {
  const v = m[key];
  if (typeof v !== 'string' || !isDecimal(v)) throw bad(event, key, 'a decimal string', m);
  return v;
}

export function intField(m: Json, key: string, event: string): number {
  const v = m[key];
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  throw bad(event, key, 'an integer', m);
}

export function textField(m: Json, key: string, event: string): string {
  const v = m[key];
  if (typeof v !== 'string' || v.length === 0) throw bad(event, key, 'a non-empty string', m);
  return v;
}

/** `<symbol>@bookTicker`: b/B best bid and size, a/A best ask and size, u update id. */
export function parseBookTickerEvent(m: Json): BBO {
  const E = 'bookTicker';
  return {
    market: textField(m, 's', E),
    bid: decimalField(m, 'b', E),
    bidSize: decimalField(m, 'B', E),
    ask: decimalField(m, 'a', E),
    askSize: decimalField(m, 'A', E),
    seq: intField(m, 'u', E),
    timestamp: intField(m, 'E', E),
  };
}

/** `<symbol>@aggTrade`: m = buyer is maker, so the taker sold. */
export function parseAggTradeEvent(m: Json): Trade {
  const E = 'aggTrade';
  const maker = m.m;
  if (typeof maker !== 'boolean') throw bad(E, 'm', 'a boolean', m);
  return {
    market: textField(m, 's', E),
    id: String(intField(m, 'a', E)),
    side: maker ? 'sell' : 'buy',
    price: decimalField(m, 'p', E),
    size: decimalField(m, 'q', E),
    timestamp: intField(m, 'T', E),
  };
}

/** `<symbol>@markPrice[@1s]`: p mark price, r funding rate, T next funding time. */
export function parseMarkPriceEvent(m: Json): FundingRate {
  const E = 'markPriceUpdate';
  return {
    market: textField(m, 's', E),
    rate: decimalField(m, 'r', E),
    markPrice: decimalField(m, 'p', E),
    nextFundingTime: intField(m, 'T', E),
    timestamp: intField(m, 'E', E),
  };
}

/** One level change of a depth diff: [price, absolute quantity] ("0" removes the level). */
export type LevelChange = readonly [string, string];

export interface DepthDiff {
  readonly symbol: string;
  /** First and last update id in this event, and the last update id of the previous event. */
  readonly U: number;
  readonly u: number;
  readonly pu: number | undefined;
  readonly bids: readonly LevelChange[];
  readonly asks: readonly LevelChange[];
  readonly eventTime: number;
}

function levels(m: Json, key: string): LevelChange[] {
  const list = m[key];
  if (!Array.isArray(list)) throw bad('depthUpdate', key, 'an array of [price, quantity]', m);
  for (const level of list as unknown[]) {
    if (!Array.isArray(level) || !isDecimal(level[0]) || !isDecimal(level[1])) throw bad('depthUpdate', key, 'an array of [price, quantity] decimal strings', m);
  }
  return list as LevelChange[];
}

export function parseDepthEvent(m: Json): DepthDiff {
  const E = 'depthUpdate';
  return {
    symbol: textField(m, 's', E),
    U: intField(m, 'U', E),
    u: intField(m, 'u', E),
    pu: m.pu === undefined ? undefined : intField(m, 'pu', E),
    bids: levels(m, 'b'),
    asks: levels(m, 'a'),
    eventTime: intField(m, 'E', E),
  };
}
