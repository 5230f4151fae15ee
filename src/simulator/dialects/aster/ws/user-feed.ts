/**
 * Engine account events -> the user data stream of the account's active listenKey (the topic).
 *
 *  - order accepted: ORDER_TRADE_UPDATE x=NEW; each fill: x=TRADE (X PARTIALLY_FILLED/FILLED);
 *    closed unfilled or partly filled: x=CANCELED (user, cancel-all, countdown) or x=EXPIRED
 *    (IOC/FOK/GTX leftovers, self-trade, triggered order refused); amended: x=AMENDMENT.
 *    Internal transitions the venue does not report (resting, waiting for a trigger) send nothing.
 *  - fills, funding, deposits, busts: one ACCOUNT_UPDATE per engine operation, carrying the
 *    balance and the positions that operation changed (a leverage change alone sends none:
 *    ACCOUNT_CONFIG_UPDATE does). New and cancelled orders cause no ACCOUNT_UPDATE, as documented.
 */
import { add, isZero, mul, div } from '../../../../core/decimal.js';
import type { BalanceReason, EngineEvent, EngineFill, EngineOrder, EnginePosition } from '../../../engine/index.js';
import type { AsterContext } from '../context.js';
import type { ListenKeyRecord } from '../listen-keys.js';
import { asterStatus, metaOf } from '../render/orders.js';
import { accountConfigUpdate, accountUpdate, listenKeyExpired, orderTradeUpdate, type AccountUpdateReason } from '../render/user-events.js';
import type { AsterMarket } from '../symbols.js';

interface FillTotals {
  qty: string;
  notional: string;
}

interface OperationBatch {
  positions: Map<string, EnginePosition>;
  reason: AccountUpdateReason | undefined;
  change: string;
  touched: boolean;
}

const REASONS: Record<BalanceReason, AccountUpdateReason> = {
  TRADE: 'ORDER',
  FUNDING: 'FUNDING_FEE',
  DEPOSIT: 'DEPOSIT',
  WITHDRAW: 'WITHDRAW',
  BUST: 'ADJUSTMENT',
};

export class UserFeed {
  /** Latest view of every order still open, by engine id. */
  readonly #orders = new Map<string, EngineOrder>();
  readonly #fills = new Map<string, FillTotals>();
  readonly #batches = new Map<string, OperationBatch>();

  constructor(private readonly ctx: AsterContext) {}

  readonly onEvent = (event: EngineEvent): void => {
    switch (event.type) {
      case 'order':
        return this.#order(event.order, event.timestamp);
      case 'fill':
        this.#batch(event.account).touched = true;
        return this.#fill(event.fill, event.timestamp);
      case 'position':
        this.#batch(event.account).positions.set(event.position.market, event.position);
        return;
      case 'balance': {
        const batch = this.#batch(event.account);
        batch.touched = true;
        batch.reason ??= REASONS[event.reason];
        if (event.reason === 'DEPOSIT' || event.reason === 'WITHDRAW') batch.change = add(batch.change, event.change);
        return;
      }
      case 'fill_busted':
        this.#batch(event.account).touched = true;
        this.#batch(event.account).reason ??= 'ADJUSTMENT';
        return;
      case 'account':
        return this.#endOfOperation(event.account, event.summary.collateral, event.timestamp);
      default:
        return;
    }
  };

  /** ACCOUNT_CONFIG_UPDATE after a leverage change. */
  publishLeverage(account: string, symbol: string, leverage: number, now: number): void {
    this.#publish(account, now, () => accountConfigUpdate(symbol, leverage, now));
  }

  /** Announces an expired listenKey on its own topic (before it is forgotten). */
  publishExpired(record: ListenKeyRecord, now: number): void {
    this.ctx.hub.publish(record.key, (action) => (action.kind === 'gap' ? undefined : listenKeyExpired(now)));
  }

  #order(order: EngineOrder, at: number): void {
    const market = this.ctx.symbols.byEngineId(order.market);
    if (market === undefined) return;
    const known = this.#orders.get(order.id);
    const amended = this.ctx.amending.has(order.id);
    if (order.status === 'CLOSED') {
      this.#orders.delete(order.id);
      const totals = this.#fills.get(order.id);
      this.#fills.delete(order.id);
      // Fully filled: the last TRADE report already said FILLED.
      if (order.cancelReason === undefined) return;
      const status = asterStatus(order);
      this.#report(order, market, at, { x: status === 'CANCELED' ? 'CANCELED' : 'EXPIRED', X: status, totals });
      return;
    }
    this.#orders.set(order.id, order);
    if (known === undefined) this.#report(order, market, at, { x: 'NEW', X: 'NEW', totals: undefined });
    else if (amended) this.#report(order, market, at, { x: 'AMENDMENT', X: asterStatus(order), totals: this.#fills.get(order.id) });
  }

  #fill(fill: EngineFill, at: number): void {
    const market = this.ctx.symbols.byEngineId(fill.market);
    const order = this.#orders.get(fill.orderId);
    if (market === undefined || order === undefined) return;
    const before = this.#fills.get(fill.orderId) ?? { qty: '0', notional: '0' };
    const totals = { qty: add(before.qty, fill.size), notional: add(before.notional, mul(fill.price, fill.size)) };
    this.#fills.set(fill.orderId, totals);
    const meta = metaOf(order, this.ctx.orderMeta.get(order.id));
    this.#publish(fill.account, at, () =>
      orderTradeUpdate(
        order,
        meta,
        market,
        {
          x: 'TRADE',
          X: isZero(fill.remainingSize) ? 'FILLED' : 'PARTIALLY_FILLED',
          lastQty: fill.size,
          lastPrice: fill.price,
          filledQty: totals.qty,
          averagePrice: div(totals.notional, totals.qty, 8),
          commission: fill.fee,
          tradeId: fill.tradeId,
          maker: fill.liquidity === 'MAKER',
          realizedPnl: fill.realizedPnl,
        },
        at,
      ),
    );
  }

  #report(order: EngineOrder, market: AsterMarket, at: number, r: { x: 'NEW' | 'CANCELED' | 'EXPIRED' | 'AMENDMENT'; X: string; totals: FillTotals | undefined }): void {
    const meta = metaOf(order, this.ctx.orderMeta.get(order.id));
    const filled = r.totals?.qty ?? '0';
    const average = r.totals === undefined || isZero(r.totals.qty) ? '0' : div(r.totals.notional, r.totals.qty, 8);
    const execution = { x: r.x, X: r.X, lastQty: '0', lastPrice: '0', filledQty: filled, averagePrice: average, commission: '0', maker: false, realizedPnl: '0' };
    this.#publish(order.account, at, () => orderTradeUpdate(order, meta, market, execution, at));
  }

  #batch(account: string): OperationBatch {
    let batch = this.#batches.get(account);
    if (batch === undefined) {
      batch = { positions: new Map(), reason: undefined, change: '0', touched: false };
      this.#batches.set(account, batch);
    }
    return batch;
  }

  #endOfOperation(account: string, collateral: string, at: number): void {
    const batch = this.#batches.get(account);
    this.#batches.delete(account);
    if (batch === undefined || !batch.touched) return;
    const positions: { market: AsterMarket; position: EnginePosition }[] = [];
    for (const position of batch.positions.values()) {
      const market = this.ctx.symbols.byEngineId(position.market);
      if (market !== undefined) positions.push({ market, position });
    }
    this.#publish(account, at, () => accountUpdate(batch.reason ?? 'ORDER', { walletBalance: collateral, change: batch.change }, positions, at));
  }

  #publish(account: string, now: number, build: () => Record<string, unknown>): void {
    const topic = this.ctx.listenKeys.keyOf(account, now);
    if (topic === undefined) return;
    // The user stream has no sequence numbers: a "gap" fault loses the frame.
    this.ctx.hub.publish(topic, (action) => (action.kind === 'gap' ? undefined : build()));
  }
}
