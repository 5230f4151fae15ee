import { describe, expect, it } from 'vitest';
import { eventsOf, limit, M, marketOrder, quietEngine, withAccounts } from './helpers.js';

describe('price-time priority', () => {
  it('fills the best price first, then the oldest order at a price, at the maker price', () => {
    const h = quietEngine();
    withAccounts(h, 'a', 'b', 'c', 'd');
    const e = h.engine;
    const first = e.submit(limit('a', 'SELL', '1', '101'));
    const second = e.submit(limit('b', 'SELL', '1', '101'));
    const better = e.submit(limit('c', 'SELL', '1', '100.5'));
    const taker = e.submit(limit('d', 'BUY', '2.5', '101'));
    expect(taker.status).toBe('CLOSED');
    expect(taker.filledSize).toBe('2.5');
    // (1 x 100.5 + 1 x 101 + 0.5 x 101) / 2.5 = 252 / 2.5 = 100.8
    expect(taker.avgFillPrice).toBe('100.8');
    expect(taker.filledNotional).toBe('252');
    const fills = e.fills('d');
    expect(fills.map((f) => [f.price, f.size, f.liquidity])).toEqual([
      ['100.5', '1', 'TAKER'],
      ['101', '1', 'TAKER'],
      ['101', '0.5', 'TAKER'],
    ]);
    expect(e.order('a', { id: first.id })?.status).toBe('CLOSED');
    const partly = e.order('b', { id: second.id });
    expect(partly?.status).toBe('OPEN');
    expect([partly?.filledSize, partly?.remainingSize]).toEqual(['0.5', '0.5']);
    expect(e.order('c', { id: better.id })?.filledSize).toBe('1');
    expect(e.bookSnapshot(M).asks).toEqual([{ price: '101', size: '0.5' }]);
  });

  it('a crossing limit order that is not filled completely rests at its price', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    const o = h.engine.submit(limit('b', 'BUY', '3', '100.2'));
    expect([o.status, o.filledSize, o.remainingSize]).toEqual(['OPEN', '1', '2']);
    expect(h.engine.bookSnapshot(M).bids).toEqual([{ price: '100.2', size: '2' }]);
    expect(h.engine.bookSnapshot(M).asks).toEqual([]);
  });

  it('emits both fills of a match with maker/taker liquidity and one public trade with the taker side', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'BUY', '2', '99'));
    h.events.length = 0;
    h.engine.submit(marketOrder('b', 'SELL', '0.5'));
    const fills = eventsOf(h.events, 'fill').map((e) => e.fill);
    expect(fills.map((f) => [f.account, f.side, f.liquidity, f.price, f.size])).toEqual([
      ['b', 'SELL', 'TAKER', '99', '0.5'],
      ['a', 'BUY', 'MAKER', '99', '0.5'],
    ]);
    expect(fills[0]?.tradeId).toBe(fills[1]?.tradeId);
    const trades = eventsOf(h.events, 'trade').map((e) => e.trade);
    expect(trades).toHaveLength(1);
    expect([trades[0]?.side, trades[0]?.price, trades[0]?.size]).toEqual(['SELL', '99', '0.5']);
    expect(h.engine.recentTrades(M)[0]?.id).toBe(trades[0]?.id);
  });
});

describe('time in force', () => {
  it('IOC fills what it can and closes the rest with IOC_NOT_FILLED', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    const o = h.engine.submit(limit('b', 'BUY', '2', '100', { timeInForce: 'IOC' }));
    expect([o.status, o.cancelReason, o.filledSize, o.remainingSize]).toEqual(['CLOSED', 'IOC_NOT_FILLED', '1', '1']);
    expect(h.engine.bookSnapshot(M).bids).toEqual([]);
  });

  it('FOK trades nothing unless it can fill completely', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    h.engine.submit(limit('a', 'SELL', '1', '100.5'));
    const refused = h.engine.submit(limit('b', 'BUY', '2', '100.4', { timeInForce: 'FOK' }));
    expect([refused.status, refused.cancelReason, refused.filledSize]).toEqual(['CLOSED', 'FOK_NOT_FILLED', '0']);
    expect(h.engine.fills('b')).toEqual([]);
    const done = h.engine.submit(limit('b', 'BUY', '2', '100.5', { timeInForce: 'FOK' }));
    expect([done.status, done.cancelReason, done.filledSize]).toEqual(['CLOSED', undefined, '2']);
  });

  it('POST_ONLY is closed with POST_ONLY_WOULD_CROSS when it would take, and rests otherwise', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    const crossing = h.engine.submit(limit('b', 'BUY', '1', '100', { timeInForce: 'POST_ONLY' }));
    expect([crossing.status, crossing.cancelReason]).toEqual(['CLOSED', 'POST_ONLY_WOULD_CROSS']);
    const resting = h.engine.submit(limit('b', 'BUY', '1', '99.9', { timeInForce: 'POST_ONLY' }));
    expect(resting.status).toBe('OPEN');
    expect(h.engine.fills('b')).toEqual([]);
  });

  it('a MARKET order sweeps levels but stops at the price band around the mark', () => {
    const h = quietEngine();
    withAccounts(h);
    // band 0.5 -> a buy may pay up to 150 with the mark at 100
    h.engine.submit(limit('a', 'SELL', '1', '120'));
    h.engine.submit(limit('a', 'SELL', '1', '150'));
    h.engine.submit(limit('a', 'SELL', '1', '150.1'));
    const o = h.engine.submit(marketOrder('b', 'BUY', '5'));
    expect([o.status, o.cancelReason, o.filledSize, o.avgFillPrice]).toEqual(['CLOSED', 'IOC_NOT_FILLED', '2', '135']);
    expect(o.price).toBe('0');
  });

  it('a MARKET order on an empty book closes unfilled', () => {
    const h = quietEngine();
    withAccounts(h);
    const o = h.engine.submit(marketOrder('b', 'SELL', '1'));
    expect([o.status, o.cancelReason, o.filledSize]).toEqual(['CLOSED', 'IOC_NOT_FILLED', '0']);
  });
});

describe('self-trade prevention', () => {
  function setup() {
    const h = quietEngine();
    withAccounts(h);
    const own = h.engine.submit(limit('a', 'SELL', '1', '100'));
    const other = h.engine.submit(limit('b', 'SELL', '1', '100.1'));
    return { h, own, other };
  }

  it('EXPIRE_TAKER (default) expires the incoming order and keeps the resting one', () => {
    const { h, own } = setup();
    const taker = h.engine.submit(limit('a', 'BUY', '2', '101'));
    expect([taker.status, taker.cancelReason, taker.filledSize]).toEqual(['CLOSED', 'SELF_TRADE', '0']);
    expect(h.engine.order('a', { id: own.id })?.status).toBe('OPEN');
  });

  it('EXPIRE_MAKER expires the resting order and keeps matching', () => {
    const { h, own } = setup();
    const taker = h.engine.submit(limit('a', 'BUY', '2', '101', { stp: 'EXPIRE_MAKER' }));
    const maker = h.engine.order('a', { id: own.id });
    expect([maker?.status, maker?.cancelReason]).toEqual(['CLOSED', 'SELF_TRADE']);
    expect([taker.status, taker.filledSize, taker.remainingSize]).toEqual(['OPEN', '1', '1']);
    expect(h.engine.fills('a').map((f) => f.price)).toEqual(['100.1']);
  });

  it('EXPIRE_BOTH expires both orders', () => {
    const { h, own } = setup();
    const taker = h.engine.submit(limit('a', 'BUY', '2', '101', { stp: 'EXPIRE_BOTH' }));
    expect([taker.status, taker.cancelReason]).toEqual(['CLOSED', 'SELF_TRADE']);
    expect(h.engine.order('a', { id: own.id })?.cancelReason).toBe('SELF_TRADE');
    expect(h.engine.fills('a')).toEqual([]);
  });
});

describe('book events', () => {
  it('publishes one book_delta per operation with contiguous seq and net level changes', () => {
    const h = quietEngine();
    withAccounts(h);
    const start = h.engine.bookSnapshot(M).seq;
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    h.engine.submit(limit('a', 'SELL', '2', '100'));
    h.engine.submit(limit('b', 'BUY', '3', '100'));
    const deltas = eventsOf(h.events, 'book_delta');
    expect(deltas.map((d) => d.seq)).toEqual([start + 1, start + 2, start + 3]);
    expect(deltas.map((d) => d.changes)).toEqual([
      [{ side: 'ASK', action: 'INSERT', price: '100', size: '1' }],
      [{ side: 'ASK', action: 'UPDATE', price: '100', size: '3' }],
      [{ side: 'ASK', action: 'DELETE', price: '100', size: '0' }],
    ]);
    expect(h.engine.bookSnapshot(M).seq).toBe(start + 3);
  });

  it('publishes a bbo event only when the top of book changes', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('a', 'SELL', '1', '100'));
    h.engine.submit(limit('a', 'SELL', '1', '101'));
    h.engine.submit(limit('a', 'BUY', '1', '99'));
    const bbos = eventsOf(h.events, 'bbo').map((e) => e.bbo);
    expect(bbos.map((b) => [b.bid, b.ask])).toEqual([
      [undefined, '100'],
      ['99', '100'],
    ]);
    expect(h.engine.bbo(M)).toMatchObject({ bid: '99', bidSize: '1', ask: '100', askSize: '1' });
  });
});
