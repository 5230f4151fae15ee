/**
 * Aster order object (REST) -> domain Order, and the enum tables the user stream shares.
 *
 * Types: the domain type follows the order's *original* type (`origType`; a triggered stop's
 * `type` becomes MARKET/LIMIT). Aster has no separate stop-loss type: a STOP / STOP_MARKET that can
 * only reduce (reduceOnly or closePosition) is the domain's stop_loss_limit / stop_loss_market,
 * the others are stop_limit / stop_market. format.ts maps the other way.
 *
 * Status: NEW means three things in the domain: a trigger order waiting for its trigger
 * ('untriggered': still of its original type), a resting limit ('open'), or a market order the
 * venue acknowledged but has not reported filled yet ('new').
 */
import { gt, isZero, lt, sub } from '../../core/decimal.js';
import type { Order, OrderStatus, OrderType, TimeInForce } from '../../core/types.js';
import { inconsistent, priceOrUndefined, textOrUndefined } from './parse-common.js';
import type { WireOrder, WireOrderStatus, WireOrderType, WireTimeInForce } from './rest/schemas/index.js';

export const WIRE_TO_ORDER_TYPE = {
  LIMIT: () => 'limit',
  MARKET: () => 'market',
  STOP: (reduces) => (reduces ? 'stop_loss_limit' : 'stop_limit'),
  STOP_MARKET: (reduces) => (reduces ? 'stop_loss_market' : 'stop_market'),
  TAKE_PROFIT: () => 'take_profit_limit',
  TAKE_PROFIT_MARKET: () => 'take_profit_market',
  TRAILING_STOP_MARKET: () => 'trailing_stop_market',
  LIQUIDATION: () => 'market',
} as const satisfies Record<WireOrderType, (reduces: boolean) => OrderType>;

/** HIDDEN rests unseen (still good till cancelled); RPI only ever rests, which is post-only to the domain. */
export const WIRE_TO_TIME_IN_FORCE = {
  GTC: 'gtc',
  IOC: 'ioc',
  FOK: 'fok',
  GTX: 'post_only',
  HIDDEN: 'gtc',
  RPI: 'post_only',
  GTD: 'gtc',
} as const satisfies Record<WireTimeInForce, TimeInForce>;

export const TRIGGER_WIRE_TYPES: ReadonlySet<WireOrderType> = new Set(['STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET']);
export const LIMIT_PRICED_WIRE_TYPES: ReadonlySet<WireOrderType> = new Set(['LIMIT', 'STOP', 'TAKE_PROFIT']);

export interface StatusContext {
  /** The original type (what was placed). */
  readonly origType: WireOrderType;
  /** The current type (differs from origType once a stop has triggered). */
  readonly type: WireOrderType;
}

export const ORDER_STATUS_TABLE = {
  NEW: (c) => (TRIGGER_WIRE_TYPES.has(c.origType) && c.type === c.origType ? 'untriggered' : c.type === 'MARKET' ? 'new' : 'open'),
  PARTIALLY_FILLED: () => 'partially_filled',
  FILLED: () => 'filled',
  CANCELED: () => 'canceled',
  REJECTED: () => 'rejected',
  EXPIRED: () => 'expired',
  // Liquidation / ADL orders placed by the venue on the account's behalf.
  NEW_INSURANCE: () => 'open',
  NEW_ADL: () => 'open',
} as const satisfies Record<WireOrderStatus, (c: StatusContext) => OrderStatus>;

export function domainOrderType(origType: WireOrderType, reduces: boolean): OrderType {
  return WIRE_TO_ORDER_TYPE[origType](reduces);
}

export function parseOrder(wire: WireOrder): Order {
  if (lt(wire.origQty, '0')) throw inconsistent('order', 'origQty', 'origQty >= 0', wire);
  if (lt(wire.executedQty, '0')) throw inconsistent('order', 'executedQty', 'executedQty >= 0', wire);
  const remainingSize = sub(wire.origQty, wire.executedQty);
  // closePosition orders carry origQty 0 and fill whatever the position is.
  if (lt(remainingSize, '0') && !isZero(wire.origQty)) throw inconsistent('order', 'executedQty', 'executedQty <= origQty', wire);
  const origType = wire.origType ?? wire.type;
  const closePosition = wire.closePosition === true;
  const reduceOnly = wire.reduceOnly === true || closePosition;
  const status = ORDER_STATUS_TABLE[wire.status]({ origType, type: wire.type });
  const price = LIMIT_PRICED_WIRE_TYPES.has(origType) ? priceOrUndefined(wire.price) : undefined;
  const avgFillPrice = gt(wire.executedQty, '0') ? priceOrUndefined(wire.avgPrice) : undefined;
  const triggerPrice = origType === 'TRAILING_STOP_MARKET' ? priceOrUndefined(wire.activatePrice) : TRIGGER_WIRE_TYPES.has(origType) ? priceOrUndefined(wire.stopPrice) : undefined;
  const clientOrderId = textOrUndefined(wire.clientOrderId);
  return {
    exchange: 'aster',
    id: wire.orderId,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    market: wire.symbol,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    type: domainOrderType(origType, reduceOnly),
    status,
    size: wire.origQty,
    filledSize: wire.executedQty,
    remainingSize: lt(remainingSize, '0') ? '0' : remainingSize,
    ...(price === undefined ? {} : { price }),
    ...(avgFillPrice === undefined ? {} : { avgFillPrice }),
    ...(triggerPrice === undefined ? {} : { triggerPrice }),
    timeInForce: WIRE_TO_TIME_IN_FORCE[wire.timeInForce],
    reduceOnly,
    createdAt: wire.time ?? wire.updateTime,
    updatedAt: wire.updateTime,
    raw: wire,
  };
}
