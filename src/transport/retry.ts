/**
 * When to repeat a failed call, and how long to wait first. Knows nothing about venues: it reads
 * only the ExchangeError fields (`retryable`, `outcome`, `RateLimitError.retryAfterMs/banned`).
 *
 * The rule that protects money: a call that changes state (not idempotent) whose outcome is
 * unknown is never repeated here - the venue may have executed it, and only reconciliation (look
 * the order up by client id) may decide. A call that certainly did not take effect ('rejected':
 * refused connection, our own rate limit, a venue 429) may be repeated even if it places an order.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { ConfigError, ExchangeError, RateLimitError } from '../core/errors.js';

export interface RetryContext {
  /** Repeating the call cannot change the result beyond the first success (reads, cancel-by-id...). */
  readonly idempotent: boolean;
}

export function shouldRetry(error: unknown, context: RetryContext): boolean {
  // Bugs (TypeError...) and foreign errors are not transient: repeating hides them.
  if (!(error instanceof ExchangeError)) return false;
  if (error instanceof RateLimitError && error.banned) return false;
  if (!error.retryable) return false;
  if (error.outcome === 'unknown' && !context.idempotent) return false;
  return true;
}

export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  /** 'full': uniform in [0, ceiling) - spreads clients that failed together. 'none': the ceiling. */
  readonly jitter?: 'full' | 'none';
  /** Uniform in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with a cap: ceiling = min(capMs, baseMs * 2^attempt), where `attempt` is 0 for
 * the first retry; with full jitter the delay is drawn uniformly below the ceiling.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const problems: string[] = [];
  if (!(Number.isInteger(attempt) && attempt >= 0)) problems.push(`attempt must be an integer >= 0 (got ${attempt})`);
  if (!(Number.isFinite(options.baseMs) && options.baseMs >= 0)) problems.push(`baseMs must be a finite number >= 0 (got ${options.baseMs})`);
  if (!(Number.isFinite(options.capMs) && options.capMs >= options.baseMs)) problems.push(`capMs must be finite and >= baseMs (got ${options.capMs})`);
  if (problems.length > 0) throw new ConfigError(problems);
  // 2^attempt is Infinity past 1023 and 0 * Infinity is NaN: keep the factor finite (a base of 0 stays 0).
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 1023));
  if ((options.jitter ?? 'full') === 'none') return ceiling;
  const draw = (options.random ?? Math.random)();
  const unit = draw >= 0 && draw < 1 ? draw : 0;
  return unit * ceiling;
}

/** The wait before retry `attempt`: the backoff, but never less than a rate limit's retryAfterMs. */
export function retryDelayMs(error: unknown, attempt: number, options: BackoffOptions): number {
  const backoff = backoffDelay(attempt, options);
  return error instanceof RateLimitError ? Math.max(backoff, error.retryAfterMs) : backoff;
}

export interface RetryInfo {
  /** 0 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryOptions extends Partial<BackoffOptions> {
  /** Total calls including the first. Default 3. */
  readonly maxAttempts?: number;
  /** Default true: withRetry is meant for reads. Pass false to retry only certainly-rejected calls. */
  readonly idempotent?: boolean;
  /** Give up instead of waiting longer than this for one retry (e.g. a long Retry-After). Default 30 s. */
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Injectable for tests; default a real timer that the signal can cut short. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onRetry?: (info: RetryInfo) => void;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => sleepFor(ms, undefined, signal ? { signal } : {});

/** Calls `fn` until it succeeds, `shouldRetry` says stop, or attempts run out; throws the last error. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new ConfigError([`maxAttempts must be an integer >= 1 (got ${maxAttempts})`]);
  }
  const backoff: BackoffOptions = {
    baseMs: options.baseMs ?? 100,
    capMs: options.capMs ?? 2_000,
    jitter: options.jitter ?? 'full',
    ...(options.random === undefined ? {} : { random: options.random }),
  };
  const context: RetryContext = { idempotent: options.idempotent ?? true };
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt + 1 >= maxAttempts || options.signal?.aborted === true || !shouldRetry(error, context)) throw error;
      const delayMs = retryDelayMs(error, attempt, backoff);
      if (delayMs > maxDelayMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, options.signal);
      } catch {
        // Aborted while waiting: the caller gets the failure that made us wait.
        throw error;
      }
    }
  }
}
