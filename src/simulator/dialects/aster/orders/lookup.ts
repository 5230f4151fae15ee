/**
 * Finding, cancelling and amending one order by `orderId` or `origClientOrderId` within a symbol.
 * Unknown orders: query -2013 "Order does not exist.", cancel -2011 "Unknown order sent.".
 */
import type { EngineOrder, OrderLookup } from '../../../engine/index.js';
import type { AsterContext } from '../context.js';
import { AsterErrors } from '../errors.js';
import { engineOrderId } from '../ids.js';
import type { AsterMarket } from '../symbols.js';
import { fromEngineError } from './engine-errors.js';

export interface OrderRef {
  readonly orderId?: string | number;
  readonly origClientOrderId?: string;
}

/** The engine lookup of a reference; undefined when it cannot name one of our orders. */
function lookupOf(ref: OrderRef, market: AsterMarket): OrderLookup | undefined {
  if (ref.orderId !== undefined) {
    const text = String(ref.orderId);
    if (!/^\d{1,16}$/.test(text)) throw AsterErrors.invalidParam('orderId');
    const id = engineOrderId(Number(text));
    return id === undefined ? undefined : { id };
  }
  if (ref.origClientOrderId !== undefined) return { clientId: ref.origClientOrderId, market: market.engineId };
  throw AsterErrors.eitherParam('orderId', 'origClientOrderId');
}

export function findOrder(ctx: AsterContext, account: string, market: AsterMarket, ref: OrderRef): EngineOrder | undefined {
  const lookup = lookupOf(ref, market);
  if (lookup === undefined) return undefined;
  const order = ctx.engine.order(account, lookup);
  if (order === undefined || order.market !== market.engineId || ctx.hidden.has(order.id)) return undefined;
  return order;
}

/** Cancels an open order; -2011 when it is unknown or already closed. */
export function cancelOrder(ctx: AsterContext, account: string, market: AsterMarket, ref: OrderRef): EngineOrder {
  const order = findOrder(ctx, account, market, ref);
  if (order === undefined || order.status === 'CLOSED') throw AsterErrors.cancelRejected();
  return ctx.engine.cancel(account, { id: order.id });
}

/** PUT order: new quantity and price of an open LIMIT order (it keeps its id). */
export function amendOrder(ctx: AsterContext, account: string, market: AsterMarket, ref: OrderRef, changes: { size: string; price: string }): EngineOrder {
  const order = findOrder(ctx, account, market, ref);
  if (order === undefined || order.status === 'CLOSED') throw AsterErrors.noSuchOrder();
  if (order.type !== 'LIMIT') throw AsterErrors.unsupported();
  ctx.amending.add(order.id);
  try {
    return ctx.engine.amend(account, { id: order.id }, changes);
  } catch (error) {
    throw fromEngineError(error);
  } finally {
    ctx.amending.delete(order.id);
  }
}
