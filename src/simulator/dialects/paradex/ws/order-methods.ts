/**
 * WebSocket order management (OpenRPC 1.3.1 order.*, paradex.md §9.7), after `auth`:
 * - order.create               params = the REST order body -> {order, created_at (ms), received_at (ns)}
 * - order.create_batch         {orders: [...]} (or a bare array) -> {results: [{order, created_at, received_at} | {error}]}
 * - order.modify               the REST ModifyOrder body incl. `id` -> {order}
 * - order.cancel               {id} or {client_id, market} -> {order_id, status: QUEUED_FOR_CANCELLATION}
 * - order.cancel_batch         {order_ids} -> {results: [{id, market?, status}]}
 * - order.cancel_all           {market?} -> {status: "ok"}
 * - order.cancel_on_disconnect {enabled} -> {enabled}
 * Signatures, receive window and engine checks are those of REST (verify-order.ts, order-ops.ts);
 * the order methods draw from the REST order-write rate budget (42901 when empty). A business
 * refusal is code 100 with the REST error code in `data` and its text in `message`.
 */
import type { EngineOrder } from '../../../engine/index.js';
import type { VenueError } from '../errors.js';
import { orderIdToWire } from '../ids.js';
import { lookupByWireId, modifyOrder, queueCancel, submitOrder } from '../order-ops.js';
import type { ParadexVenue } from '../venue.js';
import { verifyModifySignature, verifyOrderSignature } from '../verify-order.js';
import { orderToWire } from '../wire/index.js';
import { RawJson, RPC_CODE, RpcFailure, rpcError } from './rpc.js';

/** What an order method knows about the connection that called it. */
export interface OrderSession {
  readonly account: string | undefined;
  readonly remoteAddress: string;
  cancelOnDisconnect: boolean;
}

export type OrderMethod = (venue: ParadexVenue, session: OrderSession, params: Readonly<Record<string, unknown>>) => unknown;

const MAX_CREATE_BATCH = 10;
const MAX_CANCEL_BATCH = 100;
const NS_PER_MS = 1_000_000n;

const methodError = (error: VenueError): RpcFailure => new RpcFailure(rpcError(RPC_CODE.METHOD_ERROR, error.message, error.error));
const invalidParams = (detail: string): RpcFailure => new RpcFailure(rpcError(RPC_CODE.INVALID_PARAMS, 'invalid params', detail));

function requireAccount(session: OrderSession): string {
  if (session.account === undefined) throw new RpcFailure(rpcError(RPC_CODE.PERMISSION_DENIED, 'permission denied', 'authentication required'));
  return session.account;
}

/** Order methods share the REST order counters. */
function drawRateLimit(venue: ParadexVenue, session: OrderSession, account: string, nowMs: number): void {
  const decision = venue.rateLimits.take('order-write', { ip: session.remoteAddress, account }, nowMs);
  if (!decision.allowed) throw new RpcFailure(rpcError(RPC_CODE.RATE_LIMITED, 'Rate limit exceeded'));
}

const wireOrder = (venue: ParadexVenue, order: EngineOrder) => orderToWire(order, venue.orderMeta.get(order.id), 'ws');

/**
 * `received_at` is in nanoseconds, beyond a double's exact range: the result is written as raw
 * JSON so the integer reaches the client exactly.
 */
function createdResult(venue: ParadexVenue, order: EngineOrder, receivedAtMs: number): string {
  const receivedAtNs = (BigInt(Math.trunc(receivedAtMs)) * NS_PER_MS).toString();
  return `{"order":${JSON.stringify(wireOrder(venue, order))},"created_at":${order.createdAt},"received_at":${receivedAtNs}}`;
}

function createOne(venue: ParadexVenue, account: string, body: unknown, nowMs: number): { ok: true; order: EngineOrder } | { ok: false; error: VenueError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: { status: 400, error: 'VALIDATION_ERROR', message: 'order must be a JSON object' } };
  }
  const verified = verifyOrderSignature(venue, account, body as Record<string, unknown>, nowMs);
  if (!verified.ok) return { ok: false, error: verified };
  const accepted = submitOrder(venue, account, verified.order, nowMs);
  return accepted.ok ? { ok: true, order: accepted.value } : { ok: false, error: accepted };
}

const create: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  const nowMs = venue.now();
  drawRateLimit(venue, session, account, nowMs);
  const created = createOne(venue, account, params, nowMs);
  if (!created.ok) throw methodError(created.error);
  return new RawJson(createdResult(venue, created.order, nowMs));
};

const createBatch: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  // [RPC] documents {orders: [...]}; paradex-py sends the bare array, which arrives as params
  // with numeric keys: both are accepted.
  const orders = Array.isArray(params.orders) ? (params.orders as unknown[]) : Object.keys(params).every((k) => /^\d+$/.test(k)) ? Object.values(params) : undefined;
  if (orders === undefined || orders.length === 0) throw invalidParams('orders must be a non-empty array');
  if (orders.length > MAX_CREATE_BATCH) throw methodError({ status: 400, error: 'BATCH_SIZE_OUT_OF_RANGE', message: `a batch holds 1 to ${MAX_CREATE_BATCH} orders` });
  const nowMs = venue.now();
  drawRateLimit(venue, session, account, nowMs);
  const results = orders.map((body) => {
    const created = createOne(venue, account, body, nowMs);
    return created.ok ? createdResult(venue, created.order, nowMs) : JSON.stringify({ error: `${created.error.error}: ${created.error.message}` });
  });
  return new RawJson(`{"results":[${results.join(',')}]}`);
};

const modify: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  const nowMs = venue.now();
  drawRateLimit(venue, session, account, nowMs);
  const verified = verifyModifySignature(venue, account, params as Record<string, unknown>, nowMs);
  if (!verified.ok) throw methodError(verified);
  const modified = modifyOrder(venue, account, verified.order.id, verified.order);
  if (!modified.ok) throw methodError(modified);
  return { order: wireOrder(venue, modified.value) };
};

const cancel: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  const { id, client_id: clientId, market } = params;
  drawRateLimit(venue, session, account, venue.now());
  if (typeof id === 'string' && id !== '') {
    const lookup = lookupByWireId(id);
    const queued = lookup === undefined ? undefined : queueCancel(venue, account, lookup, id);
    if (queued === undefined) throw methodError({ status: 400, error: 'ORDER_ID_NOT_FOUND', message: `order ${id.slice(0, 40)} not found` });
    if (!queued.ok) throw methodError(queued);
    return { order_id: orderIdToWire(queued.value.id), status: 'QUEUED_FOR_CANCELLATION' };
  }
  if (typeof clientId === 'string' && clientId !== '') {
    if (typeof market !== 'string' || market === '') throw invalidParams('market is required when cancelling by client_id');
    const queued = queueCancel(venue, account, { clientId, market }, clientId);
    if (!queued.ok) throw methodError(queued);
    return { order_id: orderIdToWire(queued.value.id), status: 'QUEUED_FOR_CANCELLATION' };
  }
  throw invalidParams('id, or client_id and market, is required');
};

const cancelBatch: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  const ids = params.order_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw invalidParams('order_ids must be a non-empty array of strings');
  if (ids.length > MAX_CANCEL_BATCH) throw methodError({ status: 400, error: 'BATCH_SIZE_OUT_OF_RANGE', message: `at most ${MAX_CANCEL_BATCH} orders per batch cancel` });
  drawRateLimit(venue, session, account, venue.now());
  const results = (ids as string[]).map((id) => {
    const lookup = lookupByWireId(id);
    const order = lookup === undefined ? undefined : venue.engine.order(account, lookup);
    if (lookup === undefined || order === undefined) return { id, status: 'NOT_FOUND' };
    if (order.status === 'CLOSED') return { id, market: order.market, status: 'ALREADY_CLOSED' };
    const queued = queueCancel(venue, account, lookup, id);
    return { id, market: order.market, status: queued.ok ? 'QUEUED_FOR_CANCELLATION' : 'ALREADY_CLOSED' };
  });
  return { results };
};

const cancelAll: OrderMethod = (venue, session, params) => {
  const account = requireAccount(session);
  const market = params.market;
  if (market !== undefined && market !== null && market !== '') {
    if (typeof market !== 'string' || !venue.engine.markets().some((m) => m.id === market)) {
      throw methodError({ status: 400, error: 'MARKET_NOT_FOUND', message: `market ${JSON.stringify(String(market).slice(0, 40))} not found` });
    }
  }
  drawRateLimit(venue, session, account, venue.now());
  const only = typeof market === 'string' && market !== '' ? market : undefined;
  // Queued like REST: the orders close right after the answer, each announced on `orders`.
  setImmediate(() => {
    if (venue.engine.hasAccount(account)) venue.engine.cancelAll(account, only);
  });
  return { status: 'ok' };
};

const cancelOnDisconnect: OrderMethod = (_venue, session, params) => {
  requireAccount(session);
  if (typeof params.enabled !== 'boolean') throw invalidParams('enabled must be true or false');
  session.cancelOnDisconnect = params.enabled;
  return { enabled: session.cancelOnDisconnect };
};

export const ORDER_METHODS: Readonly<Record<string, OrderMethod>> = {
  'order.create': create,
  'order.create_batch': createBatch,
  'order.modify': modify,
  'order.cancel': cancel,
  'order.cancel_batch': cancelBatch,
  'order.cancel_all': cancelAll,
  'order.cancel_on_disconnect': cancelOnDisconnect,
};

/**
 * Cancel-on-disconnect: when a connection that enabled it closes (cleanly or not), every open
 * order of its account is cancelled, as the OpenRPC describes ("all orders placed (or already
 * tracked) during this connection"). The simulator cancels all the account's open orders.
 */
export function cancelOnClose(venue: ParadexVenue, account: string): void {
  if (!venue.engine.hasAccount(account)) return;
  try {
    venue.engine.cancelAll(account);
  } catch {
    // Nothing left to cancel (the simulator is closing): the outcome is the same.
  }
}
