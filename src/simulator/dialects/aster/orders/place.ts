/**
 * New orders, one at a time or in a batch, answered synchronously as Aster does: the engine's
 * two phases (submit, then risk check and matching) run within the request, with engine events
 * held so that a refused order leaves no trace on the user stream.
 *
 * newOrderRespType ACK (default) answers the order as accepted (status NEW, nothing executed:
 * the venue's ACK); RESULT answers its state after matching (FILLED, EXPIRED...).
 */
import { isZero } from '../../../../core/decimal.js';
import type { EngineOrder } from '../../../engine/index.js';
import type { AsterContext } from '../context.js';
import { AsterApiError, AsterErrors } from '../errors.js';
import { renderOrder } from '../render/orders.js';
import { fromEngineError, rejectionFor } from './engine-errors.js';
import { bandLimits, parseOrder, type ParamSource } from './parse-order.js';

/** MAX_NUM_ALGO_ORDERS of exchangeInfo: open conditional orders per symbol (the real BTCUSDT value). */
export const MAX_ALGO_ORDERS = 10;
/** Batch sizes of POST /batchOrders (5) and DELETE /batchOrders (10). */
export const MAX_BATCH_PLACE = 5;
export const MAX_BATCH_CANCEL = 10;

export function placeOrder(ctx: AsterContext, account: string, params: ParamSource): Record<string, unknown> {
  const engine = ctx.engine;
  const parsed = parseOrder(params, ctx.symbols, (m) => engine.marketSummary(m.engineId).markPrice);
  const { market, meta } = parsed;
  if (meta.type !== 'LIMIT' && meta.type !== 'MARKET') {
    const conditional = engine.openOrders(account, market.engineId).filter((o) => o.type !== 'LIMIT' && o.type !== 'MARKET' && o.status === 'UNTRIGGERED');
    if (conditional.length >= MAX_ALGO_ORDERS) throw AsterErrors.maxStopOrders();
  }
  const clientId = parsed.request.clientId ?? ctx.nextClientOrderId();
  const answered = ctx.holdEvents((): EngineOrder => {
    let accepted: EngineOrder;
    try {
      accepted = engine.submit({ ...parsed.request, clientId, account });
    } catch (error) {
      throw fromEngineError(error);
    }
    ctx.recordOrder(accepted.id, meta);
    engine.processPending();
    const final = engine.order(account, { id: accepted.id }) ?? accepted;
    if (final.status === 'CLOSED' && final.cancelReason !== undefined && isZero(final.filledSize)) {
      const mark = engine.marketSummary(market.engineId).markPrice;
      const rejection = rejectionFor(final.cancelReason, market, final.side, bandLimits(market, mark));
      if (rejection !== undefined) {
        ctx.hideOrder(accepted.id);
        throw rejection;
      }
    }
    return parsed.respType === 'RESULT' ? final : accepted;
  });
  return renderOrder(answered, meta, market, 'new');
}

/** POST batchOrders: results aligned with the list, each failure its own {code, msg}. */
export function placeBatch(ctx: AsterContext, account: string, list: readonly Readonly<Record<string, unknown>>[]): unknown[] {
  return list.map((item) => {
    try {
      return placeOrder(ctx, account, objectParams(item));
    } catch (error) {
      if (error instanceof AsterApiError) return error.body();
      throw error;
    }
  });
}

/**
 * The `batchOrders` / `orderIdList` / `origClientOrderIdList` JSON text. The docs' examples use
 * single quotes (`[{'symbol':'BTCUSDT',...}]`) while ccxt sends standard JSON: both are read.
 */
export function parseJsonList(text: string, name: string): unknown[] {
  for (const candidate of [text, text.replace(/'/g, '"')]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (Array.isArray(value)) return value;
    } catch {
      // try the next spelling
    }
  }
  throw AsterErrors.invalidParam(name);
}

/** The order objects of a batchOrders list, 1 to 5 of them. */
export function batchItems(text: string): Readonly<Record<string, unknown>>[] {
  const list = parseJsonList(text, 'batchOrders');
  if (list.length === 0 || list.length > MAX_BATCH_PLACE) throw AsterErrors.batchSize();
  return list.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw AsterErrors.invalidParam('batchOrders');
    return item as Readonly<Record<string, unknown>>;
  });
}

/** A batch item's fields as order parameters (numbers and booleans as their JSON text). */
function objectParams(item: Readonly<Record<string, unknown>>): ParamSource {
  return {
    get(name: string): string | undefined {
      const value = item[name];
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw AsterErrors.invalidParam(name);
    },
  };
}
