/**
 * Paradex channel names (paradex.md §9.5, AsyncAPI) for the domain subscriptions, and the reverse:
 * what a channel carries. One domain subscription may need several channels (fills also watch
 * tradebusts, so that a reversed fill is never missed by whoever tracks fills).
 */
import { InvalidOrderError } from '../../../core/errors.js';
import type { Subscription } from '../../../core/exchange-client.js';

/** Domain subscriptions plus the Paradex-only streams. */
export type ParadexSubscription =
  | Subscription
  /** Mark price and funding of one market (or all): emitted as 'funding' events with markPrice. */
  | { readonly channel: 'markets_summary'; readonly market?: string }
  /** Settlement-asset balance after every balance change (balance_events). */
  | { readonly channel: 'balance' }
  | { readonly channel: 'funding_payments'; readonly market?: string }
  | { readonly channel: 'tradebusts' };

export type BookFeed = 'deltas' | 'snapshot';
export type BookRefreshRate = '50ms' | '100ms';

export interface ChannelOptions {
  /** 'deltas' keeps a local book from the full-depth delta stream; 'snapshot' takes the 15-level snapshots. */
  readonly bookFeed: BookFeed;
  /** Refresh rate of the snapshot feed. */
  readonly bookRefreshRate: BookRefreshRate;
}

export type ChannelKind =
  | 'bbo'
  | 'trades'
  | 'order_book'
  | 'funding_data'
  | 'markets_summary'
  | 'orders'
  | 'fills'
  | 'positions'
  | 'account'
  | 'balance_events'
  | 'funding_payments'
  | 'tradebusts';

export interface ChannelInfo {
  readonly channel: string;
  readonly kind: ChannelKind;
  /** The market, or 'ALL' / undefined for every market. */
  readonly market: string | undefined;
  readonly private: boolean;
  /** order_book only. */
  readonly feed?: BookFeed;
}

const PRIVATE_KINDS: ReadonlySet<ChannelKind> = new Set(['orders', 'fills', 'positions', 'account', 'balance_events', 'funding_payments', 'tradebusts']);

/** Market symbols go into dotted channel names: refuse anything that would change the name's shape. */
const MARKET_RE = /^[A-Za-z0-9_-]{1,64}$/;

function checkMarket(market: string | undefined, what: string): string {
  if (typeof market !== 'string' || !MARKET_RE.test(market)) {
    throw new InvalidOrderError(`${what}: market must be a symbol such as "BTC-USD-PERP" (got ${JSON.stringify(market)})`, {
      field: 'market',
      value: String(market),
      rule: 'letters, digits, "-" or "_", 1-64 characters',
    });
  }
  return market;
}

const marketOrAll = (market: string | undefined, what: string): string => (market === undefined ? 'ALL' : checkMarket(market, what));

/** The channels one subscription needs, in the order they should be subscribed. */
export function channelsFor(subscription: ParadexSubscription, options: ChannelOptions): string[] {
  const what = `subscribe ${subscription.channel}`;
  switch (subscription.channel) {
    case 'bbo':
      return [`bbo.${checkMarket(subscription.market, what)}`];
    case 'trades':
      return [`trades.${checkMarket(subscription.market, what)}`];
    case 'book': {
      const market = checkMarket(subscription.market, what);
      // The live SBE socket accepts only the bare deltas name (paradex.md §9.6).
      return [options.bookFeed === 'deltas' ? `order_book.${market}.deltas` : `order_book.${market}.snapshot@15@${options.bookRefreshRate}`];
    }
    case 'funding':
      return [`funding_data.${checkMarket(subscription.market, what)}`];
    case 'markets_summary':
      return [subscription.market === undefined ? 'markets_summary' : `markets_summary.${checkMarket(subscription.market, what)}`];
    case 'orders':
      return [`orders.${marketOrAll(subscription.market, what)}`];
    case 'fills':
      return [`fills.${marketOrAll(subscription.market, what)}`, 'tradebusts'];
    case 'positions':
      return ['positions'];
    case 'account':
      return ['account'];
    case 'balance':
      return ['balance_events'];
    case 'funding_payments':
      return [`funding_payments.${marketOrAll(subscription.market, what)}`];
    case 'tradebusts':
      return ['tradebusts'];
  }
}

/** A stable key for a subscription (same key = same channels and same consumer intent). */
export function subscriptionKey(subscription: ParadexSubscription): string {
  const market = 'market' in subscription ? (subscription.market ?? '*') : '';
  const depth = subscription.channel === 'book' ? `@${subscription.depth ?? ''}` : '';
  return `${subscription.channel}:${market}${depth}`;
}

/** What a channel name carries; undefined for names this client never subscribes to. */
export function describeChannel(channel: string): ChannelInfo | undefined {
  const dot = channel.indexOf('.');
  const head = dot < 0 ? channel : channel.slice(0, dot);
  const rest = dot < 0 ? undefined : channel.slice(dot + 1);
  switch (head) {
    case 'bbo':
    case 'trades':
    case 'funding_data':
    case 'markets_summary':
    case 'orders':
    case 'fills':
    case 'funding_payments':
      return { channel, kind: head, market: rest, private: PRIVATE_KINDS.has(head) };
    case 'positions':
    case 'account':
    case 'balance_events':
    case 'tradebusts':
      return rest === undefined ? { channel, kind: head, market: undefined, private: true } : undefined;
    case 'order_book': {
      if (rest === undefined) return undefined;
      const marketEnd = rest.indexOf('.');
      if (marketEnd < 0) return undefined;
      const feedPart = rest.slice(marketEnd + 1);
      const feed: BookFeed = feedPart.startsWith('snapshot') ? 'snapshot' : 'deltas';
      return { channel, kind: 'order_book', market: rest.slice(0, marketEnd), private: false, feed };
    }
    default:
      return undefined;
  }
}
