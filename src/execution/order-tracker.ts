/**
 * OrderTracker: every order we send, keyed by client order id, created before the request leaves
 * (status pending_submit) and fed only by normalised updates (the submit answer, the stream, REST
 * polls, reconciliation). Each update passes the transition table; an illegal one is counted and
 * reported, never applied. Fills are deduplicated by fill id across all sources. An order the
 * venue keeps saying it does not know is declared lost after `lostAfter` consecutive checks.
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { add, gt, gte, isZero, lt, max } from '../core/decimal.js';
import type { Fill, Order, OrderRequest, OrderStatus } from '../core/types.js';
import { checkTransition, isTerminalStatus, isUnresolvedStatus, isWorkingStatus } from './order-state.js';
import type { OrderRole, TrackedOrder, UpdateSource } from './types.js';

export interface OrderTrackerOptions {
  readonly clock?: Clock;
  /** Consecutive "not found" answers before an order is declared lost (default 3). */
  readonly lostAfter?: number;
  /** Fill ids remembered for deduplication (default 50 000; the oldest are forgotten first). */
  readonly fillMemory?: number;
  /** Terminal orders kept in memory (default 5 000; the oldest are dropped first). */
  readonly terminalMemory?: number;
}

export type ApplyResult =
  | { readonly kind: 'applied'; readonly order: TrackedOrder; readonly previous: OrderStatus; readonly changed: boolean }
  | { readonly kind: 'stale'; readonly order: TrackedOrder }
  | { readonly kind: 'illegal'; readonly order: TrackedOrder; readonly from: OrderStatus; readonly to: OrderStatus }
  | { readonly kind: 'untracked' };

export type FillResult =
  | { readonly kind: 'new'; readonly order: TrackedOrder | undefined }
  | { readonly kind: 'duplicate' };

export interface TrackerStats {
  illegalTransitions: number;
  staleUpdates: number;
  duplicateFills: number;
  lostOrders: number;
  /** Reconciliation overrode local state that the table would not have moved (venue wins). */
  resyncs: number;
}

export interface TrackerListener {
  onChange?(order: TrackedOrder, previous: OrderStatus | undefined): void;
  onIllegal?(clientOrderId: string, from: OrderStatus, to: OrderStatus, source: UpdateSource): void;
  onLost?(order: TrackedOrder): void;
}

export interface NewOrderInit {
  readonly request: OrderRequest & { readonly clientOrderId: string };
  readonly role: OrderRole;
}

export class OrderTracker {
  readonly stats: TrackerStats = { illegalTransitions: 0, staleUpdates: 0, duplicateFills: 0, lostOrders: 0, resyncs: 0 };
  readonly lostAfter: number;
  readonly #clock: Clock;
  readonly #fillMemory: number;
  readonly #terminalMemory: number;
  readonly #orders = new Map<string, TrackedOrder>();
  readonly #byVenueId = new Map<string, string>();
  /** Sum of deduplicated fill sizes per client order id. */
  readonly #fillSums = new Map<string, string>();
  readonly #seenFills = new Set<string>();
  /** Status an order had before we asked to cancel it (restored if the cancel fails). */
  readonly #beforeCancel = new Map<string, OrderStatus>();
  readonly #listeners: TrackerListener[] = [];
  #terminalCount = 0;

  constructor(options: OrderTrackerOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.lostAfter = options.lostAfter ?? 3;
    if (!Number.isInteger(this.lostAfter) || this.lostAfter < 1) throw new RangeError(`lostAfter must be an integer >= 1 (got ${this.lostAfter})`);
    this.#fillMemory = options.fillMemory ?? 50_000;
    this.#terminalMemory = options.terminalMemory ?? 5_000;
  }

  listen(listener: TrackerListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  // ---- queries ---------------------------------------------------------------------------

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.#orders.get(clientOrderId);
  }

  byVenueId(venueOrderId: string): TrackedOrder | undefined {
    const clientOrderId = this.#byVenueId.get(venueOrderId);
    return clientOrderId === undefined ? undefined : this.#orders.get(clientOrderId);
  }

  all(): TrackedOrder[] {
    return [...this.#orders.values()];
  }

  /** Orders that are not terminal (working on the venue, unresolved, or pending cancel). */
  live(): TrackedOrder[] {
    return this.all().filter((o) => !isTerminalStatus(o.status));
  }

  hasSeenFill(fillId: string): boolean {
    return this.#seenFills.has(fillId);
  }

  // ---- creation --------------------------------------------------------------------------

  /** Track a new order before its request is sent. */
  create(init: NewOrderInit): TrackedOrder {
    const { request, role } = init;
    if (this.#orders.has(request.clientOrderId)) throw new Error(`client order id ${request.clientOrderId} is already tracked`);
    const now = this.#clock.now();
    const order: TrackedOrder = {
      clientOrderId: request.clientOrderId,
      market: request.market,
      role,
      request,
      status: 'pending_submit',
      side: request.side,
      type: request.type,
      size: request.size,
      filledSize: '0',
      ...(request.price === undefined ? {} : { price: request.price }),
      ...(request.triggerPrice === undefined ? {} : { triggerPrice: request.triggerPrice }),
      reduceOnly: request.reduceOnly === true || request.closePosition === true,
      submitAttempts: 0,
      notFoundCount: 0,
      lost: false,
      createdAt: now,
      updatedAt: now,
      venueUpdatedAt: 0,
    };
    this.#store(order, undefined);
    return order;
  }

  /** Put back an order read from the journal (no listener call: nothing changed). */
  restore(order: TrackedOrder): void {
    this.#orders.set(order.clientOrderId, order);
    if (order.venueOrderId !== undefined) this.#byVenueId.set(order.venueOrderId, order.clientOrderId);
    if (isTerminalStatus(order.status)) this.#terminalCount++;
  }

  /** Start tracking an order of ours found on the venue that this process did not create. */
  adopt(venueOrder: Order, role: OrderRole): TrackedOrder {
    const clientOrderId = venueOrder.clientOrderId;
    if (clientOrderId === undefined) throw new Error(`cannot adopt venue order ${venueOrder.id} without a client order id`);
    const existing = this.#orders.get(clientOrderId);
    if (existing !== undefined) return existing;
    const request: OrderRequest & { clientOrderId: string } = {
      market: venueOrder.market,
      side: venueOrder.side,
      type: venueOrder.type,
      size: venueOrder.size,
      ...(venueOrder.price === undefined ? {} : { price: venueOrder.price }),
      ...(venueOrder.triggerPrice === undefined ? {} : { triggerPrice: venueOrder.triggerPrice }),
      timeInForce: venueOrder.timeInForce,
      reduceOnly: venueOrder.reduceOnly,
      clientOrderId,
    };
    this.create({ request, role });
    this.#patch(clientOrderId, { submitAttempts: 1 });
    this.resync(venueOrder);
    return this.#orders.get(clientOrderId) as TrackedOrder;
  }

  // ---- venue updates ---------------------------------------------------------------------

  /** An order update from any source, checked against the transition table. */
  applyUpdate(update: Order, source: UpdateSource): ApplyResult {
    const current = this.#locate(update);
    if (current === undefined) return { kind: 'untracked' };
    if (this.#isStale(current, update)) {
      this.stats.staleUpdates++;
      return { kind: 'stale', order: current };
    }
    // While our cancel is in flight the venue may still report the order working: keep
    // pending_cancel and take the new fill information.
    const target: OrderStatus =
      current.status === 'pending_cancel' && isWorkingStatus(update.status) ? 'pending_cancel' : update.status;
    const verdict = checkTransition(current.status, target);
    if (verdict === 'illegal') return this.#illegal(current, target, source);
    return this.#merge(current, update, target);
  }

  /**
   * Reconciliation: the venue's answer replaces local state even where the table would refuse the
   * step (the venue always wins), unless local state is newer than the venue's answer.
   */
  resync(update: Order): ApplyResult {
    const current = this.#locate(update);
    if (current === undefined) return { kind: 'untracked' };
    if (current.venueUpdatedAt > update.updatedAt) {
      this.stats.staleUpdates++;
      return { kind: 'stale', order: current };
    }
    const keepCancel = current.status === 'pending_cancel' && isWorkingStatus(update.status);
    const target: OrderStatus = keepCancel ? 'pending_cancel' : update.status;
    if (checkTransition(current.status, target) === 'illegal') this.stats.resyncs++;
    // The venue's filled size is the truth here, even below what stream fills suggested.
    return this.#merge({ ...current, filledSize: '0' }, update, target, current);
  }

  /** A fill from any source; duplicates (by fill id) are dropped. */
  applyFill(fill: Fill, _source: UpdateSource): FillResult {
    if (this.#seenFills.has(fill.id)) {
      this.stats.duplicateFills++;
      return { kind: 'duplicate' };
    }
    this.#rememberFill(fill.id);
    const clientOrderId = fill.clientOrderId ?? this.#byVenueId.get(fill.orderId);
    const current = clientOrderId === undefined ? undefined : this.#orders.get(clientOrderId);
    if (current === undefined) return { kind: 'new', order: undefined };
    const filled = add(this.#fillSums.get(current.clientOrderId) ?? '0', fill.size);
    this.#fillSums.set(current.clientOrderId, filled);
    const filledSize = max(filled, current.filledSize);
    const venueOrderId = current.venueOrderId ?? fill.orderId;
    if (venueOrderId !== current.venueOrderId) this.#byVenueId.set(venueOrderId, current.clientOrderId);
    let target: OrderStatus = current.status;
    if (!isTerminalStatus(current.status) && current.status !== 'pending_cancel') {
      const complete = !isZero(current.size) && gte(filledSize, current.size);
      target = complete ? 'filled' : 'partially_filled';
    }
    const verdict = checkTransition(current.status, target);
    if (verdict === 'illegal') {
      // The fill is real even when its status hint is not: keep the fill size, leave the status.
      this.#replace(current, { filledSize, venueOrderId });
      return { kind: 'new', order: this.#orders.get(current.clientOrderId) };
    }
    this.#replace(current, { status: target, filledSize, venueOrderId, notFoundCount: 0 });
    return { kind: 'new', order: this.#orders.get(current.clientOrderId) };
  }

  // ---- local transitions -----------------------------------------------------------------

  /** The request is about to be sent (again): pending_submit, one more attempt. */
  markSubmitting(clientOrderId: string): ApplyResult {
    const current = this.#require(clientOrderId);
    if (current.status !== 'pending_submit') {
      const verdict = checkTransition(current.status, 'pending_submit');
      if (verdict === 'illegal') return this.#illegal(current, 'pending_submit', 'local');
    }
    return this.#local(current, 'pending_submit', { submitAttempts: current.submitAttempts + 1, notFoundCount: 0 });
  }

  markUnknown(clientOrderId: string, reason: string): ApplyResult {
    return this.#localTransition(clientOrderId, 'unknown', { cancelReason: reason });
  }

  /** The venue certainly did not take the order (a definitive refusal of the request). */
  markRejected(clientOrderId: string, reason: string): ApplyResult {
    return this.#localTransition(clientOrderId, 'rejected', { cancelReason: reason });
  }

  markPendingCancel(clientOrderId: string): ApplyResult {
    const current = this.#require(clientOrderId);
    if (current.status === 'pending_cancel' || isTerminalStatus(current.status)) return { kind: 'applied', order: current, previous: current.status, changed: false };
    this.#beforeCancel.set(clientOrderId, current.status);
    return this.#localTransition(clientOrderId, 'pending_cancel', {});
  }

  /** The venue refused our cancel while the order is still working: back to its prior state. */
  markCancelFailed(clientOrderId: string): ApplyResult {
    const current = this.#require(clientOrderId);
    if (current.status !== 'pending_cancel') return { kind: 'applied', order: current, previous: current.status, changed: false };
    const before = this.#beforeCancel.get(clientOrderId);
    const back: OrderStatus =
      before !== undefined && before !== 'pending_submit' && before !== 'unknown' ? before : gt(current.filledSize, '0') ? 'partially_filled' : 'open';
    return this.#localTransition(clientOrderId, back, {});
  }

  /** One more "the venue does not know this order"; declares it lost at `lostAfter`. */
  recordNotFound(clientOrderId: string): TrackedOrder {
    const current = this.#require(clientOrderId);
    if (isTerminalStatus(current.status)) return current;
    const count = current.notFoundCount + 1;
    this.#replace(current, { notFoundCount: count });
    if (count >= this.lostAfter) this.declareLost(clientOrderId);
    return this.#require(clientOrderId);
  }

  /**
   * The venue does not know this order. Never acknowledged: it never arrived (rejected).
   * Acknowledged once: it is gone (canceled). Either way it is terminal and flagged lost.
   */
  declareLost(clientOrderId: string): TrackedOrder {
    const current = this.#require(clientOrderId);
    if (isTerminalStatus(current.status)) return current;
    const neverAcked = current.venueOrderId === undefined && (isUnresolvedStatus(current.status) || current.status === 'pending_cancel');
    const to: OrderStatus = neverAcked ? 'rejected' : 'canceled';
    this.#replace(current, { status: to, lost: true, cancelReason: neverAcked ? 'LOST_NEVER_SEEN_BY_VENUE' : 'LOST_UNKNOWN_TO_VENUE' });
    this.stats.lostOrders++;
    const lost = this.#require(clientOrderId);
    for (const l of this.#listeners) l.onLost?.(lost);
    return lost;
  }

  // ---- internals -------------------------------------------------------------------------

  #require(clientOrderId: string): TrackedOrder {
    const order = this.#orders.get(clientOrderId);
    if (order === undefined) throw new Error(`client order id ${clientOrderId} is not tracked`);
    return order;
  }

  #locate(update: Order): TrackedOrder | undefined {
    if (update.clientOrderId !== undefined) {
      const byClient = this.#orders.get(update.clientOrderId);
      if (byClient !== undefined) return byClient;
    }
    return this.byVenueId(update.id);
  }

  #isStale(current: TrackedOrder, update: Order): boolean {
    if (current.venueUpdatedAt > 0 && update.updatedAt < current.venueUpdatedAt) return true;
    return lt(update.filledSize, current.filledSize);
  }

  #illegal(current: TrackedOrder, to: OrderStatus, source: UpdateSource): ApplyResult {
    this.stats.illegalTransitions++;
    for (const l of this.#listeners) l.onIllegal?.(current.clientOrderId, current.status, to, source);
    return { kind: 'illegal', order: current, from: current.status, to };
  }

  #merge(current: TrackedOrder, update: Order, target: OrderStatus, previousRecord: TrackedOrder = current): ApplyResult {
    const filledSize = max(update.filledSize, current.filledSize);
    const changes: Partial<Mutable<TrackedOrder>> = {
      status: target,
      venueOrderId: update.id,
      filledSize,
      venueUpdatedAt: Math.max(current.venueUpdatedAt, update.updatedAt),
      notFoundCount: 0,
    };
    if (!isZero(update.size) || isZero(current.size)) changes.size = update.size;
    if (update.avgFillPrice !== undefined) changes.avgFillPrice = update.avgFillPrice;
    if (update.price !== undefined) changes.price = update.price;
    if (update.triggerPrice !== undefined) changes.triggerPrice = update.triggerPrice;
    if (update.cancelReason !== undefined) changes.cancelReason = update.cancelReason;
    const before = previousRecord;
    const changed =
      before.status !== target ||
      before.venueOrderId !== update.id ||
      before.filledSize !== filledSize ||
      before.triggerPrice !== (changes.triggerPrice ?? before.triggerPrice) ||
      before.price !== (changes.price ?? before.price) ||
      before.size !== (changes.size ?? before.size);
    if (!changed) {
      // Nothing the caller cares about moved; still remember the venue time to judge staleness.
      this.#orders.set(before.clientOrderId, { ...before, venueUpdatedAt: changes.venueUpdatedAt as number, notFoundCount: 0 });
      return { kind: 'applied', order: this.#require(before.clientOrderId), previous: before.status, changed: false };
    }
    if (before.venueOrderId !== update.id) this.#byVenueId.set(update.id, before.clientOrderId);
    this.#replace(before, changes);
    return { kind: 'applied', order: this.#require(before.clientOrderId), previous: before.status, changed: true };
  }

  #localTransition(clientOrderId: string, to: OrderStatus, extra: Partial<Mutable<TrackedOrder>>): ApplyResult {
    const current = this.#require(clientOrderId);
    const verdict = checkTransition(current.status, to);
    if (verdict === 'illegal') return this.#illegal(current, to, 'local');
    return this.#local(current, to, extra);
  }

  #local(current: TrackedOrder, to: OrderStatus, extra: Partial<Mutable<TrackedOrder>>): ApplyResult {
    this.#replace(current, { ...extra, status: to });
    return { kind: 'applied', order: this.#require(current.clientOrderId), previous: current.status, changed: true };
  }

  #patch(clientOrderId: string, changes: Partial<Mutable<TrackedOrder>>): void {
    const current = this.#require(clientOrderId);
    this.#orders.set(clientOrderId, { ...current, ...changes });
  }

  #replace(current: TrackedOrder, changes: Partial<Mutable<TrackedOrder>>): void {
    const next: TrackedOrder = { ...current, ...changes, updatedAt: this.#clock.now() };
    this.#store(next, current.status);
  }

  #store(order: TrackedOrder, previous: OrderStatus | undefined): void {
    this.#orders.set(order.clientOrderId, order);
    if (order.venueOrderId !== undefined) this.#byVenueId.set(order.venueOrderId, order.clientOrderId);
    const becameTerminal = isTerminalStatus(order.status) && (previous === undefined || !isTerminalStatus(previous));
    if (becameTerminal) {
      this.#beforeCancel.delete(order.clientOrderId);
      this.#terminalCount++;
    }
    for (const l of this.#listeners) l.onChange?.(order, previous);
    if (becameTerminal && this.#terminalCount > this.#terminalMemory) this.#dropOldestTerminal();
  }

  #rememberFill(fillId: string): void {
    this.#seenFills.add(fillId);
    if (this.#seenFills.size > this.#fillMemory) {
      const oldest = this.#seenFills.values().next().value;
      if (oldest !== undefined) this.#seenFills.delete(oldest);
    }
  }

  #dropOldestTerminal(): void {
    const excess = this.#terminalCount - this.#terminalMemory;
    let dropped = 0;
    for (const [id, order] of this.#orders) {
      if (dropped >= excess) break;
      if (!isTerminalStatus(order.status)) continue;
      this.#orders.delete(id);
      this.#fillSums.delete(id);
      if (order.venueOrderId !== undefined) this.#byVenueId.delete(order.venueOrderId);
      dropped++;
    }
    this.#terminalCount -= dropped;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
