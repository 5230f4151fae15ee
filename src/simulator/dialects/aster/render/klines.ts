/**
 * GET klines from the engine's retained trades (aster.md §4.2): 12-slot arrays
 * [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase,
 *  takerBuyQuote, "0"]. A period without trades is flat at the previous close (the last trade
 * before it, else the current mark) with zero volume, as an idle venue market shows.
 */
import { add, compare, mul, normalize } from '../../../../core/decimal.js';
import type { EngineTrade } from '../../../engine/index.js';
import { AsterErrors } from '../errors.js';
import { price, qty, type AsterMarket } from '../symbols.js';

const MINUTE = 60_000;
const FIXED_INTERVALS: Record<string, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '8h': 480 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
  '3d': 3 * 1440 * MINUTE,
  '1w': 7 * 1440 * MINUTE,
};
/** Weeks open on Monday 00:00 UTC; 1970-01-05 was a Monday. */
const WEEK_ORIGIN = 4 * 1440 * MINUTE;

interface Period {
  /** Open time of the period containing t. */
  start(t: number): number;
  /** Open time of the period after the one opening at `open`. */
  next(open: number): number;
  previous(open: number): number;
}

export function periodOf(interval: string): Period {
  if (interval === '1M') {
    return {
      start: (t) => {
        const d = new Date(t);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      },
      next: (open) => {
        const d = new Date(open);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      },
      previous: (open) => {
        const d = new Date(open);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
      },
    };
  }
  const length = FIXED_INTERVALS[interval];
  if (length === undefined) throw AsterErrors.badInterval();
  const origin = interval === '1w' ? WEEK_ORIGIN : 0;
  return {
    start: (t) => Math.floor((t - origin) / length) * length + origin,
    next: (open) => open + length,
    previous: (open) => open - length,
  };
}

export interface KlineQuery {
  readonly interval: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit: number;
}

/** `trades` oldest first; `fallbackPrice` prices the periods before the first trade. */
export function renderKlines(m: AsterMarket, trades: readonly EngineTrade[], query: KlineQuery, now: number, fallbackPrice: string): unknown[][] {
  const period = periodOf(query.interval);
  const opens = openTimes(period, query, now);
  if (opens.length === 0) return [];
  const firstOpen = opens[0] as number;
  let i = 0;
  let close = fallbackPrice;
  while (i < trades.length && (trades[i] as EngineTrade).createdAt < firstOpen) close = (trades[i++] as EngineTrade).price;
  return opens.map((open) => {
    const end = period.next(open) - 1;
    let o: string | undefined;
    let h = close;
    let l = close;
    let volume = '0';
    let quote = '0';
    let takerBase = '0';
    let takerQuote = '0';
    let count = 0;
    while (i < trades.length && (trades[i] as EngineTrade).createdAt <= end) {
      const t = trades[i++] as EngineTrade;
      if (o === undefined) {
        o = t.price;
        h = t.price;
        l = t.price;
      }
      if (compare(t.price, h) > 0) h = t.price;
      if (compare(t.price, l) < 0) l = t.price;
      const notional = mul(t.price, t.size);
      volume = add(volume, t.size);
      quote = add(quote, notional);
      if (t.side === 'BUY') {
        takerBase = add(takerBase, t.size);
        takerQuote = add(takerQuote, notional);
      }
      close = t.price;
      count++;
    }
    const open_ = o ?? close;
    return [open, price(m, open_), price(m, h), price(m, l), price(m, close), qty(m, volume), end, normalize(quote), count, qty(m, takerBase), normalize(takerQuote), '0'];
  });
}

function openTimes(period: Period, query: KlineQuery, now: number): number[] {
  const end = Math.min(query.endTime ?? now, now);
  const out: number[] = [];
  if (query.startTime !== undefined) {
    let open = period.start(query.startTime);
    if (open < query.startTime) open = period.next(open);
    while (open <= end && out.length < query.limit) {
      out.push(open);
      open = period.next(open);
    }
    return out;
  }
  let open = period.start(end);
  while (out.length < query.limit) {
    out.push(open);
    open = period.previous(open);
  }
  return out.reverse();
}
