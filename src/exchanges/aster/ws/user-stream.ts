/**
 * Aster user data stream (aster.md §7.4): a listen key (POST, kept alive with PUT well inside its
 * 60 minutes, a new one after `listenKeyExpired` or -1125), a ReconnectingSocket on `/ws/<key>`,
 * ORDER_TRADE_UPDATE and ACCOUNT_UPDATE turned into domain events in event-time order per entity
 * with fills deduplicated (user-state.ts), and the REST catch-up after every reconnect, before the
 * connection is reported ready (catch-up.ts).
 */
import { systemClock } from '../../../core/clock.js';
import type { Clock } from '../../../core/clock.js';
import { ExchangeError } from '../../../core/errors.js';
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { Balance, Fill, Order, Position } from '../../../core/types.js';
import { systemTimers } from '../../../transport/timers.js';
import type { Timers } from '../../../transport/timers.js';
import { ReconnectingSocket } from '../../../transport/ws.js';
import { INVALID_LISTEN_KEY } from '../rest/errors.js';
import type { CatchUpResult, CatchUpSources } from './catch-up.js';
import { catchUp } from './catch-up.js';
import { ConnectionLifecycle } from './connection-lifecycle.js';
import type { AsterStreamOptions } from './options.js';
import { STREAM_DEFAULTS } from './options.js';
import { parseAccountUpdate, parseOrderTradeUpdate } from './parse-user.js';
import { UserEventState } from './user-state.js';

export interface ListenKeyApi {
  create(): Promise<string>;
  keepAlive(): Promise<void>;
  close(): Promise<void>;
}

export interface UserStreamDeps {
  readonly wsBaseUrl: string;
  readonly listenKey: ListenKeyApi;
  readonly sources: CatchUpSources;
  readonly emit: (event: ExchangeEvent) => void;
  /** Runs on every connection before it is reported ready (after the catch-up on reconnects). */
  readonly beforeReady?: (isReconnect: boolean) => Promise<void>;
  readonly options?: AsterStreamOptions;
}

export const USER_TOPIC = 'user';
const WEEK_MS = 7 * 86_400_000;

export class AsterUserStream {
  readonly state = new UserEventState();
  readonly #deps: UserStreamDeps;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #socket: ReconnectingSocket;
  readonly #lifecycle: ConnectionLifecycle;
  #keepAliveTimer: unknown;
  #keepAliveFailures = 0;
  #lastFrameAt: number | undefined;
  #lastReadyAt: number | undefined;
  #closed = false;
  #lastCatchUp: CatchUpResult | undefined;

  constructor(deps: UserStreamDeps) {
    this.#deps = deps;
    const o = deps.options ?? {};
    this.#clock = o.clock ?? systemClock;
    this.#timers = o.timers ?? systemTimers;
    const base = deps.wsBaseUrl.replace(/\/+$/, '');
    this.#socket = new ReconnectingSocket({
      // A key per connection: POST returns the live key (and extends it) or a new one.
      url: async () => `${base}/ws/${await deps.listenKey.create()}`,
      name: 'aster user',
      clock: this.#clock,
      timers: this.#timers,
      ...(o.backoff === undefined ? {} : { backoff: o.backoff }),
      ...(o.heartbeat === undefined ? {} : { heartbeat: o.heartbeat }),
      ...(o.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: o.connectTimeoutMs }),
      hooks: {
        // Nothing to subscribe: the listen key selects the stream.
        subscribe: async () => [],
        onMessage: (data) => this.#onMessage(data),
        beforeReady: async (session) => {
          if (session.isReconnect) await this.#catchUp();
          await this.#deps.beforeReady?.(session.isReconnect);
          this.#lastReadyAt = this.#clock.now();
          this.#armKeepAlive();
        },
      },
    });
    this.#lifecycle = new ConnectionLifecycle({
      socket: this.#socket,
      timers: this.#timers,
      emit: deps.emit,
      label: 'user',
      maxAgeMs: o.maxConnectionAgeMs ?? STREAM_DEFAULTS.maxConnectionAgeMs,
    });
    this.#socket.on((event) => this.#lifecycle.handle(event));
  }

  get socketState(): string {
    return this.#socket.state;
  }

  /** What the last catch-up emitted (tests, metrics). */
  get lastCatchUp(): CatchUpResult | undefined {
    return this.#lastCatchUp;
  }

  /** Connects (idempotent); resolves when the stream is ready. */
  async start(): Promise<void> {
    // A first key up front: bad credentials fail here, typed, instead of as endless reconnects.
    if (this.#socket.state === 'idle') await this.#deps.listenKey.create();
    const connecting = this.#socket.state === 'idle' ? this.#socket.connect() : undefined;
    await Promise.all([this.#socket.subscribe([USER_TOPIC]), connecting]);
  }

  recycle(reason: string): void {
    this.#socket.recycle(reason);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimers();
    const wasStarted = this.#socket.state !== 'idle';
    await this.#socket.close();
    if (wasStarted) await this.#deps.listenKey.close().catch(() => undefined);
  }

  // --- frames ---------------------------------------------------------------------------------

  #onMessage(data: Buffer): string | undefined {
    this.#lastFrameAt = this.#clock.now();
    const message = JSON.parse(data.toString('utf8')) as { e?: unknown };
    switch (message.e) {
      case 'ORDER_TRADE_UPDATE': {
        const { order, fill, eventTime } = parseOrderTradeUpdate(message);
        if (fill !== undefined) this.#fill(fill);
        this.#order(order, eventTime);
        return USER_TOPIC;
      }
      case 'ACCOUNT_UPDATE': {
        const { balances, positions, eventTime } = parseAccountUpdate(message);
        for (const balance of balances) this.#balance(balance, eventTime);
        for (const position of positions) this.#position(position, eventTime);
        return USER_TOPIC;
      }
      case 'listenKeyExpired':
        // Nothing more arrives on this key: reconnect with a new one (and catch up).
        this.#timers.setTimeout(() => this.#socket.recycle('listenKeyExpired'), 0);
        return USER_TOPIC;
      default:
        // MARGIN_CALL, ACCOUNT_CONFIG_UPDATE, announcements: nothing the domain tracks.
        return USER_TOPIC;
    }
  }

  #fill(fill: Fill): void {
    if (this.state.acceptFill(fill)) this.#deps.emit({ type: 'fill', exchange: 'aster', fill });
  }

  #order(order: Order, eventTime: number): void {
    if (this.state.acceptOrder(order, eventTime)) this.#deps.emit({ type: 'order', exchange: 'aster', order });
  }

  #position(position: Position, eventTime: number): void {
    if (this.state.acceptPosition(position, eventTime)) this.#deps.emit({ type: 'position', exchange: 'aster', position });
  }

  #balance(balance: Balance, eventTime: number): void {
    if (this.state.acceptBalance(balance, eventTime)) this.#deps.emit({ type: 'balance', exchange: 'aster', balance });
  }

  async #catchUp(): Promise<void> {
    const now = this.#clock.now();
    const slack = this.#deps.options?.catchUpSlackMs ?? STREAM_DEFAULTS.catchUpSlackMs;
    // Fills after the last frame the old connection delivered may have been lost with it.
    const lastSeen = Math.max(this.#lastFrameAt ?? 0, this.#lastReadyAt ?? 0) || now;
    const since = Math.max(lastSeen - slack, now - WEEK_MS + 60_000);
    this.#lastCatchUp = await catchUp(this.#deps.sources, this.state, since, now, {
      fill: (fill) => this.#deps.emit({ type: 'fill', exchange: 'aster', fill }),
      order: (order) => this.#deps.emit({ type: 'order', exchange: 'aster', order }),
      position: (position) => this.#deps.emit({ type: 'position', exchange: 'aster', position }),
    });
  }

  // --- listen key --------------------------------------------------------------------------------

  #armKeepAlive(): void {
    if (this.#keepAliveTimer !== undefined || this.#closed) return;
    const every = this.#deps.options?.listenKeyKeepAliveMs ?? STREAM_DEFAULTS.listenKeyKeepAliveMs;
    this.#keepAliveTimer = this.#timers.setTimeout(() => {
      this.#keepAliveTimer = undefined;
      this.#deps.listenKey.keepAlive().then(
        () => {
          this.#keepAliveFailures = 0;
          this.#armKeepAlive();
        },
        (error: unknown) => {
          this.#keepAliveFailures += 1;
          const gone = error instanceof ExchangeError && String(error.venueCode) === INVALID_LISTEN_KEY;
          // Two misses in a row leave too little of the key's 60 minutes: start over with a new key.
          if (gone || this.#keepAliveFailures >= 2) {
            this.#keepAliveFailures = 0;
            this.#socket.recycle(gone ? 'listen key no longer exists' : 'listen key keepalive failed twice');
          }
          this.#armKeepAlive();
        },
      );
    }, every);
  }

  #clearTimers(): void {
    if (this.#keepAliveTimer !== undefined) this.#timers.clearTimeout(this.#keepAliveTimer);
    this.#keepAliveTimer = undefined;
    this.#lifecycle.dispose();
  }
}
