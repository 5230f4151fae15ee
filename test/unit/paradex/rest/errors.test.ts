import { describe, expect, it } from 'vitest';
import {
  AuthError,
  DecodeError,
  DuplicateClientOrderIdError,
  ExchangeError,
  InsufficientMarginError,
  InvalidOrderError,
  OrderNotFoundError,
  RateLimitError,
  RequestError,
  TransportError,
} from '../../../../src/core/errors.js';
import type { ParadexErrorFamily, ParadexOperation } from '../../../../src/exchanges/paradex/rest/errors.js';
import {
  DEFAULT_RETRY_AFTER_MS,
  MAX_RETRY_AFTER_MS,
  PARADEX_ERROR_TABLE,
  isExpiredTokenError,
  isNotOnboardedError,
  mapParadexError,
  paradexErrorFromCode,
  retryAfterMsFrom,
} from '../../../../src/exchanges/paradex/rest/errors.js';
import { sharedJson } from './support.js';

const body = (error: string, message = 'venue says no') => JSON.stringify({ error, message, data: null });

/** The class each family must produce, per operation. */
function expectedClass(family: ParadexErrorFamily, operation: ParadexOperation): new (...args: never[]) => ExchangeError {
  switch (family) {
    case 'invalid_order':
      return InvalidOrderError;
    case 'invalid_input':
      return operation === 'write' ? InvalidOrderError : RequestError;
    case 'order_not_found':
      return OrderNotFoundError;
    case 'duplicate_client_id':
      return DuplicateClientOrderIdError;
    case 'insufficient_margin':
      return InsufficientMarginError;
    case 'auth':
      return AuthError;
    case 'server':
      return TransportError;
    case 'venue_mode':
    case 'request':
      return RequestError;
  }
}

const specCodes = (): string[] => {
  const spec = sharedJson('specs/paradex/openapi.json') as { components: { schemas: Record<string, { enum?: string[] }> } };
  const codes = spec.components.schemas['responses.ErrorCode']?.enum;
  if (!codes) throw new Error('responses.ErrorCode enum missing from the OpenAPI copy');
  return codes;
};
/** Codes ccxt still maps that the current spec dropped, and risk reasons kept in case they arrive as codes. */
const LEGACY_CODES = [
  'ORDER_IS_NOT_OPEN_YET',
  'INVALID_PRICE_PRECISION',
  'BAD_STARKNET_REQUEST',
  'INVALID_SIGNATURE_EXPIRATION',
  'NOT_ENOUGH_MARGIN',
  'INSUFFICIENT_MARGIN',
];

describe('PARADEX_ERROR_TABLE', () => {
  const rows = Object.entries(PARADEX_ERROR_TABLE);

  describe.each(['write', 'read', 'auth'] as const)('operation %s', (operation) => {
    it.each(rows)('%s maps to its family class and keeps code and status', (code, rule) => {
      const error = mapParadexError({ status: 400, bodyText: body(code), operation });
      expect(error).toBeInstanceOf(expectedClass(rule.family, operation));
      if (rule.family === 'request' || (rule.family === 'invalid_input' && operation !== 'write')) {
        expect(error).not.toBeInstanceOf(InvalidOrderError);
      }
      expect(error.venueCode).toBe(code);
      expect(error.httpStatus).toBe(400);
      expect(error.exchange).toBe('paradex');
      expect(error.message).toContain(code);
      expect(error.message).toContain('venue says no');
      if (rule.family === 'server') {
        expect(error.retryable).toBe(true);
        expect(error.outcome).toBe(operation === 'write' ? 'unknown' : 'n/a');
      } else {
        expect(error.retryable).toBe(rule.family === 'venue_mode');
        expect(error.outcome).toBe(operation === 'read' ? 'n/a' : 'rejected');
      }
      if (error instanceof InvalidOrderError && rule.field !== undefined) expect(error.field).toBe(rule.field);
    });
  });

  it('holds only codes the spec (or ccxt, for retired ones) knows', () => {
    const known = new Set([...specCodes(), ...LEGACY_CODES]);
    expect(rows.map(([code]) => code).filter((code) => !known.has(code))).toEqual([]);
  });

  it('covers the trading-relevant codes of paradex.md §8.1', () => {
    const tradingCodes = [
      'VALIDATION_ERROR', 'BINDING_ERROR', 'INTERNAL_ERROR', 'NOT_FOUND', 'SERVICE_UNAVAILABLE', 'INVALID_REQUEST_PARAMETER',
      'ORDER_ID_NOT_FOUND', 'ORDER_IS_CLOSED', 'ORDER_IS_NOT_OPEN', 'INVALID_ORDER_SIZE', 'CLIENT_ORDER_ID_NOT_FOUND',
      'DUPLICATED_CLIENT_ID', 'INVALID_SYMBOL', 'INVALID_TOKEN', 'INVALID_ETHEREUM_ADDRESS', 'INVALID_ETHEREUM_SIGNATURE',
      'INVALID_STARKNET_ADDRESS', 'INVALID_STARKNET_SIGNATURE', 'STARKNET_SIGNATURE_VERIFICATION_FAILED',
      'ETHEREUM_SIGNER_MISMATCH', 'ETHEREUM_HASH_MISMATCH', 'NOT_ONBOARDED', 'INVALID_TIMESTAMP', 'INVALID_BLOCK_EXPIRATION',
      'ACCOUNT_NOT_FOUND', 'INVALID_ORDER_SIGNATURE', 'PUBLIC_KEY_INVALID', 'UNAUTHORIZED_ETHEREUM_ADDRESS', 'UNAUTHORIZED_ERROR',
      'MARKET_NOT_FOUND', 'GEO_IP_BLOCK', 'MARKET_NOT_OPEN', 'REQUEST_NOT_ALLOWED', 'BATCH_SIZE_OUT_OF_RANGE',
      'ISOLATED_MARKET_ACCOUNT_MISMATCH', 'NO_ACCESS_TO_MARKET', 'SYSTEM_STATUS_POST_ONLY', 'SYSTEM_STATUS_CANCEL_ONLY',
      'INVALID_SUBKEY', 'IP_NOT_ALLOWED',
    ];
    expect(tradingCodes.filter((code) => PARADEX_ERROR_TABLE[code] === undefined)).toEqual([]);
  });

  it('maps the key trading codes to the classes the executor relies on', () => {
    const write = (code: string) => mapParadexError({ status: 400, bodyText: body(code), operation: 'write' });
    expect(write('DUPLICATED_CLIENT_ID')).toBeInstanceOf(DuplicateClientOrderIdError);
    expect(write('ORDER_ID_NOT_FOUND')).toBeInstanceOf(OrderNotFoundError);
    expect(write('CLIENT_ORDER_ID_NOT_FOUND')).toBeInstanceOf(OrderNotFoundError);
    expect(write('ORDER_IS_CLOSED')).toBeInstanceOf(OrderNotFoundError);
    expect(write('INVALID_ORDER_SIGNATURE')).toBeInstanceOf(AuthError);
    expect(write('INVALID_TIMESTAMP')).toBeInstanceOf(AuthError);
    const size = write('INVALID_ORDER_SIZE');
    expect(size).toBeInstanceOf(InvalidOrderError);
    expect((size as InvalidOrderError).field).toBe('size');
    expect(write('SYSTEM_STATUS_CANCEL_ONLY').retryable).toBe(true);
  });

  it('turns every spec code, listed or not, into an ExchangeError keeping the code', () => {
    for (const code of specCodes()) {
      const error = mapParadexError({ status: 400, bodyText: body(code), operation: 'write' });
      expect(error).toBeInstanceOf(ExchangeError);
      expect(error.venueCode).toBe(code);
    }
  });
});

describe('mapParadexError', () => {
  it.each(['SOMETHING_NEW', 'constructor', '__proto__'])('keeps an unknown code (%s) on a RequestError', (code) => {
    const error = mapParadexError({ status: 400, bodyText: body(code), operation: 'write' });
    expect(error).toBeInstanceOf(RequestError);
    expect(error).not.toBeInstanceOf(InvalidOrderError);
    expect(error.venueCode).toBe(code);
    expect(error.outcome).toBe('rejected');
  });

  it('maps 429 to RateLimitError with the wait from x-ratelimit-reset (unix seconds)', () => {
    const error = mapParadexError({
      status: 429,
      bodyText: '',
      headers: { 'x-ratelimit-reset': '1717000003', 'x-ratelimit-limit': '20' },
      operation: 'write',
      now: 1_717_000_000_500,
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2500);
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe('rejected');
    expect(error.httpStatus).toBe(429);
  });

  it('reads retry-after (seconds or date), any header case, and a fetch Headers object', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMsFrom({ 'Retry-After': '3' }, now)).toBe(3000);
    expect(retryAfterMsFrom({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMsFrom(new Headers({ 'X-RateLimit-Reset': String(now / 1000 + 2) }), now)).toBe(2000);
    expect(retryAfterMsFrom({ 'x-ratelimit-reset': '2' }, now)).toBe(2000); // a delta, not an epoch
  });

  it('falls back to 1 s without usable headers and caps absurd waits', () => {
    expect(retryAfterMsFrom(undefined)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMsFrom({ 'retry-after': 'soon' })).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMsFrom({ 'x-ratelimit-reset': '1700000000' }, 2_000_000_000_000)).toBe(DEFAULT_RETRY_AFTER_MS); // in the past
    expect(retryAfterMsFrom({ 'retry-after': '86400' })).toBe(MAX_RETRY_AFTER_MS);
    const error = mapParadexError({ status: 429, bodyText: '<html>Too Many Requests</html>', operation: 'read' });
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
    expect(error.cause).toBeInstanceOf(DecodeError);
  });

  it.each([
    ['write', 'unknown'],
    ['read', 'n/a'],
    ['auth', 'n/a'],
  ] as const)('maps a 5xx HTML page on a %s to a retryable TransportError (outcome %s) keeping the page', (operation, outcome) => {
    const page = '<html><body>502 Bad Gateway</body></html>';
    const error = mapParadexError({ status: 502, bodyText: page, operation });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe(outcome);
    expect(error.venueCode).toBe('HTTP_502');
    expect(error.cause).toBeInstanceOf(DecodeError);
    expect((error.cause as DecodeError).rawBody).toBe(page);
  });

  it('keeps the venue code of a 5xx but still treats it as a transport failure', () => {
    const error = mapParadexError({ status: 503, bodyText: body('SERVICE_UNAVAILABLE', 'request timed out'), operation: 'write' });
    expect(error).toBeInstanceOf(TransportError);
    expect(error.venueCode).toBe('SERVICE_UNAVAILABLE');
    expect(error.outcome).toBe('unknown');
  });

  it('flags an expired JWT so the session can refresh and retry', () => {
    const error = mapParadexError({
      status: 401,
      bodyText: JSON.stringify({ error: 'UNAUTHORIZED_ERROR', message: 'invalid bearer jwt: token is expired by 1m2s' }),
      operation: 'read',
    });
    expect(error).toBeInstanceOf(AuthError);
    expect(error.venueCode).toBe('TOKEN_EXPIRED');
    expect(isExpiredTokenError(error)).toBe(true);
  });

  it('flags a missing or malformed JWT, also when the 401 body has no code', () => {
    const error = mapParadexError({ status: 401, bodyText: JSON.stringify({ message: 'missing or malformed jwt' }), operation: 'write' });
    expect(error.venueCode).toBe('TOKEN_INVALID');
    expect(isExpiredTokenError(error)).toBe(true);
    expect(error.outcome).toBe('rejected');
  });

  it.each([
    ['a plain-text body', 'invalid bearer jwt: token is expired by 3s', 'TOKEN_EXPIRED'],
    ['an Echo-style body', '{"message":"invalid or expired jwt"}', 'TOKEN_EXPIRED'],
    ['an Echo-style missing token body', '{"message":"missing or malformed jwt"}', 'TOKEN_INVALID'],
  ])('recognises token trouble in %s', (_name, bodyText, venueCode) => {
    const error = mapParadexError({ status: 401, bodyText, operation: 'read' });
    expect(error.venueCode).toBe(venueCode);
    expect(isExpiredTokenError(error)).toBe(true);
  });

  it('does not flag other auth failures as token problems', () => {
    const notOnboarded = mapParadexError({ status: 400, bodyText: body('NOT_ONBOARDED'), operation: 'auth' });
    expect(isExpiredTokenError(notOnboarded)).toBe(false);
    expect(isNotOnboardedError(notOnboarded)).toBe(true);
    const bare401 = mapParadexError({ status: 401, bodyText: '', operation: 'read' });
    expect(bare401).toBeInstanceOf(AuthError);
    expect(isExpiredTokenError(bare401)).toBe(false);
    expect(bare401.venueCode).toBe('HTTP_401');
  });

  it('maps an empty 404 to a RequestError with the DecodeError (raw text) as cause', () => {
    const error = mapParadexError({ status: 404, bodyText: '', operation: 'read' });
    expect(error).toBeInstanceOf(RequestError);
    expect(error.venueCode).toBe('HTTP_404');
    expect(error.cause).toBeInstanceOf(DecodeError);
    expect((error.cause as DecodeError).rawBody).toBe('');
  });

  it('never puts header values or tokens into messages', () => {
    const jwt = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiIweDQ5NWQifQ.c2lnbmF0dXJlLWJ5dGVz';
    const headers = { authorization: `Bearer ${jwt}`, 'x-ratelimit-reset': 'not-a-number' };
    for (const status of [400, 401, 403, 429, 500]) {
      const error = mapParadexError({ status, bodyText: body('INVALID_TOKEN', `rejected ${jwt}`), headers, operation: 'read' });
      expect(error.message).not.toContain(jwt);
      expect(error.message).not.toContain('Bearer');
    }
    const page = mapParadexError({ status: 400, bodyText: `<html>Authorization: Bearer ${jwt}</html>`, headers, operation: 'read' });
    expect(page.message).not.toContain(jwt);
    expect((page.cause as DecodeError).rawBody).not.toContain(jwt);
  });
});

describe('paradexErrorFromCode', () => {
  it('builds the same error for a batch entry as for an HTTP error body', () => {
    const error = paradexErrorFromCode({ code: 'VALIDATION_ERROR', message: 'bad size', operation: 'write' });
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect(error.venueCode).toBe('VALIDATION_ERROR');
    expect(error.httpStatus).toBeUndefined();
  });
});
