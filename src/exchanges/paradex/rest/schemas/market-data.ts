/**
 * Public market schemas: markets, summaries, order book, BBO, trades, funding data, klines,
 * impact price and market history (OpenAPI responses.MarketResp, MarketSummaryResp, AskBidArray,
 * BBOResp, TradeResult, FundingDataResult, ImpactPriceResp, MarketHistoryResponse).
 */
import { z } from 'zod';
import {
  count,
  decimal,
  decimalOrEmpty,
  paginated,
  positiveDecimal,
  resultsOf,
  seqNo,
  sideSchema,
  timestampMs,
} from './primitives.js';

/**
 * One market. The fields pre-trade validation relies on are typed strictly; `asset_kind` stays a
 * string so a new kind of instrument does not break the whole list (parse filters it out).
 */
export const marketSchema = z.looseObject({
  symbol: z.string().min(1),
  asset_kind: z.string(),
  base_currency: z.string(),
  quote_currency: z.string(),
  settlement_currency: z.string(),
  price_tick_size: positiveDecimal,
  order_size_increment: positiveDecimal,
  min_notional: decimal,
  max_order_size: decimalOrEmpty.optional(),
  position_limit: decimalOrEmpty.optional(),
  price_bands_width: decimalOrEmpty.optional(),
  max_open_orders: count.optional(),
  funding_period_hours: count.optional(),
  open_at: timestampMs.optional(),
  expiry_at: timestampMs.optional(),
});
export type WireMarket = z.infer<typeof marketSchema>;
export const marketsSchema = resultsOf(marketSchema);
export type WireMarkets = z.infer<typeof marketsSchema>;

/** One market summary (GET /markets/summary, WS markets_summary). */
export const marketSummarySchema = z.looseObject({
  symbol: z.string(),
  mark_price: decimalOrEmpty.optional(),
  last_traded_price: decimalOrEmpty.optional(),
  bid: decimalOrEmpty.optional(),
  ask: decimalOrEmpty.optional(),
  bid_size: decimalOrEmpty.optional(),
  ask_size: decimalOrEmpty.optional(),
  volume_24h: decimalOrEmpty.optional(),
  open_interest: decimalOrEmpty.optional(),
  funding_rate: decimalOrEmpty.optional(),
  underlying_price: decimalOrEmpty.optional(),
  price_change_rate_24h: decimalOrEmpty.optional(),
  created_at: timestampMs,
});
export type WireMarketSummary = z.infer<typeof marketSummarySchema>;
export const marketsSummarySchema = resultsOf(marketSummarySchema);
export type WireMarketsSummary = z.infer<typeof marketsSummarySchema>;

/** [price, size], both decimal strings. */
export const bookLevelSchema = z.tuple([decimal, decimal]);

/** GET /orderbook/{market} (AskBidArray): asks ascending, bids descending as sent. */
export const orderBookSchema = z.looseObject({
  market: z.string(),
  asks: z.array(bookLevelSchema),
  bids: z.array(bookLevelSchema),
  seq_no: seqNo.optional(),
  last_updated_at: timestampMs,
});
export type WireOrderBook = z.infer<typeof orderBookSchema>;

/** GET /bbo/{market}. A side with no orders may come back empty. */
export const bboSchema = z.looseObject({
  market: z.string(),
  bid: decimalOrEmpty.optional(),
  bid_size: decimalOrEmpty.optional(),
  ask: decimalOrEmpty.optional(),
  ask_size: decimalOrEmpty.optional(),
  seq_no: seqNo.optional(),
  last_updated_at: timestampMs,
});
export type WireBbo = z.infer<typeof bboSchema>;

/** One public trade; `side` is the taker side. */
export const tradeSchema = z.looseObject({
  id: z.string(),
  market: z.string(),
  side: sideSchema,
  size: decimal,
  price: decimal,
  created_at: timestampMs,
  trade_type: z.string().optional(),
});
export type WireTrade = z.infer<typeof tradeSchema>;
export const tradesSchema = paginated(tradeSchema);
export type WireTrades = z.infer<typeof tradesSchema>;

/** One funding data point (GET /funding/data, WS funding_data). */
export const fundingDataSchema = z.looseObject({
  market: z.string(),
  funding_rate: decimal,
  funding_rate_8h: decimalOrEmpty.optional(),
  funding_index: decimalOrEmpty.optional(),
  funding_premium: decimalOrEmpty.optional(),
  funding_period_hours: count.optional(),
  created_at: timestampMs,
});
export type WireFundingData = z.infer<typeof fundingDataSchema>;
export const fundingDataPageSchema = paginated(fundingDataSchema);
export type WireFundingDataPage = z.infer<typeof fundingDataPageSchema>;

/**
 * GET /markets/klines: `{results: [[time, open, high, low, close, volume]]}`. The spec has no 200
 * schema and the recording uses JSON numbers, so candles accept numbers (analytics only, never
 * used to price an order) as well as strings.
 */
const candleValue = z.union([decimal, z.number().finite()]);
export const klinesSchema = z.looseObject({
  results: z.array(z.tuple([timestampMs, candleValue, candleValue, candleValue, candleValue, candleValue])),
});
export type WireKlines = z.infer<typeof klinesSchema>;

/** GET /orderbook/{market}/impact-price. */
export const impactPriceSchema = z.looseObject({
  market: z.string(),
  side: z.string(),
  size: decimal,
  impact_price: decimal,
});
export type WireImpactPrice = z.infer<typeof impactPriceSchema>;

/** GET /markets/history: changed fields are a free-form record (their types vary in the docs). */
export const marketHistorySchema = resultsOf(
  z.looseObject({
    symbol: z.string(),
    event_type: z.string(),
    updated_at: timestampMs,
    changed_fields: z.record(z.string(), z.unknown()),
  }),
);
export type WireMarketHistory = z.infer<typeof marketHistorySchema>;
