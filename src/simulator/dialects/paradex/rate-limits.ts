/**
 * The venue's rate limits (paradex.md §8.2, docs rate-limits): continuously refilled token buckets,
 * per IP for public, onboarding and auth calls, per account for private calls, plus the extra
 * 1 500/min per IP over all private calls. A batch counts as one request. WebSocket order methods
 * share the REST order counters, so this object lives in the venue state both sides use.
 *
 * A refusal is HTTP 429 with `x-ratelimit-*` headers (limit, remaining, reset in unix seconds,
 * window in seconds) describing the budget that refused.
 */

export type RateLimitKind = 'public' | 'onboarding' | 'auth' | 'order-write' | 'private-read';

export interface Budget {
  readonly limit: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const SECOND = 1_000;

/** Budgets per kind; all of a kind's budgets must have a token. */
export const PARADEX_BUDGETS: Readonly<Record<RateLimitKind, readonly Budget[]>> = {
  public: [{ limit: 1500, windowMs: MINUTE }],
  onboarding: [{ limit: 600, windowMs: MINUTE }],
  auth: [{ limit: 600, windowMs: MINUTE }],
  'order-write': [
    { limit: 800, windowMs: SECOND },
    { limit: 17_250, windowMs: MINUTE },
  ],
  'private-read': [
    { limit: 120, windowMs: SECOND },
    { limit: 600, windowMs: MINUTE },
  ],
};

/** Every private call also draws from this per-IP budget. */
export const PRIVATE_IP_BUDGET: Budget = { limit: 1500, windowMs: MINUTE };

class Bucket {
  tokens: number;
  last: number;

  constructor(
    readonly budget: Budget,
    nowMs: number,
  ) {
    this.tokens = budget.limit;
    this.last = nowMs;
  }

  refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.last);
    this.tokens = Math.min(this.budget.limit, this.tokens + (elapsed * this.budget.limit) / this.budget.windowMs);
    this.last = Math.max(this.last, nowMs);
  }

  /** Time until one token is available (0 when one is). */
  waitMs(): number {
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * this.budget.windowMs) / this.budget.limit);
  }

  headers(nowMs: number): Record<string, string> {
    const untilFullMs = ((this.budget.limit - this.tokens) * this.budget.windowMs) / this.budget.limit;
    return {
      'x-ratelimit-limit': String(this.budget.limit),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(this.tokens))),
      'x-ratelimit-reset': String(Math.ceil((nowMs + untilFullMs) / 1000)),
      'x-ratelimit-window': String(Math.round(this.budget.windowMs / 1000)),
    };
  }
}

export interface RateDecision {
  readonly allowed: boolean;
  /** x-ratelimit-* of the tightest budget involved. */
  readonly headers: Readonly<Record<string, string>>;
  /** When refused: how long until a retry can pass. */
  readonly retryAfterMs: number;
}

export interface RateSubject {
  readonly ip: string;
  /** Set for private calls. */
  readonly account?: string;
}

const MAX_BUCKETS = 100_000;

export class ParadexRateLimits {
  readonly #buckets = new Map<string, Bucket>();
  readonly #budgets: Readonly<Record<RateLimitKind, readonly Budget[]>>;
  #enabled = true;

  constructor(budgets: Readonly<Record<RateLimitKind, readonly Budget[]>> = PARADEX_BUDGETS) {
    this.#budgets = budgets;
  }

  /** Turn enforcement off (benchmarks) or on; headers are still produced. */
  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
  }

  /** Draws one request of `kind` for `subject`; nothing is drawn when any budget is empty. */
  take(kind: RateLimitKind, subject: RateSubject, nowMs: number): RateDecision {
    const buckets: Bucket[] = [];
    const privateCall = kind === 'order-write' || kind === 'private-read';
    const owner = privateCall && subject.account !== undefined ? `acct:${subject.account}` : `ip:${subject.ip}`;
    this.#budgets[kind].forEach((budget, i) => buckets.push(this.#bucket(`${kind}:${i}:${owner}`, budget, nowMs)));
    if (privateCall) buckets.push(this.#bucket(`private-ip:${subject.ip}`, PRIVATE_IP_BUDGET, nowMs));
    for (const bucket of buckets) bucket.refill(nowMs);
    const blocking = buckets.filter((b) => b.tokens < 1);
    if (this.#enabled && blocking.length > 0) {
      const worst = blocking.reduce((a, b) => (b.waitMs() > a.waitMs() ? b : a));
      return { allowed: false, headers: worst.headers(nowMs), retryAfterMs: worst.waitMs() };
    }
    for (const bucket of buckets) bucket.tokens = Math.max(0, bucket.tokens - 1);
    const tightest = buckets.reduce((a, b) => (b.tokens / b.budget.limit < a.tokens / a.budget.limit ? b : a));
    return { allowed: true, headers: tightest.headers(nowMs), retryAfterMs: 0 };
  }

  #bucket(key: string, budget: Budget, nowMs: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      // Full buckets carry no information: dropping them all is harmless when the map grows.
      if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
      bucket = new Bucket(budget, nowMs);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
