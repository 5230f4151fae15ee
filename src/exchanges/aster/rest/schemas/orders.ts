/**
 * Order schemas: the order object (new / query / cancel / open orders / all orders), batch
 * results (order objects mixed with `{code,msg}` errors, in request order), cancel-all,
 * countdown, user trades.
 *
 * Status and type are closed enums: an order we cannot classify fails loudly instead of being
 * tracked with a guessed state. NEW_INSURANCE / NEW_ADL appear in user-stream events (liquidation
 * and ADL orders), LIQUIDATION as a WS order type (aster.md §5).
 */
import { z } from 'zod';
import { bool, codeMsgSchema, decimal, id, sideSchema, timeMs } from './primitives.js';

export const WIRE_ORDER_STATUSES = ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'NEW_INSURANCE', 'NEW_ADL'] as const;
export const orderStatusSchema = z.enum(WIRE_ORDER_STATUSES);
export type WireOrderStatus = z.infer<typeof orderStatusSchema>;

export const WIRE_ORDER_TYPES = ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET', 'LIQUIDATION'] as const;
export const orderTypeSchema = z.enum(WIRE_ORDER_TYPES);
export type WireOrderType = z.infer<typeof orderTypeSchema>;

/** GTD is Binance's (background); RPI and HIDDEN appear in Aster's exchangeInfo. */
export const WIRE_TIME_IN_FORCE = ['GTC', 'IOC', 'FOK', 'GTX', 'HIDDEN', 'RPI', 'GTD'] as const;
export const timeInForceSchema = z.enum(WIRE_TIME_IN_FORCE);
export type WireTimeInForce = z.infer<typeof timeInForceSchema>;

export const orderSchema = z.looseObject({
  orderId: id,
  symbol: z.string(),
  status: orderStatusSchema,
  clientOrderId: z.string().optional(),
  price: decimal,
  avgPrice: decimal.optional(),
  origQty: decimal,
  executedQty: decimal,
  cumQuote: decimal.optional(),
  timeInForce: timeInForceSchema,
  type: orderTypeSchema,
  origType: orderTypeSchema.optional(),
  side: sideSchema,
  positionSide: z.enum(['BOTH', 'LONG', 'SHORT']).optional(),
  stopPrice: decimal.optional(),
  activatePrice: decimal.optional(),
  priceRate: decimal.optional(),
  reduceOnly: bool.optional(),
  closePosition: bool.optional(),
  workingType: z.string().optional(),
  priceProtect: bool.optional(),
  time: timeMs.optional(),
  updateTime: timeMs,
});
export type WireOrder = z.infer<typeof orderSchema>;

export const ordersSchema = z.array(orderSchema);

/** One slot of a batch answer: an order, or the error of that request. */
export const batchSlotSchema = z.union([orderSchema, codeMsgSchema]);
export const batchResultSchema = z.array(batchSlotSchema);
export type WireBatchSlot = z.infer<typeof batchSlotSchema>;

export const countdownSchema = z.looseObject({ symbol: z.string(), countdownTime: z.union([z.string(), z.number()]) });

export const userTradeSchema = z.looseObject({
  id,
  orderId: id,
  symbol: z.string(),
  side: sideSchema,
  price: decimal,
  qty: decimal,
  quoteQty: decimal.optional(),
  commission: decimal,
  commissionAsset: z.string(),
  realizedPnl: decimal.optional(),
  maker: z.boolean(),
  buyer: z.boolean().optional(),
  positionSide: z.string().optional(),
  time: timeMs,
});
export const userTradesSchema = z.array(userTradeSchema);
export type WireUserTrade = z.infer<typeof userTradeSchema>;
