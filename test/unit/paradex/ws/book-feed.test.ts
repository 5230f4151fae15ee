/**
 * Local book and its sequencing: level changes, duplicates, reorder window, gaps and crossed books
 * resynced from the REST book, fallbacks when REST cannot be aligned, resync counts.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { DecodeError } from '../../../../src/core/errors.js';
import type { BookLevel, OrderBook } from '../../../../src/core/types.js';
import type { BookUpdate } from '../../../../src/exchanges/paradex/parse-ws-public.js';
import { BookFeedSync, LocalOrderBook } from '../../../../src/exchanges/paradex/ws/index.js';
import { ManualTimers } from '../../transport/manual-timers.js';

const M = 'BTC-USD-PERP';
const snap = (seq: number, bids: BookLevel[], asks: BookLevel[]): BookUpdate => ({ market: M, seq, timestamp: seq, snapshot: true, bids, asks });
const delta = (seq: number, bids: BookLevel[] = [], asks: BookLevel[] = []): BookUpdate => ({ market: M, seq, timestamp: seq, snapshot: false, bids, asks });

function harness(rest: () => Promise<OrderBook> | OrderBook, feed: 'deltas' | 'snapshot' = 'deltas') {
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const books: OrderBook[] = [];
  const errors: unknown[] = [];
  const resyncs: string[] = [];
  let resubscribes = 0;
  let fetches = 0;
  const sync = new BookFeedSync({
    market: M,
    feed,
    depth: () => 10,
    fetchSnapshot: async () => {
      fetches += 1;
      return rest();
    },
    emit: (b) => books.push(b),
    report: (e) => errors.push(e),
    resubscribe: () => (resubscribes += 1),
    onResync: (_m, reason) => resyncs.push(reason),
    timers,
  });
  return { sync, books, errors, resyncs, timers, get resubscribes() { return resubscribes; }, get fetches() { return fetches; } };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LocalOrderBook', () => {
  it('keeps both sides sorted best first and applies inserts, updates and removals', () => {
    const book = new LocalOrderBook(M);
    book.replace([['100', '1'], ['99.5', '2']], [['101', '1'], ['102', '3']], 1, 10);
    book.apply([['100.5', '4'], ['99.5', '0'], ['100', '7']], [['101', '0'], ['101.5', '2']], 2, 11);
    expect(book.snapshot(10)).toEqual({ market: M, bids: [['100.5', '4'], ['100', '7']], asks: [['101.5', '2'], ['102', '3']], seq: 2, timestamp: 11 });
    expect(book.snapshot(1).bids).toEqual([['100.5', '4']]);
    expect(book.isCrossed()).toBe(false);
    book.apply([['102', '1']], [], 3, 12);
    expect(book.isCrossed()).toBe(true);
  });

  it('treats "100" and "100.0" as one level and removing an absent level as a no-op', () => {
    const book = new LocalOrderBook(M);
    book.replace([['100', '1']], [], 1, 1);
    book.apply([['100.0', '5'], ['98', '0']], [], 2, 2);
    expect(book.snapshot(5).bids).toEqual([['100.0', '5']]);
  });

  it('refuses two prices the sort key cannot tell apart', () => {
    const book = new LocalOrderBook(M);
    book.replace([['1.00000000000000001', '1']], [], 1, 1);
    expect(() => book.apply([['1.00000000000000002', '1']], [], 2, 2)).toThrow(DecodeError);
  });
});

describe('BookFeedSync (deltas)', () => {
  it('starts from the stream snapshot, applies contiguous deltas and drops duplicates', async () => {
    const h = harness(() => Promise.reject(new Error('no REST expected')));
    h.sync.handle(delta(5)); // before the snapshot: held, not emitted
    h.sync.handle(snap(10, [['100', '1']], [['101', '1']]));
    h.sync.handle(delta(11, [['100', '2']]));
    h.sync.handle(delta(11, [['100', '9']])); // duplicate
    h.sync.handle(delta(12, [], [['101', '0'], ['101.5', '1']]));
    expect(h.books.map((b) => [b.seq, b.bids[0], b.asks[0]])).toEqual([
      [10, ['100', '1'], ['101', '1']],
      [11, ['100', '2'], ['101', '1']],
      [12, ['100', '2'], ['101.5', '1']],
    ]);
    expect(h.sync.stats).toMatchObject({ duplicates: 1, resyncs: 0, emitted: 3 });
    expect(h.fetches).toBe(0);
  });

  it('applies deltas that arrive out of order within the reorder window without a resync', () => {
    const h = harness(() => Promise.reject(new Error('no REST expected')));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    h.sync.handle(delta(3, [['100', '3']]));
    h.sync.handle(delta(4, [['100', '4']]));
    expect(h.books).toHaveLength(1);
    h.sync.handle(delta(2, [['100', '2']]));
    expect(h.books.at(-1)).toMatchObject({ seq: 4, bids: [['100', '4']] });
    expect(h.sync.stats).toMatchObject({ resyncs: 0, reordered: 3 });
  });

  it('a gap beyond the window resyncs from REST and applies the held deltas after the REST book', async () => {
    const rest: OrderBook = { market: M, bids: [['99', '5']], asks: [['101', '5']], seq: 6, timestamp: 6 };
    const h = harness(() => rest);
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    for (const seq of [3, 4, 5, 6, 7]) h.sync.handle(delta(seq, [[`99.${seq}`, '1']]));
    expect(h.resyncs).toEqual(['sequence gap after 1 (next held 3)']);
    expect(h.sync.state).toBe('resyncing');
    h.sync.handle(delta(8, [['99.8', '1']])); // buffered during the fetch
    await flush();
    expect(h.sync.state).toBe('live');
    const last = h.books.at(-1) as OrderBook;
    expect(last.seq).toBe(8);
    // REST book at 6, then 7 and 8 from the held deltas; 3..6 were covered by REST.
    expect(last.bids).toEqual([['99.8', '1'], ['99.7', '1'], ['99', '5']]);
    expect(h.sync.stats).toMatchObject({ resyncs: 1, gaps: 1 });
  });

  it('a crossed book resyncs', async () => {
    const h = harness(() => ({ market: M, bids: [['100', '1']], asks: [['101', '1']], seq: 3, timestamp: 3 }));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    h.sync.handle(delta(2, [['101.5', '1']]));
    expect(h.resyncs).toEqual(['crossed book']);
    expect(h.books).toHaveLength(1); // the crossed book is never emitted
    await flush();
    expect(h.books.at(-1)).toMatchObject({ seq: 3, bids: [['100', '1']] });
    expect(h.sync.stats.crossed).toBe(1);
  });

  it('a REST book behind the stream is fetched again, then the channel is resubscribed', async () => {
    const h = harness(() => ({ market: M, bids: [['100', '1']], asks: [['101', '1']], seq: 2, timestamp: 2 }));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    for (const seq of [5, 6, 7, 8]) h.sync.handle(delta(seq));
    await flush();
    expect(h.fetches).toBe(1);
    h.timers.advance(500);
    await flush();
    h.timers.advance(500);
    await flush();
    expect(h.fetches).toBe(3);
    expect(h.resubscribes).toBe(1);
    expect(h.sync.state).toBe('awaiting_snapshot');
    // The venue's fresh snapshot restores the book.
    h.sync.handle(snap(20, [['100', '1']], [['101', '1']]));
    expect(h.sync.state).toBe('live');
    expect(h.books.at(-1)?.seq).toBe(20);
  });

  it('a REST book without seq_no cannot be aligned: the channel is resubscribed', async () => {
    const h = harness(() => ({ market: M, bids: [], asks: [], timestamp: 0 }));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    for (const seq of [3, 4, 5, 6]) h.sync.handle(delta(seq));
    await flush();
    expect(h.resubscribes).toBe(1);
    expect(h.sync.stats).toMatchObject({ resyncs: 1, resubscribes: 1 });
  });

  it('a failed REST fetch is reported and retried', async () => {
    let fail = true;
    const h = harness(() => {
      if (fail) throw new Error('HTTP 503');
      return { market: M, bids: [['100', '1']], asks: [['101', '1']], seq: 9, timestamp: 9 };
    });
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    for (const seq of [3, 4, 5, 6]) h.sync.handle(delta(seq));
    await flush();
    expect(h.errors).toHaveLength(1);
    fail = false;
    h.timers.advance(500);
    await flush();
    expect(h.sync.state).toBe('live');
    expect(h.books.at(-1)?.seq).toBe(9);
  });

  it('a venue snapshot during a resync wins over the pending REST fetch', async () => {
    let release: (b: OrderBook) => void = () => undefined;
    const h = harness(() => new Promise<OrderBook>((resolve) => (release = resolve)));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    for (const seq of [3, 4, 5, 6]) h.sync.handle(delta(seq));
    h.sync.handle(snap(50, [['90', '1']], [['91', '1']]));
    release({ market: M, bids: [['1', '1']], asks: [['2', '1']], seq: 7, timestamp: 7 });
    await flush();
    expect(h.books.at(-1)).toMatchObject({ seq: 50, bids: [['90', '1']] });
  });

  it('reset() waits for the next snapshot and emits nothing before it', () => {
    const h = harness(() => Promise.reject(new Error('no REST expected')));
    h.sync.handle(snap(1, [['100', '1']], [['101', '1']]));
    h.sync.reset();
    h.sync.handle(delta(2, [['100', '5']]));
    expect(h.books).toHaveLength(1);
    h.sync.handle(snap(7, [['100', '7']], [['101', '1']]));
    expect(h.books.at(-1)).toMatchObject({ seq: 7 });
  });
});

describe('BookFeedSync (snapshot feed)', () => {
  it('replaces the book on every message and skips a crossed snapshot without resyncing', () => {
    const h = harness(() => Promise.reject(new Error('no REST expected')), 'snapshot');
    h.sync.handle(snap(5, [['100', '1']], [['101', '1']]));
    h.sync.handle(snap(4, [['102', '1']], [['101', '1']]));
    h.sync.handle(snap(9, [['99', '1']], [['100', '2']]));
    expect(h.books.map((b) => b.seq)).toEqual([5, 9]);
    expect(h.sync.stats).toMatchObject({ crossed: 1, resyncs: 0 });
  });
});
