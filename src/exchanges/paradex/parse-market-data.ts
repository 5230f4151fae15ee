/** Paradex public market data -> domain OrderBook, BBO, Trade, FundingRate, and candles. */
import { compare, fromNumber } from '../../core/decimal.js';
import type { BBO, BookLevel, DecimalString, FundingRate, OrderBook, Trade } from '../../core/types.js';
import { inconsistent, safeSeq } from './parse-common.js';
import type { WireBbo, WireFundingData, WireKlines, WireMarketSummary, WireOrderBook, WireTrade } from './rest/schemas.js';

const bestBidFirst = (a: BookLevel, b: BookLevel): number => compare(b[0], a[0]);
const bestAskFirst = (a: BookLevel, b: BookLevel): number => compare(a[0], b[0]);

/**
 * The venue sends asks ascending and bids descending; the sort makes "best first" a guarantee
 * rather than an assumption (a no-op on well-ordered input).
 */
export function parseOrderBook(wire: WireOrderBook): OrderBook {
  const bids = wire.bids.map(([price, size]): BookLevel => [price, size]).sort(bestBidFirst);
  const asks = wire.asks.map(([price, size]): BookLevel => [price, size]).sort(bestAskFirst);
  const seq = safeSeq(wire.seq_no);
  return { market: wire.market, bids, asks, ...(seq === undefined ? {} : { seq }), timestamp: wire.last_updated_at };
}

export function parseBbo(wire: WireBbo): BBO {
  const seq = safeSeq(wire.seq_no);
  return {
    market: wire.market,
    ...(wire.bid === undefined ? {} : { bid: wire.bid }),
    ...(wire.bid_size === undefined ? {} : { bidSize: wire.bid_size }),
    ...(wire.ask === undefined ? {} : { ask: wire.ask }),
    ...(wire.ask_size === undefined ? {} : { askSize: wire.ask_size }),
    ...(seq === undefined ? {} : { seq }),
    timestamp: wire.last_updated_at,
  };
}

export function parseTrade(wire: WireTrade): Trade {
  return {
    market: wire.market,
    id: wire.id,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    price: wire.price,
    size: wire.size,
    timestamp: wire.created_at,
  };
}

/** `funding_rate` is the rate of one funding period of `funding_period_hours` (8 h on the perps seen). */
export function parseFundingRate(wire: WireFundingData): FundingRate {
  return {
    market: wire.market,
    rate: wire.funding_rate,
    ...(wire.funding_period_hours === undefined ? {} : { periodHours: wire.funding_period_hours }),
    timestamp: wire.created_at,
  };
}

/** The funding rate and mark price of a markets-summary row. */
export function parseFundingRateFromSummary(wire: WireMarketSummary): FundingRate {
  if (wire.funding_rate === undefined) throw inconsistent('markets summary', 'funding_rate', 'present', wire);
  return {
    market: wire.symbol,
    rate: wire.funding_rate,
    ...(wire.mark_price === undefined ? {} : { markPrice: wire.mark_price }),
    timestamp: wire.created_at,
  };
}

/** One candle; values are decimal strings for analytics and display, never for pricing orders. */
export interface Candle {
  readonly time: number;
  readonly open: DecimalString;
  readonly high: DecimalString;
  readonly low: DecimalString;
  readonly close: DecimalString;
  readonly volume: DecimalString;
}

const candleText = (value: string | number): DecimalString => (typeof value === 'number' ? fromNumber(value) : value);

export function parseKlines(wire: WireKlines): Candle[] {
  return wire.results.map(([time, open, high, low, close, volume]) => ({
    time,
    open: candleText(open),
    high: candleText(high),
    low: candleText(low),
    close: candleText(close),
    volume: candleText(volume),
  }));
}
