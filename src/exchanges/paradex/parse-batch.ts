/**
 * POST /orders/batch answer -> one result per request, at the request's index.
 *
 * The venue answers `{orders: [...], errors: [...]}` in two arrays, and how `errors` entries map to
 * request indices is UNCONFIRMED (paradex.md §6.4). The rule implemented, most certain first:
 *  1. An accepted order whose `client_id` equals the client id of exactly one request belongs to
 *     that request (the client always sends client ids, so this normally settles everything).
 *  2. Orders left over, when there are no errors and as many leftovers as unanswered requests,
 *     are taken to be in request order.
 *  3. Errors, when no order is left over and there are as many errors as unanswered requests,
 *     are taken to be in request order (each request is then certainly refused; at worst the
 *     message of one refusal is attached to another).
 *  4. Anything else is ambiguous: each unanswered request gets an ExchangeError with outcome
 *     'unknown' (venueCode BATCH_UNMATCHED), so the executor looks the order up by client id
 *     instead of assuming either way.
 */
import { ExchangeError } from '../../core/errors.js';
import type { BatchItemResult, Order } from '../../core/types.js';
import { parseOrder } from './parse-order.js';
import { paradexErrorFromCode } from './rest/errors.js';
import type { WireBatchError, WireOrder } from './rest/schemas.js';

/** A request as sent (wire body with `client_id`) or as asked (domain `clientOrderId`). */
export interface BatchRequestRef {
  readonly client_id?: unknown;
  readonly clientOrderId?: unknown;
}

export interface BatchAnswer {
  readonly orders: readonly WireOrder[];
  readonly errors: readonly (WireBatchError | null)[];
}

function clientIdOf(request: BatchRequestRef): string | undefined {
  const id = request.client_id ?? request.clientOrderId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function unmatched(index: number, clientId: string | undefined): ExchangeError {
  const who = clientId === undefined ? `request ${index}` : `request ${index} (client id ${clientId})`;
  return new ExchangeError(`Paradex batch answer cannot be matched to ${who}: look the order up before resending`, {
    exchange: 'paradex',
    outcome: 'unknown',
    retryable: false,
    venueCode: 'BATCH_UNMATCHED',
  });
}

function batchError(entry: WireBatchError): Error {
  return paradexErrorFromCode({ code: entry.error ?? 'UNKNOWN_ERROR', message: entry.message, operation: 'write' });
}

export function parseBatchResult(requests: readonly BatchRequestRef[], answer: BatchAnswer): BatchItemResult<Order>[] {
  const results: (BatchItemResult<Order> | undefined)[] = requests.map(() => undefined);
  const clientIds = requests.map(clientIdOf);
  const indexByClientId = new Map<string, number>();
  const duplicated = new Set<string>();
  clientIds.forEach((id, index) => {
    if (id === undefined) return;
    if (indexByClientId.has(id)) duplicated.add(id);
    indexByClientId.set(id, index);
  });

  const leftoverOrders: WireOrder[] = [];
  for (const wire of answer.orders) {
    const id = wire.client_id;
    const index = id === undefined || duplicated.has(id) ? undefined : indexByClientId.get(id);
    if (index !== undefined && results[index] === undefined) results[index] = { ok: true, value: parseOrder(wire) };
    else leftoverOrders.push(wire);
  }

  const errors = answer.errors.filter((e): e is WireBatchError => e !== null);
  const open = results.flatMap((result, index) => (result === undefined ? [index] : []));
  if (leftoverOrders.length > 0 && errors.length === 0 && leftoverOrders.length === open.length) {
    open.forEach((index, k) => (results[index] = { ok: true, value: parseOrder(leftoverOrders[k] as WireOrder) }));
  } else if (leftoverOrders.length === 0 && errors.length === open.length) {
    open.forEach((index, k) => (results[index] = { ok: false, error: batchError(errors[k] as WireBatchError) }));
  }
  return results.map((result, index) => result ?? { ok: false, error: unmatched(index, clientIds[index]) });
}
