/**
 * Test helper: what the client decoder must return for a message described in the vectors'
 * convention (schema field names, µs timestamps and int64s as strings, fixed-scale decimal
 * strings, JSON null for the null sentinel). Written from paradex-sbe.md and the JSON channel
 * shapes, not from the decoder, so a mapping mistake on either side shows up as a failure.
 */
import { readFileSync } from 'node:fs';
import { neg, normalize } from '../../../../src/core/decimal.js';

export type Values = Record<string, unknown>;

export interface SbeVector {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly header: { readonly blockLength: number; readonly templateId: number; readonly schemaId: number; readonly version: number };
  readonly length: number;
  readonly hex: string;
  readonly expected: Values;
}

export function loadVectors(): SbeVector[] {
  const url = new URL('../../../fixtures/vectors/paradex-sbe-vectors.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { vectors: SbeVector[] }).vectors;
}

/** Message name in the vectors -> decoder `kind`. */
export const KIND_OF: Readonly<Record<string, string>> = {
  TradeEvent: 'trade',
  BboEvent: 'bbo',
  BookEvent: 'book',
  MarketSummaryEvent: 'markets_summary',
  FundingDataEvent: 'funding_data',
  FundingRateComparisonEvent: 'funding_rate_comparison',
  OrderEvent: 'order',
  FillEvent: 'fill',
  PositionEvent: 'position',
  AccountEvent: 'account',
  HeartbeatEvent: 'heartbeat',
  SubscribedEvent: 'subscribed',
};

const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
};
/** Fixed-scale decimal -> canonical; null/absent -> undefined. */
const dec = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : normalize(str(v)));
const req = (v: unknown): string => normalize(str(v));
/** µs string -> ms number (truncated). */
const ms = (v: unknown): number => Number(BigInt(str(v)) / 1000n);
const num = (v: unknown): number => Number(str(v));

function best(side: 'BUY' | 'SELL', price: unknown, size: unknown): Values | undefined {
  return price === null ? undefined : { side, price: req(price), size: dec(size) };
}

const levels = (v: unknown): [string, string][] => (v as [string, string][]).map(([p, s]) => [normalize(p), normalize(s)]);

export function expectedJson(message: string, e: Values): Values {
  switch (message) {
    case 'TradeEvent':
      return {
        id: e.tradeIdStr ?? e.tradeId,
        trade_id_int64: e.tradeId,
        market: e.market,
        side: e.side,
        price: req(e.price),
        size: req(e.size),
        created_at: ms(e.createdAt),
        trade_type: e.tradeType,
        seq_no: num(e.seq),
        feed_time: ms(e.ts),
      };
    case 'BboEvent':
      return {
        market: e.market,
        bid: dec(e.bidPrice),
        bid_size: dec(e.bidSize),
        ask: dec(e.askPrice),
        ask_size: dec(e.askSize),
        last_updated_at: ms(e.ts),
        seq_no: num(e.seq),
      };
    case 'BookEvent':
      return {
        market: e.market,
        seq_no: num(e.seq),
        last_updated_at: ms(e.ts),
        update_type: e.pkgType === 'SNAPSHOT' ? 's' : 'd',
        bids: levels(e.bids),
        asks: levels(e.asks),
        best_bid_interactive: best('BUY', e.bestBidPrice ?? null, e.bestBidSize),
        best_ask_interactive: best('SELL', e.bestAskPrice ?? null, e.bestAskSize),
        best_bid_api: best('BUY', e.bestBidApiPrice ?? null, e.bestBidApiSize),
        best_ask_api: best('SELL', e.bestAskApiPrice ?? null, e.bestAskApiSize),
        relative_spread: dec(e.relativeSpread),
      };
    case 'MarketSummaryEvent':
      return marketSummary(e);
    case 'FundingDataEvent':
      return {
        market: e.market,
        funding_rate: req(e.fundingRate),
        funding_index: req(e.fundingIndex),
        funding_premium: req(e.fundingPremium),
        funding_rate_8h: req(e.fundingRate8h),
        funding_period_hours: e.fundingPeriodHours,
        created_at: ms(e.createdAt),
        impact_premium_rate: dec(e.impactPremiumRate),
        seq_no: num(e.seq),
        feed_time: ms(e.ts),
      };
    case 'FundingRateComparisonEvent':
      return {
        market: e.market,
        hourly_funding_rate: req(e.hourlyFundingRate),
        asset_kind: e.assetKind,
        source: e.source,
        last_updated_at: ms(e.lastUpdatedAt),
        feed_time: ms(e.ts),
      };
    case 'OrderEvent':
      return order(e);
    case 'FillEvent':
      return {
        id: e.fillId,
        order_id: e.orderId,
        client_id: e.clientOrderId,
        trade_id: e.tradeId,
        market: e.market,
        account: e.account,
        side: e.side,
        liquidity: e.liquidity,
        fill_type: e.fillType,
        price: req(e.price),
        size: req(e.size),
        fee: req(e.fee),
        fee_currency: e.feeCurrency,
        realized_pnl: dec(e.realizedPnl),
        realized_funding: req(e.realizedFunding),
        underlying_price: req(e.underlyingPrice),
        created_at: ms(e.createdAt),
        // JSON fills spell flags in lower case.
        flags: (e.flags as string[] | undefined)?.map((f) => f.toLowerCase()),
        orderbook_seq_no: e.orderbookSeqNo === undefined ? undefined : num(e.orderbookSeqNo),
        seq_no: e.seq ?? undefined,
        feed_time: ms(e.ts),
      };
    case 'PositionEvent':
      return {
        market: e.market,
        account: e.account,
        side: e.side === 'BUY' ? 'LONG' : e.side === 'SELL' ? 'SHORT' : e.side,
        // JSON signs the size: negative for a short.
        size: e.side === 'SELL' ? neg(req(e.size)) : req(e.size),
        average_entry_price: req(e.avgEntryPrice),
        average_entry_price_usd: req(e.avgEntryPriceUsd),
        unrealized_pnl: req(e.unrealizedPnl),
        unrealized_funding_pnl: req(e.unrealizedFundingPnl),
        realized_pnl: req(e.realizedPnl),
        mark_price: dec(e.markPrice),
        liquidation_price: dec(e.liquidationPrice),
        leverage: req(e.leverage),
        cost: req(e.cost),
        cost_usd: req(e.costUsd),
        cached_funding_index: req(e.cachedFundingIndex),
        last_updated_at: ms(e.updatedAt),
        status: e.status,
        last_fill_id: e.lastFillId,
        seq_no: e.seq,
        feed_time: ms(e.ts),
      };
    case 'AccountEvent':
      return {
        account: e.account,
        account_value: req(e.accountValue),
        free_collateral: req(e.freeCollateral),
        total_collateral: req(e.totalCollateral),
        initial_margin_requirement: req(e.initialMarginReq),
        maintenance_margin_requirement: req(e.maintenanceMarginReq),
        margin_cushion: req(e.marginCushion),
        unrealized_pnl: dec(e.unrealizedPnl),
        updated_at: ms(e.updatedAt),
        status: e.status,
        settlement_asset: e.settlementAsset,
        last_seen_notification: e.lastSeenNotification === undefined ? undefined : ms(e.lastSeenNotification),
        seq_no: e.seq,
        feed_time: ms(e.ts),
      };
    case 'HeartbeatEvent':
      return { seq_no: num(e.seq), feed_time: ms(e.ts) };
    case 'SubscribedEvent':
      return { channel: e.channel, status: e.status, seq_no: num(e.seq), feed_time: ms(e.ts) };
    default:
      throw new Error(`no expectation for ${message}`);
  }
}

function marketSummary(e: Values): Values {
  const greekNames = ['delta', 'gamma', 'vega', 'theta', 'rho', 'volga', 'vanna'] as const;
  const anyGreek = greekNames.some((g) => e[g] !== null && e[g] !== undefined);
  return {
    symbol: e.market,
    mark_price: req(e.markPrice),
    underlying_price: req(e.indexPrice),
    last_traded_price: req(e.lastPrice),
    volume_24h: req(e.volumeUsd24h),
    open_interest: req(e.openInterest),
    // Prefer the 12-decimal rate (1:1+) and fall back to the truncated 8-decimal one.
    funding_rate: dec(e.fundingRatePrecise) ?? req(e.fundingRate),
    bid: dec(e.bid),
    ask: dec(e.ask),
    bid_size: dec(e.bidSize),
    ask_size: dec(e.askSize),
    total_volume: req(e.totalVolume),
    price_change_rate_24h: req(e.priceChangeRate24h),
    created_at: ms(e.ts),
    mark_iv: dec(e.markIv),
    bid_iv: dec(e.bidIv),
    ask_iv: dec(e.askIv),
    last_iv: dec(e.lastIv),
    greeks: anyGreek ? Object.fromEntries(greekNames.map((g) => [g, dec(e[g])])) : undefined,
    future_funding_rate: dec(e.futureFundingRate),
    external_fair_price: dec(e.externalFairPrice),
    forward_rate: dec(e.forwardRate),
    risk_free_rate: dec(e.riskFreeRate),
    seq_no: num(e.seq),
  };
}

function order(e: Values): Values {
  const hasRequestInfo = e.requestStatus !== undefined && !(e.requestStatus === 'UNSPECIFIED' && e.requestType === 'UNSPECIFIED');
  return {
    id: e.orderId,
    client_id: e.clientOrderId,
    market: e.market,
    account: e.account,
    side: e.side,
    type: e.orderType,
    instruction: e.timeInForce,
    status: e.status,
    price: dec(e.price),
    trigger_price: dec(e.triggerPrice),
    size: req(e.size),
    remaining_size: req(e.sizeOpen),
    avg_fill_price: dec(e.avgFillPrice),
    created_at: ms(e.createdAt),
    last_updated_at: ms(e.updatedAt),
    received_at: ms(e.receivedAt),
    published_at: ms(e.publishedAt),
    stp: e.stp,
    flags: e.flags,
    cancel_reason: e.cancelReason,
    request_info: hasRequestInfo
      ? { id: e.requestId ?? '', message: e.requestMessage ?? '', request_type: e.requestType, status: e.requestStatus }
      : undefined,
    seq_no: e.seq,
    feed_time: ms(e.ts),
  };
}
