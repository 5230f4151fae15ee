/**
 * PositionManager: positions = the venue's last snapshot + our fills since (deduplicated, never a
 * fill the snapshot already contains), with exact realized/unrealized PnL and ROE at leverage.
 *
 * Protective orders are first-class: whenever a position is open it gets a reduce-only stop-loss
 * and take-profit on the venue at STOP_LOSS_ROE / TAKE_PROFIT_ROE. They are replaced new-before-old
 * (cancel-first only when the venue refuses a second one), re-placed when the venue drops them,
 * moved by the local trailing stop (the venue keeps a wider hard stop), and cancelled as soon as
 * the position is flat. One protection pass per market at a time (TaskGroup.coalesce).
 */
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { abs, add, div, isZero } from '../core/decimal.js';
import type { DecimalString, Fill, Market, Position, PositionSide } from '../core/types.js';
import type { OrderExecutor } from './order-executor.js';
import { isTerminalStatus, isWorkingStatus } from './order-state.js';
import * as math from './position-math.js';
import type { PositionState } from './position-math.js';
import {
  hardStopFor,
  protectiveTargets,
  stepTrailing,
  type TrailingSettings,
  type TrailingState,
} from './protection.js';
import { ProtectiveOrders, type ProtectiveSizing } from './protective-orders.js';
import type { TaskGroup } from './task-group.js';

export type { ProtectiveSizing } from './protective-orders.js';
import { PROTECTIVE_ROLES, type ExecutionEventHandler, type TrackedOrder, type TradingParameters } from './types.js';


export interface PositionManagerOptions {
  readonly executor: OrderExecutor;
  readonly settings: TradingParameters;
  /** Market metadata (tick size); normally client.market. */
  readonly market: (symbol: string) => Market;
  readonly tasks: TaskGroup;
  readonly clock?: Clock;
  readonly trailing?: TrailingSettings;
  /** Default: close_position where the venue has whole-position TP/SL orders, else exact. */
  readonly protectiveSizing?: ProtectiveSizing;
  readonly onEvent?: ExecutionEventHandler;
  /** Local state looks stale (a protective order filled but the position is still open): reconcile. */
  readonly onStale?: (market: string, reason: string) => void;
}

export interface PositionView {
  readonly market: string;
  readonly side: PositionSide;
  readonly size: DecimalString;
  readonly signedSize: DecimalString;
  readonly entryPrice: DecimalString;
  readonly cost: DecimalString;
  readonly realizedPnl: DecimalString;
  readonly fees: DecimalString;
  readonly markPrice?: DecimalString;
  readonly unrealizedPnl?: DecimalString;
  readonly roePercent?: DecimalString;
  readonly updatedAt: number;
}

interface Book {
  base: PositionState;
  /** Fills applied on top of the base, in arrival order. */
  fills: Fill[];
  state: PositionState;
  /** Fill ids the base already contains (reported by the venue's fill list before the snapshot). */
  included: Set<string>;
  mark?: { price: DecimalString; at: number };
  /** Local clock when the position last went from flat to open without a working stop. */
  unprotectedSince?: number;
  trailing?: TrailingState;
  /** A protective order filled: the position should be flat; until a fill or snapshot says so, do not re-protect. */
  expectFlat?: boolean;
  /** Local times at which the venue closed one of our protective orders without a fill. */
  losses?: number[];
}

const REPLACEMENT_WINDOW_MS = 10_000;
const MAX_REPLACEMENTS_PER_WINDOW = 3;

const TRAILING_KEY = 'trailing';

export class PositionManager {
  readonly #executor: OrderExecutor;
  readonly #settings: TradingParameters;
  readonly #market: (symbol: string) => Market;
  readonly #tasks: TaskGroup;
  readonly #clock: Clock;
  readonly #trailing: TrailingSettings | undefined;
  readonly #sizing: ProtectiveSizing;
  readonly #emit: ExecutionEventHandler;
  readonly #onStale: (market: string, reason: string) => void;
  readonly #books = new Map<string, Book>();
  readonly #orders: ProtectiveOrders;
  #paused = true;

  constructor(options: PositionManagerOptions) {
    this.#executor = options.executor;
    this.#settings = options.settings;
    this.#market = options.market;
    this.#tasks = options.tasks;
    this.#clock = options.clock ?? systemClock;
    this.#trailing = options.trailing;
    const caps = this.#executor.client.capabilities;
    this.#sizing = options.protectiveSizing ?? (caps.closePositionOrders ? 'close_position' : 'exact');
    this.#emit = options.onEvent ?? (() => undefined);
    this.#orders = new ProtectiveOrders(this.#executor, this.#sizing, this.#emit);
    this.#onStale = options.onStale ?? (() => undefined);
    const saved = this.#executor.journal.getState<Record<string, TrailingState>>(TRAILING_KEY) ?? {};
    for (const [market, trail] of Object.entries(saved)) this.#book(market).trailing = trail;
    this.#executor.tracker.listen({
      onChange: (order, previous) => {
        if (!PROTECTIVE_ROLES.has(order.role) || !isTerminalStatus(order.status) || (previous !== undefined && isTerminalStatus(previous))) return;
        // A stop or target that traded closed the position (its fill may still be on the way);
        // one the venue closed otherwise must be put back while the position is open.
        const book = this.#book(order.market);
        if (order.status === 'filled') book.expectFlat = true;
        else if (this.#replacedTooOften(book)) {
          // A stop that keeps firing without filling (no liquidity) or keeps being refused: stop the
          // storm; the next position change or maintenance pass tries again.
          this.#emit({ type: 'protection', market: order.market, action: 'replacement_backoff', detail: `${order.clientOrderId} ${order.status} ${order.cancelReason ?? ''}` });
          return;
        }
        this.#requestProtection(order.market);
      },
    });
  }

  // ---- queries ---------------------------------------------------------------------------

  position(market: string): PositionView | undefined {
    const book = this.#books.get(market);
    return book === undefined ? undefined : this.#view(book);
  }

  /** Open (non-flat) positions. */
  positions(): PositionView[] {
    return [...this.#books.values()].filter((b) => !isZero(b.state.signedSize)).map((b) => this.#view(b));
  }

  state(market: string): PositionState | undefined {
    return this.#books.get(market)?.state;
  }

  /** Markets whose open position has had no working stop on the venue since `since` (local ms). */
  unprotected(): { market: string; since: number }[] {
    const out: { market: string; since: number }[] = [];
    for (const [market, book] of this.#books) {
      if (book.unprotectedSince !== undefined && !isZero(book.state.signedSize)) out.push({ market, since: book.unprotectedSince });
    }
    return out;
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** A venue snapshot becomes the new base; `includedFillIds` are fills it already contains. */
  setFromVenue(position: Position, includedFillIds: Iterable<string> = []): void {
    const book = this.#book(position.market);
    for (const id of includedFillIds) book.included.add(id);
    book.base = math.fromVenuePosition(position);
    book.fills = book.fills.filter((f) => f.timestamp >= book.base.updatedAt && !book.included.has(f.id));
    book.expectFlat = false;
    this.#recompute(book);
    const implied = impliedMark(position);
    if (implied !== undefined && (book.mark === undefined || book.mark.at <= position.updatedAt)) book.mark = { price: implied, at: position.updatedAt };
  }

  /**
   * Compare a streamed venue position with ours. 'older' when it is not newer than what we applied
   * (a late or reordered message, or a snapshot taken at the same instant as our last fill, which
   * may or may not contain it); otherwise whether it agrees. Stream snapshots never replace local
   * state: a mismatch is resolved by a reconciliation (REST fills, then REST positions).
   */
  compareWithVenue(position: Position): 'older' | 'match' | 'mismatch' {
    const book = this.#book(position.market);
    if (position.updatedAt <= book.state.updatedAt) return 'older';
    return math.samePosition(book.state, math.fromVenuePosition(position)) ? 'match' : 'mismatch';
  }

  /** The venue reports no position in `market`. */
  setFlat(market: string, at: number, includedFillIds: Iterable<string> = []): void {
    const book = this.#book(market);
    for (const id of includedFillIds) book.included.add(id);
    book.base = math.flatPosition(market, at, book.base.realizedPnl);
    book.fills = book.fills.filter((f) => f.timestamp >= at && !book.included.has(f.id));
    book.expectFlat = false;
    this.#recompute(book);
  }

  /** A fill (already deduplicated by the tracker). Returns true when it changed the position. */
  applyFill(fill: Fill): boolean {
    const book = this.#book(fill.market);
    // A fill strictly older than the snapshot is in it; one at the same instant is in it only when
    // the venue's fill list (read before the snapshot) reported it.
    if (book.included.has(fill.id) || fill.timestamp < book.base.updatedAt) return false;
    book.fills.push(fill);
    book.expectFlat = false;
    this.#recompute(book);
    return true;
  }

  /** A fill the venue reversed; false when it is older than the base (a reconciliation is needed). */
  reverseFill(fillId: string): boolean {
    for (const book of this.#books.values()) {
      const i = book.fills.findIndex((f) => f.id === fillId);
      if (i < 0) continue;
      book.fills.splice(i, 1);
      this.#recompute(book);
      return true;
    }
    return false;
  }

  setMark(market: string, price: DecimalString, at: number): void {
    const book = this.#book(market);
    if (book.mark !== undefined && book.mark.at > at) return;
    book.mark = { price, at };
    this.#advanceTrailing(market, book, price);
  }

  /** Records one venue-side loss of a protective order; true when too many happened just now. */
  #replacedTooOften(book: Book): boolean {
    const now = this.#clock.now();
    book.losses = [...(book.losses ?? []).filter((t) => now - t < REPLACEMENT_WINDOW_MS), now];
    return book.losses.length > MAX_REPLACEMENTS_PER_WINDOW;
  }

  /** A reconciliation just compared every position with the venue's: nothing is suspect any more. */
  markVerified(): void {
    for (const book of this.#books.values()) book.expectFlat = false;
  }

  /** Hold protection passes (during reconciliation); `resume` runs one for every market. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    for (const market of this.#books.keys()) this.#requestProtection(market);
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Make the venue's protective orders match the position now (waits for the pass). */
  ensureProtection(market: string): Promise<void> {
    return this.#tasks.coalesce(`protect:${market}`, () => this.#protect(market));
  }

  /** Close one position with a reduce-only market order; protection is removed once it is flat. */
  async closePosition(market: string): Promise<TrackedOrder | undefined> {
    const state = this.#books.get(market)?.state;
    if (state === undefined || isZero(state.signedSize)) return undefined;
    return this.#executor.flatten({ market, signedSize: state.signedSize });
  }

  // ---- internals -------------------------------------------------------------------------

  #book(market: string): Book {
    let book = this.#books.get(market);
    if (book === undefined) {
      const base = math.flatPosition(market);
      book = { base, fills: [], state: base, included: new Set() };
      this.#books.set(market, book);
    }
    return book;
  }

  #recompute(book: Book): void {
    const before = book.state;
    let state = book.base;
    for (const f of book.fills) state = math.applyFill(state, f);
    book.state = state;
    const wasFlat = isZero(before.signedSize);
    const isFlat = isZero(state.signedSize);
    if (isFlat) {
      book.unprotectedSince = undefined;
      if (book.trailing !== undefined) this.#setTrailing(book, undefined);
    } else if (wasFlat || math.sideOf(before.signedSize) !== math.sideOf(state.signedSize)) {
      book.unprotectedSince ??= this.#clock.now();
      if (book.trailing !== undefined) this.#setTrailing(book, undefined);
    }
    if (!math.samePosition(before, state) || wasFlat !== isFlat) this.#requestProtection(state.market);
  }

  #requestProtection(market: string): void {
    if (this.#paused) return;
    void this.ensureProtection(market);
  }

  #view(book: Book): PositionView {
    const s = book.state;
    const mark = book.mark?.price;
    const open = !isZero(s.signedSize);
    return {
      market: s.market,
      side: math.sideOf(s.signedSize),
      size: abs(s.signedSize),
      signedSize: s.signedSize,
      entryPrice: math.entryPrice(s),
      cost: s.cost,
      realizedPnl: s.realizedPnl,
      fees: s.fees,
      updatedAt: s.updatedAt,
      ...(mark === undefined ? {} : { markPrice: mark, unrealizedPnl: math.unrealizedPnl(s, mark) }),
      ...(mark === undefined || !open ? {} : { roePercent: math.roePercent(s, mark, this.#settings.leverage) }),
    };
  }

  #advanceTrailing(market: string, book: Book, mark: DecimalString): void {
    const settings = this.#trailing;
    const side = math.sideOf(book.state.signedSize);
    if (settings === undefined || side === 'flat') return;
    const start: TrailingState = book.trailing ?? { side, entry: math.entryPrice(book.state), active: false, best: mark };
    const step = stepTrailing(start, mark, settings, this.#settings.leverage);
    if (step.state !== book.trailing && (step.state.level !== book.trailing?.level || step.state.active !== book.trailing?.active)) {
      this.#setTrailing(book, step.state);
      if (step.state.active) this.#requestProtection(market);
    }
    if (step.triggered && !this.#paused) {
      this.#emit({ type: 'protection', market, action: 'trailing_stop_triggered', detail: `mark ${mark} crossed ${step.state.level ?? ''}` });
      void this.#tasks.coalesce(`trail-exit:${market}`, async () => {
        await this.closePosition(market);
      });
    }
  }

  /** Trailing state is journaled so a restart keeps the trail where it was. */
  #setTrailing(book: Book, trail: TrailingState | undefined): void {
    if (trail === undefined) delete book.trailing;
    else book.trailing = trail;
    const all: Record<string, TrailingState> = {};
    for (const [m, b] of this.#books) if (b.trailing !== undefined) all[m] = b.trailing;
    this.#executor.journal.setState(TRAILING_KEY, all);
  }

  async #protect(market: string): Promise<void> {
    if (this.#paused) return;
    const book = this.#book(market);
    const state = book.state;
    const ours = this.#executor.tracker.live().filter((o) => o.market === market && PROTECTIVE_ROLES.has(o.role));
    const side = math.sideOf(state.signedSize);
    if (side === 'flat') {
      await this.#orders.removeAll(ours);
      return;
    }
    if (book.expectFlat === true) {
      // Placing a new stop now could fire against a position that no longer exists.
      this.#onStale(market, 'a protective order filled but the position still shows open');
      return;
    }
    const spec = this.#market(market);
    const targets = protectiveTargets(side, math.entryPrice(state), this.#settings, spec.tickSize);
    const stop = book.trailing !== undefined && this.#trailing !== undefined
      ? hardStopFor(book.trailing, targets.stopLoss, this.#trailing, this.#settings.leverage, spec.tickSize)
      : targets.stopLoss;
    const size = abs(state.signedSize);
    await this.#orders.keep({ market, kind: 'stop_loss', side, trigger: stop, size }, ours);
    await this.#orders.keep({ market, kind: 'take_profit', side, trigger: targets.takeProfit, size }, ours);
    const working = this.#executor.tracker
      .live()
      .some((o) => o.market === market && o.role === 'stop_loss' && isWorkingStatus(o.status) && o.status !== 'pending_cancel');
    if (working) book.unprotectedSince = undefined;
    else book.unprotectedSince ??= this.#clock.now();
  }

}

/** The mark a snapshot implies: entry + unrealized / size (8 decimals). */
function impliedMark(p: Position): DecimalString | undefined {
  if (p.side === 'flat' || isZero(p.signedSize)) return undefined;
  return add(p.entryPrice, div(p.unrealizedPnl, p.signedSize, 8, 'half_even'));
}
