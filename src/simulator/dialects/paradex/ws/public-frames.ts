/**
 * Public channel frames (bbo, trades, markets_summary, funding_data) in both encodings: the
 * JSON payload is the REST shape (wire/market.ts), the SBE form the schema-1 template
 * (paradex-sbe.md §4). Times are ms in JSON and µs in SBE; "" (no value) is null in SBE.
 */
import { div, sub } from '../../../../core/decimal.js';
import type { EngineBbo, EngineFundingRate, EngineMarketSummary, EngineTrade } from '../../../engine/index.js';
import {
  encodeBboEvent,
  encodeFundingDataEvent,
  encodeMarketSummaryEvent,
  encodeTradeEvent,
} from '../../paradex-sbe/index.js';
import { bboToWire, fundingDataToWire, marketSummaryToWire, tradeToWire } from '../wire/index.js';
import type { SummaryExtras } from '../wire/index.js';
import { Payload } from './fanout.js';

const US_PER_MS = 1000n;
export const micros = (ms: number): bigint => BigInt(Math.trunc(ms)) * US_PER_MS;

/** "" -> null: the JSON spelling of "no value" is the SBE null. */
const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);
/** A required SBE decimal with no JSON value yet (no trade so far) is sent as 0. */
const orZero = (value: string): string => (value === '' ? '0' : value);

export function bboPayload(bbo: EngineBbo): Payload {
  return new Payload(bboToWire(bbo), (version) =>
    encodeBboEvent(
      {
        ts: micros(bbo.timestamp),
        seq: bbo.bookSeq,
        bidPrice: orNull(bbo.bid),
        bidSize: orNull(bbo.bidSize),
        askPrice: orNull(bbo.ask),
        askSize: orNull(bbo.askSize),
        market: bbo.market,
      },
      version,
    ),
  );
}

/** `bookSeq`: the market's book sequence after the trade (SBE `seq`). */
export function tradePayload(trade: EngineTrade, bookSeq: number, publishedAtMs: number): Payload {
  const wire = tradeToWire(trade);
  return new Payload(wire, (version) =>
    encodeTradeEvent(
      {
        ts: micros(publishedAtMs),
        seq: bookSeq,
        // Deprecated int64 id: the low 64 bits of the decimal id, read as signed.
        tradeId: BigInt.asIntN(64, BigInt(wire.id)),
        side: trade.side,
        price: trade.price,
        size: trade.size,
        createdAt: micros(trade.createdAt),
        tradeType: 'FILL',
        market: trade.market,
        tradeIdStr: wire.id,
      },
      version,
    ),
  );
}

export function marketSummaryPayload(summary: EngineMarketSummary, seq: number, extras: SummaryExtras = {}): Payload {
  const wire = marketSummaryToWire(summary, extras);
  return new Payload(wire, (version) =>
    encodeMarketSummaryEvent(
      {
        ts: micros(summary.timestamp),
        seq,
        markPrice: wire.mark_price,
        indexPrice: wire.oracle_price,
        lastPrice: orZero(wire.last_traded_price),
        volumeUsd24h: wire.volume_24h,
        openInterest: wire.open_interest,
        fundingRate: wire.funding_rate,
        bid: orNull(wire.bid),
        ask: orNull(wire.ask),
        totalVolume: wire.total_volume,
        priceChangeRate24h: orZero(wire.price_change_rate_24h),
        fundingRatePrecise: wire.funding_rate,
        market: summary.market,
      },
      version,
    ),
  );
}

/** funding_data from a settlement (engine funding_rate event). */
export function fundingDataPayload(funding: EngineFundingRate, seq: number): Payload {
  const wire = fundingDataToWire(funding);
  return new Payload(wire, (version) =>
    encodeFundingDataEvent(
      {
        ts: micros(funding.createdAt),
        seq,
        fundingRate: wire.funding_rate,
        fundingIndex: wire.funding_index,
        createdAt: micros(wire.created_at),
        fundingPremium: wire.funding_premium,
        fundingRate8h: wire.funding_rate_8h,
        fundingPeriodHours: wire.funding_period_hours,
        market: wire.market,
      },
      version,
    ),
  );
}

/** Premium digits: plenty for a ratio the venue prints with ~20 digits. */
const PREMIUM_DECIMALS = 18;

/**
 * The live funding data between settlements: the venue republishes the predicted rate and the
 * premium as the mark moves, so the simulator does it on every mark price step.
 */
export function liveFunding(summary: EngineMarketSummary, periodHours: number): EngineFundingRate {
  const premium = summary.indexPrice === '0' ? '0' : div(sub(summary.markPrice, summary.indexPrice), summary.indexPrice, PREMIUM_DECIMALS);
  return {
    market: summary.market,
    rate: summary.fundingRate,
    premium,
    markPrice: summary.markPrice,
    indexPrice: summary.indexPrice,
    fundingIndex: summary.fundingIndex,
    periodHours,
    createdAt: summary.timestamp,
  };
}
