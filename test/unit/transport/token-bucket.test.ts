import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { ConfigError, RequestError } from '../../../src/core/errors.js';
import { InMemoryBucketStore } from '../../../src/transport/bucket-store.js';
import { TokenBucket, perMinute, perSecond } from '../../../src/transport/token-bucket.js';

function bucket(capacity: number, refillPerSecond: number): { clock: ManualClock; b: TokenBucket } {
  const clock = new ManualClock();
  return { clock, b: new TokenBucket({ capacity, refillPerSecond }, clock) };
}

describe('TokenBucket', () => {
  it('starts full and grants up to capacity, then reports the wait for one refill', () => {
    const { b } = bucket(3, 10);
    expect([b.tryTake(), b.tryTake(), b.tryTake()]).toEqual([0, 0, 0]);
    expect(b.tryTake()).toBeCloseTo(100, 9); // 10/s -> one token per 100 ms
    expect(b.available()).toBeCloseTo(0, 9);
  });

  it('refills continuously, not in steps', () => {
    const { clock, b } = bucket(1, 10);
    expect(b.tryTake()).toBe(0);
    clock.advance(40);
    expect(b.tryTake()).toBeCloseTo(60, 9);
    expect(b.available()).toBeCloseTo(0.4, 9);
    clock.advance(60);
    expect(b.tryTake()).toBe(0);
  });

  it('charges the cost and waits for the whole shortfall', () => {
    const { b } = bucket(10, 5);
    expect(b.tryTake(8)).toBe(0);
    expect(b.available()).toBeCloseTo(2, 9);
    expect(b.tryTake(5)).toBeCloseTo(600, 9); // 3 missing at 5/s
    expect(b.available()).toBeCloseTo(2, 9); // a refused take takes nothing
    expect(b.tryTake(0)).toBe(0);
  });

  it('never holds more than its capacity after idling', () => {
    const { clock, b } = bucket(5, 100);
    b.tryTake(5);
    clock.advance(3_600_000);
    expect(b.available()).toBe(5);
  });

  it('refuses a cost larger than the capacity (it could never be granted)', () => {
    const { b } = bucket(5, 1);
    expect(() => b.tryTake(6)).toThrow(RequestError);
    expect(() => b.tryTake(Number.NaN)).toThrow(RequestError);
  });

  it('waitMs answers for amounts above capacity (queue estimates) without taking', () => {
    const { b } = bucket(2, 1);
    expect(b.waitMs(5)).toBeCloseTo(3000, 9);
    expect(b.available()).toBe(2);
  });

  it('penalize blocks for retryAfterMs, then restarts from empty', () => {
    const { clock, b } = bucket(4, 2);
    b.penalize(1_000);
    expect(b.tryTake()).toBeCloseTo(1_500, 9); // 1000 blocked + 500 to refill one token
    clock.advance(999);
    expect(b.available()).toBe(0);
    expect(b.tryTake()).toBeCloseTo(501, 9);
    clock.advance(501);
    expect(b.tryTake()).toBe(0);
    expect(b.blockedForMs()).toBe(0);
  });

  it('a shorter later penalty does not shorten a longer one', () => {
    const { clock, b } = bucket(1, 1000);
    b.penalize(5_000);
    clock.advance(1_000);
    b.penalize(10);
    expect(b.blockedForMs()).toBe(4_000);
  });

  it('syncRemaining adopts a lower server count and ignores a higher one', () => {
    const { b } = bucket(20, 20);
    b.tryTake(5);
    b.syncRemaining(30);
    expect(b.available()).toBe(15);
    b.syncRemaining(2);
    expect(b.available()).toBe(2);
    b.syncRemaining(-4);
    expect(b.available()).toBe(0);
  });

  it('keeps refilling after the clock jumps backwards', () => {
    const { clock, b } = bucket(1, 10);
    b.tryTake();
    clock.advance(-60_000);
    expect(b.tryTake()).toBeCloseTo(100, 9); // seen at the earlier time: no refill credited...
    clock.advance(100);
    expect(b.tryTake()).toBe(0); // ...but refill resumes from there instead of freezing for 60 s
  });

  it('rejects impossible specs with a ConfigError naming the field', () => {
    const clock = new ManualClock();
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }, clock, 'orders')).toThrow(/orders\.capacity/);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: Number.NaN }, clock)).toThrow(ConfigError);
  });

  it('perSecond / perMinute build the published budgets', () => {
    expect(perSecond(800)).toEqual({ capacity: 800, refillPerSecond: 800 });
    expect(perMinute(600)).toEqual({ capacity: 600, refillPerSecond: 10 });
  });
});

describe('InMemoryBucketStore', () => {
  it('re-sizing a bucket keeps the tokens spent and the penalty in force', () => {
    const clock = new ManualClock();
    const store = new InMemoryBucketStore(clock);
    store.define('w', { capacity: 10, refillPerSecond: 1 }).tryTake(7);
    const resized = store.define('w', { capacity: 100, refillPerSecond: 10 });
    expect(resized.available()).toBe(3);
    store.get('w')!.penalize(2_000);
    const again = store.define('w', { capacity: 100, refillPerSecond: 10 });
    expect(again.waitMs(1)).toBeCloseTo(2_100, 9);
    expect([...store.keys()]).toEqual(['w']);
  });
});
