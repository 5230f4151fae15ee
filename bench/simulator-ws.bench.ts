/**
 * Paradex simulator WebSocket fan-out: the cost of publishing one channel frame to many
 * subscribers. The dialect serialises a frame once per topic (JSON once, SBE once per negotiated
 * version) and writes the same bytes to every subscriber; the naive alternative serialises per
 * subscriber. Sinks here only keep the bytes, so the numbers are the dialect's own work, not the
 * socket writes.
 */
import { FaultInjector } from '../src/simulator/faults.js';
import { parseChannel } from '../src/simulator/dialects/paradex/ws/channels.js';
import { FanOut } from '../src/simulator/dialects/paradex/ws/fanout.js';
import type { FrameSink } from '../src/simulator/dialects/paradex/ws/fanout.js';
import { deltaFrame } from '../src/simulator/dialects/paradex/ws/book-frames.js';
import { bboPayload } from '../src/simulator/dialects/paradex/ws/public-frames.js';
import { OutgoingFrame } from '../src/simulator/dialects/paradex/ws/fanout.js';
import { notificationFrame } from '../src/simulator/dialects/paradex/ws/rpc.js';
import { SubscriptionRegistry } from '../src/simulator/dialects/paradex/ws/registry.js';
import type { Topic } from '../src/simulator/dialects/paradex/ws/registry.js';
import type { SbeVersion } from '../src/simulator/dialects/paradex-sbe/index.js';
import type { EngineBbo, LevelChange } from '../src/simulator/engine/index.js';
import { find, measureSync, report } from './lib.js';

const SUBSCRIBERS = 100;

class Sink implements FrameSink {
  last: Buffer | Uint8Array | undefined;
  constructor(readonly sbeVersion: SbeVersion | undefined) {}
  write(data: Buffer | Uint8Array): void {
    this.last = data;
  }
}

function topicWith(channel: string, sinks: readonly Sink[]): Topic<Sink> {
  const parsed = parseChannel(channel, new Set(['BTC-USD-PERP']));
  if (!parsed.ok) throw new Error(parsed.reason);
  const registry = new SubscriptionRegistry<Sink>();
  let topic: Topic<Sink> | undefined;
  for (const sink of sinks) {
    const added = registry.add(sink, parsed.spec);
    if (added.ok) topic = added.topic;
  }
  return topic!;
}

let seq = 1;
function nextBbo(): EngineBbo {
  seq++;
  return { market: 'BTC-USD-PERP', bid: '67296.9', bidSize: String(seq % 7), ask: '67297.9', askSize: '0.05', bookSeq: seq, timestamp: 1_795_326_100_000 + seq };
}
const changes: LevelChange[] = [
  { side: 'BID', action: 'UPDATE', price: '67296.9', size: '0.15' },
  { side: 'ASK', action: 'INSERT', price: '67297.4', size: '0.02' },
  { side: 'ASK', action: 'DELETE', price: '67299.1', size: '0' },
];

export async function run(): Promise<void> {
  const fanout = new FanOut(new FaultInjector(() => 0));
  const jsonSinks = Array.from({ length: SUBSCRIBERS }, () => new Sink(undefined));
  const mixedSinks = Array.from({ length: SUBSCRIBERS }, (_, i) => new Sink(i % 2 === 0 ? undefined : ((i % 3) as SbeVersion)));
  const bboJson = topicWith('bbo.BTC-USD-PERP', jsonSinks);
  const bboMixed = topicWith('bbo.BTC-USD-PERP', mixedSinks);
  const book = topicWith('order_book.BTC-USD-PERP.deltas', mixedSinks);

  const measurements = [
    measureSync(`bbo frame to ${SUBSCRIBERS} JSON subscribers (serialised once)`, () => {
      const payload = bboPayload(nextBbo());
      fanout.publish(bboJson, () => new OutgoingFrame(bboJson.prefix, payload));
    }, { batch: 50, samples: 200 }),
    measureSync(`bbo frame to ${SUBSCRIBERS} JSON subscribers (naive: serialised per subscriber)`, () => {
      const bbo = nextBbo();
      const data = { market: bbo.market, bid: bbo.bid, bid_size: bbo.bidSize, ask: bbo.ask, ask_size: bbo.askSize, last_updated_at: bbo.timestamp, seq_no: bbo.bookSeq };
      for (const sink of jsonSinks) sink.write(Buffer.from(notificationFrame(bboJson.prefix, data)));
    }, { batch: 50, samples: 200 }),
    measureSync(`bbo frame to ${SUBSCRIBERS} mixed subscribers (JSON + SBE 1:0/1:1/1:2)`, () => {
      const payload = bboPayload(nextBbo());
      fanout.publish(bboMixed, () => new OutgoingFrame(bboMixed.prefix, payload));
    }, { batch: 50, samples: 200 }),
    measureSync(`book delta to ${SUBSCRIBERS} mixed subscribers`, () => {
      seq++;
      fanout.publish(book, (offset) => deltaFrame(book.prefix, 'BTC-USD-PERP', seq + offset, 1_795_326_100_000, changes));
    }, { batch: 50, samples: 200 }),
  ];
  const once = find(measurements, `bbo frame to ${SUBSCRIBERS} JSON subscribers (serialised once)`);
  const naive = find(measurements, `bbo frame to ${SUBSCRIBERS} JSON subscribers (naive: serialised per subscriber)`);
  report({
    suite: 'simulator-ws',
    measurements,
    ratios: { 'naive / once (bbo, 100 JSON subscribers)': naive.medianUs / once.medianUs },
    targets: [],
    notes: ['sinks keep the bytes only: socket writes are not included'],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
