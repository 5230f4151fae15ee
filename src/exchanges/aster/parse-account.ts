/** Aster account payloads -> domain AccountSummary, Balance, Position, Fill, FundingPayment. */
import { abs, gt, isZero, normalize, sign } from '../../core/decimal.js';
import type { AccountSummary, Balance, Fill, FundingPayment, Position } from '../../core/types.js';
import { fillId, inconsistent, priceOrUndefined } from './parse-common.js';
import type { WireAccount, WireBalance, WireIncome, WirePositionRisk, WireUserTrade } from './rest/schemas/index.js';

/**
 * equity = margin balance (wallet + unrealized PnL), free collateral = available balance,
 * total collateral = wallet balance. `account` is the V3 main wallet or "api-key" (V1).
 */
export function parseAccount(wire: WireAccount, account: string, now: number): AccountSummary {
  return {
    exchange: 'aster',
    account,
    equity: wire.totalMarginBalance,
    freeCollateral: wire.availableBalance,
    initialMargin: wire.totalInitialMargin,
    maintenanceMargin: wire.totalMaintMargin,
    totalCollateral: wire.totalWalletBalance,
    status: wire.canTrade === false ? 'TRADING_DISABLED' : 'ACTIVE',
    updatedAt: wire.updateTime !== undefined && wire.updateTime > 0 ? wire.updateTime : now,
    raw: wire,
  };
}

export function parseBalance(wire: WireBalance): Balance {
  return {
    asset: wire.asset,
    total: wire.balance,
    ...(wire.availableBalance === undefined ? {} : { available: wire.availableBalance }),
    updatedAt: wire.updateTime ?? 0,
  };
}

/**
 * One positionRisk row. Amounts are signed (a SHORT is negative in both one-way and hedge mode);
 * the row does not carry realized PnL, so it reads "0" here (fills carry it).
 */
export function parsePosition(wire: WirePositionRisk): Position {
  if (wire.positionSide === 'LONG' && sign(wire.positionAmt) < 0) throw inconsistent('position', 'positionAmt', 'LONG amount >= 0', wire);
  if (wire.positionSide === 'SHORT' && sign(wire.positionAmt) > 0) throw inconsistent('position', 'positionAmt', 'SHORT amount <= 0', wire);
  const flat = isZero(wire.positionAmt);
  const liquidationPrice = priceOrUndefined(wire.liquidationPrice);
  return {
    exchange: 'aster',
    market: wire.symbol,
    side: flat ? 'flat' : sign(wire.positionAmt) > 0 ? 'long' : 'short',
    size: flat ? '0' : abs(wire.positionAmt),
    signedSize: flat ? '0' : normalize(wire.positionAmt),
    entryPrice: wire.entryPrice,
    unrealizedPnl: wire.unRealizedProfit,
    realizedPnl: '0',
    ...(liquidationPrice === undefined ? {} : { liquidationPrice }),
    ...(wire.leverage === undefined ? {} : { leverage: wire.leverage }),
    updatedAt: wire.updateTime ?? 0,
    raw: wire,
  };
}

export function parseUserTrade(wire: WireUserTrade): Fill {
  if (!gt(wire.qty, '0')) throw inconsistent('fill', 'qty', 'qty > 0', wire);
  if (!gt(wire.price, '0')) throw inconsistent('fill', 'price', 'price > 0', wire);
  return {
    exchange: 'aster',
    id: fillId(wire.symbol, wire.id, wire.orderId),
    orderId: wire.orderId,
    market: wire.symbol,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    price: wire.price,
    size: wire.qty,
    fee: wire.commission,
    feeAsset: wire.commissionAsset,
    liquidity: wire.maker ? 'maker' : 'taker',
    ...(wire.realizedPnl === undefined ? {} : { realizedPnl: wire.realizedPnl }),
    timestamp: wire.time,
    raw: wire,
  };
}

export function parseFundingIncome(wire: WireIncome): FundingPayment {
  return { id: wire.tranId, market: wire.symbol, amount: wire.income, timestamp: wire.time };
}
