/**
 * Private channels, fed from the engine's account:<id> stream. Payloads are the REST shapes
 * (wire/*.ts, the `ws` variants where the AsyncAPI differs) and stay JSON on SBE connections
 * (paradex-sbe.md §1: private payloads remain JSON).
 *
 * - orders.{m|ALL}            every order change (OrderResp)
 * - fills.{m|ALL}             every fill (FillResult)
 * - positions                 every position change (PositionResp, AsyncAPI field set)
 * - account                   the account summary after each operation that touched it
 * - balance_events            one TRANSACTION_FILL per fill (also when the fill moved no cash:
 *                             opening a position without fees), as documented; the venue documents
 *                             no other type, so funding, busts, deposits and withdrawals use
 *                             TRANSACTION_FUNDING, TRANSACTION_BUST, DEPOSIT, WITHDRAWAL
 *                             (simulator names)
 * - funding_payments.{m|ALL}  each funding payment
 * - tradebusts                {account, busted_fill_id, created_at} per busted fill
 */
import { add, sub } from '../../../../core/decimal.js';
import type { BalanceReason, EngineEvent, EngineFill, EngineFundingPayment } from '../../../engine/index.js';
import { fillIdToWire } from '../ids.js';
import type { ParadexVenue } from '../venue.js';
import { accountSummaryToWire, fillToWire, fundingPaymentToWire, orderToWire, positionToWire } from '../wire/index.js';
import type { PrivateKind } from './channels.js';
import { OutgoingFrame, Payload } from './fanout.js';
import type { FanOut, FrameSink } from './fanout.js';
import type { MarketTracker } from './market-tracker.js';
import type { SubscriptionRegistry } from './registry.js';

type AccountEvent = Extract<EngineEvent, { account: string }>;
type BalanceEvent = Extract<EngineEvent, { type: 'balance' }>;

const BALANCE_TYPE: Record<BalanceReason, string> = {
  TRADE: 'TRANSACTION_FILL',
  FUNDING: 'TRANSACTION_FUNDING',
  BUST: 'TRANSACTION_BUST',
  DEPOSIT: 'DEPOSIT',
  WITHDRAW: 'WITHDRAWAL',
};

interface PositionMemory {
  side: 'LONG' | 'SHORT';
  openedAt: number;
}

interface AccountMemory {
  /** The busted fill behind the next BUST balance change (the engine emits it first). */
  lastFill: EngineFill | undefined;
  /** Settlement balance as of the events seen so far (a fill's balance event is computed from it). */
  balance: string | undefined;
  /** A FUNDING balance change waits for its funding_payment (emitted right after it). */
  pendingFunding: BalanceEvent | undefined;
  positions: Map<string, PositionMemory>;
}

export class PrivateFeed<S extends FrameSink> {
  readonly #venue: ParadexVenue;
  readonly #registry: SubscriptionRegistry<S>;
  readonly #fanout: FanOut;
  readonly #markets: MarketTracker;
  readonly #accounts = new Map<string, AccountMemory>();
  readonly #settlementAssetAddress: string;

  constructor(venue: ParadexVenue, registry: SubscriptionRegistry<S>, fanout: FanOut, markets: MarketTracker) {
    this.#venue = venue;
    this.#registry = registry;
    this.#fanout = fanout;
    this.#markets = markets;
    const tokens = venue.systemConfig.body.bridged_tokens as readonly { readonly l2_token_address?: string }[] | undefined;
    this.#settlementAssetAddress = tokens?.[0]?.l2_token_address ?? '0x0';
  }

  onEvent(event: AccountEvent): void {
    const account = event.account;
    if (!this.#registry.hasAccountTopics(account)) {
      this.#accounts.delete(account);
      return;
    }
    const memory = this.#memory(account);
    switch (event.type) {
      case 'order':
        this.#publish('orders', account, event.order.market, () => orderToWire(event.order, this.#venue.orderMeta.get(event.order.id), 'ws'));
        return;
      case 'fill': {
        this.#publish('fills', account, event.fill.market, () => fillToWire(event.fill, this.#markets.indexPrice(event.fill.market)));
        // The engine reports no balance change for a fill that moved no cash; the venue still
        // sends the fill's balance event, so it is built here from the fill itself.
        const before = memory.balance ?? this.#venue.engine.accountSummary(account).collateral;
        const after = add(before, sub(event.fill.realizedPnl, event.fill.fee));
        memory.balance = after;
        this.#publish('balance_events', account, undefined, () => this.#fillBalance(event.fill, before, after, event.timestamp));
        return;
      }
      case 'fill_busted':
        memory.lastFill = event.fill;
        this.#publish('tradebusts', account, undefined, () => ({ account, busted_fill_id: fillIdToWire(event.fill.id), created_at: event.timestamp }));
        return;
      case 'position':
        this.#publish('positions', account, undefined, () => this.#position(memory, event.position, event.timestamp));
        return;
      case 'account':
        memory.balance = event.summary.collateral;
        this.#publish('account', account, undefined, () => accountSummaryToWire(event.summary));
        return;
      case 'balance':
        memory.balance = event.balance;
        if (event.reason === 'TRADE') return; // published with its fill
        if (event.reason === 'FUNDING') memory.pendingFunding = event;
        else this.#publish('balance_events', account, undefined, () => this.#balance(event, event.reason === 'BUST' ? memory.lastFill : undefined));
        return;
      case 'funding_payment': {
        const pending = memory.pendingFunding;
        memory.pendingFunding = undefined;
        if (pending !== undefined) this.#publish('balance_events', account, undefined, () => this.#balance(pending, undefined, event.payment));
        this.#publish('funding_payments', account, event.payment.market, () => fundingPaymentToWire(event.payment));
        return;
      }
    }
  }

  /**
   * Called when an account's first private channel is subscribed (outside any engine operation):
   * the balance read now is the one the next fill starts from.
   */
  prime(account: string): void {
    if (this.#accounts.has(account) || !this.#venue.engine.hasAccount(account)) return;
    this.#memory(account).balance = this.#venue.engine.accountSummary(account).collateral;
  }

  /** Forget what was learnt from events (the dialect stopped listening, so it would go stale). */
  clear(): void {
    this.#accounts.clear();
  }

  #memory(account: string): AccountMemory {
    let memory = this.#accounts.get(account);
    if (memory === undefined) {
      memory = { lastFill: undefined, balance: undefined, pendingFunding: undefined, positions: new Map() };
      this.#accounts.set(account, memory);
    }
    return memory;
  }

  #publish(kind: PrivateKind, account: string, market: string | undefined, payload: () => unknown): void {
    if (!this.#registry.hasTopics(kind, market, account)) return;
    const shared = new Payload(payload());
    for (const topic of this.#registry.topicsFor(kind, market, account)) {
      this.#fanout.publish(topic, () => new OutgoingFrame(topic.prefix, shared));
    }
  }

  #position(memory: AccountMemory, position: Parameters<typeof positionToWire>[0], timestamp: number): Record<string, unknown> {
    let known = memory.positions.get(position.market);
    if (position.side !== 'FLAT' && known?.side !== position.side) {
      known = { side: position.side, openedAt: timestamp };
      memory.positions.set(position.market, known);
    }
    return positionToWire(position, {
      channel: 'ws',
      fundingIndex: this.#markets.fundingIndex(position.market),
      ...(known === undefined ? {} : { closedSide: known.side, createdAt: known.openedAt }),
    });
  }

  #fillBalance(fill: EngineFill, before: string, after: string, timestamp: number): Record<string, unknown> {
    return this.#balanceEvent({
      type: BALANCE_TYPE.TRADE,
      market: fill.market,
      fillId: fillIdToWire(fill.id),
      fees: fill.fee,
      fundingIndex: this.#markets.fundingIndex(fill.market),
      realizedFunding: '0',
      realizedPnl: fill.realizedPnl,
      asset: fill.feeAsset,
      before,
      after,
      timestamp,
    });
  }

  #balance(event: BalanceEvent, fill: EngineFill | undefined, payment?: EngineFundingPayment): Record<string, unknown> {
    const market = fill?.market ?? payment?.market ?? '';
    return this.#balanceEvent({
      type: BALANCE_TYPE[event.reason],
      market,
      fillId: fill === undefined ? '' : fillIdToWire(fill.id),
      fees: '0',
      fundingIndex: payment?.fundingIndex ?? (market === '' ? '0' : this.#markets.fundingIndex(market)),
      realizedFunding: payment?.payment ?? '0',
      // A bust gives back what the fill realized: the whole change is that PnL reversal.
      realizedPnl: event.reason === 'BUST' ? event.change : '0',
      asset: event.asset,
      before: sub(event.balance, event.change),
      after: event.balance,
      timestamp: event.timestamp,
    });
  }

  #balanceEvent(e: {
    type: string;
    market: string;
    fillId: string;
    fees: string;
    fundingIndex: string;
    realizedFunding: string;
    realizedPnl: string;
    asset: string;
    before: string;
    after: string;
    timestamp: number;
  }): Record<string, unknown> {
    return {
      type: e.type,
      status: 'ON_BLOCKCHAIN',
      market: e.market,
      fill_id: e.fillId,
      fees: e.fees,
      funding_index: e.fundingIndex,
      realized_funding: e.realizedFunding,
      realized_pnl: e.realizedPnl,
      settlement_asset_address: this.#settlementAssetAddress,
      settlement_asset_name: e.asset,
      settlement_asset_price: '1',
      settlement_asset_balance_before: e.before,
      settlement_asset_balance_after: e.after,
      created_at: e.timestamp,
    };
  }
}
