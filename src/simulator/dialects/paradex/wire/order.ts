/**
 * Engine order -> Paradex order object (responses.OrderResp, also the `orders` WS payload), with
 * the field set of the recorded GET /orders-history result and the OpenAPI's spellings: decimal
 * strings for money, integer milliseconds for times, "" where the venue writes "no value".
 */
import type { CancelReason, EngineOrder, EngineTimeInForce } from '../../../engine/index.js';
import { orderIdToWire, wireSeqNo } from '../ids.js';

/** What the venue remembers about an order that the engine has no field for. */
export interface OrderWireMeta {
  /** `signature_timestamp` of the create request (ms); the order's `timestamp` field. */
  readonly signatureTimestamp: number;
  /** When the venue received the request (ms). */
  readonly receivedAt: number;
  /** The `instruction` as sent ("" when the request left it out). */
  readonly instruction: string;
  /** Flags as sent, minus REDUCE_ONLY (that one is rendered from the engine order). */
  readonly extraFlags: readonly string[];
}

export type OrderChannel = 'rest' | 'ws';

export interface WireOrder {
  readonly id: string;
  readonly account: string;
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: string;
  readonly size: string;
  readonly remaining_size: string;
  readonly price: string;
  readonly status: string;
  readonly created_at: number;
  readonly last_updated_at: number;
  readonly timestamp: number;
  readonly cancel_reason: string;
  readonly client_id: string;
  readonly seq_no: number;
  readonly instruction: string;
  readonly avg_fill_price: string;
  readonly stp: string;
  readonly received_at: number;
  readonly published_at: number;
  readonly flags: readonly string[];
  readonly trigger_price: string;
}

/**
 * Engine cancel reasons -> Paradex `cancel_reason`. The first group are the venue's own words;
 * the venue publishes no complete list, so the others keep the engine's self-explanatory names.
 */
const CANCEL_REASONS: Record<CancelReason, string> = {
  USER_CANCELED: 'USER_CANCELED',
  NOT_ENOUGH_MARGIN: 'NOT_ENOUGH_MARGIN',
  ORDER_EXCEEDS_POSITION_LIMIT: 'ORDER_EXCEEDS_POSITION_LIMIT',
  ORDER_SIZE_BELOW_MIN: 'ORDER_SIZE_BELOW_MIN',
  POST_ONLY_WOULD_CROSS: 'POST_ONLY_WOULD_CROSS',
  REDUCE_ONLY_WOULD_INCREASE: 'REDUCE_ONLY_WOULD_INCREASE',
  SELF_TRADE: 'SELF_TRADE',
  IOC_NOT_FILLED: 'IOC_NOT_FILLED',
  FOK_NOT_FILLED: 'FOK_NOT_FILLED',
  PRICE_OUTSIDE_BAND: 'PRICE_OUTSIDE_BAND',
  NO_POSITION_TO_CLOSE: 'NO_POSITION_TO_CLOSE',
  ADMIN_CANCELED: 'ADMIN_CANCELED',
};

export function cancelReasonToWire(reason: CancelReason | undefined): string {
  return reason === undefined ? '' : CANCEL_REASONS[reason];
}

const TIF_INSTRUCTION: Record<EngineTimeInForce, string> = { GTC: 'GTC', IOC: 'IOC', FOK: 'IOC', POST_ONLY: 'POST_ONLY' };

/**
 * `avg_fill_price` of an unfilled order is "" in the recorded REST responses and "0" in the
 * AsyncAPI schema; `channel` picks the spelling.
 */
export function orderToWire(order: EngineOrder, meta?: OrderWireMeta, channel: OrderChannel = 'rest'): WireOrder {
  const unfilled = order.filledSize === '0';
  const flags = order.reduceOnly ? ['REDUCE_ONLY', ...(meta?.extraFlags ?? [])] : [...(meta?.extraFlags ?? [])];
  return {
    id: orderIdToWire(order.id),
    account: order.account,
    market: order.market,
    side: order.side,
    type: order.type,
    size: order.size,
    remaining_size: order.remainingSize,
    price: order.price,
    status: order.status,
    created_at: order.createdAt,
    last_updated_at: order.updatedAt,
    timestamp: meta?.signatureTimestamp ?? 0,
    cancel_reason: order.status === 'CLOSED' ? cancelReasonToWire(order.cancelReason) : '',
    client_id: order.clientId ?? '',
    seq_no: wireSeqNo(order.updatedAt, order.seqNo),
    instruction: meta?.instruction ?? TIF_INSTRUCTION[order.timeInForce],
    avg_fill_price: unfilled ? (channel === 'rest' ? '' : '0') : order.avgFillPrice,
    stp: order.stp,
    received_at: meta?.receivedAt ?? order.createdAt,
    published_at: order.updatedAt,
    flags,
    trigger_price: order.triggerPrice,
  };
}
