/**
 * Order routes (security SIGNED), the same under /fapi/v1 and /fapi/v3 (aster.md §4.1, §4.3).
 */
import type { EngineOrder } from '../../../engine/index.js';
import { AsterApiError, AsterErrors } from '../errors.js';
import { amendOrder, cancelOrder, findOrder, type OrderRef } from '../orders/lookup.js';
import { parsePrice, parseQuantity } from '../orders/parse-order.js';
import { batchItems, MAX_BATCH_CANCEL, parseJsonList, placeBatch, placeOrder } from '../orders/place.js';
import { engineOrderId } from '../ids.js';
import { metaOf, renderOrder, type OrderShape } from '../render/orders.js';
import type { AsterMarket } from '../symbols.js';
import { limitParam, timeRange, type Route, type RouteRequest } from './types.js';

const market = (r: RouteRequest): AsterMarket => r.services.ctx.symbols.require(r.params.require('symbol'));

function refOf(r: RouteRequest): OrderRef {
  const orderId = r.params.get('orderId');
  const origClientOrderId = r.params.get('origClientOrderId');
  return { ...(orderId === undefined ? {} : { orderId }), ...(origClientOrderId === undefined ? {} : { origClientOrderId }) };
}

function render(r: RouteRequest, order: EngineOrder, m: AsterMarket, shape: OrderShape): Record<string, unknown> {
  return renderOrder(order, metaOf(order, r.services.ctx.orderMeta.get(order.id)), m, shape);
}

function visible(r: RouteRequest, orders: readonly EngineOrder[]): EngineOrder[] {
  return orders.filter((o) => !r.services.ctx.hidden.has(o.id) && r.services.ctx.symbols.byEngineId(o.market) !== undefined);
}

function marketOf(r: RouteRequest, order: EngineOrder): AsterMarket {
  return r.services.ctx.symbols.byEngineId(order.market) as AsterMarket;
}

export const tradingRoutes: Record<string, Route> = {
  'POST order': {
    security: 'SIGNED',
    weight: 1,
    orders: () => 1,
    handle: (r) => placeOrder(r.services.ctx, r.account, r.params),
  },
  'PUT order': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      const changes = { size: parseQuantity(m, r.params.require('quantity')), price: parsePrice(m, r.params.require('price'), 'price') };
      return render(r, amendOrder(r.services.ctx, r.account, m, refOf(r), changes), m, 'new');
    },
  },
  'GET order': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      const order = findOrder(r.services.ctx, r.account, m, refOf(r));
      if (order === undefined) throw AsterErrors.noSuchOrder();
      return render(r, order, m, 'query');
    },
  },
  'DELETE order': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      return render(r, cancelOrder(r.services.ctx, r.account, m, refOf(r)), m, 'cancel');
    },
  },
  'POST batchOrders': {
    security: 'SIGNED',
    weight: 5,
    orders: (params) => batchItems(params.require('batchOrders')).length,
    handle: (r) => placeBatch(r.services.ctx, r.account, batchItems(r.params.require('batchOrders'))),
  },
  'DELETE batchOrders': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      const ids = r.params.get('orderIdList');
      const clientIds = r.params.get('origClientOrderIdList');
      if (ids === undefined && clientIds === undefined) throw AsterErrors.eitherParam('orderIdList', 'origClientOrderIdList');
      const refs: OrderRef[] =
        ids !== undefined
          ? parseJsonList(ids, 'orderIdList').map((id) => ({ orderId: typeof id === 'number' ? id : String(id) }))
          : parseJsonList(clientIds as string, 'origClientOrderIdList').map((id) => ({ origClientOrderId: String(id) }));
      if (refs.length === 0 || refs.length > MAX_BATCH_CANCEL) throw AsterErrors.invalidParam(ids !== undefined ? 'orderIdList' : 'origClientOrderIdList');
      return refs.map((ref) => {
        try {
          return render(r, cancelOrder(r.services.ctx, r.account, m, ref), m, 'cancel');
        } catch (error) {
          if (!(error instanceof AsterApiError)) throw error;
          // The recorded venue answer spells this item's code as a string.
          return { code: String(error.code), msg: error.msg };
        }
      });
    },
  },
  'DELETE allOpenOrders': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      r.services.ctx.engine.cancelAll(r.account, m.engineId);
      return { code: '200', msg: 'The operation of cancel all open order is done.' };
    },
  },
  'POST countdownCancelAll': {
    security: 'SIGNED',
    weight: 10,
    handle: (r) => {
      const m = market(r);
      const countdown = r.params.int('countdownTime');
      if (countdown === undefined) throw AsterErrors.mandatory('countdownTime');
      r.services.countdowns.arm(r.account, m.engineId, countdown, r.now);
      return { symbol: m.symbol, countdownTime: String(countdown) };
    },
  },
  'GET openOrder': {
    security: 'SIGNED',
    weight: 1,
    handle: (r) => {
      const m = market(r);
      const order = findOrder(r.services.ctx, r.account, m, refOf(r));
      if (order === undefined || order.status === 'CLOSED') throw AsterErrors.noSuchOrder();
      return render(r, order, m, 'query');
    },
  },
  'GET openOrders': {
    security: 'SIGNED',
    weight: (p) => (p.has('symbol') ? 1 : 40),
    handle: (r) => {
      const symbol = r.params.get('symbol');
      const engineId = symbol === undefined ? undefined : r.services.ctx.symbols.require(symbol).engineId;
      return visible(r, r.services.ctx.engine.openOrders(r.account, engineId)).map((o) => render(r, o, marketOf(r, o), 'query'));
    },
  },
  'GET allOrders': {
    security: 'SIGNED',
    weight: 5,
    handle: (r) => {
      const m = market(r);
      const { startTime, endTime } = timeRange(r.params);
      const limit = limitParam(r.params, 500, 1000);
      const fromOrderId = r.params.int('orderId');
      let orders = visible(r, r.services.ctx.engine.orderHistory(r.account, { market: m.engineId }));
      if (fromOrderId !== undefined) {
        const from = Number(engineOrderId(fromOrderId) ?? 0);
        orders = orders.filter((o) => Number(o.id) >= from).slice(0, limit);
      } else {
        if (startTime !== undefined) orders = orders.filter((o) => o.createdAt >= startTime);
        if (endTime !== undefined) orders = orders.filter((o) => o.createdAt <= endTime);
        orders = startTime !== undefined ? orders.slice(0, limit) : orders.slice(-limit);
      }
      return orders.map((o) => render(r, o, m, 'query'));
    },
  },
};
