/**
 * A local order book kept from Aster's diff stream (`<symbol>@depth`) against a REST snapshot,
 * by the documented procedure (aster.md §7.3):
 *   1. buffer diffs while the snapshot (GET depth, `lastUpdateId` L) is fetched;
 *   2. drop buffered diffs with u < L;
 *   3. the first diff applied must have U <= L <= u (U > L: updates were missed -> resync);
 *   4. afterwards each diff's `pu` must equal the previous diff's `u` (else a gap -> resync);
 *   5. quantities are absolute, "0" removes the level, removing an unknown level is normal.
 * A crossed book after a diff (best bid >= best ask) is also reported for a resync.
 *
 * Ordering keys are the prices as doubles (only to sort and find levels: two spellings of one price,
 * "0.10" and "0.1", are one level); the levels themselves keep the venue's exact strings.
 */
import type { BookLevel, OrderBook } from '../../../core/types.js';
import type { DepthDiff, LevelChange } from './parse-market.js';

/** What one diff did. 'gap' and 'crossed' mean: fetch a new snapshot (call reset() first). */
export type DiffResult = 'buffered' | 'applied' | 'stale' | 'gap' | 'crossed';
export type SnapshotResult = 'synced' | 'waiting' | 'gap' | 'crossed';

/** A quantity of zero in any spelling ("0", "0.000"). */
function isZeroQty(q: string): boolean {
  for (let i = 0; i < q.length; i++) {
    const c = q.charCodeAt(i);
    if (c !== 0x30 && c !== 0x2e) return false;
  }
  return true;
}

/** One side: levels by price key, plus the keys kept sorted best-first. */
class BookSide {
  readonly #levels = new Map<number, BookLevel>();
  /** Best first: descending for bids, ascending for asks. */
  readonly #keys: number[] = [];

  constructor(private readonly descending: boolean) {}

  get size(): number {
    return this.#keys.length;
  }

  best(): number | undefined {
    return this.#keys[0];
  }

  clear(): void {
    this.#levels.clear();
    this.#keys.length = 0;
  }

  /** Index of `key` in #keys, or the insertion point as -(i + 1). */
  #find(key: number): number {
    const keys = this.#keys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid] as number;
      if (k === key) return mid;
      if (this.descending ? k > key : k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1);
  }

  apply(price: string, qty: string): void {
    const key = Number(price);
    if (isZeroQty(qty)) {
      if (this.#levels.delete(key)) {
        const i = this.#find(key);
        if (i >= 0) this.#keys.splice(i, 1);
      }
      return;
    }
    if (!this.#levels.has(key)) {
      const i = this.#find(key);
      this.#keys.splice(i >= 0 ? i : -i - 1, 0, key);
    }
    this.#levels.set(key, [price, qty]);
  }

  top(depth: number): BookLevel[] {
    const n = Math.min(depth, this.#keys.length);
    const out = new Array<BookLevel>(n);
    for (let i = 0; i < n; i++) out[i] = this.#levels.get(this.#keys[i] as number) as BookLevel;
    return out;
  }
}

export class LocalOrderBook {
  readonly symbol: string;
  readonly #bids = new BookSide(true);
  readonly #asks = new BookSide(false);
  /** Diffs received before the snapshot. */
  #buffer: DepthDiff[] = [];
  readonly #maxBuffer: number;
  /** Snapshot id until the first diff is applied, then the last applied `u`. */
  #lastUpdateId: number | undefined;
  #state: 'buffering' | 'awaiting-first' | 'synced' = 'buffering';
  #eventTime = 0;

  constructor(symbol: string, maxBuffer = 10_000) {
    this.symbol = symbol;
    this.#maxBuffer = maxBuffer;
  }

  get synced(): boolean {
    return this.#state === 'synced';
  }

  get lastUpdateId(): number | undefined {
    return this.#lastUpdateId;
  }

  get bufferedCount(): number {
    return this.#buffer.length;
  }

  /** Back to buffering with an empty book (before a new snapshot). */
  reset(): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#buffer = [];
    this.#lastUpdateId = undefined;
    this.#state = 'buffering';
  }

  applyDiff(diff: DepthDiff): DiffResult {
    if (this.#state === 'buffering') {
      this.#buffer.push(diff);
      // Oldest first out: if they were needed, the snapshot check reports the gap.
      if (this.#buffer.length > this.#maxBuffer) this.#buffer.shift();
      return 'buffered';
    }
    const last = this.#lastUpdateId as number;
    if (this.#state === 'awaiting-first') {
      if (diff.u < last) return 'stale';
      if (diff.U > last) return 'gap';
      this.#state = 'synced';
      return this.#apply(diff);
    }
    if (diff.u <= last) return 'stale'; // a repeat of something already applied
    const continues = diff.pu !== undefined ? diff.pu === last : diff.U <= last + 1;
    if (!continues) return 'gap';
    return this.#apply(diff);
  }

  /** Loads the REST snapshot and replays the buffered diffs on top of it. */
  applySnapshot(lastUpdateId: number, bids: readonly LevelChange[], asks: readonly LevelChange[], eventTime = 0): SnapshotResult {
    this.#bids.clear();
    this.#asks.clear();
    for (const [p, q] of bids) this.#bids.apply(p, q);
    for (const [p, q] of asks) this.#asks.apply(p, q);
    this.#lastUpdateId = lastUpdateId;
    this.#eventTime = eventTime;
    this.#state = 'awaiting-first';
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const diff of buffered) {
      const result = this.applyDiff(diff);
      if (result === 'gap' || result === 'crossed') return result;
    }
    return this.synced ? 'synced' : 'waiting';
  }

  #apply(diff: DepthDiff): DiffResult {
    for (const [p, q] of diff.bids) this.#bids.apply(p, q);
    for (const [p, q] of diff.asks) this.#asks.apply(p, q);
    this.#lastUpdateId = diff.u;
    this.#eventTime = diff.eventTime;
    const bid = this.#bids.best();
    const ask = this.#asks.best();
    if (bid !== undefined && ask !== undefined && bid >= ask) return 'crossed';
    return 'applied';
  }

  /** The best `depth` levels of each side. */
  top(depth: number): OrderBook {
    return {
      market: this.symbol,
      bids: this.#bids.top(depth),
      asks: this.#asks.top(depth),
      ...(this.#lastUpdateId === undefined ? {} : { seq: this.#lastUpdateId }),
      timestamp: this.#eventTime,
    };
  }

  get levels(): { bids: number; asks: number } {
    return { bids: this.#bids.size, asks: this.#asks.size };
  }
}
