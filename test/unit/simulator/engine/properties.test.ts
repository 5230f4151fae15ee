import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, eq, sum } from '../../../../src/core/decimal.js';
import { ExchangeError } from '../../../../src/core/errors.js';
import type { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { M, quietEngine } from './helpers.js';

const ACCOUNTS = ['a', 'b', 'c', 'd'] as const;
const DEPOSIT = '1000000';

const account = fc.constantFrom(...ACCOUNTS);
const side = fc.constantFrom('BUY' as const, 'SELL' as const);
const size = fc.integer({ min: 1, max: 300 }).map((n) => (n / 100).toFixed(2));
const price = fc.integer({ min: 950, max: 1050 }).map((t) => (t / 10).toFixed(1));

const op = fc.oneof(
  fc.record({
    kind: fc.constant('limit' as const),
    account,
    side,
    size,
    price,
    tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const, 'POST_ONLY' as const),
    stp: fc.constantFrom('EXPIRE_TAKER' as const, 'EXPIRE_MAKER' as const, 'EXPIRE_BOTH' as const),
    reduceOnly: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('market' as const), account, side, size, reduceOnly: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), account, pick: fc.nat() }),
  fc.record({ kind: fc.constant('amend' as const), account, pick: fc.nat(), size, price }),
  fc.record({ kind: fc.constant('mark' as const), price }),
  fc.record({ kind: fc.constant('stop' as const), account, side, size, price, whole: fc.boolean() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(engine: SimulatorEngine, o: Op): void {
  try {
    switch (o.kind) {
      case 'limit':
        engine.submit({ account: o.account, market: M, side: o.side, type: 'LIMIT', size: o.size, price: o.price, timeInForce: o.tif, stp: o.stp, reduceOnly: o.reduceOnly });
        return;
      case 'market':
        engine.submit({ account: o.account, market: M, side: o.side, type: 'MARKET', size: o.size, reduceOnly: o.reduceOnly });
        return;
      case 'cancel': {
        const open = engine.openOrders(o.account);
        const target = open[o.pick % Math.max(1, open.length)];
        if (target !== undefined) engine.cancel(o.account, { id: target.id });
        return;
      }
      case 'amend': {
        const open = engine.openOrders(o.account).filter((x) => x.status === 'OPEN');
        const target = open[o.pick % Math.max(1, open.length)];
        if (target !== undefined) engine.amend(o.account, { id: target.id }, { size: o.size, price: o.price });
        return;
      }
      case 'mark':
        engine.setMarkPrice(M, o.price);
        return;
      case 'stop':
        engine.submit({ account: o.account, market: M, side: o.side, type: 'STOP_MARKET', size: o.whole ? '0' : o.size, triggerPrice: o.price });
        return;
    }
  } catch (err) {
    // Refusals (bad amend, duplicate, ...) are part of the game; anything else is a bug.
    if (!(err instanceof ExchangeError)) throw err;
  }
}

function checkInvariants(engine: SimulatorEngine): void {
  const book = engine.bookSnapshot(M, 10_000);
  const bestBid = book.bids[0];
  const bestAsk = book.asks[0];
  if (bestBid !== undefined && bestAsk !== undefined) expect(compare(bestBid.price, bestAsk.price)).toBe(-1);

  // The book is exactly the OPEN orders' remaining sizes, level by level.
  const expected = { BUY: new Map<string, string>(), SELL: new Map<string, string>() };
  let positions: string[] = [];
  let longs: string[] = [];
  let equity: string[] = [];
  for (const id of ACCOUNTS) {
    for (const o of engine.orderHistory(id)) {
      expect(add(o.filledSize, o.remainingSize), `order ${o.id}`).toBe(o.size);
      if (o.status === 'CLOSED' && o.cancelReason === undefined) expect(o.remainingSize).toBe('0');
      if (o.status === 'OPEN') {
        const levels = expected[o.side];
        levels.set(o.price, add(levels.get(o.price) ?? '0', o.remainingSize));
      }
    }
    const p = engine.position(id, M);
    positions = [...positions, p.size];
    if (compare(p.size, '0') > 0) longs = [...longs, p.size];
    const s = engine.accountSummary(id);
    equity = [...equity, s.accountValue];
  }
  const asMap = (levels: readonly { price: string; size: string }[]) => new Map(levels.map((l) => [l.price, l.size]));
  expect(asMap(book.bids)).toEqual(expected.BUY);
  expect(asMap(book.asks)).toEqual(expected.SELL);
  expect(eq(sum(positions), '0')).toBe(true);
  expect(engine.marketSummary(M).openInterest).toBe(sum(longs));
  // No fees, no funding: trading only moves money between accounts.
  expect(sum(equity)).toBe(String(Number(DEPOSIT) * ACCOUNTS.length));
}

describe('engine invariants under random order flow (fast-check)', () => {
  it('books never cross, sizes are conserved, positions and money sum to zero', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const h = quietEngine();
        for (const id of ACCOUNTS) h.engine.createAccount(id, { collateral: DEPOSIT });
        for (const o of ops) {
          apply(h.engine, o);
          checkInvariants(h.engine);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the same operations replayed give the same event log', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const logs = [0, 1].map(() => {
          const h = quietEngine();
          for (const id of ACCOUNTS) h.engine.createAccount(id, { collateral: DEPOSIT });
          for (const o of ops) apply(h.engine, o);
          return JSON.stringify(h.events);
        });
        expect(logs[0]).toBe(logs[1]);
      }),
      { numRuns: 50 },
    );
  });
});
