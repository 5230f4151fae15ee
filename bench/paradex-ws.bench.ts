/**
 * Paradex WebSocket: cost per message from the frame (a Buffer, as `ws` hands it over) to the
 * domain ExchangeEvent, through exactly the code a live frame takes (router -> parser -> sink ->
 * book sync; no socket), side by side with ccxt pro's paradex handlers fed the same messages
 * (JSON text -> JSON.parse -> handleMessage with a fake client).
 *
 * Messages: the recorded fixtures (test/fixtures/paradex: example_ws_bbo, ws_trades, ws_order_book,
 * ws_markets_summary) and the production SBE BBO capture (vector rec_bbo_1). The 15-level snapshot
 * and the 50-level book's deltas are built in the fixture's shape (no recording that deep exists).
 * ccxt notes: ccxt has no bbo handler, so its ticker path (markets_summary) stands in; ccxt keeps
 * no delta book (every order_book message resets its book), so its "deltas" number is the cost of
 * that reset, not of a delta apply.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ccxt from 'ccxt';
import type { ExchangeEvent } from '../src/core/exchange-client.js';
import { BookFeedSync, ParadexRouter, createRouterSink, describeChannel } from '../src/exchanges/paradex/ws/index.js';
import { find, measureSync, report } from './lib.js';
import type { Measurement } from './lib.js';

const fixture = (name: string): { params: { channel: string; data: Record<string, unknown> } } =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/paradex/${name}`, import.meta.url), 'utf8')) as { params: { channel: string; data: Record<string, unknown> } };
const compact = (value: unknown): string => JSON.stringify(value);

const M = 'BTC-USD-PERP';
const BOOK_SNAPSHOT = `order_book.${M}.snapshot@15@50ms`;
const BOOK_DELTAS = `order_book.${M}.deltas`;

/** Keeps results reachable so the optimizer cannot drop the work being measured. */
let sink: unknown;
let events = 0;

function ourPipeline(channels: string[]) {
  const timers = { setTimeout: () => 0, clearTimeout: () => undefined };
  const books = new Map<string, BookFeedSync>();
  const emit = (event: ExchangeEvent): void => {
    sink = event;
    events += 1;
  };
  const router = new ParadexRouter(
    createRouterSink({ emit, deliverPrivate: emit, bookFeed: (c) => books.get(c), settle: () => undefined, onError: (e) => { throw e; } }),
  );
  for (const channel of channels) {
    const info = describeChannel(channel);
    if (!info) throw new Error(channel);
    router.addChannel(info);
    if (info.kind === 'order_book') {
      books.set(
        channel,
        new BookFeedSync({
          market: info.market ?? M,
          feed: info.feed ?? 'deltas',
          depth: () => 50,
          fetchSnapshot: () => Promise.reject(new Error('no resync in the benchmark')),
          emit: (book) => emit({ type: 'book', exchange: 'paradex', book }),
          report: (e) => {
            throw e;
          },
          resubscribe: () => undefined,
          timers,
        }),
      );
    }
  }
  return { router, books };
}

function ccxtPipeline() {
  const exchange = new ccxt.pro.paradex();
  const markets = JSON.parse(readFileSync(new URL('../test/fixtures/paradex/http_get_markets.json', import.meta.url), 'utf8')) as { results: unknown[] };
  exchange.setMarkets(exchange.parseMarkets(markets.results as never));
  const client = { futures: {}, subscriptions: {}, resolve: (result: unknown) => (sink = result), reject: () => undefined };
  return (text: string): void => exchange.handleMessage(client as never, JSON.parse(text));
}

function levels(count: number, start: number, step: number): [string, string][] {
  return Array.from({ length: count }, (_, i) => [(start + i * step).toFixed(1), (0.01 + (i % 13) * 0.037).toFixed(3)]);
}

function bookMessage(channel: string, seq: number, type: 's' | 'd', inserts: object[], updates: object[] = [], deletes: object[] = []): string {
  return compact({ jsonrpc: '2.0', method: 'subscription', params: { channel, data: { seq_no: seq, market: M, last_updated_at: 1718267837265 + seq, update_type: type, inserts, updates, deletes } } });
}

const side = (s: 'BUY' | 'SELL') => ([price, size]: [string, string]) => ({ side: s, price, size });

/** Deltas on a 50-level book: each changes three levels (two sizes, one level removed or put back). */
function deltaMessages(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const seq = i + 2;
    const level = 10 + (i % 30);
    const price = (67000 - level * 0.5).toFixed(1);
    const updates = [
      { side: 'BUY', price: (67000 - (i % 7) * 0.5).toFixed(1), size: ((i % 9) + 1).toFixed(3) },
      { side: 'SELL', price: (67000.5 + (i % 5) * 0.5).toFixed(1), size: ((i % 4) + 1).toFixed(3) },
    ];
    const remove = i % 2 === 0;
    out.push(bookMessage(BOOK_DELTAS, seq, 'd', remove ? [] : [{ side: 'BUY', price, size: '1.000' }], updates, remove ? [{ side: 'BUY', price, size: '0' }] : []));
  }
  return out;
}

const heapMb = (gc: () => void): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

export async function run(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const options = { batch: 2000, samples: 200 };
  const bookOptions = { batch: 200, samples: 200 };

  const bboText = compact(fixture('example_ws_bbo.json'));
  const tradeText = compact({ ...fixture('ws_trades.json'), params: { ...fixture('ws_trades.json').params, channel: `trades.${M}`, data: { ...fixture('ws_trades.json').params.data, market: M } } });
  const summaryText = compact(fixture('ws_markets_summary.json'));
  const recorded = fixture('ws_order_book.json');
  const snapshot15 = bookMessage(BOOK_SNAPSHOT, Number(recorded.params.data.seq_no), 's', [
    ...levels(15, 67629.7, -0.5).map(side('BUY')),
    ...levels(15, 67630.2, 0.5).map(side('SELL')),
  ]);
  const snapshot50 = bookMessage(BOOK_DELTAS, 1, 's', [...levels(50, 67000, -0.5).map(side('BUY')), ...levels(50, 67000.5, 0.5).map(side('SELL'))]);
  const deltas = deltaMessages(20_000);
  const vectors = (JSON.parse(readFileSync(new URL('../test/fixtures/vectors/paradex-sbe-vectors.json', import.meta.url), 'utf8')) as { vectors: { id: string; hex: string }[] }).vectors;
  const sbeBbo = Buffer.from(vectors.find((v) => v.id === 'rec_bbo_1')?.hex ?? '', 'hex');

  const ours = ourPipeline([`bbo.${M}`, `trades.${M}`, BOOK_SNAPSHOT, BOOK_DELTAS, 'markets_summary']);
  const buffers = { bbo: Buffer.from(bboText), trade: Buffer.from(tradeText), summary: Buffer.from(summaryText), snapshot15: Buffer.from(snapshot15) };
  const deltaBuffers = deltas.map((d) => Buffer.from(d));
  const snapshot50Buffer = Buffer.from(snapshot50);
  ours.router.handle(snapshot50Buffer, false);
  let next = 0;
  const nextDelta = (): void => {
    if (next === deltaBuffers.length) {
      // Start the cycle again from the snapshot (1 message in 20 000).
      next = 0;
      ours.router.handle(snapshot50Buffer, false);
    }
    ours.router.handle(deltaBuffers[next++] as Buffer, false);
  };
  const handleCcxt = ccxtPipeline();
  let ccxtNext = 0;

  const before = events;
  const cases: [string, () => unknown, { batch: number; samples: number }][] = [
    ['ours bbo (json)', () => ours.router.handle(buffers.bbo, false), options],
    ['ccxt bbo -> ticker path (markets_summary json)', () => handleCcxt(summaryText), options],
    ['ours markets_summary (json)', () => ours.router.handle(buffers.summary, false), options],
    ['ours trade (json)', () => ours.router.handle(buffers.trade, false), options],
    ['ccxt trade (json)', () => handleCcxt(tradeText), options],
    ['ours book snapshot 15x15 (json)', () => ours.router.handle(buffers.snapshot15, false), bookOptions],
    ['ccxt book snapshot 15x15 (json)', () => handleCcxt(snapshot15), bookOptions],
    ['ours book delta, 50-level book (json)', nextDelta, { batch: 1000, samples: 200 }],
    ['ccxt book "delta" (resets its book)', () => handleCcxt(deltas[ccxtNext++ % deltas.length] as string), { batch: 1000, samples: 200 }],
    ['ours bbo (sbe)', () => ours.router.handle(sbeBbo, true), options],
    // JSON.parse alone of the same texts: the first step of ccxt's path and of our general path.
    ['baseline JSON.parse bbo', () => (sink = JSON.parse(bboText)), options],
    ['baseline JSON.parse trade', () => (sink = JSON.parse(tradeText)), options],
    ['baseline JSON.parse book snapshot 15x15', () => (sink = JSON.parse(snapshot15)), bookOptions],
    ['baseline JSON.parse book delta', () => (sink = JSON.parse(deltas[0] as string)), { batch: 1000, samples: 200 }],
  ];
  // Other processes share this machine (medians of one case move by up to 1.7x between runs):
  // each case runs five times, interleaved, and keeps its fastest median, the figure least
  // disturbed by them. Every case, ccxt's included, is treated the same way.
  const runs = [0, 1, 2, 3, 4].map(() => cases.map(([name, fn, opts]) => measureSync(name, fn, opts)));
  const measurements: Measurement[] = cases.map((_, i) => runs.map((r) => r[i] as Measurement).reduce((a, b) => (b.medianUs < a.medianUs ? b : a)));
  if (sink === undefined || events === before) throw new Error('nothing was produced');
  const stats = ours.books.get(BOOK_DELTAS)?.stats;
  if (stats === undefined || stats.resyncs !== 0 || stats.crossed !== 0) throw new Error(`the delta book went wrong: ${JSON.stringify(stats)}`);

  // Memory of 50 live books of 50 levels a side, kept by the same code.
  const baseline = heapMb(gc);
  const held = Array.from({ length: 50 }, (_, i) => {
    const market = `MKT${i}-USD-PERP`;
    const channel = `order_book.${market}.deltas`;
    const pipe = ourPipeline([channel]);
    const text = bookMessage(channel, 1, 's', [...levels(50, 67000, -0.5).map(side('BUY')), ...levels(50, 67000.5, 0.5).map(side('SELL'))]).replaceAll(`"market":"${M}"`, `"market":"${market}"`);
    pipe.router.handle(Buffer.from(text), false);
    return pipe;
  });
  const booksMb = heapMb(gc) - baseline;
  if (held.some((p) => [...p.books.values()][0]?.book.depth.bids !== 50)) throw new Error('books not held');

  const us = (name: string): number => find(measurements, name).medianUs;
  const ratio = (a: string, b: string): number => us(a) / us(b);
  report({
    suite: 'paradex-ws',
    measurements,
    ratios: {
      'ccxt ticker path / ours bbo': ratio('ccxt bbo -> ticker path (markets_summary json)', 'ours bbo (json)'),
      'ccxt ticker path / ours markets_summary': ratio('ccxt bbo -> ticker path (markets_summary json)', 'ours markets_summary (json)'),
      'ccxt / ours trade': ratio('ccxt trade (json)', 'ours trade (json)'),
      'ccxt / ours book snapshot 15x15': ratio('ccxt book snapshot 15x15 (json)', 'ours book snapshot 15x15 (json)'),
      'ccxt reset / ours delta, 50-level book': ratio('ccxt book "delta" (resets its book)', 'ours book delta, 50-level book (json)'),
    },
    targets: [
      { name: 'bbo per message', target: '<= 1.5 µs', met: us('ours bbo (json)') <= 1.5, value: `${us('ours bbo (json)').toFixed(3)} µs` },
      { name: 'trade per message', target: '<= 1.5 µs', met: us('ours trade (json)') <= 1.5, value: `${us('ours trade (json)').toFixed(3)} µs` },
      { name: 'bbo >= 5x ccxt (ticker path)', target: '>= 5x', met: ratio('ccxt bbo -> ticker path (markets_summary json)', 'ours bbo (json)') >= 5, value: `${ratio('ccxt bbo -> ticker path (markets_summary json)', 'ours bbo (json)').toFixed(1)}x` },
      { name: 'trade >= 5x ccxt', target: '>= 5x', met: ratio('ccxt trade (json)', 'ours trade (json)') >= 5, value: `${ratio('ccxt trade (json)', 'ours trade (json)').toFixed(1)}x` },
      { name: 'book snapshot 15x15', target: '<= 12 µs', met: us('ours book snapshot 15x15 (json)') <= 12, value: `${us('ours book snapshot 15x15 (json)').toFixed(2)} µs` },
      { name: 'book delta, 50-level book', target: '<= 2.5 µs', met: us('ours book delta, 50-level book (json)') <= 2.5, value: `${us('ours book delta, 50-level book (json)').toFixed(3)} µs` },
      { name: 'sbe bbo', target: '<= 0.5 µs', met: us('ours bbo (sbe)') <= 0.5, value: `${us('ours bbo (sbe)').toFixed(3)} µs` },
    ],
    notes: [
      `Whole path vs a bare JSON.parse of the same text (same run): bbo ${ratio('ours bbo (json)', 'baseline JSON.parse bbo').toFixed(2)}x, trade ${ratio('ours trade (json)', 'baseline JSON.parse trade').toFixed(2)}x, snapshot 15x15 ${ratio('ours book snapshot 15x15 (json)', 'baseline JSON.parse book snapshot 15x15').toFixed(2)}x, delta ${ratio('ours book delta, 50-level book (json)', 'baseline JSON.parse book delta').toFixed(2)}x.`,
      'Ours: Buffer -> one-pass JSON check and token index (transport/json-tape) -> fields read from the bytes -> ExchangeEvent (books: + local book update with the keys computed while reading + top-50 copy); frames the fast path declines take JSON.parse + field checks. ccxt: string -> JSON.parse -> handleMessage(fake client).',
      'ccxt 4.5.84 has no bbo handler: its markets_summary ticker path is compared with our bbo (and with our markets_summary).',
      'ccxt keeps no delta book for Paradex: each order_book message resets its book, so its delta figure is a reset of 2-3 levels.',
      'Delta messages change three levels each (two sizes and one level removed or re-inserted) on a 50+50-level book; the event carries the top 50 a side.',
      `Memory: 50 live books of 50 levels a side (local book, sync state, router) hold ${booksMb.toFixed(2)} MB of heap (${((booksMb * 1024) / 50).toFixed(1)} KB per book).`,
    ],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
