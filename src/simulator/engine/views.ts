/**
 * Fixed-point records -> the public, decimal-string views of types.ts. Pure formatting.
 */
import type { AccountMarket, AccountState, FillRecord, FundingPaymentRecord } from './accounts.js';
import type { RawLevelChange } from './book.js';
import { divRound, fmtMoney, fmtPrice, fmtRate, fmtSize } from './fixed.js';
import type { AccountRisk } from './margin.js';
import { maxLeverage, unrealizedPnl } from './margin.js';
import { toOrderView, type OrderRecord } from './order-record.js';
import type { FundingRateRecord, MarketState, TradeRecord } from './state.js';
import type {
  BalanceReason,
  EngineAccountSummary,
  EngineBbo,
  EngineFill,
  EngineFundingPayment,
  EngineFundingRate,
  EngineOrder,
  EnginePosition,
  EngineTrade,
  LevelChange,
} from './types.js';

export const order = (o: OrderRecord): EngineOrder => toOrderView(o);

const sideName = (s: 1 | -1): 'BUY' | 'SELL' => (s === 1 ? 'BUY' : 'SELL');

export function fill(f: FillRecord, feeAsset: string): EngineFill {
  return {
    id: f.id,
    tradeId: f.tradeId,
    account: f.account,
    orderId: f.orderId,
    ...(f.clientId === undefined ? {} : { clientId: f.clientId }),
    market: f.market,
    side: sideName(f.side),
    price: fmtPrice(f.price),
    size: fmtSize(f.size),
    liquidity: f.liquidity,
    fee: fmtMoney(f.fee),
    feeAsset,
    realizedPnl: fmtMoney(f.realized),
    remainingSize: fmtSize(f.remainingAfter),
    bookSeq: f.bookSeq,
    createdAt: f.createdAt,
    busted: f.busted,
  };
}

export function trade(t: TradeRecord): EngineTrade {
  return {
    id: t.id,
    market: t.market,
    side: sideName(t.side),
    price: fmtPrice(t.price),
    size: fmtSize(t.size),
    createdAt: t.createdAt,
    busted: t.busted,
  };
}

export function position(account: string, ms: MarketState, am: AccountMarket): EnginePosition {
  const p = am.position;
  return {
    account,
    market: ms.id,
    side: p.size > 0n ? 'LONG' : p.size < 0n ? 'SHORT' : 'FLAT',
    size: fmtSize(p.size),
    cost: fmtMoney(p.cost),
    // money (16 dp) / size (8 dp) = price (8 dp)
    averageEntryPrice: p.size === 0n ? '0' : fmtPrice(p.size > 0n ? divRound(p.cost, p.size, 'half_even') : divRound(-p.cost, -p.size, 'half_even')),
    markPrice: fmtPrice(ms.mark),
    unrealizedPnl: fmtMoney(unrealizedPnl(am, ms.mark)),
    realizedPnl: fmtMoney(p.realizedPnl),
    fundingPnl: fmtMoney(p.fundingPnl),
    leverage: String(am.leverage ?? maxLeverage(ms.spec)),
    ...(p.lastFillId === undefined ? {} : { lastFillId: p.lastFillId }),
    updatedAt: p.updatedAt,
    seqNo: p.seqNo,
  };
}

export function balance(account: AccountState, total: bigint, change: bigint, reason: BalanceReason) {
  return { account: account.id, asset: account.asset, balance: fmtMoney(total), change: fmtMoney(change), reason };
}

export function accountSummary(account: AccountState, risk: AccountRisk): EngineAccountSummary {
  return {
    account: account.id,
    asset: account.asset,
    collateral: fmtMoney(risk.collateral),
    unrealizedPnl: fmtMoney(risk.unrealizedPnl),
    accountValue: fmtMoney(risk.accountValue),
    initialMargin: fmtMoney(risk.initialMargin),
    maintenanceMargin: fmtMoney(risk.maintenanceMargin),
    freeCollateral: fmtMoney(risk.freeCollateral),
    marginStatus: risk.status,
    updatedAt: account.updatedAt,
    seqNo: account.summarySeq,
  };
}

export function levelChange(c: RawLevelChange): LevelChange {
  return { side: c.side, action: c.action, price: fmtPrice(c.price), size: fmtSize(c.size) };
}

export function bbo(ms: MarketState, now: number): EngineBbo {
  const bid = ms.book.bids.best();
  const ask = ms.book.asks.best();
  return {
    market: ms.id,
    ...(bid === undefined ? {} : { bid: fmtPrice(bid.price), bidSize: fmtSize(bid.total) }),
    ...(ask === undefined ? {} : { ask: fmtPrice(ask.price), askSize: fmtSize(ask.total) }),
    bookSeq: ms.bookStream.seq,
    timestamp: now,
  };
}

export function fundingPayment(r: FundingPaymentRecord): EngineFundingPayment {
  return {
    id: r.id,
    account: r.account,
    market: r.market,
    payment: fmtMoney(r.payment),
    rate: fmtRate(r.rate),
    positionSize: fmtSize(r.positionSize),
    markPrice: fmtPrice(r.mark),
    fundingIndex: fmtMoney(r.fundingIndex),
    createdAt: r.createdAt,
  };
}

export function fundingRate(ms: MarketState, r: FundingRateRecord): EngineFundingRate {
  return {
    market: ms.id,
    rate: fmtRate(r.rate),
    premium: fmtRate(r.premium),
    markPrice: fmtPrice(r.mark),
    indexPrice: fmtPrice(r.index),
    fundingIndex: fmtMoney(r.fundingIndex),
    periodHours: ms.fundingPeriodMs / 3_600_000,
    createdAt: r.createdAt,
  };
}
