/**
 * Pure rules of the protective orders: ROE targets -> trigger prices on the tick grid, and the
 * locally run trailing stop with the wider hard stop it keeps on the venue.
 *
 * ROE is in percent of the margin at `leverage`: a move of ROE / (100 x leverage) of the entry
 * price. Long: trigger = entry x (1 + f); short: entry x (1 - f). Triggers are quantized toward the
 * entry (the safe direction: a stop never loses more than configured, a target is reached no later
 * than configured) but never onto the entry itself.
 */
import { add, compare, div, gt, lt, mul, quantize, sub } from '../core/decimal.js';
import type { DecimalString, PositionSide, Side } from '../core/types.js';

const FRACTION_DECIMALS = 18;

export type ProtectiveKind = 'stop_loss' | 'take_profit';

/** The side of an order that closes a position of this side. */
export function closingSide(side: Exclude<PositionSide, 'flat'>): Side {
  return side === 'long' ? 'sell' : 'buy';
}

/** Price distance of `roePercent` at `leverage` from `entry` (signed like roePercent). */
export function roeDistance(entry: DecimalString, roePercent: DecimalString, leverage: DecimalString): DecimalString {
  return div(mul(entry, roePercent), mul('100', leverage), FRACTION_DECIMALS, 'half_even');
}

/** The price at which a position of `side` entered at `entry` shows `roePercent`, on the tick grid. */
export function roeTriggerPrice(
  side: Exclude<PositionSide, 'flat'>,
  entry: DecimalString,
  roePercent: DecimalString,
  leverage: DecimalString,
  tickSize: DecimalString,
): DecimalString {
  const distance = roeDistance(entry, roePercent, leverage);
  const raw = side === 'long' ? add(entry, distance) : sub(entry, distance);
  return towardReference(raw, entry, tickSize);
}

/**
 * Quantize `price` to the tick grid toward `reference`, keeping it at least one tick away from the
 * reference's own grid point when it started on the other side of it.
 */
export function towardReference(price: DecimalString, reference: DecimalString, tickSize: DecimalString): DecimalString {
  const c = compare(price, reference);
  if (c === 0) return quantize(price, tickSize, 'half_even');
  if (c > 0) {
    const q = quantize(price, tickSize, 'floor');
    const floorRef = quantize(reference, tickSize, 'floor');
    return gt(q, floorRef) ? q : add(floorRef, tickSize);
  }
  const q = quantize(price, tickSize, 'ceil');
  const ceilRef = quantize(reference, tickSize, 'ceil');
  return lt(q, ceilRef) ? q : sub(ceilRef, tickSize);
}

export interface ProtectiveTargets {
  readonly stopLoss: DecimalString;
  readonly takeProfit: DecimalString;
}

export function protectiveTargets(
  side: Exclude<PositionSide, 'flat'>,
  entry: DecimalString,
  settings: { readonly stopLossRoe: DecimalString; readonly takeProfitRoe: DecimalString; readonly leverage: DecimalString },
  tickSize: DecimalString,
): ProtectiveTargets {
  return {
    stopLoss: roeTriggerPrice(side, entry, settings.stopLossRoe, settings.leverage, tickSize),
    takeProfit: roeTriggerPrice(side, entry, settings.takeProfitRoe, settings.leverage, tickSize),
  };
}

// ---- trailing stop -------------------------------------------------------------------------

export interface TrailingSettings {
  /** ROE (percent) at which the trail starts following the price, e.g. "1". */
  readonly activationRoe: DecimalString;
  /** How far behind the best price the trail sits, as ROE percent, e.g. "0.5". */
  readonly callbackRoe: DecimalString;
  /** How much wider than the trail the venue's hard stop stays, as ROE percent (default "0.5"). */
  readonly hardStopBufferRoe?: DecimalString;
}

export interface TrailingState {
  readonly side: Exclude<PositionSide, 'flat'>;
  readonly entry: DecimalString;
  readonly active: boolean;
  /** Best price seen since activation (highest for a long, lowest for a short). */
  readonly best: DecimalString;
  /** The local stop level; defined once active. */
  readonly level?: DecimalString;
}

export interface TrailingStep {
  readonly state: TrailingState;
  /** The mark crossed the active trail: exit now. */
  readonly triggered: boolean;
}

/** Advance the trail with a new mark price. */
export function stepTrailing(
  previous: TrailingState,
  mark: DecimalString,
  settings: TrailingSettings,
  leverage: DecimalString,
): TrailingStep {
  const long = previous.side === 'long';
  const activation = long ? add(previous.entry, roeDistance(previous.entry, settings.activationRoe, leverage)) : sub(previous.entry, roeDistance(previous.entry, settings.activationRoe, leverage));
  const reached = long ? compare(mark, activation) >= 0 : compare(mark, activation) <= 0;
  const active = previous.active || reached;
  if (!active) return { state: previous, triggered: false };
  const better = previous.active ? (long ? gt(mark, previous.best) : lt(mark, previous.best)) : true;
  const best = better ? mark : previous.best;
  const callback = roeDistance(previous.entry, settings.callbackRoe, leverage);
  const level = long ? sub(best, callback) : add(best, callback);
  const triggered = long ? compare(mark, level) <= 0 : compare(mark, level) >= 0;
  return { state: { ...previous, active: true, best, level }, triggered };
}

/**
 * The venue stop while a trail runs: the trail level moved `hardStopBufferRoe` further away, never
 * looser than the initial stop, on the tick grid (toward the trail).
 */
export function hardStopFor(
  trail: TrailingState,
  initialStop: DecimalString,
  settings: TrailingSettings,
  leverage: DecimalString,
  tickSize: DecimalString,
): DecimalString {
  if (!trail.active || trail.level === undefined) return initialStop;
  const buffer = roeDistance(trail.entry, settings.hardStopBufferRoe ?? '0.5', leverage);
  if (trail.side === 'long') {
    const hard = quantize(sub(trail.level, buffer), tickSize, 'ceil');
    return gt(hard, initialStop) ? hard : initialStop;
  }
  const hard = quantize(add(trail.level, buffer), tickSize, 'floor');
  return lt(hard, initialStop) ? hard : initialStop;
}
