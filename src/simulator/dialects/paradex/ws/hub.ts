/**
 * The Paradex WebSocket hub: subscriptions of every connection, the engine listener that feeds
 * them, and the session methods (auth, subscribe, unsubscribe).
 *
 * The engine listener is attached only while some channel has a subscriber: the engine builds
 * event payloads only when somebody listens, so an idle simulator stays as fast as the engine.
 *
 * Token expiry (paradex.md §9.2): the JWT's expiry "does not end an authenticated session", so a
 * connection keeps its account and its private subscriptions when its token expires or the
 * simulator's expire-tokens fault revokes it; only a new `auth` with that token is refused (40111).
 */
import { randomBytes } from 'node:crypto';
import type { EngineEvent, SimulatorEngine } from '../../../engine/index.js';
import { canonicalAddress } from '../accounts.js';
import type { ParadexVenue } from '../venue.js';
import { BookFeeds } from './book-feed.js';
import type { SnapshotView } from './book-frames.js';
import { parseChannel } from './channels.js';
import type { ChannelSpec } from './channels.js';
import type { ParadexConnection } from './connection.js';
import { FanOut } from './fanout.js';
import { MarketTracker } from './market-tracker.js';
import { PrivateFeed } from './private-feed.js';
import { PublicFeed } from './public-feed.js';
import { SubscriptionRegistry } from './registry.js';
import type { Topic } from './registry.js';
import { RPC_CODE, RpcFailure, rpcError } from './rpc.js';

/** A method's answer, and what to send after it (a subscription's first frames follow its ack). */
export interface MethodOutcome {
  readonly result: unknown;
  readonly after?: () => void;
}

const fail = (code: number, message: string, data?: string): RpcFailure => new RpcFailure(rpcError(code, message, data));

export class ParadexWsHub {
  readonly registry = new SubscriptionRegistry<ParadexConnection>();
  readonly #venue: ParadexVenue;
  readonly #engine: SimulatorEngine;
  readonly #markets: MarketTracker;
  readonly #books: BookFeeds<ParadexConnection>;
  readonly #public: PublicFeed<ParadexConnection>;
  readonly #private: PrivateFeed<ParadexConnection>;
  readonly #marketIds: ReadonlySet<string>;
  readonly nodeId = randomBytes(8).toString('hex');
  #unlisten: (() => void) | undefined;

  constructor(venue: ParadexVenue) {
    this.#venue = venue;
    this.#engine = venue.engine;
    const fanout = new FanOut(venue.faults);
    this.#markets = new MarketTracker(venue.engine);
    this.#books = new BookFeeds(venue.engine, this.registry, fanout);
    this.#public = new PublicFeed(venue.engine, this.registry, fanout, this.#markets);
    this.#private = new PrivateFeed(venue, this.registry, fanout, this.#markets);
    this.#marketIds = new Set(venue.engine.markets().map((m) => m.id));
  }

  // ---- session methods -------------------------------------------------------------------

  auth(connection: ParadexConnection, params: Readonly<Record<string, unknown>>): MethodOutcome {
    const bearer = params.bearer;
    if (typeof bearer !== 'string' || bearer.split('.').length !== 3) throw fail(RPC_CODE.MALFORMED_BEARER, 'Malformed Bearer Token');
    const account = this.accountOf(bearer);
    connection.account = account;
    return { result: { node_id: this.nodeId } };
  }

  /** The account a JWT authenticates, or the venue's 40111. */
  accountOf(bearer: string): string {
    const check = this.#venue.tokens.verify(bearer, this.#venue.now());
    if ('error' in check) throw fail(RPC_CODE.INVALID_BEARER, 'Invalid Bearer Token', check.error === 'expired' ? 'token is expired' : 'invalid token');
    return canonicalAddress(check.account) ?? check.account;
  }

  subscribe(connection: ParadexConnection, params: Readonly<Record<string, unknown>>): MethodOutcome {
    if (params.markets !== undefined) {
      throw fail(RPC_CODE.INVALID_PARAMS, 'invalid params', 'scoped markets_summary subscriptions (markets) are not supported by the simulator');
    }
    const parsed = parseChannel(params.channel, this.#marketIds);
    if (!parsed.ok) throw fail(RPC_CODE.INVALID_REQUEST, 'invalid subscribe request', 'invalid channel');
    const spec = parsed.spec;
    if (spec.private && connection.account === undefined) throw fail(RPC_CODE.PERMISSION_DENIED, 'permission denied', 'authentication required');
    // Observed on the live SBE socket (paradex.md §9.6): deltas take no @15@rate parameters there.
    if (connection.sbeVersion !== undefined && spec.book?.feed === 'deltas' && spec.book.parameterized) {
      throw fail(RPC_CODE.INVALID_REQUEST, 'invalid subscribe request', 'no parameters expected for deltas topic');
    }
    if (this.registry.channelsOf(connection).includes(spec.name)) throw fail(RPC_CODE.INVALID_REQUEST, 'invalid subscribe request', 'already subscribed');
    this.#listen();
    // The book is read before joining: the read may deliver pending book events, which precede it.
    const firstBook: SnapshotView | undefined = spec.kind === 'order_book' ? this.#books.firstView(spec) : undefined;
    const added = this.registry.add(connection, spec, connection.account);
    if (!added.ok) throw fail(RPC_CODE.INVALID_REQUEST, 'invalid subscribe request', 'already subscribed');
    const { topic, created } = added;
    if (spec.private && connection.account !== undefined) this.#private.prime(connection.account);
    return { result: { channel: spec.name }, after: () => this.#welcome(connection, topic, created, spec, firstBook) };
  }

  unsubscribe(connection: ParadexConnection, params: Readonly<Record<string, unknown>>): MethodOutcome {
    const channel = params.channel;
    if (typeof channel !== 'string' || channel === '') throw fail(RPC_CODE.INVALID_PARAMS, 'invalid params', 'channel is required');
    const removed = this.registry.remove(connection, channel);
    if (!removed.ok) throw fail(RPC_CODE.INVALID_REQUEST, 'invalid unsubscribe request', 'not subscribed');
    if (removed.emptied) this.#release([removed.topic]);
    return { result: { channel } };
  }

  /** A connection closed: its subscriptions go. */
  disconnect(connection: ParadexConnection): void {
    this.#release(this.registry.removeAll(connection));
  }

  close(): void {
    this.#release([...this.registry.topics()]);
    this.#unlisten?.();
    this.#unlisten = undefined;
  }

  // ---- engine events ---------------------------------------------------------------------

  onEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'book_delta':
        this.#markets.noteBookSeq(event.market, event.seq);
        this.#books.onDelta(event.market, event.seq, event.timestamp, event.changes);
        return;
      case 'bbo':
      case 'trade':
      case 'mark_price':
      case 'funding_rate':
        this.#public.onEvent(event);
        return;
      case 'trade_busted':
        // Public trades are not retracted on the venue's trades channel; busts reach the two
        // accounts through `tradebusts`.
        return;
      default:
        this.#private.onEvent(event);
    }
  }

  #welcome(connection: ParadexConnection, topic: Topic<ParadexConnection>, created: boolean, spec: ChannelSpec, firstBook: SnapshotView | undefined): void {
    if (connection.closed || !topic.subscribers.has(connection)) return;
    if (firstBook !== undefined) {
      this.#books.welcome(topic, connection, created, firstBook);
      return;
    }
    for (const frame of this.#public.firstFrames(spec, topic.prefix)) frame.writeTo(connection);
  }

  #listen(): void {
    this.#unlisten ??= this.#engine.on((event) => this.onEvent(event));
  }

  #release(topics: readonly Topic<ParadexConnection>[]): void {
    for (const topic of topics) {
      if (topic.spec.kind === 'order_book') this.#books.release(topic);
      topic.held.length = 0;
    }
    if (this.registry.size === 0 && this.#unlisten !== undefined) {
      this.#unlisten();
      this.#unlisten = undefined;
      // What was learnt from events goes stale while nobody listens.
      this.#markets.clear();
      this.#private.clear();
    }
  }
}
