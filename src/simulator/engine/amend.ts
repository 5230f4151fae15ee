/**
 * Modify an open order in place (Paradex PUT /orders/{id}, Aster PUT order): it keeps its id.
 *
 *  - OPEN limit order: new size (> filled) and/or price. A size decrease at the same price keeps
 *    the order's place in the queue; a price change or size increase takes it out and runs it again
 *    like a new arrival (it may trade, a POST_ONLY that would now cross is closed, the rest rests
 *    at the back of its level). Band, position limit and margin are checked first; a failing
 *    amend throws and leaves the order unchanged.
 *  - UNTRIGGERED order: new size, price (*_LIMIT) and triggerPrice; the trigger is re-evaluated.
 *  - NEW orders (not yet processed) and CLOSED orders cannot be amended.
 */
import { InsufficientMarginError, InvalidOrderError, RequestError } from '../../core/errors.js';
import type { EngineCore } from './core.js';
import { fmtPrice } from './fixed.js';
import { outsideBand } from './matcher.js';
import { execute, evaluateTriggers } from './order-flow.js';
import { parsePrice, parseSize } from './order-entry.js';
import { isMarketType, type OrderRecord } from './order-record.js';
import { checkLimitsAndMargin } from './risk.js';
import type { AmendOrderRequest } from './types.js';

export function amendOrder(core: EngineCore, o: OrderRecord, changes: AmendOrderRequest): void {
  if (o.status === 'CLOSED') throw new RequestError(`order ${o.id} is closed`, { venueCode: 'ORDER_IS_CLOSED' });
  if (o.status === 'NEW') throw new RequestError(`order ${o.id} is not open yet`, { venueCode: 'ORDER_IS_NOT_OPEN' });
  const ms = core.marketById(o.market);
  const limitType = !isMarketType(o.type);
  if (changes.price !== undefined && !limitType) reject('price', changes.price, 'only limit-type orders have a price');
  if (changes.size !== undefined && o.closePosition) reject('size', changes.size, 'a whole-position order has no size');
  const size = changes.size === undefined ? o.size : parseSize(ms, changes.size, false);
  if (!o.closePosition && size <= o.filled) reject('size', changes.size, 'greater than the filled size');
  const price = changes.price === undefined ? o.price : parsePrice(ms, changes.price, 'price');

  if (o.status === 'UNTRIGGERED') {
    if (changes.triggerPrice !== undefined) {
      if (o.trailing !== undefined) reject('triggerPrice', changes.triggerPrice, 'a trailing stop has no fixed trigger price');
      o.triggerPrice = parsePrice(ms, changes.triggerPrice, 'triggerPrice');
    }
    o.size = size;
    o.remaining = size - o.filled;
    o.price = price;
    core.emitOrder(o);
    core.finish();
    evaluateTriggers(core, ms);
    return;
  }
  if (changes.triggerPrice !== undefined) reject('triggerPrice', changes.triggerPrice, 'the order has already triggered');

  const remaining = size - o.filled;
  if (price !== o.price && !o.internal && outsideBand(ms, o.side, price)) {
    reject('price', fmtPrice(price), `within mark +/- price_bands_width ${ms.spec.config.priceBandWidth}`);
  }
  const extra = remaining - o.remaining;
  if (!o.internal && extra > 0n) {
    const reason = checkLimitsAndMargin(core, ms, o, extra);
    if (reason === 'NOT_ENOUGH_MARGIN') throw new InsufficientMarginError(`amend of order ${o.id} needs more margin than is free`, { venueCode: reason });
    if (reason !== undefined) reject('size', changes.size, `open size within position_limit ${ms.spec.config.positionLimit}`);
  }
  if (price === o.price && extra <= 0n) {
    // Smaller at the same price: keeps its time priority.
    const am = core.accountById(o.account).market(o.market);
    ms.book.sideOf(o.side).reduce(o, -extra);
    if (o.side === 1) am.openBuy += extra;
    else am.openSell += extra;
    o.size = size;
    o.remaining = remaining;
    core.touchMarket(ms);
    core.emitOrder(o);
    return;
  }
  core.unrest(o);
  o.size = size;
  o.remaining = remaining;
  o.price = price;
  execute(core, ms, o);
}

function reject(field: string, value: unknown, rule: string): never {
  throw new InvalidOrderError(`cannot amend: ${field} ${String(value)} breaks rule: ${rule}`, { field, value: String(value), rule }, { venueCode: 'INVALID_AMEND' });
}
