/**
 * A long accelerated run over a real socket (pain 10: memory that grows in long runs): many
 * thousands of book deltas, BBOs, trades and fills with a reconnect in the middle. Asserted on
 * counts (every message became exactly one event, no fill twice) and on retained memory after a
 * forced GC, never on time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secret.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import { bboFrame, bookFrame, notification, tradeFrame } from '../../support/ws-paradex-frames.js';
import { startParadexVenue } from '../../support/ws-paradex-venue.js';
import type { ParadexVenue } from '../../support/ws-paradex-venue.js';
import { eventually } from '../../support/ws-server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const M = 'BTC-USD-PERP';
const BOOK = `order_book.${M}.deltas`;
const ROUNDS = 4;
const PER_ROUND = 10_000;

let venue: ParadexVenue;
let client: ParadexClient;

beforeAll(async () => {
  venue = await startParadexVenue();
  client = new ParadexClient({
    apiBaseUrl: venue.rest.url,
    wsUrl: venue.ws.url,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    rateLimitPerSec: 1000,
    stream: { backoff: { initialMs: 20, maxMs: 100 }, fillIdMemory: 2_000 },
  });
  await client.connect();
});

afterAll(async () => {
  await client.close();
  await venue.close();
});

const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('Paradex stream soak', () => {
  it('processes every message once and keeps memory flat across rounds and a reconnect', async () => {
    const counts = { bbo: 0, trade: 0, book: 0, fill: 0 };
    const fillIds = new Set<string>();
    let duplicateFill = false;
    client.onEvent((e) => {
      if (e.type === 'bbo' || e.type === 'trade' || e.type === 'book') counts[e.type] += 1;
      if (e.type === 'fill') {
        counts.fill += 1;
        if (fillIds.has(e.fill.id)) duplicateFill = true;
        fillIds.add(e.fill.id);
      }
    });
    await client.subscribe({ channel: 'bbo', market: M });
    await client.subscribe({ channel: 'trades', market: M });
    await client.subscribe({ channel: 'book', market: M, depth: 10 });
    await client.subscribe({ channel: 'fills' });

    let seq = 1;
    let fillNo = 0;
    const heap: number[] = [];
    const expected = { bbo: 0, trade: 0, book: 0, fill: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // Each connection starts its book with a snapshot of 50 levels a side.
      const bids = Array.from({ length: 50 }, (_, i) => [(60_000 - i).toString(), '1'] as [string, string]);
      const asks = Array.from({ length: 50 }, (_, i) => [(60_001 + i).toString(), '1'] as [string, string]);
      venue.ws.publish(BOOK, (enc) => bookFrame(BOOK, { market: M, seq: seq++, ts: seq, type: 's', bids, asks }, enc));
      expected.book += 1;
      for (let i = 0; i < PER_ROUND; i++) {
        const level = String(59_990 - (i % 40));
        venue.ws.publish(BOOK, (enc) => bookFrame(BOOK, { market: M, seq: seq++, ts: seq, type: 'd', bids: [[level, String((i % 7) + 1)]], asks: [] }, enc));
        venue.ws.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: i, ts: i, bid: '60000', bidSize: '1', ask: '60001', askSize: String((i % 9) + 1) }, enc));
        if (i % 2 === 0) venue.ws.publish(`trades.${M}`, (enc) => tradeFrame(`trades.${M}`, { market: M, id: String(10 ** 20 + round * PER_ROUND + i), side: 'BUY', price: '60001', size: '0.1', ts: i }, enc));
        if (i % 10 === 0) {
          const id = `fill-${fillNo++}`;
          const fill = { id, order_id: 'o', market: M, side: 'BUY', price: '60001', size: '0.1', fee: '0', fee_currency: 'USDC', liquidity: 'TAKER', created_at: Date.now() };
          venue.ws.publish('fills.ALL', () => notification('fills.ALL', fill));
          if (i % 50 === 0) venue.ws.publish('fills.ALL', () => notification('fills.ALL', fill)); // the venue repeats some
        }
      }
      expected.bbo += PER_ROUND;
      expected.book += PER_ROUND;
      expected.trade += PER_ROUND / 2;
      expected.fill += PER_ROUND / 10;
      await eventually(() => counts.bbo === expected.bbo && counts.book === expected.book && counts.trade === expected.trade && counts.fill === expected.fill, `round ${round} delivered`, 60_000);
      heap.push(heapMb());
      if (round === 1) {
        venue.ws.dropAll();
        await eventually(() => client.streamStats()?.state === 'ready' && (client.streamStats()?.connections ?? 0) === 2, 'reconnected', 10_000);
      }
    }
    expect(counts).toEqual(expected);
    expect(duplicateFill).toBe(false);
    const stats = client.streamStats();
    expect(stats?.books[M]).toMatchObject({ resyncs: 0 });
    expect(stats?.private.duplicateFills).toBe(ROUNDS * (PER_ROUND / 50));
    expect(client.localBook(M, 1000)?.bids.length).toBeLessThanOrEqual(50);
    // Retained heap after round 1 vs the last round: the stream keeps no per-message state.
    const growth = (heap.at(-1) as number) - (heap[1] as number);
    expect(growth, `heap by round (MB): ${heap.map((h) => h.toFixed(1)).join(', ')}`).toBeLessThan(8);
  });
});
