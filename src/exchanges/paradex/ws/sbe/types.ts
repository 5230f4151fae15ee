/**
 * What the SBE decoder produces: one object per binary frame, shaped like the `params.data` of
 * the equivalent JSON channel message so the router can send both through one parse path.
 *
 * Conventions (applied to every template):
 *  - Field names are the JSON channel's (snake_case). Fields with no JSON counterpart keep the
 *    same style and are marked "SBE only".
 *  - Amounts are canonical decimal strings built exactly from the int64 mantissa ("42000.5",
 *    "-0.005", "0": no trailing zeros, like the JSON feed). Null sentinels become `undefined`.
 *  - Timestamps are integer milliseconds since the epoch (the wire carries microseconds; the
 *    sub-millisecond part is dropped, as in the JSON channels).
 *  - `seq_no` is a number on public channels (a per-market counter, JSON sends a number) and an
 *    exact string on private ones (values near 1.7e18 do not fit a double).
 *  - `feed_time` (SBE only) is the schema's `ts`, the feed's publish time, in ms.
 *  - Fields appended in a later schema version are `undefined` when the frame's block or var data
 *    does not carry them.
 */
import type {
  SbeAccountStatus,
  SbeAssetKind,
  SbeFillFlag,
  SbeFillType,
  SbeFundingSource,
  SbeLiquidity,
  SbeOrderFlag,
  SbeOrderStatus,
  SbeOrderType,
  SbePositionSide,
  SbePositionStatus,
  SbeRequestStatus,
  SbeRequestType,
  SbeSide,
  SbeStp,
  SbeTimeInForce,
} from './enums.js';

/** [price, size]; in a delta, size "0" removes the level and any other size replaces it. */
export type SbeBookLevel = readonly [price: string, size: string];

/** Template 1, channel `trades.{market}`. */
export interface SbeTrade {
  /**
   * The trade id: `tradeIdStr` (the real 28-digit id) when the frame carries it (1:2), otherwise
   * the deprecated int64 id, which is only the low 64 bits of the real id and will not match REST.
   */
  readonly id: string;
  /** SBE only: the deprecated int64 trade id as a signed decimal string. */
  readonly trade_id_int64: string;
  readonly market: string;
  /** Aggressor side. */
  readonly side: SbeSide;
  readonly price: string;
  readonly size: string;
  /** Matching-engine time, ms. */
  readonly created_at: number;
  readonly trade_type: SbeFillType;
  /** SBE only: order-book sequence after the trade; 0 for trades with no book sequence. */
  readonly seq_no: number;
  readonly feed_time: number;
}

/** Template 2, channel `bbo.{market}`. An empty side has price and size undefined. */
export interface SbeBbo {
  readonly market: string;
  readonly bid?: string;
  readonly bid_size?: string;
  readonly ask?: string;
  readonly ask_size?: string;
  /** From the schema's `ts`, ms. */
  readonly last_updated_at: number;
  readonly seq_no: number;
}

/** A best-price field of an interactive book feed, in the JSON channel's `{side, price, size}` shape. */
export interface SbeBestLevel {
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly size?: string;
}

/**
 * Template 3, channel `order_book.{market}.…`. Unlike JSON (inserts/updates/deletes with a side
 * per entry) SBE sends two best-first level lists; `update_type` 's' replaces the book, 'd'
 * applies the levels in `seq_no` order.
 */
export interface SbeBookUpdate {
  readonly market: string;
  readonly seq_no: number;
  /** From the schema's `ts`, ms. */
  readonly last_updated_at: number;
  readonly update_type: 's' | 'd';
  readonly bids: readonly SbeBookLevel[];
  readonly asks: readonly SbeBookLevel[];
  /** Interactive feeds only: best prices including RPI orders (schema bestBid* / bestAsk*). */
  readonly best_bid_interactive?: SbeBestLevel;
  readonly best_ask_interactive?: SbeBestLevel;
  /** Interactive feeds only: best prices excluding RPI orders (schema bestBidApi* / bestAskApi*). */
  readonly best_bid_api?: SbeBestLevel;
  readonly best_ask_api?: SbeBestLevel;
  readonly relative_spread?: string;
}

export interface SbeGreeks {
  readonly delta?: string;
  readonly gamma?: string;
  readonly vega?: string;
  readonly theta?: string;
  readonly rho?: string;
  readonly volga?: string;
  readonly vanna?: string;
}

/** Template 4, channel `markets_summary[.{market}]`. JSON has no `oracle_price` counterpart here. */
export interface SbeMarketSummary {
  readonly symbol: string;
  readonly mark_price: string;
  readonly underlying_price: string;
  readonly last_traded_price: string;
  readonly volume_24h: string;
  readonly open_interest: string;
  /**
   * The 12-decimal `fundingRatePrecise` when the frame has it (1:1+), else the 8-decimal
   * `fundingRate` (which truncates the JSON value).
   */
  readonly funding_rate: string;
  readonly bid?: string;
  readonly ask?: string;
  readonly bid_size?: string;
  readonly ask_size?: string;
  readonly total_volume: string;
  readonly price_change_rate_24h: string;
  /** From the schema's `ts`, ms. */
  readonly created_at: number;
  readonly mark_iv?: string;
  readonly bid_iv?: string;
  readonly ask_iv?: string;
  readonly last_iv?: string;
  /** Present when at least one greek is non-null (options; perps send none). */
  readonly greeks?: SbeGreeks;
  readonly future_funding_rate?: string;
  readonly external_fair_price?: string;
  /** 1:1+. */
  readonly forward_rate?: string;
  readonly risk_free_rate?: string;
  /** SBE only. */
  readonly seq_no: number;
}

/** Template 5, channel `funding_data.{market}`. Rates are truncated to 8 decimals by the schema. */
export interface SbeFundingData {
  readonly market: string;
  readonly funding_rate: string;
  readonly funding_index: string;
  readonly funding_premium: string;
  readonly funding_rate_8h: string;
  readonly funding_period_hours: number;
  readonly created_at: number;
  /** 1:1+; undefined when the JSON would omit it. */
  readonly impact_premium_rate?: string;
  /** SBE only. */
  readonly seq_no: number;
  readonly feed_time: number;
}

/** Template 6 (1:1+), channel `funding_rate_comparison.ALL@…`. No JSON recording exists; names follow the schema. */
export interface SbeFundingRateComparison {
  readonly market: string;
  /** 12 decimals. */
  readonly hourly_funding_rate: string;
  readonly asset_kind: SbeAssetKind;
  readonly source: SbeFundingSource;
  readonly last_updated_at: number;
  readonly feed_time: number;
}

export interface SbeRequestInfo {
  readonly id: string;
  readonly message: string;
  readonly request_type: SbeRequestType;
  readonly status: SbeRequestStatus;
}

/** Template 20, channel `orders.{market}` (private; the live venue sends these as JSON today). */
export interface SbeOrder {
  readonly id: string;
  readonly client_id: string;
  readonly market: string;
  readonly account: string;
  readonly side: SbeSide;
  readonly type: SbeOrderType;
  readonly instruction: SbeTimeInForce;
  readonly status: SbeOrderStatus;
  /** Undefined for MARKET orders (JSON sends "0"). */
  readonly price?: string;
  readonly trigger_price?: string;
  readonly size: string;
  readonly remaining_size: string;
  readonly avg_fill_price?: string;
  readonly created_at: number;
  readonly last_updated_at: number;
  readonly received_at: number;
  readonly published_at: number;
  readonly stp: SbeStp;
  readonly flags: readonly SbeOrderFlag[];
  readonly cancel_reason: string;
  /** 1:2 with the 128-byte block, and only when the status or type is not UNSPECIFIED. */
  readonly request_info?: SbeRequestInfo;
  readonly seq_no: string;
  readonly feed_time: number;
}

/** Template 21, channel `fills.{market}` (private). */
export interface SbeFill {
  readonly id: string;
  readonly order_id: string;
  readonly client_id: string;
  /** SBE only. */
  readonly trade_id: string;
  readonly market: string;
  readonly account: string;
  readonly side: SbeSide;
  readonly liquidity: SbeLiquidity;
  readonly fill_type: SbeFillType;
  readonly price: string;
  readonly size: string;
  /** Positive = paid, negative = rebate. */
  readonly fee: string;
  /** 1:2 var data. */
  readonly fee_currency?: string;
  readonly realized_pnl?: string;
  readonly realized_funding: string;
  readonly underlying_price: string;
  readonly created_at: number;
  /** 1:2 (116-byte block). */
  readonly flags?: readonly SbeFillFlag[];
  readonly orderbook_seq_no?: number;
  /** Undefined for position transfers (1:2 null sentinel). */
  readonly seq_no?: string;
  readonly feed_time: number;
}

/** Template 22, channel `positions` (private). */
export interface SbePosition {
  readonly market: string;
  readonly account: string;
  readonly side: SbePositionSide;
  /** Signed like the JSON channel: negative for SHORT (the wire carries the absolute size). */
  readonly size: string;
  readonly average_entry_price: string;
  readonly average_entry_price_usd: string;
  readonly unrealized_pnl: string;
  readonly unrealized_funding_pnl: string;
  /** SBE only (schema `realizedPnl`; which JSON realized_* field it equals is not documented). */
  readonly realized_pnl: string;
  /** SBE only; always undefined from 1:2 on. */
  readonly mark_price?: string;
  readonly liquidation_price?: string;
  readonly leverage: string;
  readonly cost: string;
  readonly cost_usd: string;
  readonly cached_funding_index: string;
  readonly last_updated_at: number;
  readonly status: SbePositionStatus;
  readonly last_fill_id: string;
  readonly seq_no: string;
  readonly feed_time: number;
}

/** Template 23, channel `account` (private). */
export interface SbeAccount {
  readonly account: string;
  readonly account_value: string;
  readonly free_collateral: string;
  readonly total_collateral: string;
  readonly initial_margin_requirement: string;
  readonly maintenance_margin_requirement: string;
  readonly margin_cushion: string;
  /** SBE only; always undefined from 1:2 on. */
  readonly unrealized_pnl?: string;
  readonly updated_at: number;
  readonly status: SbeAccountStatus;
  readonly settlement_asset: string;
  /** 1:2 (121-byte block), ms. */
  readonly last_seen_notification?: number;
  readonly seq_no: string;
  readonly feed_time: number;
}

/** Template 40: server keepalive on idle connections. */
export interface SbeHeartbeat {
  readonly seq_no: number;
  readonly feed_time: number;
}

/** Template 41: reserved (the venue acknowledges subscriptions with JSON text frames). */
export interface SbeSubscribed {
  readonly channel: string;
  /** 0 = ok, 1 = error. */
  readonly status: number;
  readonly seq_no: number;
  readonly feed_time: number;
}

interface Frame<K extends string, D> {
  readonly kind: K;
  /** Schema version from the frame header (the negotiated one). */
  readonly version: number;
  readonly data: D;
}

/** A frame whose template this decoder does not know: the schema says to skip it. */
export interface SbeUnknownTemplate {
  readonly kind: 'unknown';
  readonly version: number;
  readonly templateId: number;
  readonly blockLength: number;
}

export type SbeMessage =
  | Frame<'trade', SbeTrade>
  | Frame<'bbo', SbeBbo>
  | Frame<'book', SbeBookUpdate>
  | Frame<'markets_summary', SbeMarketSummary>
  | Frame<'funding_data', SbeFundingData>
  | Frame<'funding_rate_comparison', SbeFundingRateComparison>
  | Frame<'order', SbeOrder>
  | Frame<'fill', SbeFill>
  | Frame<'position', SbePosition>
  | Frame<'account', SbeAccount>
  | Frame<'heartbeat', SbeHeartbeat>
  | Frame<'subscribed', SbeSubscribed>
  | SbeUnknownTemplate;

export type SbeMessageKind = SbeMessage['kind'];
