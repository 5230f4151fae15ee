/**
 * Frame routing: JSON notifications and SBE binary frames reach the same sink calls with the same
 * domain values; RPC answers are read losslessly; unknown channels and bad frames never throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import { ParadexRouter, describeChannel } from '../../../../src/exchanges/paradex/ws/index.js';
import type { RouterSink } from '../../../../src/exchanges/paradex/ws/index.js';
import { bboFrame, bookFrame, fundingFrame, tradeFrame } from '../../../support/ws-paradex-frames.js';
import type { Encoding } from '../../../support/ws-paradex-frames.js';

function recordingSink() {
  const calls: [string, unknown][] = [];
  const sink: RouterSink = {
    rpc: (a) => calls.push(['rpc', a]),
    bbo: (b) => calls.push(['bbo', b]),
    trade: (t) => calls.push(['trade', t]),
    // The sort keys the JSON reader attaches are a hint for the book (tested in scan-public-frame.test.ts), not data.
    book: (c, { keys: _keys, ...update }) => calls.push(['book', { channel: c, ...update }]),
    funding: (f) => calls.push(['funding', f]),
    summary: (s) => calls.push(['summary', s]),
    private: (k, d) => calls.push([`private:${k}`, d]),
    error: (e) => calls.push(['error', e]),
  };
  return { sink, calls };
}

function routerWith(channels: string[]) {
  const { sink, calls } = recordingSink();
  const router = new ParadexRouter(sink);
  for (const c of channels) {
    const info = describeChannel(c);
    if (!info) throw new Error(`bad channel ${c}`);
    router.addChannel(info);
  }
  return { router, calls };
}

const feed = (router: ParadexRouter, frame: string | Buffer): string | undefined =>
  typeof frame === 'string' ? router.handle(Buffer.from(frame), false) : router.handle(frame, true);

const M = 'BTC-USD-PERP';
const CHANNELS = [`bbo.${M}`, 'trades.ALL', `order_book.${M}.deltas`, `funding_data.${M}`];

function script(encoding: Encoding): (string | Buffer)[] {
  return [
    bboFrame(`bbo.${M}`, { market: M, seq: 7, ts: 1791421923325, bid: '83422.7', bidSize: '0.00015', ask: '83452.9', askSize: '0.00031' }, encoding),
    bboFrame(`bbo.${M}`, { market: M, seq: 8, ts: 1791421923326, ask: '83452.9', askSize: '0.1' }, encoding),
    tradeFrame('trades.ALL', { market: M, id: '1718377985380201703994000001', side: 'SELL', price: '67643.2', size: '0.026', ts: 1718377985388 }, encoding),
    bookFrame(`order_book.${M}.deltas`, { market: M, seq: 100, ts: 1791421535318, type: 's', bids: [['83472.2', '0.5'], ['83471', '1']], asks: [['83487.2', '0.25']] }, encoding),
    bookFrame(`order_book.${M}.deltas`, { market: M, seq: 101, ts: 1791421535319, type: 'd', bids: [['83471', '0']], asks: [['83488', '2']] }, encoding),
    fundingFrame(`funding_data.${M}`, { market: M, rate: '0.0001', ts: 1771506636154 }, encoding),
  ];
}

describe('ParadexRouter', () => {
  it('JSON and SBE frames of the same data give identical payloads on the same channels', () => {
    const json = routerWith(CHANNELS);
    const sbe = routerWith(CHANNELS);
    const jsonTopics = script('json').map((f) => feed(json.router, f));
    const sbeTopics = script('sbe').map((f) => feed(sbe.router, f));
    expect(sbeTopics).toEqual(jsonTopics);
    expect(jsonTopics).toEqual([`bbo.${M}`, `bbo.${M}`, 'trades.ALL', `order_book.${M}.deltas`, `order_book.${M}.deltas`, `funding_data.${M}`]);
    expect(json.calls.filter(([k]) => k === 'error')).toEqual([]);
    expect(sbe.calls).toEqual(json.calls);
    expect(json.calls[1]).toEqual(['bbo', { market: M, ask: '83452.9', askSize: '0.1', seq: 8, timestamp: 1791421923326 }]);
  });

  it('decodes the production SBE BBO capture', () => {
    const vectors = (JSON.parse(readFileSync(new URL('../../../fixtures/vectors/paradex-sbe-vectors.json', import.meta.url), 'utf8')) as { vectors: { id: string; hex: string }[] }).vectors;
    const hex = vectors.find((v) => v.id === 'rec_bbo_1')?.hex ?? '';
    const { router, calls } = routerWith([`bbo.${M}`]);
    expect(router.handle(Buffer.from(hex, 'hex'), true)).toBe(`bbo.${M}`);
    expect(calls[0]?.[0]).toBe('bbo');
    expect(calls[0]?.[1]).toMatchObject({ market: M });
  });

  it('ignores channels it was not given, and frames of a removed channel', () => {
    const { router, calls } = routerWith([`bbo.${M}`]);
    expect(feed(router, tradeFrame(`trades.${M}`, { market: M, id: '1', side: 'BUY', price: '1', size: '1', ts: 1 }, 'json'))).toBeUndefined();
    expect(feed(router, bboFrame('bbo.ETH-USD-PERP', { market: 'ETH-USD-PERP', seq: 1, ts: 1 }, 'sbe'))).toBeUndefined();
    router.removeChannel(describeChannel(`bbo.${M}`) as NonNullable<ReturnType<typeof describeChannel>>);
    expect(feed(router, bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 1 }, 'json'))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('reads RPC answers and private payloads losslessly (seq_no beyond 2^53 stays exact)', () => {
    const { router, calls } = routerWith(['orders.ALL']);
    router.handleText('{"jsonrpc":"2.0","id":4,"result":{"order":{"seq_no":1721903808521364144}}}');
    router.handleText('{"jsonrpc":"2.0","method":"subscription","params":{"channel":"orders.ALL","data":{"seq_no":1681471234972000001}}}');
    expect(calls).toEqual([
      ['rpc', { jsonrpc: '2.0', id: 4, result: { order: { seq_no: '1721903808521364144' } } }],
      ['private:orders', { seq_no: '1681471234972000001' }],
    ]);
  });

  it('reports bad frames to the sink and still credits the channel with data', () => {
    const { router, calls } = routerWith([`bbo.${M}`]);
    expect(router.handleText('not json')).toBeUndefined();
    expect(router.handleText(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: `bbo.${M}`, data: { market: M, bid: 1 } } }))).toBe(`bbo.${M}`);
    expect(router.handle(Buffer.from([1, 2, 3]), true)).toBeUndefined();
    expect(calls.map(([k]) => k)).toEqual(['error', 'error', 'error']);
    expect(calls.every(([, e]) => e instanceof DecodeError)).toBe(true);
  });
});
