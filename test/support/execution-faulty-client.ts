/**
 * FaultyExchangeClient: wraps any ExchangeClient and injects the failures the execution layer must
 * survive, deterministically (seeded PRNG):
 *   calls   timeout / 503 / connection drop BEFORE the venue acted (it never saw the call) or AFTER
 *           it (the venue acted, the answer was lost), 429, a rate-limit ban (418);
 *   events  dropped, duplicated, held back and delivered later (reordered);
 *   link    disconnect() (events lost, every call fails) and reconnect() (a `reconnected` event).
 * Faults are queued per method with failNext(), or drawn at random with setRandomFaults().
 */
import { RateLimitError, TimeoutError, TransportError } from '../../src/core/errors.js';
import type { EventHandler, ExchangeClient, ExchangeEvent, Subscription } from '../../src/core/exchange-client.js';
import type { HistoryQuery, OrderAmendment, OrderRef, OrderRequest } from '../../src/core/types.js';

export type CallFault =
  | 'timeout_before'
  | 'timeout_after'
  | 'http_503_before'
  | 'http_503_after'
  | 'drop_before'
  | 'drop_after'
  | 'rate_limit'
  | 'rate_limit_ban';

export const ALL_CALL_FAULTS: readonly CallFault[] = [
  'timeout_before',
  'timeout_after',
  'http_503_before',
  'http_503_after',
  'drop_before',
  'drop_after',
  'rate_limit',
  'rate_limit_ban',
];

export type FaultyMethod =
  | 'placeOrder'
  | 'cancelOrder'
  | 'amendOrder'
  | 'cancelAllOrders'
  | 'getOrder'
  | 'getOpenOrders'
  | 'getPositions'
  | 'getFills'
  | 'getBalances'
  | 'getAccount'
  | 'getServerTime'
  | 'setDeadManSwitch';

export interface RandomCallFaults {
  readonly probability: number;
  readonly faults: readonly CallFault[];
  readonly methods: readonly FaultyMethod[];
}

export interface EventFaults {
  readonly drop?: number;
  readonly duplicate?: number;
  readonly reorder?: number;
}

/** mulberry32: small, fast, good enough to drive faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultyExchangeClient implements ExchangeClient {
  readonly inner: ExchangeClient;
  readonly random: () => number;
  /** Every fault injected, in order. */
  readonly injected: { method: FaultyMethod; fault: CallFault }[] = [];
  readonly eventStats = { delivered: 0, dropped: 0, duplicated: 0, reordered: 0, lostWhileDisconnected: 0 };
  readonly #queued = new Map<FaultyMethod, CallFault[]>();
  readonly #handlers: EventHandler[] = [];
  #held: ExchangeEvent[] = [];
  #random: RandomCallFaults | undefined;
  #events: EventFaults = {};
  #disconnected = false;
  #unsubscribeInner: (() => void) | undefined;

  constructor(inner: ExchangeClient, options: { seed?: number } = {}) {
    this.inner = inner;
    this.random = seededRandom(options.seed ?? 1);
  }

  get exchange() {
    return this.inner.exchange;
  }

  get capabilities() {
    return this.inner.capabilities;
  }

  get disconnected(): boolean {
    return this.#disconnected;
  }

  // ---- fault knobs ----

  failNext(method: FaultyMethod, fault: CallFault, times = 1): void {
    const list = this.#queued.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.#queued.set(method, list);
  }

  setRandomFaults(faults: RandomCallFaults | undefined): void {
    this.#random = faults;
  }

  setEventFaults(faults: EventFaults): void {
    this.#events = faults;
  }

  /** The link drops: handlers hear `reconnecting`, events are lost, calls fail before the venue. */
  disconnect(): void {
    this.#disconnected = true;
    this.#deliver({ type: 'connection', exchange: this.exchange, state: 'reconnecting', reason: 'injected disconnect', timestamp: Date.now() });
  }

  /** The link is back: handlers hear `reconnected` (the executor must reconcile). */
  reconnect(): void {
    this.#disconnected = false;
    this.#deliver({ type: 'connection', exchange: this.exchange, state: 'reconnected', timestamp: Date.now() });
  }

  /** Deliver every event held back for reordering. */
  flushHeld(): void {
    const held = this.#held;
    this.#held = [];
    for (const e of held) this.#deliver(e);
  }

  // ---- ExchangeClient ----

  connect(): Promise<void> {
    return this.inner.connect();
  }

  close(): Promise<void> {
    this.#unsubscribeInner?.();
    return this.inner.close();
  }

  loadMarkets(reload?: boolean) {
    return this.inner.loadMarkets(reload);
  }

  market(symbol: string) {
    return this.inner.market(symbol);
  }

  getOrderBook(market: string, depth?: number) {
    return this.inner.getOrderBook(market, depth);
  }

  getBBO(market: string) {
    return this.inner.getBBO(market);
  }

  getTrades(market: string, limit?: number) {
    return this.inner.getTrades(market, limit);
  }

  getFundingRate(market: string) {
    return this.inner.getFundingRate(market);
  }

  getServerTime() {
    return this.#call('getServerTime', () => this.inner.getServerTime());
  }

  getAccount() {
    return this.#call('getAccount', () => this.inner.getAccount());
  }

  getBalances() {
    return this.#call('getBalances', () => this.inner.getBalances());
  }

  getPositions() {
    return this.#call('getPositions', () => this.inner.getPositions());
  }

  getOpenOrders(market?: string) {
    return this.#call('getOpenOrders', () => this.inner.getOpenOrders(market));
  }

  getOrder(ref: OrderRef) {
    return this.#call('getOrder', () => this.inner.getOrder(ref));
  }

  getOrderHistory(query?: HistoryQuery) {
    return this.inner.getOrderHistory(query);
  }

  getFills(query?: HistoryQuery) {
    return this.#call('getFills', () => this.inner.getFills(query));
  }

  getFundingPayments(query?: HistoryQuery) {
    return this.inner.getFundingPayments(query);
  }

  placeOrder(request: OrderRequest) {
    return this.#call('placeOrder', () => this.inner.placeOrder(request));
  }

  placeOrders(requests: readonly OrderRequest[]) {
    return this.inner.placeOrders(requests);
  }

  amendOrder(ref: OrderRef, changes: OrderAmendment) {
    return this.#call('amendOrder', () => this.inner.amendOrder(ref, changes));
  }

  cancelOrder(ref: OrderRef) {
    return this.#call('cancelOrder', () => this.inner.cancelOrder(ref));
  }

  cancelAllOrders(market?: string) {
    return this.#call('cancelAllOrders', () => this.inner.cancelAllOrders(market));
  }

  setDeadManSwitch(timeoutMs: number) {
    return this.#call('setDeadManSwitch', () => this.inner.setDeadManSwitch(timeoutMs));
  }

  subscribe(subscription: Subscription) {
    return this.inner.subscribe(subscription);
  }

  unsubscribe(subscription: Subscription) {
    return this.inner.unsubscribe(subscription);
  }

  onEvent(handler: EventHandler): () => void {
    this.#unsubscribeInner ??= this.inner.onEvent((e) => this.#fromInner(e));
    this.#handlers.push(handler);
    return () => {
      const i = this.#handlers.indexOf(handler);
      if (i >= 0) this.#handlers.splice(i, 1);
    };
  }

  // ---- internals ----

  async #call<T>(method: FaultyMethod, fn: () => Promise<T>): Promise<T> {
    if (this.#disconnected) throw new TransportError('connection lost (injected disconnect)', { exchange: this.exchange });
    const fault = this.#takeFault(method);
    if (fault === undefined) return fn();
    this.injected.push({ method, fault });
    if (fault.endsWith('_after')) await fn();
    throw this.#error(fault);
  }

  #takeFault(method: FaultyMethod): CallFault | undefined {
    const queued = this.#queued.get(method);
    if (queued !== undefined && queued.length > 0) return queued.shift();
    const r = this.#random;
    if (r === undefined || !r.methods.includes(method) || this.random() >= r.probability) return undefined;
    return r.faults[Math.floor(this.random() * r.faults.length)];
  }

  #error(fault: CallFault): Error {
    const exchange = this.exchange;
    switch (fault) {
      case 'timeout_before':
      case 'timeout_after':
        return new TimeoutError('request timed out (injected)', { exchange });
      case 'http_503_before':
      case 'http_503_after':
        return new TransportError('503 Service Unavailable: execution status unknown (injected)', { exchange, httpStatus: 503 });
      case 'drop_before':
      case 'drop_after':
        return new TransportError('socket hang up (injected)', { exchange });
      case 'rate_limit':
        return new RateLimitError('429 Too Many Requests (injected)', 500, { exchange, httpStatus: 429 });
      case 'rate_limit_ban':
        return new RateLimitError('418 banned (injected)', 2_000, { exchange, httpStatus: 418, banned: true });
    }
  }

  #fromInner(event: ExchangeEvent): void {
    if (this.#disconnected) {
      this.eventStats.lostWhileDisconnected++;
      return;
    }
    const { drop = 0, duplicate = 0, reorder = 0 } = this.#events;
    const r = drop + duplicate + reorder > 0 ? this.random() : 1;
    if (r < drop) {
      this.eventStats.dropped++;
      return;
    }
    if (r < drop + duplicate) {
      this.eventStats.duplicated++;
      this.#deliver(event);
      this.#deliver(event);
      return;
    }
    if (r < drop + duplicate + reorder) {
      this.eventStats.reordered++;
      this.#held.push(event);
      return;
    }
    this.#deliver(event);
    if (this.#held.length > 0 && this.random() < 0.5) this.flushHeld();
  }

  #deliver(event: ExchangeEvent): void {
    this.eventStats.delivered++;
    for (const h of [...this.#handlers]) h(event);
  }
}
