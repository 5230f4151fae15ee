/**
 * The asynchronous risk checks of Paradex's two-phase acceptance: an order that passed submit()'s
 * basic validation (status NEW) is closed here with a cancel reason when it breaks a rule.
 *
 * Order of checks: min notional (on acceptance), then on activation (at once for MARKET/LIMIT, at
 * trigger time for trigger orders): whole-position sizing, reduce-only, price band, position
 * limit, initial margin. The market maker's own orders skip all of them.
 */
import { reducibleSize } from './accounts.js';
import type { EngineCore } from './core.js';
import { marketInitialRequirement, openSize, valueAndInitialMargin } from './margin.js';
import { outsideBand } from './matcher.js';
import { isMarketType, type OrderRecord } from './order-record.js';
import type { MarketState } from './state.js';
import type { CancelReason } from './types.js';

/** Checks made when a NEW order is taken up (every type). */
export function checkOnAccept(core: EngineCore, o: OrderRecord): CancelReason | undefined {
  if (o.internal || o.closePosition || o.size === 0n) return undefined;
  const ms = core.marketById(o.market);
  const pos = core.accountById(o.account).market(o.market).position;
  // Paradex values an order at the mark (options: at the underlying's mark).
  const reference = ms.spec.underlying === undefined ? ms.mark : core.marketById(ms.spec.underlying).mark;
  if (o.size * reference < ms.spec.minNotional) {
    // A reduce-only order that closes the whole position may be below the minimum (Paradex docs).
    const closesPosition = o.reduceOnly && reducibleSize(pos, o.side) === o.size;
    if (!closesPosition) return 'ORDER_SIZE_BELOW_MIN';
  }
  return undefined;
}

/**
 * Checks made when an order becomes active. A whole-position order gets its size here.
 * Returns the cancel reason, or undefined when the order may trade.
 */
export function checkOnActivate(core: EngineCore, o: OrderRecord): CancelReason | undefined {
  const ms = core.marketById(o.market);
  const account = core.accountById(o.account);
  const am = account.market(o.market);
  if (o.closePosition) {
    const size = reducibleSize(am.position, o.side);
    if (size === 0n) return 'NO_POSITION_TO_CLOSE';
    o.size = size;
    o.remaining = size;
  }
  if (o.internal) return undefined;
  if (o.reduceOnly && reducibleSize(am.position, o.side) === 0n) return 'REDUCE_ONLY_WOULD_INCREASE';
  if (!isMarketType(o.type) && outsideBand(ms, o.side, o.price)) return 'PRICE_OUTSIDE_BAND';
  return checkLimitsAndMargin(core, ms, o, o.remaining);
}

/**
 * Position limit and initial margin with `extra` more size on the order's side. An order that
 * does not increase the open size (resp. the IMR) passes those checks whatever the account's
 * state, as on Paradex.
 */
export function checkLimitsAndMargin(core: EngineCore, ms: MarketState, o: OrderRecord, extra: bigint): CancelReason | undefined {
  const account = core.accountById(o.account);
  const am = account.market(o.market);
  const pos = am.position.size;
  const sizeBefore = openSize(pos, am.openBuy, am.openSell);
  const sizeAfter = o.side === 1 ? openSize(pos, am.openBuy + extra, am.openSell) : openSize(pos, am.openBuy, am.openSell + extra);
  // IMR grows only with the open size (same mark, same leverage): nothing more to check otherwise.
  if (sizeAfter <= sizeBefore) return undefined;
  if (sizeAfter > ms.spec.positionLimit) return 'ORDER_EXCEEDS_POSITION_LIMIT';
  const after = marketInitialRequirement(ms.spec, am, ms.mark, o.side === 1 ? extra : 0n, o.side === 1 ? 0n : extra);
  const { accountValue, initialMargin } = valueAndInitialMargin(account, core.marketOf, ms.id, after.imr);
  return accountValue < initialMargin ? 'NOT_ENOUGH_MARGIN' : undefined;
}
