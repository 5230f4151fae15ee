/**
 * Reconciler: gathers the venue's view (fills since the last one seen, open orders, a lookup for
 * each of our live orders missing from them, positions, balances, account), runs the pure
 * `reconcile` diff and applies its corrections. Fills are fetched BEFORE positions so that every
 * fill reported is contained in the position snapshot that follows.
 *
 * Unresolved orders (pending_submit / unknown) not in flight get the executor's full lookup
 * sequence: if the venue never shows them they are declared lost at once (they are never resent
 * from here: a stale entry must not be placed minutes later; protection is re-placed by the
 * PositionManager on its own).
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { Balance, Fill, Order, OrderType } from '../core/types.js';
import type { OrderExecutor } from './order-executor.js';
import { isTerminalStatus, isUnresolvedStatus } from './order-state.js';
import type { PositionManager } from './position-manager.js';
import { reconcile, type Correction, type StrayOrderPolicy } from './reconcile.js';
import type { RiskManager } from './risk.js';
import type { ExecutionEventHandler, OrderRole } from './types.js';

export interface ReconcilerOptions {
  readonly client: ExchangeClient;
  readonly executor: OrderExecutor;
  readonly positions: PositionManager;
  readonly risk?: RiskManager;
  readonly balances: Map<string, Balance>;
  readonly strayOrders?: StrayOrderPolicy;
  readonly clock?: Clock;
  /** Fills are re-read from this long before the last one seen (default 60 s) to cover clock jitter. */
  readonly fillOverlapMs?: number;
  readonly onEvent?: ExecutionEventHandler;
}

export interface ReconcileReport {
  readonly trigger: string;
  readonly corrections: readonly Correction[];
  readonly startedAt: number;
  readonly finishedAt: number;
}

export const LAST_FILL_KEY = 'fills.last_at';

/** The role an order of ours found on the venue most likely had. */
export function inferRole(type: OrderType, reduceOnly: boolean): OrderRole {
  if (type === 'stop_loss_market' || type === 'stop_loss_limit' || (reduceOnly && (type === 'stop_market' || type === 'stop_limit'))) return 'stop_loss';
  if (type === 'take_profit_market' || type === 'take_profit_limit') return 'take_profit';
  return reduceOnly ? 'exit' : 'adopted';
}

export class Reconciler {
  readonly #client: ExchangeClient;
  readonly #executor: OrderExecutor;
  readonly #positions: PositionManager;
  readonly #risk: RiskManager | undefined;
  readonly #balances: Map<string, Balance>;
  readonly #stray: StrayOrderPolicy;
  readonly #clock: Clock;
  readonly #overlapMs: number;
  readonly #emit: ExecutionEventHandler;

  constructor(options: ReconcilerOptions) {
    this.#client = options.client;
    this.#executor = options.executor;
    this.#positions = options.positions;
    this.#risk = options.risk;
    this.#balances = options.balances;
    this.#stray = options.strayOrders ?? 'adopt';
    this.#clock = options.clock ?? systemClock;
    this.#overlapMs = options.fillOverlapMs ?? 60_000;
    this.#emit = options.onEvent ?? (() => undefined);
  }

  async run(trigger: string): Promise<ReconcileReport> {
    const startedAt = this.#clock.now();
    const tracker = this.#executor.tracker;
    const fills = await this.#fetchFills();
    const openOrders = await this.#client.getOpenOrders();
    await this.#resolveUnresolved(openOrders);
    const lookedUp = await this.#lookUpMissing(openOrders);
    const positions = await this.#client.getPositions();
    const balances = await this.#client.getBalances();
    const account = await this.#client.getAccount();
    const local = {
      orders: tracker.live(),
      positions: this.#positionStates(positions.map((p) => p.market)),
      balances: [...this.#balances.values()],
      hasSeenFill: (id: string) => tracker.hasSeenFill(id),
    };
    const corrections = reconcile(local, { openOrders, lookedUp, fills, positions, balances }, {
      ownsClientOrderId: (id) => this.#executor.clientIds.owns(id),
      strayOrders: this.#stray,
    });
    await this.#apply(corrections, fills);
    this.#positions.markVerified();
    this.#risk?.observeEquity(account.equity, this.#clock.now());
    this.#emit({ type: 'reconciled', corrections: corrections.length, trigger });
    return { trigger, corrections, startedAt, finishedAt: this.#clock.now() };
  }

  async #fetchFills(): Promise<readonly Fill[]> {
    const journal = this.#executor.journal;
    const last = journal.getState<number>(LAST_FILL_KEY);
    const live = this.#executor.tracker.live();
    const oldestLive = live.length === 0 ? undefined : Math.min(...live.map((o) => o.createdAt));
    const from = last ?? oldestLive;
    if (from === undefined) return [];
    const fills = await this.#client.getFills({ since: Math.max(0, from - this.#overlapMs) });
    const newest = fills.reduce((m, f) => Math.max(m, f.timestamp), last ?? 0);
    if (newest > (last ?? 0)) journal.setState(LAST_FILL_KEY, newest);
    return fills;
  }

  /** Unresolved orders the venue does not list as open: the executor's lookup sequence decides. */
  async #resolveUnresolved(openOrders: readonly Order[]): Promise<void> {
    const open = new Set(openOrders.flatMap((o) => (o.clientOrderId === undefined ? [] : [o.clientOrderId])));
    for (const o of this.#executor.tracker.live()) {
      if (!isUnresolvedStatus(o.status) || open.has(o.clientOrderId) || this.#executor.isInFlight(o.clientOrderId)) continue;
      const outcome = await this.#executor.lookup(o.clientOrderId);
      if (outcome === 'absent') this.#executor.tracker.declareLost(o.clientOrderId);
    }
  }

  /** Working orders of ours missing from the open list: one lookup each (closed ones are in history). */
  async #lookUpMissing(openOrders: readonly Order[]): Promise<Map<string, Order | null>> {
    const open = new Set(openOrders.flatMap((o) => (o.clientOrderId === undefined ? [o.id] : [o.clientOrderId, o.id])));
    const out = new Map<string, Order | null>();
    for (const o of this.#executor.tracker.live()) {
      if (open.has(o.clientOrderId) || (o.venueOrderId !== undefined && open.has(o.venueOrderId))) continue;
      if (this.#executor.isInFlight(o.clientOrderId) || isUnresolvedStatus(o.status)) continue;
      try {
        out.set(o.clientOrderId, (await this.#client.getOrder({ clientOrderId: o.clientOrderId, market: o.market })) ?? null);
      } catch (error) {
        this.#emit({ type: 'error', where: `reconcile lookup ${o.clientOrderId}`, error });
      }
    }
    return out;
  }

  #positionStates(venueMarkets: readonly string[]) {
    const markets = new Set([...venueMarkets, ...this.#positions.positions().map((p) => p.market)]);
    return [...markets].flatMap((m) => {
      const s = this.#positions.state(m);
      return s === undefined ? [] : [s];
    });
  }

  async #apply(corrections: readonly Correction[], fills: readonly Fill[]): Promise<void> {
    const tracker = this.#executor.tracker;
    const fillIdsByMarket = new Map<string, string[]>();
    for (const f of fills) fillIdsByMarket.set(f.market, [...(fillIdsByMarket.get(f.market) ?? []), f.id]);
    for (const c of corrections) {
      switch (c.type) {
        case 'order_state':
          tracker.resync(c.order);
          break;
        case 'order_not_found':
          tracker.recordNotFound(c.clientOrderId);
          break;
        case 'retry_cancel':
          await this.#executor.cancel(c.clientOrderId);
          break;
        case 'adopt_order':
        case 'cancel_stray_order': {
          const id = c.order.clientOrderId as string;
          const known = tracker.get(id);
          if (known === undefined) tracker.adopt(c.order, inferRole(c.order.type, c.order.reduceOnly));
          else tracker.resync(c.order);
          if (c.type === 'cancel_stray_order' && !isTerminalStatus(tracker.get(id)?.status ?? 'canceled')) await this.#executor.cancel(id);
          break;
        }
        case 'missed_fill':
          // Order progress only: the position snapshot applied below already contains this fill.
          tracker.applyFill(c.fill, 'reconcile');
          break;
        case 'position':
          this.#positions.setFromVenue(c.position, fillIdsByMarket.get(c.position.market) ?? []);
          break;
        case 'position_flat':
          this.#positions.setFlat(c.market, this.#clock.now(), fillIdsByMarket.get(c.market) ?? []);
          break;
        case 'balance':
          this.#balances.set(c.balance.asset, c.balance);
          break;
      }
    }
  }
}
