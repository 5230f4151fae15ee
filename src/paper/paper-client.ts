/**
 * PaperExchangeClient: an ExchangeClient whose fills come from the simulator engine (market orders
 * walk the book, limit orders fill when crossed, trigger orders fire on the mark, fees, funding)
 * and whose balances, positions and open orders are kept by the engine exactly like a venue's.
 *
 * Market data: with `marketData` (any real ExchangeClient) its BBO is mirrored into the engine's
 * mark, so the engine's market maker quotes around live prices; without it the engine's own
 * seeded random walk moves the market. Events reach onEvent handlers for the subscribed topics,
 * in the engine's order, on a microtask after the call that caused them (as a socket would
 * deliver them: never inside the call, before its answer is read).
 *
 * Symbols are the engine's market ids, or its venue aliases when `exchange` has them ("BTCUSDT"
 * when exchange is 'aster').
 */
import type { Capabilities } from '../core/capabilities.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { InvalidOrderError, NotSupportedError } from '../core/errors.js';
import type { EventHandler, ExchangeClient, ExchangeEvent, Subscription } from '../core/exchange-client.js';
import type {
  AccountSummary,
  BBO,
  Balance,
  BatchItemResult,
  DecimalString,
  ExchangeId,
  Fill,
  FundingPayment,
  FundingRate,
  HistoryQuery,
  Market,
  Order,
  OrderAmendment,
  OrderBook,
  OrderRef,
  OrderRequest,
  Position,
  Trade,
} from '../core/types.js';
import { SimulatorEngine, type EngineEvent, type EngineOptions, type OrderLookup } from '../simulator/engine/index.js';
import { PAPER_CAPABILITIES } from './capabilities.js';
import * as map from './engine-mapping.js';
import { MarketMirror } from './market-mirror.js';
import { publicMarket, Subscriptions, toExchangeEvent } from './paper-events.js';

export interface PaperExchangeClientOptions {
  /** The venue this paper account stands in for (default 'paradex'): event tags and symbols. */
  readonly exchange?: ExchangeId;
  /** Share an engine (tests move its prices); default a new synchronous engine. */
  readonly engine?: SimulatorEngine;
  /** Options of the engine created when none is given (clock, seed and synchronous are set here). */
  readonly engineOptions?: Omit<EngineOptions, 'clock' | 'seed' | 'synchronous'>;
  readonly clock?: Clock;
  readonly seed?: number | string;
  /** Engine account id (default "paper"). */
  readonly account?: string;
  /** Starting collateral when the account is created (default "10000"). */
  readonly collateral?: DecimalString;
  /** A real client whose prices are mirrored into the engine. */
  readonly marketData?: ExchangeClient;
  /** Markets to mirror (default every engine market the source lists). */
  readonly mirrorMarkets?: readonly string[];
  readonly mirrorIntervalMs?: number;
  /** Engine catch-up timer (price process, triggers, dead-man switch); 0 = only on calls. Default 50. */
  readonly tickIntervalMs?: number;
  readonly capabilities?: Partial<Capabilities>;
}

export class PaperExchangeClient implements ExchangeClient {
  readonly exchange: ExchangeId;
  readonly capabilities: Capabilities;
  readonly engine: SimulatorEngine;
  readonly account: string;
  readonly #options: PaperExchangeClientOptions;
  readonly #clock: Clock;
  readonly #ownsEngine: boolean;
  readonly #handlers: EventHandler[] = [];
  readonly #markets = new Map<string, Market>();
  /** engine market id -> our symbol */
  readonly #symbols = new Map<string, string>();
  readonly #subscriptions = new Subscriptions();
  #queue: ExchangeEvent[] = [];
  #flushScheduled = false;
  #mirror: MarketMirror | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribeEngine: (() => void) | undefined;
  #connected: Promise<void> | undefined;
  #deadline: number | undefined;

  constructor(options: PaperExchangeClientOptions = {}) {
    this.#options = options;
    this.exchange = options.exchange ?? 'paradex';
    this.capabilities = { ...PAPER_CAPABILITIES, ...options.capabilities };
    this.#clock = options.clock ?? systemClock;
    this.#ownsEngine = options.engine === undefined;
    this.engine =
      options.engine ??
      new SimulatorEngine({
        ...options.engineOptions,
        clock: this.#clock,
        synchronous: true,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        // Live prices drive the mark when mirroring; the random walk would fight them.
        ...(options.marketData === undefined ? {} : { priceProcess: { ...options.engineOptions?.priceProcess, enabled: false } }),
      });
    this.account = options.account ?? 'paper';
    for (const c of this.engine.markets()) {
      const symbol = c.aliases[this.exchange] ?? c.id;
      this.#symbols.set(c.id, symbol);
      this.#markets.set(symbol, map.toMarket(c, this.exchange, symbol));
    }
    this.#unsubscribeEngine = this.engine.on((e) => this.#onEngineEvent(e));
  }

  connect(): Promise<void> {
    this.#connected ??= this.#connect();
    return this.#connected;
  }

  async #connect(): Promise<void> {
    this.engine.ensureAccount(this.account, { collateral: this.#options.collateral ?? '10000', asset: this.exchange === 'aster' ? 'USDT' : 'USDC' });
    const tick = this.#options.tickIntervalMs ?? 50;
    if (tick > 0) {
      this.#timer = setInterval(() => this.#tick(), tick);
      this.#timer.unref();
    }
    const source = this.#options.marketData;
    if (source !== undefined) {
      await source.connect();
      const listed = (await source.loadMarkets()).map((m) => m.symbol);
      const wanted = this.#options.mirrorMarkets ?? listed;
      this.#mirror = new MarketMirror({ source, engine: this.engine, ...(this.#options.mirrorIntervalMs === undefined ? {} : { pollIntervalMs: this.#options.mirrorIntervalMs }) });
      await this.#mirror.start(wanted);
    }
    this.#publish({ type: 'connection', exchange: this.exchange, state: 'ready', timestamp: this.engine.now() });
  }

  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#mirror?.stop();
    if (this.#ownsEngine) this.engine.stop();
    this.#unsubscribeEngine?.();
    this.#unsubscribeEngine = undefined;
    this.#connected = undefined;
  }

  /** The market-data mirror, when a source was given (after connect). */
  get mirror(): MarketMirror | undefined {
    return this.#mirror;
  }

  // ---- market data ----

  loadMarkets(): Promise<readonly Market[]> {
    return Promise.resolve([...this.#markets.values()]);
  }

  market(symbol: string): Market {
    const m = this.#markets.get(symbol);
    if (m === undefined) throw new InvalidOrderError(`unknown market "${symbol}"`, { field: 'market', value: symbol, rule: 'a market listed by loadMarkets()' });
    return m;
  }

  getOrderBook(market: string, depth = 20): Promise<OrderBook> {
    return this.#call(() => map.toBook(this.engine.bookSnapshot(this.market(market).symbol, depth), market));
  }

  getBBO(market: string): Promise<BBO> {
    return this.#call(() => map.toBbo(this.engine.bbo(this.market(market).symbol), market));
  }

  getTrades(market: string, limit = 100): Promise<readonly Trade[]> {
    return this.#call(() => this.engine.recentTrades(this.market(market).symbol, limit).map((t) => map.toTrade(t, market)));
  }

  getFundingRate(market: string): Promise<FundingRate> {
    return this.#call(() => {
      const s = this.engine.marketSummary(this.market(market).symbol);
      return { market, rate: s.fundingRate, markPrice: s.markPrice, nextFundingTime: s.nextFundingAt, timestamp: s.timestamp };
    });
  }

  getServerTime(): Promise<number> {
    return this.#call(() => this.engine.now());
  }

  // ---- account ----

  getAccount(): Promise<AccountSummary> {
    return this.#call(() => map.toAccount(this.engine.accountSummary(this.account), this.exchange));
  }

  getBalances(): Promise<readonly Balance[]> {
    return this.#call(() => {
      const s = this.engine.accountSummary(this.account);
      return [{ asset: s.asset, total: s.collateral, available: s.freeCollateral, updatedAt: s.updatedAt }];
    });
  }

  /** Every market the account has traded, flat ones included (with the time they went flat). */
  getPositions(): Promise<readonly Position[]> {
    return this.#call(() =>
      this.engine
        .markets()
        .map((c) => this.engine.position(this.account, c.id))
        .filter((p) => p.updatedAt > 0)
        .map((p) => map.toPosition(p, this.exchange, this.#symbol(p.market))),
    );
  }

  getOpenOrders(market?: string): Promise<readonly Order[]> {
    return this.#call(() => this.engine.openOrders(this.account, market).map((o) => this.#order(o)));
  }

  getOrder(ref: OrderRef): Promise<Order | undefined> {
    return this.#call(() => {
      const o = this.engine.order(this.account, this.#lookup(ref));
      return o === undefined ? undefined : this.#order(o);
    });
  }

  getOrderHistory(query: HistoryQuery = {}): Promise<readonly Order[]> {
    return this.#call(() => this.engine.orderHistory(this.account, filter(query)).map((o) => this.#order(o)));
  }

  getFills(query: HistoryQuery = {}): Promise<readonly Fill[]> {
    return this.#call(() =>
      this.engine
        .fills(this.account, filter(query))
        .filter((f) => !f.busted)
        .map((f) => map.toFill(f, this.exchange, this.#symbol(f.market))),
    );
  }

  getFundingPayments(query: HistoryQuery = {}): Promise<readonly FundingPayment[]> {
    return this.#call(() => this.engine.fundingPayments(this.account, filter(query)).map((p) => map.toFundingPayment(p, this.#symbol(p.market))));
  }

  // ---- trading ----

  placeOrder(request: OrderRequest): Promise<Order> {
    return this.#call(() => {
      const market = this.market(request.market);
      if (!this.capabilities.orderTypes.includes(request.type)) {
        throw new NotSupportedError(`order type ${request.type} is not supported by this paper account`, { exchange: this.exchange });
      }
      const submitted = this.engine.submit(map.toSubmitRequest(this.account, request, market, market.symbol));
      // A shared engine may be two-phase: run its risk check and matching now, as synchronous mode would.
      if (submitted.status === 'NEW') this.engine.processPending();
      return this.#order(this.engine.order(this.account, { id: submitted.id }) ?? submitted);
    });
  }

  async placeOrders(requests: readonly OrderRequest[]): Promise<readonly BatchItemResult<Order>[]> {
    const out: BatchItemResult<Order>[] = [];
    for (const r of requests) {
      try {
        out.push({ ok: true, value: await this.placeOrder(r) });
      } catch (error) {
        out.push({ ok: false, error: error as Error });
      }
    }
    return out;
  }

  amendOrder(ref: OrderRef, changes: OrderAmendment): Promise<Order> {
    return this.#call(() => this.#order(this.engine.amend(this.account, this.#lookup(ref), changes)));
  }

  cancelOrder(ref: OrderRef): Promise<void> {
    return this.#call(() => {
      this.engine.cancel(this.account, this.#lookup(ref));
    });
  }

  cancelAllOrders(market?: string): Promise<void> {
    return this.#call(() => {
      this.engine.cancelAll(this.account, market === undefined ? undefined : this.market(market).symbol);
    });
  }

  /** Countdown kind: every open order is cancelled when not re-armed within timeoutMs (engine time). */
  setDeadManSwitch(timeoutMs: number): Promise<void> {
    return this.#call(() => {
      if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new RangeError(`timeoutMs must be >= 0 (got ${timeoutMs})`);
      this.#deadline = timeoutMs === 0 ? undefined : this.engine.now() + timeoutMs;
    });
  }

  // ---- streams ----

  subscribe(subscription: Subscription): Promise<void> {
    const market = publicMarket(subscription);
    if (market !== undefined) this.market(market);
    this.#subscriptions.add(subscription);
    return Promise.resolve();
  }

  unsubscribe(subscription: Subscription): Promise<void> {
    this.#subscriptions.remove(subscription);
    return Promise.resolve();
  }

  onEvent(handler: EventHandler): () => void {
    this.#handlers.push(handler);
    return () => {
      const i = this.#handlers.indexOf(handler);
      if (i >= 0) this.#handlers.splice(i, 1);
    };
  }

  // ---- internals ----

  /** Every call: fire the dead-man switch if it lapsed, then run against the engine. */
  #call<T>(fn: () => T): Promise<T> {
    try {
      this.#checkDeadManSwitch();
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #tick(): void {
    try {
      this.engine.processPending();
      this.#checkDeadManSwitch();
    } catch {
      // The timer must keep running; a failing tick shows up on the next call instead.
    }
  }

  #checkDeadManSwitch(): void {
    if (this.#deadline === undefined || this.engine.now() < this.#deadline) return;
    this.#deadline = undefined;
    this.engine.cancelAll(this.account, undefined, 'ADMIN_CANCELED');
  }

  #lookup(ref: OrderRef): OrderLookup {
    if ('id' in ref) return { id: ref.id };
    return ref.market === undefined ? { clientId: ref.clientOrderId } : { clientId: ref.clientOrderId, market: this.market(ref.market).symbol };
  }

  #symbol(engineMarket: string): string {
    return this.#symbols.get(engineMarket) ?? engineMarket;
  }

  #order(o: Parameters<typeof map.toOrder>[0]): Order {
    return map.toOrder(o, this.exchange, this.#symbol(o.market));
  }

  #onEngineEvent(e: EngineEvent): void {
    const event = toExchangeEvent(e, { exchange: this.exchange, account: this.account, symbol: (m) => this.#symbol(m) });
    if (event !== undefined && this.#subscriptions.wants(event)) this.#publish(event);
  }

  #publish(event: ExchangeEvent): void {
    this.#queue.push(event);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      const batch = this.#queue;
      this.#queue = [];
      for (const e of batch) {
        for (const h of [...this.#handlers]) {
          try {
            h(e);
          } catch {
            // One handler's bug must not starve the others.
          }
        }
      }
    });
  }
}

function filter(query: HistoryQuery): { market?: string; since?: number; until?: number; limit?: number } {
  return {
    ...(query.market === undefined ? {} : { market: query.market }),
    ...(query.since === undefined ? {} : { since: query.since }),
    ...(query.until === undefined ? {} : { until: query.until }),
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  };
}
