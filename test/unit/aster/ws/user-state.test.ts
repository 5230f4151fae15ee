/** Event ordering and dedupe (UserEventState) and the REST catch-up after a reconnect. */
import { describe, expect, it } from 'vitest';
import type { Fill, Order, Position } from '../../../../src/core/types.js';
import { catchUp } from '../../../../src/exchanges/aster/ws/catch-up.js';
import type { CatchUpSources } from '../../../../src/exchanges/aster/ws/catch-up.js';
import { BoundedSet, UserEventState } from '../../../../src/exchanges/aster/ws/user-state.js';

const order = (id: string, status: Order['status'], market = 'BTCUSDT', updatedAt = 1): Order => ({
  exchange: 'aster', id, market, side: 'buy', type: 'limit', status, size: '1', filledSize: '0', remainingSize: '1', timeInForce: 'gtc', reduceOnly: false, createdAt: 1, updatedAt,
});
const fill = (id: string, timestamp: number, market = 'BTCUSDT'): Fill => ({
  exchange: 'aster', id, orderId: '1', market, side: 'buy', price: '1', size: '1', fee: '0', feeAsset: 'USDT', liquidity: 'maker', timestamp,
});
const position = (market: string, signedSize: string): Position => ({
  exchange: 'aster', market, side: signedSize === '0' ? 'flat' : 'long', size: signedSize, signedSize, entryPrice: '1', unrealizedPnl: '0', realizedPnl: '0', updatedAt: 1,
});

describe('UserEventState', () => {
  it('applies order updates in event-time order per order and forgets closed orders as open', () => {
    const state = new UserEventState();
    expect(state.acceptOrder(order('1', 'open'), 10)).toBe(true);
    expect(state.acceptOrder(order('1', 'filled'), 30)).toBe(true);
    expect(state.acceptOrder(order('1', 'partially_filled'), 20)).toBe(false);
    expect(state.acceptOrder(order('2', 'open'), 5)).toBe(true);
    expect(state.openOrders().map((o) => o.id)).toEqual(['2']);
  });

  it('dedupes fills and tracks the last fill time per symbol; positions and balances by time', () => {
    const state = new UserEventState();
    expect(state.acceptFill(fill('a', 5))).toBe(true);
    expect(state.acceptFill(fill('a', 5))).toBe(false);
    expect(state.acceptFill(fill('b', 3))).toBe(true);
    expect(state.lastFillTime('BTCUSDT')).toBe(5);
    expect(state.acceptPosition(position('BTCUSDT', '1'), 10)).toBe(true);
    expect(state.acceptPosition(position('BTCUSDT', '0'), 9)).toBe(false);
    expect(state.nonFlatSymbols()).toEqual(['BTCUSDT']);
    expect(state.acceptBalance({ asset: 'USDT', total: '1', updatedAt: 1 }, 2)).toBe(true);
    expect(state.acceptBalance({ asset: 'USDT', total: '0', updatedAt: 1 }, 1)).toBe(false);
  });

  it('keeps memory bounded', () => {
    const set = new BoundedSet(2);
    set.add('a');
    set.add('b');
    set.add('c');
    expect([set.has('a'), set.has('c'), set.size]).toEqual([false, true, 2]);
  });
});

describe('catchUp', () => {
  it('emits missed fills once in time order, then open and closed order states, then positions', async () => {
    const state = new UserEventState();
    state.acceptOrder(order('1', 'open', 'BTCUSDT'), 1);
    state.acceptOrder(order('2', 'open', 'ETHUSDT'), 1);
    state.acceptFill(fill('seen', 1));
    const asked: string[] = [];
    const sources: CatchUpSources = {
      openOrders: async () => [order('1', 'partially_filled', 'BTCUSDT', 50)],
      order: async (symbol, id) => (asked.push(`${symbol}/${id}`), order(id, 'filled', symbol, 60)),
      fills: async (symbol, since) => {
        asked.push(`fills ${symbol} since ${since}`);
        return symbol === 'BTCUSDT' ? [fill('late', 40), fill('seen', 1)] : symbol === 'ETHUSDT' ? [fill('early', 20, 'ETHUSDT')] : [];
      },
      positions: async () => [position('BTCUSDT', '2'), position('ETHUSDT', '0'), position('XRPUSDT', '0')],
      activeSymbols: () => ['SOLUSDT'],
    };
    const out: string[] = [];
    const result = await catchUp(sources, state, 1000, 2000, {
      fill: (f) => out.push(`fill ${f.id}`),
      order: (o) => out.push(`order ${o.id} ${o.status}`),
      position: (p) => out.push(`position ${p.market} ${p.signedSize}`),
    });
    expect(out).toEqual(['fill early', 'fill late', 'order 1 partially_filled', 'order 2 filled', 'position BTCUSDT 2', 'position ETHUSDT 0']);
    expect(result).toEqual({ fills: 2, orders: 2, positions: 2 });
    expect(asked).toEqual(expect.arrayContaining(['fills SOLUSDT since 1000', 'fills BTCUSDT since 1000', 'fills ETHUSDT since 1000', 'ETHUSDT/2']));
    // A second catch-up with the same answers emits no fill again.
    const again: string[] = [];
    await catchUp(sources, state, 1000, 3000, { fill: (f) => again.push(f.id), order: () => undefined, position: () => undefined });
    expect(again).toEqual([]);
  });
});
