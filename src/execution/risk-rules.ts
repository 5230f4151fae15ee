/**
 * Pure risk arithmetic: position size from equity, the UTC trading day, the daily-loss latch, and
 * account leverage. Exact decimals throughout; sizes always round down (never more than allowed).
 */
import { abs, div, gt, gte, isZero, mul, quantize, sub, sum } from '../core/decimal.js';
import type { DecimalString } from '../core/types.js';

const WORK_DECIMALS = 18;

/** "YYYY-MM-DD" of a UTC timestamp. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of the next UTC day after `ms`. */
export function nextUtcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

export interface SizingInput {
  readonly equity: DecimalString;
  /** Percent of equity used as margin, e.g. "25". */
  readonly positionSizePercent: DecimalString;
  readonly leverage: DecimalString;
  readonly price: DecimalString;
  readonly stepSize: DecimalString;
}

/** equity x percent/100 x leverage / price, rounded down to the step. */
export function positionSize(input: SizingInput): DecimalString {
  if (!gt(input.price, '0')) throw new RangeError(`price must be greater than 0 (got "${input.price}")`);
  if (!gt(input.equity, '0')) return '0';
  const notional = div(mul(mul(input.equity, input.positionSizePercent), input.leverage), '100', WORK_DECIMALS, 'down');
  const raw = div(notional, input.price, WORK_DECIMALS, 'down');
  return quantize(raw, input.stepSize, 'down');
}

export interface DailyLossState {
  /** UTC day the figures belong to. */
  readonly day: string;
  /** Equity at the first observation of the day. */
  readonly startEquity: DecimalString;
  /** Lowest equity seen today. */
  readonly lowestEquity: DecimalString;
  /** Once true it stays true until the day changes. */
  readonly tripped: boolean;
  readonly trippedAt?: number;
}

/**
 * Fold one equity observation into the day's state. A new UTC day starts fresh from this equity.
 * The latch trips when equity has fallen by `limitPercent` of the day's starting equity.
 */
export function observeDailyLoss(
  previous: DailyLossState | undefined,
  equity: DecimalString,
  at: number,
  limitPercent: DecimalString,
): DailyLossState {
  const day = utcDay(at);
  const base: DailyLossState =
    previous === undefined || previous.day !== day ? { day, startEquity: equity, lowestEquity: equity, tripped: false } : previous;
  const lowestEquity = gt(base.lowestEquity, equity) ? equity : base.lowestEquity;
  if (base.tripped || isZero(limitPercent) || !gt(base.startEquity, '0')) return { ...base, lowestEquity };
  const loss = sub(base.startEquity, equity);
  const limit = div(mul(base.startEquity, limitPercent), '100', WORK_DECIMALS, 'half_even');
  return gte(loss, limit) ? { ...base, lowestEquity, tripped: true, trippedAt: at } : { ...base, lowestEquity };
}

/** The latch as of `now`: a state from an earlier day no longer binds. */
export function dailyLossActive(state: DailyLossState | undefined, now: number): boolean {
  return state !== undefined && state.tripped && state.day === utcDay(now);
}

/** Total notional / equity (18 decimals); "0" when nothing is open. */
export function accountLeverage(notionals: readonly DecimalString[], equity: DecimalString): DecimalString {
  const total = sum(notionals.map((n) => abs(n)));
  if (isZero(total)) return '0';
  if (!gt(equity, '0')) return total;
  return div(total, equity, WORK_DECIMALS, 'up');
}
