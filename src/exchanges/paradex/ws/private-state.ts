/**
 * Private events on their way out (pain 3: fills lost across a disconnect).
 *  - Fills are delivered once per fill id, whichever path brings them (stream, REST catch-up, a
 *    duplicated frame); the remembered ids are bounded so a long run does not grow memory.
 *  - What a catch-up needs is tracked: the newest fill time, the orders last seen open and the
 *    markets with a position.
 *  - During a catch-up, stream events are held, the REST view is emitted first (orders, missed
 *    fills in time order, positions, account), then the held events follow (deduplicated; order
 *    updates older than the REST view are dropped).
 */
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { AccountSummary, Fill, Order, Position } from '../../../core/types.js';

type Emit = (event: ExchangeEvent) => void;

/** A set of the most recent ids, oldest forgotten first beyond `capacity`. */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** True when the id is new (it is remembered from now on). */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

const OPEN_STATUSES = new Set(['new', 'untriggered', 'open', 'partially_filled', 'pending_cancel']);

export interface CatchUpView {
  /** Orders to report: open ones and the final state of orders we last saw open. */
  readonly orders?: readonly Order[];
  readonly fills?: readonly Fill[];
  readonly positions?: readonly Position[];
  readonly account?: AccountSummary;
}

export interface PrivateStats {
  fillsDelivered: number;
  duplicateFills: number;
  missedFillsRecovered: number;
  catchUps: number;
}

export class PrivateEventState {
  readonly stats: PrivateStats = { fillsDelivered: 0, duplicateFills: 0, missedFillsRecovered: 0, catchUps: 0 };
  private readonly fillIds: RecentIds;
  private readonly openOrders = new Map<string, Order>();
  private readonly positionMarkets = new Set<string>();
  private held: ExchangeEvent[] | undefined;
  /** Newest fill time delivered (venue ms). */
  lastFillAt: number | undefined;
  /** Fills older than this belong to before the stream started; catch-up does not report them. */
  fillsWatermark: number | undefined;

  constructor(private readonly emit: Emit, fillIdCapacity = 20_000) {
    this.fillIds = new RecentIds(fillIdCapacity);
  }

  get catchingUp(): boolean {
    return this.held !== undefined;
  }

  /** Orders last seen open (catch-up asks the venue what became of them). */
  trackedOpenOrders(): Order[] {
    return [...this.openOrders.values()];
  }

  positionsHeld(): string[] {
    return [...this.positionMarkets];
  }

  /** Every private event goes through here. */
  deliver(event: ExchangeEvent): void {
    if (this.held !== undefined) {
      this.held.push(event);
      return;
    }
    this.publish(event);
  }

  beginCatchUp(): void {
    this.held ??= [];
  }

  /** The catch-up failed: held events are dropped (the next catch-up fetches their state again). */
  abortCatchUp(): void {
    this.held = undefined;
  }

  finishCatchUp(view: CatchUpView, exchange: 'paradex', now: number): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.stats.catchUps += 1;
    const restOrderTime = new Map<string, number>();
    for (const order of view.orders ?? []) {
      restOrderTime.set(order.id, order.updatedAt);
      this.publishOrderIfChanged(order, exchange);
    }
    const fills = [...(view.fills ?? [])]
      .filter((f) => this.fillsWatermark === undefined || f.timestamp >= this.fillsWatermark)
      .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const fill of fills) {
      if (this.fillIds.has(fill.id)) continue;
      this.stats.missedFillsRecovered += 1;
      this.publish({ type: 'fill', exchange, fill });
    }
    if (view.positions !== undefined) {
      const seen = new Set<string>();
      for (const position of view.positions) {
        seen.add(position.market);
        this.publish({ type: 'position', exchange, position });
      }
      // A position we held that the venue no longer lists was closed while we were away.
      for (const market of [...this.positionMarkets]) {
        if (seen.has(market)) continue;
        this.publish({ type: 'position', exchange, position: flatPosition(market, exchange, now) });
      }
    }
    if (view.account !== undefined) this.publish({ type: 'account', exchange, account: view.account });
    for (const event of held) {
      if (event.type === 'order') {
        const restTime = restOrderTime.get(event.order.id);
        if (restTime !== undefined && event.order.updatedAt < restTime) continue;
      }
      this.publish(event);
    }
  }

  private publishOrderIfChanged(order: Order, exchange: 'paradex'): void {
    const last = this.openOrders.get(order.id);
    if (last !== undefined && last.status === order.status && last.filledSize === order.filledSize && last.updatedAt === order.updatedAt) return;
    this.publish({ type: 'order', exchange, order });
  }

  private publish(event: ExchangeEvent): void {
    switch (event.type) {
      case 'fill':
        if (!this.fillIds.add(event.fill.id)) {
          this.stats.duplicateFills += 1;
          return;
        }
        this.stats.fillsDelivered += 1;
        if (this.lastFillAt === undefined || event.fill.timestamp > this.lastFillAt) this.lastFillAt = event.fill.timestamp;
        break;
      case 'order':
        if (OPEN_STATUSES.has(event.order.status)) this.openOrders.set(event.order.id, event.order);
        else this.openOrders.delete(event.order.id);
        break;
      case 'position':
        if (event.position.side === 'flat') this.positionMarkets.delete(event.position.market);
        else this.positionMarkets.add(event.position.market);
        break;
      default:
        break;
    }
    this.emit(event);
  }
}

function flatPosition(market: string, exchange: 'paradex', now: number): Position {
  return {
    exchange,
    market,
    side: 'flat',
    size: '0',
    signedSize: '0',
    entryPrice: '0',
    unrealizedPnl: '0',
    realizedPnl: '0',
    updatedAt: now,
  };
}
