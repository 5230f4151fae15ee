/**
 * Paradex order object (REST OrderResp / WS orders payload) -> domain Order.
 *
 * Status: Paradex has four states (NEW -> UNTRIGGERED -> OPEN -> CLOSED); the domain splits OPEN and
 * CLOSED by what happened, using remaining_size and cancel_reason.
 *
 * cancel_reason values: the OpenAPI, AsyncAPI and OpenRPC specs define no enum; searching them finds
 * only examples, `NOT_ENOUGH_MARGIN` (OpenAPI/AsyncAPI OrderResp) and `USER_CANCELED` (AsyncAPI and
 * OpenRPC order schemas, "populated when status=CLOSED"). ccxt 4.5.84 treats `NOT_ENOUGH_MARGIN` and
 * `ORDER_EXCEEDS_POSITION_LIMIT` as rejections; ccxt's recorded order history has
 * `ORDER_SIZE_BELOW_MIN`; a third-party bot log shows `SELF_TRADE` on a market order. The sets below
 * hold those; `POST_ONLY_WOULD_CROSS` is included as the likely spelling but is unconfirmed. An
 * unknown reason on a closed order with nothing filled reads as `canceled` (or `expired` for IOC and
 * market orders), never as `rejected`: a rejection must be recognised, not guessed.
 */
import { gt, isZero, lt, sub } from '../../core/decimal.js';
import type { Order, OrderStatus, OrderType, TimeInForce } from '../../core/types.js';
import { inconsistent, priceOrUndefined, textOrUndefined } from './parse-common.js';
import type { WireInstruction, WireOrder, WireOrderStatus, WireOrderType } from './rest/schemas.js';

/** Reasons meaning the venue refused the order after accepting the request (async risk check). */
export const REJECTION_CANCEL_REASONS: ReadonlySet<string> = new Set([
  'NOT_ENOUGH_MARGIN',
  'ORDER_EXCEEDS_POSITION_LIMIT',
  'ORDER_SIZE_BELOW_MIN',
  'POST_ONLY_WOULD_CROSS',
]);

/** Reasons that name who or what cancelled a live order: never read as an IOC expiry. */
export const CANCEL_CANCEL_REASONS: ReadonlySet<string> = new Set(['USER_CANCELED', 'SELF_TRADE']);

export const WIRE_TO_ORDER_TYPE = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOP_MARKET: 'stop_market',
  STOP_LIMIT: 'stop_limit',
  TAKE_PROFIT_MARKET: 'take_profit_market',
  TAKE_PROFIT_LIMIT: 'take_profit_limit',
  STOP_LOSS_MARKET: 'stop_loss_market',
  STOP_LOSS_LIMIT: 'stop_loss_limit',
} as const satisfies Record<WireOrderType, OrderType>;

/**
 * Empty instruction means GTC (spec). RPI (retail price improvement) orders only ever rest on the
 * book, which is what post_only means to the domain.
 */
export const INSTRUCTION_TO_TIME_IN_FORCE = {
  GTC: 'gtc',
  '': 'gtc',
  IOC: 'ioc',
  POST_ONLY: 'post_only',
  RPI: 'post_only',
} as const satisfies Record<WireInstruction, TimeInForce>;

const isMarketKind = (type: WireOrderType): boolean => type.endsWith('MARKET');

/** How a CLOSED order ended, from what was filled and why it was closed. */
function closedStatus(wire: WireOrder, filled: string): OrderStatus {
  const reason = textOrUndefined(wire.cancel_reason);
  if (isZero(wire.remaining_size) && !isZero(wire.size)) return 'filled';
  if (reason !== undefined && REJECTION_CANCEL_REASONS.has(reason) && isZero(filled)) return 'rejected';
  if (isZero(wire.size)) return reason === undefined ? 'filled' : 'canceled'; // whole-position TP/SL
  const immediateOnly = wire.instruction === 'IOC' || isMarketKind(wire.type);
  const namedCancel = reason !== undefined && (CANCEL_CANCEL_REASONS.has(reason) || REJECTION_CANCEL_REASONS.has(reason));
  return immediateOnly && !namedCancel ? 'expired' : 'canceled';
}

/**
 * The explicit status table; `satisfies` makes the compiler refuse a new wire status until it is
 * mapped here.
 */
export const ORDER_STATUS_TABLE = {
  NEW: () => 'new',
  UNTRIGGERED: () => 'untriggered',
  OPEN: (wire, filled) => (gt(filled, '0') ? 'partially_filled' : 'open'),
  CLOSED: (wire, filled) => closedStatus(wire, filled),
} as const satisfies Record<WireOrderStatus, (wire: WireOrder, filled: string) => OrderStatus>;

export function parseOrder(wire: WireOrder): Order {
  if (lt(wire.size, '0')) throw inconsistent('order', 'size', 'size >= 0', wire);
  if (lt(wire.remaining_size, '0')) throw inconsistent('order', 'remaining_size', 'remaining_size >= 0', wire);
  const filledSize = sub(wire.size, wire.remaining_size);
  if (lt(filledSize, '0')) throw inconsistent('order', 'remaining_size', 'remaining_size <= size', wire);

  const status: OrderStatus = ORDER_STATUS_TABLE[wire.status](wire, filledSize);
  const clientOrderId = textOrUndefined(wire.client_id);
  const price = isMarketKind(wire.type) ? undefined : priceOrUndefined(wire.price);
  const avgFillPrice = priceOrUndefined(wire.avg_fill_price);
  const triggerPrice = priceOrUndefined(wire.trigger_price);
  const cancelReason = textOrUndefined(wire.cancel_reason);
  return {
    exchange: 'paradex',
    id: wire.id,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    market: wire.market,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    type: WIRE_TO_ORDER_TYPE[wire.type],
    status,
    size: wire.size,
    filledSize,
    remainingSize: wire.remaining_size,
    ...(price === undefined ? {} : { price }),
    ...(avgFillPrice === undefined ? {} : { avgFillPrice }),
    ...(triggerPrice === undefined ? {} : { triggerPrice }),
    timeInForce: INSTRUCTION_TO_TIME_IN_FORCE[wire.instruction ?? ''],
    reduceOnly: (wire.flags ?? []).includes('REDUCE_ONLY'),
    ...(cancelReason === undefined ? {} : { cancelReason }),
    createdAt: wire.created_at,
    updatedAt: wire.last_updated_at,
    raw: wire,
  };
}

export function parseOrders(list: readonly WireOrder[]): Order[] {
  return list.map((wire) => parseOrder(wire));
}
