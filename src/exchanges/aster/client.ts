/**
 * AsterClient: the ExchangeClient for Aster USDⓈ-M perpetuals over REST and WebSocket. It only
 * sequences the pure steps (format -> sign -> endpoint -> parse); field names, codes and hashing
 * live elsewhere. V3 (EIP-712 API wallet) or V1 (HMAC key) is chosen by the credentials.
 */
import type { Capabilities } from '../../core/capabilities.js';
import { OffsetClock, systemClock } from '../../core/clock.js';
import { ExchangeError, InvalidOrderError, NotSupportedError, OrderNotFoundError, RequestError } from '../../core/errors.js';
import type { EventHandler, ExchangeClient, Subscription } from '../../core/exchange-client.js';
import type { ClientIdGenerator } from '../../core/ids.js';
import { createClientIdGenerator } from '../../core/ids.js';
import type {
  AccountSummary,
  BBO,
  Balance,
  BatchItemResult,
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
} from '../../core/types.js';
import { createHttpClient } from '../../transport/http.js';
import type { HttpClient } from '../../transport/http.js';
import { RateLimiter } from '../../transport/rate-limiter.js';
import { systemTimers } from '../../transport/timers.js';
import { createAsterSigner } from './auth/index.js';
import { ASTER_DEV_CREDENTIALS } from './auth/dev-key.js';
import type { AsterApiVersion, AsterSigner } from './auth/types.js';
import { asterCapabilities } from './capabilities.js';
import { DeadManSwitch } from './dead-man-switch.js';
import { AsterHistory } from './history.js';
import { AsterOrderEntry } from './order-entry.js';
import { OrderIndex } from './order-index.js';
import { parseBatch } from './parse-batch.js';
import * as parse from './parse.js';
import type { SymbolRules } from './parse.js';
import { asterBuckets, bucketsFromRateLimits } from './rest/budgets.js';
import * as api from './rest/endpoints.js';
import type { WireOrderRef } from './rest/endpoints.js';
import { ASTER_PATHS } from './rest/paths.js';
import { AsterRequester } from './rest/requester.js';
import { AsterStreams } from './ws/streams.js';
import type { AsterClientOptions } from './client-options.js';

export type { AsterClientOptions } from './client-options.js';

export class AsterClient implements ExchangeClient {
  readonly exchange = 'aster' as const;
  readonly capabilities: Capabilities;
  readonly version: AsterApiVersion;
  readonly clientIds: ClientIdGenerator;

  readonly #options: AsterClientOptions;
  readonly #clock: OffsetClock;
  readonly #http: HttpClient;
  readonly #limiter: RateLimiter;
  readonly #signer: AsterSigner | undefined;
  readonly #api: api.Api;
  readonly #history: AsterHistory;
  readonly #deadMan: DeadManSwitch;
  readonly #streams: AsterStreams;
  #markets = new Map<string, Market>();
  #rules = new Map<string, SymbolRules>();
  #connecting: Promise<void> | undefined;
  #accountPath: string | undefined;
  #marks = new Map<string, { price: string; at: number }>();
  #fundingHours = new Map<string, number>();
  /** Symbol of every order id / client id this client has seen, for calls that need a symbol. */
  readonly #index = new OrderIndex();
  readonly #entry: AsterOrderEntry;

  constructor(options: AsterClientOptions) {
    this.#options = options;
    this.#clock = new OffsetClock(options.clock ?? systemClock);
    this.#http = createHttpClient({ baseUrl: options.apiBaseUrl, timeoutMs: options.timeoutMs ?? 10_000 });
    this.#limiter = new RateLimiter({ buckets: asterBuckets(options.rateLimitPerSec ?? 10) });
    const credentials = options.credentials.kind === 'none' && options.allowDevKey === true ? ASTER_DEV_CREDENTIALS : options.credentials;
    this.#signer = createAsterSigner(credentials, {
      clock: this.#clock,
      ...(options.chainId === undefined ? {} : { chainId: options.chainId }),
      ...(options.recvWindowMs === undefined ? {} : { recvWindowMs: options.recvWindowMs }),
    });
    this.version = this.#signer?.version ?? 'v3';
    this.capabilities = asterCapabilities(this.version);
    const requester = new AsterRequester({
      http: this.#http,
      limiter: this.#limiter,
      signer: this.#signer,
      clock: this.#clock,
      resyncClock: () => this.#syncTime(),
      ...(options.maxRateLimitWaitMs === undefined ? {} : { maxWaitMs: options.maxRateLimitWaitMs }),
    });
    this.#api = { r: requester, paths: ASTER_PATHS[this.version] };
    this.#history = new AsterHistory(this.#api, () => [...this.#index.traded]);
    this.clientIds = createClientIdGenerator(options.clientIdPrefix ?? 'fs', this.#clock);
    const timers = options.timers ?? options.stream?.timers ?? systemTimers;
    this.#deadMan = new DeadManSwitch({
      timers,
      countdown: async (symbol, ms) => void (await api.postCountdownCancelAll(this.#api, symbol, ms)),
      openOrderSymbols: async () => [...new Set((await this.getOpenOrders()).map((o) => o.market))],
    });
    this.#entry = new AsterOrderEntry({
      api: this.#api,
      version: this.version,
      batchCreateMax: this.capabilities.batchCreateMax,
      precision: options.precision ?? 'round',
      workingType: options.workingType,
      clientIds: this.clientIds,
      index: this.#index,
      deadMan: this.#deadMan,
      market: (symbol) => this.market(symbol),
      rules: (symbol) => this.#rules.get(symbol),
      markPrice: (symbol) => this.getMarkPrice(symbol),
      getOrder: (ref) => this.getOrder(ref),
    });
    this.#streams = new AsterStreams({
      wsBaseUrl: options.wsBaseUrl ?? '',
      fetchDepth: (symbol, limit) => api.getDepth(this.#api, symbol, limit),
      listenKey:
        this.#signer === undefined
          ? undefined
          : {
              create: async () => (await api.postListenKey(this.#api)).listenKey,
              keepAlive: async () => void (await api.putListenKey(this.#api)),
              close: async () => void (await api.deleteListenKey(this.#api)),
            },
      sources: {
        openOrders: () => this.getOpenOrders(),
        order: (symbol, id) => this.getOrder({ id, market: symbol }),
        fills: (symbol, since) => this.#history.fills(symbol, { since }),
        positions: async () => (await api.getPositionRisk(this.#api)).map(parse.parsePosition),
        activeSymbols: () => [...this.#index.traded],
      },
      beforeUserReady: async (isReconnect) => {
        if (isReconnect) await this.#deadMan.rearm();
      },
      // Venue time (the fill catch-up compares stream times with venue trade times).
      options: { clock: this.#clock, ...options.stream, timers },
    });
  }

  /** The V3 main wallet, or "api-key" (V1); undefined without credentials. */
  get account(): string | undefined {
    return this.#signer?.account;
  }

  /** Venue time in ms (local clock corrected by the measured offset). */
  now(): number {
    return this.#clock.now();
  }

  /** The market and user streams (resync counts, local books, catch-up results). */
  get streams(): AsterStreams {
    return this.#streams;
  }

  connect(): Promise<void> {
    this.#connecting ??= (async () => {
      await this.#syncTime();
      await this.loadMarkets(true);
    })().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #syncTime(): Promise<void> {
    const base = this.#options.clock ?? systemClock;
    const before = base.now();
    const { serverTime } = await api.getServerTime(this.#api);
    this.#clock.calibrate(serverTime, before, base.now());
  }

  async close(): Promise<void> {
    this.#deadMan.stop();
    await this.#streams.close();
    this.#limiter.close();
    await this.#http.close();
  }

  // ---- market data ----

  async loadMarkets(reload = false): Promise<readonly Market[]> {
    if (this.#markets.size > 0 && !reload) return [...this.#markets.values()];
    const info = await api.getExchangeInfo(this.#api);
    for (const { key, spec } of bucketsFromRateLimits(info.rateLimits)) this.#limiter.define(key, spec);
    const parsed = parse.parseMarkets(info.symbols);
    this.#markets = new Map(parsed.map((p) => [p.market.symbol, p.market]));
    this.#rules = new Map(parsed.map((p) => [p.rules.symbol, p.rules]));
    return [...this.#markets.values()];
  }

  market(symbol: string): Market {
    const market = this.#markets.get(symbol);
    if (!market) {
      throw new InvalidOrderError(`unknown market "${symbol}" (call loadMarkets() first, or check the symbol)`, {
        field: 'market',
        value: symbol,
        rule: 'a perpetual listed by exchangeInfo',
      });
    }
    return market;
  }

  /** Pre-trade rules of a symbol beyond the domain Market (price bounds, listed types...). */
  rules(symbol: string): SymbolRules | undefined {
    return this.#rules.get(symbol);
  }

  async getOrderBook(market: string, depth = 100): Promise<OrderBook> {
    const limit = api.DEPTH_LIMITS.find((l) => l >= depth) ?? 1000;
    const book = parse.parseDepth(market, await api.getDepth(this.#api, market, limit), this.#clock.now());
    return limit === depth ? book : { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) };
  }

  async getBBO(market: string): Promise<BBO> {
    return parse.parseBookTicker(await api.getBookTicker(this.#api, market), this.#clock.now());
  }

  async getTrades(market: string, limit = 100): Promise<readonly Trade[]> {
    return (await api.getTrades(this.#api, market, Math.min(Math.max(limit, 1), 1000))).map((t) => parse.parseTrade(market, t));
  }

  async getFundingRate(market: string): Promise<FundingRate> {
    if (this.#fundingHours.size === 0) {
      const info = await api.getFundingInfo(this.#api).catch(() => []);
      for (const row of info) this.#fundingHours.set(row.symbol, row.fundingIntervalHours);
    }
    const wire = await api.getPremiumIndex(this.#api, market);
    this.#marks.set(market, { price: wire.markPrice, at: this.#clock.now() });
    return parse.parsePremiumIndex(wire, this.#fundingHours.get(market));
  }

  async getServerTime(): Promise<number> {
    return (await api.getServerTime(this.#api)).serverTime;
  }

  /** Mark price from premiumIndex (cached briefly): the reference for market-order notional checks. */
  async getMarkPrice(market: string): Promise<string> {
    const cached = this.#marks.get(market);
    if (cached && this.#clock.now() - cached.at < (this.#options.referencePriceTtlMs ?? 5_000)) return cached.price;
    const wire = await api.getPremiumIndex(this.#api, market);
    this.#marks.set(market, { price: wire.markPrice, at: this.#clock.now() });
    return wire.markPrice;
  }

  async getKlines(market: string, interval: string, limit = 500): Promise<parse.Candle[]> {
    return parse.parseKlines(await api.getKlines(this.#api, market, interval, Math.min(Math.max(limit, 1), 1500)));
  }

  // ---- account ----

  async getAccount(): Promise<AccountSummary> {
    const paths = this.#accountPath === undefined ? this.#api.paths.account : [this.#accountPath];
    for (const [i, path] of paths.entries()) {
      try {
        const wire = await api.getAccount(this.#api, path);
        this.#accountPath = path;
        return parse.parseAccount(wire, this.#signer?.account ?? 'public', this.#clock.now());
      } catch (error) {
        // Only a path the venue does not know (404) moves on to the next candidate.
        if (!(error instanceof ExchangeError && error.httpStatus === 404) || i === paths.length - 1) throw error;
      }
    }
    throw new ExchangeError('no account endpoint answered', { exchange: 'aster' });
  }

  async getBalances(): Promise<readonly Balance[]> {
    return (await api.getBalances(this.#api)).map(parse.parseBalance);
  }

  /** Open positions (rows with a non-zero amount). */
  async getPositions(): Promise<readonly Position[]> {
    const positions = (await api.getPositionRisk(this.#api)).map(parse.parsePosition).filter((p) => p.side !== 'flat');
    for (const p of positions) this.#index.traded.add(p.market);
    return positions;
  }

  async getOpenOrders(market?: string): Promise<readonly Order[]> {
    return (await api.getOpenOrders(this.#api, market)).map((w) => this.#index.remember(parse.parseOrder(w)));
  }

  /** By venue id or client id; without a known market, the symbols this session traded are asked. */
  async getOrder(ref: OrderRef): Promise<Order | undefined> {
    const symbol = await this.#symbolFor(ref);
    for (const candidate of symbol !== undefined ? [symbol] : [...this.#index.traded]) {
      try {
        return this.#index.remember(parse.parseOrder(await api.getOrder(this.#api, candidate, wireRef(ref))));
      } catch (error) {
        if (!(error instanceof OrderNotFoundError)) throw error;
      }
    }
    return undefined;
  }

  /** Orders of `query.market`, or of every symbol this session traded or holds. */
  async getOrderHistory(query: HistoryQuery = {}): Promise<readonly Order[]> {
    return (await this.#history.orders(query)).map((o) => this.#index.remember(o));
  }

  getFills(query: HistoryQuery = {}): Promise<readonly Fill[]> {
    return this.#history.allFills(query);
  }

  getFundingPayments(query: HistoryQuery = {}): Promise<readonly FundingPayment[]> {
    return this.#history.funding(query);
  }

  async setLeverage(market: string, leverage: number): Promise<string> {
    if (!Number.isSafeInteger(leverage) || leverage < 1 || leverage > 125) {
      throw new InvalidOrderError(`Aster leverage ${leverage} is invalid: an integer from 1 to 125`, { field: 'leverage', value: String(leverage), rule: '1..125' });
    }
    return (await api.postLeverage(this.#api, market, leverage)).leverage;
  }

  /** -4046 ("no need to change") counts as success. */
  async setMarginType(market: string, mode: 'isolated' | 'cross'): Promise<void> {
    try {
      await api.postMarginType(this.#api, market, mode === 'isolated' ? 'ISOLATED' : 'CROSSED');
    } catch (error) {
      if (!(error instanceof ExchangeError && error.venueCode === '-4046')) throw error;
    }
  }

  // ---- trading ----

  placeOrder(request: OrderRequest): Promise<Order> {
    return this.#entry.place(request);
  }

  placeOrders(requests: readonly OrderRequest[]): Promise<readonly BatchItemResult<Order>[]> {
    return this.#entry.placeBatch(requests);
  }

  amendOrder(ref: OrderRef, changes: OrderAmendment): Promise<Order> {
    return this.#entry.amend(ref, changes);
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    const symbol = await this.#symbolFor(ref);
    if (symbol === undefined) throw new OrderNotFoundError(`no open order ${'id' in ref ? ref.id : ref.clientOrderId} (give its market to cancel a closed one)`, { exchange: 'aster' });
    await api.deleteOrder(this.#api, symbol, wireRef(ref));
  }

  /** Batch cancel (up to 10 ids of one market); results line up with `refs`. */
  async cancelOrders(market: string, refs: readonly ({ id: string } | { clientOrderId: string })[]): Promise<readonly BatchItemResult<Order>[]> {
    const byId = refs.every((r) => 'id' in r);
    if (!byId && !refs.every((r) => 'clientOrderId' in r)) throw new RequestError('a batch cancel uses venue ids or client ids, not both', { exchange: 'aster' });
    const slots = await api.deleteBatchOrders(
      this.#api,
      market,
      byId ? { orderIds: refs.map((r) => (r as { id: string }).id) } : { clientOrderIds: refs.map((r) => (r as { clientOrderId: string }).clientOrderId) },
    );
    return parseBatch(slots, refs.length, 'DELETE batchOrders');
  }

  async cancelAllOrders(market?: string): Promise<void> {
    const symbols = market !== undefined ? [market] : [...new Set((await this.getOpenOrders()).map((o) => o.market))];
    await Promise.all(symbols.map((s) => api.deleteAllOpenOrders(this.#api, s)));
  }

  setDeadManSwitch(timeoutMs: number): Promise<void> {
    return this.#deadMan.set(timeoutMs, [...this.#index.traded]);
  }

  // ---- streams ----

  subscribe(subscription: Subscription): Promise<void> {
    if (this.#options.wsBaseUrl === undefined) return Promise.reject(new NotSupportedError('AsterClient needs wsBaseUrl to stream', { exchange: 'aster' }));
    return this.#streams.subscribe(subscription);
  }

  unsubscribe(subscription: Subscription): Promise<void> {
    return this.#streams.unsubscribe(subscription);
  }

  onEvent(handler: EventHandler): () => void {
    return this.#streams.onEvent(handler);
  }

  // ---- internals ----

  /** The symbol an order call needs: given, remembered, or found among the open orders. */
  async #symbolFor(ref: OrderRef): Promise<string | undefined> {
    const known = this.#index.symbolOf(ref);
    if (known !== undefined) return known;
    const open = await this.getOpenOrders();
    return open.find((o) => ('id' in ref ? o.id === ref.id : o.clientOrderId === ref.clientOrderId))?.market;
  }

}

function wireRef(ref: OrderRef): WireOrderRef {
  return 'id' in ref ? { orderId: ref.id } : { origClientOrderId: ref.clientOrderId };
}
