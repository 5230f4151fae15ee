import { describe, expect, it } from 'vitest';
import { DuplicateClientOrderIdError, InvalidOrderError, OrderNotFoundError, RequestError } from '../../../../src/core/errors.js';
import { eventsOf, limit, M, marketOrder, quietEngine, testMarket, withAccounts } from './helpers.js';

describe('two-phase acceptance', () => {
  it('submit returns NEW; processPending runs the risk check and matching, oldest first', () => {
    const h = quietEngine({ synchronous: false });
    withAccounts(h);
    const maker = h.engine.submit(limit('a', 'SELL', '1', '100'));
    const taker = h.engine.submit(limit('b', 'BUY', '1', '100', { clientId: 'b-1' }));
    expect([maker.status, taker.status]).toEqual(['NEW', 'NEW']);
    expect(h.engine.bookSnapshot(M).asks).toEqual([]);
    expect(h.engine.openOrders('b').map((o) => o.status)).toEqual(['NEW']);
    const processed = h.engine.processPending();
    expect(processed.map((o) => [o.id, o.status])).toEqual([
      [maker.id, 'CLOSED'],
      [taker.id, 'CLOSED'],
    ]);
    expect(h.engine.order('b', { clientId: 'b-1' })?.filledSize).toBe('1');
  });

  it('a NEW order can be cancelled before processing and never trades', () => {
    const h = quietEngine({ synchronous: false });
    withAccounts(h);
    const o = h.engine.submit(limit('a', 'SELL', '1', '100', { clientId: 'x' }));
    expect(h.engine.cancel('a', { clientId: 'x' }).cancelReason).toBe('USER_CANCELED');
    expect(h.engine.processPending()).toEqual([]);
    expect(h.engine.order('a', { id: o.id })?.status).toBe('CLOSED');
  });

  it('advance() moves time but does not process NEW orders', () => {
    const h = quietEngine({ synchronous: false });
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    h.engine.advance(60_000);
    expect(h.engine.openOrders('a')[0]?.status).toBe('NEW');
    expect(h.engine.now()).toBe(h.clock.now() + 60_000);
  });
});

describe('submit validation (typed errors naming field and rule)', () => {
  const h = quietEngine();
  withAccounts(h);

  it.each([
    [{ price: '100.05' }, 'price', 'INVALID_PRICE_PRECISION'],
    [{ size: '0.005' }, 'size', 'INVALID_ORDER_SIZE'],
    [{ size: '1000.01' }, 'size', 'INVALID_ORDER_SIZE'],
    [{ size: '0' }, 'size', 'INVALID_ORDER_SIZE'],
    [{ size: '-1' }, 'size', 'INVALID_ORDER_SIZE'],
    [{ size: '1e3' }, 'size', 'INVALID_ORDER'],
    [{ price: undefined }, 'price', 'INVALID_ORDER'],
    [{ market: 'NOPE' }, 'market', 'MARKET_NOT_FOUND'],
    [{ side: 'LONG' }, 'side', 'INVALID_SIDE'],
    [{ type: 'ICEBERG' }, 'type', 'INVALID_ORDER_TYPE'],
    [{ timeInForce: 'GTD' }, 'timeInForce', 'INVALID_TIF'],
    [{ clientId: 'x'.repeat(65) }, 'clientId', 'INVALID_ORDER'],
  ])('%o -> %s', (patch, field, code) => {
    const request = { ...limit('a', 'BUY', '1', '100'), ...patch } as Parameters<typeof h.engine.submit>[0];
    try {
      h.engine.submit(request);
      expect.unreachable('submit accepted an invalid order');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidOrderError);
      expect((err as InvalidOrderError).field).toBe(field);
      expect((err as InvalidOrderError).venueCode).toBe(code);
      expect((err as InvalidOrderError).rule).toBeTruthy();
    }
  });

  it('refuses POST_ONLY/FOK market orders and an unknown account', () => {
    expect(() => h.engine.submit(marketOrder('a', 'BUY', '1', { timeInForce: 'POST_ONLY' }))).toThrow(/timeInForce/);
    expect(() => h.engine.submit(marketOrder('nobody', 'BUY', '1'))).toThrow(RequestError);
  });

  it('accepts a market alias and ignores a price on market orders', () => {
    const o = h.engine.submit({ account: 'a', market: 'XYZUSDT', side: 'BUY', type: 'MARKET', size: '1', price: '123.45', timeInForce: 'GTC' });
    expect([o.market, o.price, o.timeInForce]).toEqual([M, '0', 'IOC']);
  });
});

describe('client ids and limits', () => {
  it('refuses a client id already used by an open order, and frees it once the order closes', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'BUY', '1', '90', { clientId: 'dup' }));
    expect(() => h.engine.submit(limit('a', 'BUY', '1', '91', { clientId: 'dup' }))).toThrow(DuplicateClientOrderIdError);
    // another account may use the same id
    expect(h.engine.submit(limit('b', 'BUY', '1', '90', { clientId: 'dup' })).status).toBe('OPEN');
    h.engine.cancel('a', { clientId: 'dup' });
    expect(h.engine.submit(limit('a', 'BUY', '1', '91', { clientId: 'dup' })).status).toBe('OPEN');
    // lookups by client id prefer the open order, then the newest closed one
    expect(h.engine.order('a', { clientId: 'dup' })?.price).toBe('91');
  });

  it('refuses orders beyond max_open_orders per market', () => {
    const h = quietEngine({ markets: [testMarket({ max_open_orders: 2 })] });
    withAccounts(h);
    h.engine.submit(limit('a', 'BUY', '1', '90'));
    h.engine.submit(limit('a', 'BUY', '1', '89'));
    expect(() => h.engine.submit(limit('a', 'BUY', '1', '88'))).toThrow(/at most 2 open orders/);
  });
});

describe('cancel', () => {
  it('cancels by id or client id, refuses closed and unknown orders with distinct codes', () => {
    const h = quietEngine();
    withAccounts(h);
    const o = h.engine.submit(limit('a', 'BUY', '1', '90'));
    const c = h.engine.cancel('a', { id: o.id });
    expect([c.status, c.cancelReason]).toEqual(['CLOSED', 'USER_CANCELED']);
    expect(h.engine.bookSnapshot(M).bids).toEqual([]);
    expect(() => h.engine.cancel('a', { id: o.id })).toThrow(expect.objectContaining({ venueCode: 'ORDER_IS_CLOSED' }));
    expect(() => h.engine.cancel('a', { id: '999999' })).toThrow(OrderNotFoundError);
    expect(() => h.engine.cancel('b', { id: o.id })).toThrow(OrderNotFoundError);
    expect(() => h.engine.cancel('a', { clientId: 'none' })).toThrow(expect.objectContaining({ venueCode: 'CLIENT_ORDER_ID_NOT_FOUND' }));
  });

  it('cancelAll closes every open order of the account in a market, triggers included', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'BUY', '1', '90'));
    h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'STOP_MARKET', size: '1', triggerPrice: '80' });
    h.engine.submit(limit('b', 'BUY', '1', '90'));
    const closed = h.engine.cancelAll('a', M);
    expect(closed.map((o) => o.cancelReason)).toEqual(['USER_CANCELED', 'USER_CANCELED']);
    expect(h.engine.openOrders('a')).toEqual([]);
    expect(h.engine.openOrders('b')).toHaveLength(1);
  });
});

describe('amend', () => {
  it('a smaller size at the same price keeps time priority', () => {
    const h = quietEngine();
    withAccounts(h);
    const first = h.engine.submit(limit('a', 'SELL', '2', '100'));
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    const amended = h.engine.amend('a', { id: first.id }, { size: '1.5' });
    expect([amended.id, amended.size, amended.remainingSize]).toEqual([first.id, '1.5', '1.5']);
    h.engine.submit(marketOrder('c', 'BUY', '1'));
    expect(h.engine.fills('a').map((f) => f.size)).toEqual(['1']);
    expect(h.engine.bookSnapshot(M).asks).toEqual([{ price: '100', size: '1.5' }]);
  });

  it('a new price loses priority and may trade at once', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '1', '101'));
    const bid = h.engine.submit(limit('a', 'BUY', '2', '99'));
    const amended = h.engine.amend('a', { id: bid.id }, { price: '101' });
    expect([amended.status, amended.filledSize, amended.price]).toEqual(['OPEN', '1', '101']);
    expect(h.engine.bookSnapshot(M).bids).toEqual([{ price: '101', size: '1' }]);
  });

  it('refuses to amend below the filled size, without margin, or once closed', () => {
    const h = quietEngine();
    withAccounts(h, 'b');
    h.engine.createAccount('poor', { collateral: '100' });
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    const o = h.engine.submit(limit('poor', 'BUY', '3', '100'));
    expect(o.filledSize).toBe('1');
    expect(() => h.engine.amend('poor', { id: o.id }, { size: '1' })).toThrow(/filled size/);
    expect(() => h.engine.amend('poor', { id: o.id }, { size: '11' })).toThrow(expect.objectContaining({ venueCode: 'NOT_ENOUGH_MARGIN' }));
    expect(h.engine.order('poor', { id: o.id })?.size).toBe('3');
    h.engine.cancel('poor', { id: o.id });
    expect(() => h.engine.amend('poor', { id: o.id }, { size: '2' })).toThrow(expect.objectContaining({ venueCode: 'ORDER_IS_CLOSED' }));
  });

  it('moves the trigger of an untriggered order and re-evaluates it', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('c', 'BUY', '5', '95'));
    h.engine.submit(limit('c', 'SELL', '1', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '1'));
    const stop = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'STOP_MARKET', size: '1', triggerPrice: '90' });
    const moved = h.engine.amend('a', { id: stop.id }, { triggerPrice: '100' });
    expect(moved.status).toBe('CLOSED');
    expect(moved.filledSize).toBe('1');
  });
});

describe('order events', () => {
  it('every change of an order is published with an increasing seqNo on the account stream', () => {
    const h = quietEngine();
    withAccounts(h);
    const o = h.engine.submit(limit('a', 'SELL', '2', '100'));
    h.engine.submit(marketOrder('b', 'BUY', '1'));
    h.engine.cancel('a', { id: o.id });
    const updates = eventsOf(h.events, 'order').filter((e) => e.order.id === o.id);
    expect(updates.map((e) => [e.order.status, e.order.filledSize, e.order.seqNo])).toEqual([
      ['NEW', '0', 1],
      ['OPEN', '0', 2],
      ['OPEN', '1', 3],
      ['CLOSED', '1', 4],
    ]);
    const stream = h.events.filter((e) => e.stream === 'account:a');
    expect(stream.map((e) => e.seq)).toEqual(stream.map((_, i) => (stream[0]?.seq ?? 0) + i));
  });
});
