/**
 * OrderExecutor: place, cancel, amend, cancel-all and flatten through any ExchangeClient.
 *
 * The submit protocol never duplicates an order:
 *   1. the order is tracked (pending_submit) and its intent journaled durably before it leaves;
 *   2. a definitive refusal (outcome 'rejected') ends it as rejected;
 *   3. an unknown outcome (timeout, 5xx, Aster 503, a drop, a duplicate-client-id answer) marks it
 *      unknown and asks the venue by client id (getOrder) after each of `lookupDelaysMs`;
 *   4. only when every lookup says "no such order" is it resent, under the SAME client id (so a
 *      late original still collides on venues that enforce uniqueness), at most
 *      `maxSubmitAttempts` times in all; lookups that fail leave it unknown for reconciliation.
 * Every order passes the pre-trade check (the RiskManager) and the circuit breaker first:
 * reduce-only orders and cancels pass an open breaker, risk-increasing orders need it closed or a
 * successful probe.
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { abs, gt, isZero, sign, sub } from '../core/decimal.js';
import { DuplicateClientOrderIdError, OrderNotFoundError, RiskRejectedError } from '../core/errors.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { ClientIdGenerator } from '../core/ids.js';
import { createClientIdGenerator } from '../core/ids.js';
import type { DecimalString, Order, OrderAmendment, OrderRef, OrderRequest } from '../core/types.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { ExecutionJournal } from './journal.js';
import { isTerminalStatus, isUnresolvedStatus, isWorkingStatus } from './order-state.js';
import { OrderTracker } from './order-tracker.js';
import { describeError, outcomeIsUnknown, realSleep, type Sleep } from './outcome.js';
import type { ExecutionEventHandler, OrderRole, TrackedOrder } from './types.js';

export interface OrderExecutorOptions {
  readonly client: ExchangeClient;
  readonly journal: ExecutionJournal;
  readonly tracker?: OrderTracker;
  readonly breaker?: CircuitBreaker;
  readonly clock?: Clock;
  /** Client order ids; default createClientIdGenerator(clientIdPrefix). */
  readonly clientIds?: ClientIdGenerator;
  /** Default "fs". Reconciliation recognises our orders by it. */
  readonly clientIdPrefix?: string;
  readonly sleep?: Sleep;
  /** Waits before each lookup of an order whose outcome is unknown (default [250, 1000, 3000]). */
  readonly lookupDelaysMs?: readonly number[];
  /** Times one order may be sent in all, resubmissions included (default 3). */
  readonly maxSubmitAttempts?: number;
  /** Runs before anything is sent; throws RiskRejectedError to refuse (the RiskManager's check). */
  readonly preTradeCheck?: (request: OrderRequest, role: OrderRole) => void;
  readonly onEvent?: ExecutionEventHandler;
}

export interface PlaceOptions {
  /** Default 'exit' for reduce-only requests, 'entry' otherwise. */
  readonly role?: OrderRole;
  /** Resend after the venue proved it does not have the order (default true). */
  readonly resubmit?: boolean;
}

export type LookupOutcome = 'found' | 'absent' | 'indeterminate';

export interface ExecutorStats {
  submits: number;
  resubmits: number;
  unknownOutcomes: number;
  rejections: number;
  cancels: number;
  lookups: number;
}

/** An order that adds exposure: anything not marked reduce-only / close-position. */
export function isRiskIncreasing(request: OrderRequest): boolean {
  return request.reduceOnly !== true && request.closePosition !== true;
}

export class OrderExecutor {
  readonly client: ExchangeClient;
  readonly journal: ExecutionJournal;
  readonly tracker: OrderTracker;
  readonly breaker: CircuitBreaker;
  readonly clientIds: ClientIdGenerator;
  readonly stats: ExecutorStats = { submits: 0, resubmits: 0, unknownOutcomes: 0, rejections: 0, cancels: 0, lookups: 0 };
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #lookupDelays: readonly number[];
  readonly #maxAttempts: number;
  readonly #preTradeCheck: ((request: OrderRequest, role: OrderRole) => void) | undefined;
  readonly #emit: ExecutionEventHandler;
  readonly #lookups = new Map<string, Promise<LookupOutcome>>();
  /** Client ids with a call of ours under way (reconciliation leaves them alone). */
  readonly #inFlight = new Map<string, number>();

  constructor(options: OrderExecutorOptions) {
    this.client = options.client;
    this.journal = options.journal;
    this.#clock = options.clock ?? systemClock;
    this.tracker = options.tracker ?? new OrderTracker({ clock: this.#clock });
    this.breaker = options.breaker ?? new CircuitBreaker({ clock: this.#clock });
    this.clientIds = options.clientIds ?? createClientIdGenerator(options.clientIdPrefix ?? 'fs', this.#clock);
    this.#sleep = options.sleep ?? realSleep;
    this.#lookupDelays = options.lookupDelaysMs ?? [250, 1000, 3000];
    if (this.#lookupDelays.length < 1) throw new RangeError('lookupDelaysMs needs at least one delay');
    this.#maxAttempts = options.maxSubmitAttempts ?? 3;
    this.#preTradeCheck = options.preTradeCheck;
    this.#emit = options.onEvent ?? (() => undefined);
    this.tracker.listen({
      // pending_submit is written by the intent itself, in the same transaction, just before sending.
      onChange: (order, previous) => {
        if (order.status !== 'pending_submit') this.journal.recordOrder(order, this.#clock.now());
        this.#emit({ type: 'order_changed', order, previous });
      },
      onIllegal: (clientOrderId, from, to, source) => this.#emit({ type: 'illegal_transition', clientOrderId, from, to, source }),
      onLost: (order) => this.#emit({ type: 'order_lost', order }),
    });
    this.breaker.onChange((state, reason) => this.#emit({ type: 'breaker', state, reason }));
  }

  /** Put the journal's live orders back into the tracker (start-up, before reconciliation). */
  restoreFromJournal(): TrackedOrder[] {
    const restored = this.journal.liveOrders();
    for (const order of restored) if (this.tracker.get(order.clientOrderId) === undefined) this.tracker.restore(order);
    return restored;
  }

  // ---- place -----------------------------------------------------------------------------

  async place(request: OrderRequest, options: PlaceOptions = {}): Promise<TrackedOrder> {
    const role = options.role ?? (isRiskIncreasing(request) ? 'entry' : 'exit');
    const clientOrderId = request.clientOrderId ?? this.clientIds.next();
    const full = { ...request, clientOrderId };
    this.#preTradeCheck?.(full, role);
    await this.#admit(full);
    this.tracker.create({ request: full, role });
    return this.#busy(clientOrderId, () => this.#submit(clientOrderId, options.resubmit ?? true));
  }

  /** True while a place, cancel, amend or lookup of this order is under way. */
  isInFlight(clientOrderId: string): boolean {
    return this.#inFlight.has(clientOrderId);
  }

  async #busy<T>(clientOrderId: string, fn: () => Promise<T>): Promise<T> {
    this.#inFlight.set(clientOrderId, (this.#inFlight.get(clientOrderId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const n = (this.#inFlight.get(clientOrderId) ?? 1) - 1;
      if (n <= 0) this.#inFlight.delete(clientOrderId);
      else this.#inFlight.set(clientOrderId, n);
    }
  }

  async #submit(clientOrderId: string, resubmit: boolean): Promise<TrackedOrder> {
    for (;;) {
      const marked = this.tracker.markSubmitting(clientOrderId);
      if (marked.kind !== 'applied') return this.#current(clientOrderId);
      const tracked = marked.order;
      this.journal.recordIntent('intent_place', tracked, { attempt: tracked.submitAttempts }, this.#clock.now());
      this.stats.submits++;
      let answer: Order | undefined;
      try {
        answer = await this.client.placeOrder(tracked.request);
        this.breaker.recordSuccess();
      } catch (error) {
        this.breaker.recordFailure(error);
        const duplicate = error instanceof DuplicateClientOrderIdError;
        if (!duplicate && !outcomeIsUnknown(error)) {
          this.stats.rejections++;
          if (this.#current(clientOrderId).status === 'pending_submit') this.tracker.markRejected(clientOrderId, describeError(error));
          throw error;
        }
        this.stats.unknownOutcomes++;
        // The stream may already have told us what happened while the call was failing.
        if (this.#current(clientOrderId).status === 'pending_submit') this.tracker.markUnknown(clientOrderId, describeError(error));
      }
      if (answer !== undefined) {
        this.tracker.applyUpdate(answer, 'submit');
        return this.#current(clientOrderId);
      }
      const outcome = await this.lookup(clientOrderId);
      if (outcome !== 'absent') return this.#current(clientOrderId);
      const current = this.#current(clientOrderId);
      const mayResend = resubmit && current.submitAttempts < this.#maxAttempts && this.breaker.allows(isRiskIncreasing(current.request));
      if (!mayResend) return this.tracker.declareLost(clientOrderId);
      this.stats.resubmits++;
      this.#emit({ type: 'order_resubmitted', order: current });
    }
  }

  /**
   * Ask the venue for an unresolved order by client id, once after each lookup delay. 'found': the
   * venue has it (tracker updated); 'absent': every answer said no such order; 'indeterminate':
   * some lookups failed. One lookup per order at a time.
   */
  lookup(clientOrderId: string): Promise<LookupOutcome> {
    let running = this.#lookups.get(clientOrderId);
    if (running === undefined) {
      running = this.#busy(clientOrderId, () => this.#lookupLoop(clientOrderId)).finally(() => this.#lookups.delete(clientOrderId));
      this.#lookups.set(clientOrderId, running);
    }
    return running;
  }

  async #lookupLoop(clientOrderId: string): Promise<LookupOutcome> {
    let notFound = 0;
    for (const delay of this.#lookupDelays) {
      await this.#sleep(delay);
      const current = this.#current(clientOrderId);
      if (!isUnresolvedStatus(current.status)) return 'found';
      try {
        this.stats.lookups++;
        const order = await this.client.getOrder({ clientOrderId, market: current.market });
        this.breaker.recordSuccess();
        if (order !== undefined) {
          this.tracker.applyUpdate(order, 'poll');
          return 'found';
        }
        notFound++;
      } catch (error) {
        this.breaker.recordFailure(error);
      }
    }
    if (!isUnresolvedStatus(this.#current(clientOrderId).status)) return 'found';
    return notFound === this.#lookupDelays.length ? 'absent' : 'indeterminate';
  }

  // ---- cancel / amend --------------------------------------------------------------------

  cancel(clientOrderId: string): Promise<TrackedOrder> {
    return this.#busy(clientOrderId, () => this.#cancel(clientOrderId));
  }

  async #cancel(clientOrderId: string): Promise<TrackedOrder> {
    const current = this.#current(clientOrderId);
    if (isTerminalStatus(current.status)) return current;
    if (current.venueOrderId === undefined && !this.client.capabilities.cancelByClientId) {
      // Without a venue id we cannot address the order: learn it first.
      if ((await this.lookup(clientOrderId)) !== 'found') return this.#current(clientOrderId);
    }
    const target = this.#current(clientOrderId);
    if (isTerminalStatus(target.status)) return target;
    this.tracker.markPendingCancel(clientOrderId);
    this.journal.recordIntent('intent_cancel', this.#current(clientOrderId), null, this.#clock.now());
    this.stats.cancels++;
    let refused = false;
    try {
      await this.client.cancelOrder(this.#ref(target));
      this.breaker.recordSuccess();
    } catch (error) {
      this.breaker.recordFailure(error);
      refused = !outcomeIsUnknown(error) && !(error instanceof OrderNotFoundError);
    }
    return this.#confirm(clientOrderId, refused);
  }

  /** After a cancel: the venue's word on the order, unless the stream already gave it. */
  async #confirm(clientOrderId: string, cancelRefused: boolean): Promise<TrackedOrder> {
    if (this.#current(clientOrderId).status !== 'pending_cancel') return this.#current(clientOrderId);
    try {
      this.stats.lookups++;
      const order = await this.client.getOrder({ clientOrderId, market: this.#current(clientOrderId).market });
      this.breaker.recordSuccess();
      if (order === undefined) {
        this.tracker.recordNotFound(clientOrderId);
      } else {
        this.tracker.applyUpdate(order, 'poll');
        if (cancelRefused && isWorkingStatus(order.status)) this.tracker.markCancelFailed(clientOrderId);
      }
    } catch (error) {
      // Leave it pending_cancel: reconciliation settles it.
      this.breaker.recordFailure(error);
    }
    return this.#current(clientOrderId);
  }

  /**
   * Change price, trigger or size. In place where the venue amends (capabilities.amend); else
   * cancel, then a new order for what is left unfilled. Returns the order that now carries the
   * change (the new one after cancel + new), or the old one when nothing was left to amend.
   */
  async amend(clientOrderId: string, changes: OrderAmendment): Promise<TrackedOrder> {
    const current = this.#current(clientOrderId);
    if (!isWorkingStatus(current.status)) return current;
    if (this.client.capabilities.amend) return this.#busy(clientOrderId, () => this.#amendInPlace(current, changes));
    return this.#cancelAndReplace(clientOrderId, changes);
  }

  async #amendInPlace(current: TrackedOrder, changes: OrderAmendment): Promise<TrackedOrder> {
    const clientOrderId = current.clientOrderId;
    this.journal.recordIntent('intent_amend', current, changes, this.#clock.now());
    try {
      const answer = await this.client.amendOrder(this.#ref(current), changes);
      this.breaker.recordSuccess();
      this.tracker.applyUpdate(answer, 'submit');
    } catch (error) {
      this.breaker.recordFailure(error);
      if (!outcomeIsUnknown(error)) throw error;
      await this.#refresh(clientOrderId);
    }
    return this.#current(clientOrderId);
  }

  async #cancelAndReplace(clientOrderId: string, changes: OrderAmendment): Promise<TrackedOrder> {
    const canceled = await this.cancel(clientOrderId);
    if (!isTerminalStatus(canceled.status)) return canceled;
    const size: DecimalString = changes.size ?? canceled.size;
    const remaining = sub(size, canceled.filledSize);
    if (!gt(remaining, '0')) return canceled;
    const { clientOrderId: _old, ...base } = canceled.request;
    const request: OrderRequest = {
      ...base,
      size: remaining,
      ...(changes.price === undefined ? {} : { price: changes.price }),
      ...(changes.triggerPrice === undefined ? {} : { triggerPrice: changes.triggerPrice }),
    };
    return this.place(request, { role: canceled.role });
  }

  /** Cancel every open order (of one market, or all), then learn the final state of ours. */
  async cancelAll(market?: string): Promise<void> {
    this.journal.recordCancelAll(market, this.#clock.now());
    const ours = this.tracker.live().filter((o) => market === undefined || o.market === market);
    for (const o of ours) if (isWorkingStatus(o.status)) this.tracker.markPendingCancel(o.clientOrderId);
    if (this.client.capabilities.cancelAll) {
      try {
        await this.client.cancelAllOrders(market);
        this.breaker.recordSuccess();
      } catch (error) {
        this.breaker.recordFailure(error);
        if (!outcomeIsUnknown(error)) throw error;
      }
      await Promise.all(ours.map((o) => this.#confirm(o.clientOrderId, false)));
    } else {
      await Promise.all(ours.map((o) => this.cancel(o.clientOrderId)));
    }
  }

  /** A reduce-only market order that closes `signedSize` (positive = long) in `market`. */
  async flatten(position: { readonly market: string; readonly signedSize: DecimalString }): Promise<TrackedOrder | undefined> {
    if (isZero(position.signedSize)) return undefined;
    return this.place(
      {
        market: position.market,
        side: sign(position.signedSize) > 0 ? 'sell' : 'buy',
        type: 'market',
        size: abs(position.signedSize),
        reduceOnly: true,
        // Getting out comes first: our own resting orders in the way are expired, not the exit.
        ...(this.client.capabilities.selfTradePrevention ? { selfTradePrevention: 'expire_maker' as const } : {}),
      },
      { role: 'exit' },
    );
  }

  /** Ask the venue for one order and apply its answer (used after an ambiguous amend, and by polls). */
  async #refresh(clientOrderId: string): Promise<void> {
    try {
      this.stats.lookups++;
      const order = await this.client.getOrder({ clientOrderId, market: this.#current(clientOrderId).market });
      this.breaker.recordSuccess();
      if (order === undefined) this.tracker.recordNotFound(clientOrderId);
      else this.tracker.applyUpdate(order, 'poll');
    } catch (error) {
      this.breaker.recordFailure(error);
    }
  }

  // ---- internals -------------------------------------------------------------------------

  async #admit(request: OrderRequest): Promise<void> {
    const riskIncreasing = isRiskIncreasing(request);
    if (this.breaker.allows(riskIncreasing)) return;
    if (this.breaker.beginProbe()) {
      try {
        await this.client.getServerTime();
        this.breaker.endProbe(true);
        return;
      } catch (error) {
        this.breaker.endProbe(false, describeError(error));
      }
    }
    throw new RiskRejectedError(
      `circuit breaker ${this.breaker.state} (${this.breaker.reason}); only reduce-only orders pass, retry in ${this.breaker.retryInMs} ms`,
      'circuit_breaker',
      { exchange: this.client.exchange },
    );
  }

  #ref(order: TrackedOrder): OrderRef {
    if (this.client.capabilities.cancelByClientId || order.venueOrderId === undefined) {
      return { clientOrderId: order.clientOrderId, market: order.market };
    }
    return { id: order.venueOrderId, market: order.market };
  }

  #current(clientOrderId: string): TrackedOrder {
    const order = this.tracker.get(clientOrderId);
    if (order === undefined) throw new Error(`client order id ${clientOrderId} is not tracked`);
    return order;
  }
}
