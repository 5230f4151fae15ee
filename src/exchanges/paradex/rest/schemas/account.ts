/**
 * Private account schemas: account summary and info, balances, positions, fills, funding
 * payments, transfers (OpenAPI responses.AccountSummaryResponse, GetAccountsInfoResponse,
 * BalanceResp, PositionResp, FillResult, FundingPayment, TransferResult).
 */
import { z } from 'zod';
import { decimal, decimalOrEmpty, identifier, paginated, resultsOf, seqNo, sideSchema, timestampMs } from './primitives.js';

/** GET /account (an object, not a list) and the WS `account` channel payload. */
export const accountSummarySchema = z.looseObject({
  account: identifier,
  account_value: decimal,
  free_collateral: decimal,
  initial_margin_requirement: decimal,
  maintenance_margin_requirement: decimal,
  total_collateral: decimal,
  margin_cushion: decimalOrEmpty.optional(),
  settlement_asset: z.string().optional(),
  status: z.string(),
  updated_at: timestampMs,
  seq_no: seqNo.optional(),
});
export type WireAccountSummary = z.infer<typeof accountSummarySchema>;

/** GET /account/info. Fee rates are decimals; everything else is informational. */
export const accountInfoSchema = resultsOf(
  z.looseObject({
    account: identifier,
    kind: z.string().optional(),
    created_at: timestampMs.optional(),
    fees: z
      .looseObject({
        maker_rate: decimalOrEmpty.optional(),
        taker_rate: decimalOrEmpty.optional(),
      })
      .optional(),
  }),
);
export type WireAccountInfo = z.infer<typeof accountInfoSchema>;

/** GET /balance item. */
export const balanceSchema = z.looseObject({
  token: z.string().min(1),
  size: decimal,
  last_updated_at: timestampMs,
});
export type WireBalance = z.infer<typeof balanceSchema>;
export const balancesSchema = resultsOf(balanceSchema);
export type WireBalances = z.infer<typeof balancesSchema>;

/**
 * GET /positions item and WS `positions` payload. `size` carries the sign in the current spec
 * ("-0.345" for a short); `realized_pnl` is the older name of `realized_positional_pnl`.
 */
export const positionSchema = z.looseObject({
  market: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  status: z.enum(['OPEN', 'CLOSED']),
  size: decimal,
  average_entry_price: decimalOrEmpty.optional(),
  unrealized_pnl: decimalOrEmpty.optional(),
  realized_positional_pnl: decimalOrEmpty.optional(),
  realized_pnl: decimalOrEmpty.optional(),
  liquidation_price: decimalOrEmpty.optional(),
  leverage: decimalOrEmpty.optional(),
  last_updated_at: timestampMs,
  seq_no: seqNo.optional(),
  id: z.string().optional(),
});
export type WirePosition = z.infer<typeof positionSchema>;
export const positionsSchema = resultsOf(positionSchema);
export type WirePositions = z.infer<typeof positionsSchema>;

/**
 * GET /fills item and WS `fills` payload. `flags` is an array in REST but a JSON-in-a-string in
 * the AsyncAPI example; neither is read by the domain, so both are accepted.
 */
export const fillSchema = z.looseObject({
  id: z.string(),
  order_id: z.string(),
  client_id: z.string().optional(),
  market: z.string(),
  side: sideSchema,
  price: decimal,
  size: decimal,
  fee: decimal,
  fee_currency: z.string(),
  liquidity: z.enum(['MAKER', 'TAKER']),
  realized_pnl: decimalOrEmpty.optional(),
  fill_type: z.string().optional(),
  flags: z.union([z.array(z.string()), z.string()]).optional(),
  orderbook_seq_no: seqNo.optional(),
  created_at: timestampMs,
});
export type WireFill = z.infer<typeof fillSchema>;
export const fillsSchema = paginated(fillSchema);
export type WireFills = z.infer<typeof fillsSchema>;

/** GET /funding/payments item; `payment` is signed as the venue reports it (sign convention unconfirmed). */
export const fundingPaymentSchema = z.looseObject({
  id: z.string(),
  market: z.string(),
  payment: decimal,
  index: decimalOrEmpty.optional(),
  fill_id: z.string().optional(),
  created_at: timestampMs,
});
export type WireFundingPayment = z.infer<typeof fundingPaymentSchema>;
export const fundingPaymentsSchema = paginated(fundingPaymentSchema);
export type WireFundingPayments = z.infer<typeof fundingPaymentsSchema>;

/** GET /transfers item (deposits/withdrawals); not used for trading, typed for reconciliation. */
export const transferSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  amount: decimal,
  token: z.string(),
  created_at: timestampMs,
  last_updated_at: timestampMs.optional(),
});
export type WireTransfer = z.infer<typeof transferSchema>;
export const transfersSchema = paginated(transferSchema);
export type WireTransfers = z.infer<typeof transfersSchema>;
