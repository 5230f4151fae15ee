/**
 * What every client does when an order request may have reached the venue but no answer came
 * (timeout, 5xx, Aster's 503, a dropped connection): ask the venue by client order id before
 * reporting anything. Found: that is the answer. Not found: the outcome stays unknown, and the
 * caller must look again before resending (the venue may still be processing it).
 */
import { ExchangeError } from './errors.js';
import type { BatchItemResult, ExchangeId, Order } from './types.js';

export async function resolveUnknownOutcome(
  exchange: ExchangeId,
  clientOrderId: string,
  cause: ExchangeError,
  lookup: () => Promise<Order | undefined>,
): Promise<BatchItemResult<Order>> {
  const found = await lookup().catch(() => undefined);
  if (found) return { ok: true, value: found };
  return {
    ok: false,
    error: new ExchangeError(
      `order ${clientOrderId} outcome unknown: ${cause.message}; the venue does not show it yet - look it up by client id before resending`,
      { exchange, retryable: false, outcome: 'unknown', cause },
    ),
  };
}
