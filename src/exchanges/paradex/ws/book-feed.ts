/**
 * Keeps one market's local book true to the venue's order_book stream (pain 9: books that
 * desynchronise or cross).
 *
 * Deltas feed: the first message is a full snapshot ('s'), then deltas ('d') whose seq_no grows by
 * exactly 1 (paradex.md §9.6). A delta that repeats a seq is a duplicate and is dropped. One that
 * skips ahead is held in a small reorder window; if the missing seq does not arrive before the
 * window fills, the book resyncs: deltas are buffered, the REST book (GET /orderbook, whose seq_no
 * is assumed to share the sequence - UNCONFIRMED) replaces the local one, buffered deltas after it
 * are applied. A crossed book after any change also resyncs. When REST cannot be aligned with the
 * stream (no seq, or still behind after retries) the channel is resubscribed, which makes the venue
 * send a fresh snapshot. Every resync is counted.
 *
 * Snapshot feed: every message replaces the book; a crossed snapshot is counted and not emitted.
 */
import type { OrderBook } from '../../../core/types.js';
import type { Timers } from '../../../transport/timers.js';
import type { BookUpdate } from '../parse-ws-public.js';
import type { BookFeed as FeedKind } from './channels.js';
import { LocalOrderBook } from './order-book.js';

export interface BookFeedStats {
  resyncs: number;
  gaps: number;
  crossed: number;
  duplicates: number;
  /** Deltas that arrived ahead of a missing one and were applied once it came. */
  reordered: number;
  /** Resyncs that fell back to resubscribing the channel. */
  resubscribes: number;
  /** Books emitted. */
  emitted: number;
}

export interface BookFeedOptions {
  readonly market: string;
  readonly feed: FeedKind;
  /** Levels per side in emitted books (the largest depth any subscriber asked for). */
  readonly depth: () => number;
  readonly fetchSnapshot: (market: string) => Promise<OrderBook>;
  readonly emit: (book: OrderBook) => void;
  readonly report: (error: unknown) => void;
  /** Unsubscribe + subscribe the channel: the venue then starts again with a snapshot. */
  readonly resubscribe: () => void;
  readonly onResync?: (market: string, reason: string) => void;
  readonly timers: Timers;
  /** Deltas held while waiting for a missing seq before resyncing. Default 3. */
  readonly reorderWindow?: number;
  /** Deltas kept while a resync is in flight (oldest dropped beyond). Default 10 000. */
  readonly maxBuffered?: number;
  /** Wait before fetching the REST book again after a failure or a snapshot behind the stream. Default 500 ms. */
  readonly retryDelayMs?: number;
  /** REST fetches per resync before falling back to a resubscribe. Default 3. */
  readonly maxFetches?: number;
}

type FeedState = 'awaiting_snapshot' | 'live' | 'resyncing' | 'closed';

export class BookFeedSync {
  readonly book: LocalOrderBook;
  readonly stats: BookFeedStats = { resyncs: 0, gaps: 0, crossed: 0, duplicates: 0, reordered: 0, resubscribes: 0, emitted: 0 };
  private stateValue: FeedState = 'awaiting_snapshot';
  /** Deltas not yet applied, ascending by seq, no two with the same seq. */
  private pending: BookUpdate[] = [];
  private generation = 0;
  private fetches = 0;
  private retryTimer: unknown;
  private readonly reorderWindow: number;
  private readonly maxBuffered: number;
  private readonly retryDelayMs: number;
  private readonly maxFetches: number;

  constructor(private readonly options: BookFeedOptions) {
    this.book = new LocalOrderBook(options.market);
    this.reorderWindow = options.reorderWindow ?? 3;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxFetches = options.maxFetches ?? 3;
  }

  get state(): FeedState {
    return this.stateValue;
  }

  /** The stream restarts (new connection or resubscribe): wait for its snapshot, forget held deltas. */
  reset(): void {
    if (this.stateValue === 'closed') return;
    this.cancelRetry();
    this.generation += 1;
    this.pending = [];
    this.stateValue = 'awaiting_snapshot';
  }

  close(): void {
    this.cancelRetry();
    this.generation += 1;
    this.pending = [];
    this.stateValue = 'closed';
  }

  handle(update: BookUpdate): void {
    if (this.stateValue === 'closed') return;
    if (this.options.feed === 'snapshot') {
      this.handleSnapshotFeed(update);
      return;
    }
    if (update.snapshot) {
      this.applySnapshot(update);
      return;
    }
    switch (this.stateValue) {
      case 'resyncing':
        this.hold(update);
        return;
      case 'awaiting_snapshot':
        this.hold(update);
        if (this.pending.length > this.reorderWindow) this.startResync('deltas without a snapshot');
        return;
      case 'live':
        this.handleDelta(update);
        return;
    }
  }

  private handleSnapshotFeed(update: BookUpdate): void {
    if (update.snapshot) this.book.replace(update.bids, update.asks, update.seq, update.timestamp, update.keys);
    else this.book.apply(update.bids, update.asks, update.seq, update.timestamp, update.keys);
    this.stateValue = 'live';
    if (this.book.isCrossed()) {
      this.stats.crossed += 1;
      return;
    }
    this.emit();
  }

  private handleDelta(update: BookUpdate): void {
    const last = this.book.seq ?? -1;
    if (update.seq <= last) {
      this.stats.duplicates += 1;
      return;
    }
    if (update.seq === last + 1 && this.pending.length === 0) {
      this.book.apply(update.bids, update.asks, update.seq, update.timestamp, update.keys);
      this.afterChange();
      return;
    }
    this.hold(update);
    const applied = this.drain();
    if (this.pending.length > this.reorderWindow) {
      this.stats.gaps += 1;
      this.startResync(`sequence gap after ${this.book.seq ?? 'none'} (next held ${this.pending[0]?.seq})`);
      return;
    }
    if (applied) this.afterChange();
  }

  /** Inserts by seq (duplicates of a held seq are dropped), bounded. */
  private hold(update: BookUpdate): void {
    const list = this.pending;
    let at = list.length;
    while (at > 0 && (list[at - 1] as BookUpdate).seq > update.seq) at -= 1;
    if (at > 0 && (list[at - 1] as BookUpdate).seq === update.seq) {
      this.stats.duplicates += 1;
      return;
    }
    list.splice(at, 0, update);
    if (list.length > this.maxBuffered) list.shift();
  }

  /** Applies held deltas that continue the book's sequence; drops held ones it already covers. */
  private drain(): boolean {
    let applied = false;
    while (this.pending.length > 0) {
      const next = this.pending[0] as BookUpdate;
      const last = this.book.seq ?? -1;
      if (next.seq <= last) {
        this.pending.shift();
        continue;
      }
      if (next.seq !== last + 1) break;
      this.pending.shift();
      this.book.apply(next.bids, next.asks, next.seq, next.timestamp, next.keys);
      this.stats.reordered += 1;
      applied = true;
    }
    return applied;
  }

  private applySnapshot(update: BookUpdate): void {
    this.cancelRetry();
    this.generation += 1;
    this.book.replace(update.bids, update.asks, update.seq, update.timestamp, update.keys);
    this.stateValue = 'live';
    this.fetches = 0;
    this.drainAfterBase();
    this.afterChange();
  }

  /** After a new base, held deltas either continue it or (beyond the window) force a resync. */
  private drainAfterBase(): void {
    const before = this.stats.reordered;
    this.drain();
    // Deltas applied right after a base are not "reordered", they were merely held.
    this.stats.reordered = before;
  }

  private afterChange(): void {
    if (this.stateValue !== 'live') return;
    if (this.book.isCrossed()) {
      this.stats.crossed += 1;
      this.startResync('crossed book');
      return;
    }
    if (this.pending.length > this.reorderWindow) {
      this.stats.gaps += 1;
      this.startResync('sequence gap');
      return;
    }
    this.emit();
  }

  private emit(): void {
    this.stats.emitted += 1;
    this.options.emit(this.book.snapshot(this.options.depth()));
  }

  private startResync(reason: string): void {
    if (this.stateValue === 'resyncing' || this.stateValue === 'closed') return;
    this.stateValue = 'resyncing';
    this.stats.resyncs += 1;
    this.fetches = 0;
    this.options.onResync?.(this.options.market, reason);
    void this.fetch(++this.generation);
  }

  private async fetch(generation: number): Promise<void> {
    this.fetches += 1;
    let snapshot: OrderBook;
    try {
      snapshot = await this.options.fetchSnapshot(this.options.market);
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.report(error);
      this.retryOrResubscribe(generation);
      return;
    }
    // A venue snapshot on the stream, a reset or a close overtook this fetch.
    if (generation !== this.generation || this.stateValue !== 'resyncing') return;
    const base = snapshot.seq;
    if (base === undefined) {
      this.fallBackToResubscribe();
      return;
    }
    this.pending = this.pending.filter((u) => u.seq > base);
    const first = this.pending[0];
    if (first !== undefined && first.seq > base + 1) {
      // The REST book is older than what the stream already sent: deltas in between are lost.
      this.retryOrResubscribe(generation);
      return;
    }
    this.book.replace(snapshot.bids, snapshot.asks, base, snapshot.timestamp);
    this.drainAfterBase();
    if (this.book.isCrossed()) {
      // The venue's own book is crossed (or REST and stream disagree): let the stream start over.
      this.stats.crossed += 1;
      this.fallBackToResubscribe();
      return;
    }
    this.stateValue = 'live';
    this.fetches = 0;
    this.afterChange();
  }

  private retryOrResubscribe(generation: number): void {
    if (this.fetches >= this.maxFetches) {
      this.fallBackToResubscribe();
      return;
    }
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (generation === this.generation && this.stateValue === 'resyncing') void this.fetch(generation);
    }, this.retryDelayMs);
  }

  private fallBackToResubscribe(): void {
    this.stats.resubscribes += 1;
    this.reset();
    this.options.resubscribe();
  }

  private cancelRetry(): void {
    if (this.retryTimer === undefined) return;
    this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
