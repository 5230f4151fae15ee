import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { eventsOf, limit, M, marketOrder, quietEngine, testMarket, withAccounts, type Harness } from './helpers.js';

const HOUR = 3_600_000;

/** a long 2 @ 100, b short 2 @ 100. */
function positions(h: Harness): void {
  withAccounts(h, 'a', 'b');
  h.engine.submit(limit('b', 'SELL', '2', '100'));
  h.engine.submit(marketOrder('a', 'BUY', '2'));
}

describe('funding', () => {
  it('settles at the next multiple of the period: longs pay size x mark x premium to shorts', () => {
    const h = quietEngine();
    positions(h);
    const next = h.engine.marketSummary(M).nextFundingAt;
    expect(next % (8 * HOUR)).toBe(0);
    h.engine.setMarkPrice(M, '100.5', '100');
    expect(h.engine.marketSummary(M).fundingRate).toBe('0.005');
    h.engine.advance(next - h.engine.now() - 1);
    expect(h.engine.fundingPayments('a')).toEqual([]);
    h.engine.advance(1);
    // premium 0.5 / 100 = 0.005; payment 2 x 100.5 x 0.005 = 1.005
    const [pa] = h.engine.fundingPayments('a');
    const [pb] = h.engine.fundingPayments('b');
    expect([pa?.payment, pa?.rate, pa?.positionSize, pa?.markPrice, pa?.createdAt]).toEqual(['-1.005', '0.005', '2', '100.5', next]);
    expect(pb?.payment).toBe('1.005');
    expect(h.engine.accountSummary('a').collateral).toBe('99998.995');
    expect(h.engine.accountSummary('b').collateral).toBe('100001.005');
    expect(h.engine.position('a', M).fundingPnl).toBe('-1.005');
    const [rate] = h.engine.fundingHistory(M);
    expect([rate?.rate, rate?.premium, rate?.fundingIndex, rate?.periodHours]).toEqual(['0.005', '0.005', '0.5025', 8]);
    expect(eventsOf(h.events, 'funding_payment').map((x) => x.payment.payment)).toEqual(['-1.005', '1.005']);
    expect(eventsOf(h.events, 'funding_rate')).toHaveLength(1);
    expect(h.engine.marketSummary(M).nextFundingAt).toBe(next + 8 * HOUR);
  });

  it('clamps the rate to max_funding_rate and honours an override', () => {
    const h = quietEngine();
    positions(h);
    h.engine.setMarkPrice(M, '102', '100');
    // premium 0.02 clamped to 0.01: 2 x 102 x 0.01 = 2.04
    expect(h.engine.settleFunding(M).rate).toBe('0.01');
    expect(h.engine.fundingPayments('a').at(-1)?.payment).toBe('-2.04');
    h.engine.setFundingRate(M, '-0.0001');
    h.engine.settleFunding(M);
    // negative rate: the long receives 2 x 102 x 0.0001 = 0.0204
    expect(h.engine.fundingPayments('a').at(-1)?.payment).toBe('0.0204');
    expect(h.engine.fundingPayments('b').at(-1)?.payment).toBe('-0.0204');
    h.engine.setFundingRate(M, undefined);
    expect(h.engine.marketSummary(M).fundingRate).toBe('0.01');
  });

  it('rounds each payment half-even to 8 decimals', () => {
    const h = quietEngine();
    withAccounts(h, 'a', 'b');
    h.engine.submit(limit('b', 'SELL', '0.03', '100'));
    h.engine.submit(marketOrder('a', 'BUY', '0.03'));
    h.engine.setMarkPrice(M, '100.1', '100.1');
    h.engine.setFundingRate(M, '0.000123');
    h.engine.settleFunding(M);
    // 0.03 x 100.1 x 0.000123 = 0.000369369 -> 0.00036937
    expect(h.engine.fundingPayments('a')[0]?.payment).toBe('-0.00036937');
    expect(h.engine.fundingPayments('b')[0]?.payment).toBe('0.00036937');
  });

  it('averages the premium sampled at every price step of the period', () => {
    const start = 1_717_027_200_000; // a multiple of 8 h (and of 4 h)
    const clock = new ManualClock(start);
    const engine = new SimulatorEngine({
      clock,
      synchronous: true,
      marketMaker: { enabled: false },
      priceProcess: { intervalMs: HOUR, volatilityScale: 0 },
      fundingIntervalMs: 4 * HOUR,
      markets: [testMarket()],
    });
    const h: Harness = { engine, clock, events: [] };
    positions(h);
    engine.setMarkPrice(M, '100.1', '100');
    engine.advance(2 * HOUR); // samples at +1h, +2h: 0.001
    engine.setMarkPrice(M, '100.4', '100');
    engine.advance(2 * HOUR); // samples at +3h, +4h: 0.004, then settlement at +4h
    const [rate] = engine.fundingHistory(M);
    expect([rate?.premium, rate?.rate, rate?.createdAt]).toEqual(['0.0025', '0.0025', start + 4 * HOUR]);
    // 2 x 100.4 x 0.0025 = 0.502
    expect(engine.fundingPayments('a')[0]?.payment).toBe('-0.502');
  });
});
