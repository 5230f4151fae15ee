/** JSON-RPC error codes -> typed errors (what the caller does next). */
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  InsufficientMarginError,
  NotSupportedError,
  RateLimitError,
  RequestError,
  TransportError,
} from '../../../../src/core/errors.js';
import { RPC_ERROR, isTokenRpcError, rpcError } from '../../../../src/exchanges/paradex/ws/index.js';
import { readFileSync } from 'node:fs';

describe('rpcError', () => {
  it('maps every documented code', () => {
    const cases: [number, string, new (...args: never[]) => Error, Record<string, unknown>][] = [
      [RPC_ERROR.PARSE, 'read', RequestError, { retryable: false, outcome: 'n/a' }],
      [RPC_ERROR.INVALID_REQUEST, 'read', RequestError, { retryable: false }],
      [RPC_ERROR.METHOD_NOT_FOUND, 'write', NotSupportedError, { outcome: 'rejected' }],
      [RPC_ERROR.INVALID_PARAMS, 'write', RequestError, { outcome: 'rejected' }],
      [RPC_ERROR.INTERNAL, 'write', TransportError, { retryable: true, outcome: 'unknown' }],
      [RPC_ERROR.INTERNAL, 'read', TransportError, { retryable: true, outcome: 'n/a' }],
      [RPC_ERROR.MALFORMED_BEARER, 'auth', AuthError, { venueCode: 40110 }],
      [RPC_ERROR.INVALID_BEARER, 'auth', AuthError, { venueCode: 40111 }],
      [RPC_ERROR.GEO_BLOCKED, 'auth', AuthError, { retryable: false }],
      [RPC_ERROR.PERMISSION_DENIED, 'read', AuthError, { venueCode: 40300 }],
      [RPC_ERROR.RATE_LIMITED, 'write', RateLimitError, { retryable: true, outcome: 'rejected', retryAfterMs: 1000 }],
      [999, 'read', RequestError, { venueCode: 999 }],
    ];
    for (const [code, operation, type, fields] of cases) {
      const error = rpcError({ code, message: 'x' }, 'm', operation as 'read');
      expect(error, String(code)).toBeInstanceOf(type);
      expect(error, String(code)).toMatchObject({ exchange: 'paradex', ...fields });
    }
  });

  it('reads the recorded subscribe error and keeps the venue text', () => {
    const body = (JSON.parse(readFileSync(new URL('../../../fixtures/paradex/ws_error.json', import.meta.url), 'utf8')) as { error: object }).error;
    const error = rpcError(body, 'subscribe', 'read');
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toBe('Paradex WS subscribe refused: -32600 invalid subscribe request: invalid channel');
  });

  it('a method error carrying a REST code becomes that code\'s error', () => {
    const error = rpcError({ code: 100, message: 'order rejected', data: 'NOT_ENOUGH_MARGIN' }, 'order.create', 'write');
    expect(error).toBeInstanceOf(InsufficientMarginError);
    expect(error).toMatchObject({ venueCode: 'NOT_ENOUGH_MARGIN', outcome: 'rejected' });
  });

  it('never echoes a bearer token', () => {
    const jwt = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiIweDEifQ.c2lnbmF0dXJl';
    expect(rpcError({ code: 40111, message: `invalid bearer ${jwt}` }, 'auth', 'auth').message).not.toContain(jwt);
  });

  it('isTokenRpcError: only the codes a fresh token cures', () => {
    expect(isTokenRpcError(rpcError({ code: 40111 }, 'auth', 'auth'))).toBe(true);
    expect(isTokenRpcError(rpcError({ code: 40110 }, 'auth', 'auth'))).toBe(true);
    expect(isTokenRpcError(rpcError({ code: 40112 }, 'auth', 'auth'))).toBe(false);
  });
});
