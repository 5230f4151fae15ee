/**
 * SimulatorEngine: the public facade. It owns time (catching the price process, funding and
 * triggers up with the clock before every call), validates inputs at the boundary and delegates
 * to the flows over EngineCore. See index.ts for the API description.
 */
import { systemClock } from '../../core/clock.js';
import { RequestError } from '../../core/errors.js';
import { AccountState } from './accounts.js';
import { amendOrder } from './amend.js';
import * as control from './control.js';
import { EngineCore } from './core.js';
import { EventBus, Stream } from './events.js';
import { parseRequestDecimal, RATE_DP } from './fixed.js';
import { settleFunding } from './funding.js';
import { requote } from './market-maker.js';
import { defaultMarketDefinitions, loadMarkets } from './markets.js';
import { buildOrder, requireAccount, resolveMarket } from './order-entry.js';
import { processPending } from './order-flow.js';
import type { OrderRecord } from './order-record.js';
import { movePrices } from './price-process.js';
import { Prng } from './prng.js';
import * as q from './queries.js';
import { Timeline } from './timeline.js';
import type {
  AmendOrderRequest,
  BookSnapshot,
  CancelReason,
  EngineAccountSummary,
  EngineBbo,
  EngineFill,
  EngineFundingPayment,
  EngineFundingRate,
  EngineMarketSummary,
  EngineOrder,
  EnginePosition,
  EngineTrade,
  EventHandler,
  MarketConfig,
  OrderLookup,
  SubmitOrderRequest,
} from './types.js';
import type { CreateAccountOptions, EngineOptions, FeeRates, HistoryFilter } from './options.js';
import { nonNegativeNumber, positiveInteger, positiveNumber, positivePrice } from './validate.js';
import * as views from './views.js';

const MARKET_MAKER_COLLATERAL = 10n ** 9n * 10n ** 16n;

function defaultHandlerError(error: unknown): void {
  // Surface the handler's bug without corrupting the operation that emitted the event.
  queueMicrotask(() => {
    throw error;
  });
}

export class SimulatorEngine {
  private readonly core: EngineCore;
  private readonly bus: EventBus;
  private readonly timeline: Timeline;
  private readonly synchronous: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: EngineOptions = {}) {
    this.timeline = new Timeline(
      {
        clock: options.clock ?? systemClock,
        speed: positiveNumber(options.speed ?? 1, 'speed'),
        priceEnabled: options.priceProcess?.enabled !== false,
        priceIntervalMs: positiveInteger(options.priceProcess?.intervalMs ?? 1000, 'priceProcess.intervalMs'),
        volatilityScale: nonNegativeNumber(options.priceProcess?.volatilityScale ?? 1, 'priceProcess.volatilityScale'),
      },
      new Prng(options.seed ?? 1),
    );
    this.synchronous = options.synchronous === true;
    const settlementDecimals = options.settlementDecimals ?? 8;
    if (!Number.isInteger(settlementDecimals) || settlementDecimals < 0 || settlementDecimals > 16) {
      throw new RangeError(`settlementDecimals must be an integer from 0 to 16 (got ${settlementDecimals})`);
    }
    const fundingIntervalMs =
      options.fundingIntervalMs === undefined ? undefined : positiveInteger(options.fundingIntervalMs, 'fundingIntervalMs');
    const specs = loadMarkets(options.markets ?? defaultMarketDefinitions());
    this.bus = new EventBus(options.onHandlerError ?? defaultHandlerError);
    this.core = new EngineCore(
      this.bus,
      {
        settlementDecimals,
        historyLimit: positiveInteger(options.historyLimit ?? 10_000, 'historyLimit'),
        defaultFees: control.parseFees(options.fees ?? { maker: '0', taker: '0' }),
        marketMakerAccount: options.marketMaker?.account ?? 'market-maker',
        marketMakerPrivateEvents: options.marketMaker?.privateEvents === true,
      },
      specs,
      this.timeline.start,
      fundingIntervalMs,
    );
    if (options.marketMaker?.enabled !== false) {
      const id = this.core.settings.marketMakerAccount;
      const mm = new AccountState(id, 'USDC', { maker: 0n, taker: 0n }, true, new Stream(`account:${id}`));
      mm.collateral = MARKET_MAKER_COLLATERAL;
      this.core.accounts.set(id, mm);
      for (const ms of this.core.marketList) requote(this.core, ms);
      this.core.finish();
    }
  }

  // ---- time ------------------------------------------------------------------------------

  /** Engine time (ms): catches up with the clock first. */
  now(): number {
    return this.op(() => this.core.now);
  }

  /** Move engine time forward by `ms` and run everything due (price steps, funding, triggers). */
  advance(ms: number): void {
    this.timeline.advance(ms);
    this.op(() => undefined);
  }

  /** Real-time mode: every `intervalMs` catch up with the clock and process pending orders. */
  start(intervalMs = 50): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.processPending(), positiveInteger(intervalMs, 'intervalMs'));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  // ---- events ----------------------------------------------------------------------------

  /** Subscribe to every event; returns the unsubscribe function. */
  on(handler: EventHandler): () => void {
    return this.bus.on(handler);
  }

  /** Id of the last event numbered so far (events are numbered even with no subscriber). */
  get lastEventId(): number {
    return this.bus.lastId;
  }

  // ---- markets ---------------------------------------------------------------------------

  markets(): MarketConfig[] {
    return this.core.marketList.map((ms) => ms.spec.config);
  }

  market(idOrAlias: string): MarketConfig {
    return resolveMarket(this.core, idOrAlias).spec.config;
  }

  // ---- accounts --------------------------------------------------------------------------

  createAccount(id: string, options: CreateAccountOptions = {}): EngineAccountSummary {
    return this.op(() => {
      if (typeof id !== 'string' || id === '') throw new RequestError('account id must be a non-empty string', { venueCode: 'INVALID_ACCOUNT' });
      if (this.core.accounts.has(id)) throw new RequestError(`account "${id}" already exists`, { venueCode: 'ACCOUNT_EXISTS' });
      const fees = options.fees === undefined ? undefined : control.parseFees(options.fees);
      const account = new AccountState(id, options.asset ?? 'USDC', fees, false, new Stream(`account:${id}`));
      this.core.accounts.set(id, account);
      if (options.collateral !== undefined && options.collateral !== '0') {
        control.deposit(this.core, account, control.parseAmount(options.collateral, 'collateral'));
      }
      return q.accountSummary(this.core, account);
    });
  }

  /** The account, created with `options` when it does not exist yet. */
  ensureAccount(id: string, options: CreateAccountOptions = {}): EngineAccountSummary {
    const existing = this.core.accounts.get(id);
    return existing === undefined ? this.createAccount(id, options) : this.accountSummary(id);
  }

  hasAccount(id: string): boolean {
    return this.core.accounts.has(id);
  }

  deposit(account: string, amount: string): EngineAccountSummary {
    return this.op(() => {
      const a = requireAccount(this.core, account);
      control.deposit(this.core, a, control.parseAmount(amount, 'amount'));
      return q.accountSummary(this.core, a);
    });
  }

  withdraw(account: string, amount: string): EngineAccountSummary {
    return this.op(() => {
      const a = requireAccount(this.core, account);
      control.withdraw(this.core, a, control.parseAmount(amount, 'amount'));
      return q.accountSummary(this.core, a);
    });
  }

  /** Maximum leverage of this account in this market (1 .. 1/imf_base). */
  setLeverage(account: string, market: string, leverage: number): EnginePosition {
    return this.op(() => {
      const a = requireAccount(this.core, account);
      const ms = resolveMarket(this.core, market);
      control.setLeverage(this.core, a, ms, leverage);
      return q.position(a, ms);
    });
  }

  // ---- orders ----------------------------------------------------------------------------

  /**
   * Validate and queue an order: returns it in status NEW (or, with `synchronous`, in the state
   * after its risk check and matching). Throws a typed error for anything a venue refuses at once.
   */
  submit(request: SubmitOrderRequest): EngineOrder {
    return this.op(() => {
      const o = buildOrder(this.core, request);
      this.core.registerOpen(o);
      this.core.pending.push(o);
      this.core.emitOrder(o);
      if (this.synchronous) {
        this.core.finish();
        processPending(this.core);
      }
      return views.order(o);
    });
  }

  /** Risk-check and match every NEW order, oldest first; returns them in their new state. */
  processPending(): EngineOrder[] {
    return this.op(() => {
      const done: OrderRecord[] = [];
      processPending(this.core, done);
      return done.map(views.order);
    });
  }

  cancel(account: string, lookup: OrderLookup): EngineOrder {
    return this.op(() => {
      const a = requireAccount(this.core, account);
      const o = q.requireOrder(this.core, a, lookup);
      if (o.status === 'CLOSED') throw new RequestError(`order ${o.id} is already closed`, { venueCode: 'ORDER_IS_CLOSED' });
      this.core.close(o, 'USER_CANCELED');
      return views.order(o);
    });
  }

  /** Close every open order of the account (in one market, or all). */
  cancelAll(account: string, market?: string, reason: CancelReason = 'USER_CANCELED'): EngineOrder[] {
    return this.op(() => {
      const a = requireAccount(this.core, account);
      const marketId = market === undefined ? undefined : resolveMarket(this.core, market).id;
      const closed: EngineOrder[] = [];
      for (const am of a.markets.values()) {
        if (marketId !== undefined && am.market !== marketId) continue;
        for (const o of [...am.openOrders]) {
          this.core.close(o, reason);
          closed.push(views.order(o));
        }
      }
      return closed;
    });
  }

  amend(account: string, lookup: OrderLookup, changes: AmendOrderRequest): EngineOrder {
    return this.op(() => {
      const o = q.requireOrder(this.core, requireAccount(this.core, account), lookup);
      amendOrder(this.core, o, changes);
      return views.order(o);
    });
  }

  // ---- queries ---------------------------------------------------------------------------

  order(account: string, lookup: OrderLookup): EngineOrder | undefined {
    return this.op(() => {
      const o = q.findOrder(this.core, requireAccount(this.core, account), lookup);
      return o === undefined ? undefined : views.order(o);
    });
  }

  openOrders(account: string, market?: string): EngineOrder[] {
    return this.op(() => q.openOrders(requireAccount(this.core, account), this.marketId(market)));
  }

  orderHistory(account: string, filter: HistoryFilter = {}): EngineOrder[] {
    return this.op(() => q.orderHistory(requireAccount(this.core, account), filter, this.marketId(filter.market)));
  }

  fills(account: string, filter: HistoryFilter = {}): EngineFill[] {
    return this.op(() => q.fills(requireAccount(this.core, account), filter, this.marketId(filter.market)));
  }

  positions(account: string): EnginePosition[] {
    return this.op(() => q.positions(this.core, requireAccount(this.core, account)));
  }

  position(account: string, market: string): EnginePosition {
    return this.op(() => q.position(requireAccount(this.core, account), resolveMarket(this.core, market)));
  }

  accountSummary(account: string): EngineAccountSummary {
    return this.op(() => q.accountSummary(this.core, requireAccount(this.core, account)));
  }

  fundingPayments(account: string, filter: HistoryFilter = {}): EngineFundingPayment[] {
    return this.op(() => q.fundingPayments(requireAccount(this.core, account), filter, this.marketId(filter.market)));
  }

  bookSnapshot(market: string, depth = 20): BookSnapshot {
    return this.op(() => q.bookSnapshot(this.core, resolveMarket(this.core, market), positiveInteger(depth, 'depth')));
  }

  bbo(market: string): EngineBbo {
    return this.op(() => q.bbo(this.core, resolveMarket(this.core, market)));
  }

  /** Newest first. */
  recentTrades(market: string, limit = 100): EngineTrade[] {
    return this.op(() => q.recentTrades(resolveMarket(this.core, market), positiveInteger(limit, 'limit')));
  }

  marketSummary(market: string): EngineMarketSummary {
    return this.op(() => q.marketSummary(this.core, resolveMarket(this.core, market)));
  }

  fundingHistory(market: string, filter: HistoryFilter = {}): EngineFundingRate[] {
    return this.op(() => q.fundingHistory(resolveMarket(this.core, market), filter));
  }

  // ---- control and faults ----------------------------------------------------------------

  /** Set the mark; the index moves by the same amount unless given (so the premium is kept). */
  setMarkPrice(market: string, markPrice: string, indexPrice?: string): EngineMarketSummary {
    return this.op(() => {
      const ms = resolveMarket(this.core, market);
      const mark = positivePrice(markPrice, 'markPrice');
      const index = indexPrice === undefined ? ms.index + (mark - ms.mark) : positivePrice(indexPrice, 'indexPrice');
      if (index <= 0n) throw new RequestError('indexPrice would fall to 0 or below; pass it explicitly', { venueCode: 'INVALID_PRICE' });
      movePrices(this.core, ms, mark, index);
      return q.marketSummary(this.core, ms);
    });
  }

  setIndexPrice(market: string, indexPrice: string): EngineMarketSummary {
    return this.op(() => {
      const ms = resolveMarket(this.core, market);
      movePrices(this.core, ms, ms.mark, positivePrice(indexPrice, 'indexPrice'));
      return q.marketSummary(this.core, ms);
    });
  }

  /** Force the funding rate of every following settlement (undefined: back to the premium). */
  setFundingRate(market: string, rate: string | undefined): void {
    this.op(() => {
      resolveMarket(this.core, market).fundingRateOverride = rate === undefined ? undefined : parseRequestDecimal(rate, RATE_DP, 'rate');
    });
  }

  /** Settle funding now, outside the schedule (the schedule is unchanged). */
  settleFunding(market: string): EngineFundingRate {
    return this.op(() => {
      const ms = resolveMarket(this.core, market);
      settleFunding(this.core, ms);
      const last = ms.fundingHistory[ms.fundingHistory.length - 1];
      if (last === undefined) throw new Error('engine invariant: settlement recorded nothing');
      return views.fundingRate(ms, last);
    });
  }

  fund(account: string, amount: string): EngineAccountSummary {
    return this.deposit(account, amount);
  }

  /** Reverse a trade (both fills); returns the two busted fills. */
  bustTrade(tradeId: string): EngineFill[] {
    return this.op(() => control.bustTrade(this.core, tradeId).map((f) => views.fill(f, this.core.accountById(f.account).asset)));
  }

  /** Reverse the trade a fill belongs to. */
  bustFill(fillId: string): EngineFill[] {
    return this.bustTrade(control.findTradeOfFill(this.core, fillId));
  }

  /** Requote the market maker now (all markets when none given). */
  requote(market?: string): void {
    this.op(() => {
      const list = market === undefined ? this.core.marketList : [resolveMarket(this.core, market)];
      for (const ms of list) requote(this.core, ms);
    });
  }

  setFees(account: string, fees: FeeRates): void {
    this.op(() => {
      const a = requireAccount(this.core, account);
      a.fees = control.parseFees(fees);
    });
  }

  // ---- internals -------------------------------------------------------------------------

  private marketId(market: string | undefined): string | undefined {
    return market === undefined ? undefined : resolveMarket(this.core, market).id;
  }

  /** Every public call: catch up with the clock, run, then publish what the call changed. */
  private op<T>(fn: () => T): T {
    this.timeline.catchUp(this.core);
    try {
      return fn();
    } finally {
      this.core.finish();
    }
  }
}
