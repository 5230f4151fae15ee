/**
 * Named token-bucket budgets shared by every call to a venue.
 *
 * Latency path: when every bucket a call needs has tokens and nobody is queued on those buckets,
 * `schedule` takes the tokens and calls `fn` in the same tick - no timer, no extra promise - so a
 * call under budget costs a few map lookups. Only calls that must wait enter a FIFO queue, woken by
 * one timer set for the earliest instant something can proceed.
 *
 * Why not bottleneck: one call through bottleneck costs milliseconds even with no limit (its
 * scheduling always goes through timers; see bench/rate-limiter.bench.ts), it refills a reservoir
 * in steps rather than continuously, and it cannot take several budgets atomically (a Paradex order
 * spends the per-second, per-minute and operator buckets together). The queue here is small and
 * does exactly that: a waiter is served when all its buckets have tokens, and never ahead of an
 * earlier waiter that shares one of its buckets (waiters on unrelated buckets do not block each
 * other, so a throttled GET never delays a cancel).
 */
import type { Clock } from '../core/clock.js';
import { ConfigError, RateLimitError, TransportError } from '../core/errors.js';
import { InMemoryBucketStore } from './bucket-store.js';
import type { BucketStore } from './bucket-store.js';
import { parseMbxHeaders, parseXRateLimitHeaders } from './rate-limit-headers.js';
import type { HeaderBag, MbxCounter, XRateLimitState } from './rate-limit-headers.js';
import { monotonicClock, systemTimers } from './timers.js';
import type { Timers } from './timers.js';
import type { BucketSpec, RateBucket } from './token-bucket.js';

/** One cost for every bucket, or a cost per bucket key (e.g. Aster: `{ weight: 5, orders: 1 }`). */
export type Cost = number | Readonly<Record<string, number>>;

export interface RateLimiterOptions {
  readonly buckets?: Readonly<Record<string, BucketSpec>>;
  /** Default: a monotonic clock (budgets must not jump with the wall clock). */
  readonly clock?: Clock;
  readonly timers?: Timers;
  /** Default: in-memory (see bucket-store.ts for sharing budgets across processes). */
  readonly store?: BucketStore;
  /** Default for ScheduleOptions.maxWaitMs. */
  readonly maxWaitMs?: number;
}

export interface ScheduleOptions {
  /** false: fail at once with RateLimitError rather than queue. Default true. */
  readonly wait?: boolean;
  /** Fail with RateLimitError when the expected (or actual) wait exceeds this. */
  readonly maxWaitMs?: number;
  /** Gives up waiting (TransportError, outcome 'rejected': nothing was sent). */
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly keys: readonly string[];
  readonly cost: Cost;
  readonly fn: () => Promise<unknown>;
  readonly resolve: (value: Promise<unknown>) => void;
  readonly reject: (error: Error) => void;
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

function costOf(cost: Cost, key: string): number {
  if (typeof cost === 'number') return cost;
  const value = cost[key];
  return value ?? Number.NaN;
}

/** Calls fn, turning a synchronous throw into a rejected promise. */
function invoke<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

export class RateLimiter {
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly store: BucketStore;
  private readonly defaultMaxWaitMs: number;
  private queue: Waiter[] = [];
  /** Queued cost per bucket key: a new call waits behind these, and estimates include them. */
  private readonly queuedCost = new Map<string, number>();
  private timer: unknown = undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? monotonicClock;
    this.timers = options.timers ?? systemTimers;
    this.store = options.store ?? new InMemoryBucketStore(this.clock);
    this.defaultMaxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    for (const [key, spec] of Object.entries(options.buckets ?? {})) this.store.define(key, spec);
  }

  /** Adds or re-sizes a bucket (e.g. from Aster's exchangeInfo rateLimits). */
  define(key: string, spec: BucketSpec): void {
    this.store.define(key, spec);
    this.wakeAt(this.clock.now());
  }

  bucket(key: string): RateBucket {
    const bucket = this.store.get(key);
    if (bucket === undefined) throw new ConfigError([`rate limit bucket "${key}" is not defined`]);
    return bucket;
  }

  /** Calls waiting for budget. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * Runs `fn` once every bucket in `keys` (distinct keys) can pay `cost`: immediately (same tick)
   * when they can, otherwise in FIFO order per bucket as they refill.
   */
  schedule<T>(keys: readonly string[], cost: Cost, fn: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new TransportError('rate limiter is closed', { retryable: false, outcome: 'rejected' }));
    let wait: number;
    try {
      wait = this.queuedOn(keys) ? Number.POSITIVE_INFINITY : this.takeAll(keys, cost);
    } catch (error) {
      return Promise.reject(error);
    }
    if (wait === 0) return invoke(fn);
    return this.enqueue(keys, cost, fn, options);
  }

  /**
   * Synchronous variant for callers that do their own waiting: 0 when the tokens were taken, else the
   * ms until they could be (nothing taken). Respects calls already queued on the same buckets.
   */
  tryAcquire(keys: readonly string[], cost: Cost = 1): number {
    if (this.queuedOn(keys)) return Math.max(1, this.expectedWait(keys, cost));
    return this.takeAll(keys, cost);
  }

  /** After a 429/418 (or a venue's "slow down"): every call on `key` waits `retryAfterMs`. */
  penalize(key: string, retryAfterMs: number): void {
    this.bucket(key).penalize(retryAfterMs);
    // Waiters may now miss their deadline; let the drain pass reject them on time.
    this.wakeAt(this.clock.now());
  }

  /** The server reports `remaining` tokens on `key`; adopted when lower than ours. */
  syncRemaining(key: string, remaining: number): void {
    this.bucket(key).syncRemaining(remaining);
  }

  /** The server reports `used` of the bucket's capacity (Binance-style counters). */
  syncUsed(key: string, used: number): void {
    const bucket = this.bucket(key);
    bucket.syncRemaining(bucket.capacity - used);
  }

  /** Adopts `x-ratelimit-*` headers for `key`; returns what was read (undefined if absent). */
  observeXRateLimit(key: string, headers: HeaderBag): XRateLimitState | undefined {
    const state = parseXRateLimitHeaders(headers);
    if (state !== undefined) this.syncRemaining(key, state.remaining);
    return state;
  }

  /**
   * Adopts `x-mbx-*` counters: `keyByHeader` maps a lower-case header name (e.g.
   * "x-mbx-used-weight-1m") to a bucket key. These count usage in fixed windows aligned to the
   * interval (inference from the Binance convention), so a counter at or above the bucket's capacity
   * blocks the bucket until the window ends rather than for one refill step.
   */
  observeMbx(headers: HeaderBag, keyByHeader: Readonly<Record<string, string>>): MbxCounter[] {
    const counters = parseMbxHeaders(headers);
    for (const counter of counters) {
      const key = keyByHeader[counter.header];
      if (key === undefined) continue;
      const bucket = this.bucket(key);
      if (counter.used >= bucket.capacity) {
        const now = this.clock.now();
        const windowEnd = Math.floor(now / counter.intervalMs) * counter.intervalMs + counter.intervalMs;
        this.penalize(key, windowEnd - now);
      } else {
        bucket.syncRemaining(bucket.capacity - counter.used);
      }
    }
    return counters;
  }

  /** Rejects every queued call and refuses new ones. */
  close(): void {
    this.closed = true;
    this.clearTimer();
    const waiters = this.queue;
    this.queue = [];
    this.queuedCost.clear();
    for (const waiter of waiters) {
      this.detach(waiter);
      waiter.reject(new TransportError('rate limiter closed while waiting for budget', { retryable: false, outcome: 'rejected' }));
    }
  }

  private queuedOn(keys: readonly string[]): boolean {
    if (this.queue.length === 0) return false;
    for (const key of keys) if (this.queuedCost.has(key)) return true;
    return false;
  }

  /** Takes `cost` from every bucket and returns 0, or takes nothing and returns the longest wait. */
  private takeAll(keys: readonly string[], cost: Cost): number {
    if (keys.length === 1) {
      const key = keys[0]!;
      const bucket = this.bucket(key);
      return bucket.tryTake(this.checkedCost(bucket, key, cost));
    }
    let wait = 0;
    for (const key of keys) {
      const bucket = this.bucket(key);
      const amount = this.checkedCost(bucket, key, cost);
      const w = bucket.waitMs(amount);
      if (w > wait) wait = w;
    }
    if (wait > 0) return wait;
    for (const key of keys) this.bucket(key).tryTake(costOf(cost, key));
    return 0;
  }

  private checkedCost(bucket: RateBucket, key: string, cost: Cost): number {
    const amount = costOf(cost, key);
    if (!(amount >= 0 && amount <= bucket.capacity)) {
      throw new ConfigError([`rate limit cost for "${key}" must be between 0 and the capacity ${bucket.capacity} (got ${amount})`]);
    }
    return amount;
  }

  /** Wait for `cost` behind `ahead` (cost per key queued earlier; default: everything queued). */
  private expectedWait(keys: readonly string[], cost: Cost, ahead: ReadonlyMap<string, number> = this.queuedCost): number {
    let wait = 0;
    for (const key of keys) {
      const w = this.bucket(key).waitMs((ahead.get(key) ?? 0) + costOf(cost, key));
      if (w > wait) wait = w;
    }
    return wait;
  }

  private enqueue<T>(keys: readonly string[], cost: Cost, fn: () => Promise<T>, options: ScheduleOptions): Promise<T> {
    let expected: number;
    try {
      // Validated here too: the fast path is skipped when others are queued on these buckets.
      for (const key of keys) this.checkedCost(this.bucket(key), key, cost);
      expected = this.expectedWait(keys, cost);
    } catch (error) {
      return Promise.reject(error);
    }
    const maxWaitMs = options.maxWaitMs ?? this.defaultMaxWaitMs;
    if (options.wait === false || expected > maxWaitMs) {
      return Promise.reject(this.budgetError(keys, expected, options.wait === false ? 'caller would not wait' : `over maxWaitMs ${maxWaitMs}`));
    }
    if (options.signal?.aborted === true) return Promise.reject(this.abortError(keys));
    const now = this.clock.now();
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        keys,
        cost,
        fn,
        resolve: resolve as (value: Promise<unknown>) => void,
        reject,
        deadline: now + maxWaitMs,
        signal: options.signal,
        onAbort: undefined,
      };
      if (waiter.signal !== undefined) {
        waiter.onAbort = () => this.cancel(waiter);
        waiter.signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      for (const key of keys) this.queuedCost.set(key, (this.queuedCost.get(key) ?? 0) + costOf(cost, key));
      this.wakeAt(Math.min(now + Math.max(expected, 1), waiter.deadline));
    });
  }

  /** Serves every waiter that can go now, in FIFO order per bucket; rejects the overdue; re-arms the timer. */
  private drain(): void {
    const now = this.clock.now();
    /** Cost per key of the waiters kept so far in this pass: the keys they block. */
    const aheadCost = new Map<string, number>();
    const ready: Waiter[] = [];
    const overdue: Waiter[] = [];
    const kept: Waiter[] = [];
    let nextWake = Number.POSITIVE_INFINITY;
    for (const waiter of this.queue) {
      const behindEarlier = waiter.keys.some((key) => aheadCost.has(key));
      const wait = behindEarlier ? Number.POSITIVE_INFINITY : this.takeAll(waiter.keys, waiter.cost);
      if (wait === 0) {
        ready.push(waiter);
        continue;
      }
      const expected = behindEarlier ? this.expectedWait(waiter.keys, waiter.cost, aheadCost) : wait;
      if (now + expected > waiter.deadline) {
        overdue.push(waiter);
        continue;
      }
      for (const key of waiter.keys) aheadCost.set(key, (aheadCost.get(key) ?? 0) + costOf(waiter.cost, key));
      kept.push(waiter);
      nextWake = Math.min(nextWake, behindEarlier ? waiter.deadline : now + wait);
    }
    this.queue = kept;
    this.recountQueuedCost();
    this.wakeAt(nextWake);
    for (const waiter of overdue) {
      this.detach(waiter);
      waiter.reject(this.budgetError(waiter.keys, this.expectedWait(waiter.keys, waiter.cost, aheadCost), 'wait would exceed maxWaitMs'));
    }
    for (const waiter of ready) {
      this.detach(waiter);
      waiter.resolve(invoke(waiter.fn));
    }
  }

  private cancel(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    this.recountQueuedCost();
    this.detach(waiter);
    waiter.reject(this.abortError(waiter.keys));
    // Waiters behind it may be able to go now.
    this.wakeAt(this.clock.now());
  }

  private recountQueuedCost(): void {
    this.queuedCost.clear();
    for (const waiter of this.queue) {
      for (const key of waiter.keys) this.queuedCost.set(key, (this.queuedCost.get(key) ?? 0) + costOf(waiter.cost, key));
    }
  }

  private detach(waiter: Waiter): void {
    if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.onAbort = undefined;
  }

  /** Arms the single wake-up timer for `at` unless it is already set to fire earlier. */
  private wakeAt(at: number): void {
    if (this.queue.length === 0) {
      this.clearTimer();
      return;
    }
    if (!Number.isFinite(at)) return;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    // Whole milliseconds, at least 1: a fractional refill wait must not spin at 0 ms.
    const delay = Math.max(1, Math.ceil(at - this.clock.now()));
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.drain();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private budgetError(keys: readonly string[], waitMs: number, why: string): RateLimitError {
    const retryAfterMs = Math.max(1, Math.ceil(waitMs));
    return new RateLimitError(`rate limit budget [${keys.join(', ')}] exhausted (${why}): next slot in ${retryAfterMs} ms`, retryAfterMs);
  }

  private abortError(keys: readonly string[]): TransportError {
    return new TransportError(`aborted while waiting for rate limit budget [${keys.join(', ')}]`, { retryable: false, outcome: 'rejected' });
  }
}
