/** The documented U/u/pu procedure of LocalOrderBook, including gaps, repeats and crossed books. */
import { describe, expect, it } from 'vitest';
import { LocalOrderBook } from '../../../../src/exchanges/aster/ws/local-book.js';
import type { DepthDiff } from '../../../../src/exchanges/aster/ws/parse-market.js';
import { parseDepthEvent } from '../../../../src/exchanges/aster/ws/parse-market.js';
import { fixture, fixtureCase } from '../support.js';

const diff = (U: number, u: number, pu: number | undefined, bids: [string, string][] = [], asks: [string, string][] = []): DepthDiff => ({
  symbol: 'BTCUSDT', U, u, pu, bids, asks, eventTime: u,
});

function synced(): LocalOrderBook {
  const book = new LocalOrderBook('BTCUSDT');
  book.applySnapshot(100, [['100.0', '1'], ['99.0', '2']], [['101.0', '1'], ['102.0', '2']]);
  expect(book.applyDiff(diff(99, 101, 98, [['100.0', '3']]))).toBe('applied');
  return book;
}

describe('LocalOrderBook', () => {
  it('buffers diffs until the snapshot, drops those older than it, and applies the one straddling lastUpdateId', () => {
    const book = new LocalOrderBook('BTCUSDT');
    expect(book.applyDiff(diff(90, 95, 89, [['100.0', '9']]))).toBe('buffered');
    expect(book.applyDiff(diff(96, 103, 95, [['100.5', '1']]))).toBe('buffered');
    expect(book.applyDiff(diff(104, 106, 103, [], [['101.0', '0']]))).toBe('buffered');
    expect(book.applySnapshot(100, [['100.0', '1']], [['101.0', '1'], ['102.0', '2']])).toBe('synced');
    expect(book.synced).toBe(true);
    expect(book.lastUpdateId).toBe(106);
    expect(book.top(5)).toEqual({ market: 'BTCUSDT', bids: [['100.5', '1'], ['100.0', '1']], asks: [['102.0', '2']], seq: 106, timestamp: 106 });
  });

  it('waits when the snapshot is newer than every buffered diff, then requires U <= lastUpdateId <= u', () => {
    const book = new LocalOrderBook('BTCUSDT');
    book.applyDiff(diff(90, 95, 89));
    expect(book.applySnapshot(100, [['100.0', '1']], [['101.0', '1']])).toBe('waiting');
    expect(book.synced).toBe(false);
    expect(book.applyDiff(diff(96, 99, 95))).toBe('stale');
    expect(book.applyDiff(diff(100, 104, 99, [['99.5', '2']]))).toBe('applied');
    expect(book.synced).toBe(true);
  });

  it('reports a gap when the first diff after the snapshot starts beyond it', () => {
    const book = new LocalOrderBook('BTCUSDT');
    book.applyDiff(diff(105, 110, 104));
    expect(book.applySnapshot(100, [], [])).toBe('gap');
  });

  it('requires pu to equal the previous u afterwards; a repeat is stale, a jump is a gap', () => {
    const book = synced();
    expect(book.applyDiff(diff(102, 104, 101, [['98.0', '1']]))).toBe('applied');
    expect(book.applyDiff(diff(102, 104, 101, [['98.0', '7']]))).toBe('stale');
    expect(book.top(5).bids).toContainEqual(['98.0', '1']);
    expect(book.applyDiff(diff(110, 112, 108))).toBe('gap');
    // Without pu (spot-style streams) continuity is U <= previous u + 1.
    const noPu = synced();
    expect(noPu.applyDiff(diff(102, 103, undefined))).toBe('applied');
    expect(noPu.applyDiff(diff(105, 106, undefined))).toBe('gap');
  });

  it('treats quantities as absolute: zero in any spelling removes a level, unknown removals are normal', () => {
    const book = synced();
    expect(book.applyDiff(diff(102, 102, 101, [['99.0', '0.000'], ['97.0', '0']], [['101.00', '5']]))).toBe('applied');
    const top = book.top(10);
    expect(top.bids).toEqual([['100.0', '3']]);
    // "101.00" and "101.0" are the same level: one entry, the latest spelling and size.
    expect(top.asks).toEqual([['101.00', '5'], ['102.0', '2']]);
    expect(book.levels).toEqual({ bids: 1, asks: 2 });
  });

  it('reports a crossed book, and starts over after reset()', () => {
    const book = synced();
    expect(book.applyDiff(diff(102, 102, 101, [['101.5', '1']]))).toBe('crossed');
    book.reset();
    expect(book.synced).toBe(false);
    expect(book.top(5)).toMatchObject({ bids: [], asks: [] });
    expect(book.applyDiff(diff(200, 201, 199))).toBe('buffered');
    expect(book.bufferedCount).toBe(1);
  });

  it('applies the recorded and documented depthUpdate payloads', () => {
    const recorded = parseDepthEvent(fixture('ws_depthUpdate.json'));
    expect(recorded).toMatchObject({ symbol: 'BTCUSDT', U: 156391349814, u: 156391349814, pu: 156391348236, bids: [['114988.3', '0.147']] });
    const book = new LocalOrderBook('BTCUSDT');
    book.applySnapshot(156391349814, [['114988.0', '1']], [['114990.0', '1']]);
    expect(book.applyDiff(recorded)).toBe('applied');
    expect(book.top(1).bids).toEqual([['114988.3', '0.147']]);
    const documented = parseDepthEvent(fixtureCase('example_ws_depthUpdate.json', 'Diff. Book Depth Streams'));
    expect(documented).toMatchObject({ U: 157, u: 160, pu: 149 });
  });
});
