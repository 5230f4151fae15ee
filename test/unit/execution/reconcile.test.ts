import { describe, expect, it } from 'vitest';
import type { Fill, Order, Position } from '../../../src/core/types.js';
import { flatPosition, type PositionState } from '../../../src/execution/position-math.js';
import { reconcile, type LocalState, type VenueState } from '../../../src/execution/reconcile.js';
import type { TrackedOrder } from '../../../src/execution/types.js';

const M = 'BTC-USD-PERP';
const order = (clientOrderId: string | undefined, status: Order['status'], patch: Partial<Order> = {}): Order => ({
  exchange: 'paradex', id: `v-${clientOrderId ?? 'x'}`, ...(clientOrderId === undefined ? {} : { clientOrderId }), market: M, side: 'buy', type: 'limit',
  status, size: '1', filledSize: '0', remainingSize: '1', price: '100', timeInForce: 'gtc', reduceOnly: false, createdAt: 1, updatedAt: 5, ...patch,
});
const tracked = (clientOrderId: string, status: TrackedOrder['status'], patch: Partial<TrackedOrder> = {}): TrackedOrder => ({
  clientOrderId, market: M, role: 'entry', request: { market: M, side: 'buy', type: 'limit', size: '1', price: '100', clientOrderId }, status,
  venueOrderId: `v-${clientOrderId}`, side: 'buy', type: 'limit', size: '1', filledSize: '0', price: '100', reduceOnly: false, submitAttempts: 1,
  notFoundCount: 0, lost: false, createdAt: 1, updatedAt: 1, venueUpdatedAt: 5, ...patch,
});
const position = (signedSize: string, entryPrice: string): Position => ({
  exchange: 'paradex', market: M, side: signedSize.startsWith('-') ? 'short' : signedSize === '0' ? 'flat' : 'long', size: signedSize.replace('-', ''),
  signedSize, entryPrice, unrealizedPnl: '0', realizedPnl: '0', updatedAt: 9,
});
const fill = (id: string): Fill => ({
  exchange: 'paradex', id, orderId: 'v', market: M, side: 'buy', price: '100', size: '1', fee: '0', feeAsset: 'USDC', liquidity: 'taker', timestamp: 3,
});
const local = (patch: Partial<LocalState> = {}): LocalState => ({ orders: [], positions: [], balances: [], hasSeenFill: () => false, ...patch });
const venue = (patch: Partial<VenueState> = {}): VenueState => ({ openOrders: [], lookedUp: new Map(), fills: [], positions: [], balances: [], ...patch });
const policy = { ownsClientOrderId: (id: string) => id.startsWith('fs-'), strayOrders: 'adopt' as const };
const long = (size: string, cost: string): PositionState => ({ market: M, signedSize: size, cost, realizedPnl: '0', fees: '0', updatedAt: 1 });

describe('reconcile (pure diff)', () => {
  it('equal states need no correction', () => {
    const l = local({ orders: [tracked('fs-1', 'open')], positions: [long('1', '100')], balances: [{ asset: 'USDC', total: '5', updatedAt: 1 }], hasSeenFill: () => true });
    const v = venue({ openOrders: [order('fs-1', 'open')], positions: [position('1', '100')], fills: [fill('f1')], balances: [{ asset: 'USDC', total: '5', updatedAt: 2 }] });
    expect(reconcile(l, v, policy)).toEqual([]);
  });

  it('the venue wins on order state, fills and ids', () => {
    const l = local({ orders: [tracked('fs-1', 'open'), tracked('fs-2', 'unknown', { venueOrderId: undefined })] });
    const v = venue({ openOrders: [order('fs-1', 'partially_filled', { filledSize: '0.5' }), order('fs-2', 'open')] });
    expect(reconcile(l, v, policy).map((c) => [c.type, 'clientOrderId' in c ? c.clientOrderId : ''])).toEqual([
      ['order_state', 'fs-1'],
      ['order_state', 'fs-2'],
    ]);
  });

  it('orders missing from the open list: their looked-up state, not-found, or left alone when not looked up', () => {
    const l = local({ orders: [tracked('fs-1', 'open'), tracked('fs-2', 'open'), tracked('fs-3', 'open')] });
    const v = venue({ lookedUp: new Map([['fs-1', order('fs-1', 'filled', { filledSize: '1', remainingSize: '0' })], ['fs-2', null]]) });
    expect(reconcile(l, v, policy)).toEqual([
      { type: 'order_state', clientOrderId: 'fs-1', order: order('fs-1', 'filled', { filledSize: '1', remainingSize: '0' }) },
      { type: 'order_not_found', clientOrderId: 'fs-2' },
    ]);
  });

  it('a cancel the venue has not applied is retried', () => {
    const c = reconcile(local({ orders: [tracked('fs-1', 'pending_cancel')] }), venue({ openOrders: [order('fs-1', 'open')] }), policy);
    expect(c).toEqual([{ type: 'retry_cancel', clientOrderId: 'fs-1' }]);
  });

  it('our stray orders are adopted or cancelled by policy; foreign ones are left alone', () => {
    const v = venue({ openOrders: [order('fs-old', 'open'), order('manual', 'open'), order(undefined, 'open')] });
    expect(reconcile(local(), v, policy).map((c) => c.type)).toEqual(['adopt_order']);
    expect(reconcile(local(), v, { ...policy, strayOrders: 'cancel' }).map((c) => c.type)).toEqual(['cancel_stray_order']);
  });

  it('reports unseen fills oldest first', () => {
    const v = venue({ fills: [{ ...fill('b'), timestamp: 9 }, { ...fill('a'), timestamp: 2 }, fill('seen')] });
    const c = reconcile(local({ hasSeenFill: (id) => id === 'seen' }), v, policy);
    expect(c.map((x) => (x.type === 'missed_fill' ? x.fill.id : ''))).toEqual(['a', 'b']);
  });

  it('positions: differing size or entry is replaced, a position the venue no longer has goes flat', () => {
    expect(reconcile(local({ positions: [long('1', '100')] }), venue({ positions: [position('2', '100')] }), policy).map((c) => c.type)).toEqual(['position']);
    expect(reconcile(local({ positions: [long('1', '100')] }), venue({ positions: [position('1', '101')] }), policy).map((c) => c.type)).toEqual(['position']);
    expect(reconcile(local({ positions: [long('1', '100')] }), venue(), policy)).toEqual([{ type: 'position_flat', market: M }]);
    expect(reconcile(local({ positions: [flatPosition(M)] }), venue(), policy)).toEqual([]);
    expect(reconcile(local(), venue({ positions: [position('-1', '100')] }), policy).map((c) => c.type)).toEqual(['position']);
  });

  it('balances follow the venue', () => {
    const c = reconcile(local({ balances: [{ asset: 'USDC', total: '5', updatedAt: 1 }] }), venue({ balances: [{ asset: 'USDC', total: '6', updatedAt: 2 }] }), policy);
    expect(c).toEqual([{ type: 'balance', balance: { asset: 'USDC', total: '6', updatedAt: 2 } }]);
  });
});
