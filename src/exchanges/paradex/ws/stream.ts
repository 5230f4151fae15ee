/**
 * ParadexStream: the Paradex WebSocket as domain events. It plugs the Paradex JSON-RPC dialect
 * into the venue-neutral ReconnectingSocket (auth, subscribe, frame routing, reconnect catch-up),
 * keeps local books and the private-event state, and offers JSON-RPC calls for order entry and
 * cancel-on-disconnect. ParadexClient sequences it; consumers only see ExchangeEvents.
 *
 * Every connection: auth (JWT from the session; a 40110/40111 answer refreshes the token once) ->
 * replay of the channels -> (reconnects) 'reconnected' -> cancel_on_disconnect re-armed when set
 * -> REST catch-up of orders, fills and positions (reconnects with private channels) -> ready.
 */
import type { Clock } from '../../../core/clock.js';
import { AuthError, RateLimitError, RequestError, TransportError } from '../../../core/errors.js';
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { OrderBook } from '../../../core/types.js';
import type { Timers } from '../../../transport/timers.js';
import { systemTimers } from '../../../transport/timers.js';
import { ReconnectingSocket } from '../../../transport/ws.js';
import type { RefusedTopic, SocketEvent, SocketSession, SocketState } from '../../../transport/ws.js';
import { BookFeedSync } from './book-feed.js';
import type { BookFeedStats } from './book-feed.js';
import { fetchCatchUp } from './catch-up.js';
import type { CatchUpApi } from './catch-up.js';
import { channelsFor, describeChannel } from './channels.js';
import type { ChannelInfo, ParadexSubscription } from './channels.js';
import { isTokenRpcError } from './errors.js';
import type { RpcOperation } from './errors.js';
import { DEFAULT_STALE_AFTER_MS, streamUrl } from './options.js';
import type { ParadexStreamTuning, PublicEncoding } from './options.js';
import { PrivateEventState } from './private-state.js';
import type { PrivateStats } from './private-state.js';
import { createRouterSink } from './pipeline.js';
import { ParadexRouter } from './router.js';
import { ParadexRpc } from './rpc.js';
import { SubscriptionRegistry } from './subscriptions.js';

/** Access to the JWT session; absent before ParadexClient.connect(). */
export interface StreamAuth {
  token(): Promise<string>;
  refresh(): Promise<string>;
  invalidate(): void;
}

export interface ParadexStreamOptions extends ParadexStreamTuning {
  readonly url: string;
  readonly publicEncoding: PublicEncoding;
  /** Venue time (timestamps of connection events, catch-up windows). */
  readonly clock: Clock;
  readonly timers?: Timers;
  readonly auth: () => StreamAuth | undefined;
  readonly rest: CatchUpApi & { getOrderBook(market: string, depth?: number): Promise<OrderBook> };
  readonly emit: (event: ExchangeEvent) => void;
  readonly onMarkPrice?: (market: string, price: string) => void;
  /** Decode failures, refused topics, failed catch-ups...: the stream carries on, the caller may log them. */
  readonly onError?: (error: unknown) => void;
}

export interface ParadexStreamStats {
  readonly state: SocketState;
  readonly connections: number;
  readonly reconnects: number;
  readonly staleResubscribes: number;
  readonly staleRecycles: number;
  readonly errors: number;
  readonly books: Readonly<Record<string, BookFeedStats>>;
  readonly private: PrivateStats;
}

const EXCHANGE = 'paradex' as const;

export class ParadexStream {
  private readonly socket: ReconnectingSocket;
  private readonly rpc: ParadexRpc;
  private readonly router: ParadexRouter;
  private readonly registry = new SubscriptionRegistry();
  private readonly books = new Map<string, BookFeedSync>();
  private readonly privateState: PrivateEventState;
  private readonly timers: Timers;
  private session: SocketSession | undefined;
  private authedSession = 0;
  private cancelOnDisconnect = false;
  private disconnectedAt: number | undefined;
  private counters = { reconnects: 0, staleResubscribes: 0, staleRecycles: 0, errors: 0 };

  constructor(private readonly options: ParadexStreamOptions) {
    this.timers = options.timers ?? systemTimers;
    this.rpc = new ParadexRpc(this.timers, options.rpcTimeoutMs ?? 10_000);
    this.privateState = new PrivateEventState(options.emit, options.fillIdMemory ?? 20_000);
    this.router = new ParadexRouter(
      createRouterSink({
        emit: options.emit,
        deliverPrivate: (event) => this.privateState.deliver(event),
        bookFeed: (channel) => this.books.get(channel),
        settle: (answer) => this.rpc.settle(answer),
        onMarkPrice: options.onMarkPrice,
        onError: (error) => this.reportError(error),
      }),
    );
    const stale = { ...DEFAULT_STALE_AFTER_MS, ...options.staleAfterMs };
    this.socket = new ReconnectingSocket({
      url: streamUrl(options.url, options.publicEncoding, options.sbeSchemaVersion ?? 1),
      name: 'paradex',
      clock: options.clock,
      timers: this.timers,
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      ...(options.heartbeat === undefined ? {} : { heartbeat: options.heartbeat }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      subscribeTimeoutMs: (options.rpcTimeoutMs ?? 10_000) * 3,
      watchdog: {
        ...(options.watchdogIntervalMs === undefined ? {} : { checkEveryMs: options.watchdogIntervalMs }),
        staleAfterMs: (topic) => {
          const kind = describeChannel(topic)?.kind;
          return kind === undefined ? undefined : stale[kind];
        },
      },
      hooks: {
        authenticate: (session) => this.onConnect(session),
        subscribe: (topics, session) => this.subscribeOn(topics, session),
        unsubscribe: (topics, session) => this.unsubscribeOn(topics, session),
        onMessage: (data, isBinary) => this.router.handle(data, isBinary),
        beforeReady: (session) => this.beforeReady(session),
        onDisconnect: (session, reason) => this.onDisconnect(session, reason),
      },
    });
    this.socket.on((event) => this.onSocketEvent(event));
  }

  get state(): SocketState {
    return this.socket.state;
  }

  /** Starts the connection (idempotent); resolves when ready. */
  connect(): Promise<void> {
    return this.socket.connect();
  }

  /** Subscribes and resolves once every channel is confirmed; on failure nothing stays subscribed. */
  async subscribe(subscription: ParadexSubscription): Promise<void> {
    const channels = channelsFor(subscription, {
      bookFeed: this.options.bookFeed ?? 'deltas',
      bookRefreshRate: this.options.bookRefreshRate ?? '100ms',
    });
    const infos = channels.map((c) => describeChannel(c) as ChannelInfo);
    if (infos.some((i) => i.private) && this.options.auth() === undefined) {
      throw new AuthError(`Paradex ${subscription.channel} stream needs an authenticated client: call connect() first`, {
        exchange: EXCHANGE,
      });
    }
    const fresh = this.registry.add(subscription, channels);
    if (fresh === undefined) return; // already subscribed
    for (const info of infos) if (fresh.includes(info.channel)) this.openChannel(info);
    if (subscription.channel === 'fills') this.privateState.fillsWatermark ??= this.options.clock.now();
    this.socket.connect().catch(() => undefined); // failures surface through subscribe below
    try {
      await this.socket.subscribe(channels);
    } catch (error) {
      await this.unsubscribe(subscription).catch(() => undefined);
      throw error;
    }
  }

  async unsubscribe(subscription: ParadexSubscription): Promise<void> {
    const released = this.registry.remove(subscription);
    if (released.length === 0) return;
    for (const channel of released) {
      const info = describeChannel(channel);
      if (info !== undefined) this.router.removeChannel(info);
      this.books.get(channel)?.close();
      this.books.delete(channel);
    }
    await this.socket.unsubscribe(released);
  }

  /**
   * order.cancel_on_disconnect for this and every later connection (re-armed after each
   * reconnect). Starts the connection when needed; resolves once the venue confirmed it.
   */
  async setCancelOnDisconnect(enabled: boolean): Promise<void> {
    if (this.options.auth() === undefined) {
      throw new AuthError('Paradex cancel_on_disconnect needs an authenticated client: call connect() first', { exchange: EXCHANGE });
    }
    this.cancelOnDisconnect = enabled;
    if (this.socket.state === 'idle') {
      if (!enabled) return;
      await this.socket.connect(); // beforeReady arms it
      return;
    }
    await this.socket.connect();
    await this.request('order.cancel_on_disconnect', { enabled }, 'write');
  }

  /** True when requests can be sent now (order entry falls back to REST otherwise). */
  isReady(): boolean {
    return this.socket.state === 'ready' && this.session?.active === true;
  }

  /** One authenticated JSON-RPC call on the live connection. */
  async request(method: string, params: object, operation: RpcOperation): Promise<unknown> {
    const session = this.session;
    if (session === undefined || !session.active || this.socket.state !== 'ready') {
      throw new TransportError(`Paradex WS ${method}: not connected`, { exchange: EXCHANGE, outcome: 'rejected' });
    }
    await this.ensureAuthenticated(session);
    return this.rpc.call(session, method, params, operation);
  }

  stats(): ParadexStreamStats {
    const books: Record<string, BookFeedStats> = {};
    for (const [channel, feed] of this.books) books[describeChannel(channel)?.market ?? channel] = { ...feed.stats };
    return {
      state: this.socket.state,
      connections: this.socket.connectionId,
      ...this.counters,
      books,
      private: { ...this.privateState.stats },
    };
  }

  /** The local book of a market kept by a 'book' subscription. */
  book(market: string, depth?: number): OrderBook | undefined {
    for (const [channel, feed] of this.books) {
      if (describeChannel(channel)?.market === market && feed.state === 'live') return feed.book.snapshot(depth ?? this.registry.bookDepth(market, this.options.bookDepth ?? 15));
    }
    return undefined;
  }

  async close(): Promise<void> {
    for (const feed of this.books.values()) feed.close();
    this.privateState.abortCatchUp();
    await this.socket.close();
  }

  // --- socket hooks ------------------------------------------------------------------------------

  private async onConnect(session: SocketSession): Promise<void> {
    this.session = session;
    const auth = this.options.auth();
    if (auth !== undefined) await this.authenticate(session, auth);
  }

  private async authenticate(session: SocketSession, auth: StreamAuth): Promise<void> {
    try {
      await this.rpc.call(session, 'auth', { bearer: await auth.token() }, 'auth');
    } catch (error) {
      if (!isTokenRpcError(error)) throw error;
      // The venue no longer accepts the token (expired, revoked): one fresh token, one more try.
      auth.invalidate();
      await this.rpc.call(session, 'auth', { bearer: await auth.refresh() }, 'auth');
    }
    this.authedSession = session.id;
  }

  private async ensureAuthenticated(session: SocketSession): Promise<void> {
    if (this.authedSession === session.id) return;
    const auth = this.options.auth();
    if (auth === undefined) throw new AuthError('Paradex WS: not authenticated (call connect() first)', { exchange: EXCHANGE });
    await this.authenticate(session, auth);
  }

  private async subscribeOn(topics: readonly string[], session: SocketSession): Promise<RefusedTopic[]> {
    const refused: RefusedTopic[] = [];
    let wanted = topics;
    if (topics.some((t) => describeChannel(t)?.private === true) && this.authedSession !== session.id) {
      try {
        await this.ensureAuthenticated(session);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        for (const t of topics) if (describeChannel(t)?.private === true) refused.push({ topic: t, error });
        wanted = topics.filter((t) => describeChannel(t)?.private !== true);
      }
    }
    // A (re)subscribed book starts again from the venue's snapshot.
    for (const t of wanted) this.books.get(t)?.reset();
    const answers = await Promise.allSettled(wanted.map((channel) => this.rpc.call(session, 'subscribe', { channel }, 'read')));
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') return;
      // No answer, a lost connection or a rate limit: the connection's problem (reconnect with
      // backoff and replay), not a refusal of the topic.
      if (answer.reason instanceof TransportError || answer.reason instanceof RateLimitError) throw answer.reason;
      refused.push({ topic: wanted[i] as string, error: answer.reason });
    });
    return refused;
  }

  private async unsubscribeOn(topics: readonly string[], session: SocketSession): Promise<void> {
    const answers = await Promise.allSettled(topics.map((channel) => this.rpc.call(session, 'unsubscribe', { channel }, 'read')));
    for (const answer of answers) {
      // "not subscribed" refusals are harmless; a dead connection is the socket's business.
      if (answer.status === 'rejected' && !(answer.reason instanceof RequestError)) throw answer.reason;
    }
  }

  private async beforeReady(session: SocketSession): Promise<void> {
    if (this.cancelOnDisconnect) {
      await this.ensureAuthenticated(session);
      await this.rpc.call(session, 'order.cancel_on_disconnect', { enabled: true }, 'write');
    }
    if (session.isReconnect && this.privateState.catchingUp) await this.catchUp();
  }

  private async catchUp(): Promise<void> {
    const orderMarkets = this.registry.privateMarkets('orders');
    const fillMarkets = this.registry.privateMarkets('fills');
    const view = await fetchCatchUp(this.options.rest, {
      orderMarkets,
      fillMarkets,
      positions: this.registry.wants('positions'),
      account: this.registry.wants('account'),
      fillsSince: this.privateState.lastFillAt ?? this.privateState.fillsWatermark,
      ordersSince: this.disconnectedAt,
      trackedOpenOrders: this.privateState.trackedOpenOrders(),
    });
    this.privateState.finishCatchUp(view, EXCHANGE, this.options.clock.now());
  }

  private onDisconnect(_session: SocketSession, reason: string): void {
    this.rpc.failAll(reason);
    this.authedSession = 0;
    this.disconnectedAt ??= this.options.clock.now();
    for (const feed of this.books.values()) feed.reset();
    // Hold private events until the next connection has caught up over REST.
    this.privateState.abortCatchUp();
    if (this.hasPrivateChannels()) this.privateState.beginCatchUp();
  }

  private onSocketEvent(event: SocketEvent): void {
    switch (event.type) {
      case 'state':
        if (event.state === 'ready') this.disconnectedAt = undefined;
        this.options.emit({
          type: 'connection',
          exchange: EXCHANGE,
          state: event.state,
          ...(event.reason === undefined ? {} : { reason: event.reason }),
          timestamp: event.timestamp,
        });
        return;
      case 'reconnected':
        this.counters.reconnects += 1;
        this.options.emit({ type: 'connection', exchange: EXCHANGE, state: 'reconnected', timestamp: event.timestamp });
        return;
      case 'stale':
        if (event.action === 'resubscribe') this.counters.staleResubscribes += 1;
        else this.counters.staleRecycles += 1;
        return;
      case 'error':
        this.reportError(event.error);
        return;
    }
  }

  // --- channels and routing ----------------------------------------------------------------------

  private hasPrivateChannels(): boolean {
    return this.registry.channels().some((c) => describeChannel(c)?.private === true);
  }

  private openChannel(info: ChannelInfo): void {
    this.router.addChannel(info);
    if (info.kind !== 'order_book' || info.market === undefined) return;
    const market = info.market;
    this.books.set(
      info.channel,
      new BookFeedSync({
        market,
        feed: info.feed ?? 'deltas',
        depth: () => this.registry.bookDepth(market, this.options.bookDepth ?? 15),
        fetchSnapshot: (m) => this.options.rest.getOrderBook(m, this.options.resyncDepth ?? 100),
        emit: (book) => this.options.emit({ type: 'book', exchange: EXCHANGE, book }),
        report: (error) => this.reportError(error),
        resubscribe: () => {
          void this.socket
            .unsubscribe([info.channel])
            .then(() => (this.registry.channels().includes(info.channel) ? this.socket.subscribe([info.channel]) : undefined))
            .catch((error: unknown) => this.reportError(error));
        },
        timers: this.timers,
      }),
    );
  }

  private reportError(error: unknown): void {
    this.counters.errors += 1;
    this.options.onError?.(error);
  }
}
