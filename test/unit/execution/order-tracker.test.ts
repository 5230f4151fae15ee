import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import type { Fill, Order } from '../../../src/core/types.js';
import { OrderTracker } from '../../../src/execution/order-tracker.js';

const ID = 'fs-1';
const request = { market: 'BTC-USD-PERP', side: 'buy' as const, type: 'limit' as const, size: '1', price: '100', clientOrderId: ID };

function venue(status: Order['status'], patch: Partial<Order> = {}): Order {
  return {
    exchange: 'paradex',
    id: 'v1',
    clientOrderId: ID,
    market: 'BTC-USD-PERP',
    side: 'buy',
    type: 'limit',
    status,
    size: '1',
    filledSize: '0',
    remainingSize: '1',
    price: '100',
    timeInForce: 'gtc',
    reduceOnly: false,
    createdAt: 1,
    updatedAt: 10,
    ...patch,
  };
}

function fill(id: string, size: string, patch: Partial<Fill> = {}): Fill {
  return {
    exchange: 'paradex',
    id,
    orderId: 'v1',
    clientOrderId: ID,
    market: 'BTC-USD-PERP',
    side: 'buy',
    price: '100',
    size,
    fee: '0',
    feeAsset: 'USDC',
    liquidity: 'maker',
    timestamp: 20,
    ...patch,
  };
}

function tracker(lostAfter = 3) {
  const t = new OrderTracker({ clock: new ManualClock(1000), lostAfter });
  const illegal: string[] = [];
  const lost: string[] = [];
  t.listen({ onIllegal: (id, from, to) => illegal.push(`${id}:${from}->${to}`), onLost: (o) => lost.push(o.clientOrderId) });
  t.create({ request, role: 'entry' });
  return { t, illegal, lost };
}

describe('OrderTracker', () => {
  it('creates the order before sending, as pending_submit', () => {
    const { t } = tracker();
    expect(t.get(ID)?.status).toBe('pending_submit');
    expect(() => t.create({ request, role: 'entry' })).toThrow(/already tracked/);
  });

  it('applies legal venue updates from any source and indexes the venue id', () => {
    const { t } = tracker();
    expect(t.applyUpdate(venue('open'), 'submit').kind).toBe('applied');
    expect(t.byVenueId('v1')?.clientOrderId).toBe(ID);
    const r = t.applyUpdate(venue('partially_filled', { filledSize: '0.4', remainingSize: '0.6', updatedAt: 11 }), 'poll');
    expect(r.kind).toBe('applied');
    expect(t.get(ID)?.filledSize).toBe('0.4');
  });

  it('reports and counts an illegal transition and never applies it', () => {
    const { t, illegal } = tracker();
    t.applyUpdate(venue('filled', { filledSize: '1', remainingSize: '0' }), 'stream');
    const r = t.applyUpdate(venue('canceled', { filledSize: '1', remainingSize: '0', updatedAt: 12 }), 'stream');
    expect(r.kind).toBe('illegal');
    expect(t.get(ID)?.status).toBe('filled');
    expect(t.stats.illegalTransitions).toBe(1);
    expect(illegal).toEqual([`${ID}:filled->canceled`]);
  });

  it('drops stale updates (older venue time or less filled)', () => {
    const { t } = tracker();
    t.applyUpdate(venue('partially_filled', { filledSize: '0.5', updatedAt: 20 }), 'stream');
    expect(t.applyUpdate(venue('open', { updatedAt: 15 }), 'stream').kind).toBe('stale');
    expect(t.applyUpdate(venue('partially_filled', { filledSize: '0.2', updatedAt: 25 }), 'stream').kind).toBe('stale');
    expect(t.get(ID)?.filledSize).toBe('0.5');
    expect(t.stats.staleUpdates).toBe(2);
  });

  it('deduplicates fills by id across sources and derives the status from them', () => {
    const { t } = tracker();
    t.applyUpdate(venue('open'), 'submit');
    expect(t.applyFill(fill('f1', '0.4'), 'stream').kind).toBe('new');
    expect(t.applyFill(fill('f1', '0.4'), 'reconcile').kind).toBe('duplicate');
    expect(t.get(ID)?.status).toBe('partially_filled');
    expect(t.get(ID)?.filledSize).toBe('0.4');
    t.applyFill(fill('f2', '0.6'), 'poll');
    expect(t.get(ID)?.status).toBe('filled');
    expect(t.stats.duplicateFills).toBe(1);
    expect(t.hasSeenFill('f2')).toBe(true);
  });

  it('a fill for an order still unresolved tells us the venue has it', () => {
    const { t } = tracker();
    t.markUnknown(ID, 'timeout');
    t.applyFill(fill('f1', '1'), 'stream');
    expect(t.get(ID)?.status).toBe('filled');
    expect(t.get(ID)?.venueOrderId).toBe('v1');
  });

  it('keeps pending_cancel while the venue still reports the order working, and restores it when the cancel fails', () => {
    const { t } = tracker();
    t.applyUpdate(venue('open'), 'submit');
    t.markPendingCancel(ID);
    t.applyUpdate(venue('partially_filled', { filledSize: '0.3', updatedAt: 11 }), 'stream');
    expect(t.get(ID)?.status).toBe('pending_cancel');
    expect(t.get(ID)?.filledSize).toBe('0.3');
    t.markCancelFailed(ID);
    expect(t.get(ID)?.status).toBe('open');
  });

  it('declares an order lost after the venue keeps saying it does not know it', () => {
    const { t, lost } = tracker(2);
    t.markUnknown(ID, 'timeout');
    t.recordNotFound(ID);
    expect(t.get(ID)?.lost).toBe(false);
    t.recordNotFound(ID);
    expect(t.get(ID)?.lost).toBe(true);
    expect(t.get(ID)?.status).toBe('rejected');
    expect(lost).toEqual([ID]);
    expect(t.stats.lostOrders).toBe(1);
  });

  it('an acknowledged order that disappears is lost as canceled; a sighting resets the count', () => {
    const { t } = tracker(2);
    t.applyUpdate(venue('open'), 'submit');
    t.recordNotFound(ID);
    t.applyUpdate(venue('open', { updatedAt: 11 }), 'poll');
    expect(t.get(ID)?.notFoundCount).toBe(0);
    t.recordNotFound(ID);
    t.recordNotFound(ID);
    expect(t.get(ID)?.status).toBe('canceled');
  });

  it('reconciliation overrides local state the table would keep (venue wins), unless local is newer', () => {
    const { t } = tracker();
    t.applyUpdate(venue('open', { updatedAt: 10 }), 'submit');
    t.declareLost(ID);
    expect(t.resync(venue('open', { updatedAt: 30 })).kind).toBe('applied');
    expect(t.get(ID)?.status).toBe('open');
    expect(t.stats.resyncs).toBe(1);
    expect(t.resync(venue('canceled', { updatedAt: 5 })).kind).toBe('stale');
  });

  it('adopts an order of ours found on the venue', () => {
    const t = new OrderTracker();
    const adopted = t.adopt(venue('open', { clientOrderId: 'fs-x', id: 'v9' }), 'adopted');
    expect(adopted.status).toBe('open');
    expect(adopted.role).toBe('adopted');
    expect(t.byVenueId('v9')?.clientOrderId).toBe('fs-x');
  });

  it('resubmission goes back through pending_submit only from unknown', () => {
    const { t, illegal } = tracker();
    t.markUnknown(ID, 'timeout');
    expect(t.markSubmitting(ID).kind).toBe('applied');
    expect(t.get(ID)?.submitAttempts).toBe(1);
    t.applyUpdate(venue('open'), 'submit');
    expect(t.markSubmitting(ID).kind).toBe('illegal');
    expect(illegal).toHaveLength(1);
  });

  it('forgets the oldest terminal orders beyond its memory', () => {
    const t = new OrderTracker({ terminalMemory: 2 });
    for (let i = 0; i < 5; i++) {
      const id = `fs-${i}`;
      t.create({ request: { ...request, clientOrderId: id }, role: 'entry' });
      t.markRejected(id, 'test');
    }
    expect(t.all().map((o) => o.clientOrderId)).toEqual(['fs-3', 'fs-4']);
  });
});
