import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { ConfigError, RateLimitError, TransportError } from '../../../src/core/errors.js';
import { RateLimiter } from '../../../src/transport/rate-limiter.js';
import type { BucketSpec } from '../../../src/transport/token-bucket.js';
import { ManualTimers } from './manual-timers.js';

function setup(buckets: Record<string, BucketSpec>, maxWaitMs?: number) {
  const clock = new ManualClock(1_717_000_000_000);
  const timers = new ManualTimers(clock);
  const limiter = new RateLimiter({ buckets, clock, timers, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) });
  return { clock, timers, limiter };
}

/** Lets settled promises deliver their callbacks. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Schedules a call that records its label when it runs. */
function track(limiter: RateLimiter, log: string[], keys: string[], label: string, cost: number | Record<string, number> = 1) {
  return limiter.schedule(keys, cost, async () => {
    log.push(label);
    return label;
  });
}

describe('RateLimiter.schedule under budget', () => {
  it('calls fn in the same tick and returns the very promise fn returned', () => {
    const { limiter } = setup({ a: { capacity: 5, refillPerSecond: 5 } });
    let ran = false;
    const inner = Promise.resolve(42);
    const outer = limiter.schedule(['a'], 1, () => {
      ran = true;
      return inner;
    });
    expect(ran).toBe(true);
    expect(outer).toBe(inner);
  });

  it('takes from every named bucket, or from none', async () => {
    const { limiter } = setup({ a: { capacity: 5, refillPerSecond: 1 }, b: { capacity: 1, refillPerSecond: 1 } });
    await limiter.schedule(['a', 'b'], 1, async () => 'x');
    expect(limiter.bucket('a').available()).toBe(4);
    expect(limiter.bucket('b').available()).toBe(0);
    const blocked = limiter.schedule(['a', 'b'], 1, async () => 'y', { wait: false });
    await expect(blocked).rejects.toBeInstanceOf(RateLimitError);
    expect(limiter.bucket('a').available()).toBe(4);
  });

  it('charges a different cost per bucket when given a map', async () => {
    const { limiter } = setup({ weight: { capacity: 100, refillPerSecond: 1 }, orders: { capacity: 10, refillPerSecond: 1 } });
    await limiter.schedule(['weight', 'orders'], { weight: 20, orders: 1 }, async () => 0);
    expect(limiter.bucket('weight').available()).toBe(80);
    expect(limiter.bucket('orders').available()).toBe(9);
  });

  it('rejects unknown buckets, missing or oversized costs as configuration errors', async () => {
    const { limiter } = setup({ a: { capacity: 2, refillPerSecond: 1 } });
    await expect(limiter.schedule(['nope'], 1, async () => 0)).rejects.toBeInstanceOf(ConfigError);
    await expect(limiter.schedule(['a'], 3, async () => 0)).rejects.toThrow(/capacity 2/);
    await expect(limiter.schedule(['a'], { other: 1 }, async () => 0)).rejects.toBeInstanceOf(ConfigError);
  });

  it('turns a synchronous throw in fn into a rejection', async () => {
    const { limiter } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    const p = limiter.schedule(['a'], 1, () => {
      throw new Error('boom');
    });
    await expect(p).rejects.toThrow('boom');
  });
});

describe('RateLimiter queue', () => {
  it('serves waiting calls in FIFO order as the bucket refills', async () => {
    const { limiter, timers } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    const log: string[] = [];
    const calls = ['A', 'B', 'C', 'D'].map((label) => track(limiter, log, ['a'], label));
    expect(log).toEqual(['A']);
    expect(limiter.pending).toBe(3);
    timers.advance(999);
    expect(log).toEqual(['A']);
    timers.advance(1);
    expect(log).toEqual(['A', 'B']);
    timers.advance(2_000);
    expect(log).toEqual(['A', 'B', 'C', 'D']);
    expect(await Promise.all(calls)).toEqual(['A', 'B', 'C', 'D']);
    expect(limiter.pending).toBe(0);
    expect(timers.armed).toBe(0);
  });

  it('a new call waits behind queued calls on a shared bucket even when tokens are free for it', async () => {
    const { limiter, timers } = setup({ a: { capacity: 10, refillPerSecond: 10 }, b: { capacity: 1, refillPerSecond: 1 } });
    const log: string[] = [];
    void track(limiter, log, ['b'], 'first');
    void track(limiter, log, ['a', 'b'], 'needs-b');
    void track(limiter, log, ['a'], 'only-a');
    expect(log).toEqual(['first']);
    expect(limiter.tryAcquire(['a'])).toBeGreaterThan(0);
    timers.advance(1_000);
    expect(log).toEqual(['first', 'needs-b', 'only-a']);
  });

  it('calls on unrelated buckets are not held up by a queue elsewhere', () => {
    const { limiter } = setup({ reads: { capacity: 1, refillPerSecond: 1 }, orders: { capacity: 5, refillPerSecond: 5 } });
    const log: string[] = [];
    void track(limiter, log, ['reads'], 'r1');
    void track(limiter, log, ['reads'], 'r2');
    void track(limiter, log, ['orders'], 'cancel');
    expect(log).toEqual(['r1', 'cancel']);
  });

  it('higher cost waits for the whole shortfall, and later small calls stay behind it', () => {
    const { limiter, timers } = setup({ w: { capacity: 10, refillPerSecond: 10 } });
    const log: string[] = [];
    void track(limiter, log, ['w'], 'big1', 8);
    void track(limiter, log, ['w'], 'big2', 8);
    void track(limiter, log, ['w'], 'small', 1);
    expect(log).toEqual(['big1']);
    timers.advance(599);
    expect(log).toEqual(['big1']);
    timers.advance(1);
    expect(log).toEqual(['big1', 'big2']);
    timers.advance(100);
    expect(log).toEqual(['big1', 'big2', 'small']);
  });

  it('wait:false fails at once with the expected wait', async () => {
    const { limiter } = setup({ a: { capacity: 1, refillPerSecond: 4 } });
    await limiter.schedule(['a'], 1, async () => 0);
    const error = await limiter.schedule(['a'], 1, async () => 0, { wait: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(250);
    expect((error as RateLimitError).outcome).toBe('rejected');
    expect(limiter.pending).toBe(0);
  });

  it('maxWaitMs counts the calls queued ahead', async () => {
    const { limiter } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    const log: string[] = [];
    void track(limiter, log, ['a'], 'A');
    void track(limiter, log, ['a'], 'B'); // ready in 1 s
    const third = limiter.schedule(['a'], 1, async () => 0, { maxWaitMs: 1_500 }); // would be 2 s
    const error = await third.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2_000);
  });

  it('limiter-wide maxWaitMs applies when the call gives none', async () => {
    const { limiter } = setup({ a: { capacity: 1, refillPerSecond: 1 } }, 100);
    await limiter.schedule(['a'], 1, async () => 0);
    await expect(limiter.schedule(['a'], 1, async () => 0)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('a queued call whose wait grows past maxWaitMs (penalty) is rejected, not left hanging', async () => {
    const { limiter, timers } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    const log: string[] = [];
    void track(limiter, log, ['a'], 'A');
    const waiting = limiter.schedule(['a'], 1, async () => 'B', { maxWaitMs: 2_000 });
    limiter.penalize('a', 60_000);
    timers.advance(1);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(limiter.pending).toBe(0);
  });

  it('an aborted waiter leaves the queue and the next one moves up', async () => {
    const { limiter, timers } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    const log: string[] = [];
    void track(limiter, log, ['a'], 'A');
    const controller = new AbortController();
    const aborted = limiter.schedule(['a'], 1, async () => 'B', { signal: controller.signal });
    const next = track(limiter, log, ['a'], 'C');
    controller.abort();
    const error = await aborted.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).outcome).toBe('rejected');
    timers.advance(1_000);
    expect(log).toEqual(['A', 'C']);
    await expect(next).resolves.toBe('C');
  });

  it('close rejects everything queued and refuses new calls', async () => {
    const { limiter, timers } = setup({ a: { capacity: 1, refillPerSecond: 1 } });
    void track(limiter, [], ['a'], 'A');
    const queued = limiter.schedule(['a'], 1, async () => 'B');
    limiter.close();
    await expect(queued).rejects.toThrow(/closed/);
    await expect(limiter.schedule(['a'], 0, async () => 0)).rejects.toBeInstanceOf(TransportError);
    expect(timers.armed).toBe(0);
  });
});

describe('RateLimiter backoff driven by the venue', () => {
  it('penalize makes every call on the key wait retryAfterMs', async () => {
    const { limiter, timers } = setup({ a: { capacity: 100, refillPerSecond: 100 }, other: { capacity: 1, refillPerSecond: 1 } });
    limiter.penalize('a', 5_000);
    const log: string[] = [];
    void track(limiter, log, ['a'], 'after-429');
    void track(limiter, log, ['other'], 'unaffected');
    expect(log).toEqual(['unaffected']);
    timers.advance(5_000);
    expect(log).toEqual(['unaffected']); // restarts empty: one refill step (10 ms) more
    timers.advance(10);
    expect(log).toEqual(['unaffected', 'after-429']);
    await flush();
  });

  it('x-ratelimit-* headers pull the bucket down to the server count', () => {
    const { limiter } = setup({ orders: { capacity: 800, refillPerSecond: 800 } });
    const state = limiter.observeXRateLimit('orders', {
      'x-ratelimit-limit': '800',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1717000001',
      'x-ratelimit-window': '1',
    });
    expect(state).toEqual({ limit: 800, remaining: 0, resetAtMs: 1_717_000_001_000, windowMs: 1_000 });
    expect(limiter.tryAcquire(['orders'])).toBeCloseTo(1.25, 9);
    limiter.observeXRateLimit('orders', { 'x-ratelimit-limit': '800', 'x-ratelimit-remaining': '700' });
    expect(limiter.bucket('orders').available()).toBe(0); // a higher server count never adds tokens
  });

  it('x-mbx used-weight counters sync the bucket; a full window blocks until it ends', () => {
    const { limiter, clock } = setup({ weight: { capacity: 2400, refillPerSecond: 40 }, orders10s: { capacity: 300, refillPerSecond: 30 } });
    clock.set(1_717_000_020_000); // 20 s into a minute
    const counters = limiter.observeMbx(
      { 'x-mbx-used-weight-1m': '2000', 'x-mbx-order-count-10s': '300', 'x-mbx-order-count-1m': '5' },
      { 'x-mbx-used-weight-1m': 'weight', 'x-mbx-order-count-10s': 'orders10s' },
    );
    expect(counters).toHaveLength(3);
    expect(limiter.bucket('weight').available()).toBe(400);
    // 300 of 300 orders in the 10 s window that started at ...020000: blocked until ...030000.
    expect(limiter.tryAcquire(['orders10s'])).toBeCloseTo(10_000 + 1000 / 30, 6);
  });

  it('syncUsed converts a used count into remaining tokens', () => {
    const { limiter } = setup({ w: { capacity: 50, refillPerSecond: 1 } });
    limiter.syncUsed('w', 45);
    expect(limiter.bucket('w').available()).toBe(5);
  });

  it('define re-sizes a live bucket and wakes waiters that can now go', () => {
    const { limiter, timers } = setup({ a: { capacity: 1, refillPerSecond: 0.001 } });
    const log: string[] = [];
    void track(limiter, log, ['a'], 'A');
    void track(limiter, log, ['a'], 'B');
    limiter.define('a', { capacity: 10, refillPerSecond: 1_000 });
    timers.advance(2);
    expect(log).toEqual(['A', 'B']);
  });
});
