import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { eventsOf, limit, M, quietEngine, T0, testMarket, withAccounts } from './helpers.js';

describe('engine time', () => {
  it('follows a manual clock, scaled by speed, plus advance()', () => {
    const clock = new ManualClock(T0);
    const engine = new SimulatorEngine({ clock, speed: 60, marketMaker: { enabled: false }, markets: [testMarket()] });
    clock.advance(1_000);
    expect(engine.now()).toBe(T0 + 60_000);
    engine.advance(500);
    expect(engine.now()).toBe(T0 + 60_500);
    clock.set(T0); // a clock going back never moves engine time backwards
    expect(engine.now()).toBe(T0 + 60_500);
  });

  it('runs one price step per interval, each stamped with its own time', () => {
    const h = quietEngine({ priceProcess: { intervalMs: 1_000, volatilityScale: 50 } });
    h.engine.advance(10_000);
    const marks = eventsOf(h.events, 'mark_price');
    expect(marks.length).toBeGreaterThan(5);
    for (const m of marks) expect((m.timestamp - T0) % 1_000).toBe(0);
    expect(h.engine.marketSummary(M).markPrice).toBe(marks.at(-1)?.markPrice);
  });

  it('gives the same prices whether time passes in one jump or in many small ones', () => {
    const run = (steps: number) => {
      const h = quietEngine({ priceProcess: { intervalMs: 1_000, volatilityScale: 50 }, seed: 5 });
      for (let i = 0; i < steps; i++) h.engine.advance(60_000 / steps);
      return eventsOf(h.events, 'mark_price').map((e) => [e.timestamp, e.markPrice]);
    };
    expect(run(1)).toEqual(run(60));
  });

  it('start() processes NEW orders in the background until stop()', async () => {
    const engine = new SimulatorEngine({ marketMaker: { enabled: false }, priceProcess: { enabled: false }, markets: [testMarket()] });
    const h = { engine, clock: new ManualClock(), events: [] };
    withAccounts(h, 'a');
    const o = engine.submit(limit('a', 'BUY', '1', '99'));
    expect(o.status).toBe('NEW');
    engine.start(5);
    try {
      await vi.waitFor(() => expect(engine.order('a', { id: o.id })?.status).toBe('OPEN'), { timeout: 5_000, interval: 5 });
    } finally {
      engine.stop();
    }
  });
});
