/** Fill deduplication, catch-up ordering and the bounded id memory. */
import { describe, expect, it } from 'vitest';
import type { ExchangeEvent } from '../../../../src/core/exchange-client.js';
import type { Fill, Order, Position } from '../../../../src/core/types.js';
import { PrivateEventState, RecentIds } from '../../../../src/exchanges/paradex/ws/index.js';

const fill = (id: string, timestamp: number): Fill => ({
  exchange: 'paradex',
  id,
  orderId: 'o1',
  market: 'BTC-USD-PERP',
  side: 'buy',
  price: '100',
  size: '1',
  fee: '0',
  feeAsset: 'USDC',
  liquidity: 'taker',
  timestamp,
});
const order = (id: string, status: Order['status'], updatedAt: number): Order => ({
  exchange: 'paradex',
  id,
  market: 'BTC-USD-PERP',
  side: 'buy',
  type: 'limit',
  status,
  size: '1',
  filledSize: status === 'filled' ? '1' : '0',
  remainingSize: status === 'filled' ? '0' : '1',
  timeInForce: 'gtc',
  reduceOnly: false,
  createdAt: 1,
  updatedAt,
});
const position = (market: string, size: string): Position => ({
  exchange: 'paradex',
  market,
  side: size === '0' ? 'flat' : 'long',
  size,
  signedSize: size,
  entryPrice: '100',
  unrealizedPnl: '0',
  realizedPnl: '0',
  updatedAt: 1,
});

function state() {
  const events: ExchangeEvent[] = [];
  const s = new PrivateEventState((e) => events.push(e), 1000);
  const describe = () =>
    events.map((e) => (e.type === 'fill' ? `fill:${e.fill.id}` : e.type === 'order' ? `order:${e.order.id}:${e.order.status}` : e.type === 'position' ? `position:${e.position.market}:${e.position.size}` : e.type));
  return { s, events, describe };
}

describe('PrivateEventState', () => {
  it('delivers each fill id once', () => {
    const { s, describe } = state();
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('a', 1) });
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('a', 1) });
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('b', 2) });
    expect(describe()).toEqual(['fill:a', 'fill:b']);
    expect(s.stats).toMatchObject({ fillsDelivered: 2, duplicateFills: 1 });
    expect(s.lastFillAt).toBe(2);
  });

  it('catch-up: REST view first (orders, missed fills in time order, positions), then held stream events, deduplicated', () => {
    const { s, describe } = state();
    s.fillsWatermark = 10;
    s.deliver({ type: 'order', exchange: 'paradex', order: order('o1', 'open', 10) });
    s.deliver({ type: 'position', exchange: 'paradex', position: position('ETH-USD-PERP', '2') });
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('f1', 11) });
    s.beginCatchUp();
    // Stream events that arrive while REST is read are held.
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('f4', 40) });
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('f3', 30) }); // also in REST
    s.deliver({ type: 'order', exchange: 'paradex', order: order('o1', 'open', 12) }); // older than REST's view
    expect(describe()).toEqual(['order:o1:open', 'position:ETH-USD-PERP:2', 'fill:f1']);
    s.finishCatchUp(
      {
        orders: [order('o1', 'filled', 35)],
        fills: [fill('f3', 30), fill('f1', 11), fill('f2', 20), fill('old', 5)],
        positions: [position('BTC-USD-PERP', '1')],
      },
      'paradex',
      99,
    );
    expect(describe()).toEqual([
      'order:o1:open',
      'position:ETH-USD-PERP:2',
      'fill:f1',
      'order:o1:filled',
      'fill:f2',
      'fill:f3',
      'position:BTC-USD-PERP:1',
      'position:ETH-USD-PERP:0', // held before, not listed any more: closed while away
      'fill:f4',
    ]);
    expect(s.stats).toMatchObject({ missedFillsRecovered: 2, catchUps: 1 });
    expect(s.trackedOpenOrders()).toEqual([]);
    expect(s.positionsHeld()).toEqual(['BTC-USD-PERP']);
  });

  it('an aborted catch-up drops held events and stops holding', () => {
    const { s, describe } = state();
    s.beginCatchUp();
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('x', 1) });
    s.abortCatchUp();
    expect(s.catchingUp).toBe(false);
    s.deliver({ type: 'fill', exchange: 'paradex', fill: fill('y', 2) });
    expect(describe()).toEqual(['fill:y']);
  });
});

describe('RecentIds', () => {
  it('forgets the oldest ids beyond its capacity', () => {
    const ids = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) expect(ids.add(id)).toBe(true);
    expect(ids.size).toBe(3);
    expect(ids.has('a')).toBe(false);
    expect(ids.add('d')).toBe(false);
  });
});
