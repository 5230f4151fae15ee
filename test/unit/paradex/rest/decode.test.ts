import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DecodeError } from '../../../../src/core/errors.js';
import { decodeJson, parseJsonLossless, redactSecrets, safeDecodeJson } from '../../../../src/exchanges/paradex/rest/decode.js';
import { orderSchema, ordersHistorySchema, systemTimeSchema } from '../../../../src/exchanges/paradex/rest/schemas.js';
import { ctx, fixtureText } from './support.js';

function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeJson', () => {
  it('returns the typed value for a valid body', () => {
    expect(decodeJson(systemTimeSchema, '{"server_time":"1721281853309"}', ctx('GET /system/time'))).toEqual({ server_time: 1721281853309 });
  });

  it.each([
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1></body></html>', 'HTML'],
    ['an empty body', '', 'empty body'],
    ['whitespace only', '  \n', 'empty body'],
    ['truncated JSON', '{"server_time": "17', 'not JSON'],
  ])('turns %s into a DecodeError keeping the raw text', (_name, body, words) => {
    const error = decodeError(() => decodeJson(systemTimeSchema, body, ctx('GET /system/time')));
    expect(error.rawBody).toBe(body);
    expect(error.message).toContain('GET /system/time');
    expect(error.message).toContain(words);
    expect(error.exchange).toBe('paradex');
    expect(error.retryable).toBe(false);
  });

  it('lists zod issues with their paths', () => {
    const body = JSON.stringify({ next: null, prev: null, results: [{ id: '1', price: 65000.5 }] });
    const error = decodeError(() => decodeJson(ordersHistorySchema, body, ctx('GET /orders-history')));
    expect(error.issues).toContain('results.0.price: Invalid input: expected string, received number');
    expect(error.issues.some((i) => i.startsWith('results.0.market:'))).toBe(true);
    expect(error.rawBody).toBe(body);
  });

  it('refuses a price sent as a JSON number (money must be a decimal string)', () => {
    const order = JSON.parse(fixtureText('example_http_post_orders.json')) as Record<string, unknown>;
    const result = safeDecodeJson(orderSchema, JSON.stringify({ ...order, size: 0.05 }), ctx('POST /orders'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]).toMatch(/^size:/);
  });

  it('accepts timestamps and seq_no as numbers or quoted integers alike', () => {
    const order = JSON.parse(fixtureText('example_http_post_orders.json')) as Record<string, unknown>;
    const quoted = decodeJson(orderSchema, JSON.stringify({ ...order, created_at: '1681493746016', seq_no: '42' }), ctx('x'));
    const plain = decodeJson(orderSchema, JSON.stringify({ ...order, created_at: 1681493746016, seq_no: 42 }), ctx('x'));
    expect(quoted.created_at).toBe(1681493746016);
    expect(plain.created_at).toBe(1681493746016);
    expect(quoted.seq_no).toBe('42');
    expect(plain.seq_no).toBe('42');
  });

  it('keeps seq_no beyond 2^53 exact', () => {
    // The docs example writes 1681471234972000000 as a JSON integer; JSON.parse would round it.
    const decoded = decodeJson(orderSchema, fixtureText('example_http_post_orders.json'), ctx('POST /orders'));
    expect(decoded.seq_no).toBe('1681471234972000000');
    const odd = fixtureText('example_http_post_orders.json').replace('1681471234972000000', '1681471234972000001');
    expect(decodeJson(orderSchema, odd, ctx('POST /orders')).seq_no).toBe('1681471234972000001');
  });

  it('refuses an unsafe integer that was already rounded by a plain JSON.parse', () => {
    const order = JSON.parse(fixtureText('example_http_post_orders.json')) as Record<string, unknown>;
    expect(() => orderSchema.parse({ ...order, seq_no: 2 ** 60 })).toThrow(/exact integer/);
  });

  it('masks bearer tokens in the raw text it keeps', () => {
    const jwt = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiIweDQ5NWQifQ.c2lnbmF0dXJlLWJ5dGVz';
    const error = decodeError(() => decodeJson(z.looseObject({ jwt_token: z.number() }), `{"jwt_token":"${jwt}"}`, ctx('POST /auth')));
    expect(error.rawBody).not.toContain(jwt);
    expect(error.rawBody).toContain('[REDACTED]');
    expect(error.message).not.toContain(jwt);
  });
});

describe('parseJsonLossless', () => {
  it('quotes only integers a double cannot hold, never digits inside strings', () => {
    const text = '{"a":9007199254740991,"b":9007199254740993,"c":"12345678901234567890","d":-12345678901234567890,"e":1.5e300,"f":[1,99999999999999999]}';
    expect(parseJsonLossless(text)).toEqual({
      a: 9007199254740991,
      b: '9007199254740993',
      c: '12345678901234567890',
      d: '-12345678901234567890',
      e: 1.5e300,
      f: [1, '99999999999999999'],
    });
  });

  it('handles escaped quotes in strings', () => {
    expect(parseJsonLossless('{"m":"say \\"12345678901234567890\\"","n":12345678901234567890}')).toEqual({
      m: 'say "12345678901234567890"',
      n: '12345678901234567890',
    });
  });

  it('throws SyntaxError on non-JSON like JSON.parse', () => {
    expect(() => parseJsonLossless('<html>')).toThrow(SyntaxError);
  });
});

describe('redactSecrets', () => {
  it('leaves text without tokens alone', () => {
    expect(redactSecrets('{"error":"NOT_ONBOARDED"}')).toBe('{"error":"NOT_ONBOARDED"}');
  });
});
