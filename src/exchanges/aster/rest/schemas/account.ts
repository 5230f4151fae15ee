/** Account schemas: account (v4 / accountWithJoinMargin), balance, position risk, leverage, income, listenKey. */
import { z } from 'zod';
import { bool, decimal, id, looseDecimal, timeMs } from './primitives.js';

export const accountSchema = z.looseObject({
  canTrade: z.boolean().optional(),
  totalInitialMargin: decimal,
  totalMaintMargin: decimal,
  totalWalletBalance: decimal,
  totalUnrealizedProfit: decimal.optional(),
  totalMarginBalance: decimal,
  availableBalance: decimal,
  maxWithdrawAmount: decimal.optional(),
  updateTime: timeMs.optional(),
});
export type WireAccount = z.infer<typeof accountSchema>;

export const balanceSchema = z.looseObject({
  asset: z.string(),
  balance: decimal,
  crossWalletBalance: decimal.optional(),
  crossUnPnl: decimal.optional(),
  availableBalance: decimal.optional(),
  maxWithdrawAmount: decimal.optional(),
  updateTime: timeMs.optional(),
});
export const balancesSchema = z.array(balanceSchema);
export type WireBalance = z.infer<typeof balanceSchema>;

export const positionRiskSchema = z.looseObject({
  symbol: z.string(),
  positionAmt: decimal,
  entryPrice: decimal,
  markPrice: decimal.optional(),
  unRealizedProfit: decimal,
  liquidationPrice: decimal.optional(),
  leverage: looseDecimal.optional(),
  marginType: z.string().optional(),
  isolatedMargin: decimal.optional(),
  isAutoAddMargin: bool.optional(),
  positionSide: z.enum(['BOTH', 'LONG', 'SHORT']).optional(),
  updateTime: timeMs.optional(),
});
export const positionRisksSchema = z.array(positionRiskSchema);
export type WirePositionRisk = z.infer<typeof positionRiskSchema>;

export const leverageSchema = z.looseObject({ symbol: z.string(), leverage: looseDecimal, maxNotionalValue: looseDecimal.optional() });

export const incomeSchema = z.looseObject({
  symbol: z.string(),
  incomeType: z.string(),
  income: decimal,
  asset: z.string(),
  time: timeMs,
  tranId: id,
  tradeId: z.union([z.string(), z.number()]).optional(),
});
export const incomesSchema = z.array(incomeSchema);
export type WireIncome = z.infer<typeof incomeSchema>;

export const listenKeySchema = z.looseObject({ listenKey: z.string().min(1) });
