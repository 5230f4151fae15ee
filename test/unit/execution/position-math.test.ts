import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abs, add, lte, mul, neg, sub } from '../../../src/core/decimal.js';
import type { Fill } from '../../../src/core/types.js';
import * as pm from '../../../src/execution/position-math.js';

let seq = 0;
const fill = (side: 'buy' | 'sell', size: string, price: string, fee = '0'): Fill => ({
  exchange: 'paradex',
  id: `f${++seq}`,
  orderId: 'o',
  market: 'BTC-USD-PERP',
  side,
  price,
  size,
  fee,
  feeAsset: 'USDC',
  liquidity: 'taker',
  timestamp: seq,
});

const run = (fills: Fill[]) => fills.reduce(pm.applyFill, pm.flatPosition('BTC-USD-PERP'));

describe('position math', () => {
  it('opens, adds, reduces, closes and flips with exact figures', () => {
    let s = run([fill('buy', '1', '100'), fill('buy', '1', '110')]);
    expect(s.signedSize).toBe('2');
    expect(pm.entryPrice(s)).toBe('105');
    s = pm.applyFill(s, fill('sell', '0.5', '120'));
    expect(s.signedSize).toBe('1.5');
    expect(s.realizedPnl).toBe('7.5');
    expect(pm.entryPrice(s)).toBe('105');
    s = pm.applyFill(s, fill('sell', '2.5', '90', '0.1'));
    expect(s.signedSize).toBe('-1');
    expect(s.realizedPnl).toBe('-15');
    expect(s.cost).toBe('-90');
    expect(s.fees).toBe('0.1');
    expect(pm.unrealizedPnl(s, '80')).toBe('10');
  });

  it('ROE at leverage: unrealized over margin', () => {
    const s = run([fill('buy', '1', '100')]);
    expect(pm.roePercent(s, '101', '10')).toBe('10');
    expect(pm.roePercent(s, '99.5', '10')).toBe('-5');
    expect(pm.marginAt(s, '10')).toBe('10');
  });

  it('takes a venue snapshot as the base', () => {
    const s = pm.fromVenuePosition({
      exchange: 'paradex', market: 'BTC-USD-PERP', side: 'short', size: '2', signedSize: '-2', entryPrice: '50.5',
      unrealizedPnl: '0', realizedPnl: '3', updatedAt: 7,
    });
    expect(s.cost).toBe('-101');
    expect(pm.entryPrice(s)).toBe('50.5');
    expect(pm.samePosition(s, run([fill('sell', '2', '50.5')]))).toBe(true);
  });

  it('realized + unrealized equals the exact PnL of all fills (to the 16th decimal per reduction)', () => {
    const decimalOf = (n: number, dp: number) => (n / 10 ** dp).toFixed(dp);
    const fillArb = fc.record({
      buy: fc.boolean(),
      size: fc.integer({ min: 1, max: 5000 }).map((n) => decimalOf(n, 3)),
      price: fc.integer({ min: 1_000, max: 9_000_000 }).map((n) => decimalOf(n, 2)),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1_000, max: 9_000_000 }), (spec, markInt) => {
        const mark = decimalOf(markInt, 2);
        const fills = spec.map((f) => fill(f.buy ? 'buy' : 'sell', f.size, f.price));
        const s = run(fills);
        const exact = fills.reduce((acc, f) => add(acc, mul(f.side === 'buy' ? f.size : neg(f.size), sub(mark, f.price))), '0');
        const ours = add(s.realizedPnl, pm.unrealizedPnl(s, mark));
        expect(lte(abs(sub(ours, exact)), mul(String(fills.length), '0.0000000000000001'))).toBe(true);
        const size = fills.reduce((acc, f) => add(acc, f.side === 'buy' ? f.size : neg(f.size)), '0');
        expect(s.signedSize).toBe(size);
      }),
      { numRuns: 300 },
    );
  });
});
