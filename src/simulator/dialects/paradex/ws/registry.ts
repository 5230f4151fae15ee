/**
 * Which connection is subscribed to which channel. Subscribers of the same channel (and, for
 * private channels, the same account) share one Topic, so a frame is built and faulted once per
 * topic and then written to every subscriber. Engine events find their topics through a route key
 * (kind, account, market), looked up for the event's market and for "every market".
 */
import type { ChannelKind, ChannelSpec } from './channels.js';
import { notificationPrefix } from './rpc.js';

const EVERY_MARKET = '*';

export function routeKey(kind: ChannelKind, market: string | undefined, account?: string): string {
  return account === undefined ? `${kind}|${market ?? EVERY_MARKET}` : `${kind}|${account}|${market ?? EVERY_MARKET}`;
}

export class Topic<S> {
  readonly subscribers = new Set<S>();
  /** Sequence numbers skipped by gap faults so far (added to every seq_no of the topic). */
  seqOffset = 0;
  /** Frames held back by reorder faults, sent after the next frame of the topic. */
  readonly held: unknown[] = [];
  /** Per-kind state (the order-book feed keeps its throttle and last sequence here). */
  state: unknown = undefined;
  /** The constant head of this channel's notifications. */
  readonly prefix: string;

  constructor(
    /** Channel name, plus the account for private channels. */
    readonly key: string,
    readonly spec: ChannelSpec,
    /** The owning account of a private topic. */
    readonly account: string | undefined,
    readonly route: string,
  ) {
    this.prefix = notificationPrefix(spec.name);
  }
}

export type AddResult<S> = { readonly ok: true; readonly topic: Topic<S>; readonly created: boolean } | { readonly ok: false; readonly reason: 'already subscribed' };
export type RemoveResult<S> = { readonly ok: true; readonly topic: Topic<S>; readonly emptied: boolean } | { readonly ok: false; readonly reason: 'not subscribed' };

export class SubscriptionRegistry<S> {
  readonly #topics = new Map<string, Topic<S>>();
  readonly #byRoute = new Map<string, Set<Topic<S>>>();
  /** subscriber -> channel name -> topic. */
  readonly #bySubscriber = new Map<S, Map<string, Topic<S>>>();
  /** account -> number of its private topics. */
  readonly #accountTopics = new Map<string, number>();

  /** Number of live topics (0 lets the dialect stop listening to the engine). */
  get size(): number {
    return this.#topics.size;
  }

  /** Subscribes; a private channel is keyed by `account` so that accounts never share frames. */
  add(subscriber: S, spec: ChannelSpec, account?: string): AddResult<S> {
    let mine = this.#bySubscriber.get(subscriber);
    if (mine?.has(spec.name)) return { ok: false, reason: 'already subscribed' };
    const owner = spec.private ? account : undefined;
    if (spec.private && owner === undefined) throw new Error(`private channel ${spec.name} needs an account`);
    const key = owner === undefined ? spec.name : `${spec.name}#${owner}`;
    let topic = this.#topics.get(key);
    const created = topic === undefined;
    if (topic === undefined) {
      topic = new Topic<S>(key, spec, owner, routeKey(spec.kind, spec.market, owner));
      this.#topics.set(key, topic);
      let routed = this.#byRoute.get(topic.route);
      if (routed === undefined) this.#byRoute.set(topic.route, (routed = new Set()));
      routed.add(topic);
      if (owner !== undefined) this.#accountTopics.set(owner, (this.#accountTopics.get(owner) ?? 0) + 1);
    }
    topic.subscribers.add(subscriber);
    if (mine === undefined) this.#bySubscriber.set(subscriber, (mine = new Map()));
    mine.set(spec.name, topic);
    return { ok: true, topic, created };
  }

  remove(subscriber: S, channel: string): RemoveResult<S> {
    const mine = this.#bySubscriber.get(subscriber);
    const topic = mine?.get(channel);
    if (mine === undefined || topic === undefined) return { ok: false, reason: 'not subscribed' };
    mine.delete(channel);
    if (mine.size === 0) this.#bySubscriber.delete(subscriber);
    return { ok: true, topic, emptied: this.#detach(topic, subscriber) };
  }

  /** Drops every subscription of a subscriber (its socket closed); returns the topics left empty. */
  removeAll(subscriber: S): Topic<S>[] {
    const mine = this.#bySubscriber.get(subscriber);
    if (mine === undefined) return [];
    this.#bySubscriber.delete(subscriber);
    const emptied: Topic<S>[] = [];
    for (const topic of mine.values()) if (this.#detach(topic, subscriber)) emptied.push(topic);
    return emptied;
  }

  /** Topics fed by an event of `kind` in `market` (the market's own and the every-market ones). */
  *topicsFor(kind: ChannelKind, market: string | undefined, account?: string): Generator<Topic<S>> {
    const own = this.#byRoute.get(routeKey(kind, market, account));
    if (own !== undefined) yield* own;
    if (market === undefined) return;
    const every = this.#byRoute.get(routeKey(kind, undefined, account));
    if (every !== undefined) yield* every;
  }

  /** Whether anything listens to `kind` in `market` (cheap check before building a payload). */
  hasTopics(kind: ChannelKind, market: string | undefined, account?: string): boolean {
    if (this.#byRoute.has(routeKey(kind, market, account))) return true;
    return market !== undefined && this.#byRoute.has(routeKey(kind, undefined, account));
  }

  /** Whether any private channel of `account` has a subscriber. */
  hasAccountTopics(account: string): boolean {
    return this.#accountTopics.has(account);
  }

  channelsOf(subscriber: S): string[] {
    return [...(this.#bySubscriber.get(subscriber)?.keys() ?? [])];
  }

  topics(): IterableIterator<Topic<S>> {
    return this.#topics.values();
  }

  #detach(topic: Topic<S>, subscriber: S): boolean {
    topic.subscribers.delete(subscriber);
    if (topic.subscribers.size > 0) return false;
    this.#topics.delete(topic.key);
    const routed = this.#byRoute.get(topic.route);
    routed?.delete(topic);
    if (routed?.size === 0) this.#byRoute.delete(topic.route);
    if (topic.account !== undefined) {
      const left = (this.#accountTopics.get(topic.account) ?? 1) - 1;
      if (left > 0) this.#accountTopics.set(topic.account, left);
      else this.#accountTopics.delete(topic.account);
    }
    return true;
  }
}
