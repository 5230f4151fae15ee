import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorEngine, type EngineEvent } from '../../../../src/simulator/engine/index.js';
import { T0 } from './helpers.js';

const BTC = 'BTC-USD-PERP';

/** A realistic session on the default markets with the seeded market running. */
function session(seed: number | string): { log: string; events: EngineEvent[]; engine: SimulatorEngine; startSeq: number } {
  const clock = new ManualClock(T0);
  const engine = new SimulatorEngine({ clock, seed, priceProcess: { intervalMs: 500, volatilityScale: 5 }, fundingIntervalMs: 600_000 });
  const startSeq = engine.bookSnapshot(BTC, 1000).seq;
  const events: EngineEvent[] = [];
  engine.on((e) => events.push(e));
  engine.createAccount('alice', { collateral: '50000' });
  engine.createAccount('bob', { collateral: '50000', asset: 'USDT' });
  for (let minute = 0; minute < 15; minute++) {
    clock.advance(20_000);
    engine.processPending();
    const mark = Number(engine.marketSummary(BTC).markPrice);
    engine.submit({ account: 'alice', market: BTC, side: minute % 2 === 0 ? 'BUY' : 'SELL', type: 'MARKET', size: '0.01' });
    engine.submit({ account: 'bob', market: 'BTCUSDT', side: 'BUY', type: 'LIMIT', size: '0.02', price: (Math.round(mark) - 3).toFixed(1) });
    if (minute % 5 === 0) {
      engine.submit({ account: 'alice', market: BTC, side: 'SELL', type: 'STOP_MARKET', size: '0', triggerPrice: (Math.round(mark) - 20).toFixed(1) });
    }
    engine.advance(40_000);
    engine.processPending();
  }
  return { log: JSON.stringify(events), events, engine, startSeq };
}

describe('determinism', () => {
  it('the same seed and the same inputs give a byte-identical event log', () => {
    const a = session(42);
    const b = session(42);
    expect(a.events.length).toBeGreaterThan(1000);
    expect(a.log).toBe(b.log);
    expect(a.events.some((e) => e.type === 'fill' && e.account === 'bob')).toBe(true);
    expect(a.events.some((e) => e.type === 'funding_rate')).toBe(true);
  });

  it('another seed gives another market', () => {
    expect(session(42).log).not.toBe(session(43).log);
    expect(session('seed-a').log).toBe(session('seed-a').log);
  });

  it('global ids and per-stream seqs are contiguous', () => {
    const { events } = session(7);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => (ids[0] ?? 0) + i));
    const last = new Map<string, number>();
    for (const e of events) {
      const prev = last.get(e.stream);
      if (prev !== undefined) expect(e.seq, e.stream).toBe(prev + 1);
      last.set(e.stream, e.seq);
    }
  });

  it('replaying book deltas on the first snapshot rebuilds the final snapshot', () => {
    const clock = new ManualClock(T0);
    const engine = new SimulatorEngine({ clock, seed: 3, priceProcess: { intervalMs: 250, volatilityScale: 3 } });
    const first = engine.bookSnapshot(BTC, 1000);
    const bids = new Map(first.bids.map((l) => [l.price, l.size]));
    const asks = new Map(first.asks.map((l) => [l.price, l.size]));
    let seq = first.seq;
    engine.on((e) => {
      if (e.type !== 'book_delta' || e.market !== BTC) return;
      expect(e.seq).toBe(seq + 1);
      seq = e.seq;
      for (const c of e.changes) {
        const side = c.side === 'BID' ? bids : asks;
        if (c.action === 'DELETE') {
          expect(side.has(c.price)).toBe(true);
          side.delete(c.price);
        } else {
          expect(side.has(c.price)).toBe(c.action === 'UPDATE');
          side.set(c.price, c.size);
        }
      }
    });
    engine.createAccount('taker', { collateral: '100000' });
    for (let i = 0; i < 50; i++) {
      engine.advance(1_000);
      engine.submit({ account: 'taker', market: BTC, side: i % 3 === 0 ? 'SELL' : 'BUY', type: 'MARKET', size: '0.05' });
      engine.processPending();
    }
    const last = engine.bookSnapshot(BTC, 1000);
    expect(last.seq).toBe(seq);
    const sorted = (m: Map<string, string>, desc: boolean) =>
      [...m.entries()].map(([price, size]) => ({ price, size })).sort((x, y) => (desc ? 1 : -1) * (Number(y.price) - Number(x.price)));
    expect(sorted(bids, true)).toEqual(last.bids);
    expect(sorted(asks, false)).toEqual(last.asks);
  });

  it('moves the mark on the tick grid and keeps the book uncrossed around it', () => {
    const { engine } = session(11);
    const tick = Number(engine.market(BTC).tickSize);
    const mark = Number(engine.marketSummary(BTC).markPrice);
    expect(Math.abs(mark / tick - Math.round(mark / tick))).toBeLessThan(1e-6);
    expect(mark).not.toBe(Number(engine.market(BTC).initialMarkPrice));
    const bbo = engine.bbo(BTC);
    expect(Number(bbo.bid)).toBeLessThan(Number(bbo.ask));
  });
});
