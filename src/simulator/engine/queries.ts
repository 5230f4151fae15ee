/**
 * Read-only views over the engine state: books, trades, orders, fills, positions, accounts,
 * funding. Nothing here changes state.
 */
import { OrderNotFoundError } from '../../core/errors.js';
import type { AccountState } from './accounts.js';
import type { EngineCore } from './core.js';
import { fmtMoney, fmtPrice, fmtRate, fmtSize } from './fixed.js';
import { pendingFundingRate } from './funding.js';
import { accountRisk } from './margin.js';
import type { OrderRecord } from './order-record.js';
import type { MarketState } from './state.js';
import type {
  BookSnapshot,
  EngineAccountSummary,
  EngineBbo,
  EngineFill,
  EngineFundingPayment,
  EngineFundingRate,
  EngineMarketSummary,
  EngineOrder,
  EnginePosition,
  EngineTrade,
  OrderLookup,
} from './types.js';
import type { HistoryFilter } from './options.js';
import * as views from './views.js';

export function bookSnapshot(core: EngineCore, ms: MarketState, depth: number): BookSnapshot {
  const levels = (side: typeof ms.book.bids) => side.top(depth).map((l) => ({ price: fmtPrice(l.price), size: fmtSize(l.total) }));
  return { market: ms.id, seq: ms.bookStream.seq, bids: levels(ms.book.bids), asks: levels(ms.book.asks), timestamp: core.now };
}

export const bbo = (core: EngineCore, ms: MarketState): EngineBbo => views.bbo(ms, core.now);

export function recentTrades(ms: MarketState, limit: number): EngineTrade[] {
  return ms.trades.slice(-limit).reverse().map(views.trade);
}

export function marketSummary(core: EngineCore, ms: MarketState): EngineMarketSummary {
  const bid = ms.book.bids.best();
  const ask = ms.book.asks.best();
  return {
    market: ms.id,
    markPrice: fmtPrice(ms.mark),
    indexPrice: fmtPrice(ms.index),
    ...(ms.lastTradePrice === undefined ? {} : { lastTradedPrice: fmtPrice(ms.lastTradePrice) }),
    ...(bid === undefined ? {} : { bid: fmtPrice(bid.price) }),
    ...(ask === undefined ? {} : { ask: fmtPrice(ask.price) }),
    openInterest: fmtSize(ms.openInterest),
    fundingRate: fmtRate(pendingFundingRate(ms).rate),
    fundingIndex: fmtMoney(ms.fundingIndex),
    nextFundingAt: ms.nextFundingAt,
    volume24h: fmtMoney(ms.volume24h(core.now)),
    timestamp: core.now,
  };
}

export function fundingHistory(ms: MarketState, filter: HistoryFilter): EngineFundingRate[] {
  return applyFilter(ms.fundingHistory, filter, (r) => r.createdAt).map((r) => views.fundingRate(ms, r));
}

/** An order of this account by id, or by client id (open first, then the newest closed one). */
export function findOrder(core: EngineCore, account: AccountState, lookup: OrderLookup): OrderRecord | undefined {
  if ('id' in lookup) {
    const o = core.orderById(lookup.id);
    return o !== undefined && o.account === account.id ? o : undefined;
  }
  const open = account.clientIds.get(lookup.clientId);
  if (open !== undefined && (lookup.market === undefined || core.markets.get(lookup.market)?.id === open.market)) return open;
  for (let i = account.closedOrders.length - 1; i >= 0; i--) {
    const o = account.closedOrders[i];
    if (o !== undefined && o.clientId === lookup.clientId && (lookup.market === undefined || core.markets.get(lookup.market)?.id === o.market)) {
      return o;
    }
  }
  return undefined;
}

export function requireOrder(core: EngineCore, account: AccountState, lookup: OrderLookup): OrderRecord {
  const o = findOrder(core, account, lookup);
  if (o !== undefined) return o;
  if ('id' in lookup) throw new OrderNotFoundError(`order ${lookup.id} not found`, { venueCode: 'ORDER_ID_NOT_FOUND' });
  throw new OrderNotFoundError(`order with clientId "${lookup.clientId}" not found`, { venueCode: 'CLIENT_ORDER_ID_NOT_FOUND' });
}

/** Open orders (NEW, UNTRIGGERED, OPEN), oldest first. */
export function openOrders(account: AccountState, marketId: string | undefined): EngineOrder[] {
  const out: OrderRecord[] = [];
  for (const am of account.markets.values()) {
    if (marketId !== undefined && am.market !== marketId) continue;
    for (const o of am.openOrders) out.push(o);
  }
  return out.sort((a, b) => a.serial - b.serial).map(views.order);
}

/** Open and retained closed orders, oldest first. */
export function orderHistory(account: AccountState, filter: HistoryFilter, marketId: string | undefined): EngineOrder[] {
  const all: OrderRecord[] = [...account.closedOrders];
  for (const am of account.markets.values()) for (const o of am.openOrders) all.push(o);
  all.sort((a, b) => a.serial - b.serial);
  const inMarket = marketId === undefined ? all : all.filter((o) => o.market === marketId);
  return applyFilter(inMarket, filter, (o) => o.createdAt).map(views.order);
}

export function fills(account: AccountState, filter: HistoryFilter, marketId: string | undefined): EngineFill[] {
  const inMarket = marketId === undefined ? account.fills : account.fills.filter((f) => f.market === marketId);
  return applyFilter(inMarket, filter, (f) => f.createdAt).map((f) => views.fill(f, account.asset));
}

export function fundingPayments(account: AccountState, filter: HistoryFilter, marketId: string | undefined): EngineFundingPayment[] {
  const inMarket = marketId === undefined ? account.fundingPayments : account.fundingPayments.filter((p) => p.market === marketId);
  return applyFilter(inMarket, filter, (p) => p.createdAt).map(views.fundingPayment);
}

/** Positions with a non-zero size, in market listing order. */
export function positions(core: EngineCore, account: AccountState): EnginePosition[] {
  const out: EnginePosition[] = [];
  for (const ms of core.marketList) {
    const am = account.markets.get(ms.id);
    if (am !== undefined && am.position.size !== 0n) out.push(views.position(account.id, ms, am));
  }
  return out;
}

export function position(account: AccountState, ms: MarketState): EnginePosition {
  return views.position(account.id, ms, account.market(ms.id));
}

export function accountSummary(core: EngineCore, account: AccountState): EngineAccountSummary {
  return views.accountSummary(account, accountRisk(account, core.marketOf));
}

function applyFilter<T>(items: readonly T[], filter: HistoryFilter, time: (item: T) => number): T[] {
  const { since, until, limit } = filter;
  const out = items.filter((x) => (since === undefined || time(x) >= since) && (until === undefined || time(x) <= until));
  return limit !== undefined && out.length > limit ? out.slice(out.length - limit) : out;
}
