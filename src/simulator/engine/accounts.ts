/**
 * Account state: collateral, per-market positions with exact entry cost, the open-order sums the
 * margin check needs, and bounded histories.
 *
 * Position accounting (exact, bigint): a position is a signed size and a signed entry cost
 * (sum of size x price of the fills that opened it), so the average entry is cost / size with no
 * rounding stored anywhere. Reducing a position releases cost in proportion to the size closed
 * (rounded half-even at 16 dp; closing the whole position always releases exactly its cost), and
 * realized PnL = exit value - released cost.
 */
import { divRound, absBig, minBig } from './fixed.js';
import type { Stream } from './events.js';
import type { OrderRecord, SideSign } from './order-record.js';
import type { FeeRatesScaled } from './state.js';

export interface PositionState {
  /** Signed size, 8 dp. */
  size: bigint;
  /** Signed entry cost, 16 dp. */
  cost: bigint;
  realizedPnl: bigint;
  fundingPnl: bigint;
  lastFillId: string | undefined;
  updatedAt: number;
  seqNo: number;
}

export class AccountMarket {
  readonly position: PositionState = {
    size: 0n,
    cost: 0n,
    realizedPnl: 0n,
    fundingPnl: 0n,
    lastFillId: undefined,
    updatedAt: 0,
    seqNo: 0,
  };
  /** Remaining size of resting (OPEN, in-book) buy / sell orders: what the margin check reserves. */
  openBuy = 0n;
  openSell = 0n;
  /** Every open order (NEW, UNTRIGGERED, OPEN) in this market, in creation order. */
  readonly openOrders = new Set<OrderRecord>();
  /** Integer leverage chosen by the account; undefined = the market maximum. */
  leverage: number | undefined;

  constructor(readonly market: string) {}
}

export interface FillRecord {
  readonly id: string;
  readonly tradeId: string;
  readonly account: string;
  readonly orderId: string;
  readonly clientId: string | undefined;
  readonly market: string;
  readonly side: SideSign;
  readonly price: bigint;
  readonly size: bigint;
  readonly liquidity: 'MAKER' | 'TAKER';
  readonly fee: bigint;
  readonly realized: bigint;
  readonly remainingAfter: bigint;
  readonly bookSeq: number;
  readonly createdAt: number;
  /** What this fill did to the position, so that a bust can subtract it exactly. */
  readonly deltaSize: bigint;
  readonly deltaCost: bigint;
  busted: boolean;
}

export interface FundingPaymentRecord {
  readonly id: string;
  readonly account: string;
  readonly market: string;
  readonly payment: bigint;
  readonly rate: bigint;
  readonly positionSize: bigint;
  readonly mark: bigint;
  readonly fundingIndex: bigint;
  readonly createdAt: number;
}

export class AccountState {
  /** Collateral in money units (16 dp). */
  collateral = 0n;
  readonly markets = new Map<string, AccountMarket>();
  /** Open orders by client id (unique among open orders). */
  readonly clientIds = new Map<string, OrderRecord>();
  /** Closed orders, oldest first (bounded). */
  readonly closedOrders: OrderRecord[] = [];
  readonly fills: FillRecord[] = [];
  readonly fundingPayments: FundingPaymentRecord[] = [];
  summarySeq = 0;
  updatedAt = 0;
  /** Listed in the engine's touched accounts of the operation in progress. */
  touched = false;

  constructor(
    readonly id: string,
    readonly asset: string,
    /** Per-account fee rates; undefined = the engine default. */
    public fees: FeeRatesScaled | undefined,
    /** The market maker: no risk checks, private events only when asked. */
    readonly internal: boolean,
    readonly stream: Stream,
  ) {}

  market(id: string): AccountMarket {
    let am = this.markets.get(id);
    if (am === undefined) {
      am = new AccountMarket(id);
      this.markets.set(id, am);
    }
    return am;
  }
}

export interface PositionChange {
  readonly realized: bigint;
  readonly deltaSize: bigint;
  readonly deltaCost: bigint;
}

/** Apply a fill of signed size `qty` at `price` to the position. */
export function applyFillToPosition(pos: PositionState, qty: bigint, price: bigint): PositionChange {
  const sizeBefore = pos.size;
  const costBefore = pos.cost;
  let realized = 0n;
  if (sizeBefore === 0n || sizeBefore > 0n === qty > 0n) {
    pos.size = sizeBefore + qty;
    pos.cost = costBefore + qty * price;
  } else {
    const held = absBig(sizeBefore);
    const closing = minBig(absBig(qty), held);
    const released = closing === held ? costBefore : divRound(costBefore * closing, held, 'half_even');
    const direction = sizeBefore > 0n ? 1n : -1n;
    realized = direction * closing * price - released;
    pos.size = sizeBefore - direction * closing;
    pos.cost = costBefore - released;
    const rest = qty + direction * closing;
    if (rest !== 0n) {
      // The fill went through zero: the remainder opens a new position at the fill price.
      pos.size = rest;
      pos.cost = rest * price;
    }
  }
  pos.realizedPnl += realized;
  return { realized, deltaSize: pos.size - sizeBefore, deltaCost: pos.cost - costBefore };
}

/**
 * Undo a fill by subtracting what it did. Exact for the last fill of a position; when later
 * fills followed, equity is exact but the split between realized and unrealized PnL may differ
 * from a replay without the busted fill. Returns the realized PnL moved back (negative of the
 * fill's own, plus any cost left on a now-flat position, which is realized so no phantom PnL stays).
 */
export function reverseFillOnPosition(pos: PositionState, fill: FillRecord): bigint {
  pos.size -= fill.deltaSize;
  pos.cost -= fill.deltaCost;
  let realized = -fill.realized;
  if (pos.size === 0n && pos.cost !== 0n) {
    realized -= pos.cost;
    pos.cost = 0n;
  }
  pos.realizedPnl += realized;
  return realized;
}

/** How much an order of this side can still reduce the position (0 when it would increase it). */
export function reducibleSize(pos: PositionState, side: SideSign): bigint {
  if (side === 1) return pos.size < 0n ? -pos.size : 0n;
  return pos.size > 0n ? pos.size : 0n;
}

/** Keep a bounded history: drop the oldest half-overflow at once so trimming stays O(1) amortised. */
export function pushBounded<T>(list: T[], item: T, limit: number, onDrop?: (dropped: T) => void): void {
  list.push(item);
  if (list.length > limit + Math.max(16, limit >> 2)) {
    const drop = list.length - limit;
    if (onDrop !== undefined) for (let i = 0; i < drop; i++) onDrop(list[i] as T);
    list.splice(0, drop);
  }
}
