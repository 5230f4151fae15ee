/**
 * Options of the engine and of its account/history calls.
 */
import type { Clock } from '../../core/clock.js';
import type { DecimalString } from '../../core/types.js';
import type { EngineEvent } from './types.js';

export interface MarketMakerOptions {
  /** Default true. */
  readonly enabled?: boolean;
  /** Account id of the market maker (default "market-maker"); exempt from risk checks. */
  readonly account?: string;
  /** Emit the market maker's own order/fill/position events (default false: they are noise). */
  readonly privateEvents?: boolean;
}

export interface PriceProcessOptions {
  /** Default true. */
  readonly enabled?: boolean;
  /** Engine time between two random-walk steps (default 1000 ms). */
  readonly intervalMs?: number;
  /** Multiplies every market's per-step volatility (default 1). */
  readonly volatilityScale?: number;
}

export interface FeeRates {
  /** e.g. "0.0002"; negative = rebate. */
  readonly maker: DecimalString;
  readonly taker: DecimalString;
}

export interface EngineOptions {
  /** Default systemClock. Engine time = clock.now() (scaled by speed) + everything advance()d. */
  readonly clock?: Clock;
  /** PRNG seed (default 1). Same seed + same inputs = the same event log. */
  readonly seed?: number | string;
  /** Engine ms per clock ms (default 1); a speed of 60 runs an hour of market per real minute. */
  readonly speed?: number;
  /** Run the risk check and matching inside submit() (default false: call processPending()). */
  readonly synchronous?: boolean;
  /** Market definitions (Paradex GET /markets shape + `simulator`); default: data/markets.json. */
  readonly markets?: readonly Readonly<Record<string, unknown>>[];
  readonly marketMaker?: MarketMakerOptions;
  readonly priceProcess?: PriceProcessOptions;
  /** Default fee rates for every account (default 0 / 0, as Paradex charges by default). */
  readonly fees?: FeeRates;
  /** Decimals of fees and funding payments (default 8); they are rounded half-even to this. */
  readonly settlementDecimals?: number;
  /** Override every market's funding period (ms); default funding_period_hours. */
  readonly fundingIntervalMs?: number;
  /** Closed orders / fills kept per account for history queries (default 10000). */
  readonly historyLimit?: number;
  /** Called when an event handler throws (default: rethrown on a microtask). */
  readonly onHandlerError?: (error: unknown, event: EngineEvent) => void;
}

export interface CreateAccountOptions {
  /** Collateral asset name (default "USDC"; "USDT" for Aster accounts). Accounting is identical. */
  readonly asset?: string;
  /** Initial deposit (default "0"). */
  readonly collateral?: DecimalString;
  /** Per-account fee rates, overriding the engine default. */
  readonly fees?: FeeRates;
}

export interface HistoryFilter {
  readonly market?: string;
  /** Inclusive, engine ms. */
  readonly since?: number;
  /** Inclusive, engine ms. */
  readonly until?: number;
  /** Newest items kept when more match (default all). */
  readonly limit?: number;
}
