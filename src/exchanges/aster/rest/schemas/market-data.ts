/** Public market data schemas: exchangeInfo, time, depth, trades, book ticker, premium index, funding, klines. */
import { z } from 'zod';
import { decimal, id, looseDecimal, seq, timeMs } from './primitives.js';

export const serverTimeSchema = z.looseObject({ serverTime: timeMs });

export const rateLimitSchema = z.looseObject({
  rateLimitType: z.string(),
  interval: z.string(),
  intervalNum: z.number().int().positive(),
  limit: z.number().int().positive(),
});
export type WireRateLimit = z.infer<typeof rateLimitSchema>;

/** Filters are read by filterType (never by position); their other fields vary per type. */
export const filterSchema = z.looseObject({ filterType: z.string() });
export type WireFilter = z.infer<typeof filterSchema> & Record<string, unknown>;

export const symbolSchema = z.looseObject({
  symbol: z.string().min(1),
  pair: z.string().optional(),
  contractType: z.string().optional(),
  status: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  marginAsset: z.string().optional(),
  pricePrecision: z.number().optional(),
  quantityPrecision: z.number().optional(),
  filters: z.array(filterSchema),
  /** Real answers say `orderTypes`, the docs `OrderType` (aster.md §10.6). */
  orderTypes: z.array(z.string()).optional(),
  OrderType: z.array(z.string()).optional(),
  timeInForce: z.array(z.string()).optional(),
});
export type WireSymbol = z.infer<typeof symbolSchema>;

export const exchangeInfoSchema = z.looseObject({
  serverTime: timeMs.optional(),
  rateLimits: z.array(rateLimitSchema).default([]),
  symbols: z.array(symbolSchema),
});
export type WireExchangeInfo = z.infer<typeof exchangeInfoSchema>;

const level = z.tuple([decimal, decimal]).rest(z.unknown());

export const depthSchema = z.looseObject({
  lastUpdateId: seq,
  E: timeMs.optional(),
  T: timeMs.optional(),
  bids: z.array(level),
  asks: z.array(level),
});
export type WireDepth = z.infer<typeof depthSchema>;

export const tradeSchema = z.looseObject({
  id,
  price: decimal,
  qty: decimal,
  quoteQty: decimal.optional(),
  time: timeMs,
  isBuyerMaker: z.boolean(),
});
export const tradesSchema = z.array(tradeSchema);
export type WireTrade = z.infer<typeof tradeSchema>;

export const bookTickerSchema = z.looseObject({
  symbol: z.string(),
  bidPrice: decimal,
  bidQty: decimal,
  askPrice: decimal,
  askQty: decimal,
  time: timeMs.optional(),
});
export type WireBookTicker = z.infer<typeof bookTickerSchema>;

export const premiumIndexSchema = z.looseObject({
  symbol: z.string(),
  markPrice: decimal,
  indexPrice: decimal.optional(),
  estimatedSettlePrice: decimal.optional(),
  lastFundingRate: decimal,
  interestRate: decimal.optional(),
  nextFundingTime: timeMs,
  time: timeMs,
});
export type WirePremiumIndex = z.infer<typeof premiumIndexSchema>;

export const fundingRateSchema = z.looseObject({ symbol: z.string(), fundingRate: decimal, fundingTime: timeMs });
export const fundingRatesSchema = z.array(fundingRateSchema);
export type WireFundingRate = z.infer<typeof fundingRateSchema>;

export const fundingInfoSchema = z.array(
  z.looseObject({
    symbol: z.string(),
    fundingIntervalHours: z.number().positive(),
    interestRate: decimal.optional(),
    fundingFeeCap: looseDecimal.nullish(),
    fundingFeeFloor: looseDecimal.nullish(),
    time: timeMs.optional(),
  }),
);
export type WireFundingInfo = z.infer<typeof fundingInfoSchema>;

/** [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]. */
export const klinesSchema = z.array(z.tuple([timeMs, decimal, decimal, decimal, decimal, decimal, timeMs]).rest(z.unknown()));
export type WireKlines = z.infer<typeof klinesSchema>;
