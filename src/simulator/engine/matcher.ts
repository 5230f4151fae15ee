/**
 * The matching loop: an incoming (taker) order against the opposite side of the book, best price
 * first and oldest first within a price, at the maker's price.
 *
 * Self-trade prevention follows the taker's mode: EXPIRE_TAKER (default) stops and expires the
 * taker's rest, EXPIRE_MAKER expires the resting order and carries on, EXPIRE_BOTH expires both.
 * Reduce-only: a fill never exceeds what the order can still reduce; a reduce-only maker that can
 * no longer reduce is expired when reached.
 */
import { reducibleSize } from './accounts.js';
import type { EngineCore } from './core.js';
import { minBig } from './fixed.js';
import type { OrderRecord } from './order-record.js';
import type { MarketState } from './state.js';

export type MatchOutcome = 'FILLED' | 'EXHAUSTED' | 'SELF_TRADE' | 'REDUCE_ONLY';

/** True when a maker at `price` is acceptable to a taker of this side with this limit. */
const withinLimit = (side: 1 | -1, price: bigint, limit: bigint | undefined): boolean =>
  limit === undefined || (side === 1 ? price <= limit : price >= limit);

export function matchOrder(core: EngineCore, ms: MarketState, taker: OrderRecord, limit: bigint | undefined): MatchOutcome {
  const opposite = ms.book.sideOf(taker.side === 1 ? -1 : 1);
  const takerPos = core.accountById(taker.account).market(ms.id).position;
  while (taker.remaining > 0n) {
    const level = opposite.best();
    if (level === undefined || !withinLimit(taker.side, level.price, limit)) return 'EXHAUSTED';
    const entry = level.front();
    if (entry === undefined) throw new Error(`book invariant: empty level ${level.price} in ${ms.id}`);
    const maker = entry.order;
    if (maker.account === taker.account) {
      if (taker.stp === 'EXPIRE_TAKER') return 'SELF_TRADE';
      core.close(maker, 'SELF_TRADE');
      if (taker.stp === 'EXPIRE_BOTH') return 'SELF_TRADE';
      continue;
    }
    let qty = minBig(taker.remaining, maker.remaining);
    if (taker.reduceOnly) {
      const cap = reducibleSize(takerPos, taker.side);
      if (cap === 0n) return 'REDUCE_ONLY';
      qty = minBig(qty, cap);
    }
    if (maker.reduceOnly) {
      const makerPos = core.accountById(maker.account).market(ms.id).position;
      const cap = reducibleSize(makerPos, maker.side);
      if (cap === 0n) {
        core.close(maker, 'REDUCE_ONLY_WOULD_INCREASE');
        continue;
      }
      qty = minBig(qty, cap);
    }
    core.executeMatch(ms, taker, maker, qty, level.price);
    if (maker.status !== 'CLOSED' && maker.reduceOnly) {
      const makerPos = core.accountById(maker.account).market(ms.id).position;
      if (reducibleSize(makerPos, maker.side) === 0n) core.close(maker, 'REDUCE_ONLY_WOULD_INCREASE');
    }
  }
  return 'FILLED';
}

/** Whether the order would take liquidity at once (POST_ONLY check). */
export function wouldCross(ms: MarketState, o: OrderRecord): boolean {
  const best = ms.book.sideOf(o.side === 1 ? -1 : 1).best();
  return best !== undefined && withinLimit(o.side, best.price, o.price);
}

/**
 * Whether a FOK order can fill completely right now, walking the book without changing it and
 * applying the same self-trade and reduce-only rules as matchOrder.
 */
export function canFillCompletely(core: EngineCore, ms: MarketState, taker: OrderRecord, limit: bigint | undefined): boolean {
  const opposite = ms.book.sideOf(taker.side === 1 ? -1 : 1);
  let need = taker.remaining;
  if (taker.reduceOnly) {
    const cap = reducibleSize(core.accountById(taker.account).market(ms.id).position, taker.side);
    if (cap < need) return false;
  }
  /** What each reduce-only maker account can still absorb during this walk. */
  const makerCaps = new Map<string, bigint>();
  for (const level of opposite.top(opposite.levels.length)) {
    if (!withinLimit(taker.side, level.price, limit)) return false;
    for (const entry of level.liveEntries()) {
      const maker = entry.order;
      if (maker.account === taker.account) {
        if (taker.stp === 'EXPIRE_MAKER') continue;
        return false;
      }
      let qty = maker.remaining;
      if (maker.reduceOnly) {
        const cap =
          makerCaps.get(maker.account) ?? reducibleSize(core.accountById(maker.account).market(ms.id).position, maker.side);
        qty = minBig(qty, cap);
        makerCaps.set(maker.account, cap - minBig(qty, need));
      }
      need -= minBig(qty, need);
      if (need === 0n) return true;
    }
  }
  return false;
}

/** Price protection of market orders (see MarketState.marketBuyCap). */
export function marketOrderLimit(ms: MarketState, side: 1 | -1): bigint {
  return side === 1 ? ms.marketBuyCap : ms.marketSellFloor;
}

/** A limit price beyond the band on its aggressive side (buy above, sell below). */
export function outsideBand(ms: MarketState, side: 1 | -1, price: bigint): boolean {
  return side === 1 ? price > ms.bandHigh : price < ms.bandLow;
}
