/**
 * ExecutionService: the execution layer assembled over one ExchangeClient. It routes the client's
 * events (orders and fills to the tracker, fills to the positions, marks and market-data times to
 * the positions and the risk manager), reconciles at start and after every `reconnected` event
 * (holding stream events until the venue's view is applied), keeps the dead-man switch armed, and
 * offers the bot four verbs: openPosition, closePosition, emergencyExit, stop.
 *
 * It reports `ready` only after a reconciliation succeeded; between a disconnect and the next
 * successful reconciliation new positions are refused (rule not_ready).
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { abs, gt, mul, sub } from '../core/decimal.js';
import { RiskRejectedError } from '../core/errors.js';
import type { ExchangeClient, ExchangeEvent } from '../core/exchange-client.js';
import type { Balance, DecimalString, Side, TimeInForce } from '../core/types.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { DeadManSwitch } from './dead-man-switch.js';
import { ExecutionJournal, type JournalSynchronous } from './journal.js';
import { OrderExecutor } from './order-executor.js';
import { isTerminalStatus } from './order-state.js';
import { OrderTracker } from './order-tracker.js';
import { realSleep, type Sleep } from './outcome.js';
import { PositionManager, type PositionView, type ProtectiveSizing } from './position-manager.js';
import type { TrailingSettings } from './protection.js';
import type { StrayOrderPolicy } from './reconcile.js';
import { EventRouter } from './event-router.js';
import { Reconciler, type ReconcileReport } from './reconciler.js';
import { RiskManager } from './risk.js';
import { TaskGroup } from './task-group.js';
import type { ExecutionEvent, ExecutionEventHandler, TrackedOrder, TradingParameters } from './types.js';

export interface ExecutionServiceOptions {
  readonly client: ExchangeClient;
  readonly settings: TradingParameters;
  /** Journal file (suggested env EXECUTION_JOURNAL_PATH, default "./data/execution-<venue>.sqlite"); ":memory:" in tests. */
  readonly journalPath?: string;
  /** An already open journal (the service then leaves closing it to the caller). */
  readonly journal?: ExecutionJournal;
  readonly journalSynchronous?: JournalSynchronous;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** Client-id prefix marking our orders (default "fs"). */
  readonly clientIdPrefix?: string;
  /** Our orders found on the venue but unknown locally (default adopt). */
  readonly strayOrders?: StrayOrderPolicy;
  /** Dead-man switch timeout; 0 = off (default 60 000 where the venue has one). */
  readonly deadManSwitchMs?: number;
  readonly risk?: {
    readonly maxLeverage?: DecimalString;
    readonly dailyLossLimitPercent?: DecimalString;
    readonly staleAfterMs?: number;
  };
  readonly trailing?: TrailingSettings;
  readonly protectiveSizing?: ProtectiveSizing;
  readonly lookupDelaysMs?: readonly number[];
  readonly maxSubmitAttempts?: number;
  readonly lostAfter?: number;
  readonly breaker?: Omit<CircuitBreakerOptions, 'clock'>;
  /** Periodic reconciliation + protection pass; 0 = off (default 0 with streaming, 5 000 without). */
  readonly maintenanceIntervalMs?: number;
  /** Markets whose BBO is streamed for marks and the stale-data guard. */
  readonly markets?: readonly string[];
  /** Cached equity older than this is re-read before sizing (default 5 000 ms). */
  readonly equityMaxAgeMs?: number;
}

export interface EntrySignal {
  readonly market: string;
  readonly side: Side;
  /** Price to size at; default the last mark or mid seen for the market. */
  readonly referencePrice?: DecimalString;
  /** When the caller's market data was observed; feeds the stale-data guard. */
  readonly marketDataTime?: number;
  /** Default 'market'. */
  readonly type?: 'market' | 'limit';
  readonly limitPrice?: DecimalString;
  readonly timeInForce?: TimeInForce;
}

export class ExecutionService {
  readonly client: ExchangeClient;
  readonly journal: ExecutionJournal;
  readonly tracker: OrderTracker;
  readonly breaker: CircuitBreaker;
  readonly executor: OrderExecutor;
  readonly positions: PositionManager;
  readonly risk: RiskManager;
  readonly deadManSwitch: DeadManSwitch;
  readonly balances = new Map<string, Balance>();
  readonly #options: ExecutionServiceOptions;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #tasks: TaskGroup;
  readonly #reconciler: Reconciler;
  readonly #ownsJournal: boolean;
  readonly #handlers: ExecutionEventHandler[] = [];
  readonly #router: EventRouter;
  #buffer: ExchangeEvent[] | undefined;
  #ready = false;
  #stopped = false;
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #reconcileRun: Promise<void> | undefined;
  #reconcileAgain: string | undefined;

  constructor(options: ExecutionServiceOptions) {
    this.#options = options;
    this.client = options.client;
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
    const emit: ExecutionEventHandler = (e) => this.#emit(e);
    this.#tasks = new TaskGroup((where, error) => emit({ type: 'error', where, error }));
    this.#ownsJournal = options.journal === undefined;
    this.journal =
      options.journal ??
      ExecutionJournal.open({
        path: options.journalPath ?? `./data/execution-${options.client.exchange}.sqlite`,
        ...(options.journalSynchronous === undefined ? {} : { synchronous: options.journalSynchronous }),
      });
    this.tracker = new OrderTracker({ clock: this.#clock, ...(options.lostAfter === undefined ? {} : { lostAfter: options.lostAfter }) });
    this.breaker = new CircuitBreaker({ ...options.breaker, clock: this.#clock });
    this.risk = new RiskManager({
      settings: options.settings,
      clock: this.#clock,
      journal: this.journal,
      exchange: options.client.exchange,
      onEvent: emit,
      ...options.risk,
    });
    this.executor = new OrderExecutor({
      client: options.client,
      journal: this.journal,
      tracker: this.tracker,
      breaker: this.breaker,
      clock: this.#clock,
      sleep: this.#sleep,
      ...(options.clientIdPrefix === undefined ? {} : { clientIdPrefix: options.clientIdPrefix }),
      ...(options.lookupDelaysMs === undefined ? {} : { lookupDelaysMs: options.lookupDelaysMs }),
      ...(options.maxSubmitAttempts === undefined ? {} : { maxSubmitAttempts: options.maxSubmitAttempts }),
      preTradeCheck: (request, role) => this.risk.assertOrderAllowed(request, role),
      onEvent: emit,
    });
    this.positions = new PositionManager({
      executor: this.executor,
      settings: options.settings,
      market: (symbol) => this.client.market(symbol),
      tasks: this.#tasks,
      clock: this.#clock,
      onEvent: emit,
      onStale: (market, reason) => this.#reconcileSoon(`stale position ${market}: ${reason}`),
      ...(options.trailing === undefined ? {} : { trailing: options.trailing }),
      ...(options.protectiveSizing === undefined ? {} : { protectiveSizing: options.protectiveSizing }),
    });
    this.#reconciler = new Reconciler({
      client: options.client,
      executor: this.executor,
      positions: this.positions,
      risk: this.risk,
      balances: this.balances,
      clock: this.#clock,
      onEvent: emit,
      ...(options.strayOrders === undefined ? {} : { strayOrders: options.strayOrders }),
    });
    this.#router = new EventRouter({
      tracker: this.tracker,
      positions: this.positions,
      risk: this.risk,
      journal: this.journal,
      balances: this.balances,
      clock: this.#clock,
      sleep: this.#sleep,
      tasks: this.#tasks,
      reconcileSoon: (trigger) => this.#reconcileSoon(trigger),
    });
    this.deadManSwitch = new DeadManSwitch({ client: options.client, timeoutMs: options.deadManSwitchMs ?? 60_000, onEvent: emit });
  }

  /** True once a reconciliation succeeded and no disconnect happened since. */
  get ready(): boolean {
    return this.#ready;
  }

  onEvent(handler: ExecutionEventHandler): () => void {
    this.#handlers.push(handler);
    return () => {
      const i = this.#handlers.indexOf(handler);
      if (i >= 0) this.#handlers.splice(i, 1);
    };
  }

  /** Connect, replay the journal, subscribe, reconcile, arm the dead-man switch; then ready. */
  async start(): Promise<void> {
    await this.client.connect();
    await this.client.loadMarkets();
    this.executor.restoreFromJournal();
    this.#unsubscribe = this.client.onEvent((event) => this.#onClientEvent(event));
    if (this.client.capabilities.streaming) {
      for (const channel of ['orders', 'fills', 'positions', 'account'] as const) await this.client.subscribe({ channel });
      for (const market of this.#options.markets ?? []) await this.client.subscribe({ channel: 'bbo', market });
    }
    await this.reconcile('start');
    await this.deadManSwitch.arm();
    const interval = this.#options.maintenanceIntervalMs ?? (this.client.capabilities.streaming ? 0 : 5_000);
    if (interval > 0) {
      this.#timer = setInterval(() => this.#reconcileSoon('periodic', 1), interval);
      this.#timer.unref();
    }
  }

  /**
   * Reconcile now and wait for it; the service is ready again after it succeeds. Runs one at a
   * time: a request made while one runs is served by one more run after it.
   */
  reconcile(trigger = 'manual'): Promise<void> {
    if (this.#reconcileRun !== undefined) {
      this.#reconcileAgain = trigger;
      return this.#reconcileRun;
    }
    const run = (async () => {
      try {
        let next: string | undefined = trigger;
        while (next !== undefined) {
          this.#reconcileAgain = undefined;
          await this.#reconcile(next);
          next = this.#reconcileAgain;
        }
      } finally {
        this.#reconcileRun = undefined;
      }
    })();
    this.#reconcileRun = run;
    return run;
  }

  /** Reconcile in the background, retrying with backoff (up to `attempts`) while it fails. */
  #reconcileSoon(trigger: string, attempts = 8): void {
    void this.#tasks.spawn(`reconcile (${trigger})`, async () => {
      for (let attempt = 1; !this.#stopped; attempt++) {
        try {
          await this.reconcile(trigger);
          return;
        } catch (error) {
          if (attempt >= attempts) throw error;
          this.#emit({ type: 'error', where: `reconcile (${trigger}), attempt ${attempt}`, error });
          await this.#sleep(Math.min(30_000, 500 * 2 ** (attempt - 1)));
        }
      }
    });
  }

  /** Resolves once no background work (protection passes, reconciliations) is running. */
  idle(): Promise<void> {
    return this.#tasks.idle();
  }

  // ---- the bot's verbs -------------------------------------------------------------------

  /** Size, check and send an entry; protection follows once it fills. */
  async openPosition(signal: EntrySignal): Promise<TrackedOrder> {
    if (!this.#ready) throw new RiskRejectedError('execution is not ready (reconciling after start or reconnect)', 'not_ready', { exchange: this.client.exchange });
    const market = this.client.market(signal.market);
    if (signal.marketDataTime !== undefined) this.risk.observeMarketData(market.symbol, signal.marketDataTime);
    const type = signal.type ?? 'market';
    const price = (type === 'limit' ? signal.limitPrice : undefined) ?? signal.referencePrice ?? this.#markOf(market.symbol);
    if (price === undefined) {
      throw new RiskRejectedError(`no price for ${market.symbol}: pass referencePrice or stream its BBO`, 'stale_market_data', { exchange: this.client.exchange });
    }
    const equity = await this.#equity();
    const size = this.risk.planEntry({ market, side: signal.side, price, equity, ...this.#exposure() });
    return this.executor.place(
      {
        market: market.symbol,
        side: signal.side,
        type,
        size,
        ...(type === 'limit' ? { price } : {}),
        ...(signal.timeInForce === undefined ? {} : { timeInForce: signal.timeInForce }),
      },
      { role: 'entry' },
    );
  }

  closePosition(market: string): Promise<TrackedOrder | undefined> {
    return this.positions.closePosition(market);
  }

  /** Cancel everything, then flatten every position the venue reports, until it reports none. */
  async emergencyExit(attempts = 3): Promise<void> {
    this.#emit({ type: 'protection', market: '*', action: 'emergency_exit' });
    await this.executor.cancelAll();
    for (let i = 0; i < attempts; i++) {
      const venue = await this.client.getPositions();
      for (const p of venue) this.positions.setFromVenue(p);
      const open = venue.filter((p) => p.side !== 'flat');
      if (open.length === 0) break;
      await Promise.all(open.map((p) => this.executor.flatten({ market: p.market, signedSize: p.signedSize })));
    }
    await this.#tasks.idle();
  }

  /** Stop timers and streams; disarm the dead-man switch (a clean stop keeps protective orders). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#ready = false;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.deadManSwitch.disarm();
    this.#unsubscribe?.();
    await this.#tasks.idle();
    if (this.#ownsJournal) this.journal.close();
  }

  positionList(): PositionView[] {
    return this.positions.positions();
  }

  // ---- internals -------------------------------------------------------------------------

  async #reconcile(trigger: string): Promise<ReconcileReport> {
    this.#buffer ??= [];
    this.positions.pause();
    let report: ReconcileReport;
    try {
      report = await this.#reconciler.run(trigger);
    } finally {
      const held = this.#buffer ?? [];
      this.#buffer = undefined;
      for (const event of held) this.#router.route(event);
      if (!this.#stopped) this.positions.resume();
    }
    if (!this.#stopped) this.#ready = true;
    return report;
  }

  #onClientEvent(event: ExchangeEvent): void {
    if (this.#stopped) return;
    if (event.type === 'connection') {
      if (event.state === 'reconnecting' || event.state === 'closed') this.#ready = false;
      if (event.state === 'reconnected') {
        this.#ready = false;
        this.#reconcileSoon('reconnected');
        void this.#tasks.spawn('dead-man switch re-arm', () => this.deadManSwitch.rearm());
      }
      return;
    }
    if (this.#buffer !== undefined) {
      this.#buffer.push(event);
      return;
    }
    this.#router.route(event);
  }

  #markOf(market: string): DecimalString | undefined {
    return this.#router.markOf(market) ?? this.positions.position(market)?.markPrice;
  }

  async #equity(): Promise<DecimalString> {
    const cached = this.risk.equity;
    const maxAge = this.#options.equityMaxAgeMs ?? 5_000;
    if (cached !== undefined && this.#clock.now() - cached.at <= maxAge) return cached.value;
    const account = await this.client.getAccount();
    this.risk.observeEquity(account.equity, this.#clock.now());
    return account.equity;
  }

  /** Markets busy with a position or a working entry, and the notionals behind them. */
  #exposure(): { busyMarkets: Set<string>; exposure: DecimalString[] } {
    const busyMarkets = new Set<string>();
    const exposure: DecimalString[] = [];
    for (const p of this.positions.positions()) {
      busyMarkets.add(p.market);
      exposure.push(abs(p.cost));
    }
    for (const o of this.tracker.live()) {
      if (o.role !== 'entry' || isTerminalStatus(o.status)) continue;
      busyMarkets.add(o.market);
      const price = o.price ?? this.#markOf(o.market);
      const unfilled = sub(o.size, o.filledSize);
      if (price !== undefined && gt(unfilled, '0')) exposure.push(mul(unfilled, price));
    }
    return { busyMarkets, exposure };
  }

  #emit(event: ExecutionEvent): void {
    for (const h of this.#handlers) {
      try {
        h(event);
      } catch {
        // A listener's bug must not break order handling.
      }
    }
  }
}
