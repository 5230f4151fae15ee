/**
 * RiskManager: sizes entries and refuses what the rules forbid, each refusal a RiskRejectedError
 * naming the rule:
 *   daily_loss_limit     equity fell DAILY_LOSS_LIMIT_PERCENT below the day's start: reduce-only
 *                        until the next UTC day (the latch is journaled, so a restart keeps it)
 *   max_positions        MAX_POSITIONS open (or being opened) already
 *   position_already_open  an open position or working entry in this market
 *   max_leverage         LEVERAGE above the allowed maximum, or account notional / equity would be
 *   stale_market_data    no market data for the market within `staleAfterMs`
 *   no_equity / size_below_minimum  nothing to size, or the size rounds below the market minimum
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { gt, isZero, lt, mul, quantize } from '../core/decimal.js';
import { RiskRejectedError } from '../core/errors.js';
import type { DecimalString, ExchangeId, Market, OrderRequest, Side } from '../core/types.js';
import type { ExecutionJournal } from './journal.js';
import { isRiskIncreasing } from './order-executor.js';
import { accountLeverage, dailyLossActive, nextUtcMidnight, observeDailyLoss, positionSize, type DailyLossState } from './risk-rules.js';
import type { ExecutionEventHandler, OrderRole, TradingParameters } from './types.js';

export interface RiskManagerOptions {
  readonly settings: TradingParameters;
  readonly clock?: Clock;
  /** Where the daily-loss state survives restarts. */
  readonly journal?: ExecutionJournal;
  readonly exchange?: ExchangeId;
  /** Highest account leverage (total notional / equity) allowed; default settings.leverage. */
  readonly maxLeverage?: DecimalString;
  /** Daily loss, in percent of the day's starting equity, that switches to reduce-only (default "5"; "0" = off). */
  readonly dailyLossLimitPercent?: DecimalString;
  /** Market data older than this refuses new positions (default 5000 ms). */
  readonly staleAfterMs?: number;
  readonly onEvent?: ExecutionEventHandler;
}

export interface EntryContext {
  readonly market: Market;
  readonly side: Side;
  /** The price the entry is sized at (mark, mid or limit price). */
  readonly price: DecimalString;
  readonly equity: DecimalString;
  /** Markets with an open position or a working entry order. */
  readonly busyMarkets: ReadonlySet<string>;
  /** Notionals of open positions and working entries (signed or not). */
  readonly exposure: readonly DecimalString[];
}

const DAILY_KEY = 'risk.daily_loss';

export class RiskManager {
  readonly settings: TradingParameters;
  readonly #clock: Clock;
  readonly #journal: ExecutionJournal | undefined;
  readonly #exchange: ExchangeId | undefined;
  readonly #maxLeverage: DecimalString;
  readonly #limitPercent: DecimalString;
  readonly #staleAfterMs: number;
  readonly #emit: ExecutionEventHandler;
  readonly #marketDataAt = new Map<string, number>();
  #daily: DailyLossState | undefined;
  #equity: { value: DecimalString; at: number } | undefined;

  constructor(options: RiskManagerOptions) {
    this.settings = options.settings;
    this.#clock = options.clock ?? systemClock;
    this.#journal = options.journal;
    this.#exchange = options.exchange;
    this.#maxLeverage = options.maxLeverage ?? options.settings.leverage;
    this.#limitPercent = options.dailyLossLimitPercent ?? '5';
    this.#staleAfterMs = options.staleAfterMs ?? 5_000;
    this.#emit = options.onEvent ?? (() => undefined);
    this.#daily = this.#journal?.getState<DailyLossState>(DAILY_KEY);
  }

  // ---- observations ----------------------------------------------------------------------

  observeEquity(equity: DecimalString, at: number = this.#clock.now()): void {
    this.#equity = { value: equity, at };
    const wasActive = dailyLossActive(this.#daily, at);
    const next = observeDailyLoss(this.#daily, equity, at, this.#limitPercent);
    const changed = next !== this.#daily && (this.#daily === undefined || next.day !== this.#daily.day || next.tripped !== this.#daily.tripped || next.lowestEquity !== this.#daily.lowestEquity);
    this.#daily = next;
    if (changed) this.#journal?.setState(DAILY_KEY, next);
    if (!wasActive && dailyLossActive(next, at)) {
      this.#emit({ type: 'risk_mode', reduceOnly: true, reason: `daily loss limit ${this.#limitPercent}% reached: equity ${equity} from ${next.startEquity}` });
    }
  }

  observeMarketData(market: string, at: number): void {
    const last = this.#marketDataAt.get(market);
    if (last === undefined || at > last) this.#marketDataAt.set(market, at);
  }

  get equity(): { readonly value: DecimalString; readonly at: number } | undefined {
    return this.#equity;
  }

  /** True while the daily loss limit holds the account to reduce-only orders. */
  get reduceOnly(): boolean {
    return dailyLossActive(this.#daily, this.#clock.now());
  }

  get dailyLoss(): DailyLossState | undefined {
    return this.#daily;
  }

  // ---- checks ----------------------------------------------------------------------------

  /** Every order passes here (the executor's pre-trade check). */
  assertOrderAllowed(request: OrderRequest, _role: OrderRole): void {
    if (this.reduceOnly && isRiskIncreasing(request)) {
      const until = new Date(nextUtcMidnight(this.#clock.now())).toISOString();
      this.#reject(`daily loss limit reached: only reduce-only orders until ${until}`, 'daily_loss_limit');
    }
  }

  /** The size of a new position, or a refusal. */
  planEntry(ctx: EntryContext): DecimalString {
    const now = this.#clock.now();
    if (this.reduceOnly) this.#reject('daily loss limit reached: no new positions today (UTC)', 'daily_loss_limit');
    if (ctx.busyMarkets.has(ctx.market.symbol)) this.#reject(`${ctx.market.symbol} already has a position or a working entry`, 'position_already_open');
    if (ctx.busyMarkets.size >= this.settings.maxPositions) {
      this.#reject(`${ctx.busyMarkets.size} positions open or opening; MAX_POSITIONS is ${this.settings.maxPositions}`, 'max_positions');
    }
    if (gt(this.settings.leverage, this.#maxLeverage)) {
      this.#reject(`LEVERAGE ${this.settings.leverage} is above the allowed maximum ${this.#maxLeverage}`, 'max_leverage');
    }
    const seen = this.#marketDataAt.get(ctx.market.symbol);
    if (seen === undefined || now - seen > this.#staleAfterMs) {
      const age = seen === undefined ? 'none seen' : `${now - seen} ms old`;
      this.#reject(`market data for ${ctx.market.symbol} is stale (${age}; limit ${this.#staleAfterMs} ms)`, 'stale_market_data');
    }
    if (!gt(ctx.equity, '0')) this.#reject(`equity is ${ctx.equity}: nothing to size a position from`, 'no_equity');
    const size = positionSize({
      equity: ctx.equity,
      positionSizePercent: this.settings.positionSizePercent,
      leverage: this.settings.leverage,
      price: ctx.price,
      stepSize: ctx.market.stepSize,
    });
    const minSize = ctx.market.minSize ?? ctx.market.stepSize;
    if (isZero(size) || lt(size, minSize)) this.#reject(`size ${size} is below the market minimum ${minSize}`, 'size_below_minimum');
    if (lt(mul(size, ctx.price), ctx.market.minNotional)) {
      this.#reject(`notional ${mul(size, ctx.price)} is below the market minimum ${ctx.market.minNotional}`, 'size_below_minimum');
    }
    const leverage = accountLeverage([...ctx.exposure, mul(size, ctx.price)], ctx.equity);
    if (gt(leverage, this.#maxLeverage)) {
      this.#reject(`account leverage would be ${quantize(leverage, '0.0001', 'up')}x, above ${this.#maxLeverage}x`, 'max_leverage');
    }
    return size;
  }

  #reject(message: string, rule: string): never {
    throw new RiskRejectedError(message, rule, { exchange: this.#exchange });
  }
}
