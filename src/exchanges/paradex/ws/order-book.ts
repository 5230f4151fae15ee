/**
 * A local order book: two price-sorted sides that take whole snapshots or level changes
 * ([price, size], size "0" removes the level).
 *
 * Ordering uses Number(price) as a sort key. That is a key, not money: the level keeps the exact
 * price and size strings it was given, and nothing is ever computed from the key. Two different
 * prices share a key only past ~15 significant digits, which no listed market's tick comes near;
 * such a clash is still detected (the key matches but the strings differ numerically) and
 * reported as a DecodeError rather than merging two levels.
 */
import { DecodeError } from '../../../core/errors.js';
import { compare } from '../../../core/decimal.js';
import type { BookLevel, OrderBook } from '../../../core/types.js';

class BookSide {
  /** Sort keys, best first. */
  private keys: number[] = [];
  private levels: BookLevel[] = [];

  constructor(private readonly descending: boolean) {}

  get size(): number {
    return this.levels.length;
  }

  /** Best price key, or NaN when the side is empty. */
  bestKey(): number {
    return this.keys.length > 0 ? (this.keys[0] as number) : Number.NaN;
  }

  clear(): void {
    this.keys = [];
    this.levels = [];
  }

  /** Index of the first key not better than `key` (binary search on the best-first order). */
  private search(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    const keys = this.keys;
    if (this.descending) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((keys[mid] as number) > key) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((keys[mid] as number) < key) lo = mid + 1;
        else hi = mid;
      }
    }
    return lo;
  }

  /**
   * Replaces the side. A snapshot arrives best first, so the common case is one pass that only
   * checks the order; anything else (unsorted, repeated prices) goes through set() level by level.
   */
  load(levels: readonly BookLevel[], market: string): void {
    const keys: number[] = [];
    const kept: BookLevel[] = [];
    let previous = Number.NaN;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as BookLevel;
      const key = Number(level[0]);
      if (Number(level[1]) === 0) continue;
      const inOrder = kept.length === 0 ? Number.isFinite(key) : this.descending ? key < previous : key > previous;
      if (!inOrder) {
        this.clear();
        for (let j = 0; j < levels.length; j++) this.set(levels[j] as BookLevel, market);
        return;
      }
      keys.push(key);
      kept.push(level);
      previous = key;
    }
    this.keys = keys;
    this.levels = kept;
  }

  set(level: BookLevel, market: string): void {
    const price = level[0];
    const key = Number(price);
    if (!Number.isFinite(key)) throw new DecodeError(`Paradex order_book ${market}: price ${price} is not a number`, price, ['price: finite']);
    const remove = Number(level[1]) === 0;
    const at = this.search(key);
    const found = at < this.keys.length && this.keys[at] === key;
    if (found) {
      const existing = this.levels[at] as BookLevel;
      if (existing[0] !== price && compare(existing[0], price) !== 0) {
        throw new DecodeError(`Paradex order_book ${market}: prices ${existing[0]} and ${price} cannot be told apart by the sort key`, price, ['price: <= 15 significant digits']);
      }
      if (remove) {
        this.keys.splice(at, 1);
        this.levels.splice(at, 1);
      } else this.levels[at] = level;
      return;
    }
    if (remove) return; // removing a level we do not hold: nothing to do
    this.keys.splice(at, 0, key);
    this.levels.splice(at, 0, level);
  }

  top(depth: number): BookLevel[] {
    return depth >= this.levels.length ? this.levels.slice() : this.levels.slice(0, depth);
  }
}

export class LocalOrderBook {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  seq: number | undefined;
  timestamp = 0;

  constructor(readonly market: string) {}

  get depth(): { readonly bids: number; readonly asks: number } {
    return { bids: this.bids.size, asks: this.asks.size };
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.seq = undefined;
  }

  /** Replaces the whole book. */
  replace(bids: readonly BookLevel[], asks: readonly BookLevel[], seq: number | undefined, timestamp: number): void {
    this.bids.load(bids, this.market);
    this.asks.load(asks, this.market);
    this.seq = seq;
    this.timestamp = timestamp;
  }

  /** Applies level changes ([price, size], size "0" removes). */
  apply(bids: readonly BookLevel[], asks: readonly BookLevel[], seq: number | undefined, timestamp: number): void {
    for (let i = 0; i < bids.length; i++) this.bids.set(bids[i] as BookLevel, this.market);
    for (let i = 0; i < asks.length; i++) this.asks.set(asks[i] as BookLevel, this.market);
    this.seq = seq;
    this.timestamp = timestamp;
  }

  /** Best bid at or above best ask: the book cannot be right. */
  isCrossed(): boolean {
    return this.bids.bestKey() >= this.asks.bestKey(); // NaN (an empty side) compares false
  }

  /** A domain snapshot of the best `depth` levels per side (new arrays; levels are shared, immutable tuples). */
  snapshot(depth: number): OrderBook {
    return { market: this.market, bids: this.bids.top(depth), asks: this.asks.top(depth), seq: this.seq, timestamp: this.timestamp };
  }
}
