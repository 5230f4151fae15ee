/**
 * Circuit breaker for order entry. After `failureThreshold` consecutive transport failures
 * (timeouts, connection errors, 5xx, unreadable answers) or at once on a rate-limit ban, it opens:
 * risk-increasing orders are refused locally while reduce-only orders and cancels still go out
 * (getting out of risk must stay possible). After the cooldown it is half-open: the executor sends
 * one cheap probe (a read call); success closes it, failure reopens it with a doubled cooldown.
 * A ban holds it open for at least the venue's retry-after.
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { DecodeError, RateLimitError, TransportError } from '../core/errors.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  readonly clock?: Clock;
  /** Consecutive transport failures that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** First cooldown before a probe (default 5 s); doubles after each failed probe. */
  readonly openMs?: number;
  /** Longest cooldown (default 5 min). */
  readonly maxOpenMs?: number;
}

export type BreakerListener = (state: BreakerState, reason: string) => void;

/** Errors that say "the venue or the path to it is unwell", as opposed to "your order is wrong". */
export function isTransportFailure(error: unknown): boolean {
  return error instanceof TransportError || error instanceof DecodeError || error instanceof RateLimitError;
}

export class CircuitBreaker {
  readonly #clock: Clock;
  readonly #threshold: number;
  readonly #baseOpenMs: number;
  readonly #maxOpenMs: number;
  readonly #listeners: BreakerListener[] = [];
  #open = false;
  #openUntil = 0;
  #cooldownMs: number;
  #failures = 0;
  #probing = false;
  #reason = '';

  constructor(options: CircuitBreakerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#threshold = options.failureThreshold ?? 5;
    this.#baseOpenMs = options.openMs ?? 5_000;
    this.#maxOpenMs = options.maxOpenMs ?? 300_000;
    this.#cooldownMs = this.#baseOpenMs;
  }

  get state(): BreakerState {
    if (!this.#open) return 'closed';
    return this.#clock.now() >= this.#openUntil ? 'half_open' : 'open';
  }

  get reason(): string {
    return this.#reason;
  }

  /** Milliseconds until a probe may be sent (0 when closed or half-open). */
  get retryInMs(): number {
    return this.#open ? Math.max(0, this.#openUntil - this.#clock.now()) : 0;
  }

  get consecutiveFailures(): number {
    return this.#failures;
  }

  onChange(listener: BreakerListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Whether an order may be sent now without a probe. Reduce-only orders always may. */
  allows(riskIncreasing: boolean): boolean {
    return !riskIncreasing || this.state === 'closed';
  }

  recordSuccess(): void {
    if (!this.#open) this.#failures = 0;
  }

  /** Returns true when the error counted as a transport failure. */
  recordFailure(error: unknown): boolean {
    if (!isTransportFailure(error)) return false;
    if (error instanceof RateLimitError && error.banned) {
      this.#trip(Math.max(error.retryAfterMs, this.#cooldownMs), `rate-limit ban (retry after ${error.retryAfterMs} ms)`);
      return true;
    }
    this.#failures++;
    if (this.#open && this.state === 'half_open') {
      this.#trip(this.#nextCooldown(), 'failure while half-open');
    } else if (!this.#open && this.#failures >= this.#threshold) {
      const detail = error instanceof Error ? error.name : 'error';
      this.#trip(this.#cooldownMs, `${this.#failures} consecutive transport failures (last: ${detail})`);
    }
    return true;
  }

  /** Claims the single probe slot when half-open; false when another probe runs or not half-open. */
  beginProbe(): boolean {
    if (this.state !== 'half_open' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  endProbe(ok: boolean, detail = ''): void {
    this.#probing = false;
    if (ok) {
      this.#open = false;
      this.#failures = 0;
      this.#cooldownMs = this.#baseOpenMs;
      this.#reason = '';
      this.#emit('closed', detail === '' ? 'probe succeeded' : detail);
    } else {
      this.#trip(this.#nextCooldown(), detail === '' ? 'probe failed' : `probe failed: ${detail}`);
    }
  }

  #nextCooldown(): number {
    this.#cooldownMs = Math.min(this.#cooldownMs * 2, this.#maxOpenMs);
    return this.#cooldownMs;
  }

  #trip(forMs: number, reason: string): void {
    this.#open = true;
    this.#openUntil = Math.max(this.#openUntil, this.#clock.now() + forMs);
    this.#reason = reason;
    this.#emit('open', reason);
  }

  #emit(state: BreakerState, reason: string): void {
    for (const l of this.#listeners) l(state, reason);
  }
}
