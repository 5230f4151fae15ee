import { describe, expect, it } from 'vitest';
import { decodeParadexSbe, readSbeHeader, sbeChannelOf } from '../../../../src/exchanges/paradex/ws/sbe/index.js';
import type { SbeMessage } from '../../../../src/exchanges/paradex/ws/sbe/index.js';
import { KIND_OF, expectedJson, loadVectors } from './expected-json.js';

const vectors = loadVectors();

function dataOf(message: SbeMessage): unknown {
  if (message.kind === 'unknown') throw new Error(`template ${message.templateId} decoded as unknown`);
  return message.data;
}

describe('Paradex SBE decoder on the shared vectors', () => {
  it('has all 39 vectors, 8 of them production captures', () => {
    expect(vectors).toHaveLength(39);
    expect(vectors.filter((v) => v.kind === 'recorded')).toHaveLength(8);
  });

  describe.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const frame = Buffer.from(vector.hex, 'hex');

    it('reads the header the vector states', () => {
      expect(frame.length).toBe(vector.length);
      expect(readSbeHeader(frame)).toEqual(vector.header);
    });

    it('decodes every field to the JSON-channel value', () => {
      const message = decodeParadexSbe(frame);
      expect(message.kind).toBe(KIND_OF[vector.message]);
      expect(message.version).toBe(vector.header.version);
      expect(dataOf(message)).toEqual(expectedJson(vector.message, vector.expected));
    });
  });

  it('decodes an ArrayBuffer and a Buffer that is a slice of a larger pool the same way', () => {
    const bbo = vectors.find((v) => v.id === 'rec_bbo_1');
    if (!bbo) throw new Error('rec_bbo_1 missing');
    const bytes = Buffer.from(bbo.hex, 'hex');
    const pooled = Buffer.concat([Buffer.from('garbage-before'), bytes, Buffer.from('after')]);
    const slice = pooled.subarray(14, 14 + bytes.length);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const expected = decodeParadexSbe(bytes);
    expect(decodeParadexSbe(slice)).toEqual(expected);
    expect(decodeParadexSbe(arrayBuffer)).toEqual(expected);
  });

  it('names the JSON channel of each message (market from the payload)', () => {
    const channels = Object.fromEntries(vectors.map((v) => [v.id, sbeChannelOf(decodeParadexSbe(Buffer.from(v.hex, 'hex')))]));
    expect(channels).toMatchObject({
      trade_v0_buy: 'trades.BTC-USD-PERP',
      rec_bbo_1: 'bbo.BTC-USD-PERP',
      rec_book_snapshot: 'order_book.BTC-USD-PERP',
      markets_summary_v1: 'markets_summary.ETH-USD-PERP',
      funding_data_v1: 'funding_data.TRUMP-USD-PERP',
      funding_rate_comparison_v1: 'funding_rate_comparison',
      order_v0_open: 'orders.BTC-USD-PERP',
      fill_v0_taker_sell: 'fills.BTC-USD-PERP',
      position_v0_long: 'positions',
      account_v0: 'account',
      heartbeat_v0: undefined,
      subscribed_v0: undefined,
    });
  });

  it('keeps the production snapshot whole: 115 bids descending, 60 asks ascending', () => {
    const snapshot = vectors.find((v) => v.id === 'rec_book_snapshot');
    if (!snapshot) throw new Error('rec_book_snapshot missing');
    const message = decodeParadexSbe(Buffer.from(snapshot.hex, 'hex'));
    if (message.kind !== 'book') throw new Error(`decoded as ${message.kind}`);
    const { bids, asks } = message.data;
    expect(bids).toHaveLength(115);
    expect(asks).toHaveLength(60);
    const prices = (levels: readonly (readonly [string, string])[]): number[] => levels.map(([p]) => Number(p));
    expect(prices(bids)).toEqual([...prices(bids)].sort((a, b) => b - a));
    expect(prices(asks)).toEqual([...prices(asks)].sort((a, b) => a - b));
    expect(Number(bids[0]?.[0])).toBeLessThan(Number(asks[0]?.[0]));
  });
});
