import { describe, expect, it } from 'vitest';
import { InvalidOrderError } from '../../../../src/core/errors.js';
import { eventsOf, limit, M, marketOrder, quietEngine, withAccounts, type Harness } from './helpers.js';

/** Account a long 2 @ 100 (b short), plus resting liquidity from c on both sides. */
function longPosition(): Harness {
  const h = quietEngine();
  withAccounts(h);
  h.engine.submit(limit('b', 'SELL', '2', '100'));
  h.engine.submit(marketOrder('a', 'BUY', '2'));
  h.engine.submit(limit('c', 'BUY', '10', '90'));
  h.engine.submit(limit('c', 'SELL', '10', '110'));
  return h;
}

describe('reduce-only', () => {
  it('is closed with REDUCE_ONLY_WOULD_INCREASE when there is no opposite position', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    const o = h.engine.submit(marketOrder('a', 'BUY', '1', { reduceOnly: true }));
    expect([o.status, o.cancelReason, o.filledSize]).toEqual(['CLOSED', 'REDUCE_ONLY_WOULD_INCREASE', '0']);
    expect(h.engine.positions('a')).toEqual([]);
  });

  it('never fills beyond the position: the fill is capped and the rest closed', () => {
    const h = longPosition();
    const o = h.engine.submit(marketOrder('a', 'SELL', '5', { reduceOnly: true }));
    expect([o.status, o.cancelReason, o.filledSize, o.remainingSize]).toEqual(['CLOSED', 'REDUCE_ONLY_WOULD_INCREASE', '2', '3']);
    expect(h.engine.position('a', M).size).toBe('0');
  });

  it('resting reduce-only orders are closed when the position goes flat', () => {
    const h = longPosition();
    const tp = h.engine.submit(limit('a', 'SELL', '2', '105', { reduceOnly: true }));
    expect(tp.status).toBe('OPEN');
    h.engine.submit(marketOrder('a', 'SELL', '2'));
    const after = h.engine.order('a', { id: tp.id });
    expect([after?.status, after?.cancelReason]).toEqual(['CLOSED', 'REDUCE_ONLY_WOULD_INCREASE']);
  });

  it('a resting reduce-only maker only fills what reduces the position', () => {
    const h = longPosition();
    h.engine.cancelAll('c');
    h.engine.submit(limit('a', 'SELL', '5', '105', { reduceOnly: true }));
    const taker = h.engine.submit(limit('c', 'BUY', '4', '105'));
    expect([taker.filledSize, taker.status]).toEqual(['2', 'OPEN']);
    expect(h.engine.position('a', M).size).toBe('0');
  });
});

describe('stop / take-profit / stop-loss on the mark price', () => {
  it('a SELL STOP_MARKET fires when the mark falls to the trigger, not before', () => {
    const h = longPosition();
    const stop = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'STOP_MARKET', size: '2', triggerPrice: '95' });
    expect([stop.status, stop.triggerDirection]).toEqual(['UNTRIGGERED', 'BELOW']);
    h.engine.setMarkPrice(M, '95.1');
    expect(h.engine.order('a', { id: stop.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '95');
    const fired = h.engine.order('a', { id: stop.id });
    expect([fired?.status, fired?.filledSize, fired?.avgFillPrice, fired?.triggeredAt]).toEqual(['CLOSED', '2', '90', h.clock.now()]);
    expect(h.engine.position('a', M).size).toBe('0');
  });

  it('a SELL TAKE_PROFIT_LIMIT fires when the mark rises and then rests or trades as a limit order', () => {
    const h = longPosition();
    const tp = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'TAKE_PROFIT_LIMIT', size: '1', price: '112', triggerPrice: '108' });
    expect(tp.triggerDirection).toBe('ABOVE');
    h.engine.setMarkPrice(M, '107.9');
    expect(h.engine.order('a', { id: tp.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '108');
    const fired = h.engine.order('a', { id: tp.id });
    expect([fired?.status, fired?.filledSize]).toEqual(['OPEN', '0']);
    expect(h.engine.bookSnapshot(M).asks[0]).toEqual({ price: '110', size: '10' });
  });

  it('BUY STOP_LOSS fires at mark >= trigger; triggerDirection can override the default', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('c', 'SELL', '10', '110'));
    const sl = h.engine.submit({ account: 'a', market: M, side: 'BUY', type: 'STOP_LOSS_MARKET', size: '1', triggerPrice: '105' });
    const below = h.engine.submit({ account: 'b', market: M, side: 'BUY', type: 'STOP_MARKET', size: '1', triggerPrice: '95', triggerDirection: 'BELOW' });
    h.engine.setMarkPrice(M, '95');
    expect(h.engine.order('b', { id: below.id })?.filledSize).toBe('1');
    expect(h.engine.order('a', { id: sl.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '105');
    expect(h.engine.order('a', { id: sl.id })?.filledSize).toBe('1');
  });

  it('a condition already met fires at acceptance, or is refused at submit with rejectIfWouldTrigger', () => {
    const h = longPosition();
    const order = { account: 'a', market: M, side: 'SELL' as const, type: 'STOP_MARKET' as const, size: '1', triggerPrice: '101' };
    expect(() => h.engine.submit({ ...order, rejectIfWouldTrigger: true })).toThrow(InvalidOrderError);
    const fired = h.engine.submit(order);
    expect([fired.status, fired.filledSize]).toEqual(['CLOSED', '1']);
  });

  it('size "0" closes the whole position at trigger time, whatever its size then', () => {
    const h = longPosition();
    const sl = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0', triggerPrice: '95' });
    expect([sl.size, sl.closePosition, sl.reduceOnly]).toEqual(['0', true, true]);
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '1'));
    expect(h.engine.position('a', M).size).toBe('3');
    h.engine.setMarkPrice(M, '94');
    const fired = h.engine.order('a', { id: sl.id });
    expect([fired?.status, fired?.size, fired?.filledSize, fired?.remainingSize]).toEqual(['CLOSED', '3', '3', '0']);
    expect(h.engine.position('a', M).size).toBe('0');
  });

  it('a whole-position order that fires while flat closes with NO_POSITION_TO_CLOSE', () => {
    const h = quietEngine();
    withAccounts(h);
    const tp = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'TAKE_PROFIT_MARKET', size: '0', triggerPrice: '101' });
    h.engine.setMarkPrice(M, '101');
    expect(h.engine.order('a', { id: tp.id })?.cancelReason).toBe('NO_POSITION_TO_CLOSE');
  });

  it('untriggered orders reserve no margin', () => {
    const h = longPosition();
    const before = h.engine.accountSummary('a').initialMargin;
    h.engine.submit({ account: 'a', market: M, side: 'BUY', type: 'STOP_MARKET', size: '50', triggerPrice: '150' });
    expect(h.engine.accountSummary('a').initialMargin).toBe(before);
  });
});

describe('trailing stop', () => {
  it('a SELL trailing stop follows the highest mark and fires on a callback-rate pullback', () => {
    const h = longPosition();
    const trail = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'TRAILING_STOP_MARKET', size: '2', callbackRate: '1' });
    expect(trail.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '104');
    h.engine.setMarkPrice(M, '102.97'); // 104 x 0.99 = 102.96: not yet
    expect(h.engine.order('a', { id: trail.id })?.triggerPrice).toBe('103');
    expect(h.engine.order('a', { id: trail.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '102.96');
    const fired = h.engine.order('a', { id: trail.id });
    expect([fired?.status, fired?.filledSize]).toEqual(['CLOSED', '2']);
  });

  it('waits for the activation price before tracking (BUY: mark <= activation)', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('c', 'SELL', '10', '110'));
    const trail = h.engine.submit({
      account: 'a',
      market: M,
      side: 'BUY',
      type: 'TRAILING_STOP_MARKET',
      size: '1',
      callbackRate: '2',
      activationPrice: '95',
    });
    h.engine.setMarkPrice(M, '103'); // would be a 3% rise from 100, but not activated
    expect(h.engine.order('a', { id: trail.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '94'); // activates, lowest 94
    h.engine.setMarkPrice(M, '90'); // lowest 90 -> fires at >= 91.8
    h.engine.setMarkPrice(M, '91.7');
    expect(h.engine.order('a', { id: trail.id })?.status).toBe('UNTRIGGERED');
    h.engine.setMarkPrice(M, '91.8');
    expect(h.engine.order('a', { id: trail.id })?.filledSize).toBe('1');
  });

  it('refuses callback rates outside 0.1-5 %', () => {
    const h = quietEngine();
    withAccounts(h);
    const base = { account: 'a', market: M, side: 'SELL' as const, type: 'TRAILING_STOP_MARKET' as const, size: '1' };
    expect(() => h.engine.submit({ ...base, callbackRate: '0.05' })).toThrow(/callbackRate/);
    expect(() => h.engine.submit({ ...base, callbackRate: '5.1' })).toThrow(/callbackRate/);
    expect(() => h.engine.submit({ ...base })).toThrow(/callbackRate/);
  });

  it('publishes the trigger as order events: UNTRIGGERED then the final state', () => {
    const h = longPosition();
    h.events.length = 0;
    const stop = h.engine.submit({ account: 'a', market: M, side: 'SELL', type: 'STOP_MARKET', size: '1', triggerPrice: '95' });
    h.engine.setMarkPrice(M, '95');
    const statuses = eventsOf(h.events, 'order')
      .filter((e) => e.order.id === stop.id)
      .map((e) => e.order.status);
    expect(statuses).toEqual(['NEW', 'UNTRIGGERED', 'CLOSED']);
  });
});
