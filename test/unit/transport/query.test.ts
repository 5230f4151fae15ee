import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../src/core/errors.js';
import { appendQuery, encodeQuery } from '../../../src/transport/query.js';

describe('encodeQuery', () => {
  it('keeps insertion order (signed text must match the wire text)', () => {
    expect(encodeQuery({ symbol: 'BTCUSDT', side: 'BUY', nonce: '1700000000000000', price: '65000.5' })).toBe(
      'symbol=BTCUSDT&side=BUY&nonce=1700000000000000&price=65000.5',
    );
    expect(encodeQuery({ z: '1', a: '2' })).toBe('z=1&a=2');
  });

  it('accepts ordered pairs, including repeated keys', () => {
    expect(encodeQuery([['id', '1'], ['id', '2'], ['a', 'b']])).toBe('id=1&id=2&a=b');
  });

  it('percent-encodes reserved characters and spaces as %20, leaving unreserved ones', () => {
    expect(encodeQuery({ 'client id': 'a:b/c d', list: '["x","y"]', ok: 'A-z_0.9~' })).toBe(
      'client%20id=a%3Ab%2Fc%20d&list=%5B%22x%22%2C%22y%22%5D&ok=A-z_0.9~',
    );
    expect(encodeQuery({ e: '€&=' })).toBe('e=%E2%82%AC%26%3D');
  });

  it('refuses non-string values and empty names, naming the parameter', () => {
    expect(() => encodeQuery({ price: 0.1 } as unknown as Record<string, string>)).toThrow(RequestError);
    expect(() => encodeQuery({ price: 0.1 } as unknown as Record<string, string>)).toThrow(/"price" must be a string/);
    expect(() => encodeQuery([['', 'x']])).toThrow(RequestError);
  });

  it('encodes nothing for no parameters', () => {
    expect(encodeQuery({})).toBe('');
  });
});

describe('appendQuery', () => {
  it('appends encoded parameters or pre-encoded text verbatim', () => {
    expect(appendQuery('/v1/orders', { market: 'BTC-USD-PERP' })).toBe('/v1/orders?market=BTC-USD-PERP');
    expect(appendQuery('/fapi/v3/order', 'symbol=X&signature=0xab')).toBe('/fapi/v3/order?symbol=X&signature=0xab');
    expect(appendQuery('/p', '?a=1')).toBe('/p?a=1');
    expect(appendQuery('/p?x=1', { a: '2' })).toBe('/p?x=1&a=2');
    expect(appendQuery('/p', undefined)).toBe('/p');
    expect(appendQuery('/p', {})).toBe('/p');
  });
});
