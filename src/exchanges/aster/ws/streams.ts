/**
 * The ExchangeClient streaming surface for Aster: maps Subscriptions onto the market stream
 * (bbo, trades, book, funding) and the user data stream (orders, fills, positions, account), and
 * filters private events by the markets subscribed. Consumers see domain events only.
 */
import { NotSupportedError } from '../../../core/errors.js';
import type { EventHandler, ExchangeEvent, Subscription } from '../../../core/exchange-client.js';
import type { WireDepth } from '../rest/schemas/index.js';
import type { CatchUpSources } from './catch-up.js';
import { AsterMarketStream } from './market-stream.js';
import type { AsterStreamOptions } from './options.js';
import type { ListenKeyApi } from './user-stream.js';
import { AsterUserStream } from './user-stream.js';

export interface AsterStreamsDeps {
  readonly wsBaseUrl: string;
  readonly fetchDepth: (symbol: string, limit: number) => Promise<WireDepth>;
  /** Undefined without credentials: private channels are then refused. */
  readonly listenKey: ListenKeyApi | undefined;
  readonly sources: CatchUpSources;
  readonly beforeUserReady?: (isReconnect: boolean) => Promise<void>;
  readonly options?: AsterStreamOptions;
}

type PrivateChannel = 'orders' | 'fills' | 'positions' | 'account';
const ALL = '*';

export class AsterStreams {
  readonly #deps: AsterStreamsDeps;
  readonly #handlers = new Set<EventHandler>();
  #market: AsterMarketStream | undefined;
  #user: AsterUserStream | undefined;
  /** Markets wanted per private channel ('*' = all). */
  readonly #private: Record<PrivateChannel, Set<string>> = { orders: new Set(), fills: new Set(), positions: new Set(), account: new Set() };

  constructor(deps: AsterStreamsDeps) {
    this.#deps = deps;
  }

  onEvent(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** The market stream, created on first use. */
  get market(): AsterMarketStream {
    this.#market ??= new AsterMarketStream({
      wsBaseUrl: this.#deps.wsBaseUrl,
      fetchDepth: this.#deps.fetchDepth,
      emit: (event) => this.#emit(event),
      ...(this.#deps.options === undefined ? {} : { options: this.#deps.options }),
    });
    return this.#market;
  }

  /** The user stream, created on first use (needs credentials). */
  get user(): AsterUserStream {
    if (this.#user !== undefined) return this.#user;
    const listenKey = this.#deps.listenKey;
    if (listenKey === undefined) {
      throw new NotSupportedError('Aster private streams need credentials (V3 API wallet or V1 API key)', { exchange: 'aster' });
    }
    this.#user = new AsterUserStream({
      wsBaseUrl: this.#deps.wsBaseUrl,
      listenKey,
      sources: this.#deps.sources,
      emit: (event) => this.#emitPrivate(event),
      ...(this.#deps.beforeUserReady === undefined ? {} : { beforeReady: this.#deps.beforeUserReady }),
      ...(this.#deps.options === undefined ? {} : { options: this.#deps.options }),
    });
    return this.#user;
  }

  async subscribe(subscription: Subscription): Promise<void> {
    switch (subscription.channel) {
      case 'bbo':
      case 'trades':
      case 'funding':
        return this.market.subscribe(subscription.channel, subscription.market);
      case 'book':
        return this.market.subscribe('book', subscription.market, subscription.depth);
      case 'orders':
      case 'fills':
        this.#private[subscription.channel].add(subscription.market ?? ALL);
        return this.user.start();
      case 'positions':
      case 'account':
        this.#private[subscription.channel].add(ALL);
        return this.user.start();
    }
  }

  async unsubscribe(subscription: Subscription): Promise<void> {
    switch (subscription.channel) {
      case 'bbo':
      case 'trades':
      case 'funding':
      case 'book':
        if (this.#market !== undefined) await this.#market.unsubscribe(subscription.channel, subscription.market);
        return;
      case 'orders':
      case 'fills':
        this.#private[subscription.channel].delete(subscription.market ?? ALL);
        return;
      case 'positions':
      case 'account':
        this.#private[subscription.channel].delete(ALL);
        return;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#market?.close(), this.#user?.close()]);
  }

  #emit(event: ExchangeEvent): void {
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch {
        // A consumer's bug must not stop the stream (or the other consumers).
      }
    }
  }

  #wants(channel: PrivateChannel, market: string): boolean {
    const set = this.#private[channel];
    return set.has(ALL) || set.has(market);
  }

  #emitPrivate(event: ExchangeEvent): void {
    switch (event.type) {
      case 'order':
        if (this.#wants('orders', event.order.market)) this.#emit(event);
        return;
      case 'fill':
        if (this.#wants('fills', event.fill.market)) this.#emit(event);
        return;
      case 'position':
        if (this.#wants('positions', event.position.market)) this.#emit(event);
        return;
      case 'balance':
        if (this.#private.account.size > 0) this.#emit(event);
        return;
      default:
        this.#emit(event);
    }
  }
}
