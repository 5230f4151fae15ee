/**
 * ParadexClient: the ExchangeClient for Paradex over REST and WebSocket. It only sequences the pure
 * steps (format -> sign -> endpoint -> parse; socket -> router -> parse -> event); field names,
 * status codes and hashing live elsewhere.
 */
import type { Capabilities } from '../../core/capabilities.js';
import { OffsetClock, systemClock } from '../../core/clock.js';
import { ExchangeError, InvalidOrderError, OrderNotFoundError } from '../../core/errors.js';
import type { EventHandler, ExchangeClient, ExchangeEvent } from '../../core/exchange-client.js';
import type { ClientIdGenerator } from '../../core/ids.js';
import { createClientIdGenerator } from '../../core/ids.js';
import { resolveUnknownOutcome } from '../../core/unknown-outcome.js';
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
import type { ChainParams, ResolvedAccount } from './account.js';
import type { ParadexClientOptions } from './client-options.js';
import { resolveAccount } from './account.js';
import { PARADEX_CAPABILITIES } from './capabilities.js';
import { formatModify, formatOrder, historyQuery } from './format.js';
import * as parse from './parse.js';
import { paradexBuckets } from './rest/budgets.js';
import * as api from './rest/endpoints.js';
import { isNotOnboardedError } from './rest/errors.js';
import { collectPages } from './rest/pagination.js';
import { ParadexRequester } from './rest/requester.js';
import { ParadexSession } from './session.js';
import { decodeValue } from './rest/decode.js';
import { orderSchema } from './rest/schemas.js';
import { createClientStream } from './ws/client-stream.js';
import type { ParadexStream, ParadexStreamStats, ParadexSubscription } from './ws/index.js';

export type { ParadexClientOptions } from './client-options.js';

export class ParadexClient implements ExchangeClient {
  readonly exchange = 'paradex' as const;
  readonly capabilities: Capabilities = PARADEX_CAPABILITIES;
  readonly clientIds: ClientIdGenerator;

  readonly #options: ParadexClientOptions;
  readonly #http: HttpClient;
  readonly #requester: ParadexRequester;
  readonly #clock: OffsetClock;
  #markets = new Map<string, Market>();
  #account: ResolvedAccount | undefined;
  #session: ParadexSession | undefined;
  #connecting: Promise<void> | undefined;
  /** Last known signed position size per market, for the position-limit check. */
  #positions = new Map<string, string>();
  #marks = new Map<string, { price: string; at: number }>();
  #handlers = new Set<EventHandler>();
  #stream: ParadexStream | undefined;

  constructor(options: ParadexClientOptions) {
    this.#options = options;
    this.#clock = new OffsetClock(options.clock ?? systemClock);
    this.#http = createHttpClient({ baseUrl: options.apiBaseUrl, timeoutMs: options.timeoutMs ?? 10_000 });
    const limiter = new RateLimiter({ buckets: paradexBuckets(options.rateLimitPerSec ?? 10) });
    this.#requester = new ParadexRequester(this.#http, limiter);
    this.clientIds = createClientIdGenerator(options.clientIdPrefix ?? 'fs', this.#clock);
  }

  /** The Paradex account address (after connect). */
  get account(): string | undefined {
    return this.#account?.signer.account;
  }

  /** Venue time in ms (local clock corrected by the measured offset). */
  now(): number {
    return this.#clock.now();
  }

  connect(): Promise<void> {
    this.#connecting ??= this.#connect().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const config = await api.getSystemConfig(this.#requester);
    await this.#syncTime();
    const chain: ChainParams = {
      starknetChainId: config.starknet_chain_id,
      l1ChainId: config.l1_chain_id,
      accountClassHash: config.paraclear_account_hash,
      proxyClassHash: config.paraclear_account_proxy_hash,
    };
    const account = resolveAccount(this.#options.credentials, chain, this.#options.allowDevKey ?? false);
    this.#account = account;
    const session = new ParadexSession({
      account: account.signer.account,
      clock: this.#clock,
      signAuth: (ts, exp) => account.signer.signAuth(ts, exp),
      authenticate: async (headers) =>
        (await api.postAuth(this.#requester, { ...headers }, account.authWithPublicKey ? account.signer.publicKey : undefined)).jwt_token,
    });
    this.#session = session;
    this.#requester.attachSession(session);
    try {
      await session.refresh();
    } catch (error) {
      if (!isNotOnboardedError(error) || account.ethAddress === undefined) throw error;
      await this.#onboard(account);
      await session.refresh();
    }
    await this.loadMarkets(true);
  }

  async #onboard(account: ResolvedAccount): Promise<void> {
    const headers = {
      'PARADEX-ETHEREUM-ACCOUNT': account.ethAddress ?? '',
      'PARADEX-STARKNET-ACCOUNT': account.signer.account,
      'PARADEX-STARKNET-SIGNATURE': account.signer.signOnboarding(),
    };
    await api.postOnboarding(this.#requester, headers, account.signer.publicKey);
  }

  async #syncTime(): Promise<void> {
    const before = (this.#options.clock ?? systemClock).now();
    const { server_time } = await api.getSystemTime(this.#requester);
    const after = (this.#options.clock ?? systemClock).now();
    this.#clock.calibrate(server_time, before, after);
  }

  async close(): Promise<void> {
    await this.#stream?.close();
    await this.#http.close();
  }

  // ---- market data ----

  async loadMarkets(reload = false): Promise<readonly Market[]> {
    if (this.#markets.size > 0 && !reload) return [...this.#markets.values()];
    const wire = await api.getMarkets(this.#requester);
    this.#markets = new Map(parse.parseMarkets(wire.results).map((m) => [m.symbol, m]));
    return [...this.#markets.values()];
  }

  market(symbol: string): Market {
    const market = this.#markets.get(symbol);
    if (!market) {
      throw new InvalidOrderError(`unknown market "${symbol}" (call loadMarkets() first, or check the symbol)`, {
        field: 'market',
        value: symbol,
        rule: 'a market listed by GET /markets',
      });
    }
    return market;
  }

  async getOrderBook(market: string, depth?: number): Promise<OrderBook> {
    return parse.parseOrderBook(await api.getOrderBook(this.#requester, market, depth));
  }

  async getBBO(market: string): Promise<BBO> {
    return parse.parseBbo(await api.getBbo(this.#requester, market));
  }

  async getTrades(market: string, limit = 100): Promise<readonly Trade[]> {
    const page = await api.getTrades(this.#requester, { market, page_size: String(Math.min(limit, 1000)) });
    return page.results.map(parse.parseTrade);
  }

  async getFundingRate(market: string): Promise<FundingRate> {
    const page = await api.getFundingData(this.#requester, { market, page_size: '1' });
    const latest = page.results[0];
    if (!latest) throw new ExchangeError(`no funding data for ${market}`, { exchange: 'paradex' });
    return parse.parseFundingRate(latest);
  }

  async getServerTime(): Promise<number> {
    return (await api.getSystemTime(this.#requester)).server_time;
  }

  /** Mark price per market from /markets/summary (cached briefly). */
  async getMarkPrice(market: string): Promise<string> {
    const cached = this.#marks.get(market);
    if (cached && this.#clock.now() - cached.at < (this.#options.referencePriceTtlMs ?? 5_000)) return cached.price;
    const summary = await api.getMarketsSummary(this.#requester, market);
    const row = summary.results.find((r) => r.symbol === market);
    const price = row?.mark_price;
    if (price === undefined) throw new ExchangeError(`no mark price for ${market}`, { exchange: 'paradex' });
    this.#marks.set(market, { price, at: this.#clock.now() });
    return price;
  }

  // ---- account ----

  async getAccount(): Promise<AccountSummary> {
    return parse.parseAccountSummary(await api.getAccount(this.#requester));
  }

  async getBalances(): Promise<readonly Balance[]> {
    return (await api.getBalances(this.#requester)).results.map(parse.parseBalance);
  }

  async getPositions(): Promise<readonly Position[]> {
    const positions = (await api.getPositions(this.#requester)).results.map(parse.parsePosition);
    this.#positions = new Map(positions.map((p) => [p.market, p.signedSize]));
    return positions;
  }

  async getOpenOrders(market?: string): Promise<readonly Order[]> {
    return (await api.getOpenOrders(this.#requester, market)).results.map(parse.parseOrder);
  }

  async getOrder(ref: OrderRef): Promise<Order | undefined> {
    try {
      const wire = 'id' in ref ? await api.getOrderById(this.#requester, ref.id) : await api.getOrderByClientId(this.#requester, ref.clientOrderId);
      return parse.parseOrder(wire);
    } catch (error) {
      if (!(error instanceof OrderNotFoundError)) throw error;
    }
    // Closed orders are only in the history.
    const query: Record<string, string> = 'id' in ref ? (ref.market ? { market: ref.market } : {}) : { client_id: ref.clientOrderId };
    const history = await collectPages((cursor) => api.getOrdersHistory(this.#requester, { ...query, page_size: '100', ...(cursor ? { cursor } : {}) }), 'id' in ref ? 1000 : 100);
    const found = history.find((o) => ('id' in ref ? o.id === ref.id : o.client_id === ref.clientOrderId));
    return found ? parse.parseOrder(found) : undefined;
  }

  async getOrderHistory(query: HistoryQuery = {}): Promise<readonly Order[]> {
    const rows = await collectPages((cursor) => api.getOrdersHistory(this.#requester, historyQuery(query, cursor)), query.limit);
    return rows.map(parse.parseOrder);
  }

  async getFills(query: HistoryQuery = {}): Promise<readonly Fill[]> {
    const rows = await collectPages((cursor) => api.getFills(this.#requester, historyQuery(query, cursor)), query.limit);
    return rows.map(parse.parseFill);
  }

  async getFundingPayments(query: HistoryQuery = {}): Promise<readonly FundingPayment[]> {
    const market = query.market ?? 'ALL';
    const rows = await collectPages(
      (cursor) => api.getFundingPayments(this.#requester, historyQuery({ ...query, market }, cursor)),
      query.limit,
    );
    return rows.map(parse.parseFundingPayment);
  }

  // ---- trading ----

  async placeOrder(request: OrderRequest): Promise<Order> {
    const body = await this.#signedOrderBody(request);
    try {
      if (this.#useWsOrderEntry()) {
        const result = (await this.#streamOf().request('order.create', body, 'write')) as { order?: unknown } | undefined;
        return parse.parseOrder(decodeValue(orderSchema, result?.order, { exchange: 'paradex', endpoint: 'WS order.create' }));
      }
      return parse.parseOrder(await api.postOrder(this.#requester, body));
    } catch (error) {
      if (!(error instanceof ExchangeError) || error.outcome !== 'unknown') throw error;
      // The request may have reached the venue: ask it by client id before reporting anything.
      const clientOrderId = body.client_id as string;
      const resolved = await resolveUnknownOutcome('paradex', clientOrderId, error, () => this.getOrder({ clientOrderId, market: request.market }));
      if (resolved.ok) return resolved.value;
      throw resolved.error;
    }
  }

  async placeOrders(requests: readonly OrderRequest[]): Promise<readonly BatchItemResult<Order>[]> {
    if (requests.length < 1 || requests.length > this.capabilities.batchCreateMax) {
      throw new InvalidOrderError(`a batch holds 1 to ${this.capabilities.batchCreateMax} orders (got ${requests.length})`, {
        field: 'requests',
        value: String(requests.length),
        rule: `1..${this.capabilities.batchCreateMax}`,
      });
    }
    // Validate every order first: the venue rejects the whole batch when one fails basic validation.
    const prepared = await Promise.all(requests.map((r) => this.#signedOrderBody(r).then((body) => ({ ok: true as const, body }), (error: Error) => ({ ok: false as const, error }))));
    const bodies = prepared.flatMap((p) => (p.ok ? [p.body] : []));
    const response = bodies.length > 0 ? await api.postOrdersBatch(this.#requester, bodies) : { orders: [], errors: [] };
    const sent = parse.parseBatchResult(bodies, response);
    let next = 0;
    return prepared.map((p) => (p.ok ? (sent[next++] as BatchItemResult<Order>) : { ok: false, error: p.error }));
  }

  async amendOrder(ref: OrderRef, changes: OrderAmendment): Promise<Order> {
    const existing = await this.getOrder(ref);
    if (!existing) throw new OrderNotFoundError(`no open order ${'id' in ref ? ref.id : ref.clientOrderId}`, { exchange: 'paradex' });
    const market = this.market(existing.market);
    const { body, signable } = formatModify(existing.id, existing, changes, market, { precision: this.#options.precision ?? 'round' });
    const timestampMs = this.#clock.now();
    const signature = this.#signer().signModifyOrder({ ...signable, id: existing.id, timestampMs });
    return parse.parseOrder(await api.putOrder(this.#requester, existing.id, { ...body, signature, signature_timestamp: timestampMs }));
  }

  async cancelOrder(ref: OrderRef): Promise<void> {
    if (this.#useWsOrderEntry()) {
      const params = 'id' in ref ? { id: ref.id } : { client_id: ref.clientOrderId, ...(ref.market === undefined ? {} : { market: ref.market }) };
      await this.#streamOf().request('order.cancel', params, 'write');
      return;
    }
    if ('id' in ref) await api.deleteOrder(this.#requester, ref.id);
    else await api.deleteOrderByClientId(this.#requester, ref.clientOrderId, ref.market);
  }

  async cancelAllOrders(market?: string): Promise<void> {
    if (this.#useWsOrderEntry()) {
      await this.#streamOf().request('order.cancel_all', market === undefined ? {} : { market }, 'write');
      return;
    }
    await api.deleteAllOrders(this.#requester, market);
  }

  /**
   * Paradex's dead-man switch is order.cancel_on_disconnect: the venue cancels every open order
   * when this client's socket drops. Any timeoutMs > 0 arms it (the venue has no countdown), 0
   * disarms it; it is re-armed on every reconnect. Note that a socket recycled by the watchdog is
   * a disconnect too.
   */
  async setDeadManSwitch(timeoutMs: number): Promise<void> {
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
      throw new InvalidOrderError(`dead-man switch timeoutMs must be >= 0 (got ${timeoutMs})`, { field: 'timeoutMs', value: String(timeoutMs), rule: '>= 0' });
    }
    await this.#streamOf().setCancelOnDisconnect(timeoutMs > 0);
  }

  // ---- streams ----

  /**
   * Adds a stream (replayed after every reconnect) and resolves once the venue confirmed it.
   * Public streams work before connect(); private ones (orders, fills, positions, account,
   * balance, funding_payments, tradebusts) need connect() first. 'fills' also watches tradebusts.
   */
  subscribe(subscription: ParadexSubscription): Promise<void> {
    if (subscription.channel !== 'markets_summary' && 'market' in subscription && subscription.market !== undefined && this.#markets.size > 0) {
      this.market(subscription.market);
    }
    return this.#streamOf().subscribe(subscription);
  }

  async unsubscribe(subscription: ParadexSubscription): Promise<void> {
    await this.#stream?.unsubscribe(subscription);
  }

  onEvent(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => {
      this.#handlers.delete(handler);
    };
  }

  /** Counters of the stream (reconnects, book resyncs per market, fills recovered...); undefined before the first subscribe. */
  streamStats(): ParadexStreamStats | undefined {
    return this.#stream?.stats();
  }

  /** The local book kept by a 'book' subscription (undefined while it resyncs). */
  localBook(market: string, depth?: number): OrderBook | undefined {
    return this.#stream?.book(market, depth);
  }

  // ---- internals ----

  #streamOf(): ParadexStream {
    this.#stream ??= createClientStream({
      apiBaseUrl: this.#options.apiBaseUrl,
      wsUrl: this.#options.wsUrl,
      publicEncoding: this.#options.publicEncoding,
      tuning: this.#options.stream,
      timers: this.#options.timers,
      onError: this.#options.onStreamError,
      clock: this.#clock,
      session: () => this.#session,
      rest: this,
      emit: (event) => this.#emit(event),
      onMarkPrice: (market, price) => this.#marks.set(market, { price, at: this.#clock.now() }),
    });
    return this.#stream;
  }

  #useWsOrderEntry(): boolean {
    return this.#options.orderEntry === 'ws' && this.#stream !== undefined && this.#stream.isReady();
  }

  #emit(event: ExchangeEvent): void {
    if (event.type === 'position') this.#positions.set(event.position.market, event.position.signedSize);
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch {
        // A consumer's failing handler must not stop the others or the stream.
      }
    }
  }

  #signer() {
    if (!this.#account) throw new ExchangeError('not connected: call connect() first', { exchange: 'paradex' });
    return this.#account.signer;
  }

  async #signedOrderBody(request: OrderRequest): Promise<Record<string, unknown>> {
    const market = this.market(request.market);
    const needsReference = request.type.endsWith('market') && request.size !== '0';
    const referencePrice = needsReference ? await this.getMarkPrice(market.symbol) : undefined;
    const position = this.#positions.get(market.symbol);
    const clientOrderId = request.clientOrderId ?? this.clientIds.next();
    const { body, signable } = formatOrder({ ...request, clientOrderId }, market, {
      precision: this.#options.precision ?? 'round',
      ...(referencePrice === undefined ? {} : { referencePrice }),
      ...(position === undefined ? {} : { position }),
    });
    const timestampMs = this.#clock.now();
    const signature = this.#signer().signOrder({ ...signable, timestampMs });
    return { ...body, signature, signature_timestamp: timestampMs };
  }
}
