/**
 * Aster combined market streams (`/stream`, aster.md §7) over one ReconnectingSocket: SUBSCRIBE /
 * UNSUBSCRIBE frames answered by id (paced under the venue's 10 messages per second), frames handed
 * to the MarketRouter (parsers, local books), books reset on a drop and resynced after a
 * reconnect, and the connection recycled before the venue's 24 h limit.
 *
 * Topics are stream names: `btcusdt@bookTicker`, `btcusdt@aggTrade`, `btcusdt@depth@100ms`,
 * `btcusdt@markPrice@1s`.
 */
import { systemClock } from '../../../core/clock.js';
import type { Clock } from '../../../core/clock.js';
import { RequestError, TransportError } from '../../../core/errors.js';
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { OrderBook } from '../../../core/types.js';
import { systemTimers } from '../../../transport/timers.js';
import type { Timers } from '../../../transport/timers.js';
import { PendingRequests, ReconnectingSocket } from '../../../transport/ws.js';
import type { RefusedTopic, SocketSession } from '../../../transport/ws.js';
import type { WireDepth } from '../rest/schemas/index.js';
import { ConnectionLifecycle } from './connection-lifecycle.js';
import type { MarketChannel } from './market-router.js';
import { MarketRouter, streamName, tooManyStreams } from './market-router.js';
import type { AsterStreamOptions } from './options.js';
import { STREAM_DEFAULTS } from './options.js';
import type { Json } from './parse-market.js';

export { streamName } from './market-router.js';
export type { MarketChannel } from './market-router.js';

export interface MarketStreamDeps {
  /** e.g. "wss://fstream.asterdex.com" (no path). */
  readonly wsBaseUrl: string;
  readonly fetchDepth: (symbol: string, limit: number) => Promise<WireDepth>;
  readonly emit: (event: ExchangeEvent) => void;
  readonly options?: AsterStreamOptions;
}

export class AsterMarketStream {
  readonly #deps: MarketStreamDeps;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #socket: ReconnectingSocket;
  readonly #pending: PendingRequests<void>;
  readonly #router: MarketRouter;
  readonly #lifecycle: ConnectionLifecycle;
  #nextFrameAt = 0;
  #closed = false;

  constructor(deps: MarketStreamDeps) {
    this.#deps = deps;
    const o = deps.options ?? {};
    this.#clock = o.clock ?? systemClock;
    this.#timers = o.timers ?? systemTimers;
    this.#pending = new PendingRequests<void>(this.#timers, o.subscribeTimeoutMs ?? 10_000);
    this.#router = new MarketRouter({
      emit: deps.emit,
      fetchDepth: deps.fetchDepth,
      timers: this.#timers,
      now: () => this.#clock.now(),
      snapshotLimit: o.snapshotLimit ?? STREAM_DEFAULTS.snapshotLimit,
      onControl: (message) => this.#onControl(message),
    });
    const stale = { ...STREAM_DEFAULTS.staleAfterMs, ...o.staleAfterMs };
    this.#socket = new ReconnectingSocket({
      url: `${deps.wsBaseUrl.replace(/\/+$/, '')}/stream`,
      name: 'aster market',
      clock: this.#clock,
      timers: this.#timers,
      ...(o.backoff === undefined ? {} : { backoff: o.backoff }),
      ...(o.heartbeat === undefined ? {} : { heartbeat: o.heartbeat }),
      ...(o.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: o.connectTimeoutMs }),
      ...(o.subscribeTimeoutMs === undefined ? {} : { subscribeTimeoutMs: o.subscribeTimeoutMs }),
      watchdog: { staleAfterMs: (topic) => stale[this.#router.kindOf(topic) ?? 'aggTrade'] },
      hooks: {
        subscribe: (topics, session) => this.#control('SUBSCRIBE', topics, session),
        unsubscribe: async (topics, session) => {
          await this.#control('UNSUBSCRIBE', topics, session);
        },
        onMessage: (data) => this.#router.handleFrame(data),
        beforeReady: async (session) => {
          // The first connection's books start their snapshots as they are subscribed.
          if (session.isReconnect) this.#router.resyncAll();
        },
        onDisconnect: (_session, reason) => {
          this.#pending.rejectAll(new TransportError(`aster market stream: connection lost (${reason})`, { outcome: 'rejected' }));
          this.#router.resetBooks();
        },
      },
    });
    this.#lifecycle = new ConnectionLifecycle({
      socket: this.#socket,
      timers: this.#timers,
      emit: deps.emit,
      label: 'market',
      maxAgeMs: o.maxConnectionAgeMs ?? STREAM_DEFAULTS.maxConnectionAgeMs,
    });
    this.#socket.on((event) => this.#lifecycle.handle(event));
  }

  get state(): string {
    return this.#socket.state;
  }

  /** Snapshots fetched again after the first, per symbol. */
  resyncCount(symbol: string): number {
    return this.#router.resyncCount(symbol);
  }

  /** The local book of a `book` subscription (undefined when not subscribed or not synced). */
  book(symbol: string, depth?: number): OrderBook | undefined {
    return this.#router.book(symbol, depth);
  }

  async subscribe(channel: MarketChannel, symbol: string, depth?: number): Promise<void> {
    if (this.#closed) throw new TransportError('aster market stream is closed', { retryable: false, outcome: 'rejected' });
    if (this.#router.kindOf(streamName(channel, symbol)) === undefined && this.#router.size >= STREAM_DEFAULTS.maxStreams) {
      throw tooManyStreams(STREAM_DEFAULTS.maxStreams);
    }
    const topic = this.#router.add(channel, symbol, depth ?? this.#deps.options?.bookDepth ?? STREAM_DEFAULTS.bookDepth);
    const connecting = this.#socket.state === 'idle' ? this.#socket.connect() : undefined;
    await Promise.all([this.#socket.subscribe([topic]), connecting]);
    if (channel === 'book') void this.#router.resync(symbol, false);
  }

  async unsubscribe(channel: MarketChannel, symbol: string): Promise<void> {
    await this.#socket.unsubscribe([this.#router.remove(channel, symbol)]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#router.close();
    this.#lifecycle.dispose();
    await this.#socket.close();
  }

  /** Drops the connection and reconnects. */
  recycle(reason: string): void {
    this.#socket.recycle(reason);
  }

  // --- control frames -------------------------------------------------------------------------

  #onControl(message: Json): void {
    const id = message.id;
    if ('result' in message && (typeof id === 'number' || typeof id === 'string')) {
      this.#pending.resolve(id, undefined);
      return;
    }
    if (!('code' in message)) return;
    const error = new RequestError(`Aster market stream refused a request: ${String(message.code)} ${String(message.msg ?? '')}`, {
      exchange: 'aster',
      venueCode: String(message.code),
    });
    // The documented error frames carry no id: they answer whatever is in flight.
    if ((typeof id === 'number' || typeof id === 'string') && this.#pending.reject(id, error)) return;
    this.#pending.rejectAll(error);
  }

  async #control(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', topics: readonly string[], session: SocketSession): Promise<RefusedTopic[]> {
    await this.#pace();
    const id = this.#pending.nextId();
    const answer = this.#pending.track(id, `aster ${method} ${topics.join(',')}`);
    session.send(JSON.stringify({ method, params: topics, id }));
    try {
      await answer;
      return [];
    } catch (error) {
      if (error instanceof RequestError) return topics.map((topic) => ({ topic, error }));
      throw error; // no answer: the connection is unhealthy
    }
  }

  /** Keeps our frames under the venue's 10 messages per second per connection. */
  async #pace(): Promise<void> {
    const interval = this.#deps.options?.controlFrameIntervalMs ?? STREAM_DEFAULTS.controlFrameIntervalMs;
    const now = this.#clock.now();
    const at = Math.max(now, this.#nextFrameAt);
    this.#nextFrameAt = at + interval;
    if (at > now) await new Promise<void>((resolve) => this.#timers.setTimeout(resolve, at - now));
  }
}
