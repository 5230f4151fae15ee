/**
 * Paradex error table: a non-2xx REST answer -> the ExchangeError family that tells the caller
 * what to do next (architecture §5). The venue's `error` code decides the family; the HTTP status
 * decides only where the code cannot (429, 5xx, 401 without a body we can read).
 *
 * Codes come from the OpenAPI `responses.ErrorCode` enum (1.132.1) plus older codes ccxt still
 * knows (ORDER_IS_NOT_OPEN_YET, INVALID_PRICE_PRECISION, BAD_STARKNET_REQUEST,
 * INVALID_SIGNATURE_EXPIRATION). Codes absent from the table (vaults, referrals, XP, block trades...)
 * become a RequestError that keeps the code.
 *
 * Messages carry the status, the code and the venue's message (truncated); never a header value.
 */
import {
  AuthError,
  DuplicateClientOrderIdError,
  InsufficientMarginError,
  InvalidOrderError,
  OrderNotFoundError,
  RateLimitError,
  RequestError,
  TransportError,
} from '../../../core/errors.js';
import type { ErrorOutcome, ExchangeError } from '../../../core/errors.js';
import { redactSecrets, safeDecodeJson } from './decode.js';
import { errorBodySchema } from './schemas.js';

export type ParadexOperation = 'read' | 'write' | 'auth';

/**
 * What the caller does next:
 *  - invalid_order: fix the order (InvalidOrderError, with the field when the code names one);
 *  - invalid_input: a malformed request; an InvalidOrderError on writes, a RequestError otherwise;
 *  - order_not_found: the venue has no such open order (OrderNotFoundError);
 *  - duplicate_client_id: DuplicateClientOrderIdError (look the existing order up by client id);
 *  - insufficient_margin: InsufficientMarginError;
 *  - auth: credentials, signature, token or timestamp window (AuthError);
 *  - venue_mode: the venue refuses this kind of request for now (RequestError, retryable later);
 *  - server: the venue failed (TransportError: retryable, outcome unknown on writes);
 *  - request: refused for another reason (RequestError).
 */
export type ParadexErrorFamily =
  | 'invalid_order'
  | 'invalid_input'
  | 'order_not_found'
  | 'duplicate_client_id'
  | 'insufficient_margin'
  | 'auth'
  | 'venue_mode'
  | 'server'
  | 'request';

export interface ParadexErrorRule {
  readonly family: ParadexErrorFamily;
  /** The request field at fault, for invalid_order / invalid_input. */
  readonly field?: string;
  /** The rule broken, in words. */
  readonly rule?: string;
}

const row = (family: ParadexErrorFamily, field?: string, rule?: string): ParadexErrorRule => ({
  family,
  ...(field === undefined ? {} : { field }),
  ...(rule === undefined ? {} : { rule }),
});

/** Every trading-relevant code, exported so tests can walk each row. */
export const PARADEX_ERROR_TABLE: Readonly<Record<string, ParadexErrorRule>> = Object.freeze({
  // Malformed or invalid input.
  VALIDATION_ERROR: row('invalid_input', undefined, 'request passes venue validation'),
  BINDING_ERROR: row('invalid_input', undefined, 'request body matches the venue schema'),
  INVALID_REQUEST_PARAMETER: row('invalid_input', undefined, 'valid request parameters'),
  INVALID_SYMBOL: row('invalid_input', 'market', 'known market symbol'),
  MARKET_NOT_FOUND: row('invalid_input', 'market', 'known market symbol'),
  NOT_FOUND: row('request'),
  NOT_UNIQUE: row('request'),
  BAD_STARKNET_REQUEST: row('invalid_input', undefined, 'valid Starknet request'),
  // Orders.
  INVALID_ORDER_SIZE: row('invalid_order', 'size', 'valid order size'),
  INVALID_PRICE_PRECISION: row('invalid_order', 'price', 'price is a multiple of the tick size'),
  MARKET_NOT_OPEN: row('invalid_order', 'market', 'market open for trading'),
  MARKET_NOT_SETTLED: row('invalid_order', 'market', 'market settled'),
  NO_ACCESS_TO_MARKET: row('invalid_order', 'market', 'account may trade this market'),
  ISOLATED_MARKET_ACCOUNT_MISMATCH: row('invalid_order', 'market', 'isolated account matches market'),
  MARKET_MARGIN_RESTRICTED: row('invalid_order', 'market', 'market margin mode allows this order'),
  RPI_ACCOUNT_NOT_WHITELISTED: row('invalid_order', 'timeInForce', 'account allowed to send RPI orders'),
  BATCH_SIZE_OUT_OF_RANGE: row('invalid_order', 'orders', 'batch of 1 to 10 orders'),
  ORDER_IS_NOT_OPEN: row('invalid_order', 'id', 'order is OPEN'),
  ORDER_IS_NOT_OPEN_YET: row('invalid_order', 'id', 'order is OPEN'),
  DUPLICATED_CLIENT_ID: row('duplicate_client_id', 'clientOrderId', 'unique client order id'),
  ORDER_ID_NOT_FOUND: row('order_not_found'),
  CLIENT_ORDER_ID_NOT_FOUND: row('order_not_found'),
  // Closed orders cannot be cancelled or modified: for the caller the open order is gone.
  ORDER_IS_CLOSED: row('order_not_found'),
  ALGO_ID_NOT_FOUND: row('order_not_found'),
  // Risk outcomes: normally an order's cancel_reason, listed in case they come back as codes.
  NOT_ENOUGH_MARGIN: row('insufficient_margin'),
  INSUFFICIENT_MARGIN: row('insufficient_margin'),
  // Venue-wide trading modes: the same request may pass once the mode ends.
  SYSTEM_STATUS_CANCEL_ONLY: row('venue_mode', undefined, 'venue accepts cancels only'),
  SYSTEM_STATUS_POST_ONLY: row('venue_mode', undefined, 'venue accepts post-only orders only'),
  // Credentials, signatures, tokens, time windows.
  INVALID_TOKEN: row('auth'),
  INVALID_TOKEN_SCOPE: row('auth'),
  UNAUTHORIZED_ERROR: row('auth'),
  NOT_ONBOARDED: row('auth'),
  ACCOUNT_NOT_FOUND: row('auth'),
  INVALID_STARKNET_ADDRESS: row('auth'),
  INVALID_STARKNET_SIGNATURE: row('auth'),
  STARKNET_SIGNATURE_VERIFICATION_FAILED: row('auth'),
  INVALID_ORDER_SIGNATURE: row('auth'),
  INVALID_TIMESTAMP: row('auth'),
  INVALID_BLOCK_EXPIRATION: row('auth'),
  INVALID_SIGNATURE_EXPIRATION: row('auth'),
  PUBLIC_KEY_INVALID: row('auth'),
  INVALID_SUBKEY: row('auth'),
  INVALID_ETHEREUM_ADDRESS: row('auth'),
  INVALID_ETHEREUM_SIGNATURE: row('auth'),
  ETHEREUM_SIGNER_MISMATCH: row('auth'),
  ETHEREUM_HASH_MISMATCH: row('auth'),
  UNAUTHORIZED_ETHEREUM_ADDRESS: row('auth'),
  INVALID_EVM_SIGNATURE: row('auth'),
  EVM_SIGNATURE_VERIFICATION_FAILED: row('auth'),
  GEO_IP_BLOCK: row('auth'),
  IP_NOT_ALLOWED: row('auth'),
  ETHEREUM_ADDRESS_BLOCKED: row('auth'),
  REQUEST_NOT_ALLOWED: row('request'),
  // The venue failed.
  INTERNAL_ERROR: row('server'),
  SERVICE_UNAVAILABLE: row('server'),
});

/** venueCode of a 401 whose message says the bearer token expired. */
export const TOKEN_EXPIRED = 'TOKEN_EXPIRED';
/** venueCode of a 401 whose message says the bearer token is missing or malformed. */
export const TOKEN_INVALID = 'TOKEN_INVALID';

/**
 * True for the 401s that a fresh JWT cures (expired, missing or malformed bearer token): the client
 * should refresh its session once and repeat the call; the rejected call did not execute.
 */
export function isExpiredTokenError(error: unknown): boolean {
  return error instanceof AuthError && (error.venueCode === TOKEN_EXPIRED || error.venueCode === TOKEN_INVALID);
}

// [CS] py is_token_expired: "invalid bearer jwt: token is expired by ..."; ccxt: "missing or malformed jwt"
// (the wording of Echo's JWT middleware, whose expiry message is "invalid or expired jwt").
const EXPIRED_TOKEN_RE = /token is expired|token has expired|jwt expired|invalid or expired jwt/i;
const INVALID_TOKEN_RE = /missing or malformed jwt|malformed jwt|invalid bearer/i;

/** Response headers as fetch/undici give them, or a plain record (any key case). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

export interface ParadexHttpFailure {
  readonly status: number;
  readonly bodyText: string;
  readonly headers?: HeaderSource | undefined;
  readonly operation: ParadexOperation;
  /** Local time in ms, for x-ratelimit-reset (unix seconds); defaults to Date.now(). */
  readonly now?: number | undefined;
}

function header(headers: HeaderSource | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

export const DEFAULT_RETRY_AFTER_MS = 1000;
/** A bogus header must not park the bot for hours. */
export const MAX_RETRY_AFTER_MS = 300_000;

/**
 * How long to wait after a 429: `x-ratelimit-reset` (unix seconds, paradex-py) first, then
 * `retry-after` (seconds or an HTTP date), else 1 s.
 */
export function retryAfterMsFrom(headers: HeaderSource | undefined, now: number = Date.now()): number {
  const candidates: (number | undefined)[] = [];
  const reset = header(headers, 'x-ratelimit-reset');
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset.trim())) {
    const value = Number(reset);
    // A small value is a delta in seconds, not an epoch: accept both spellings.
    candidates.push(value >= 1e9 ? value * 1000 - now : value * 1000);
  }
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) candidates.push(Number(trimmed) * 1000);
    else {
      const date = Date.parse(trimmed);
      if (!Number.isNaN(date)) candidates.push(date - now);
    }
  }
  const usable = candidates.find((ms) => ms !== undefined && Number.isFinite(ms) && ms > 0);
  return usable === undefined ? DEFAULT_RETRY_AFTER_MS : Math.min(Math.ceil(usable), MAX_RETRY_AFTER_MS);
}

const MAX_MESSAGE = 300;
const clip = (text: string): string => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

const rejectedOutcome = (operation: ParadexOperation): ErrorOutcome => (operation === 'read' ? 'n/a' : 'rejected');

export interface ParadexErrorInput {
  readonly code: string;
  readonly message?: string | undefined;
  readonly operation: ParadexOperation;
  readonly httpStatus?: number | undefined;
  readonly cause?: unknown;
}

/** The ExchangeError for one venue error code (also used for the `errors` of a batch answer). */
export function paradexErrorFromCode(input: ParadexErrorInput): ExchangeError {
  const { code, operation, httpStatus, cause } = input;
  const venueMessage = input.message === undefined || input.message === '' ? '' : `: ${clip(redactSecrets(input.message))}`;
  const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
  const text = `Paradex ${operation} refused${status}: ${code}${venueMessage}`;
  const base = { exchange: 'paradex' as const, venueCode: code, httpStatus, cause };
  // Own keys only: a venue code such as "constructor" must not find Object.prototype members.
  const rule = Object.hasOwn(PARADEX_ERROR_TABLE, code) ? PARADEX_ERROR_TABLE[code] : undefined;
  switch (rule?.family) {
    case 'invalid_order':
      return new InvalidOrderError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: rejectedOutcome(operation) });
    case 'invalid_input':
      return operation === 'write'
        ? new InvalidOrderError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: 'rejected' })
        : new RequestError(text, { ...base, outcome: rejectedOutcome(operation) });
    case 'order_not_found':
      return new OrderNotFoundError(text, { ...base, outcome: rejectedOutcome(operation) });
    case 'duplicate_client_id':
      return new DuplicateClientOrderIdError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: rejectedOutcome(operation) });
    case 'insufficient_margin':
      return new InsufficientMarginError(text, { ...base, outcome: rejectedOutcome(operation) });
    case 'auth':
      return new AuthError(text, { ...base, outcome: rejectedOutcome(operation) });
    case 'venue_mode':
      return new RequestError(text, { ...base, retryable: true, outcome: rejectedOutcome(operation) });
    case 'server':
      return new TransportError(text, { ...base, retryable: true, outcome: operation === 'write' ? 'unknown' : 'n/a' });
    case 'request':
    case undefined:
      return new RequestError(text, { ...base, outcome: rejectedOutcome(operation) });
  }
}

function tokenError(status: number, message: string, operation: ParadexOperation, cause?: unknown): AuthError | undefined {
  if (status !== 401) return undefined;
  const venueCode = EXPIRED_TOKEN_RE.test(message) ? TOKEN_EXPIRED : INVALID_TOKEN_RE.test(message) ? TOKEN_INVALID : undefined;
  if (venueCode === undefined) return undefined;
  const what = venueCode === TOKEN_EXPIRED ? 'bearer token expired' : 'bearer token missing or malformed';
  return new AuthError(`Paradex ${operation} refused (HTTP 401): ${what}`, {
    exchange: 'paradex',
    venueCode,
    httpStatus: status,
    outcome: rejectedOutcome(operation),
    cause,
  });
}

/** A non-2xx Paradex REST answer -> the ExchangeError to throw. */
export function mapParadexError(failure: ParadexHttpFailure): ExchangeError {
  const { status, operation } = failure;
  const decoded = safeDecodeJson(errorBodySchema, failure.bodyText, { exchange: 'paradex', endpoint: `${operation} error body` });
  const body = decoded.ok ? decoded.value : undefined;
  // A body we cannot read (a proxy's HTML page, nothing at all) stays on the DecodeError cause,
  // tokens masked; the message only says what it was, since such pages may echo request headers.
  const cause = decoded.ok ? undefined : decoded.error;
  const code = body?.error !== undefined && body.error !== '' ? body.error : undefined;
  const message = redactSecrets(body?.message ?? '');
  const base = { exchange: 'paradex' as const, httpStatus: status, cause };

  if (status === 429) {
    const retryAfterMs = retryAfterMsFrom(failure.headers, failure.now);
    const detail = code === undefined ? '' : ` ${code}`;
    return new RateLimitError(`Paradex ${operation} rate limited (HTTP 429)${detail}; retry after ${retryAfterMs} ms`, retryAfterMs, {
      ...base,
      venueCode: code ?? 'RATE_LIMITED',
    });
  }

  // The exact 401 body is unconfirmed: look for the token wording in the message, or in the raw
  // text when the body is not the usual JSON (it is only matched, never copied into the message).
  const expired = tokenError(status, body?.message ?? failure.bodyText, operation, cause);
  if (expired !== undefined) return expired;

  const venueCode = code ?? `HTTP_${status}`;
  const detail = [code, message === '' ? undefined : clip(message), cause === undefined ? undefined : 'unreadable body']
    .filter((part) => part !== undefined)
    .join(': ');
  const text = `Paradex ${operation} failed (HTTP ${status})${detail === '' ? '' : `: ${detail}`}`;

  // A 5xx is a transport failure whatever code it carries: the venue may not have finished the call.
  if (status >= 500) {
    return new TransportError(text, { ...base, venueCode, retryable: true, outcome: operation === 'write' ? 'unknown' : 'n/a' });
  }
  if (code !== undefined) return paradexErrorFromCode({ code, message, operation, httpStatus: status, cause });
  if (status === 401 || status === 403) return new AuthError(text, { ...base, venueCode, outcome: rejectedOutcome(operation) });
  return new RequestError(text, { ...base, venueCode, outcome: rejectedOutcome(operation) });
}

/** True for NOT_ONBOARDED: the account must call POST /onboarding once, then authenticate again. */
export function isNotOnboardedError(error: unknown): boolean {
  return error instanceof AuthError && error.venueCode === 'NOT_ONBOARDED';
}
