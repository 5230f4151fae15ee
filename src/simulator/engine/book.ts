/**
 * Price-time-priority order book of one market.
 *
 * Each side keeps its levels in an array sorted worst-to-best, so the best level is the last
 * element: matching pops from the end and most new levels are inserted near it. A level is a FIFO
 * of entries; cancelling marks an entry dead instead of splicing it out of the middle, and dead
 * entries are skipped and compacted away from the front.
 *
 * The first change of a level in an operation records the level's size before it, so that one
 * engine operation yields one list of net level changes (the book_delta event); sequence numbers
 * live on the market's book stream (events.ts).
 */
import type { BookEntry, OrderRecord } from './order-record.js';

export class PriceLevel {
  readonly entries: BookEntry[] = [];
  head = 0;
  /** Sum of the remaining sizes of the live entries. */
  total = 0n;
  live = 0;
  /** In the side's sorted level list (false once emptied; the object lives on until takeChanges). */
  listed = false;
  /** Changed since the last takeChanges(), and its total before the first change. */
  touched = false;
  before = 0n;

  constructor(readonly price: bigint) {}

  /** Oldest live entry. */
  front(): BookEntry | undefined {
    const entries = this.entries;
    while (this.head < entries.length) {
      const e = entries[this.head];
      if (e !== undefined && e.live) break;
      this.head++;
    }
    if (this.head > 32 && this.head * 2 > entries.length) {
      entries.splice(0, this.head);
      this.head = 0;
    }
    return entries[this.head];
  }

  /** Live entries, oldest first. */
  *liveEntries(): Generator<BookEntry> {
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e !== undefined && e.live) yield e;
    }
  }
}

export interface RawLevelChange {
  readonly side: 'BID' | 'ASK';
  readonly action: 'INSERT' | 'UPDATE' | 'DELETE';
  readonly price: bigint;
  readonly size: bigint;
}

export class BookSide {
  /** Worst first, best last. */
  readonly levels: PriceLevel[] = [];
  /**
   * Level by price. Keys are the scaled price as a double: exact, because prices are capped at
   * MAX_PRICE (2^53 - 1 at 8 dp), and much cheaper to hash than bigints on this hot path.
   * An emptied level stays here (unlisted) until takeChanges(), so that emptying and refilling a
   * price within one operation nets out into one change.
   */
  private readonly byPrice = new Map<number, PriceLevel>();
  /** Levels changed since the last takeChanges(), in first-change order. */
  readonly touchedLevels: PriceLevel[] = [];

  constructor(readonly isBid: boolean) {}

  best(): PriceLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  /** The listed (non-empty) level at this price. */
  level(price: bigint): PriceLevel | undefined {
    const level = this.byPrice.get(Number(price));
    return level !== undefined && level.listed ? level : undefined;
  }

  /** True when `a` is a better price than `b` on this side. */
  better(a: bigint, b: bigint): boolean {
    return this.isBid ? a > b : a < b;
  }

  add(order: OrderRecord): void {
    const key = Number(order.price);
    let level = this.byPrice.get(key);
    if (level === undefined) {
      level = new PriceLevel(order.price);
      this.byPrice.set(key, level);
    }
    if (!level.listed) this.insertLevel(level);
    this.touch(level);
    const entry: BookEntry = { order, live: true };
    level.entries.push(entry);
    level.total += order.remaining;
    level.live++;
    order.entry = entry;
  }

  /** Take the order out of the book (its current remaining size leaves the level). */
  remove(order: OrderRecord): void {
    const entry = order.entry;
    if (entry === undefined) return;
    const level = this.level(order.price);
    if (level === undefined) throw new Error(`book invariant: no level at ${order.price} for order ${order.id}`);
    this.touch(level);
    entry.live = false;
    order.entry = undefined;
    level.total -= order.remaining;
    level.live--;
    if (level.live === 0) this.unlist(level);
  }

  /** The order's remaining size shrinks by qty (a fill or a size decrease that keeps priority). */
  reduce(order: OrderRecord, qty: bigint): void {
    const level = this.level(order.price);
    if (level === undefined || order.entry === undefined) throw new Error(`book invariant: order ${order.id} is not resting`);
    this.touch(level);
    level.total -= qty;
  }

  /** Up to `depth` levels, best first. */
  top(depth: number): PriceLevel[] {
    const out: PriceLevel[] = [];
    for (let i = this.levels.length - 1; i >= 0 && out.length < depth; i--) {
      const level = this.levels[i];
      if (level !== undefined) out.push(level);
    }
    return out;
  }

  /** Net changes since the last call; forgets emptied levels. */
  collect(name: 'BID' | 'ASK', out: RawLevelChange[]): void {
    const touched = this.touchedLevels;
    for (let i = 0; i < touched.length; i++) {
      const level = touched[i] as PriceLevel;
      level.touched = false;
      if (!level.listed) {
        this.byPrice.delete(Number(level.price));
        // A fresh level object is created if the price comes back; reset this one's queue.
        level.entries.length = 0;
        level.head = 0;
      }
      const now = level.total;
      if (now === level.before) continue;
      const action = level.before === 0n ? 'INSERT' : now === 0n ? 'DELETE' : 'UPDATE';
      out.push({ side: name, action, price: level.price, size: now });
    }
    touched.length = 0;
  }

  private touch(level: PriceLevel): void {
    if (level.touched) return;
    level.touched = true;
    level.before = level.listed ? level.total : 0n;
    this.touchedLevels.push(level);
  }

  private insertLevel(level: PriceLevel): void {
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = levels[mid];
      if (m !== undefined && this.better(m.price, level.price)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === levels.length) levels.push(level);
    else levels.splice(lo, 0, level);
    level.listed = true;
  }

  private unlist(level: PriceLevel): void {
    level.listed = false;
    const levels = this.levels;
    if (levels[levels.length - 1] === level) {
      levels.pop();
      return;
    }
    let lo = 0;
    let hi = levels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = levels[mid];
      if (m === level) {
        levels.splice(mid, 1);
        return;
      }
      if (m !== undefined && this.better(m.price, level.price)) hi = mid - 1;
      else lo = mid + 1;
    }
    throw new Error(`book invariant: level ${level.price} not found`);
  }
}

export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);

  /** The side an order of this sign rests on. */
  sideOf(sign: 1 | -1): BookSide {
    return sign === 1 ? this.bids : this.asks;
  }

  hasChanges(): boolean {
    return this.bids.touchedLevels.length > 0 || this.asks.touchedLevels.length > 0;
  }

  /** Net level changes since the last call (levels that came back to their old size are dropped). */
  takeChanges(): RawLevelChange[] {
    const out: RawLevelChange[] = [];
    this.bids.collect('BID', out);
    this.asks.collect('ASK', out);
    return out;
  }
}
