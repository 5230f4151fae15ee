/**
 * Trigger conditions on the MARK price. Pure: given an order and the new mark, update trailing
 * state and say whether the order fires.
 *
 *  - STOP_* / STOP_LOSS_* / TAKE_PROFIT_*: direction ABOVE fires when mark >= triggerPrice,
 *    BELOW when mark <= triggerPrice (defaults in order-record.ts defaultTriggerDirection).
 *  - TRAILING_STOP_MARKET (Aster semantics): once active (at placement, or when the mark reaches
 *    activationPrice: SELL mark >= it, BUY mark <= it), a SELL tracks the highest mark and fires
 *    when mark <= highest x (1 - callback%), a BUY tracks the lowest and fires when
 *    mark >= lowest x (1 + callback%). Comparisons are exact (cross-multiplied, no division).
 */
import { divRound } from './fixed.js';
import type { OrderRecord } from './order-record.js';

/** 100% at the 8 dp scale of callbackRate. */
const HUNDRED_PERCENT = 100n * 10n ** 8n;

export function shouldFire(o: OrderRecord, mark: bigint, tick: bigint): boolean {
  const trailing = o.trailing;
  if (trailing === undefined) {
    if (o.triggerDirection === 'ABOVE') return mark >= o.triggerPrice;
    return mark <= o.triggerPrice;
  }
  const sell = o.side === -1;
  if (!trailing.activated) {
    const act = trailing.activationPrice;
    if (act !== undefined && (sell ? mark < act : mark > act)) return false;
    trailing.activated = true;
    trailing.extreme = mark;
  } else if (sell ? mark > trailing.extreme : mark < trailing.extreme) {
    trailing.extreme = mark;
  }
  const factor = sell ? HUNDRED_PERCENT - trailing.callbackRate : HUNDRED_PERCENT + trailing.callbackRate;
  // Shown as the order's trigger price: where it would fire now, on the tick grid.
  o.triggerPrice = divRound(divRound(trailing.extreme * factor, HUNDRED_PERCENT, 'half_even'), tick, 'half_even') * tick;
  return sell ? mark * HUNDRED_PERCENT <= trailing.extreme * factor : mark * HUNDRED_PERCENT >= trailing.extreme * factor;
}
