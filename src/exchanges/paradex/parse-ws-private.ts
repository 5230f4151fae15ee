/**
 * Paradex private WebSocket payloads (`params.data` of orders, fills, positions, account,
 * balance_events, funding_payments, tradebusts) -> domain objects. The order, fill, position,
 * account and funding-payment payloads are the REST objects (OpenAPI/AsyncAPI share the schemas),
 * so they go through the same zod schemas and parsers as REST; private frames are rare enough
 * that the schema cost does not matter, and one reading of a fill on both paths is what makes
 * REST catch-up and stream agree on ids and values.
 */
import { z } from 'zod';
import type { AccountSummary, Balance, Fill, FundingPayment, Order, Position } from '../../core/types.js';
import { parseAccountSummary, parseFill, parseFundingPayment, parsePosition } from './parse-account.js';
import { parseOrder } from './parse-order.js';
import { decodeValue } from './rest/decode.js';
import { accountSummarySchema, fillSchema, fundingPaymentSchema, orderSchema, positionSchema } from './rest/schemas.js';
import { decimal, identifier, timestampMs } from './rest/schemas/primitives.js';

const context = (channel: string) => ({ exchange: 'paradex' as const, endpoint: `WS ${channel}` });

/** balance_events: one settlement-asset balance change (fill, funding, transfer). */
export const balanceEventSchema = z.looseObject({
  type: z.string(),
  settlement_asset_name: z.string().min(1),
  settlement_asset_balance_after: decimal,
  created_at: timestampMs,
  fill_id: z.string().optional(),
  market: z.string().optional(),
});
export type WireBalanceEvent = z.infer<typeof balanceEventSchema>;

/** tradebusts: a fill the chain reversed. */
export const tradeBustSchema = z.looseObject({
  account: identifier.optional(),
  busted_fill_id: z.string().min(1),
  created_at: timestampMs,
});
export type WireTradeBust = z.infer<typeof tradeBustSchema>;

export function parseWsOrder(data: unknown): Order {
  return parseOrder(decodeValue(orderSchema, data, context('orders')));
}

export function parseWsFill(data: unknown): Fill {
  return parseFill(decodeValue(fillSchema, data, context('fills')));
}

export function parseWsPosition(data: unknown): Position {
  return parsePosition(decodeValue(positionSchema, data, context('positions')));
}

export function parseWsAccount(data: unknown): AccountSummary {
  return parseAccountSummary(decodeValue(accountSummarySchema, data, context('account')));
}

export function parseWsFundingPayment(data: unknown): FundingPayment {
  return parseFundingPayment(decodeValue(fundingPaymentSchema, data, context('funding_payments')));
}

/** The settlement asset's balance after the event. */
export function parseWsBalanceEvent(data: unknown): Balance {
  const wire = decodeValue(balanceEventSchema, data, context('balance_events'));
  return { asset: wire.settlement_asset_name, total: wire.settlement_asset_balance_after, updatedAt: wire.created_at };
}

export function parseWsTradeBust(data: unknown): { readonly fillId: string; readonly timestamp: number } {
  const wire = decodeValue(tradeBustSchema, data, context('tradebusts'));
  return { fillId: wire.busted_fill_id, timestamp: wire.created_at };
}
