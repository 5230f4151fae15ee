/**
 * Order schemas: the order object (responses.OrderResp, also the WS `orders` payload), open orders,
 * order history, batch create (responses.BatchResponse) and batch cancel
 * (responses.CancelOrderBatchResponse).
 */
import { z } from 'zod';
import { decimal, decimalOrEmpty, identifier, paginated, resultsOf, seqNo, sideSchema, timestampMs } from './primitives.js';

export const WIRE_ORDER_TYPES = [
  'MARKET',
  'LIMIT',
  'STOP_LIMIT',
  'STOP_MARKET',
  'TAKE_PROFIT_LIMIT',
  'TAKE_PROFIT_MARKET',
  'STOP_LOSS_MARKET',
  'STOP_LOSS_LIMIT',
] as const;
export const orderTypeSchema = z.enum(WIRE_ORDER_TYPES);
export type WireOrderType = z.infer<typeof orderTypeSchema>;

export const WIRE_ORDER_STATUSES = ['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED'] as const;
export const orderStatusSchema = z.enum(WIRE_ORDER_STATUSES);
export type WireOrderStatus = z.infer<typeof orderStatusSchema>;

/** "" appears in the recorded order history; the spec says empty means GTC. */
export const WIRE_INSTRUCTIONS = ['GTC', 'POST_ONLY', 'IOC', 'RPI', ''] as const;
export const instructionSchema = z.enum(WIRE_INSTRUCTIONS);
export type WireInstruction = z.infer<typeof instructionSchema>;

/**
 * One order. Side, type and status are closed enums: an order we cannot classify must fail
 * loudly rather than be tracked with a guessed state. Prices may be "" (recorded) or "0"
 * (market orders, untriggered trigger price); parse turns both into "absent".
 */
export const orderSchema = z.looseObject({
  id: z.string().min(1),
  account: identifier.optional(),
  market: z.string(),
  side: sideSchema,
  type: orderTypeSchema,
  size: decimal,
  remaining_size: decimal,
  price: decimalOrEmpty.optional(),
  avg_fill_price: decimalOrEmpty.optional(),
  trigger_price: decimalOrEmpty.optional(),
  status: orderStatusSchema,
  instruction: instructionSchema.optional(),
  flags: z.array(z.string()).nullish(),
  client_id: z.string().optional(),
  cancel_reason: z.string().optional(),
  stp: z.string().optional(),
  created_at: timestampMs,
  last_updated_at: timestampMs,
  timestamp: timestampMs.optional(),
  received_at: timestampMs.optional(),
  published_at: timestampMs.optional(),
  seq_no: seqNo.optional(),
  request_info: z
    .looseObject({
      id: z.string().optional(),
      message: z.string().optional(),
      request_type: z.string().optional(),
      status: z.string().optional(),
    })
    .optional(),
});
export type WireOrder = z.infer<typeof orderSchema>;

/** GET /orders (open orders, not paginated). */
export const openOrdersSchema = resultsOf(orderSchema);
export type WireOpenOrders = z.infer<typeof openOrdersSchema>;

/** GET /orders-history. */
export const ordersHistorySchema = paginated(orderSchema);
export type WireOrdersHistory = z.infer<typeof ordersHistorySchema>;

/** One entry of a batch's `errors` (responses.ErrorResponse). */
export const batchErrorSchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
});
export type WireBatchError = z.infer<typeof batchErrorSchema>;

/** POST /orders/batch: accepted orders and errors, in two separate arrays. */
export const batchCreateSchema = z.looseObject({
  orders: z.array(orderSchema).nullish().transform((v) => v ?? []),
  errors: z.array(batchErrorSchema.nullable()).nullish().transform((v) => v ?? []),
});
export type WireBatchCreate = z.infer<typeof batchCreateSchema>;

export const CANCEL_RESULT_STATUSES = ['QUEUED_FOR_CANCELLATION', 'ALREADY_CLOSED', 'NOT_FOUND'] as const;

/** DELETE /orders/batch: one result per identifier sent. */
export const batchCancelSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      id: z.string().optional(),
      client_id: z.string().optional(),
      account: z.string().optional(),
      market: z.string().optional(),
      status: z.string(),
    }),
  ),
});
export type WireBatchCancel = z.infer<typeof batchCancelSchema>;
