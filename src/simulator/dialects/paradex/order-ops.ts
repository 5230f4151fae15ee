/**
 * Order operations shared by REST and the WebSocket order methods, after the signature check:
 * accept an order into the engine (status NEW, risk check and matching right after the answer),
 * modify it in place, queue a cancel. Engine refusals become the venue's 400 answers.
 */
import { ExchangeError } from '../../../core/errors.js';
import type { EngineOrder, EngineTimeInForce, OrderLookup, SubmitOrderRequest, TriggerDirection } from '../../engine/index.js';
import { venueError, type VenueError } from './errors.js';
import { orderIdFromWire } from './ids.js';
import { isMarketType, type ParsedModifyBody, type ParsedOrderBody } from './order-body.js';
import type { ParadexVenue } from './venue.js';

export type OpResult<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & VenueError);

/** Orders whose wire metadata (signature timestamp, instruction...) is remembered. */
const MAX_ORDER_META = 500_000;

const TIME_IN_FORCE: Record<string, EngineTimeInForce> = { '': 'GTC', GTC: 'GTC', IOC: 'IOC', POST_ONLY: 'POST_ONLY', RPI: 'POST_ONLY' };

/** Engine codes that are not the venue's own: their Paradex equivalents. */
const CODE_MAP: Readonly<Record<string, string>> = {
  INVALID_ORDER: 'VALIDATION_ERROR',
  INVALID_AMEND: 'VALIDATION_ERROR',
  INVALID_PRICE: 'INVALID_REQUEST_PARAMETER',
  ACCOUNT_NOT_FOUND: 'NOT_ONBOARDED',
};

/** An engine refusal as the venue's error (400 with the engine's Paradex-spelt code). */
export function engineErrorToVenue(error: unknown): VenueError {
  if (error instanceof ExchangeError) {
    const code = typeof error.venueCode === 'string' ? error.venueCode : 'VALIDATION_ERROR';
    return venueError(400, CODE_MAP[code] ?? code, error.message);
  }
  throw error;
}

function triggerDirection(flags: readonly string[]): TriggerDirection | undefined {
  if (flags.includes('STOP_CONDITION_BELOW_TRIGGER')) return 'BELOW';
  if (flags.includes('STOP_CONDITION_ABOVE_TRIGGER')) return 'ABOVE';
  return undefined;
}

export function toSubmitRequest(account: string, order: ParsedOrderBody): SubmitOrderRequest {
  const direction = triggerDirection(order.flags);
  return {
    account,
    market: order.market,
    side: order.side,
    type: order.type,
    size: order.size,
    ...(isMarketType(order.type) || order.price === undefined ? {} : { price: order.price }),
    ...(order.triggerPrice === undefined ? {} : { triggerPrice: order.triggerPrice }),
    timeInForce: TIME_IN_FORCE[order.instruction] ?? 'GTC',
    reduceOnly: order.flags.includes('REDUCE_ONLY'),
    ...(order.clientId === undefined ? {} : { clientId: order.clientId }),
    ...(order.stp === undefined ? {} : { stp: order.stp }),
    ...(direction === undefined ? {} : { triggerDirection: direction }),
  };
}

/**
 * Accepts a verified order: the engine validates it at once (unknown market, size step, duplicate
 * client id...) and queues it as NEW; the risk check and matching run right after this request.
 */
export function submitOrder(venue: ParadexVenue, account: string, order: ParsedOrderBody, receivedAt: number): OpResult<EngineOrder> {
  let accepted: EngineOrder;
  try {
    accepted = venue.engine.submit(toSubmitRequest(account, order));
  } catch (error) {
    return { ok: false, ...engineErrorToVenue(error) };
  }
  if (venue.orderMeta.size >= MAX_ORDER_META) {
    // Bounded memory on long runs: the oldest orders fall back to engine-only fields on the wire.
    const oldest = venue.orderMeta.keys().next().value;
    if (oldest !== undefined) venue.orderMeta.delete(oldest);
  }
  venue.orderMeta.set(accepted.id, {
    signatureTimestamp: order.signatureTimestamp,
    receivedAt,
    instruction: order.instruction,
    extraFlags: order.flags.filter((flag) => flag !== 'REDUCE_ONLY'),
  });
  venue.schedulePending();
  return { ok: true, value: accepted };
}

/** The engine lookup for a wire order id, or undefined when the id cannot be one of ours. */
export function lookupByWireId(wireId: string): OrderLookup | undefined {
  const id = orderIdFromWire(wireId);
  return id === undefined ? undefined : { id };
}

const notFound = (id: string): { ok: false } & VenueError => ({ ok: false, ...venueError(400, 'ORDER_ID_NOT_FOUND', `order ${id.slice(0, 40)} not found`) });

/** PUT /orders/{id}: same market, side and type; new size, price, trigger price. Keeps the id. */
export function modifyOrder(venue: ParadexVenue, account: string, wireId: string, order: ParsedModifyBody): OpResult<EngineOrder> {
  const lookup = lookupByWireId(wireId);
  const existing = lookup === undefined ? undefined : venue.engine.order(account, lookup);
  if (lookup === undefined || existing === undefined) return notFound(wireId);
  if (existing.status === 'CLOSED') return { ok: false, ...venueError(400, 'ORDER_IS_CLOSED', `order ${wireId} is closed`) };
  if (existing.market !== order.market || existing.side !== order.side || existing.type !== order.type) {
    return { ok: false, ...venueError(400, 'VALIDATION_ERROR', 'market, side and type must be those of the order being modified') };
  }
  const changes = {
    ...(order.size === existing.size || existing.closePosition ? {} : { size: order.size }),
    ...(isMarketType(order.type) || order.price === undefined || order.price === existing.price ? {} : { price: order.price }),
    ...(order.triggerPrice === undefined || order.triggerPrice === existing.triggerPrice ? {} : { triggerPrice: order.triggerPrice }),
  };
  let modified: EngineOrder;
  try {
    modified = venue.engine.amend(account, lookup, changes);
  } catch (error) {
    return { ok: false, ...engineErrorToVenue(error) };
  }
  const meta = venue.orderMeta.get(modified.id);
  if (meta !== undefined) venue.orderMeta.set(modified.id, { ...meta, signatureTimestamp: order.signatureTimestamp });
  return { ok: true, value: modified };
}

/**
 * Queues the cancel of an open order (the venue answers before the cancel happens; the order's
 * CLOSED state follows on the orders channel and GET /orders/{id}).
 */
export function queueCancel(venue: ParadexVenue, account: string, lookup: OrderLookup, shownId: string): OpResult<EngineOrder> {
  const existing = venue.engine.order(account, lookup);
  if (existing === undefined) {
    return 'id' in lookup
      ? notFound(shownId)
      : { ok: false, ...venueError(400, 'CLIENT_ORDER_ID_NOT_FOUND', `client order id ${shownId.slice(0, 64)} not found`) };
  }
  if (existing.status === 'CLOSED') return { ok: false, ...venueError(400, 'ORDER_IS_CLOSED', `order is already closed`) };
  setImmediate(() => {
    try {
      venue.engine.cancel(account, { id: existing.id });
    } catch {
      // Filled or cancelled in the meantime: nothing left to cancel, as on the venue.
    }
  });
  return { ok: true, value: existing };
}
