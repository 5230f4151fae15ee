/**
 * Reconciliation as a pure function: local state + what the venue reports -> corrective events.
 * The venue always wins; the caller applies the corrections. Run at start and after every
 * `reconnected` event, before the executor reports ready.
 *
 * Orders: each live local order is matched with the venue's open order (by client id, then venue
 * id) or with a one-by-one lookup the caller made for orders missing from the open list. Orders of
 * ours (client-id prefix) open on the venue but not live locally are adopted or cancelled by
 * policy; orders without our prefix are someone else's and are left alone.
 * Fills: those we have not seen are reported (they update order progress; the positions come
 * from the venue's snapshot, which already contains them).
 * Positions and balances: where the venue's figures differ from ours, the venue's replace ours.
 */
import { compare } from '../core/decimal.js';
import type { Balance, Fill, Order, Position } from '../core/types.js';
import { isWorkingStatus } from './order-state.js';
import { flatPosition, fromVenuePosition, samePosition, type PositionState } from './position-math.js';
import type { TrackedOrder } from './types.js';

export type StrayOrderPolicy = 'adopt' | 'cancel';

export interface LocalState {
  /** Live (non-terminal) tracked orders. */
  readonly orders: readonly TrackedOrder[];
  readonly positions: readonly PositionState[];
  readonly balances: readonly Balance[];
  readonly hasSeenFill: (fillId: string) => boolean;
}

export interface VenueState {
  readonly openOrders: readonly Order[];
  /**
   * Live local orders missing from openOrders, looked up by client id: the order, or null when the
   * venue does not know it. Orders absent from the map were not looked up (in flight, or the lookup
   * failed) and are left as they are.
   */
  readonly lookedUp: ReadonlyMap<string, Order | null>;
  readonly fills: readonly Fill[];
  readonly positions: readonly Position[];
  readonly balances: readonly Balance[];
}

export interface ReconcilePolicy {
  readonly ownsClientOrderId: (clientOrderId: string) => boolean;
  readonly strayOrders: StrayOrderPolicy;
}

export type Correction =
  | { readonly type: 'order_state'; readonly clientOrderId: string; readonly order: Order }
  | { readonly type: 'order_not_found'; readonly clientOrderId: string }
  | { readonly type: 'retry_cancel'; readonly clientOrderId: string }
  | { readonly type: 'adopt_order'; readonly order: Order }
  | { readonly type: 'cancel_stray_order'; readonly order: Order }
  | { readonly type: 'missed_fill'; readonly fill: Fill }
  | { readonly type: 'position'; readonly position: Position }
  | { readonly type: 'position_flat'; readonly market: string }
  | { readonly type: 'balance'; readonly balance: Balance };

export function reconcile(local: LocalState, venue: VenueState, policy: ReconcilePolicy): Correction[] {
  return [
    ...reconcileOrders(local, venue, policy),
    ...reconcileFills(local, venue),
    ...reconcilePositions(local, venue),
    ...reconcileBalances(local, venue),
  ];
}

function reconcileOrders(local: LocalState, venue: VenueState, policy: ReconcilePolicy): Correction[] {
  const out: Correction[] = [];
  const byClient = new Map<string, Order>();
  const byId = new Map<string, Order>();
  for (const o of venue.openOrders) {
    if (o.clientOrderId !== undefined) byClient.set(o.clientOrderId, o);
    byId.set(o.id, o);
  }
  const matched = new Set<string>();
  for (const mine of local.orders) {
    const open = byClient.get(mine.clientOrderId) ?? (mine.venueOrderId === undefined ? undefined : byId.get(mine.venueOrderId));
    const seen = open ?? venue.lookedUp.get(mine.clientOrderId);
    if (open !== undefined) matched.add(open.id);
    if (seen === undefined) continue;
    if (seen === null) {
      out.push({ type: 'order_not_found', clientOrderId: mine.clientOrderId });
      continue;
    }
    if (mine.status === 'pending_cancel' && isWorkingStatus(seen.status)) {
      if (fillsDiffer(mine, seen)) out.push({ type: 'order_state', clientOrderId: mine.clientOrderId, order: seen });
      out.push({ type: 'retry_cancel', clientOrderId: mine.clientOrderId });
      continue;
    }
    if (orderDiffers(mine, seen)) out.push({ type: 'order_state', clientOrderId: mine.clientOrderId, order: seen });
  }
  for (const o of venue.openOrders) {
    if (matched.has(o.id) || o.clientOrderId === undefined || !policy.ownsClientOrderId(o.clientOrderId)) continue;
    out.push(policy.strayOrders === 'adopt' ? { type: 'adopt_order', order: o } : { type: 'cancel_stray_order', order: o });
  }
  return out;
}

function fillsDiffer(mine: TrackedOrder, venue: Order): boolean {
  return compare(mine.filledSize, venue.filledSize) !== 0;
}

function orderDiffers(mine: TrackedOrder, venue: Order): boolean {
  return (
    mine.status !== venue.status ||
    mine.venueOrderId !== venue.id ||
    fillsDiffer(mine, venue) ||
    (venue.triggerPrice !== undefined && mine.triggerPrice !== venue.triggerPrice) ||
    (venue.price !== undefined && mine.price !== venue.price)
  );
}

function reconcileFills(local: LocalState, venue: VenueState): Correction[] {
  return [...venue.fills]
    .filter((f) => !local.hasSeenFill(f.id))
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((fill) => ({ type: 'missed_fill', fill }) as const);
}

function reconcilePositions(local: LocalState, venue: VenueState): Correction[] {
  const out: Correction[] = [];
  const localByMarket = new Map(local.positions.map((p) => [p.market, p]));
  const venueMarkets = new Set<string>();
  for (const p of venue.positions) {
    venueMarkets.add(p.market);
    const mine = localByMarket.get(p.market) ?? flatPosition(p.market);
    if (!samePosition(mine, fromVenuePosition(p))) out.push({ type: 'position', position: p });
  }
  for (const mine of local.positions) {
    if (!venueMarkets.has(mine.market) && compare(mine.signedSize, '0') !== 0) out.push({ type: 'position_flat', market: mine.market });
  }
  return out;
}

function reconcileBalances(local: LocalState, venue: VenueState): Correction[] {
  const localByAsset = new Map(local.balances.map((b) => [b.asset, b]));
  return venue.balances
    .filter((b) => {
      const mine = localByAsset.get(b.asset);
      return mine === undefined || compare(mine.total, b.total) !== 0 || mine.available !== b.available;
    })
    .map((balance) => ({ type: 'balance', balance }) as const);
}
