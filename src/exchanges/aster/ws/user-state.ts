/**
 * What the user stream has already told us, so that every domain event goes out once and never
 * moves backwards:
 *  - order updates are applied in event-time order per order: an update older than the last one
 *    applied for that order (the venue does not guarantee delivery order, aster.md §7.4) is dropped,
 *    so a late NEW never overwrites a FILLED;
 *  - the same for positions (per symbol) and balances (per asset);
 *  - fills are deduplicated by id across the stream and the REST catch-up after a reconnect.
 * Memory is bounded: the oldest ids are forgotten first.
 */
import type { Balance, Fill, Order, Position } from '../../../core/types.js';

const CLOSED = new Set(['filled', 'canceled', 'rejected', 'expired']);

/** A Set that forgets its oldest members past `capacity`. */
export class BoundedSet {
  readonly #items = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** True when newly added. */
  add(key: string): boolean {
    if (this.#items.has(key)) return false;
    this.#items.add(key);
    if (this.#items.size > this.capacity) {
      const oldest = this.#items.values().next().value as string;
      this.#items.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.#items.size;
  }
}

/** A Map that forgets its oldest entries past `capacity`. */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: string, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) {
      const oldest = this.keys().next().value as string;
      this.delete(oldest);
    }
    return super.set(key, value);
  }
}

export class UserEventState {
  readonly #orderTimes: BoundedMap<number>;
  readonly #fills: BoundedSet;
  readonly #positionTimes = new Map<string, number>();
  readonly #balanceTimes = new Map<string, number>();
  readonly #lastFillTime = new Map<string, number>();
  /** Orders last seen open, to find the ones that closed while we were away. */
  readonly #open = new Map<string, Order>();
  readonly #symbols = new Set<string>();
  readonly #nonFlat = new Set<string>();

  constructor(capacity = 50_000) {
    this.#orderTimes = new BoundedMap(capacity);
    this.#fills = new BoundedSet(capacity);
  }

  /** True when this update is not older than the last one applied for the order. */
  acceptOrder(order: Order, eventTime: number): boolean {
    const last = this.#orderTimes.get(order.id);
    if (last !== undefined && eventTime < last) return false;
    this.#orderTimes.set(order.id, eventTime);
    this.#symbols.add(order.market);
    if (CLOSED.has(order.status)) this.#open.delete(order.id);
    else this.#open.set(order.id, order);
    return true;
  }

  /** True the first time a fill id is seen. */
  acceptFill(fill: Fill): boolean {
    if (!this.#fills.add(fill.id)) return false;
    this.#symbols.add(fill.market);
    const last = this.#lastFillTime.get(fill.market) ?? 0;
    if (fill.timestamp > last) this.#lastFillTime.set(fill.market, fill.timestamp);
    return true;
  }

  hasFill(id: string): boolean {
    return this.#fills.has(id);
  }

  acceptPosition(position: Position, eventTime: number): boolean {
    const last = this.#positionTimes.get(position.market);
    if (last !== undefined && eventTime < last) return false;
    this.#positionTimes.set(position.market, eventTime);
    this.#symbols.add(position.market);
    if (position.side === 'flat') this.#nonFlat.delete(position.market);
    else this.#nonFlat.add(position.market);
    return true;
  }

  acceptBalance(balance: Balance, eventTime: number): boolean {
    const last = this.#balanceTimes.get(balance.asset);
    if (last !== undefined && eventTime < last) return false;
    this.#balanceTimes.set(balance.asset, eventTime);
    return true;
  }

  lastFillTime(symbol: string): number | undefined {
    return this.#lastFillTime.get(symbol);
  }

  /** Orders last seen open. */
  openOrders(): Order[] {
    return [...this.#open.values()];
  }

  /** Symbols with stream activity (orders, fills, positions). */
  symbols(): string[] {
    return [...this.#symbols];
  }

  /** Symbols whose last known position was not flat. */
  nonFlatSymbols(): string[] {
    return [...this.#nonFlat];
  }
}
