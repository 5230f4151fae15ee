import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { RiskRejectedError } from '../../../src/core/errors.js';
import type { Market } from '../../../src/core/types.js';
import { ExecutionJournal } from '../../../src/execution/journal.js';
import { RiskManager } from '../../../src/execution/risk.js';
import { accountLeverage, dailyLossActive, nextUtcMidnight, observeDailyLoss, positionSize, utcDay } from '../../../src/execution/risk-rules.js';

const settings = { leverage: '10', positionSizePercent: '25', maxPositions: 2, takeProfitRoe: '1.5', stopLossRoe: '-0.5' };
const BTC: Market = {
  exchange: 'paradex', symbol: 'BTC-USD-PERP', kind: 'PERP', base: 'BTC', quote: 'USD', settlement: 'USDC', tickSize: '0.1', stepSize: '0.001', minNotional: '100',
};
const T0 = Date.UTC(2024, 5, 1, 12);

function rejection(fn: () => unknown): RiskRejectedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RiskRejectedError) return error;
    throw error;
  }
  throw new Error('expected a RiskRejectedError');
}

describe('risk rules (pure)', () => {
  it('sizes from equity x percent at leverage, rounded down to the step', () => {
    expect(positionSize({ equity: '10000', positionSizePercent: '25', leverage: '10', price: '67000', stepSize: '0.001' })).toBe('0.373');
    expect(positionSize({ equity: '0', positionSizePercent: '25', leverage: '10', price: '67000', stepSize: '0.001' })).toBe('0');
    expect(() => positionSize({ equity: '1', positionSizePercent: '25', leverage: '10', price: '0', stepSize: '1' })).toThrow(RangeError);
  });

  it('UTC days', () => {
    expect(utcDay(T0)).toBe('2024-06-01');
    expect(nextUtcMidnight(T0)).toBe(Date.UTC(2024, 5, 2));
  });

  it('the daily loss latch trips at the limit, stays tripped, and releases on the next UTC day', () => {
    let s = observeDailyLoss(undefined, '10000', T0, '5');
    s = observeDailyLoss(s, '9600', T0 + 1, '5');
    expect(s.tripped).toBe(false);
    s = observeDailyLoss(s, '9500', T0 + 2, '5');
    expect(s.tripped).toBe(true);
    s = observeDailyLoss(s, '11000', T0 + 3, '5');
    expect(s.tripped).toBe(true);
    expect(dailyLossActive(s, T0 + 3)).toBe(true);
    expect(dailyLossActive(s, Date.UTC(2024, 5, 2, 0, 0, 1))).toBe(false);
    const next = observeDailyLoss(s, '9000', Date.UTC(2024, 5, 2, 1), '5');
    expect(next).toMatchObject({ day: '2024-06-02', startEquity: '9000', tripped: false });
  });

  it('account leverage', () => {
    expect(accountLeverage(['25000', '-25000'], '10000')).toBe('5');
    expect(accountLeverage([], '10000')).toBe('0');
  });
});

describe('RiskManager', () => {
  const fresh = () => {
    const clock = new ManualClock(T0);
    const journal = ExecutionJournal.open({ path: ':memory:' });
    const risk = new RiskManager({ settings, clock, journal, dailyLossLimitPercent: '5', staleAfterMs: 1000 });
    risk.observeEquity('10000');
    risk.observeMarketData(BTC.symbol, T0);
    return { clock, journal, risk };
  };
  const ctx = { market: BTC, side: 'buy' as const, price: '67000', equity: '10000', busyMarkets: new Set<string>(), exposure: [] };

  it('plans an entry size', () => {
    expect(fresh().risk.planEntry(ctx)).toBe('0.373');
  });

  it('names the rule of every refusal', () => {
    const { risk, clock } = fresh();
    expect(rejection(() => risk.planEntry({ ...ctx, busyMarkets: new Set([BTC.symbol]) })).rule).toBe('position_already_open');
    expect(rejection(() => risk.planEntry({ ...ctx, busyMarkets: new Set(['A', 'B']) })).rule).toBe('max_positions');
    expect(rejection(() => risk.planEntry({ ...ctx, exposure: ['80000'] })).rule).toBe('max_leverage');
    expect(rejection(() => risk.planEntry({ ...ctx, equity: '20' })).rule).toBe('size_below_minimum');
    expect(rejection(() => risk.planEntry({ ...ctx, equity: '0' })).rule).toBe('no_equity');
    clock.advance(1001);
    expect(rejection(() => risk.planEntry(ctx)).rule).toBe('stale_market_data');
    const strict = new RiskManager({ settings, maxLeverage: '5', clock });
    strict.observeMarketData(BTC.symbol, clock.now());
    expect(rejection(() => strict.planEntry(ctx)).rule).toBe('max_leverage');
  });

  it('daily loss: reduce-only until the next UTC day, and a restart keeps the latch', () => {
    const { risk, clock, journal } = fresh();
    risk.observeEquity('9400');
    expect(risk.reduceOnly).toBe(true);
    expect(rejection(() => risk.assertOrderAllowed({ market: BTC.symbol, side: 'buy', type: 'market', size: '1' }, 'entry')).rule).toBe('daily_loss_limit');
    expect(() => risk.assertOrderAllowed({ market: BTC.symbol, side: 'sell', type: 'market', size: '1', reduceOnly: true }, 'exit')).not.toThrow();
    expect(rejection(() => risk.planEntry(ctx)).rule).toBe('daily_loss_limit');
    const restarted = new RiskManager({ settings, clock, journal });
    expect(restarted.reduceOnly).toBe(true);
    clock.set(Date.UTC(2024, 5, 2, 0, 0, 0));
    expect(restarted.reduceOnly).toBe(false);
  });
});
