/**
 * Public market-data bodies (aster.md §4.2) from engine queries. Field sets follow the recorded
 * responses (depth, trades, premiumIndex, fundingRate, fundingInfo, ticker/24hr); numbers are
 * spelled with the tick's / step's decimals, rates and mark prices with eight.
 */
import { add, compare, div, isZero, mul, normalize, sub } from '../../../../core/decimal.js';
import type { EngineTrade, SimulatorEngine } from '../../../engine/index.js';
import { fixedDp, money8 } from '../format.js';
import { engineTradeSerial, tradeIdOf } from '../ids.js';
import { price, qty, type AsterMarket } from '../symbols.js';

/** Funding interest rate shown by the venue for every USDT perpetual. */
export const INTEREST_RATE = '0.00010000';
/** Trades the engine retains per market (its default historyLimit). */
const TRADE_HISTORY = 10_000;
const DAY_MS = 86_400_000;

export function renderDepth(engine: SimulatorEngine, m: AsterMarket, limit: number, now: number): Record<string, unknown> {
  const book = engine.bookSnapshot(m.engineId, limit);
  const level = (l: { price: string; size: string }) => [price(m, l.price), qty(m, l.size)];
  return { lastUpdateId: book.seq, E: now, T: book.timestamp, bids: book.bids.map(level), asks: book.asks.map(level) };
}

/** Live (not busted) trades, oldest first. */
export function tradesOldestFirst(engine: SimulatorEngine, m: AsterMarket): EngineTrade[] {
  return engine
    .recentTrades(m.engineId, TRADE_HISTORY)
    .filter((t) => !t.busted)
    .reverse();
}

export function renderTrades(engine: SimulatorEngine, m: AsterMarket, limit: number): unknown[] {
  return tradesOldestFirst(engine, m)
    .slice(-limit)
    .map((t) => ({
      id: tradeIdOf(t.id),
      price: price(m, t.price),
      qty: qty(m, t.size),
      quoteQty: normalize(mul(t.price, t.size)),
      time: t.createdAt,
      isBuyerMaker: t.side === 'SELL',
    }));
}

export interface AggTradeFilter {
  readonly fromId?: number;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit: number;
}

/** One engine trade is one aggregate trade (a = f = l = its id). */
export function renderAggTrades(engine: SimulatorEngine, m: AsterMarket, filter: AggTradeFilter): unknown[] {
  let trades = tradesOldestFirst(engine, m);
  if (filter.fromId !== undefined) {
    const from = engineTradeSerial(filter.fromId);
    trades = trades.filter((t) => Number(t.id) >= from).slice(0, filter.limit);
  } else {
    if (filter.startTime !== undefined) trades = trades.filter((t) => t.createdAt >= (filter.startTime as number));
    if (filter.endTime !== undefined) trades = trades.filter((t) => t.createdAt <= (filter.endTime as number));
    trades = filter.startTime !== undefined ? trades.slice(0, filter.limit) : trades.slice(-filter.limit);
  }
  return trades.map((t) => {
    const id = tradeIdOf(t.id);
    return { a: id, p: price(m, t.price), q: qty(m, t.size), f: id, l: id, T: t.createdAt, m: t.side === 'SELL' };
  });
}

export function renderPremiumIndex(engine: SimulatorEngine, m: AsterMarket, now: number): Record<string, unknown> {
  const s = engine.marketSummary(m.engineId);
  return {
    symbol: m.symbol,
    markPrice: money8(s.markPrice),
    indexPrice: money8(s.indexPrice),
    estimatedSettlePrice: money8(s.indexPrice),
    lastFundingRate: money8(s.fundingRate),
    interestRate: INTEREST_RATE,
    nextFundingTime: s.nextFundingAt,
    time: now,
  };
}

export interface TimeFilter {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit: number;
}

export function renderFundingRates(engine: SimulatorEngine, m: AsterMarket, filter: TimeFilter): Record<string, unknown>[] {
  const history = engine.fundingHistory(m.engineId, {
    ...(filter.startTime === undefined ? {} : { since: filter.startTime }),
    ...(filter.endTime === undefined ? {} : { until: filter.endTime }),
  });
  const chosen = filter.startTime !== undefined ? history.slice(0, filter.limit) : history.slice(-filter.limit);
  return chosen.map((r) => ({ symbol: m.symbol, fundingTime: r.createdAt, fundingRate: money8(r.rate) }));
}

export function renderFundingInfo(m: AsterMarket, now: number): Record<string, unknown> {
  const cap = Number(m.config.maxFundingRate);
  return {
    symbol: m.symbol,
    interestRate: INTEREST_RATE,
    time: now,
    fundingIntervalHours: m.config.fundingPeriodHours,
    fundingFeeCap: cap,
    fundingFeeFloor: -cap,
  };
}

/** Rolling 24 h statistics over the trades the engine retains. */
export function renderTicker24h(engine: SimulatorEngine, m: AsterMarket, now: number): Record<string, unknown> {
  const trades = tradesOldestFirst(engine, m).filter((t) => t.createdAt > now - DAY_MS);
  const fallback = engine.marketSummary(m.engineId);
  const reference = fallback.lastTradedPrice ?? fallback.markPrice;
  const first = trades[0];
  const last = trades[trades.length - 1];
  const open = first?.price ?? reference;
  const close = last?.price ?? reference;
  let high = open;
  let low = open;
  let volume = '0';
  let quoteVolume = '0';
  for (const t of trades) {
    if (compare(t.price, high) > 0) high = t.price;
    if (compare(t.price, low) < 0) low = t.price;
    volume = add(volume, t.size);
    quoteVolume = add(quoteVolume, mul(t.price, t.size));
  }
  const change = sub(close, open);
  return {
    symbol: m.symbol,
    priceChange: price(m, change),
    priceChangePercent: fixedDp(mul(div(change, open, 10), '100'), 3),
    weightedAvgPrice: isZero(volume) ? price(m, close) : price(m, div(quoteVolume, volume, 8)),
    lastPrice: price(m, close),
    lastQty: qty(m, last?.size ?? '0'),
    openPrice: price(m, open),
    highPrice: price(m, high),
    lowPrice: price(m, low),
    volume: qty(m, volume),
    quoteVolume: normalize(quoteVolume),
    openTime: now - DAY_MS,
    closeTime: now,
    firstId: first === undefined ? -1 : tradeIdOf(first.id),
    lastId: last === undefined ? -1 : tradeIdOf(last.id),
    count: trades.length,
  };
}

export function renderTickerPrice(engine: SimulatorEngine, m: AsterMarket, now: number): Record<string, unknown> {
  const s = engine.marketSummary(m.engineId);
  return { symbol: m.symbol, price: price(m, s.lastTradedPrice ?? s.markPrice), time: now };
}

export function renderBookTicker(engine: SimulatorEngine, m: AsterMarket, now: number): Record<string, unknown> {
  const b = engine.bbo(m.engineId);
  return {
    symbol: m.symbol,
    bidPrice: b.bid === undefined ? '0' : price(m, b.bid),
    bidQty: b.bidSize === undefined ? '0' : qty(m, b.bidSize),
    askPrice: b.ask === undefined ? '0' : price(m, b.ask),
    askQty: b.askSize === undefined ? '0' : qty(m, b.askSize),
    time: now,
  };
}
