/** The Aster error table: every row, the HTTP statuses, success codes and retry timing. */
import { describe, expect, it } from 'vitest';
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
} from '../../../../src/core/errors.js';
import type { ExchangeError } from '../../../../src/core/errors.js';
import { ASTER_ERROR_TABLE, CLOCK_SKEW_CODES, asterErrorFromCode, isSuccessCode, mapAsterHttpError } from '../../../../src/exchanges/aster/rest/errors.js';
import type { AsterErrorFamily } from '../../../../src/exchanges/aster/rest/errors.js';

const CLASS_OF: Record<AsterErrorFamily, new (...args: never[]) => ExchangeError> = {
  invalid_order: InvalidOrderError,
  invalid_input: InvalidOrderError,
  order_not_found: OrderNotFoundError,
  duplicate_client_id: DuplicateClientOrderIdError,
  insufficient_margin: InsufficientMarginError,
  auth: AuthError,
  rate_limit: RateLimitError,
  server: TransportError,
  not_supported: NotSupportedError,
  venue_mode: RequestError,
  request: RequestError,
};

const http = (status: number, body: string, headers: Record<string, string> = {}, operation: 'read' | 'write' = 'write') =>
  mapAsterHttpError({ status, bodyText: body, headers, operation, endpoint: 'POST /fapi/v3/order', now: 1_700_000_030_000 });

describe('error table', () => {
  it('maps every code on a write to its family, keeping the code and naming the field where known', () => {
    for (const [code, rule] of Object.entries(ASTER_ERROR_TABLE)) {
      const error = asterErrorFromCode({ code: Number(code), msg: 'venue text', operation: 'write' });
      expect(error, code).toBeInstanceOf(CLASS_OF[rule.family]);
      expect(error.venueCode).toBe(code);
      expect(error.exchange).toBe('aster');
      expect(error.message).toContain(rule.name);
      if (rule.family === 'server') expect(error.outcome, code).toBe('unknown');
      else expect(error.outcome, code).toBe('rejected');
      if (error instanceof InvalidOrderError && rule.field !== undefined) expect(error.field).toBe(rule.field);
    }
  });

  it('gives reads outcome n/a and malformed reads a RequestError', () => {
    expect(asterErrorFromCode({ code: -1121, operation: 'read' })).toMatchObject({ name: 'RequestError', outcome: 'n/a' });
    expect(asterErrorFromCode({ code: -2013, msg: 'Order does not exist.', operation: 'read' })).toMatchObject({ name: 'OrderNotFoundError', outcome: 'n/a' });
    expect(asterErrorFromCode({ code: -1000, operation: 'read' })).toMatchObject({ name: 'TransportError', outcome: 'n/a', retryable: true });
  });

  it('treats unknown codes as refused requests and a "duplicate" text on a write as a duplicate client id', () => {
    expect(asterErrorFromCode({ code: -9999, msg: 'new thing', operation: 'write' })).toMatchObject({ name: 'RequestError', venueCode: '-9999', outcome: 'rejected' });
    expect(asterErrorFromCode({ code: -2010, msg: 'Duplicate clientOrderId', operation: 'write' })).toBeInstanceOf(DuplicateClientOrderIdError);
    expect(asterErrorFromCode({ code: 'constructor', operation: 'write' })).toBeInstanceOf(RequestError);
  });

  it('knows which codes mean "our clock or nonce was off" and which bodies are successes', () => {
    expect([...CLOCK_SKEW_CODES]).toEqual(['-1021', '-4225']);
    expect(isSuccessCode(200)).toBe(true);
    expect(isSuccessCode('200')).toBe(true);
    expect(isSuccessCode(-1)).toBe(false);
  });
});

describe('HTTP statuses', () => {
  it('429: rate limited, Retry-After honoured, otherwise until the next minute', () => {
    const withHeader = http(429, '{"code":-1003,"msg":"Too many requests"}', { 'retry-after': '7' });
    expect(withHeader).toMatchObject({ name: 'RateLimitError', retryAfterMs: 7_000, banned: false, httpStatus: 429, venueCode: '-1003' });
    expect(http(429, '')).toMatchObject({ retryAfterMs: 10_000, venueCode: 'HTTP_429' });
  });

  it('418: banned until the time in the message (or 2 minutes)', () => {
    const banned = http(418, '{"code":-1003,"msg":"Way too many requests; IP banned until 1700000090000. Please use the websocket."}');
    expect(banned).toMatchObject({ banned: true, retryAfterMs: 60_000 });
    expect(http(418, '<html></html>')).toMatchObject({ banned: true, retryAfterMs: 120_000 });
  });

  it('503 and other 5xx: outcome unknown on writes (never a failure), n/a on reads', () => {
    expect(http(503, '')).toMatchObject({ name: 'TransportError', outcome: 'unknown', retryable: true, httpStatus: 503 });
    expect(http(503, '{"code":-1007,"msg":"Timeout waiting for response from backend server."}', {}, 'read')).toMatchObject({ outcome: 'n/a' });
    expect(http(500, '<html>oops</html>')).toMatchObject({ name: 'TransportError', outcome: 'unknown' });
  });

  it('403 WAF is a limit; 401 without a readable body is an AuthError; a coded 400 goes through the table', () => {
    expect(http(403, '<html>blocked</html>')).toMatchObject({ name: 'RateLimitError', retryAfterMs: 60_000 });
    expect(http(401, '')).toMatchObject({ name: 'AuthError', venueCode: 'HTTP_401' });
    expect(http(400, '{"code":-4164,"msg":"Order\'s notional must be no smaller than 5"}')).toMatchObject({ name: 'InvalidOrderError', field: 'size', venueCode: '-4164' });
    expect(http(400, '{"code":-1022,"msg":"Signature for this request is not valid."}')).toBeInstanceOf(AuthError);
  });
});

describe('rate-limit buckets', () => {
  it('are seeded from exchangeInfo rateLimits (weight per minute, orders per 10 s and per minute)', async () => {
    const { bucketsFromRateLimits, depthWeight, klinesWeight } = await import('../../../../src/exchanges/aster/rest/budgets.js');
    const buckets = bucketsFromRateLimits([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 6100 },
    ]);
    expect(buckets).toEqual([
      { key: 'weight-1m', spec: { capacity: 2400, refillPerSecond: 40 } },
      { key: 'orders-1m', spec: { capacity: 1200, refillPerSecond: 20 } },
      { key: 'orders-10s', spec: { capacity: 300, refillPerSecond: 30 } },
    ]);
    expect([5, 50, 100, 500, 1000].map(depthWeight)).toEqual([2, 2, 5, 10, 20]);
    expect([99, 100, 500, 1000, 1500].map(klinesWeight)).toEqual([1, 2, 5, 5, 10]);
  });
});
