/**
 * The order_book channels.
 *
 * deltas (`order_book.{m}.deltas`, `.interactive_deltas`, `.deltas@15@{rate}`): a subscriber first
 * gets a snapshot of the whole book whose seq_no is the engine's book sequence, then one delta per
 * engine book change, seq_no + 1 each time (the engine numbers book changes contiguously), as the
 * production capture shows. A client that sees a jump resyncs by subscribing again.
 * snapshot (`{snapshot|interactive}@15@{50ms|100ms}[@tick]`): top-15 snapshots, one at once on
 * subscribe, then at most one per refresh period while the book changes.
 *
 * Gap faults add to the topic's seq offset, so every later seq_no (and the snapshot a late
 * subscriber gets) carries the skipped number consistently.
 */
import type { SimulatorEngine } from '../../../engine/index.js';
import type { BookChannel, ChannelSpec } from './channels.js';
import { deltaFrame, snapshotFrame, viewOf } from './book-frames.js';
import type { SnapshotView } from './book-frames.js';
import type { FanOut, FrameSink } from './fanout.js';
import type { SubscriptionRegistry, Topic } from './registry.js';

/** "The whole book" for the deltas feed. */
const FULL_DEPTH = 100_000;
const SNAPSHOT_DEPTH = 15;
/** Levels read before grouping by a price tick (a 15-bucket view needs more raw levels). */
const GROUPING_DEPTH = 2_000;

interface BookTopicState {
  /** Last engine book sequence the topic has covered (deltas at or below it are skipped). */
  lastSeq: number;
  /** Snapshot feed: book changed since the last frame. */
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  lastSentAt: number;
}

function stateOf<S>(topic: Topic<S>): BookTopicState {
  let state = topic.state as BookTopicState | undefined;
  if (state === undefined) topic.state = state = { lastSeq: -1, dirty: false, timer: undefined, lastSentAt: 0 };
  return state;
}

function bookOfSpec(spec: ChannelSpec): BookChannel {
  if (spec.book === undefined) throw new Error(`${spec.name} is not an order_book channel`);
  return spec.book;
}

const bookOf = <S>(topic: Topic<S>): BookChannel => bookOfSpec(topic.spec);

export class BookFeeds<S extends FrameSink> {
  readonly #engine: SimulatorEngine;
  readonly #registry: SubscriptionRegistry<S>;
  readonly #fanout: FanOut;
  readonly #wallNow: () => number;

  constructor(engine: SimulatorEngine, registry: SubscriptionRegistry<S>, fanout: FanOut, wallNow: () => number = Date.now) {
    this.#engine = engine;
    this.#registry = registry;
    this.#fanout = fanout;
    this.#wallNow = wallNow;
  }

  /**
   * Reads the first frame of a subscription. Call before the subscriber joins the topic: the read
   * may deliver pending book events, and those precede the snapshot.
   */
  firstView(spec: ChannelSpec): SnapshotView {
    const book = bookOfSpec(spec);
    const depth = book.feed === 'deltas' ? FULL_DEPTH : book.priceTick === undefined ? SNAPSHOT_DEPTH : GROUPING_DEPTH;
    const snapshot = this.#engine.bookSnapshot(spec.market as string, depth);
    return viewOf(snapshot, book.feed === 'deltas' ? FULL_DEPTH : SNAPSHOT_DEPTH, book.priceTick);
  }

  /** Sends the first frame to a subscriber that has just joined `topic`. */
  welcome(topic: Topic<S>, subscriber: S, created: boolean, view: SnapshotView): void {
    const book = bookOf(topic);
    const state = stateOf(topic);
    // A delta topic must never repeat what the snapshot covers; a new snapshot topic need not
    // resend the book it has just shown.
    if (book.feed === 'deltas' || created) state.lastSeq = Math.max(state.lastSeq, view.seq);
    snapshotFrame(topic.prefix, view, topic.seqOffset, book.interactive).writeTo(subscriber);
  }

  /** An engine book_delta of `market`. */
  onDelta(market: string, seq: number, timestamp: number, changes: Parameters<typeof deltaFrame>[4]): void {
    for (const topic of this.#registry.topicsFor('order_book', market)) {
      const book = bookOf(topic);
      const state = stateOf(topic);
      if (book.feed === 'snapshot') {
        state.dirty = true;
        this.#schedule(topic, book, state);
        continue;
      }
      if (seq <= state.lastSeq) continue;
      state.lastSeq = seq;
      this.#fanout.publish(topic, (offset) => deltaFrame(topic.prefix, market, seq + offset, timestamp, changes));
    }
  }

  /** A topic lost its last subscriber. */
  release(topic: Topic<S>): void {
    const state = topic.state as BookTopicState | undefined;
    if (state?.timer !== undefined) clearTimeout(state.timer);
    topic.state = undefined;
  }

  #schedule(topic: Topic<S>, book: BookChannel, state: BookTopicState): void {
    if (state.timer !== undefined) return;
    const delay = Math.max(0, state.lastSentAt + book.refreshMs - this.#wallNow());
    state.timer = setTimeout(() => this.#flushSnapshot(topic, book, state), delay);
    state.timer.unref();
  }

  #flushSnapshot(topic: Topic<S>, book: BookChannel, state: BookTopicState): void {
    state.timer = undefined;
    if (topic.subscribers.size === 0 || !state.dirty) return;
    state.dirty = false;
    state.lastSentAt = this.#wallNow();
    const market = topic.spec.market as string;
    const snapshot = this.#engine.bookSnapshot(market, book.priceTick === undefined ? SNAPSHOT_DEPTH : GROUPING_DEPTH);
    if (snapshot.seq === state.lastSeq) return;
    state.lastSeq = snapshot.seq;
    const view = viewOf(snapshot, SNAPSHOT_DEPTH, book.priceTick);
    this.#fanout.publish(topic, (offset) => snapshotFrame(topic.prefix, view, offset, book.interactive));
  }
}
