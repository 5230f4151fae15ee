/**
 * Pure position arithmetic on exact decimal strings.
 *
 * A position is a signed size and a signed entry cost (the sum of size x price of the fills that
 * opened it), so the average entry is cost / size and nothing is rounded while the position is
 * only added to. Reducing releases cost in proportion to the size closed (rounded half-even at
 * COST_DECIMALS; closing all of it releases exactly the cost), and realized PnL = exit value -
 * released cost. This is the same model as the simulator engine and Paradex' average-entry
 * accounting, so a position rebuilt from fills matches the venue's to the last digit in the usual
 * cases; the venue snapshot stays the truth either way.
 */
import { abs, add, div, isZero, mul, neg, sign, sub } from '../core/decimal.js';
import type { DecimalString, Fill, Position, PositionSide } from '../core/types.js';

export const COST_DECIMALS = 16;
const PRICE_DECIMALS = 8;

export interface PositionState {
  readonly market: string;
  /** Positive long, negative short. */
  readonly signedSize: DecimalString;
  /** Signed entry cost (same sign as the size). */
  readonly cost: DecimalString;
  /** Realized PnL (fees excluded), cumulative since the base snapshot's figure. */
  readonly realizedPnl: DecimalString;
  /** Fees paid since the base snapshot (positive = paid). */
  readonly fees: DecimalString;
  /** Venue time of the last change included. */
  readonly updatedAt: number;
}

export function flatPosition(market: string, updatedAt = 0, realizedPnl: DecimalString = '0'): PositionState {
  return { market, signedSize: '0', cost: '0', realizedPnl, fees: '0', updatedAt };
}

/** A venue snapshot as a PositionState (cost from its average entry price). */
export function fromVenuePosition(p: Position): PositionState {
  const flat = p.side === 'flat' || isZero(p.signedSize);
  return {
    market: p.market,
    signedSize: flat ? '0' : p.signedSize,
    cost: flat ? '0' : mul(p.signedSize, p.entryPrice),
    realizedPnl: p.realizedPnl,
    fees: '0',
    updatedAt: p.updatedAt,
  };
}

export function sideOf(signedSize: DecimalString): PositionSide {
  const s = sign(signedSize);
  return s > 0 ? 'long' : s < 0 ? 'short' : 'flat';
}

/** Apply one fill (buy adds, sell subtracts). */
export function applyFill(state: PositionState, fill: Fill): PositionState {
  const qty = fill.side === 'buy' ? fill.size : neg(fill.size);
  const fees = add(state.fees, fill.fee);
  const updatedAt = Math.max(state.updatedAt, fill.timestamp);
  const size = state.signedSize;
  if (isZero(size) || sign(size) === sign(qty)) {
    return { ...state, signedSize: add(size, qty), cost: add(state.cost, mul(qty, fill.price)), fees, updatedAt };
  }
  const held = abs(size);
  const closingAll = sign(sub(abs(qty), held)) >= 0;
  const closing = closingAll ? held : abs(qty);
  const released = closingAll ? state.cost : div(mul(state.cost, closing), held, COST_DECIMALS, 'half_even');
  const direction = sign(size) > 0 ? '1' : '-1';
  const realized = sub(mul(mul(direction, closing), fill.price), released);
  const rest = add(qty, mul(direction, closing));
  const realizedPnl = add(state.realizedPnl, realized);
  if (!isZero(rest)) {
    // The fill went through zero: the remainder opens a new position at the fill price.
    return { ...state, signedSize: rest, cost: mul(rest, fill.price), realizedPnl, fees, updatedAt };
  }
  return { ...state, signedSize: sub(size, mul(direction, closing)), cost: sub(state.cost, released), realizedPnl, fees, updatedAt };
}

/** Average entry price (cost / size), half-even at 8 decimals; "0" when flat. */
export function entryPrice(state: PositionState, decimals = PRICE_DECIMALS): DecimalString {
  if (isZero(state.signedSize)) return '0';
  return div(state.cost, state.signedSize, decimals, 'half_even');
}

/** Exact: size x mark - cost. */
export function unrealizedPnl(state: PositionState, mark: DecimalString): DecimalString {
  return sub(mul(state.signedSize, mark), state.cost);
}

/** Margin behind the position at `leverage`: |cost| / leverage. */
export function marginAt(state: PositionState, leverage: DecimalString): DecimalString {
  return div(abs(state.cost), leverage, COST_DECIMALS, 'half_even');
}

/** Return on equity in percent at `leverage`: unrealized / margin x 100 (4 decimals). */
export function roePercent(state: PositionState, mark: DecimalString, leverage: DecimalString): DecimalString {
  if (isZero(state.signedSize)) return '0';
  return div(mul(mul(unrealizedPnl(state, mark), leverage), '100'), abs(state.cost), 4, 'half_even');
}

/** Same size and the same average entry at 8 decimals (venues round the entry they report). */
export function samePosition(a: PositionState, b: PositionState): boolean {
  return sign(sub(a.signedSize, b.signedSize)) === 0 && sign(sub(entryPrice(a), entryPrice(b))) === 0;
}
