/**
 * Private order routes (paradex.md §6): create (201 NEW, then the asynchronous risk check closes
 * the order with a cancel_reason when margin or limits fail), batch create (1-10 orders; a bad
 * signature or shape rejects the whole batch), modify (ModifyOrder signature, keeps the id),
 * queued cancels (204), cancel all, batch cancel, open orders, order by id / client id (open
 * orders only, as the venue) and the paginated history.
 */
import type { SimResponse } from '../../../dialect.js';
import type { EngineOrder, OrderLookup } from '../../../engine/index.js';
import { errorBody, errorResponse, jsonResponse, venueError, type VenueError } from '../errors.js';
import { orderIdFromWire, orderIdToWire } from '../ids.js';
import { modifyOrder, queueCancel, submitOrder } from '../order-ops.js';
import { paginate, timeRangeOf } from '../pagination.js';
import { verifyModifySignature, verifyOrderSignature } from '../verify-order.js';
import { orderToWire } from '../wire/index.js';
import { parseJsonBody, type RouteContext } from './context.js';
import { findMarket } from './public-routes.js';

const MAX_BATCH = 10;
const MAX_HISTORY_PAGE = 5000;

const wire = (ctx: RouteContext, order: EngineOrder) => orderToWire(order, ctx.venue.orderMeta.get(order.id));
const bindingError = (): SimResponse => errorResponse(venueError(400, 'BINDING_ERROR', 'request body is not valid JSON'));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function postOrder(ctx: RouteContext): SimResponse {
  const body = parseJsonBody(ctx.request);
  if (!body.ok) return bindingError();
  if (!isRecord(body.value)) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'request body must be a JSON object'));
  const verified = verifyOrderSignature(ctx.venue, ctx.account, body.value, ctx.nowMs);
  if (!verified.ok) return errorResponse(verified);
  const accepted = submitOrder(ctx.venue, ctx.account, verified.order, ctx.nowMs);
  return accepted.ok ? jsonResponse(201, wire(ctx, accepted.value)) : errorResponse(accepted);
}

/**
 * `orders` holds the accepted orders in request order. When some order was refused after the
 * batch passed basic validation, `errors` has one entry per request (null where it was accepted);
 * when all were accepted it is empty. (The venue's index mapping is not documented.)
 */
export function postOrdersBatch(ctx: RouteContext): SimResponse {
  const body = parseJsonBody(ctx.request);
  if (!body.ok) return bindingError();
  if (!Array.isArray(body.value)) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'request body must be a JSON array of orders'));
  const items = body.value as unknown[];
  if (items.length < 1 || items.length > MAX_BATCH) return errorResponse(venueError(400, 'BATCH_SIZE_OUT_OF_RANGE', `a batch holds 1 to ${MAX_BATCH} orders`));
  const verified = [];
  for (const item of items) {
    if (!isRecord(item)) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'every batch item must be a JSON object'));
    const check = verifyOrderSignature(ctx.venue, ctx.account, item, ctx.nowMs);
    if (!check.ok) return errorResponse(check);
    verified.push(check.order);
  }
  const orders = [];
  const errors: ({ error: string; message: string } | null)[] = [];
  for (const order of verified) {
    const accepted = submitOrder(ctx.venue, ctx.account, order, ctx.nowMs);
    if (accepted.ok) {
      orders.push(wire(ctx, accepted.value));
      errors.push(null);
    } else {
      errors.push(errorBody(accepted));
    }
  }
  return jsonResponse(201, { orders, errors: errors.some((e) => e !== null) ? errors : [] });
}

export function putOrder(ctx: RouteContext): SimResponse {
  const wireId = ctx.params[0] ?? '';
  const body = parseJsonBody(ctx.request);
  if (!body.ok) return bindingError();
  if (!isRecord(body.value)) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'request body must be a JSON object'));
  const verified = verifyModifySignature(ctx.venue, ctx.account, body.value, ctx.nowMs, wireId);
  if (!verified.ok) return errorResponse(verified);
  const modified = modifyOrder(ctx.venue, ctx.account, wireId, verified.order);
  return modified.ok ? jsonResponse(200, wire(ctx, modified.value)) : errorResponse(modified);
}

const orderNotFound = (id: string): VenueError => venueError(400, 'ORDER_ID_NOT_FOUND', `order ${id.slice(0, 40)} not found`);

function byWireId(wireId: string): OrderLookup | undefined {
  const id = orderIdFromWire(wireId);
  return id === undefined ? undefined : { id };
}

export function getOrder(ctx: RouteContext): SimResponse {
  const wireId = ctx.params[0] ?? '';
  const lookup = byWireId(wireId);
  const order = lookup === undefined ? undefined : ctx.venue.engine.order(ctx.account, lookup);
  if (order === undefined || order.status === 'CLOSED') return errorResponse(orderNotFound(wireId));
  return jsonResponse(200, wire(ctx, order));
}

export function getOrderByClientId(ctx: RouteContext): SimResponse {
  const clientId = ctx.params[0] ?? '';
  const order = ctx.venue.engine.order(ctx.account, { clientId });
  if (order === undefined || order.status === 'CLOSED') {
    return errorResponse(venueError(400, 'CLIENT_ORDER_ID_NOT_FOUND', `client order id ${clientId.slice(0, 64)} not found`));
  }
  return jsonResponse(200, wire(ctx, order));
}

export function getOpenOrders(ctx: RouteContext): SimResponse {
  const market = ctx.request.query.get('market');
  if (market !== null && market !== '' && findMarket(ctx.venue.engine, market) === undefined) {
    return errorResponse(venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(market.slice(0, 40))} not found`));
  }
  const orders = ctx.venue.engine.openOrders(ctx.account, market === null || market === '' ? undefined : market);
  return jsonResponse(200, { results: orders.map((o) => wire(ctx, o)) });
}

const NO_CONTENT: SimResponse = { status: 204 };

export function deleteOrder(ctx: RouteContext): SimResponse {
  const wireId = ctx.params[0] ?? '';
  const lookup = byWireId(wireId);
  if (lookup === undefined) return errorResponse(orderNotFound(wireId));
  const queued = queueCancel(ctx.venue, ctx.account, lookup, wireId);
  return queued.ok ? NO_CONTENT : errorResponse(queued);
}

export function deleteOrderByClientId(ctx: RouteContext): SimResponse {
  const clientId = ctx.params[0] ?? '';
  const market = ctx.request.query.get('market');
  const lookup: OrderLookup = market === null || market === '' ? { clientId } : { clientId, market };
  const queued = queueCancel(ctx.venue, ctx.account, lookup, clientId);
  return queued.ok ? NO_CONTENT : errorResponse(queued);
}

export function deleteAllOrders(ctx: RouteContext): SimResponse {
  const market = ctx.request.query.get('market');
  if (market !== null && market !== '' && findMarket(ctx.venue.engine, market) === undefined) {
    return errorResponse(venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(market.slice(0, 40))} not found`));
  }
  const { engine } = ctx.venue;
  const account = ctx.account;
  // Queued like single cancels: the orders close right after the answer.
  setImmediate(() => {
    try {
      engine.cancelAll(account, market === null || market === '' ? undefined : market);
    } catch {
      // Nothing to cancel any more (the simulator is shutting down): as the venue, stay silent.
    }
  });
  return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
}

export function deleteOrdersBatch(ctx: RouteContext): SimResponse {
  const body = parseJsonBody(ctx.request);
  if (!body.ok) return bindingError();
  const value = body.value as { order_ids?: unknown; client_order_ids?: unknown } | undefined;
  const ids = value?.order_ids ?? [];
  const clientIds = value?.client_order_ids ?? [];
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((x) => typeof x === 'string');
  if (!strings(ids) || !strings(clientIds) || ids.length + clientIds.length === 0) {
    return errorResponse(venueError(400, 'VALIDATION_ERROR', 'order_ids and/or client_order_ids must be arrays of strings'));
  }
  if (ids.length + clientIds.length > 100) return errorResponse(venueError(400, 'BATCH_SIZE_OUT_OF_RANGE', 'at most 100 orders per batch cancel'));
  const results = [
    ...ids.map((id) => cancelResult(ctx, byWireId(id), { id })),
    ...clientIds.map((clientId) => cancelResult(ctx, { clientId }, { client_id: clientId })),
  ];
  return jsonResponse(200, { results });
}

function cancelResult(ctx: RouteContext, lookup: OrderLookup | undefined, shown: { id?: string; client_id?: string }) {
  const order = lookup === undefined ? undefined : ctx.venue.engine.order(ctx.account, lookup);
  if (lookup === undefined || order === undefined) return { ...shown, status: 'NOT_FOUND' };
  const base = { id: orderIdToWire(order.id), client_id: order.clientId ?? '', account: ctx.account, market: order.market };
  if (order.status === 'CLOSED') return { ...base, status: 'ALREADY_CLOSED' };
  const queued = queueCancel(ctx.venue, ctx.account, { id: order.id }, base.id);
  return { ...base, status: queued.ok ? 'QUEUED_FOR_CANCELLATION' : 'ALREADY_CLOSED' };
}

const HISTORY_STATUSES = new Set(['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED']);

export function getOrdersHistory(ctx: RouteContext): SimResponse {
  const { query } = ctx.request;
  const market = query.get('market');
  if (market !== null && market !== '' && findMarket(ctx.venue.engine, market) === undefined) {
    return errorResponse(venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(market.slice(0, 40))} not found`));
  }
  const status = query.get('status');
  if (status !== null && status !== '' && !HISTORY_STATUSES.has(status)) return errorResponse(venueError(400, 'INVALID_REQUEST_PARAMETER', 'status must be NEW, UNTRIGGERED, OPEN or CLOSED'));
  const range = timeRangeOf(query);
  if ('error' in range) return errorResponse(range);
  const side = query.get('side');
  const type = query.get('type');
  const clientId = query.get('client_id');
  const orders = ctx.venue.engine
    .orderHistory(ctx.account, { ...(market === null || market === '' ? {} : { market }), ...range })
    .filter(
      (o) =>
        (status === null || status === '' || o.status === status) &&
        (side === null || side === '' || o.side === side) &&
        (type === null || type === '' || o.type === type) &&
        (clientId === null || clientId === '' || o.clientId === clientId),
    );
  const page = paginate(orders, (o) => BigInt(o.id), query, MAX_HISTORY_PAGE);
  if (!page.ok) return errorResponse(page);
  return jsonResponse(200, { ...page.page, results: page.page.results.map((o) => wire(ctx, o)) });
}
