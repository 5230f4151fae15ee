/**
 * Writing one channel frame to every subscriber of a topic, with the simulator's WebSocket faults.
 *
 * A frame is serialised lazily and at most once per representation: JSON text once, SBE binary
 * once per negotiated schema version; every subscriber gets the same bytes. The fault injector is
 * asked once per frame of a topic (not per subscriber) and its answer applied to all alike:
 * drop (the topic is stalled), duplicate, hold (reorder: sent after the next frame), gap (the
 * topic's seq_no skips one number; only sequenced channels - the order book - have one to skip).
 */
import type { FaultInjector, FrameAction } from '../../../faults.js';
import type { SbeVersion } from '../../paradex-sbe/index.js';
import type { Topic } from './registry.js';

export interface FrameSink {
  /** The connection's negotiated SBE version; undefined for JSON connections. */
  readonly sbeVersion: SbeVersion | undefined;
  write(data: Buffer | Uint8Array, binary: boolean): void;
}

export type SbeEncoder = (version: SbeVersion) => Uint8Array;

/**
 * The content of one event, shared by every channel that carries it (`bbo.BTC-USD-PERP` and
 * `bbo.ALL` send the same data): the JSON text of the data and each SBE version are rendered once.
 */
export class Payload {
  #json: string | undefined;
  readonly #binary = new Map<SbeVersion, Uint8Array | null>();

  constructor(
    readonly data: unknown,
    /** Public channels only: the SBE form (undefined keeps the frame JSON on every connection). */
    readonly sbe: SbeEncoder | undefined = undefined,
  ) {}

  json(): string {
    this.#json ??= JSON.stringify(this.data);
    return this.#json;
  }

  /** The SBE frame for `version`, or null when a value does not fit the schema (never sent then). */
  binary(version: SbeVersion): Uint8Array | null {
    let frame = this.#binary.get(version);
    if (frame === undefined) {
      try {
        frame = this.sbe === undefined ? null : this.sbe(version);
      } catch {
        // A value outside the schema's range (e.g. an int64 overflow) cannot be sent as SBE;
        // the JSON form is unaffected.
        frame = null;
      }
      this.#binary.set(version, frame);
    }
    return frame;
  }
}

/** One notification of one channel, rendered on demand and at most once per encoding. */
export class OutgoingFrame {
  #text: Buffer | undefined;

  constructor(
    readonly prefix: string,
    readonly payload: Payload,
  ) {}

  text(): Buffer {
    this.#text ??= Buffer.from(`${this.prefix}${this.payload.json()}}}`);
    return this.#text;
  }

  writeTo(sink: FrameSink): void {
    if (sink.sbeVersion !== undefined && this.payload.sbe !== undefined) {
      const frame = this.payload.binary(sink.sbeVersion);
      if (frame !== null) sink.write(frame, true);
      return;
    }
    sink.write(this.text(), false);
  }
}

const PASS: FrameAction = { kind: 'pass' };

export class FanOut {
  readonly #faults: FaultInjector;

  constructor(faults: FaultInjector) {
    this.#faults = faults;
  }

  /**
   * Publishes one frame of `topic`. `build` receives the topic's seq offset (after a gap fault
   * has been applied), so sequenced payloads carry the skipped number.
   */
  publish<S extends FrameSink>(topic: Topic<S>, build: (seqOffset: number) => OutgoingFrame | undefined): void {
    if (topic.subscribers.size === 0) return;
    const action = this.#faults.hasFrameFaults() ? this.#faults.frameAction(topic.spec.name) : PASS;
    if (action.kind === 'drop') return;
    if (action.kind === 'gap' && topic.spec.kind === 'order_book') topic.seqOffset++;
    const frame = build(topic.seqOffset);
    if (frame === undefined) return;
    if (action.kind === 'hold') {
      topic.held.push(frame);
      return;
    }
    deliver(topic, frame);
    if (action.kind === 'duplicate') deliver(topic, frame);
    if (topic.held.length > 0) {
      const held = topic.held.splice(0, topic.held.length) as OutgoingFrame[];
      for (const late of held) deliver(topic, late);
    }
  }
}

function deliver<S extends FrameSink>(topic: Topic<S>, frame: OutgoingFrame): void {
  for (const sink of topic.subscribers) frame.writeTo(sink);
}
