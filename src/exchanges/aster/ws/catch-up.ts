/**
 * After the user stream reconnects, ask REST what the stream may have carried while it was down
 * (architecture §6: "nothing lost"), and emit it through the same dedupe and ordering as the stream:
 *   1. fills since shortly before the last frame the old connection delivered, per symbol, in time
 *      order, each once (ids already seen are skipped);
 *   2. the state of every open order, and the final state of every order that was open before and
 *      is not any more;
 *   3. the position of every symbol with activity (flat ones too, so a close is not missed).
 */
import type { Fill, Order, Position } from '../../../core/types.js';
import type { UserEventState } from './user-state.js';

export interface CatchUpSources {
  /** Open orders of every symbol. */
  openOrders(): Promise<readonly Order[]>;
  /** One order by venue id (undefined when the venue no longer has it). */
  order(symbol: string, orderId: string): Promise<Order | undefined>;
  /** Fills of one symbol from `since` (ms) on. */
  fills(symbol: string, since: number): Promise<readonly Fill[]>;
  /** Every position row, flat ones included. */
  positions(): Promise<readonly Position[]>;
  /** Symbols the client traded or watches (orders placed, positions). */
  activeSymbols(): readonly string[];
}

export interface CatchUpOutput {
  readonly fill: (fill: Fill) => void;
  readonly order: (order: Order) => void;
  readonly position: (position: Position) => void;
}

export interface CatchUpResult {
  readonly fills: number;
  readonly orders: number;
  readonly positions: number;
}

export async function catchUp(sources: CatchUpSources, state: UserEventState, since: number, now: number, out: CatchUpOutput): Promise<CatchUpResult> {
  const previouslyOpen = state.openOrders();
  const open = await sources.openOrders();
  const symbols = new Set<string>([...sources.activeSymbols(), ...state.symbols(), ...open.map((o) => o.market), ...previouslyOpen.map((o) => o.market)]);

  const fills = (await Promise.all([...symbols].map((symbol) => sources.fills(symbol, since)))).flat();
  fills.sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let fillCount = 0;
  for (const fill of fills) {
    if (!state.acceptFill(fill)) continue;
    fillCount += 1;
    out.fill(fill);
  }

  let orderCount = 0;
  const openIds = new Set(open.map((o) => o.id));
  const closed = await Promise.all(previouslyOpen.filter((o) => !openIds.has(o.id)).map((o) => sources.order(o.market, o.id)));
  for (const order of [...open, ...closed]) {
    if (order === undefined || !state.acceptOrder(order, order.updatedAt)) continue;
    orderCount += 1;
    out.order(order);
  }

  let positionCount = 0;
  const watched = new Set([...symbols, ...state.nonFlatSymbols()]);
  for (const row of await sources.positions()) {
    if (row.side === 'flat' && !watched.has(row.market)) continue;
    // A REST snapshot is newer than anything the dead connection delivered.
    if (!state.acceptPosition(row, now)) continue;
    positionCount += 1;
    out.position(row);
  }
  return { fills: fillCount, orders: orderCount, positions: positionCount };
}
