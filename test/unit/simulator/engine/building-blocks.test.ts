import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaledInteger, toScaledInteger } from '../../../../src/core/decimal.js';
import { OrderBook } from '../../../../src/simulator/engine/book.js';
import { divRound, formatFixed, isqrt, parseFixedFast, roundMoney } from '../../../../src/simulator/engine/fixed.js';
import { newOrderRecord, type OrderRecord } from '../../../../src/simulator/engine/order-record.js';
import { Prng } from '../../../../src/simulator/engine/prng.js';
import { limit, quietEngine, withAccounts } from './helpers.js';

let serial = 0;
function order(side: 1 | -1, price: bigint, size: bigint): OrderRecord {
  return newOrderRecord(++serial, 0, {
    account: 'x',
    market: 'M',
    side,
    type: 'LIMIT',
    tif: 'GTC',
    size,
    price,
    triggerPrice: 0n,
    triggerDirection: undefined,
    trailing: undefined,
    reduceOnly: false,
    closePosition: false,
    stp: 'EXPIRE_TAKER',
    clientId: undefined,
    internal: false,
  });
}

describe('order book', () => {
  it('keeps levels best-last per side and orders FIFO within a level', () => {
    const book = new OrderBook();
    const prices = [100n, 103n, 99n, 101n];
    const orders = prices.map((p) => order(1, p, 5n));
    for (const o of orders) book.bids.add(o);
    const extra = order(1, 101n, 7n);
    book.bids.add(extra);
    expect(book.bids.levels.map((l) => l.price)).toEqual([99n, 100n, 101n, 103n]);
    expect(book.bids.best()?.price).toBe(103n);
    const level101 = book.bids.level(101n);
    expect(level101?.total).toBe(12n);
    expect(level101?.front()?.order).toBe(orders[3]);
    for (const p of [105n, 95n, 100n]) book.asks.add(order(-1, p, 1n));
    expect(book.asks.levels.map((l) => l.price)).toEqual([105n, 100n, 95n]);
    expect(book.asks.top(2).map((l) => l.price)).toEqual([95n, 100n]);
  });

  it('drops cancelled entries lazily and removes empty levels', () => {
    const book = new OrderBook();
    const a = order(-1, 10n, 1n);
    const b = order(-1, 10n, 2n);
    book.asks.add(a);
    book.asks.add(b);
    book.takeChanges();
    book.asks.remove(a);
    expect(book.asks.level(10n)?.front()?.order).toBe(b);
    expect(book.asks.level(10n)?.total).toBe(2n);
    book.asks.remove(b);
    expect(book.asks.level(10n)).toBeUndefined();
    expect(book.asks.levels).toEqual([]);
  });

  it('reports net level changes once per batch', () => {
    const book = new OrderBook();
    const a = order(1, 50n, 3n);
    book.bids.add(a);
    expect(book.takeChanges()).toEqual([{ side: 'BID', action: 'INSERT', price: 50n, size: 3n }]);
    const b = order(1, 50n, 2n);
    book.bids.add(b);
    book.bids.remove(b); // back to 3: no net change
    expect(book.takeChanges()).toEqual([]);
    book.bids.remove(a);
    book.asks.add(order(-1, 60n, 1n));
    expect(book.takeChanges()).toEqual([
      { side: 'BID', action: 'DELETE', price: 50n, size: 0n },
      { side: 'ASK', action: 'INSERT', price: 60n, size: 1n },
    ]);
  });

  it('compacts a long-lived level without losing live entries', () => {
    const book = new OrderBook();
    const live: OrderRecord[] = [];
    for (let i = 0; i < 200; i++) {
      const o = order(1, 7n, 1n);
      book.bids.add(o);
      if (i % 3 === 0) live.push(o);
      else book.bids.remove(o);
    }
    const level = book.bids.level(7n);
    expect(level?.total).toBe(BigInt(live.length));
    expect([...(level?.liveEntries() ?? [])].map((e) => e.order)).toEqual(live);
    expect(level?.front()?.order).toBe(live[0]);
  });
});

describe('fixed-point helpers', () => {
  it('divides with every rounding mode, symmetric for negatives', () => {
    expect([divRound(7n, 2n, 'down'), divRound(7n, 2n, 'up'), divRound(7n, 2n, 'half_even'), divRound(5n, 2n, 'half_even')]).toEqual([3n, 4n, 4n, 2n]);
    expect([divRound(-7n, 2n, 'floor'), divRound(-7n, 2n, 'ceil'), divRound(-7n, 2n, 'half_even'), divRound(-5n, 2n, 'half_even')]).toEqual([-4n, -3n, -4n, -2n]);
    expect(() => divRound(1n, 0n, 'down')).toThrow(RangeError);
    // 1.2345678912345678 -> 1.23456789; a tie (1.234567885) goes to the even digit
    expect(roundMoney(12_345_678_912_345_678n, 8, 'half_even')).toBe(12_345_678_900_000_000n);
    expect(roundMoney(12_345_678_850_000_000n, 8, 'half_even')).toBe(12_345_678_800_000_000n);
  });

  it('isqrt is the exact floor square root', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 50n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
    expect(isqrt(10n ** 40n)).toBe(10n ** 20n);
    expect(isqrt(10n ** 40n - 1n)).toBe(10n ** 20n - 1n);
  });

  it('formats and fast-parses exactly like the core decimal helpers', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (v, dp) => {
        expect(formatFixed(v, dp)).toBe(fromScaledInteger(v, dp));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 6 }), (n, shift) => {
        const text = fromScaledInteger(BigInt(n), shift);
        expect(parseFixedFast(text, 8)).toBe(toScaledInteger(text, 8));
      }),
    );
    for (const odd of ['', '-', '.5', '1.2.3', '1e5', '+1', '0.123456789', '12345678901234567']) expect(parseFixedFast(odd, 8)).toBeUndefined();
    expect(parseFixedFast('5.', 8)).toBe(500_000_000n);
  });
});

describe('prng', () => {
  it('replays a seed exactly and differs between seeds', () => {
    const draw = (seed: number | string) => {
      const p = new Prng(seed);
      return Array.from({ length: 5 }, () => p.nextUint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw('alpha')).toEqual(draw('alpha'));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw('alpha')).not.toEqual(draw('beta'));
  });

  it('draws uniform integers in range and roughly standard normals', () => {
    const p = new Prng(99);
    const ints = Array.from({ length: 10_000 }, () => p.nextInt(6));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(5);
    const normals = Array.from({ length: 20_000 }, () => p.nextGaussian());
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('event delivery', () => {
  it('isolates a throwing handler and still delivers to the others', () => {
    const errors: unknown[] = [];
    const h = quietEngine({ onHandlerError: (e) => errors.push(e) });
    const seen: string[] = [];
    h.engine.on(() => {
      throw new Error('handler bug');
    });
    h.engine.on((e) => seen.push(e.type));
    withAccounts(h, 'a');
    expect(seen).toContain('balance');
    expect(errors.length).toBe(seen.length);
  });

  it('delivers after the operation, and a handler calling back into the engine sees consistent state', () => {
    const h = quietEngine();
    withAccounts(h, 'a', 'b');
    const observed: string[] = [];
    const off = h.engine.on((e) => {
      if (e.type === 'order' && e.order.status === 'OPEN' && e.account === 'a') {
        // the book already contains the order when its OPEN update arrives
        observed.push(h.engine.bookSnapshot('XYZ-USD-PERP').bids[0]?.price ?? 'none');
        h.engine.submit(limit('b', 'SELL', '1', e.order.price));
      }
    });
    h.engine.submit(limit('a', 'BUY', '1', '99'));
    off();
    expect(observed).toEqual(['99']);
    expect(h.engine.position('a', 'XYZ-USD-PERP').size).toBe('1');
    const ids = h.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('numbers events without subscribers, so a late subscriber continues the same sequence', () => {
    const h = quietEngine();
    const off = h.engine.on(() => undefined);
    off();
    withAccounts(h, 'a');
    const before = h.engine.lastEventId;
    const late: number[] = [];
    h.engine.on((e) => late.push(e.id));
    h.engine.deposit('a', '1');
    expect(late[0]).toBe(before + 1);
  });
});
