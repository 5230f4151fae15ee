/**
 * Engine orders in Aster's order-object shapes (aster.md §4.3). The field set depends on the
 * endpoint, following the docs and the recorded responses:
 *   'new'    POST/PUT order, batchOrders: ... cumQty, avgPrice ... (no `time`)
 *   'cancel' DELETE order, batch cancel:  like 'new' without avgPrice (recorded DELETE body)
 *   'query'  GET order/openOrder(s)/allOrders: adds `time`, no cumQty
 * activatePrice/priceRate appear for TRAILING_STOP_MARKET only.
 */
import { isZero, normalize } from '../../../../core/decimal.js';
import type { EngineOrder, EngineOrderType } from '../../../engine/index.js';
import type { AsterOrderType, AsterTimeInForce, OrderMeta } from '../context.js';
import { orderIdOf } from '../ids.js';
import { avgPrice, price, qty, type AsterMarket } from '../symbols.js';

export type OrderShape = 'new' | 'cancel' | 'query';

export type AsterOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

const TYPE_FROM_ENGINE: Record<EngineOrderType, AsterOrderType> = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  STOP_LIMIT: 'STOP',
  TAKE_PROFIT_MARKET: 'TAKE_PROFIT_MARKET',
  TAKE_PROFIT_LIMIT: 'TAKE_PROFIT',
  STOP_LOSS_MARKET: 'STOP_MARKET',
  STOP_LOSS_LIMIT: 'STOP',
  TRAILING_STOP_MARKET: 'TRAILING_STOP_MARKET',
};

/** The wire details of an order, from what the dialect recorded or derived from the engine order. */
export function metaOf(order: EngineOrder, recorded: OrderMeta | undefined): OrderMeta {
  if (recorded !== undefined) return recorded;
  const tif: AsterTimeInForce = order.timeInForce === 'POST_ONLY' ? 'GTX' : order.timeInForce;
  return { type: TYPE_FROM_ENGINE[order.type], timeInForce: tif, workingType: 'CONTRACT_PRICE', priceProtect: false };
}

/**
 * Open orders are NEW or PARTIALLY_FILLED; a closed one is FILLED, CANCELED (by the user or a
 * cancel-all) or EXPIRED (IOC/FOK/GTX leftovers, self-trade, and triggered orders the risk check
 * refused), as the venue reports them.
 */
export function asterStatus(order: EngineOrder): AsterOrderStatus {
  if (order.status !== 'CLOSED') return isZero(order.filledSize) ? 'NEW' : 'PARTIALLY_FILLED';
  if (order.cancelReason === undefined) return 'FILLED';
  if (order.cancelReason === 'USER_CANCELED' || order.cancelReason === 'ADMIN_CANCELED') return 'CANCELED';
  return 'EXPIRED';
}

export function renderOrder(order: EngineOrder, meta: OrderMeta, market: AsterMarket, shape: OrderShape): Record<string, unknown> {
  const trailing = meta.type === 'TRAILING_STOP_MARKET';
  const marketType = meta.type.endsWith('MARKET');
  const out: Record<string, unknown> = {};
  if (shape === 'query') out.avgPrice = average(order, market);
  out.clientOrderId = order.clientId ?? '';
  if (shape !== 'query') out.cumQty = qty(market, order.filledSize);
  out.cumQuote = normalize(order.filledNotional);
  out.executedQty = qty(market, order.filledSize);
  out.orderId = orderIdOf(order.id);
  if (shape === 'new') out.avgPrice = average(order, market);
  out.origQty = qty(market, order.size);
  out.origType = meta.type;
  out.price = marketType ? '0' : price(market, order.price);
  out.reduceOnly = order.reduceOnly;
  out.side = order.side;
  out.positionSide = 'BOTH';
  out.status = asterStatus(order);
  out.stopPrice = isZero(order.triggerPrice) ? '0' : price(market, order.triggerPrice);
  out.closePosition = order.closePosition;
  out.symbol = market.symbol;
  if (shape === 'query') out.time = order.createdAt;
  out.timeInForce = meta.timeInForce;
  out.type = meta.type;
  if (trailing) {
    out.activatePrice = meta.activatePrice ?? (order.activationPrice === undefined ? '0' : price(market, order.activationPrice));
    out.priceRate = order.callbackRate === undefined ? '0' : normalize(order.callbackRate);
  }
  out.updateTime = order.updatedAt;
  out.workingType = meta.workingType;
  out.priceProtect = meta.priceProtect;
  return out;
}

function average(order: EngineOrder, market: AsterMarket): string {
  return isZero(order.avgFillPrice) ? '0.00000' : avgPrice(market, order.avgFillPrice);
}
