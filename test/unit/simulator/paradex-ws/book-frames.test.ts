import { describe, expect, it } from 'vitest';
import { decodeParadexSbe } from '../../../../src/exchanges/paradex/ws/sbe/decoder.js';
import { deltaFrame, groupLevels, snapshotFrame, viewOf } from '../../../../src/simulator/dialects/paradex/ws/book-frames.js';
import { notificationPrefix } from '../../../../src/simulator/dialects/paradex/ws/rpc.js';
import fixture from '../../../fixtures/paradex/ws_order_book.json' with { type: 'json' };

const prefix = notificationPrefix('order_book.BTC-USD-PERP.deltas');
const snapshot = {
  market: 'BTC-USD-PERP',
  seq: 41,
  timestamp: 1_718_267_837_265,
  bids: [
    { price: '100.3', size: '1' },
    { price: '100.25', size: '2' },
    { price: '100.1', size: '3' },
    { price: '99.9', size: '4' },
  ],
  asks: [
    { price: '100.4', size: '1.5' },
    { price: '100.45', size: '2' },
    { price: '100.6', size: '1' },
  ],
};

const jsonOf = (frame: { text(): Buffer }) => JSON.parse(frame.text().toString('utf8')) as { params: { channel: string; data: Record<string, unknown> } };

describe('order book frames', () => {
  it('groups levels by tick without improving any price', () => {
    expect(groupLevels(snapshot.bids, '0.5', 'BID')).toEqual([
      { price: '100', size: '6' },
      { price: '99.5', size: '4' },
    ]);
    expect(groupLevels(snapshot.asks, '0.5', 'ASK')).toEqual([
      { price: '100.5', size: '3.5' },
      { price: '101', size: '1' },
    ]);
  });

  it('cuts a view to the channel depth', () => {
    const view = viewOf(snapshot, 2, undefined);
    expect(view.bids.map((l) => l.price)).toEqual(['100.3', '100.25']);
    expect(view.asks.map((l) => l.price)).toEqual(['100.4', '100.45']);
  });

  it('writes a snapshot with the recorded field set, bids then asks best first', () => {
    const frame = jsonOf(snapshotFrame(prefix, viewOf(snapshot, 15, undefined), 0, false));
    expect(Object.keys(frame.params.data).sort()).toEqual(Object.keys(fixture.params.data).sort());
    expect(frame.params.data).toMatchObject({ seq_no: 41, market: 'BTC-USD-PERP', update_type: 's', updates: [], deletes: [] });
    expect((frame.params.data.inserts as { side: string; price: string }[]).map((l) => `${l.side}@${l.price}`)).toEqual([
      'BUY@100.3',
      'BUY@100.25',
      'BUY@100.1',
      'BUY@99.9',
      'SELL@100.4',
      'SELL@100.45',
      'SELL@100.6',
    ]);
  });

  it('adds the best-price fields on interactive feeds only', () => {
    const data = jsonOf(snapshotFrame(prefix, viewOf(snapshot, 15, undefined), 0, true)).params.data;
    expect(data.best_bid_api).toEqual({ side: 'BUY', price: '100.3', size: '1' });
    expect(data.best_ask_interactive).toEqual({ side: 'SELL', price: '100.4', size: '1.5' });
    expect(data.relative_spread).toBe('0.00099651');
  });

  it('adds the gap offset to seq_no in both encodings', () => {
    const frame = snapshotFrame(prefix, viewOf(snapshot, 15, undefined), 2, false);
    expect(jsonOf(frame).params.data.seq_no).toBe(43);
    const decoded = decodeParadexSbe(frame.payload.binary(1)!);
    expect(decoded.kind === 'book' && decoded.data.seq_no).toBe(43);
  });

  it('splits a delta into inserts, updates and deletes (size 0)', () => {
    const frame = deltaFrame(prefix, 'BTC-USD-PERP', 42, 5, [
      { side: 'BID', action: 'INSERT', price: '100.35', size: '1' },
      { side: 'ASK', action: 'UPDATE', price: '100.4', size: '0.5' },
      { side: 'BID', action: 'DELETE', price: '99.9', size: '0' },
    ]);
    expect(jsonOf(frame).params.data).toEqual({
      seq_no: 42,
      market: 'BTC-USD-PERP',
      last_updated_at: 5,
      update_type: 'd',
      inserts: [{ side: 'BUY', price: '100.35', size: '1' }],
      updates: [{ side: 'SELL', price: '100.4', size: '0.5' }],
      deletes: [{ side: 'BUY', price: '99.9', size: '0' }],
    });
    const decoded = decodeParadexSbe(frame.payload.binary(1)!);
    expect(decoded.kind).toBe('book');
    if (decoded.kind !== 'book') return;
    expect(decoded.data.update_type).toBe('d');
    expect(decoded.data.seq_no).toBe(42);
    expect(decoded.data.bids.map((l) => [...l])).toEqual([
      ['100.35', '1'],
      ['99.9', '0'],
    ]);
    expect(decoded.data.asks.map((l) => [...l])).toEqual([['100.4', '0.5']]);
  });
});
