/**
 * The market maker: one internal account quoting `levels` price levels on each side around the
 * mark (rounded to the tick), so the simulated market has liquidity that follows the price.
 *
 * Level i (0-based) sits (ceil(spread_ticks / 2) + i x level_spacing_ticks) ticks from the mark
 * with size level_size x (i + 1). On every requote, quotes that are no longer wanted, or have
 * lost more than half their size to fills, are cancelled first; missing ones are then placed as
 * plain GTC limit orders. A new quote that crosses a user's resting order trades with it: that is
 * how users' limit orders fill as the price moves through them.
 */
import type { EngineCore } from './core.js';
import { divRound } from './fixed.js';
import { execute } from './order-flow.js';
import { newOrderRecord, type SideSign } from './order-record.js';
import type { MarketState } from './state.js';

interface Quote {
  /** +price for bids, -price for asks: one map key per quote without building strings. */
  readonly key: bigint;
  readonly side: SideSign;
  readonly price: bigint;
  readonly size: bigint;
}

export function requote(core: EngineCore, ms: MarketState): void {
  const account = core.accounts.get(core.settings.marketMakerAccount);
  if (account === undefined) return;
  const wanted = desiredQuotes(ms);
  const byKey = new Map(wanted.map((q) => [q.key, q]));
  for (const [key, o] of ms.mmQuotes) {
    const want = byKey.get(key);
    if (o.status === 'CLOSED') ms.mmQuotes.delete(key);
    else if (want === undefined || o.remaining * 2n < want.size) {
      core.close(o, 'USER_CANCELED');
      ms.mmQuotes.delete(key);
    }
  }
  for (const q of wanted) {
    if (ms.mmQuotes.has(q.key)) continue;
    const o = newOrderRecord(core.nextOrderSerial(), core.now, {
      account: account.id,
      market: ms.id,
      side: q.side,
      type: 'LIMIT',
      tif: 'GTC',
      size: q.size,
      price: q.price,
      triggerPrice: 0n,
      triggerDirection: undefined,
      trailing: undefined,
      reduceOnly: false,
      closePosition: false,
      stp: 'EXPIRE_MAKER',
      clientId: undefined,
      internal: true,
    });
    core.registerOpen(o);
    execute(core, ms, o);
    if (o.status !== 'CLOSED') ms.mmQuotes.set(q.key, o);
  }
}

function desiredQuotes(ms: MarketState): Quote[] {
  const { tick, marketMaker: mm } = ms.spec;
  const center = divRound(ms.mark, tick, 'half_even') * tick;
  const half = (mm.spreadTicks + 1n) / 2n;
  const quotes: Quote[] = [];
  for (let i = 0; i < mm.levels; i++) {
    const offset = (half + BigInt(i) * mm.levelSpacingTicks) * tick;
    const size = mm.levelSize * BigInt(i + 1);
    const bid = center - offset;
    if (bid > 0n) quotes.push({ key: bid, side: 1, price: bid, size });
    const ask = center + offset;
    quotes.push({ key: -ask, side: -1, price: ask, size });
  }
  return quotes;
}
