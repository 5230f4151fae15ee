/**
 * A token bucket with continuous refill: `capacity` tokens at most, `refillPerSecond` added
 * smoothly over time (Paradex documents exactly this algorithm: 600/min = one token per 100 ms).
 *
 * Everything is synchronous and reads time only through the injected Clock, so a call under budget
 * costs a few arithmetic operations and tests can move time by hand. Token counts are plain numbers
 * (request counts, not money); an epsilon absorbs float rounding in the refill arithmetic.
 */
import type { Clock } from '../core/clock.js';
import { ConfigError, RequestError } from '../core/errors.js';

export interface BucketSpec {
  /** Largest burst; also the starting level. */
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** `n` requests per second, bursting up to `n`. */
export function perSecond(n: number): BucketSpec {
  return { capacity: n, refillPerSecond: n };
}

/** `n` requests per minute, bursting up to `n`, refilled evenly (n/60 per second). */
export function perMinute(n: number): BucketSpec {
  return { capacity: n, refillPerSecond: n / 60 };
}

/** What a rate limiter needs from one budget; TokenBucket is the in-memory implementation. */
export interface RateBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /**
   * Takes `cost` tokens and returns 0, or takes nothing and returns the ms until it could.
   * Throws RequestError when `cost` exceeds the capacity (it could never be granted).
   */
  tryTake(cost?: number): number;
  /** Ms until `cost` tokens are available (0 = now), without taking. Works for cost > capacity too. */
  waitMs(cost?: number): number;
  /** Tokens available now (fractional while refilling). */
  available(): number;
  /** The venue said stop (429/418): nothing is granted for `retryAfterMs`, and the bucket restarts empty. */
  penalize(retryAfterMs: number): void;
  /** The venue reports `remaining` tokens: adopt it when it is lower than our own count. */
  syncRemaining(remaining: number): void;
}

const EPSILON = 1e-9;

export class TokenBucket implements RateBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private tokens: number;
  private refilledAt: number;
  /** Nothing is granted and nothing refills before this instant (ms, clock time). */
  private blockedUntil = Number.NEGATIVE_INFINITY;

  constructor(spec: BucketSpec, private readonly clock: Clock, name = 'bucket') {
    const problems: string[] = [];
    if (!(Number.isFinite(spec.capacity) && spec.capacity > 0)) {
      problems.push(`${name}.capacity must be a positive finite number (got ${spec.capacity})`);
    }
    if (!(Number.isFinite(spec.refillPerSecond) && spec.refillPerSecond > 0)) {
      problems.push(`${name}.refillPerSecond must be a positive finite number (got ${spec.refillPerSecond})`);
    }
    if (problems.length > 0) throw new ConfigError(problems);
    this.capacity = spec.capacity;
    this.refillPerSecond = spec.refillPerSecond;
    this.tokens = spec.capacity;
    this.refilledAt = clock.now();
  }

  tryTake(cost = 1): number {
    if (cost > this.capacity + EPSILON) {
      // It would wait forever: the bucket never holds more than its capacity.
      throw new RequestError(`rate limit cost ${cost} exceeds the bucket capacity ${this.capacity}`);
    }
    const now = this.clock.now();
    this.refill(now);
    const wait = this.waitAt(now, cost);
    if (wait === 0) this.tokens -= cost;
    return wait;
  }

  waitMs(cost = 1): number {
    const now = this.clock.now();
    this.refill(now);
    return this.waitAt(now, cost);
  }

  available(): number {
    const now = this.clock.now();
    this.refill(now);
    return now < this.blockedUntil ? 0 : this.tokens;
  }

  penalize(retryAfterMs: number): void {
    if (!(retryAfterMs >= 0)) return;
    const now = this.clock.now();
    this.refill(now);
    this.tokens = 0;
    this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterMs);
  }

  syncRemaining(remaining: number): void {
    if (!Number.isFinite(remaining)) return;
    this.refill(this.clock.now());
    const floor = Math.max(0, remaining);
    if (floor < this.tokens) this.tokens = floor;
  }

  /** Ms until the bucket is no longer blocked by a penalty (0 when it is not). */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  private waitAt(now: number, cost: number): number {
    if (!(cost >= 0) || !Number.isFinite(cost)) {
      throw new RequestError(`rate limit cost must be a finite number >= 0 (got ${cost})`);
    }
    const blocked = this.blockedUntil - now;
    const shortfall = cost - this.tokens;
    const refillMs = shortfall > EPSILON ? (shortfall * 1000) / this.refillPerSecond : 0;
    if (blocked > 0) return blocked + refillMs;
    return refillMs;
  }

  private refill(now: number): void {
    // No refill while blocked: after a 429 the budget restarts from empty when the penalty ends.
    const from = Math.max(this.refilledAt, this.blockedUntil);
    if (now > from) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - from) * this.refillPerSecond) / 1000);
    }
    // A clock that went backwards must not freeze the refill until it catches up.
    this.refilledAt = now;
  }
}
