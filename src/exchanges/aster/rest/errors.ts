/**
 * Aster error table: `{code, msg}` and HTTP statuses -> the ExchangeError family that tells the
 * caller what to do next (architecture §5). Codes are Aster's published list (aster.md §6, the
 * same numbering as Binance USDⓈ-M), plus live-only codes seen by ccxt (-5060, -5076, -4168) and
 * V3's -4225 "Nonce Expired".
 *
 * HTTP statuses decide where the body cannot (aster.md §6): 429 rate limited (back off), 418 IP
 * banned (stop), 403 WAF limit, 503 "sent but no answer in time" = outcome UNKNOWN (never a
 * failure), other 5xx unknown on writes. Messages carry the status, code and venue text; never a
 * header, a key or a signature.
 */
import {
  AuthError,
  DuplicateClientOrderIdError,
  InsufficientMarginError,
  InvalidOrderError,
  NotSupportedError,
  OrderNotFoundError,
  RateLimitError,
  RequestError,
  TransportError,
} from '../../../core/errors.js';
import type { ErrorOutcome, ExchangeError } from '../../../core/errors.js';
import { parseRetryAfterMs } from '../../../transport/rate-limit-headers.js';
import { safeDecodeJson } from './decode.js';
import { codeMsgSchema } from './schemas/index.js';

export type AsterOperation = 'read' | 'write';

/**
 * - invalid_order: fix the order (InvalidOrderError naming the field when the code implies one);
 * - invalid_input: malformed request (InvalidOrderError on writes, RequestError on reads);
 * - order_not_found: the venue has no such (open) order;
 * - duplicate_client_id: look the existing order up by client id;
 * - insufficient_margin; auth (key, signature, timestamp/nonce window); rate_limit (-1003/-1015);
 * - server: the venue failed, outcome unknown on writes (-1000, -1001, -1006, -1007);
 * - not_supported; venue_mode (retry later); request: refused for another reason.
 */
export type AsterErrorFamily =
  | 'invalid_order'
  | 'invalid_input'
  | 'order_not_found'
  | 'duplicate_client_id'
  | 'insufficient_margin'
  | 'auth'
  | 'rate_limit'
  | 'server'
  | 'not_supported'
  | 'venue_mode'
  | 'request';

export interface AsterErrorRule {
  readonly family: AsterErrorFamily;
  readonly name: string;
  readonly field?: string;
  readonly rule?: string;
}

const r = (family: AsterErrorFamily, name: string, field?: string, rule?: string): AsterErrorRule => ({
  family,
  name,
  ...(field === undefined ? {} : { field }),
  ...(rule === undefined ? {} : { rule }),
});

/** Keyed by the numeric code as a string. Exported so tests walk every row. */
export const ASTER_ERROR_TABLE: Readonly<Record<string, AsterErrorRule>> = Object.freeze({
  '-1000': r('server', 'UNKNOWN'),
  '-1001': r('server', 'DISCONNECTED'),
  '-1002': r('auth', 'UNAUTHORIZED'),
  '-1003': r('rate_limit', 'TOO_MANY_REQUESTS'),
  '-1006': r('server', 'UNEXPECTED_RESP'),
  '-1007': r('server', 'TIMEOUT'),
  '-1014': r('invalid_order', 'UNKNOWN_ORDER_COMPOSITION', 'type', 'a supported combination of order parameters'),
  '-1015': r('rate_limit', 'TOO_MANY_ORDERS'),
  '-1016': r('venue_mode', 'SERVICE_SHUTTING_DOWN'),
  '-1020': r('not_supported', 'UNSUPPORTED_OPERATION'),
  '-1021': r('auth', 'INVALID_TIMESTAMP', 'timestamp', 'inside recvWindow of the server time'),
  '-1022': r('auth', 'INVALID_SIGNATURE'),
  '-1023': r('invalid_input', 'START_TIME_GREATER_THAN_END_TIME', 'since', 'since <= until'),
  '-1100': r('invalid_input', 'ILLEGAL_CHARS'),
  '-1101': r('invalid_input', 'TOO_MANY_PARAMETERS'),
  '-1102': r('invalid_input', 'MANDATORY_PARAM_EMPTY_OR_MALFORMED'),
  '-1103': r('invalid_input', 'UNKNOWN_PARAM'),
  '-1104': r('invalid_input', 'UNREAD_PARAMETERS'),
  '-1105': r('invalid_input', 'PARAM_EMPTY'),
  '-1106': r('invalid_input', 'PARAM_NOT_REQUIRED'),
  '-1111': r('invalid_order', 'BAD_PRECISION', 'price', 'precision within the symbol limits'),
  '-1114': r('invalid_order', 'TIF_NOT_REQUIRED', 'timeInForce', 'only for limit-type orders'),
  '-1115': r('invalid_order', 'INVALID_TIF', 'timeInForce', 'a time in force the symbol accepts'),
  '-1116': r('invalid_order', 'INVALID_ORDER_TYPE', 'type', 'an order type the symbol accepts'),
  '-1117': r('invalid_order', 'INVALID_SIDE', 'side', 'BUY or SELL'),
  '-1120': r('invalid_input', 'BAD_INTERVAL'),
  '-1121': r('invalid_input', 'BAD_SYMBOL', 'market', 'a listed symbol'),
  '-1125': r('auth', 'INVALID_LISTEN_KEY', 'listenKey', 'an active listen key'),
  '-1127': r('invalid_input', 'MORE_THAN_XX_HOURS'),
  '-1128': r('invalid_input', 'OPTIONAL_PARAMS_BAD_COMBO'),
  '-1130': r('invalid_input', 'INVALID_PARAMETER'),
  '-1136': r('invalid_input', 'INVALID_NEW_ORDER_RESP_TYPE'),
  '-2010': r('invalid_order', 'NEW_ORDER_REJECTED'),
  '-2011': r('order_not_found', 'CANCEL_REJECTED'),
  '-2013': r('order_not_found', 'NO_SUCH_ORDER'),
  '-2014': r('auth', 'BAD_API_KEY_FMT'),
  '-2015': r('auth', 'REJECTED_MBX_KEY'),
  '-2016': r('venue_mode', 'NO_TRADING_WINDOW'),
  '-2018': r('insufficient_margin', 'BALANCE_NOT_SUFFICIENT'),
  '-2019': r('insufficient_margin', 'MARGIN_NOT_SUFFICIEN'),
  '-2020': r('invalid_order', 'UNABLE_TO_FILL', 'timeInForce', 'FOK fills completely at once'),
  '-2021': r('invalid_order', 'ORDER_WOULD_IMMEDIATELY_TRIGGER', 'triggerPrice', 'not already crossed by the working price'),
  '-2022': r('invalid_order', 'REDUCE_ONLY_REJECT', 'reduceOnly', 'reduces the open position'),
  '-2023': r('request', 'USER_IN_LIQUIDATION'),
  '-2024': r('invalid_order', 'POSITION_NOT_SUFFICIENT', 'size', 'at most the open position'),
  '-2025': r('invalid_order', 'MAX_OPEN_ORDER_EXCEEDED', 'market', 'below the open-order limit of the symbol'),
  '-2026': r('invalid_order', 'REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED', 'reduceOnly', 'an order type that accepts reduceOnly'),
  '-2027': r('invalid_order', 'MAX_LEVERAGE_RATIO', 'size', 'within the maximum position at the current leverage'),
  '-2028': r('insufficient_margin', 'MIN_LEVERAGE_RATIO'),
  '-4000': r('invalid_order', 'INVALID_ORDER_STATUS'),
  '-4001': r('invalid_order', 'PRICE_LESS_THAN_ZERO', 'price', 'greater than 0'),
  '-4002': r('invalid_order', 'PRICE_GREATER_THAN_MAX_PRICE', 'price', 'at most the max price'),
  '-4003': r('invalid_order', 'QTY_LESS_THAN_ZERO', 'size', 'greater than 0'),
  '-4004': r('invalid_order', 'QTY_LESS_THAN_MIN_QTY', 'size', 'at least the min quantity'),
  '-4005': r('invalid_order', 'QTY_GREATER_THAN_MAX_QTY', 'size', 'at most the max quantity'),
  '-4006': r('invalid_order', 'STOP_PRICE_LESS_THAN_ZERO', 'triggerPrice', 'greater than 0'),
  '-4007': r('invalid_order', 'STOP_PRICE_GREATER_THAN_MAX_PRICE', 'triggerPrice', 'at most the max price'),
  '-4013': r('invalid_order', 'PRICE_LESS_THAN_MIN_PRICE', 'price', 'at least the min price'),
  '-4014': r('invalid_order', 'PRICE_NOT_INCREASED_BY_TICK_SIZE', 'price', 'a multiple of the tick size'),
  '-4015': r('invalid_order', 'INVALID_CL_ORD_ID_LEN', 'clientOrderId', '1-36 characters of [.A-Za-z0-9:/_-]'),
  '-4016': r('invalid_order', 'PRICE_HIGHTER_THAN_MULTIPLIER_UP', 'price', 'at most mark price x multiplierUp'),
  '-4022': r('venue_mode', 'WRONG_MARKET_STATUS'),
  '-4023': r('invalid_order', 'QTY_NOT_INCREASED_BY_STEP_SIZE', 'size', 'a multiple of the step size'),
  '-4024': r('invalid_order', 'PRICE_LOWER_THAN_MULTIPLIER_DOWN', 'price', 'at least mark price x multiplierDown'),
  '-4028': r('invalid_input', 'INVALID_LEVERAGE', 'leverage', 'a leverage the symbol allows'),
  '-4029': r('invalid_order', 'INVALID_TICK_SIZE_PRECISION', 'price', 'tick precision'),
  '-4030': r('invalid_order', 'INVALID_STEP_SIZE_PRECISION', 'size', 'step precision'),
  '-4031': r('invalid_input', 'INVALID_WORKING_TYPE'),
  '-4045': r('invalid_order', 'MAX_STOP_ORDER_EXCEEDED', 'type', 'below the stop-order limit of the symbol'),
  '-4046': r('request', 'NO_NEED_TO_CHANGE_MARGIN_TYPE'),
  '-4047': r('request', 'THERE_EXISTS_OPEN_ORDERS'),
  '-4048': r('request', 'THERE_EXISTS_QUANTITY'),
  '-4059': r('request', 'NO_NEED_TO_CHANGE_POSITION_SIDE'),
  '-4060': r('invalid_order', 'INVALID_POSITION_SIDE', 'positionSide', 'matches the position mode'),
  '-4061': r('invalid_order', 'POSITION_SIDE_NOT_MATCH', 'positionSide', 'matches the position mode'),
  '-4062': r('invalid_order', 'REDUCE_ONLY_CONFLICT', 'reduceOnly', 'not with hedge mode or closePosition'),
  '-4067': r('request', 'POSITION_SIDE_CHANGE_EXISTS_OPEN_ORDERS'),
  '-4068': r('request', 'POSITION_SIDE_CHANGE_EXISTS_QUANTITY'),
  '-4082': r('invalid_order', 'INVALID_BATCH_PLACE_ORDER_SIZE', 'requests', '1 to 5 orders per batch'),
  '-4083': r('server', 'PLACE_BATCH_ORDERS_FAIL'),
  '-4087': r('auth', 'REDUCE_ONLY_ORDER_PERMISSION'),
  '-4088': r('auth', 'NO_PLACE_ORDER_PERMISSION'),
  // (background) Binance's code for a duplicate newClientOrderId; absent from Aster's published list.
  '-4116': r('duplicate_client_id', 'DUPLICATED_CLIENT_ORDER_ID', 'clientOrderId', 'unique among open orders'),
  '-4118': r('insufficient_margin', 'REDUCE_ONLY_MARGIN_CHECK_FAILED'),
  '-4131': r('invalid_order', 'MARKET_ORDER_REJECT', 'price', 'counterparty price inside the PERCENT_PRICE band'),
  '-4135': r('invalid_order', 'INVALID_ACTIVATION_PRICE', 'triggerPrice', 'an activation price on the right side of the market'),
  '-4137': r('invalid_order', 'QUANTITY_EXISTS_WITH_CLOSE_POSITION', 'size', 'no quantity with closePosition'),
  '-4138': r('invalid_order', 'REDUCE_ONLY_MUST_BE_TRUE', 'reduceOnly', 'true for this order'),
  '-4139': r('invalid_order', 'ORDER_TYPE_CANNOT_BE_MKT', 'type', 'not MARKET here'),
  '-4141': r('venue_mode', 'SYMBOL_ALREADY_CLOSED'),
  '-4164': r('invalid_order', 'MIN_NOTIONAL', 'size', 'notional at least the symbol minimum (unless reduce-only)'),
  '-4168': r('request', 'MULTI_ASSETS_MODE_CONFLICT'),
  '-4183': r('invalid_order', 'PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP', 'price', 'within the stop-limit price cap'),
  '-4184': r('invalid_order', 'PRICE_LOWER_THAN_STOP_MULTIPLIER_DOWN', 'price', 'within the stop-limit price floor'),
  '-4225': r('auth', 'NONCE_EXPIRED', 'nonce', 'a fresh, unused nonce inside the time window'),
  '-5060': r('invalid_order', 'PERCENT_PRICE', 'price', 'inside the PERCENT_PRICE band'),
  '-5076': r('invalid_order', 'MIN_ORDER_VALUE', 'size', 'order value at least the venue minimum'),
});

/** Codes whose request certainly did not run because our clock or nonce was off: re-sync and resend once. */
export const CLOCK_SKEW_CODES: ReadonlySet<string> = new Set(['-1021', '-4225']);
export const INVALID_LISTEN_KEY = '-1125';
export const NO_SUCH_ORDER_CODES: ReadonlySet<string> = new Set(['-2011', '-2013']);

const MAX_MESSAGE = 300;
const clip = (text: string): string => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);
const rejected = (operation: AsterOperation): ErrorOutcome => (operation === 'read' ? 'n/a' : 'rejected');

/** "200" / 200 in a `code` field means success (aster.md §6, §10.9). */
export function isSuccessCode(code: string | number): boolean {
  return String(code) === '200';
}

export interface AsterErrorInput {
  readonly code: string | number;
  readonly msg?: string | undefined;
  readonly operation: AsterOperation;
  readonly httpStatus?: number | undefined;
  /** Where the error came from, e.g. "POST /fapi/v3/order". */
  readonly endpoint?: string | undefined;
  readonly cause?: unknown;
}

const DUPLICATE_TEXT = /duplicat/i;

/** The ExchangeError for one `{code, msg}` (also each error slot of a batch answer). */
export function asterErrorFromCode(input: AsterErrorInput): ExchangeError {
  const code = String(input.code);
  const { operation, httpStatus, cause } = input;
  const msg = input.msg === undefined || input.msg === '' ? '' : `: ${clip(input.msg)}`;
  const where = input.endpoint === undefined ? `Aster ${operation}` : `Aster ${input.endpoint}`;
  const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
  const rule = Object.hasOwn(ASTER_ERROR_TABLE, code) ? ASTER_ERROR_TABLE[code] : undefined;
  const text = `${where} refused${status}: ${code}${rule === undefined ? '' : ` ${rule.name}`}${msg}`;
  const base = { exchange: 'aster' as const, venueCode: code, httpStatus, cause };
  // A "duplicate" text on an order write is a duplicate client id whatever the code (the code is unconfirmed).
  if (operation === 'write' && rule?.family !== 'rate_limit' && code !== '-1101' && DUPLICATE_TEXT.test(input.msg ?? '')) {
    return new DuplicateClientOrderIdError(text, { field: 'clientOrderId', rule: 'unique among open orders' }, { ...base, outcome: 'rejected' });
  }
  switch (rule?.family) {
    case 'invalid_order':
      return new InvalidOrderError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: rejected(operation) });
    case 'invalid_input':
      return operation === 'write'
        ? new InvalidOrderError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: 'rejected' })
        : new RequestError(text, { ...base, outcome: 'n/a' });
    case 'order_not_found':
      return new OrderNotFoundError(text, { ...base, outcome: rejected(operation) });
    case 'duplicate_client_id':
      return new DuplicateClientOrderIdError(text, { field: rule.field, rule: rule.rule }, { ...base, outcome: rejected(operation) });
    case 'insufficient_margin':
      return new InsufficientMarginError(text, { ...base, outcome: rejected(operation) });
    case 'auth':
      return new AuthError(text, { ...base, outcome: rejected(operation) });
    case 'rate_limit':
      return new RateLimitError(text, DEFAULT_RETRY_AFTER_MS, { ...base, outcome: rejected(operation) });
    case 'server':
      return new TransportError(text, { ...base, retryable: true, outcome: operation === 'write' ? 'unknown' : 'n/a' });
    case 'not_supported':
      return new NotSupportedError(text, { ...base, outcome: rejected(operation) });
    case 'venue_mode':
      return new RequestError(text, { ...base, retryable: true, outcome: rejected(operation) });
    case 'request':
    case undefined:
      return new RequestError(text, { ...base, outcome: rejected(operation) });
  }
}

export const DEFAULT_RETRY_AFTER_MS = 1_000;
/** Bans start at 2 minutes (aster.md §6). */
export const DEFAULT_BAN_MS = 120_000;
/** A bogus header must not park the bot for days; a real ban that long is re-reported by the venue. */
export const MAX_RETRY_AFTER_MS = 3 * 86_400_000;

export interface AsterHttpFailure {
  readonly status: number;
  readonly bodyText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly operation: AsterOperation;
  readonly endpoint: string;
  /** Venue time in ms (ban ends are venue timestamps). */
  readonly now: number;
}

/** "IP banned until 1700000000000" -> that time, when the message carries it. */
function bannedUntil(msg: string): number | undefined {
  const match = /banned until (\d{12,14})/i.exec(msg);
  return match === null ? undefined : Number(match[1]);
}

/** How long to wait after a 429/418: Retry-After, then the ban end in the message, then the default. */
export function retryAfterMsFor(failure: AsterHttpFailure, msg: string): number {
  const fromHeader = parseRetryAfterMs(failure.headers['retry-after'], failure.now);
  const until = bannedUntil(msg);
  const fromMessage = until === undefined ? undefined : until - failure.now;
  const chosen = [fromHeader, fromMessage].find((ms) => ms !== undefined && Number.isFinite(ms) && ms > 0);
  const fallback = failure.status === 418 ? DEFAULT_BAN_MS : msToNextMinute(failure.now);
  return Math.min(Math.ceil(chosen ?? fallback), MAX_RETRY_AFTER_MS);
}

/** Weight counters reset each minute (X-MBX-USED-WEIGHT-1M): a 429 without advice waits for the next one. */
function msToNextMinute(now: number): number {
  return Math.max(DEFAULT_RETRY_AFTER_MS, 60_000 - (now % 60_000));
}

/** A non-2xx Aster answer -> the ExchangeError to throw. */
export function mapAsterHttpError(failure: AsterHttpFailure): ExchangeError {
  const { status, operation, endpoint } = failure;
  const decoded = safeDecodeJson(codeMsgSchema, failure.bodyText, { endpoint: `${endpoint} error body` });
  const body = decoded.ok ? decoded.value : undefined;
  const cause = decoded.ok ? undefined : decoded.error;
  const msg = body?.msg ?? '';
  const code = body === undefined ? undefined : String(body.code);
  const base = { exchange: 'aster' as const, httpStatus: status, cause };
  const detail = code === undefined ? '' : ` ${code}${msg === '' ? '' : `: ${clip(msg)}`}`;

  if (status === 418 || status === 429) {
    const retryAfterMs = retryAfterMsFor(failure, msg);
    const banned = status === 418;
    const what = banned ? 'IP banned' : 'rate limited';
    return new RateLimitError(`Aster ${endpoint} ${what} (HTTP ${status})${detail}; retry after ${retryAfterMs} ms`, retryAfterMs, {
      ...base,
      venueCode: code ?? `HTTP_${status}`,
      banned,
    });
  }
  if (status === 403 && (code === undefined || !Object.hasOwn(ASTER_ERROR_TABLE, code))) {
    // The WAF answers 403 to request rates it dislikes: a limit, not a verdict on the request.
    return new RateLimitError(`Aster ${endpoint} blocked by the WAF (HTTP 403)${detail}`, 60_000, { ...base, venueCode: code ?? 'HTTP_403' });
  }
  if (status >= 500) {
    // 503 = "sent to the matching engine, no answer in time": the order may exist (aster.md §6).
    const unknown = operation === 'write';
    const text = `Aster ${endpoint} failed (HTTP ${status})${detail}${unknown ? '; outcome unknown' : ''}`;
    return new TransportError(text, { ...base, venueCode: code ?? `HTTP_${status}`, retryable: true, outcome: unknown ? 'unknown' : 'n/a' });
  }
  if (code !== undefined) return asterErrorFromCode({ code, msg, operation, httpStatus: status, endpoint, cause });
  const text = `Aster ${endpoint} failed (HTTP ${status})${cause === undefined ? '' : ': unreadable body'}`;
  if (status === 401 || status === 403) return new AuthError(text, { ...base, venueCode: `HTTP_${status}`, outcome: rejected(operation) });
  return new RequestError(text, { ...base, venueCode: `HTTP_${status}`, outcome: rejected(operation) });
}
