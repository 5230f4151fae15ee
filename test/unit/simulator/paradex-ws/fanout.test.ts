import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../../src/simulator/faults.js';
import type { SbeVersion } from '../../../../src/simulator/dialects/paradex-sbe/index.js';
import { parseChannel } from '../../../../src/simulator/dialects/paradex/ws/channels.js';
import { FanOut, OutgoingFrame, Payload } from '../../../../src/simulator/dialects/paradex/ws/fanout.js';
import type { FrameSink } from '../../../../src/simulator/dialects/paradex/ws/fanout.js';
import { SubscriptionRegistry } from '../../../../src/simulator/dialects/paradex/ws/registry.js';
import type { Topic } from '../../../../src/simulator/dialects/paradex/ws/registry.js';

class Sink implements FrameSink {
  readonly frames: { data: Buffer | Uint8Array; binary: boolean }[] = [];
  constructor(readonly sbeVersion: SbeVersion | undefined = undefined) {}
  write(data: Buffer | Uint8Array, binary: boolean): void {
    this.frames.push({ data, binary });
  }
  texts(): Record<string, unknown>[] {
    return this.frames.filter((f) => !f.binary).map((f) => JSON.parse(Buffer.from(f.data).toString('utf8')) as Record<string, unknown>);
  }
  values(): unknown[] {
    return this.texts().map((m) => (m.params as { data: { n: number } }).data.n);
  }
}

function setup(channel: string, sinks: Sink[]): { topic: Topic<Sink>; faults: FaultInjector; fanout: FanOut } {
  const parsed = parseChannel(channel, new Set(['BTC-USD-PERP']));
  if (!parsed.ok) throw new Error(parsed.reason);
  const registry = new SubscriptionRegistry<Sink>();
  let topic: Topic<Sink> | undefined;
  for (const sink of sinks) {
    const added = registry.add(sink, parsed.spec);
    if (added.ok) topic = added.topic;
  }
  const faults = new FaultInjector(() => 0);
  return { topic: topic!, faults, fanout: new FanOut(faults) };
}

const frameOf = (topic: Topic<Sink>, n: number, sbe?: (v: SbeVersion) => Uint8Array) => () => new OutgoingFrame(topic.prefix, new Payload({ n }, sbe));

describe('FanOut', () => {
  it('writes the same serialised bytes to every subscriber', () => {
    const a = new Sink();
    const b = new Sink();
    const { topic, fanout } = setup('bbo.BTC-USD-PERP', [a, b]);
    let builds = 0;
    fanout.publish(topic, () => {
      builds++;
      return frameOf(topic, 1)();
    });
    expect(builds).toBe(1);
    expect(a.frames[0]!.data).toBe(b.frames[0]!.data);
    expect(a.texts()[0]).toEqual({ jsonrpc: '2.0', method: 'subscription', params: { channel: 'bbo.BTC-USD-PERP', data: { n: 1 } } });
  });

  it('encodes SBE once per version and only for SBE subscribers', () => {
    const json = new Sink();
    const v1a = new Sink(1);
    const v1b = new Sink(1);
    const v0 = new Sink(0);
    const { topic, fanout } = setup('bbo.BTC-USD-PERP', [json, v1a, v1b, v0]);
    const encoded: SbeVersion[] = [];
    fanout.publish(
      topic,
      frameOf(topic, 1, (v) => {
        encoded.push(v);
        return Uint8Array.of(v, 42);
      }),
    );
    expect(encoded.sort()).toEqual([0, 1]);
    expect(json.frames[0]!.binary).toBe(false);
    expect(v1a.frames[0]).toEqual({ data: Uint8Array.of(1, 42), binary: true });
    expect(v1a.frames[0]!.data).toBe(v1b.frames[0]!.data);
    expect(v0.frames[0]).toEqual({ data: Uint8Array.of(0, 42), binary: true });
  });

  it('keeps JSON for SBE subscribers of channels without an SBE form, and skips what SBE cannot encode', () => {
    const sbe = new Sink(1);
    const { topic, fanout } = setup('bbo.BTC-USD-PERP', [sbe]);
    fanout.publish(topic, frameOf(topic, 1));
    fanout.publish(
      topic,
      frameOf(topic, 2, () => {
        throw new RangeError('does not fit');
      }),
    );
    expect(sbe.frames).toHaveLength(1);
    expect(sbe.frames[0]!.binary).toBe(false);
  });

  it('asks the fault injector once per frame, not per subscriber', () => {
    const sinks = [new Sink(), new Sink(), new Sink()];
    const { topic, faults, fanout } = setup('bbo.BTC-USD-PERP', sinks);
    faults.duplicateNext('bbo.BTC-USD-PERP', 1);
    fanout.publish(topic, frameOf(topic, 1));
    fanout.publish(topic, frameOf(topic, 2));
    for (const sink of sinks) expect(sink.values()).toEqual([1, 1, 2]);
    expect(faults.count('duplicate')).toBe(1);
  });

  it('drops frames of a stalled topic until it resumes', () => {
    const sink = new Sink();
    const { topic, faults, fanout } = setup('bbo.BTC-USD-PERP', [sink]);
    faults.stallTopic('bbo.BTC-USD-PERP');
    fanout.publish(topic, frameOf(topic, 1));
    fanout.publish(topic, frameOf(topic, 2));
    faults.resumeTopic('bbo.BTC-USD-PERP');
    fanout.publish(topic, frameOf(topic, 3));
    expect(sink.values()).toEqual([3]);
    expect(faults.count('stall')).toBe(2);
  });

  it('sends a held frame after the next one (reorder)', () => {
    const sink = new Sink();
    const { topic, faults, fanout } = setup('bbo.BTC-USD-PERP', [sink]);
    faults.reorderNext('bbo.BTC-USD-PERP', 1);
    fanout.publish(topic, frameOf(topic, 1));
    expect(sink.values()).toEqual([]);
    fanout.publish(topic, frameOf(topic, 2));
    fanout.publish(topic, frameOf(topic, 3));
    expect(sink.values()).toEqual([2, 1, 3]);
  });

  it('skips a sequence number on the order book (gap) and nowhere else', () => {
    const book = new Sink();
    const bookSetup = setup('order_book.BTC-USD-PERP.deltas', [book]);
    const offsets: number[] = [];
    bookSetup.faults.sequenceGap('order_book.BTC-USD-PERP.deltas', 1);
    for (let n = 1; n <= 3; n++) bookSetup.fanout.publish(bookSetup.topic, (offset) => (offsets.push(offset), frameOf(bookSetup.topic, n)()));
    expect(offsets).toEqual([1, 1, 1]);
    expect(bookSetup.topic.seqOffset).toBe(1);

    const bbo = new Sink();
    const bboSetup = setup('bbo.BTC-USD-PERP', [bbo]);
    bboSetup.faults.sequenceGap('bbo.BTC-USD-PERP', 1);
    bboSetup.fanout.publish(bboSetup.topic, (offset) => (offsets.push(offset), frameOf(bboSetup.topic, 1)()));
    expect(offsets.at(-1)).toBe(0);
    expect(bbo.values()).toEqual([1]);
  });

  it('does not build or consult faults for a topic nobody listens to', () => {
    const { topic, faults, fanout } = setup('bbo.BTC-USD-PERP', [new Sink()]);
    topic.subscribers.clear();
    faults.duplicateNext('bbo.BTC-USD-PERP', 1);
    let built = false;
    fanout.publish(topic, () => ((built = true), frameOf(topic, 1)()));
    expect(built).toBe(false);
    expect(faults.count('duplicate')).toBe(0);
  });
});
