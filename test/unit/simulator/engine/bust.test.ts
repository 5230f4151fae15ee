import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../../src/core/errors.js';
import { eventsOf, limit, M, marketOrder, quietEngine, withAccounts } from './helpers.js';

describe('busting a trade', () => {
  it('restores both positions, realized PnL and fees, and publishes the bust', () => {
    const h = quietEngine({ fees: { maker: '0.0002', taker: '0.0005' } });
    withAccounts(h, 'a', 'b');
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '1'));
    expect(h.engine.accountSummary('a').collateral).toBe('99999.95');
    expect(h.engine.marketSummary(M).openInterest).toBe('1');
    const fill = h.engine.fills('a')[0];
    if (fill === undefined) throw new Error('no fill');
    h.events.length = 0;

    const busted = h.engine.bustTrade(fill.tradeId);
    expect(busted.map((f) => [f.account, f.busted])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(h.engine.position('a', M)).toMatchObject({ size: '0', cost: '0', realizedPnl: '0' });
    expect(h.engine.position('b', M)).toMatchObject({ size: '0', cost: '0', realizedPnl: '0' });
    expect(h.engine.accountSummary('a').collateral).toBe('100000');
    expect(h.engine.accountSummary('b').collateral).toBe('100000');
    expect(h.engine.marketSummary(M).openInterest).toBe('0');
    expect(h.engine.fills('a')[0]?.busted).toBe(true);
    expect(h.engine.recentTrades(M)[0]?.busted).toBe(true);
    expect(eventsOf(h.events, 'fill_busted').map((e) => e.account)).toEqual(['a', 'b']);
    expect(eventsOf(h.events, 'trade_busted')).toHaveLength(1);
    expect(eventsOf(h.events, 'balance').map((e) => [e.account, e.change, e.reason])).toEqual([
      ['a', '0.05', 'BUST'],
      ['b', '0.02', 'BUST'],
    ]);
    expect(() => h.engine.bustTrade(fill.tradeId)).toThrow(expect.objectContaining({ venueCode: 'TRADE_ALREADY_BUSTED' }));
    expect(() => h.engine.bustTrade('nope')).toThrow(RequestError);
  });

  it('busting an earlier fill keeps equity equal to a replay without it', () => {
    const h = quietEngine();
    withAccounts(h, 'a', 'b');
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '1'));
    const opening = h.engine.fills('a')[0];
    h.engine.submit(limit('b', 'BUY', '1', '110'));
    h.engine.submit(marketOrder('a', 'SELL', '1'));
    expect(h.engine.accountSummary('a').collateral).toBe('100010');
    if (opening === undefined) throw new Error('no fill');
    h.engine.bustFill(opening.id);
    // Without the opening buy, a only sold 1 at 110: short 1; at a mark of 105 equity = 100000 + 5.
    h.engine.setMarkPrice(M, '105');
    expect(h.engine.position('a', M).size).toBe('-1');
    expect(h.engine.accountSummary('a').accountValue).toBe('100005');
    expect(h.engine.accountSummary('b').accountValue).toBe('99995');
  });

  it('leaves the orders as they were (a bust does not reopen an order)', () => {
    const h = quietEngine();
    withAccounts(h, 'a', 'b');
    const maker = h.engine.submit(limit('b', 'SELL', '1', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '1'));
    h.engine.bustFill(h.engine.fills('a')[0]?.id ?? '');
    expect(h.engine.order('b', { id: maker.id })).toMatchObject({ status: 'CLOSED', filledSize: '1' });
    expect(h.engine.bookSnapshot(M).asks).toEqual([]);
  });
});
