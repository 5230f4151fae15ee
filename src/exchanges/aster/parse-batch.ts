/**
 * Batch answers: an array in request order mixing order objects and `{code, msg}` errors
 * (aster.md §4.3). Each slot becomes a BatchItemResult at the index of its request.
 */
import { ExchangeError } from '../../core/errors.js';
import type { BatchItemResult, Order } from '../../core/types.js';
import { parseOrder } from './parse-order.js';
import { asterErrorFromCode } from './rest/errors.js';
import type { WireBatchSlot, WireOrder } from './rest/schemas/index.js';

export function parseBatchSlot(slot: WireBatchSlot | undefined, what: string): BatchItemResult<Order> {
  if (slot === undefined) {
    return { ok: false, error: new ExchangeError(`Aster ${what}: the venue returned fewer results than requests`, { exchange: 'aster', outcome: 'unknown' }) };
  }
  if ('orderId' in slot && 'status' in slot) return { ok: true, value: parseOrder(slot as WireOrder) };
  const { code, msg } = slot as { code: string | number; msg?: string };
  return { ok: false, error: asterErrorFromCode({ code, msg, operation: 'write', endpoint: what }) };
}

/** Results aligned with the requests that were sent. */
export function parseBatch(slots: readonly WireBatchSlot[], sent: number, what: string): BatchItemResult<Order>[] {
  return Array.from({ length: sent }, (_, i) => parseBatchSlot(slots[i], what));
}
