/**
 * The engine's state and its low-level mutations: resting and closing orders, executing one match
 * (orders, book, positions, fees, collateral, records), and publishing the events of an
 * operation. Higher-level flows (acceptance, matching loop, triggers, funding, market maker) are
 * functions over this core in their own files.
 */
import type { AccountMarket, AccountState, FillRecord, FundingPaymentRecord } from './accounts.js';
import { applyFillToPosition, pushBounded, reducibleSize } from './accounts.js';
import type { EventBus } from './events.js';
import { applyRate, roundMoney } from './fixed.js';
import { accountRisk } from './margin.js';
import type { MarketSpec } from './markets.js';
import { type OrderRecord } from './order-record.js';
import { MarketState, type FeeRatesScaled, type TradeRecord } from './state.js';
import type { BalanceReason } from './types.js';
import * as views from './views.js';

export interface CoreSettings {
  readonly settlementDecimals: number;
  readonly historyLimit: number;
  readonly defaultFees: FeeRatesScaled;
  readonly marketMakerAccount: string;
  readonly marketMakerPrivateEvents: boolean;
}

export class EngineCore {
  /** Engine time of the operation in progress. */
  now: number;
  /** By id and by every alias. */
  readonly markets = new Map<string, MarketState>();
  readonly marketList: MarketState[] = [];
  readonly accounts = new Map<string, AccountState>();
  /** Open orders and the retained closed ones, by serial (ids are the serial in decimal). */
  private readonly orders = new Map<number, OrderRecord>();
  /** Retained fills and trades by serial (their ids are the serial in decimal). */
  private readonly fills = new Map<number, FillRecord>();
  private readonly trades = new Map<number, TradeRecord>();
  /** Orders in status NEW waiting for processPending(), oldest first. */
  readonly pending: OrderRecord[] = [];
  private orderSerial = 0;
  private fillSerial = 0;
  private tradeSerial = 0;
  private paymentSerial = 0;
  /** Markets / accounts changed by the operation in progress (each listed once: see `touched`). */
  private readonly touchedMarkets: MarketState[] = [];
  private readonly touchedAccounts: AccountState[] = [];

  constructor(
    readonly bus: EventBus,
    readonly settings: CoreSettings,
    specs: readonly MarketSpec[],
    now: number,
    fundingIntervalMs: number | undefined,
  ) {
    this.now = now;
    for (const spec of specs) {
      const ms = new MarketState(spec, now, fundingIntervalMs ?? spec.fundingPeriodMs);
      this.marketList.push(ms);
      this.markets.set(spec.id, ms);
      for (const alias of Object.values(spec.config.aliases)) this.markets.set(alias, ms);
    }
  }

  marketById(id: string): MarketState {
    const ms = this.markets.get(id);
    if (ms === undefined) throw new Error(`engine invariant: unknown market ${id}`);
    return ms;
  }

  readonly marketOf = (id: string): MarketState => this.marketById(id);

  accountById(id: string): AccountState {
    const a = this.accounts.get(id);
    if (a === undefined) throw new Error(`engine invariant: unknown account ${id}`);
    return a;
  }

  /** An open or retained order by id (ids are decimal serials; anything else is unknown). */
  orderById(id: string): OrderRecord | undefined {
    const serial = serialOf(id);
    return serial === undefined ? undefined : this.orders.get(serial);
  }

  fillById(id: string): FillRecord | undefined {
    const serial = serialOf(id);
    return serial === undefined ? undefined : this.fills.get(serial);
  }

  tradeById(id: string): TradeRecord | undefined {
    const serial = serialOf(id);
    return serial === undefined ? undefined : this.trades.get(serial);
  }

  nextOrderSerial(): number {
    return ++this.orderSerial;
  }

  nextPaymentId(): string {
    return String(++this.paymentSerial);
  }

  feesOf(account: AccountState): FeeRatesScaled {
    return account.fees ?? this.settings.defaultFees;
  }

  /** Whether this account's private events are published. */
  private publishes(account: AccountState): boolean {
    return !account.internal || this.settings.marketMakerPrivateEvents;
  }

  touchMarket(ms: MarketState): void {
    if (ms.touched) return;
    ms.touched = true;
    this.touchedMarkets.push(ms);
  }

  touchAccount(account: AccountState): void {
    account.updatedAt = this.now;
    if (account.touched) return;
    account.touched = true;
    this.touchedAccounts.push(account);
  }

  // ---- order lifecycle -------------------------------------------------------------------

  /** Record a freshly submitted order as open (status NEW). */
  registerOpen(o: OrderRecord): void {
    const account = this.accountById(o.account);
    this.orders.set(o.serial, o);
    account.market(o.market).openOrders.add(o);
    if (o.clientId !== undefined) account.clientIds.set(o.clientId, o);
  }

  emitOrder(o: OrderRecord): void {
    o.seqNo++;
    o.updatedAt = this.now;
    const account = this.accountById(o.account);
    if (!this.publishes(account)) return;
    if (!this.bus.hasSubscribers) this.bus.skip(account.stream);
    else this.bus.emit(account.stream, 'order', this.now, () => ({ account: o.account, order: views.order(o) }));
  }

  /** Put an accepted order in the book; it now reserves margin. */
  rest(o: OrderRecord): void {
    const ms = this.marketById(o.market);
    ms.book.sideOf(o.side).add(o);
    const am = this.accountById(o.account).market(o.market);
    if (o.side === 1) am.openBuy += o.remaining;
    else am.openSell += o.remaining;
    o.status = 'OPEN';
    this.touchMarket(ms);
  }

  /** Take a resting order out of the book (for a close or an amend). */
  unrest(o: OrderRecord): void {
    if (o.entry === undefined) return;
    const ms = this.marketById(o.market);
    const am = this.accountById(o.account).market(o.market);
    if (o.side === 1) am.openBuy -= o.remaining;
    else am.openSell -= o.remaining;
    ms.book.sideOf(o.side).remove(o);
    this.touchMarket(ms);
  }

  /** CLOSED, with a reason unless fully filled; emits the order update. */
  close(o: OrderRecord, reason: OrderRecord['cancelReason']): void {
    if (o.status === 'CLOSED') return;
    this.unrest(o);
    const ms = this.marketById(o.market);
    if (o.status === 'UNTRIGGERED') ms.untriggered = ms.untriggered.filter((x) => x !== o);
    if (o.status === 'NEW') {
      const at = this.pending.indexOf(o);
      if (at >= 0) this.pending.splice(at, 1);
    }
    o.status = 'CLOSED';
    o.cancelReason = o.remaining === 0n && o.size > 0n ? undefined : reason;
    const account = this.accountById(o.account);
    account.market(o.market).openOrders.delete(o);
    if (o.clientId !== undefined && account.clientIds.get(o.clientId) === o) account.clientIds.delete(o.clientId);
    if (o.internal) {
      this.orders.delete(o.serial);
    } else {
      pushBounded(account.closedOrders, o, this.settings.historyLimit, (old) => this.orders.delete(old.serial));
    }
    this.emitOrder(o);
  }

  // ---- matching primitive ----------------------------------------------------------------

  /** One match of `qty` at the maker's `price`: both orders, the book, both accounts, one trade. */
  executeMatch(ms: MarketState, taker: OrderRecord, maker: OrderRecord, qty: bigint, price: bigint): void {
    const notional = qty * price;
    const bookSeq = ms.bookStream.seq;
    taker.filled += qty;
    taker.remaining -= qty;
    taker.filledNotional += notional;
    ms.book.sideOf(maker.side).reduce(maker, qty);
    maker.filled += qty;
    maker.remaining -= qty;
    maker.filledNotional += notional;
    const makerAm = this.accountById(maker.account).market(ms.id);
    if (maker.side === 1) makerAm.openBuy -= qty;
    else makerAm.openSell -= qty;
    this.touchMarket(ms);

    const tradeSerial = ++this.tradeSerial;
    const tradeId = String(tradeSerial);
    const takerFill = this.settleSide(ms, taker, tradeId, qty, price, 'TAKER', bookSeq);
    const makerFill = this.settleSide(ms, maker, tradeId, qty, price, 'MAKER', bookSeq);
    const trade: TradeRecord = { id: tradeId, market: ms.id, side: taker.side, price, size: qty, createdAt: this.now, takerFill, makerFill, busted: false };
    this.trades.set(tradeSerial, trade);
    pushBounded(ms.trades, trade, this.settings.historyLimit, (old) => this.trades.delete(Number(old.id)));
    ms.lastTradePrice = price;
    ms.addVolume(notional, this.now);
    if (!this.bus.hasSubscribers) this.bus.skip(ms.tradeStream);
    else this.bus.emit(ms.tradeStream, 'trade', this.now, () => ({ market: ms.id, trade: views.trade(trade) }));

    if (maker.remaining === 0n) this.close(maker, undefined);
    else if (maker.status !== 'CLOSED') this.emitOrder(maker);
  }

  /** Position, fee and collateral of one side of a match, plus its fill record and events. */
  private settleSide(
    ms: MarketState,
    o: OrderRecord,
    tradeId: string,
    qty: bigint,
    price: bigint,
    liquidity: 'MAKER' | 'TAKER',
    bookSeq: number,
  ): FillRecord {
    const account = this.accountById(o.account);
    const am = account.market(ms.id);
    const rates = this.feesOf(account);
    const rate = liquidity === 'MAKER' ? rates.maker : rates.taker;
    const fee = rate === 0n ? 0n : roundMoney(applyRate(qty * price, rate, 'half_even'), this.settings.settlementDecimals, 'half_even');
    const sizeBefore = am.position.size;
    const change = applyFillToPosition(am.position, o.side === 1 ? qty : -qty, price);
    this.adjustOpenInterest(ms, sizeBefore, am.position.size);
    const fillSerial = ++this.fillSerial;
    const fill: FillRecord = {
      id: String(fillSerial),
      tradeId,
      account: account.id,
      orderId: o.id,
      clientId: o.clientId,
      market: ms.id,
      side: o.side,
      price,
      size: qty,
      liquidity,
      fee,
      realized: change.realized,
      remainingAfter: o.remaining,
      bookSeq,
      createdAt: this.now,
      deltaSize: change.deltaSize,
      deltaCost: change.deltaCost,
      busted: false,
    };
    am.position.lastFillId = fill.id;
    // The market maker's fills stay reachable through their trade (for busts) but are not kept per account.
    if (!account.internal) {
      this.fills.set(fillSerial, fill);
      pushBounded(account.fills, fill, this.settings.historyLimit, (old) => this.fills.delete(Number(old.id)));
    }
    if (this.publishes(account)) {
      if (!this.bus.hasSubscribers) this.bus.skip(account.stream);
      else this.bus.emit(account.stream, 'fill', this.now, () => ({ account: account.id, fill: views.fill(fill, account.asset) }));
    }
    this.positionChanged(account, ms, am);
    this.changeCollateral(account, change.realized - fee, 'TRADE');
    const after = am.position.size;
    if (after === 0n || after > 0n !== sizeBefore > 0n) this.expireStaleReduceOnly(am);
    return fill;
  }

  /**
   * After a position went flat or flipped, resting reduce-only orders that can no longer reduce
   * it are closed (as both venues do), so they never turn into position-increasing orders.
   */
  private expireStaleReduceOnly(am: AccountMarket): void {
    for (const o of am.openOrders) {
      if (o.reduceOnly && o.entry !== undefined && reducibleSize(am.position, o.side) === 0n) {
        this.close(o, 'REDUCE_ONLY_WOULD_INCREASE');
      }
    }
  }

  adjustOpenInterest(ms: MarketState, before: bigint, after: bigint): void {
    ms.openInterest += (after > 0n ? after : 0n) - (before > 0n ? before : 0n);
  }

  /** Emit the position and mark the account for an account-summary event. */
  positionChanged(account: AccountState, ms: MarketState, am: AccountMarket): void {
    am.position.seqNo++;
    am.position.updatedAt = this.now;
    this.touchAccount(account);
    if (!this.publishes(account)) return;
    if (!this.bus.hasSubscribers) this.bus.skip(account.stream);
    else this.bus.emit(account.stream, 'position', this.now, () => ({ account: account.id, position: views.position(account.id, ms, am) }));
  }

  /** Move collateral and publish a balance event (nothing when the change is zero). */
  changeCollateral(account: AccountState, change: bigint, reason: BalanceReason): void {
    if (change === 0n) return;
    account.collateral += change;
    account.updatedAt = this.now;
    this.touchAccount(account);
    if (!this.publishes(account)) return;
    const balance = account.collateral;
    if (!this.bus.hasSubscribers) this.bus.skip(account.stream);
    else this.bus.emit(account.stream, 'balance', this.now, () => views.balance(account, balance, change, reason));
  }

  emitFillBusted(account: AccountState, fill: FillRecord): void {
    this.touchAccount(account);
    if (!this.publishes(account)) return;
    this.bus.emit(account.stream, 'fill_busted', this.now, () => ({ account: account.id, fill: views.fill(fill, account.asset) }));
  }

  recordFundingPayment(account: AccountState, record: FundingPaymentRecord): void {
    pushBounded(account.fundingPayments, record, this.settings.historyLimit);
    if (!this.publishes(account)) return;
    this.bus.emit(account.stream, 'funding_payment', this.now, () => ({ account: account.id, payment: views.fundingPayment(record) }));
  }

  // ---- end of an operation ----------------------------------------------------------------

  /** Publish book deltas, BBO changes and account summaries of this operation, then deliver. */
  finish(): void {
    const markets = this.touchedMarkets;
    for (let i = 0; i < markets.length; i++) {
      const ms = markets[i] as MarketState;
      ms.touched = false;
      this.publishBook(ms);
    }
    markets.length = 0;
    const accounts = this.touchedAccounts;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i] as AccountState;
      account.touched = false;
      account.summarySeq++;
      if (!this.publishes(account)) continue;
      if (!this.bus.hasSubscribers) this.bus.skip(account.stream);
      else {
        this.bus.emit(account.stream, 'account', this.now, () => ({
          account: account.id,
          summary: views.accountSummary(account, accountRisk(account, this.marketOf)),
        }));
      }
    }
    accounts.length = 0;
    this.bus.flush();
  }

  private publishBook(ms: MarketState): void {
    const book = ms.book;
    if (book.hasChanges()) {
      const changes = book.takeChanges();
      if (changes.length > 0) {
        if (!this.bus.hasSubscribers) this.bus.skip(ms.bookStream);
        else this.bus.emit(ms.bookStream, 'book_delta', this.now, () => ({ market: ms.id, changes: changes.map(views.levelChange) }));
      }
    }
    const bid = book.bids.best();
    const ask = book.asks.best();
    const bbo = ms.lastBbo;
    const bidPrice = bid === undefined ? 0n : bid.price;
    const bidSize = bid === undefined ? 0n : bid.total;
    const askPrice = ask === undefined ? 0n : ask.price;
    const askSize = ask === undefined ? 0n : ask.total;
    if (bidPrice !== bbo.bidPrice || bidSize !== bbo.bidSize || askPrice !== bbo.askPrice || askSize !== bbo.askSize) {
      bbo.bidPrice = bidPrice;
      bbo.bidSize = bidSize;
      bbo.askPrice = askPrice;
      bbo.askSize = askSize;
      if (!this.bus.hasSubscribers) this.bus.skip(ms.bboStream);
      else this.bus.emit(ms.bboStream, 'bbo', this.now, () => ({ market: ms.id, bbo: views.bbo(ms, this.now) }));
    }
  }
}

/** The serial behind an engine id ("42" -> 42); undefined for anything that is not one. */
function serialOf(id: string): number | undefined {
  const serial = Number(id);
  return Number.isSafeInteger(serial) && serial > 0 && String(serial) === id ? serial : undefined;
}
