/**
 * What the stream may have missed while disconnected, read over REST before the stream is called
 * ready again (architecture §6: reconcile before trusting the stream). Only the private topics the
 * consumer subscribed to are fetched.
 */
import type { AccountSummary, Fill, HistoryQuery, Order, Position } from '../../../core/types.js';
import type { CatchUpView } from './private-state.js';

/** The REST reads a catch-up uses (ParadexClient provides them). */
export interface CatchUpApi {
  getOpenOrders(market?: string): Promise<readonly Order[]>;
  getOrderHistory(query?: HistoryQuery): Promise<readonly Order[]>;
  getFills(query?: HistoryQuery): Promise<readonly Fill[]>;
  getPositions(): Promise<readonly Position[]>;
  getAccount(): Promise<AccountSummary>;
}

export interface CatchUpRequest {
  /** Markets of the order subscriptions ('ALL' for every market); empty = orders not subscribed. */
  readonly orderMarkets: readonly string[];
  readonly fillMarkets: readonly string[];
  readonly positions: boolean;
  readonly account: boolean;
  /** Fetch fills from here (venue ms): the newest fill seen, or the stream start. */
  readonly fillsSince: number | undefined;
  /** Fetch closed orders from here (venue ms): when the connection dropped. */
  readonly ordersSince: number | undefined;
  /** Orders last seen open: their final state is looked up when they are no longer open. */
  readonly trackedOpenOrders: readonly Order[];
}

/** Clock skew and in-flight slack: the REST windows start this much earlier (dedupe absorbs the overlap). */
export const CATCH_UP_MARGIN_MS = 5_000;

const wanted = (markets: readonly string[], market: string): boolean => markets.includes('ALL') || markets.includes(market);

export async function fetchCatchUp(api: CatchUpApi, request: CatchUpRequest): Promise<CatchUpView> {
  const [orders, fills, positions, account] = await Promise.all([
    request.orderMarkets.length > 0 ? fetchOrders(api, request) : undefined,
    request.fillMarkets.length > 0 ? fetchFills(api, request) : undefined,
    request.positions ? api.getPositions() : undefined,
    request.account ? api.getAccount() : undefined,
  ]);
  return {
    ...(orders === undefined ? {} : { orders }),
    ...(fills === undefined ? {} : { fills }),
    ...(positions === undefined ? {} : { positions }),
    ...(account === undefined ? {} : { account }),
  };
}

async function fetchOrders(api: CatchUpApi, request: CatchUpRequest): Promise<Order[]> {
  const open = (await api.getOpenOrders()).filter((o) => wanted(request.orderMarkets, o.market));
  const openIds = new Set(open.map((o) => o.id));
  const vanished = request.trackedOpenOrders.filter((o) => !openIds.has(o.id));
  if (vanished.length === 0) return open;
  // Orders we saw open and the venue no longer lists as open closed while we were away.
  const since = request.ordersSince === undefined ? undefined : Math.max(0, request.ordersSince - CATCH_UP_MARGIN_MS);
  const history = await api.getOrderHistory(since === undefined ? {} : { since });
  const byId = new Map(history.map((o) => [o.id, o]));
  const closed = vanished.flatMap((o) => {
    const final = byId.get(o.id);
    return final === undefined ? [] : [final];
  });
  return [...open, ...closed];
}

async function fetchFills(api: CatchUpApi, request: CatchUpRequest): Promise<Fill[]> {
  const since = request.fillsSince === undefined ? undefined : Math.max(0, request.fillsSince - CATCH_UP_MARGIN_MS);
  const fills = await api.getFills(since === undefined ? {} : { since });
  return fills.filter((f) => wanted(request.fillMarkets, f.market));
}
