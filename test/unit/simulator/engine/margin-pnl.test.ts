import { describe, expect, it } from 'vitest';
import { InsufficientMarginError, RequestError } from '../../../../src/core/errors.js';
import { loadMarkets, defaultMarketDefinitions } from '../../../../src/simulator/engine/markets.js';
import { initialMarginFraction } from '../../../../src/simulator/engine/margin.js';
import { eventsOf, limit, M, marketOrder, quietEngine, testMarket, withAccounts } from './helpers.js';

describe('positions and PnL (exact, hand-computed)', () => {
  it('tracks entry cost, average entry, realized PnL through adds, a partial close and a flip', () => {
    const h = quietEngine();
    withAccounts(h);
    const e = h.engine;
    e.submit(limit('b', 'SELL', '2', '100'));
    e.submit(marketOrder('a', 'BUY', '2'));
    e.submit(limit('b', 'SELL', '1', '103'));
    e.submit(marketOrder('a', 'BUY', '1'));
    // 2 x 100 + 1 x 103 = 303 for 3 -> average 101
    expect(e.position('a', M)).toMatchObject({ side: 'LONG', size: '3', cost: '303', averageEntryPrice: '101', realizedPnl: '0' });

    e.setMarkPrice(M, '104');
    // 3 x 104 - 303 = 9
    expect(e.position('a', M).unrealizedPnl).toBe('9');
    expect(e.accountSummary('a')).toMatchObject({ collateral: '100000', unrealizedPnl: '9', accountValue: '100009' });

    e.submit(limit('b', 'BUY', '1.5', '106'));
    e.submit(marketOrder('a', 'SELL', '1.5'));
    // releases 303 x 1.5 / 3 = 151.5 of cost; realized 1.5 x 106 - 151.5 = 7.5
    expect(e.position('a', M)).toMatchObject({ size: '1.5', cost: '151.5', averageEntryPrice: '101', realizedPnl: '7.5' });
    expect(e.fills('a').at(-1)?.realizedPnl).toBe('7.5');

    e.submit(limit('b', 'BUY', '2', '99'));
    e.submit(marketOrder('a', 'SELL', '2'));
    // closes 1.5: 1.5 x 99 - 151.5 = -3; the other 0.5 opens a short at 99 (cost -49.5)
    expect(e.position('a', M)).toMatchObject({ side: 'SHORT', size: '-0.5', cost: '-49.5', averageEntryPrice: '99', realizedPnl: '4.5' });
    // short 0.5 with the mark at 104: -0.5 x 104 + 49.5 = -2.5
    expect(e.position('a', M).unrealizedPnl).toBe('-2.5');
    expect(e.accountSummary('a')).toMatchObject({ collateral: '100004.5', unrealizedPnl: '-2.5', accountValue: '100002' });
    // the counterparty mirrors it
    expect(e.position('b', M).size).toBe('0.5');
  });

  it('averages entries that do not divide evenly without losing a unit', () => {
    const h = quietEngine();
    withAccounts(h);
    const e = h.engine;
    for (const price of ['100', '100', '100.1']) {
      e.submit(limit('b', 'SELL', '1', price));
      e.submit(marketOrder('a', 'BUY', '1'));
    }
    // 300.1 / 3 = 100.0333... (shown to 8 dp), cost stays exact
    expect(e.position('a', M)).toMatchObject({ cost: '300.1', averageEntryPrice: '100.03333333' });
    e.submit(limit('b', 'BUY', '1', '100'));
    e.submit(marketOrder('a', 'SELL', '1'));
    // releases 300.1 / 3 = 100.0333333333333333 (16 dp, half-even)
    expect(e.position('a', M).cost).toBe('200.0666666666666667');
    e.submit(limit('b', 'BUY', '2', '100'));
    e.submit(marketOrder('a', 'SELL', '2'));
    // closing the rest releases exactly what is left: total realized = 300 - 300.1
    expect(e.position('a', M)).toMatchObject({ size: '0', cost: '0', realizedPnl: '-0.1' });
    expect(e.accountSummary('a').collateral).toBe('99999.9');
  });
});

describe('fees', () => {
  it('charges taker and maker rates on the notional, rebates for a negative rate', () => {
    const h = quietEngine({ fees: { maker: '-0.0001', taker: '0.0005' } });
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '2', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '2'));
    // notional 200: taker pays 0.1, maker gets 0.02
    expect(h.engine.fills('a')[0]?.fee).toBe('0.1');
    expect(h.engine.fills('b')[0]?.fee).toBe('-0.02');
    expect(h.engine.accountSummary('a').collateral).toBe('99999.9');
    expect(h.engine.accountSummary('b').collateral).toBe('100000.02');
    const balances = eventsOf(h.events, 'balance').filter((x) => x.reason === 'TRADE');
    expect(balances.map((b) => [b.account, b.change])).toEqual([
      ['a', '-0.1'],
      ['b', '0.02'],
    ]);
  });

  it('rounds fees half-even to 8 decimals and honours per-account rates', () => {
    const h = quietEngine();
    h.engine.createAccount('a', { collateral: '1000', fees: { maker: '0', taker: '0.000123' } });
    h.engine.createAccount('b', { collateral: '1000' });
    h.engine.submit(limit('b', 'SELL', '0.01', '100.3'));
    h.engine.submit(marketOrder('a', 'BUY', '0.01'));
    // 1.003 x 0.000123 = 0.000123369 -> 0.00012337
    expect(h.engine.fills('a')[0]?.fee).toBe('0.00012337');
    expect(h.engine.fills('b')[0]?.fee).toBe('0');
  });
});

describe('margin', () => {
  it('reports IMR on the open size and MMR on the position, valued at the mark', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '2', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '2'));
    // 2 x 100 x 10% = 20; maintenance half of it
    expect(h.engine.accountSummary('a')).toMatchObject({ initialMargin: '20', maintenanceMargin: '10', freeCollateral: '99980' });
    // a resting buy of 3 raises the buy open size to 5: 5 x 100 x 10% = 50
    h.engine.submit(limit('a', 'BUY', '3', '90'));
    expect(h.engine.accountSummary('a').initialMargin).toBe('50');
    // a sell of 4 only offsets (sell open size 4 < 5): no change
    h.engine.submit(limit('a', 'SELL', '4', '130'));
    expect(h.engine.accountSummary('a').initialMargin).toBe('50');
    // a sell of 3 more: sell open size 7 > 5 -> 70
    h.engine.submit(limit('a', 'SELL', '3', '130'));
    expect(h.engine.accountSummary('a').initialMargin).toBe('70');
  });

  it('closes an order with NOT_ENOUGH_MARGIN when the IMR would exceed the account value', () => {
    const h = quietEngine();
    withAccounts(h, 'b');
    h.engine.createAccount('poor', { collateral: '100' });
    h.engine.submit(limit('b', 'SELL', '50', '100'));
    const resting = h.engine.submit(limit('poor', 'BUY', '5', '90'));
    expect(resting.status).toBe('OPEN');
    const tooBig = h.engine.submit(limit('poor', 'BUY', '5.01', '90'));
    expect([tooBig.status, tooBig.cancelReason]).toEqual(['CLOSED', 'NOT_ENOUGH_MARGIN']);
    const exact = h.engine.submit(marketOrder('poor', 'BUY', '5'));
    expect(exact.filledSize).toBe('5');
    expect(h.engine.accountSummary('poor')).toMatchObject({ initialMargin: '100', freeCollateral: '0' });
  });

  it('an order that does not increase the IMR is accepted even below initial margin', () => {
    const h = quietEngine();
    withAccounts(h, 'b');
    h.engine.createAccount('poor', { collateral: '100' });
    h.engine.submit(limit('b', 'SELL', '10', '100'));
    h.engine.submit(marketOrder('poor', 'BUY', '10'));
    h.engine.setMarkPrice(M, '95');
    // value 100 - 50 = 50 < IMR 95 but >= MMR 47.5
    expect(h.engine.accountSummary('poor')).toMatchObject({ accountValue: '50', initialMargin: '95', maintenanceMargin: '47.5', marginStatus: 'BELOW_INITIAL' });
    const reduce = h.engine.submit(limit('poor', 'SELL', '5', '120'));
    expect(reduce.status).toBe('OPEN');
    const increase = h.engine.submit(limit('poor', 'BUY', '0.01', '80'));
    expect(increase.cancelReason).toBe('NOT_ENOUGH_MARGIN');
    h.engine.setMarkPrice(M, '94.7');
    // value 47, MMR 10 x 94.7 x 5% = 47.35
    expect(h.engine.accountSummary('poor')).toMatchObject({ accountValue: '47', maintenanceMargin: '47.35', marginStatus: 'BELOW_MAINTENANCE' });
  });

  it('lower leverage raises the margin fraction; leverage above the market maximum is refused', () => {
    const h = quietEngine();
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '2', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '2'));
    expect(h.engine.setLeverage('a', M, 4).leverage).toBe('4');
    // 1/4 = 25%: 2 x 100 x 25% = 50
    expect(h.engine.accountSummary('a').initialMargin).toBe('50');
    expect(() => h.engine.setLeverage('a', M, 11)).toThrow(RequestError);
    expect(() => h.engine.setLeverage('a', M, 2.5)).toThrow(/integer/);
  });

  it('uses Paradex imf_factor/imf_shift above the shift (BTC recorded parameters)', () => {
    const btc = loadMarkets(defaultMarketDefinitions()).find((m) => m.id === 'BTC-USD-PERP');
    if (btc === undefined) throw new Error('BTC-USD-PERP missing from data/markets.json');
    const money = (usd: bigint) => usd * 10n ** 16n;
    const rate = (v: bigint) => Number(v) / 1e18;
    // below the shift: imf_base
    expect(rate(initialMarginFraction(btc, money(180_100n), undefined))).toBe(0.02);
    // 1 180 000 - 180 000 = 1e6 -> sqrt 1000 x 0.00007 = 0.07
    expect(initialMarginFraction(btc, money(1_180_000n), undefined)).toBe(7n * 10n ** 16n);
    // a chosen leverage of 10 dominates
    expect(initialMarginFraction(btc, money(1_000n), 10)).toBe(10n ** 17n);
  });

  it('refuses orders beyond the position limit with ORDER_EXCEEDS_POSITION_LIMIT', () => {
    const h = quietEngine({ markets: [testMarket({ position_limit: '5' })] });
    withAccounts(h);
    expect(h.engine.submit(limit('b', 'SELL', '5.01', '100')).cancelReason).toBe('ORDER_EXCEEDS_POSITION_LIMIT');
    h.engine.submit(limit('b', 'SELL', '5', '100'));
    expect(h.engine.submit(marketOrder('a', 'BUY', '5')).filledSize).toBe('5');
    expect(h.engine.submit(marketOrder('a', 'BUY', '0.01')).cancelReason).toBe('ORDER_EXCEEDS_POSITION_LIMIT');
    expect(h.engine.submit(limit('a', 'SELL', '5', '120')).status).toBe('OPEN');
  });

  it('refuses orders below min notional, except a reduce-only order closing the whole position', () => {
    const h = quietEngine({ markets: [testMarket({ min_notional: '10' })] });
    withAccounts(h);
    h.engine.submit(limit('b', 'SELL', '1', '100'));
    expect(h.engine.submit(marketOrder('a', 'BUY', '0.09')).cancelReason).toBe('ORDER_SIZE_BELOW_MIN');
    expect(h.engine.submit(marketOrder('a', 'BUY', '0.1')).filledSize).toBe('0.1');
    h.engine.submit(limit('b', 'BUY', '1', '99'));
    expect(h.engine.submit(marketOrder('a', 'SELL', '0.05', { reduceOnly: true })).cancelReason).toBe('ORDER_SIZE_BELOW_MIN');
    expect(h.engine.submit(marketOrder('a', 'SELL', '0.1', { reduceOnly: true })).filledSize).toBe('0.1');
  });

  it('refuses a limit price beyond the band on its aggressive side only', () => {
    const h = quietEngine({ markets: [testMarket({ price_bands_width: '0.05' })] });
    withAccounts(h);
    expect(h.engine.submit(limit('a', 'BUY', '1', '105.1')).cancelReason).toBe('PRICE_OUTSIDE_BAND');
    expect(h.engine.submit(limit('a', 'BUY', '1', '105')).status).toBe('OPEN');
    expect(h.engine.submit(limit('a', 'SELL', '1', '94.9')).cancelReason).toBe('PRICE_OUTSIDE_BAND');
    expect(h.engine.submit(limit('a', 'SELL', '1', '200')).status).toBe('OPEN');
  });

  it('lets only free collateral be withdrawn', () => {
    const h = quietEngine();
    withAccounts(h, 'b');
    h.engine.createAccount('w', { collateral: '100' });
    h.engine.submit(limit('b', 'SELL', '5', '100'));
    h.engine.submit(marketOrder('w', 'BUY', '5'));
    expect(() => h.engine.withdraw('w', '50.01')).toThrow(InsufficientMarginError);
    expect(h.engine.withdraw('w', '50').collateral).toBe('50');
    expect(() => h.engine.deposit('w', '-1')).toThrow(RequestError);
    expect(h.engine.fund('w', '0.5').collateral).toBe('50.5');
  });
});
