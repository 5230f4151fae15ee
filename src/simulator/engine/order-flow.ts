/**
 * What happens to an order after submit(): acceptance (risk checks), waiting for a trigger,
 * activation and execution (post-only, FOK, matching, resting, expiry of IOC leftovers).
 */
import type { EngineCore } from './core.js';
import { canFillCompletely, marketOrderLimit, matchOrder, wouldCross } from './matcher.js';
import { isMarketType, isTriggerType, type OrderRecord } from './order-record.js';
import { checkOnAccept, checkOnActivate } from './risk.js';
import type { MarketState } from './state.js';
import { shouldFire } from './triggers.js';

/** Take up every NEW order in arrival order; `done` (when given) receives them in their new state. */
export function processPending(core: EngineCore, done?: OrderRecord[]): void {
  const pending = core.pending;
  while (pending.length > 0) {
    const o = pending.shift() as OrderRecord;
    if (o.status !== 'NEW') continue;
    acceptOrder(core, o);
    done?.push(o);
    core.finish();
  }
}

export function acceptOrder(core: EngineCore, o: OrderRecord): void {
  const reason = checkOnAccept(core, o);
  if (reason !== undefined) {
    core.close(o, reason);
    return;
  }
  const ms = core.marketById(o.market);
  if (!isTriggerType(o.type)) {
    activate(core, ms, o);
    return;
  }
  o.status = 'UNTRIGGERED';
  ms.untriggered.push(o);
  core.emitOrder(o);
  // A condition that already holds fires at once (unless submit refused it: rejectIfWouldTrigger).
  if (shouldFire(o, ms.mark, ms.spec.tick)) fire(core, ms, o);
}

/** Run the trigger checks of one market after its mark moved. */
export function evaluateTriggers(core: EngineCore, ms: MarketState): void {
  if (ms.untriggered.length === 0) return;
  const fired = ms.untriggered.filter((o) => shouldFire(o, ms.mark, ms.spec.tick));
  for (const o of fired) {
    if (o.status === 'UNTRIGGERED') {
      fire(core, ms, o);
      core.finish();
    }
  }
}

function fire(core: EngineCore, ms: MarketState, o: OrderRecord): void {
  ms.untriggered = ms.untriggered.filter((x) => x !== o);
  o.triggeredAt = core.now;
  o.status = 'OPEN';
  activate(core, ms, o);
}

function activate(core: EngineCore, ms: MarketState, o: OrderRecord): void {
  const reason = checkOnActivate(core, o);
  if (reason !== undefined) {
    core.close(o, reason);
    return;
  }
  execute(core, ms, o);
}

/** Match (or refuse to) and then rest or expire what is left. */
export function execute(core: EngineCore, ms: MarketState, o: OrderRecord): void {
  if (o.tif === 'POST_ONLY') {
    if (wouldCross(ms, o)) core.close(o, 'POST_ONLY_WOULD_CROSS');
    else {
      core.rest(o);
      core.emitOrder(o);
    }
    return;
  }
  const marketType = isMarketType(o.type);
  const limit = marketType ? marketOrderLimit(ms, o.side) : o.price;
  if (o.tif === 'FOK' && !canFillCompletely(core, ms, o, limit)) {
    core.close(o, 'FOK_NOT_FILLED');
    return;
  }
  const outcome = matchOrder(core, ms, o, limit);
  if (o.status === 'CLOSED') return; // closed while matching (reduce-only sweep after a fill)
  if (o.remaining === 0n) core.close(o, undefined);
  else if (outcome === 'SELF_TRADE') core.close(o, 'SELF_TRADE');
  else if (outcome === 'REDUCE_ONLY') core.close(o, 'REDUCE_ONLY_WOULD_INCREASE');
  else if (marketType || o.tif === 'IOC' || o.tif === 'FOK') core.close(o, 'IOC_NOT_FILLED');
  else {
    core.rest(o);
    core.emitOrder(o);
  }
}
