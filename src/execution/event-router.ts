/**
 * Routes a client's events into the execution layer: orders and fills to the tracker (which
 * deduplicates and checks the transition table), new fills to the positions, venue position
 * snapshots to a consistency check (a mismatch that persists triggers a reconciliation), equity
 * and market-data times to the risk manager, BBO mids and funding marks to the positions.
 */
import type { Clock } from '../core/clock.js';
import { add, div } from '../core/decimal.js';
import type { ExchangeEvent } from '../core/exchange-client.js';
import type { Balance, DecimalString } from '../core/types.js';
import type { ExecutionJournal } from './journal.js';
import type { OrderTracker } from './order-tracker.js';
import type { Sleep } from './outcome.js';
import type { PositionManager } from './position-manager.js';
import { LAST_FILL_KEY } from './reconciler.js';
import type { RiskManager } from './risk.js';
import type { TaskGroup } from './task-group.js';

export interface EventRouterDeps {
  readonly tracker: OrderTracker;
  readonly positions: PositionManager;
  readonly risk: RiskManager;
  readonly journal: ExecutionJournal;
  readonly balances: Map<string, Balance>;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly tasks: TaskGroup;
  readonly reconcileSoon: (trigger: string) => void;
}

/** How long a position snapshot may disagree with our fills before we reconcile (fills in flight). */
const POSITION_RECHECK_MS = 250;

export class EventRouter {
  readonly #d: EventRouterDeps;
  readonly #marks = new Map<string, { price: DecimalString; at: number }>();

  constructor(deps: EventRouterDeps) {
    this.#d = deps;
  }

  markOf(market: string): DecimalString | undefined {
    return this.#marks.get(market)?.price;
  }

  route(event: ExchangeEvent): void {
    const d = this.#d;
    switch (event.type) {
      case 'order':
        d.tracker.applyUpdate(event.order, 'stream');
        break;
      case 'fill':
        if (d.tracker.applyFill(event.fill, 'stream').kind === 'new') {
          d.positions.applyFill(event.fill);
          const last = d.journal.getState<number>(LAST_FILL_KEY) ?? 0;
          if (event.fill.timestamp > last) d.journal.setState(LAST_FILL_KEY, event.fill.timestamp);
        }
        break;
      case 'fill_busted':
        if (!d.positions.reverseFill(event.fillId)) d.reconcileSoon('fill_busted');
        break;
      case 'position':
        if (d.positions.compareWithVenue(event.position) === 'mismatch') {
          void d.tasks.spawn('position check', async () => {
            await d.sleep(POSITION_RECHECK_MS);
            if (d.positions.compareWithVenue(event.position) === 'mismatch') d.reconcileSoon('position_mismatch');
          });
        }
        break;
      case 'balance':
        d.balances.set(event.balance.asset, event.balance);
        break;
      case 'account':
        d.risk.observeEquity(event.account.equity, d.clock.now());
        break;
      case 'bbo':
        d.risk.observeMarketData(event.bbo.market, event.bbo.timestamp);
        if (event.bbo.bid !== undefined && event.bbo.ask !== undefined) {
          this.#setMark(event.bbo.market, div(add(event.bbo.bid, event.bbo.ask), '2', 12, 'half_even'), event.bbo.timestamp);
        }
        break;
      case 'trade':
        d.risk.observeMarketData(event.trade.market, event.trade.timestamp);
        break;
      case 'book':
        d.risk.observeMarketData(event.book.market, event.book.timestamp);
        break;
      case 'funding':
        if (event.funding.markPrice !== undefined) this.#setMark(event.funding.market, event.funding.markPrice, event.funding.timestamp);
        break;
      case 'funding_payment':
      case 'connection':
        break;
    }
  }

  #setMark(market: string, price: DecimalString, at: number): void {
    this.#marks.set(market, { price, at });
    this.#d.positions.setMark(market, price, at);
  }
}
