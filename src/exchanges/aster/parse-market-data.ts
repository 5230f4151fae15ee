/** Aster public market data -> domain OrderBook, BBO, Trade, FundingRate, candles. */
import { compare } from '../../core/decimal.js';
import type { BBO, BookLevel, DecimalString, FundingRate, OrderBook, Trade } from '../../core/types.js';
import type { WireBookTicker, WireDepth, WireKlines, WirePremiumIndex, WireTrade } from './rest/schemas/index.js';

const bestBidFirst = (a: BookLevel, b: BookLevel): number => compare(b[0], a[0]);
const bestAskFirst = (a: BookLevel, b: BookLevel): number => compare(a[0], b[0]);

/** The venue sends bids descending and asks ascending; the sort makes "best first" a guarantee. */
export function parseDepth(symbol: string, wire: WireDepth, now: number): OrderBook {
  const bids = wire.bids.map(([p, q]): BookLevel => [p, q]).sort(bestBidFirst);
  const asks = wire.asks.map(([p, q]): BookLevel => [p, q]).sort(bestAskFirst);
  return { market: symbol, bids, asks, seq: wire.lastUpdateId, timestamp: wire.E ?? wire.T ?? now };
}

export function parseBookTicker(wire: WireBookTicker, now: number): BBO {
  return { market: wire.symbol, bid: wire.bidPrice, bidSize: wire.bidQty, ask: wire.askPrice, askSize: wire.askQty, timestamp: wire.time ?? now };
}

/** isBuyerMaker: the buyer rested, so the taker sold. */
export function parseTrade(symbol: string, wire: WireTrade): Trade {
  return { market: symbol, id: wire.id, side: wire.isBuyerMaker ? 'sell' : 'buy', price: wire.price, size: wire.qty, timestamp: wire.time };
}

/** `lastFundingRate` is the rate of the current period (settled at nextFundingTime). */
export function parsePremiumIndex(wire: WirePremiumIndex, periodHours?: number): FundingRate {
  return {
    market: wire.symbol,
    rate: wire.lastFundingRate,
    ...(periodHours === undefined ? {} : { periodHours }),
    markPrice: wire.markPrice,
    nextFundingTime: wire.nextFundingTime,
    timestamp: wire.time,
  };
}

/** One candle; decimal strings for analytics and display. */
export interface Candle {
  readonly time: number;
  readonly open: DecimalString;
  readonly high: DecimalString;
  readonly low: DecimalString;
  readonly close: DecimalString;
  readonly volume: DecimalString;
  readonly closeTime: number;
}

export function parseKlines(wire: WireKlines): Candle[] {
  return wire.map(([time, open, high, low, close, volume, closeTime]) => ({ time, open, high, low, close, volume, closeTime }));
}
