/**
 * Account bodies (aster.md §4.3): balance, account (v4 / accountWithJoinMargin), positionRisk,
 * userTrades and income, from the engine's cross-margin account.
 *
 * Mapping: walletBalance = collateral (deposits + realized PnL - fees + funding), marginBalance =
 * account value, available = free collateral, maxWithdraw = min(collateral, free collateral)
 * (the engine's withdrawal rule). Totals come straight from the engine; the per-position initial
 * margin shown is notional / leverage (Aster's model), an approximation of the engine's Paradex
 * margin curve. The engine has no liquidation, so liquidationPrice is "0"; margin is cross only.
 */
import { abs, compare, div, isZero, mul, neg, normalize, quantize, sub, sum } from '../../../../core/decimal.js';
import type { EngineAccountSummary, EngineFill, EngineFundingPayment, EnginePosition, SimulatorEngine } from '../../../engine/index.js';
import { money8, padDp } from '../format.js';
import { orderIdOf, tradeIdOf } from '../ids.js';
import { price, qty, type AsterMarket } from '../symbols.js';

const ASSET = 'USDT';
const ALIAS_LENGTH = 16;

function maxWithdraw(s: EngineAccountSummary): string {
  const free = compare(s.freeCollateral, s.collateral) < 0 ? s.freeCollateral : s.collateral;
  return compare(free, '0') > 0 ? free : '0';
}

/** A stable 16-letter alias per account, as the venue shows one. */
function accountAlias(account: string): string {
  let h = 2166136261;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < ALIAS_LENGTH; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    out += String.fromCharCode((i % 2 === 0 ? 65 : 97) + (h % 26));
  }
  return out;
}

/** `timesAsText`: the V3 recording spells updateTime as a string ("0"), the V1 docs as a number. */
export function renderBalance(s: EngineAccountSummary, timesAsText: boolean): Record<string, unknown>[] {
  return [
    {
      accountAlias: accountAlias(s.account),
      asset: ASSET,
      balance: money8(s.collateral),
      crossWalletBalance: money8(s.collateral),
      crossUnPnl: money8(s.unrealizedPnl),
      availableBalance: money8(s.freeCollateral),
      maxWithdrawAmount: money8(maxWithdraw(s)),
      marginAvailable: true,
      updateTime: timesAsText ? String(s.updatedAt) : s.updatedAt,
    },
  ];
}

interface PositionRow {
  readonly market: AsterMarket;
  readonly position: EnginePosition;
}

function notionalOf(p: EnginePosition): string {
  return mul(p.size, p.markPrice);
}

function positionMargin(p: EnginePosition): string {
  return div(abs(notionalOf(p)), p.leverage, 8, 'ceil');
}

function maxNotional(m: AsterMarket, mark: string): string {
  return quantize(mul(m.config.positionLimit, mark), '1', 'floor');
}

export function renderAccount(s: EngineAccountSummary, rows: readonly PositionRow[]): Record<string, unknown> {
  const totalPositionIm = sum(rows.map((r) => positionMargin(r.position)));
  const openOrderIm = compare(s.initialMargin, totalPositionIm) > 0 ? sub(s.initialMargin, totalPositionIm) : '0';
  return {
    feeTier: 0,
    canTrade: true,
    canDeposit: true,
    canWithdraw: true,
    updateTime: 0,
    totalInitialMargin: money8(s.initialMargin),
    totalMaintMargin: money8(s.maintenanceMargin),
    totalWalletBalance: money8(s.collateral),
    totalUnrealizedProfit: money8(s.unrealizedPnl),
    totalMarginBalance: money8(s.accountValue),
    totalPositionInitialMargin: money8(totalPositionIm),
    totalOpenOrderInitialMargin: money8(openOrderIm),
    totalCrossWalletBalance: money8(s.collateral),
    totalCrossUnPnl: money8(s.unrealizedPnl),
    availableBalance: money8(s.freeCollateral),
    maxWithdrawAmount: money8(maxWithdraw(s)),
    assets: [
      {
        asset: ASSET,
        walletBalance: money8(s.collateral),
        unrealizedProfit: money8(s.unrealizedPnl),
        marginBalance: money8(s.accountValue),
        maintMargin: money8(s.maintenanceMargin),
        initialMargin: money8(s.initialMargin),
        positionInitialMargin: money8(totalPositionIm),
        openOrderInitialMargin: money8(openOrderIm),
        maxWithdrawAmount: money8(maxWithdraw(s)),
        crossWalletBalance: money8(s.collateral),
        crossUnPnl: money8(s.unrealizedPnl),
        availableBalance: money8(s.freeCollateral),
        marginAvailable: true,
        updateTime: s.updatedAt,
      },
    ],
    positions: rows.map(({ market, position: p }) => ({
      symbol: market.symbol,
      initialMargin: money8(positionMargin(p)),
      maintMargin: '0',
      unrealizedProfit: money8(p.unrealizedPnl),
      positionInitialMargin: money8(positionMargin(p)),
      openOrderInitialMargin: '0',
      leverage: p.leverage,
      isolated: false,
      entryPrice: entry(market, p),
      maxNotional: maxNotional(market, p.markPrice),
      positionSide: 'BOTH',
      positionAmt: qty(market, p.size),
      notional: normalize(notionalOf(p)),
      isolatedWallet: '0',
      updateTime: p.updatedAt,
    })),
  };
}

function entry(m: AsterMarket, p: EnginePosition): string {
  return isZero(p.size) ? '0.0' : padDp(p.averageEntryPrice, Math.max(m.priceDp, 1));
}

export function renderPositionRisk(rows: readonly PositionRow[]): Record<string, unknown>[] {
  return rows.map(({ market, position: p }) => ({
    symbol: market.symbol,
    positionAmt: qty(market, p.size),
    entryPrice: entry(market, p),
    markPrice: money8(p.markPrice),
    unRealizedProfit: money8(p.unrealizedPnl),
    liquidationPrice: '0',
    leverage: p.leverage,
    maxNotionalValue: maxNotional(market, p.markPrice),
    marginType: 'cross',
    isolatedMargin: '0.00000000',
    isAutoAddMargin: 'false',
    positionSide: 'BOTH',
    notional: normalize(notionalOf(p)),
    isolatedWallet: '0',
    updateTime: p.updatedAt,
  }));
}

/** Every listed market's position row (flat ones included, as the venue lists all symbols). */
export function positionRows(engine: SimulatorEngine, account: string, markets: readonly AsterMarket[]): PositionRow[] {
  return markets.map((market) => ({ market, position: engine.position(account, market.engineId) }));
}

export function renderUserTrade(m: AsterMarket, f: EngineFill): Record<string, unknown> {
  return {
    buyer: f.side === 'BUY',
    commission: money8(f.fee),
    commissionAsset: ASSET,
    id: tradeIdOf(f.tradeId),
    maker: f.liquidity === 'MAKER',
    orderId: orderIdOf(f.orderId),
    price: price(m, f.price),
    qty: qty(m, f.size),
    quoteQty: normalize(mul(f.price, f.size)),
    realizedPnl: money8(f.realizedPnl),
    side: f.side,
    positionSide: 'BOTH',
    symbol: m.symbol,
    time: f.createdAt,
  };
}

export type IncomeType = 'REALIZED_PNL' | 'COMMISSION' | 'FUNDING_FEE';

export interface IncomeRow {
  readonly symbol: string;
  readonly incomeType: IncomeType;
  readonly income: string;
  readonly asset: string;
  readonly info: string;
  readonly time: number;
  readonly tranId: number;
  readonly tradeId: string;
}

const TRAN_ID_BASE: Record<IncomeType, number> = { REALIZED_PNL: 1_000_000_000, COMMISSION: 2_000_000_000, FUNDING_FEE: 3_000_000_000 };

/** Income rows of fills (realized PnL, commission) and funding payments, oldest first. */
export function incomeRows(fills: readonly (EngineFill & { symbol: string })[], payments: readonly (EngineFundingPayment & { symbol: string })[]): IncomeRow[] {
  const rows: IncomeRow[] = [];
  for (const f of fills) {
    if (f.busted) continue;
    const tradeId = String(tradeIdOf(f.tradeId));
    if (!isZero(f.realizedPnl)) {
      rows.push({ symbol: f.symbol, incomeType: 'REALIZED_PNL', income: money8(f.realizedPnl), asset: ASSET, info: 'REALIZED_PNL', time: f.createdAt, tranId: TRAN_ID_BASE.REALIZED_PNL + Number(f.id), tradeId });
    }
    if (!isZero(f.fee)) {
      rows.push({ symbol: f.symbol, incomeType: 'COMMISSION', income: money8(neg(f.fee)), asset: ASSET, info: 'COMMISSION', time: f.createdAt, tranId: TRAN_ID_BASE.COMMISSION + Number(f.id), tradeId });
    }
  }
  for (const p of payments) {
    rows.push({ symbol: p.symbol, incomeType: 'FUNDING_FEE', income: money8(p.payment), asset: ASSET, info: 'FUNDING_FEE', time: p.createdAt, tranId: TRAN_ID_BASE.FUNDING_FEE + Number(p.id), tradeId: '' });
  }
  return rows.sort((a, b) => a.time - b.time || a.tranId - b.tranId);
}
