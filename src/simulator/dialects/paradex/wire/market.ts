/**
 * Engine market data -> Paradex public REST payloads: markets (MarketResp), summaries
 * (MarketSummaryResp, recorded field set), order book (AskBidArray), BBO, trades (TradeResult) and
 * funding data. Decimal strings throughout; "" where a value does not exist (an empty book side).
 */
import { div, mul } from '../../../../core/decimal.js';
import type {
  BookSnapshot,
  EngineBbo,
  EngineFundingRate,
  EngineMarketSummary,
  EngineTrade,
  MarketConfig,
} from '../../../engine/index.js';
import { tradeIdToWire } from '../ids.js';

/** The data-file entry is already in GET /markets shape; only the engine's own block goes. */
export function marketToWire(market: MarketConfig): Record<string, unknown> {
  const { simulator: _engineOnly, ...wire } = market.raw;
  return wire;
}

export interface WireMarketSummary {
  readonly symbol: string;
  readonly oracle_price: string;
  readonly mark_price: string;
  readonly last_traded_price: string;
  readonly bid: string;
  readonly ask: string;
  readonly volume_24h: string;
  readonly total_volume: string;
  readonly created_at: number;
  readonly underlying_price: string;
  readonly open_interest: string;
  readonly funding_rate: string;
  readonly price_change_rate_24h: string;
}

export interface SummaryExtras {
  /** Traded notional since the venue started; default: the 24 h volume. */
  readonly totalVolume?: string;
  /** (last - last 24 h ago) / last 24 h ago; default "0". */
  readonly priceChangeRate24h?: string;
}

export function marketSummaryToWire(summary: EngineMarketSummary, extras: SummaryExtras = {}): WireMarketSummary {
  return {
    symbol: summary.market,
    oracle_price: summary.indexPrice,
    mark_price: summary.markPrice,
    last_traded_price: summary.lastTradedPrice ?? '',
    bid: summary.bid ?? '',
    ask: summary.ask ?? '',
    volume_24h: summary.volume24h,
    total_volume: extras.totalVolume ?? summary.volume24h,
    created_at: summary.timestamp,
    underlying_price: summary.indexPrice,
    open_interest: summary.openInterest,
    funding_rate: summary.fundingRate,
    price_change_rate_24h: extras.priceChangeRate24h ?? '0',
  };
}

export interface WireOrderBook {
  readonly market: string;
  readonly seq_no: number;
  readonly last_updated_at: number;
  readonly asks: readonly (readonly [string, string])[];
  readonly bids: readonly (readonly [string, string])[];
}

export function orderBookToWire(book: BookSnapshot): WireOrderBook {
  return {
    market: book.market,
    seq_no: book.seq,
    last_updated_at: book.timestamp,
    asks: book.asks.map((level) => [level.price, level.size] as const),
    bids: book.bids.map((level) => [level.price, level.size] as const),
  };
}

export interface WireBbo {
  readonly market: string;
  readonly bid: string;
  readonly bid_size: string;
  readonly ask: string;
  readonly ask_size: string;
  readonly last_updated_at: number;
  readonly seq_no: number;
}

export function bboToWire(bbo: EngineBbo): WireBbo {
  return {
    market: bbo.market,
    bid: bbo.bid ?? '',
    bid_size: bbo.bidSize ?? '',
    ask: bbo.ask ?? '',
    ask_size: bbo.askSize ?? '',
    last_updated_at: bbo.timestamp,
    seq_no: bbo.bookSeq,
  };
}

export interface WireTrade {
  readonly id: string;
  readonly market: string;
  /** Taker side. */
  readonly side: 'BUY' | 'SELL';
  readonly size: string;
  readonly price: string;
  readonly created_at: number;
  readonly trade_type: string;
}

export function tradeToWire(trade: EngineTrade): WireTrade {
  return {
    id: tradeIdToWire(trade.id),
    market: trade.market,
    side: trade.side,
    size: trade.size,
    price: trade.price,
    created_at: trade.createdAt,
    trade_type: 'FILL',
  };
}

export interface WireFundingData {
  readonly market: string;
  readonly funding_index: string;
  readonly funding_premium: string;
  readonly funding_rate: string;
  readonly funding_rate_8h: string;
  readonly funding_period_hours: number;
  readonly created_at: number;
}

/** The rate per period and its 8-hour equivalent (rate x 8 / period hours). */
export function fundingDataToWire(funding: EngineFundingRate): WireFundingData {
  return {
    market: funding.market,
    funding_index: funding.fundingIndex,
    funding_premium: funding.premium,
    funding_rate: funding.rate,
    funding_rate_8h: eightHourRate(funding.rate, funding.periodHours),
    funding_period_hours: funding.periodHours,
    created_at: funding.createdAt,
  };
}

function eightHourRate(rate: string, periodHours: number): string {
  if (periodHours === 8) return rate;
  return div(mul(rate, '8'), String(periodHours), 12);
}
