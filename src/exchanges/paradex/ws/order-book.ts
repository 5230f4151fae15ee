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
import type { BookKeys } from '../parse-ws-public.js';

/** Powers of ten that are exact doubles (10^0 .. 10^22). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** How a reader that computed the keys spells a zero size. */
export const ZERO = '0';

/**
 * Number(price), computed by a character loop for plain decimals of at most 15 digits: the digits
 * form an exact integer m < 2^53 and 10^f is exact, so m / 10^f is the one correctly rounded
 * double, the same value Number() returns, without a runtime call on every level. Anything else
 * (longer, exponent, spaces, junk) takes Number() itself.
 */
export function priceKey(price: string): number {
  const n = price.length;
  let i = n > 0 && price.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (n - i > 16 || i >= n) return Number(price);
  let m = 0;
  let fraction = -1;
  let digits = 0;
  for (; i < n; i++) {
    const c = price.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (c === 46 /* . */ && fraction < 0 && digits > 0) fraction = 0;
    else return Number(price);
  }
  if (fraction === 0 || digits > 15) return Number(price); // "5." or too many digits to be exact
  const key = fraction > 0 ? m / (POW10[fraction] as number) : m;
  return price.charCodeAt(0) === 45 ? -key : key;
}

/**
 * Number(size) === 0, by a character loop for plain decimals;
 * anything else takes Number() itself, so "" and odd spellings keep their old meaning.
 */
export function isZeroSize(size: string): boolean {
  const n = size.length;
  let i = n > 0 && size.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (i >= n) return Number(size) === 0;
  let digits = 0;
  let dot = false;
  let zero = true;
  for (; i < n; i++) {
    const c = size.charCodeAt(i);
    if (c === 48) digits += 1;
    else if (c > 48 && c <= 57) {
      digits += 1;
      zero = false;
    } else if (c === 46 && !dot && digits > 0) dot = true;
    else return Number(size) === 0;
  }
  if (size.charCodeAt(n - 1) === 46) return Number(size) === 0;
  return zero;
}

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
   * `given` are the levels' keys when the reader computed them (zero sizes then spelt "0").
   */
  load(levels: readonly BookLevel[], market: string, given?: readonly number[]): void {
    const keys: number[] = [];
    const kept: BookLevel[] = [];
    let previous = Number.NaN;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as BookLevel;
      if (given === undefined ? isZeroSize(level[1]) : level[1] === ZERO) continue;
      const key = given === undefined ? priceKey(level[0]) : (given[i] as number);
      const inOrder = kept.length === 0 ? Number.isFinite(key) : this.descending ? key < previous : key > previous;
      if (!inOrder) {
        this.clear();
        for (let j = 0; j < levels.length; j++) this.set(levels[j] as BookLevel, market, given?.[j]);
        return;
      }
      keys.push(key);
      kept.push(level);
      previous = key;
    }
    this.keys = keys;
    this.levels = kept;
  }

  /** `given`: the level's key when the reader computed it (its zero size then spelt "0"). */
  set(level: BookLevel, market: string, given?: number): void {
    const price = level[0];
    const key = given ?? priceKey(price);
    if (!Number.isFinite(key)) throw new DecodeError(`Paradex order_book ${market}: price ${price} is not a number`, price, ['price: finite']);
    const remove = given === undefined ? isZeroSize(level[1]) : level[1] === ZERO;
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

  /** Replaces the whole book (`keys`: the levels' sort keys, when the reader computed them). */
  replace(bids: readonly BookLevel[], asks: readonly BookLevel[], seq: number | undefined, timestamp: number, keys?: BookKeys): void {
    this.bids.load(bids, this.market, keys?.bids);
    this.asks.load(asks, this.market, keys?.asks);
    this.seq = seq;
    this.timestamp = timestamp;
  }

  /** Applies level changes ([price, size], size "0" removes). */
  apply(bids: readonly BookLevel[], asks: readonly BookLevel[], seq: number | undefined, timestamp: number, keys?: BookKeys): void {
    for (let i = 0; i < bids.length; i++) this.bids.set(bids[i] as BookLevel, this.market, keys?.bids[i]);
    for (let i = 0; i < asks.length; i++) this.asks.set(asks[i] as BookLevel, this.market, keys?.asks[i]);
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
