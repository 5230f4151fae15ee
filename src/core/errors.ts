/**
 * Errors classified by what the caller does next (architecture §5).
 *  - `retryable`: the same call may succeed if repeated (after `retryAfterMs` where given).
 *  - `outcome`: for calls that change state on the venue, whether the change happened:
 *      'rejected' = certainly not applied, 'unknown' = may have been applied (ask the venue before
 *      resending), 'n/a' = the call does not change state or never left the process.
 * Messages never contain secrets: callers pass only field names, rules and public values.
 */
import type { ExchangeId } from './types.js';

export type ErrorOutcome = 'rejected' | 'unknown' | 'n/a';

export interface ExchangeErrorOptions {
  readonly exchange?: ExchangeId | undefined;
  readonly retryable?: boolean;
  readonly outcome?: ErrorOutcome;
  /** The venue's own error code (`error` on Paradex, `code` on Aster). */
  readonly venueCode?: string | number | undefined;
  readonly httpStatus?: number | undefined;
  readonly cause?: unknown;
}

export class ExchangeError extends Error {
  readonly exchange: ExchangeId | undefined;
  readonly retryable: boolean;
  readonly outcome: ErrorOutcome;
  readonly venueCode: string | number | undefined;
  readonly httpStatus: number | undefined;

  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exchange = options.exchange;
    this.retryable = options.retryable ?? false;
    this.outcome = options.outcome ?? 'n/a';
    this.venueCode = options.venueCode;
    this.httpStatus = options.httpStatus;
  }
}

/** Timeout, refused connection, reset, 5xx. On an order call the outcome is unknown. */
export class TransportError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, { retryable: true, outcome: 'unknown', ...options });
  }
}

export class TimeoutError extends TransportError {}

export class RateLimitError extends ExchangeError {
  /** How long to wait before the next call, from the venue's headers or our own budget. */
  readonly retryAfterMs: number;
  /** True when the venue has banned us (Aster 418): stop, do not just back off. */
  readonly banned: boolean;

  constructor(message: string, retryAfterMs: number, options: ExchangeErrorOptions & { banned?: boolean } = {}) {
    super(message, { retryable: true, outcome: 'rejected', ...options });
    this.retryAfterMs = retryAfterMs;
    this.banned = options.banned ?? false;
  }
}

/** Invalid signature, expired or missing token, timestamp outside the venue's window. */
export class AuthError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, { retryable: false, outcome: 'rejected', ...options });
  }
}

/** The venue understood the request and refused it. */
export class RequestError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, { retryable: false, outcome: 'rejected', ...options });
  }
}

export interface InvalidOrderDetails {
  /** The request field at fault, e.g. "price", "size", "clientOrderId". */
  readonly field?: string | undefined;
  /** The offending value (public data only). */
  readonly value?: string | undefined;
  /** The rule broken, e.g. "multiple of tick 0.1", "notional >= 500". */
  readonly rule?: string | undefined;
}

/** An order refused before or by the venue: precision, min notional, post-only would take, reduce-only, duplicate id... */
export class InvalidOrderError extends RequestError {
  readonly field: string | undefined;
  readonly value: string | undefined;
  readonly rule: string | undefined;

  constructor(message: string, details: InvalidOrderDetails = {}, options: ExchangeErrorOptions = {}) {
    super(message, options);
    this.field = details.field;
    this.value = details.value;
    this.rule = details.rule;
  }
}

export class OrderNotFoundError extends RequestError {}

export class DuplicateClientOrderIdError extends InvalidOrderError {}

export class InsufficientMarginError extends RequestError {}

export class NotSupportedError extends ExchangeError {
  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, { retryable: false, outcome: 'rejected', ...options });
  }
}

/** The venue answered something we cannot read: wrong shape, not JSON, an HTML error page. */
export class DecodeError extends ExchangeError {
  /** The response text as received (truncated to keep memory bounded). */
  readonly rawBody: string;
  /** Where the shape did not match, when a schema was applied. */
  readonly issues: readonly string[];

  constructor(message: string, rawBody: string, issues: readonly string[] = [], options: ExchangeErrorOptions = {}) {
    super(message, { retryable: false, outcome: 'unknown', ...options });
    this.rawBody = rawBody.length > 4096 ? `${rawBody.slice(0, 4096)}…` : rawBody;
    this.issues = issues;
  }
}

/** A configuration that cannot work; lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Refused by our own risk rules, before anything reached a venue. */
export class RiskRejectedError extends ExchangeError {
  readonly rule: string;

  constructor(message: string, rule: string, options: ExchangeErrorOptions = {}) {
    super(message, { retryable: false, outcome: 'rejected', ...options });
    this.rule = rule;
  }
}

export function isExchangeError(value: unknown): value is ExchangeError {
  return value instanceof ExchangeError;
}
