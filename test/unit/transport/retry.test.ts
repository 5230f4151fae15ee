import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ConfigError,
  DecodeError,
  ExchangeError,
  InvalidOrderError,
  RateLimitError,
  TimeoutError,
  TransportError,
} from '../../../src/core/errors.js';
import { backoffDelay, retryDelayMs, shouldRetry, withRetry } from '../../../src/transport/retry.js';

describe('shouldRetry', () => {
  const cases: ReadonlyArray<readonly [string, unknown, boolean, boolean]> = [
    // name, error, retry when idempotent, retry when not idempotent
    ['timeout, may have been sent', new TimeoutError('t', { outcome: 'unknown' }), true, false],
    ['timeout while still queued', new TimeoutError('t', { outcome: 'rejected' }), true, true],
    ['connection reset mid-request', new TransportError('reset', { outcome: 'unknown' }), true, false],
    ['connection refused', new TransportError('refused', { outcome: 'rejected' }), true, true],
    ['caller abort', new TransportError('abort', { retryable: false, outcome: 'rejected' }), false, false],
    ['429 with retry-after', new RateLimitError('429', 1_000), true, true],
    ['418 ban', new RateLimitError('418', 120_000, { banned: true }), false, false],
    ['auth failure', new AuthError('bad sig'), false, false],
    ['invalid order', new InvalidOrderError('tick', { field: 'price' }), false, false],
    ['undecodable response', new DecodeError('html', '<html>'), false, false],
    ['retryable, outcome n/a', new ExchangeError('x', { retryable: true, outcome: 'n/a' }), true, true],
    ['a bug', new TypeError('undefined is not a function'), false, false],
    ['a string', 'oops', false, false],
  ];

  it.each(cases)('%s', (_name, error, idempotent, nonIdempotent) => {
    expect(shouldRetry(error, { idempotent: true })).toBe(idempotent);
    expect(shouldRetry(error, { idempotent: false })).toBe(nonIdempotent);
  });
});

describe('backoffDelay', () => {
  const options = fc.record({
    attempt: fc.integer({ min: 0, max: 2_000 }),
    baseMs: fc.integer({ min: 0, max: 10_000 }),
    extraCap: fc.integer({ min: 0, max: 120_000 }),
    draw: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });

  it('full jitter stays in [0, min(cap, base * 2^attempt)]', () => {
    fc.assert(
      fc.property(options, ({ attempt, baseMs, extraCap, draw }) => {
        const capMs = baseMs + extraCap;
        const delay = backoffDelay(attempt, { baseMs, capMs, jitter: 'full', random: () => draw });
        const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 60));
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('without jitter the delay doubles until the cap and never decreases', () => {
    fc.assert(
      fc.property(options, ({ attempt, baseMs, extraCap }) => {
        const capMs = baseMs + extraCap;
        const a = backoffDelay(attempt, { baseMs, capMs, jitter: 'none' });
        const b = backoffDelay(attempt + 1, { baseMs, capMs, jitter: 'none' });
        expect(b).toBeGreaterThanOrEqual(a);
        expect(b).toBe(Math.min(capMs, a * 2));
      }),
    );
  });

  it('concrete values', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, { baseMs: 100, capMs: 1_000, jitter: 'none' }))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(3, { baseMs: 100, capMs: 1_000, random: () => 0.5 })).toBe(400);
    expect(backoffDelay(5, { baseMs: 0, capMs: 0 })).toBe(0);
  });

  it('rejects impossible inputs with a ConfigError naming the field', () => {
    expect(() => backoffDelay(-1, { baseMs: 1, capMs: 2 })).toThrow(/attempt/);
    expect(() => backoffDelay(1.5, { baseMs: 1, capMs: 2 })).toThrow(ConfigError);
    expect(() => backoffDelay(0, { baseMs: 10, capMs: 5 })).toThrow(/capMs/);
    expect(() => backoffDelay(0, { baseMs: Number.NaN, capMs: 5 })).toThrow(/baseMs/);
  });

  it('retryDelayMs never waits less than a rate limit asks', () => {
    const error = new RateLimitError('429', 5_000);
    expect(retryDelayMs(error, 0, { baseMs: 100, capMs: 1_000, jitter: 'none' })).toBe(5_000);
    expect(retryDelayMs(new TransportError('x'), 0, { baseMs: 100, capMs: 1_000, jitter: 'none' })).toBe(100);
  });
});

describe('withRetry', () => {
  function recorder() {
    const delays: number[] = [];
    return { delays, sleep: async (ms: number) => void delays.push(ms) };
  }

  it('repeats a read after transport failures, then returns the success', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 2) throw new TransportError('reset', { outcome: 'unknown' });
        return 'ok';
      },
      { sleep, baseMs: 100, capMs: 1_000, jitter: 'none' },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([100, 200]);
  });

  it('never repeats a non-idempotent call with an unknown outcome', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    const failure = new TimeoutError('t', { outcome: 'unknown' });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw failure;
        },
        { sleep, idempotent: false },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('waits at least retryAfterMs after a rate limit', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw new RateLimitError('429', 3_000);
        return 1;
      },
      { sleep, baseMs: 10, capMs: 100 },
    );
    expect(delays).toEqual([3_000]);
  });

  it('gives up when the venue asks for a longer pause than maxDelayMs', async () => {
    const { delays, sleep } = recorder();
    const failure = new RateLimitError('429', 60_000);
    await expect(withRetry(async () => Promise.reject(failure), { sleep, maxDelayMs: 10_000 })).rejects.toBe(failure);
    expect(delays).toEqual([]);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw new TransportError(`fail ${calls}`);
      },
      { sleep, maxAttempts: 4 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(delays).toHaveLength(3);
    expect((error as Error).message).toBe('fail 4');
  });

  it('stops when the caller aborts during the wait', async () => {
    const controller = new AbortController();
    let calls = 0;
    const failure = new TransportError('reset');
    const pending = withRetry(
      async () => {
        calls++;
        throw failure;
      },
      { baseMs: 60_000, capMs: 60_000, jitter: 'none', signal: controller.signal },
    );
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('reports each retry to onRetry', async () => {
    const { sleep } = recorder();
    const seen: number[] = [];
    await withRetry(
      async (attempt) => {
        if (attempt === 0) throw new TransportError('x');
        return 0;
      },
      { sleep, jitter: 'none', baseMs: 50, onRetry: (info) => seen.push(info.attempt, info.delayMs) },
    );
    expect(seen).toEqual([0, 50]);
  });

  it('refuses maxAttempts < 1', async () => {
    await expect(withRetry(async () => 1, { maxAttempts: 0 })).rejects.toBeInstanceOf(ConfigError);
  });
});
