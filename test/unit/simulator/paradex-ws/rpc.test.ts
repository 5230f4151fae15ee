import { describe, expect, it } from 'vitest';
import {
  RawJson,
  RPC_CODE,
  errorFrame,
  notificationFrame,
  notificationPrefix,
  parseRequest,
  resultFrame,
  rpcError,
} from '../../../../src/simulator/dialects/paradex/ws/rpc.js';

const t = { usIn: 1_000_000, usOut: 1_000_250 };

describe('parseRequest', () => {
  it('reads a by-name request', () => {
    const parsed = parseRequest('{"jsonrpc":"2.0","method":"subscribe","params":{"channel":"bbo.BTC-USD-PERP"},"id":7}');
    expect(parsed).toEqual({ ok: true, request: { id: 7, method: 'subscribe', params: { channel: 'bbo.BTC-USD-PERP' } } });
  });

  it('accepts string ids and missing params', () => {
    expect(parseRequest('{"jsonrpc":"2.0","method":"auth","id":"a"}')).toEqual({ ok: true, request: { id: 'a', method: 'auth', params: {} } });
  });

  it('turns by-position params into numeric keys (paradex-py order.create_batch)', () => {
    const parsed = parseRequest('{"jsonrpc":"2.0","method":"order.create_batch","params":[{"a":1},{"b":2}],"id":1}');
    expect(parsed.ok && parsed.request.params).toEqual({ 0: { a: 1 }, 1: { b: 2 } });
  });

  it('answers -32700 for text that is not JSON', () => {
    const parsed = parseRequest('{not json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe(RPC_CODE.PARSE_ERROR);
    expect(!parsed.ok && parsed.id).toBeNull();
  });

  it.each([
    ['[1,2]', null],
    ['{"method":"auth","id":3}', 3],
    ['{"jsonrpc":"1.0","method":"auth","id":3}', 3],
    ['{"jsonrpc":"2.0","method":"","id":4}', 4],
    ['{"jsonrpc":"2.0","method":"auth","id":{"x":1}}', null],
  ])('answers -32600 for an invalid request %s', (text, id) => {
    const parsed = parseRequest(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe(RPC_CODE.INVALID_REQUEST);
    expect(!parsed.ok && parsed.id).toBe(id);
  });

  it('answers -32602 when params is neither object nor array', () => {
    const parsed = parseRequest('{"jsonrpc":"2.0","method":"auth","params":"x","id":5}');
    expect(!parsed.ok && parsed.error.code).toBe(RPC_CODE.INVALID_PARAMS);
  });
});

describe('frames', () => {
  it('writes results with the venue timing fields', () => {
    const frame = JSON.parse(resultFrame(3, { channel: 'trades.ALL' }, t)) as Record<string, unknown>;
    expect(frame).toEqual({ jsonrpc: '2.0', id: 3, result: { channel: 'trades.ALL' }, usIn: 1_000_000, usDiff: 250, usOut: 1_000_250 });
  });

  it('writes raw JSON results verbatim (integers beyond 2^53 stay exact)', () => {
    const text = resultFrame(1, new RawJson('{"received_at":1696291200123456789}'), t);
    expect(text).toContain('"received_at":1696291200123456789');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('writes errors in the shape of the recorded fixture', () => {
    const frame = JSON.parse(errorFrame(0, rpcError(-32600, 'invalid subscribe request', 'invalid channel'), t)) as Record<string, unknown>;
    expect(Object.keys(frame).sort()).toEqual(['error', 'id', 'jsonrpc', 'usDiff', 'usIn', 'usOut']);
    expect(frame.error).toEqual({ code: -32600, message: 'invalid subscribe request', data: 'invalid channel' });
  });

  it('omits data when there is none', () => {
    const frame = JSON.parse(errorFrame(null, rpcError(-32601, 'method does not exist'), t)) as { error: object; id: unknown };
    expect(frame.error).toEqual({ code: -32601, message: 'method does not exist' });
    expect(frame.id).toBeNull();
  });

  it('builds notifications equal to a plain serialisation', () => {
    const data = { market: 'BTC-USD-PERP', bid: '1', seq_no: 5 };
    const text = notificationFrame(notificationPrefix('bbo.BTC-USD-PERP'), data);
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', method: 'subscription', params: { channel: 'bbo.BTC-USD-PERP', data } });
  });
});
