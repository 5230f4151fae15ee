import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gt, gte, isMultipleOf, lt, lte, sub } from '../../../src/core/decimal.js';
import { hardStopFor, protectiveTargets, roeTriggerPrice, stepTrailing, towardReference } from '../../../src/execution/protection.js';

const settings = { leverage: '10', stopLossRoe: '-0.5', takeProfitRoe: '1.5' };

describe('protective trigger prices', () => {
  it('turns ROE at leverage into prices on the tick grid, toward the entry', () => {
    // long at 67000: -0.5% ROE at 10x = -0.05% price = 66966.5; +1.5% ROE = +0.15% = 67100.5
    expect(protectiveTargets('long', '67000', settings, '0.1')).toEqual({ stopLoss: '66966.5', takeProfit: '67100.5' });
    expect(protectiveTargets('short', '67000', settings, '0.1')).toEqual({ stopLoss: '67033.5', takeProfit: '66899.5' });
    // 66966.5 on a tick of 1 rounds up (toward the entry) for a long stop, down for a short's
    expect(roeTriggerPrice('long', '67000', '-0.5', '10', '1')).toBe('66967');
    expect(roeTriggerPrice('short', '67000', '-0.5', '10', '1')).toBe('67033');
  });

  it('never lands on the entry: at least one tick away on the right side', () => {
    expect(towardReference('99.99', '100', '1')).toBe('99');
    expect(towardReference('100.01', '100', '1')).toBe('101');
    expect(roeTriggerPrice('long', '100', '-0.01', '10', '1')).toBe('99');
  });

  it('property: a stop is below a long entry and never further than configured; a target above and never further', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10_000_000 }), fc.constantFrom('0.01', '0.1', '1'), fc.constantFrom('long', 'short') as fc.Arbitrary<'long' | 'short'>, (n, tick, side) => {
        const entry = (n / 10).toFixed(1);
        const t = protectiveTargets(side, entry, settings, tick);
        expect(isMultipleOf(t.stopLoss, tick) && isMultipleOf(t.takeProfit, tick)).toBe(true);
        const exactStop = side === 'long' ? sub(entry, (Number(entry) * 0.0005).toFixed(8)) : entry;
        if (side === 'long') {
          expect(lt(t.stopLoss, entry) && gt(t.takeProfit, entry)).toBe(true);
          expect(gte(t.stopLoss, sub(exactStop, tick))).toBe(true);
        } else {
          expect(gt(t.stopLoss, entry) && lt(t.takeProfit, entry)).toBe(true);
        }
      }),
    );
  });
});

describe('trailing stop', () => {
  const trail = { activationRoe: '1', callbackRoe: '0.5', hardStopBufferRoe: '0.5' };

  it('activates at the activation ROE, follows the best price, triggers on the callback', () => {
    let s = { side: 'long' as const, entry: '100', active: false, best: '100' };
    let step = stepTrailing(s, '100.05', trail, '10');
    expect(step.state.active).toBe(false);
    step = stepTrailing(step.state, '100.1', trail, '10'); // +1% ROE at 10x
    expect(step.state.active).toBe(true);
    expect(step.state.level).toBe('100.05');
    step = stepTrailing(step.state, '101', trail, '10');
    expect(step.state.best).toBe('101');
    expect(step.state.level).toBe('100.95');
    expect(step.triggered).toBe(false);
    step = stepTrailing(step.state, '100.99', trail, '10');
    expect(step.state.best).toBe('101');
    expect(step.triggered).toBe(false);
    step = stepTrailing(step.state, '100.95', trail, '10');
    expect(step.triggered).toBe(true);
    s = { side: 'long', entry: '100', active: false, best: '100' };
    expect(stepTrailing(s, '99', trail, '10').triggered).toBe(false);
  });

  it('short trail mirrors the long one', () => {
    let step = stepTrailing({ side: 'short', entry: '100', active: false, best: '100' }, '99', trail, '10');
    expect(step.state.level).toBe('99.05');
    step = stepTrailing(step.state, '99.06', trail, '10');
    expect(step.triggered).toBe(true);
  });

  it('keeps a wider hard stop on the venue, never looser than the initial stop', () => {
    const active = { side: 'long' as const, entry: '100', active: true, best: '101', level: '100.95' };
    expect(hardStopFor(active, '99.95', trail, '10', '0.01')).toBe('100.9');
    expect(lte(hardStopFor({ ...active, level: '99.9' }, '99.95', trail, '10', '0.01'), '99.95')).toBe(true);
    expect(hardStopFor({ ...active, active: false }, '99.95', trail, '10', '0.01')).toBe('99.95');
    const short = { side: 'short' as const, entry: '100', active: true, best: '99', level: '99.05' };
    expect(hardStopFor(short, '100.05', trail, '10', '0.01')).toBe('99.1');
  });
});
