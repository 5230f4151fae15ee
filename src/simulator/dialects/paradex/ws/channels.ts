/**
 * Paradex channel names (AsyncAPI 1.3.1 channel list, paradex.md §9.5-9.6, the recorded
 * subscribe acknowledgements) -> what the simulator streams on them.
 *
 * Accepted spellings, as the venue spells them:
 * - `bbo.{market|ALL}` (also `bbo.{market}.interactive`, seen on the live socket)
 * - `trades.{market|ALL}`
 * - `order_book.{market}.{snapshot|deltas|interactive}@15@{50ms|100ms}[@{price_tick}]` (AsyncAPI),
 *   and the bare `order_book.{market}.deltas` / `.interactive_deltas` that the live socket
 *   acknowledges (recorded `ws_subscribe_result.json`)
 * - `markets_summary`, `markets_summary.{market|ALL}`, `funding_data`, `funding_data.{market|ALL}`
 * - private: `orders.{market|ALL}`, `fills.{market|ALL}`, `funding_payments.{market|ALL}`,
 *   `positions`, `account`, `balance_events`, `tradebusts`
 * - accepted but silent (nothing in the simulator produces them): `markets[.{market}]`,
 *   `transaction`, `transfers`
 * Anything else is refused with -32600 "invalid subscribe request" / "invalid channel".
 */

export type PublicKind = 'bbo' | 'trades' | 'order_book' | 'markets_summary' | 'funding_data' | 'markets';
export type PrivateKind = 'orders' | 'fills' | 'funding_payments' | 'positions' | 'account' | 'balance_events' | 'tradebusts' | 'transaction' | 'transfers';
export type ChannelKind = PublicKind | PrivateKind;

export interface BookChannel {
  /** 'snapshot': top-15 snapshots at the refresh rate; 'deltas': a full-depth snapshot, then one delta per book change. */
  readonly feed: 'snapshot' | 'deltas';
  /** The interactive (UI) feed: the simulator has no RPI orders, so it equals the API feed plus best-price fields. */
  readonly interactive: boolean;
  /** Snapshot feed: at most one frame per this many ms. */
  readonly refreshMs: number;
  /** Price grouping (decimal text, "0.1"); undefined = the market's own tick. */
  readonly priceTick: string | undefined;
  /** True for the `@15@rate` spelling (the live SBE socket refuses it for deltas). */
  readonly parameterized: boolean;
}

export interface ChannelSpec {
  /** The channel exactly as subscribed: every notification carries it back. */
  readonly name: string;
  readonly kind: ChannelKind;
  /** undefined = every market (`ALL` or the unsuffixed name). */
  readonly market: string | undefined;
  readonly private: boolean;
  /** Public channels whose payload the connection's SBE encoding replaces (order_book, bbo, ...). */
  readonly sbeCapable: boolean;
  readonly book?: BookChannel;
}

export type ChannelParse = { readonly ok: true; readonly spec: ChannelSpec } | { readonly ok: false; readonly reason: string };

const PRIVATE_KINDS: ReadonlySet<string> = new Set<PrivateKind>([
  'orders',
  'fills',
  'funding_payments',
  'positions',
  'account',
  'balance_events',
  'tradebusts',
  'transaction',
  'transfers',
]);
/** Channels whose name is the kind alone. */
const BARE: ReadonlySet<string> = new Set(['positions', 'account', 'balance_events', 'tradebusts', 'transaction', 'transfers', 'markets_summary', 'funding_data', 'markets']);
/** Channels taking `.{market}` or `.ALL`. */
const MARKET_SCOPED: ReadonlySet<string> = new Set(['bbo', 'trades', 'markets_summary', 'funding_data', 'orders', 'fills', 'funding_payments', 'markets']);
const SBE_KINDS: ReadonlySet<string> = new Set(['bbo', 'trades', 'order_book', 'markets_summary', 'funding_data']);

const REFRESH_MS: Readonly<Record<string, number>> = { '50ms': 50, '100ms': 100 };
const PRICE_TICKS: ReadonlySet<string> = new Set(['0_0000001', '0_0000005', '0_000001', '0_00001', '0_0001', '0_001', '0_01', '0_1', '1', '10', '100']);
const BOOK_DEPTH = '15';
/** Bare deltas feeds have no refresh rate: they send every change. */
const DELTAS_REFRESH_MS = 0;

const MAX_CHANNEL_LENGTH = 200;

const refuse = (reason: string): ChannelParse => ({ ok: false, reason });

function spec(name: string, kind: ChannelKind, market: string | undefined, book?: BookChannel): ChannelParse {
  const base = { name, kind, market, private: PRIVATE_KINDS.has(kind), sbeCapable: SBE_KINDS.has(kind) };
  return { ok: true, spec: book === undefined ? base : { ...base, book } };
}

/**
 * Parses a channel name. `markets` is the set of listed market symbols (exact spelling: the venue
 * does not accept aliases in channel names).
 */
export function parseChannel(name: unknown, markets: ReadonlySet<string>): ChannelParse {
  if (typeof name !== 'string' || name === '' || name.length > MAX_CHANNEL_LENGTH) return refuse('channel must be a non-empty string');
  if (BARE.has(name)) return spec(name, name as ChannelKind, undefined);
  const dot = name.indexOf('.');
  if (dot < 0) return refuse(`unknown channel ${name}`);
  const kind = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  if (kind === 'order_book') return parseBook(name, rest, markets);
  if (!MARKET_SCOPED.has(kind)) return refuse(`unknown channel ${name}`);
  if (rest === 'ALL') return spec(name, kind as ChannelKind, undefined);
  if (kind === 'bbo' && rest.endsWith('.interactive')) {
    const market = rest.slice(0, -'.interactive'.length);
    return markets.has(market) ? spec(name, 'bbo', market) : refuse(`unknown market ${market}`);
  }
  return markets.has(rest) ? spec(name, kind as ChannelKind, rest) : refuse(`unknown market ${rest}`);
}

function parseBook(name: string, rest: string, markets: ReadonlySet<string>): ChannelParse {
  // The market symbol has no dots; the feed part follows the first dot.
  const dot = rest.indexOf('.');
  if (dot < 0) return refuse('order_book needs a feed: order_book.{market}.{feed_type}@15@{refresh_rate}');
  const market = rest.slice(0, dot);
  const feedPart = rest.slice(dot + 1);
  if (!markets.has(market)) return refuse(`unknown market ${market}`);
  if (feedPart === 'deltas' || feedPart === 'interactive_deltas') {
    return spec(name, 'order_book', market, {
      feed: 'deltas',
      interactive: feedPart === 'interactive_deltas',
      refreshMs: DELTAS_REFRESH_MS,
      priceTick: undefined,
      parameterized: false,
    });
  }
  const [feedType, depth, rate, tick, extra] = feedPart.split('@');
  if (extra !== undefined || depth !== BOOK_DEPTH || rate === undefined || REFRESH_MS[rate] === undefined) {
    return refuse(`order_book feed must be {feed_type}@15@{50ms|100ms}[@{price_tick}] (got ${feedPart})`);
  }
  if (feedType !== 'snapshot' && feedType !== 'deltas' && feedType !== 'interactive') return refuse(`unknown order_book feed type ${String(feedType)}`);
  if (tick !== undefined && !PRICE_TICKS.has(tick)) return refuse(`unknown price tick ${tick}`);
  // Grouping a delta stream would need a second book per tick; the venue's tick parameter is a snapshot-feed option.
  if (tick !== undefined && feedType === 'deltas') return refuse('price_tick applies to snapshot feeds only');
  return spec(name, 'order_book', market, {
    feed: feedType === 'deltas' ? 'deltas' : 'snapshot',
    interactive: feedType === 'interactive',
    refreshMs: REFRESH_MS[rate],
    priceTick: tick?.replace('_', '.'),
    parameterized: true,
  });
}
