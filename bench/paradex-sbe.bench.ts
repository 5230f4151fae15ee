/**
 * Paradex SBE decode cost per message, next to JSON.parse of the equivalent JSON channel frame
 * (which is only the first step of the JSON path: field validation comes after it).
 * Frames: the production BBO capture, a 1:2 trade with its 28-digit id, a 15-level snapshot
 * (the `snapshot@15` feed) built with the simulator encoder, and the captured 175-level snapshot.
 */
import { readFileSync } from 'node:fs';
import { decodeParadexSbe } from '../src/exchanges/paradex/ws/sbe/index.js';
import { encodeBookEvent } from '../src/simulator/dialects/paradex-sbe/index.js';
import { find, measureSync, report } from './lib.js';
import type { Measurement } from './lib.js';

interface Vector {
  readonly id: string;
  readonly hex: string;
}

const vectors = (
  JSON.parse(readFileSync(new URL('../test/fixtures/vectors/paradex-sbe-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }
).vectors;

function frame(id: string): Buffer {
  const vector = vectors.find((v) => v.id === id);
  if (!vector) throw new Error(`vector ${id} missing`);
  return Buffer.from(vector.hex, 'hex');
}

function bookOf15(): { sbe: Uint8Array; json: string } {
  const bids = Array.from({ length: 15 }, (_, i) => [(83472.2 - i * 0.7).toFixed(1), (0.01198 + i * 0.001).toFixed(5)] as const);
  const asks = Array.from({ length: 15 }, (_, i) => [(83487.2 + i * 0.6).toFixed(1), (0.00015 + i * 0.002).toFixed(5)] as const);
  const sbe = encodeBookEvent({ ts: 1791421535318000n, seq: 7687289234, pkgType: 'SNAPSHOT', bids, asks, market: 'BTC-USD-PERP' }, 1);
  const inserts = [...bids.map(([price, size]) => ({ side: 'BUY', price, size })), ...asks.map(([price, size]) => ({ side: 'SELL', price, size }))];
  const json = JSON.stringify({
    jsonrpc: '2.0',
    method: 'subscription',
    params: {
      channel: 'order_book.BTC-USD-PERP.snapshot@15@50ms',
      data: { seq_no: 7687289234, market: 'BTC-USD-PERP', last_updated_at: 1791421535318, update_type: 's', inserts, updates: [], deletes: [] },
    },
  });
  return { sbe, json };
}

const BBO_JSON = JSON.stringify({
  jsonrpc: '2.0',
  method: 'subscription',
  params: {
    channel: 'bbo.BTC-USD-PERP',
    data: { ask: '83452.9', ask_size: '0.00031', bid: '83422.7', bid_size: '0.00015', last_updated_at: 1791421923325, market: 'BTC-USD-PERP', seq_no: 7687292570 },
  },
});

const TRADE_JSON = JSON.stringify({
  jsonrpc: '2.0',
  method: 'subscription',
  params: {
    channel: 'trades.BTC-USD-PERP',
    data: { id: '1718377985380201703994000001', market: 'BTC-USD-PERP', side: 'BUY', size: '0.026', price: '67643.2', created_at: 1718377985388, trade_type: 'FILL' },
  },
});

/** Keeps results reachable so the optimizer cannot drop the work being measured. */
let sink: unknown;

export async function run(): Promise<void> {
  const bbo = frame('rec_bbo_1');
  const trade = frame('trade_v2_with_trade_id_str');
  const fullBook = frame('rec_book_snapshot');
  const book15 = bookOf15();
  const options = { batch: 2000, samples: 200 };
  const bookOptions = { batch: 200, samples: 200 };

  const measurements: Measurement[] = [
    measureSync('sbe decode bbo', () => (sink = decodeParadexSbe(bbo)), options),
    measureSync('json parse bbo', () => (sink = JSON.parse(BBO_JSON)), options),
    measureSync('sbe decode trade', () => (sink = decodeParadexSbe(trade)), options),
    measureSync('json parse trade', () => (sink = JSON.parse(TRADE_JSON)), options),
    measureSync('sbe decode book snapshot 15x15', () => (sink = decodeParadexSbe(book15.sbe)), bookOptions),
    measureSync('json parse book snapshot 15x15', () => (sink = JSON.parse(book15.json)), bookOptions),
    measureSync('sbe decode book snapshot 115x60 (capture)', () => (sink = decodeParadexSbe(fullBook)), { batch: 20, samples: 200 }),
  ];
  if (sink === undefined) throw new Error('nothing decoded');

  const bboUs = find(measurements, 'sbe decode bbo').medianUs;
  const ratio = (json: string, sbe: string): number => find(measurements, json).medianUs / find(measurements, sbe).medianUs;
  report({
    suite: 'paradex-sbe',
    measurements,
    ratios: {
      'json parse / sbe decode, bbo': ratio('json parse bbo', 'sbe decode bbo'),
      'json parse / sbe decode, trade': ratio('json parse trade', 'sbe decode trade'),
      'json parse / sbe decode, book 15x15': ratio('json parse book snapshot 15x15', 'sbe decode book snapshot 15x15'),
    },
    targets: [{ name: 'sbe bbo decode per message', target: '<= 0.5 µs', met: bboUs <= 0.5, value: `${bboUs.toFixed(3)} µs` }],
    notes: [
      `frame sizes: bbo ${bbo.length} B (JSON ${BBO_JSON.length} B), trade ${trade.length} B (JSON ${TRADE_JSON.length} B), book 15x15 ${book15.sbe.length} B (JSON ${book15.json.length} B)`,
      'SBE decode yields validated decimal strings; JSON.parse is only the first step of the JSON path.',
    ],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
