/**
 * Server-side encoders for the public templates of Paradex SBE schema 1 (paradex-sbe.md §4),
 * one per template, for negotiated versions 0, 1 and 2. Inputs use the schema's field names;
 * timestamps are int64 microseconds, prices and sizes decimal strings, null/undefined = absent.
 *
 * Exactness: traded and book prices/sizes must already fit 8 decimals; values the venue derives
 * by formula (mark/index/fair prices, funding index, rates, USD volumes) are truncated to the
 * schema's scale, which is what the live feed shows (JSON funding_index "-0.5516940142…" ->
 * SBE "-0.55169401").
 */
import { buildFrame, levelGroup, varString } from './frame-writer.js';
import type { TailPart } from './frame-writer.js';
import {
  ASSET_KIND_CODE,
  FILL_TYPE_CODE,
  FUNDING_SOURCE_CODE,
  PKG_TYPE_CODE,
  SIDE_CODE,
  TEMPLATE_ID,
  rootBlockBytes,
} from './schema.js';
import type { AssetKindName, FillTypeName, FundingSourceName, PkgTypeName, SbeVersion, SideName } from './schema.js';
import {
  SbeEncodeError,
  toCode,
  toInt16,
  toMantissa,
  toNullableMantissa,
  toRequiredInt64,
  toUint8,
} from './values.js';
import type { Int64Like } from './values.js';

type OptionalDecimal = string | null | undefined;

export interface TradeEventInput {
  /** Feed publish time, µs. */
  readonly ts: Int64Like;
  /** Order-book sequence after the trade (0 when none). */
  readonly seq: Int64Like;
  /** Deprecated int64 id: low 64 bits of the decimal id, as signed. */
  readonly tradeId: Int64Like;
  readonly side: SideName;
  readonly price: string;
  readonly size: string;
  /** Matching-engine time, µs. */
  readonly createdAt: Int64Like;
  readonly tradeType: FillTypeName;
  readonly market: string;
  /** 1:2 only; omitted gives the other in-place 1:2 layout. Dropped below 1:2. */
  readonly tradeIdStr?: string | undefined;
}

export function encodeTradeEvent(input: TradeEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const tail = [varString(input.market, 'market')];
  if (version >= 2 && input.tradeIdStr !== undefined) tail.push(varString(input.tradeIdStr, 'tradeIdStr'));
  const fields = {
    ts: toRequiredInt64(input.ts, 'ts'),
    seq: toRequiredInt64(input.seq, 'seq'),
    tradeId: toRequiredInt64(input.tradeId, 'tradeId'),
    side: toCode(SIDE_CODE, input.side, 'side'),
    price: toMantissa(input.price, 8, 'exact', 'price'),
    size: toMantissa(input.size, 8, 'exact', 'size'),
    createdAt: toRequiredInt64(input.createdAt, 'createdAt'),
    tradeType: toCode(FILL_TYPE_CODE, input.tradeType, 'tradeType'),
  };
  return buildFrame(TEMPLATE_ID.trade, version, rootBlockBytes('trade', version), tail, (root) => {
    root.int64(0, fields.ts);
    root.int64(8, fields.seq);
    root.int64(16, fields.tradeId);
    root.uint8(24, fields.side);
    root.int64(25, fields.price);
    root.int64(33, fields.size);
    root.int64(41, fields.createdAt);
    root.uint8(49, fields.tradeType);
  });
}

export interface BboEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
  /** An empty side has both price and size null. */
  readonly bidPrice?: OptionalDecimal;
  readonly bidSize?: OptionalDecimal;
  readonly askPrice?: OptionalDecimal;
  readonly askSize?: OptionalDecimal;
  readonly market: string;
}

export function encodeBboEvent(input: BboEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const fields = [
    toRequiredInt64(input.ts, 'ts'),
    toRequiredInt64(input.seq, 'seq'),
    toNullableMantissa(input.bidPrice, 8, 'exact', 'bidPrice'),
    toNullableMantissa(input.bidSize, 8, 'exact', 'bidSize'),
    toNullableMantissa(input.askPrice, 8, 'exact', 'askPrice'),
    toNullableMantissa(input.askSize, 8, 'exact', 'askSize'),
  ];
  return buildFrame(TEMPLATE_ID.bbo, version, rootBlockBytes('bbo', version), [varString(input.market, 'market')], (root) => {
    fields.forEach((value, i) => root.int64(i * 8, value));
  });
}

/** [price, size]; in a DELTA size "0" removes the level, any other size sets it. */
export type BookLevelInput = readonly [price: string, size: string];

export interface BookEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
  readonly pkgType: PkgTypeName;
  /** Interactive feeds only: best prices including RPI orders. */
  readonly bestBidPrice?: OptionalDecimal;
  readonly bestBidSize?: OptionalDecimal;
  readonly bestAskPrice?: OptionalDecimal;
  readonly bestAskSize?: OptionalDecimal;
  readonly relativeSpread?: OptionalDecimal;
  /** Interactive feeds only: best prices excluding RPI orders. */
  readonly bestBidApiPrice?: OptionalDecimal;
  readonly bestBidApiSize?: OptionalDecimal;
  readonly bestAskApiPrice?: OptionalDecimal;
  readonly bestAskApiSize?: OptionalDecimal;
  /** Best first (descending). */
  readonly bids: readonly BookLevelInput[];
  /** Best first (ascending). */
  readonly asks: readonly BookLevelInput[];
  readonly market: string;
}

export function encodeBookEvent(input: BookEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const levels = (side: 'bids' | 'asks'): TailPart => {
    if (!Array.isArray(input[side])) throw new SbeEncodeError(side, 'must be an array of [price, size]');
    const mantissas = input[side].map(
      ([price, size], i) => [toMantissa(price, 8, 'exact', `${side}[${i}].price`), toMantissa(size, 8, 'exact', `${side}[${i}].size`)] as const,
    );
    return levelGroup(mantissas, side);
  };
  const tail = [levels('bids'), levels('asks'), varString(input.market, 'market')];
  const ts = toRequiredInt64(input.ts, 'ts');
  const seq = toRequiredInt64(input.seq, 'seq');
  const pkgType = toCode(PKG_TYPE_CODE, input.pkgType, 'pkgType');
  const best = [
    toNullableMantissa(input.bestBidPrice, 8, 'exact', 'bestBidPrice'),
    toNullableMantissa(input.bestBidSize, 8, 'exact', 'bestBidSize'),
    toNullableMantissa(input.bestAskPrice, 8, 'exact', 'bestAskPrice'),
    toNullableMantissa(input.bestAskSize, 8, 'exact', 'bestAskSize'),
    toNullableMantissa(input.relativeSpread, 8, 'truncate', 'relativeSpread'),
    toNullableMantissa(input.bestBidApiPrice, 8, 'exact', 'bestBidApiPrice'),
    toNullableMantissa(input.bestBidApiSize, 8, 'exact', 'bestBidApiSize'),
    toNullableMantissa(input.bestAskApiPrice, 8, 'exact', 'bestAskApiPrice'),
    toNullableMantissa(input.bestAskApiSize, 8, 'exact', 'bestAskApiSize'),
  ];
  return buildFrame(TEMPLATE_ID.book, version, rootBlockBytes('book', version), tail, (root) => {
    root.int64(0, ts);
    root.int64(8, seq);
    root.uint8(16, pkgType);
    best.forEach((value, i) => root.int64(17 + i * 8, value));
  });
}

export interface MarketSummaryEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
  readonly markPrice: string;
  readonly indexPrice: string;
  readonly lastPrice: string;
  readonly volumeUsd24h: string;
  readonly openInterest: string;
  readonly fundingRate: string;
  readonly bid?: OptionalDecimal;
  readonly ask?: OptionalDecimal;
  /** Saturates at 92233720368.54775807, as the venue documents. */
  readonly totalVolume: string;
  readonly priceChangeRate24h: string;
  /** Option-only fields: null for perpetuals. */
  readonly markIv?: OptionalDecimal;
  readonly bidIv?: OptionalDecimal;
  readonly askIv?: OptionalDecimal;
  readonly lastIv?: OptionalDecimal;
  readonly delta?: OptionalDecimal;
  readonly gamma?: OptionalDecimal;
  readonly vega?: OptionalDecimal;
  readonly theta?: OptionalDecimal;
  readonly rho?: OptionalDecimal;
  readonly volga?: OptionalDecimal;
  readonly vanna?: OptionalDecimal;
  readonly futureFundingRate?: OptionalDecimal;
  readonly externalFairPrice?: OptionalDecimal;
  readonly bidSize?: OptionalDecimal;
  readonly askSize?: OptionalDecimal;
  /** 1:1+ (dropped at 1:0). */
  readonly forwardRate?: OptionalDecimal;
  readonly riskFreeRate?: OptionalDecimal;
  /** 1:1+, 12 decimals. */
  readonly fundingRatePrecise?: OptionalDecimal;
  readonly market: string;
}

export function encodeMarketSummaryEvent(input: MarketSummaryEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const rate = (name: keyof MarketSummaryEventInput): bigint => toNullableMantissa(input[name] as OptionalDecimal, 8, 'truncate', name);
  // Offsets 16..208 in steps of 8, in schema order.
  const block = [
    toRequiredInt64(input.ts, 'ts'),
    toRequiredInt64(input.seq, 'seq'),
    toMantissa(input.markPrice, 8, 'truncate', 'markPrice'),
    toMantissa(input.indexPrice, 8, 'truncate', 'indexPrice'),
    toMantissa(input.lastPrice, 8, 'exact', 'lastPrice'),
    toMantissa(input.volumeUsd24h, 8, 'truncate', 'volumeUsd24h'),
    toMantissa(input.openInterest, 8, 'exact', 'openInterest'),
    toMantissa(input.fundingRate, 8, 'truncate', 'fundingRate'),
    toNullableMantissa(input.bid, 8, 'exact', 'bid'),
    toNullableMantissa(input.ask, 8, 'exact', 'ask'),
    toMantissa(input.totalVolume, 8, 'saturate', 'totalVolume'),
    toMantissa(input.priceChangeRate24h, 8, 'truncate', 'priceChangeRate24h'),
    rate('markIv'),
    rate('bidIv'),
    rate('askIv'),
    rate('lastIv'),
    rate('delta'),
    rate('gamma'),
    rate('vega'),
    rate('theta'),
    rate('rho'),
    rate('volga'),
    rate('vanna'),
    rate('futureFundingRate'),
    toNullableMantissa(input.externalFairPrice, 8, 'truncate', 'externalFairPrice'),
    toNullableMantissa(input.bidSize, 8, 'exact', 'bidSize'),
    toNullableMantissa(input.askSize, 8, 'exact', 'askSize'),
  ];
  if (version >= 1) {
    block.push(rate('forwardRate'), rate('riskFreeRate'), toNullableMantissa(input.fundingRatePrecise, 12, 'truncate', 'fundingRatePrecise'));
  }
  const rootBytes = rootBlockBytes('marketSummary', version);
  return buildFrame(TEMPLATE_ID.marketSummary, version, rootBytes, [varString(input.market, 'market')], (root) => {
    block.forEach((value, i) => root.int64(i * 8, value));
  });
}

export interface FundingDataEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
  readonly fundingRate: string;
  readonly fundingIndex: string;
  readonly createdAt: Int64Like;
  readonly fundingPremium: string;
  readonly fundingRate8h: string;
  readonly fundingPeriodHours: number;
  /** 1:1+; null when the JSON would omit it. */
  readonly impactPremiumRate?: OptionalDecimal;
  readonly market: string;
}

export function encodeFundingDataEvent(input: FundingDataEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const block = [
    toRequiredInt64(input.ts, 'ts'),
    toRequiredInt64(input.seq, 'seq'),
    toMantissa(input.fundingRate, 8, 'truncate', 'fundingRate'),
    toMantissa(input.fundingIndex, 8, 'truncate', 'fundingIndex'),
    toRequiredInt64(input.createdAt, 'createdAt'),
    toMantissa(input.fundingPremium, 8, 'truncate', 'fundingPremium'),
    toMantissa(input.fundingRate8h, 8, 'truncate', 'fundingRate8h'),
  ];
  const periodHours = toInt16(input.fundingPeriodHours, 'fundingPeriodHours');
  const impactPremiumRate = toNullableMantissa(input.impactPremiumRate, 8, 'truncate', 'impactPremiumRate');
  const rootBytes = rootBlockBytes('fundingData', version);
  return buildFrame(TEMPLATE_ID.fundingData, version, rootBytes, [varString(input.market, 'market')], (root) => {
    block.forEach((value, i) => root.int64(i * 8, value));
    root.int16(56, periodHours);
    if (version >= 1) root.int64(58, impactPremiumRate);
  });
}

export interface FundingRateComparisonEventInput {
  readonly ts: Int64Like;
  readonly lastUpdatedAt: Int64Like;
  /** 12 decimals. */
  readonly hourlyFundingRate: string;
  readonly assetKind: AssetKindName;
  readonly source: FundingSourceName;
  readonly market: string;
}

/** Template 6 exists from schema 1:1; a 1:0 connection never receives it. */
export function encodeFundingRateComparisonEvent(input: FundingRateComparisonEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  if (version < 1) throw new SbeEncodeError('version', 'FundingRateComparisonEvent exists from schema 1:1', String(version));
  const ts = toRequiredInt64(input.ts, 'ts');
  const lastUpdatedAt = toRequiredInt64(input.lastUpdatedAt, 'lastUpdatedAt');
  const rate = toMantissa(input.hourlyFundingRate, 12, 'truncate', 'hourlyFundingRate');
  const assetKind = toCode(ASSET_KIND_CODE, input.assetKind, 'assetKind');
  const source = toCode(FUNDING_SOURCE_CODE, input.source, 'source');
  const rootBytes = rootBlockBytes('fundingRateComparison', version);
  return buildFrame(TEMPLATE_ID.fundingRateComparison, version, rootBytes, [varString(input.market, 'market')], (root) => {
    root.int64(0, ts);
    root.int64(8, lastUpdatedAt);
    root.int64(16, rate);
    root.uint8(24, assetKind);
    root.uint8(25, source);
  });
}

export interface HeartbeatEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
}

/** Server keepalive, sent on idle connections (every 20 s per the schema). */
export function encodeHeartbeatEvent(input: HeartbeatEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const ts = toRequiredInt64(input.ts, 'ts');
  const seq = toRequiredInt64(input.seq, 'seq');
  return buildFrame(TEMPLATE_ID.heartbeat, version, rootBlockBytes('heartbeat', version), [], (root) => {
    root.int64(0, ts);
    root.int64(8, seq);
  });
}

export interface SubscribedEventInput {
  readonly ts: Int64Like;
  readonly seq: Int64Like;
  /** 0 = ok, 1 = error. */
  readonly status: number;
  readonly channel: string;
}

/**
 * Reserved template: the live venue acknowledges subscriptions with JSON text frames, so a
 * faithful dialect does not send this. Provided for fault injection and completeness.
 */
export function encodeSubscribedEvent(input: SubscribedEventInput, version: SbeVersion): Uint8Array {
  checkVersion(version);
  const ts = toRequiredInt64(input.ts, 'ts');
  const seq = toRequiredInt64(input.seq, 'seq');
  const status = toUint8(input.status, 'status');
  return buildFrame(TEMPLATE_ID.subscribed, version, rootBlockBytes('subscribed', version), [varString(input.channel, 'channel')], (root) => {
    root.int64(0, ts);
    root.int64(8, seq);
    root.uint8(16, status);
  });
}

function checkVersion(version: SbeVersion): void {
  if (version !== 0 && version !== 1 && version !== 2) throw new SbeEncodeError('version', 'must be 0, 1 or 2', String(version));
}
