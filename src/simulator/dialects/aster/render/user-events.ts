/**
 * User data stream payloads (aster.md §7.4): ORDER_TRADE_UPDATE, ACCOUNT_UPDATE,
 * ACCOUNT_CONFIG_UPDATE, listenKeyExpired. Field letters follow the docs' example and the
 * recorded ACCOUNT_UPDATE (which carries "ma", the margin asset). Not modelled: the bid/ask
 * notional of open orders ("b", "a": always "0") and isolated wallets ("iw": "0", margin "cross").
 */
import { isZero, normalize } from '../../../../core/decimal.js';
import type { EngineOrder, EnginePosition } from '../../../engine/index.js';
import type { OrderMeta } from '../context.js';
import { money8, padDp } from '../format.js';
import { orderIdOf, tradeIdOf } from '../ids.js';
import { avgPrice, price, qty, type AsterMarket } from '../symbols.js';

export type ExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'AMENDMENT';

/** What one execution report adds to the order's own fields. */
export interface Execution {
  readonly x: ExecutionType;
  readonly X: string;
  /** Last fill quantity and price ("0" when not a trade). */
  readonly lastQty: string;
  readonly lastPrice: string;
  /** Cumulative filled quantity and average price. */
  readonly filledQty: string;
  readonly averagePrice: string;
  readonly commission: string;
  readonly tradeId?: string;
  readonly maker: boolean;
  readonly realizedPnl: string;
}

export function orderTradeUpdate(order: EngineOrder, meta: OrderMeta, m: AsterMarket, exec: Execution, eventTime: number): Record<string, unknown> {
  const marketType = meta.type.endsWith('MARKET');
  const o: Record<string, unknown> = {
    s: m.symbol,
    c: order.clientId ?? '',
    S: order.side,
    o: meta.type,
    f: meta.timeInForce,
    q: qty(m, order.size),
    p: marketType ? '0' : price(m, order.price),
    ap: isZero(exec.averagePrice) ? '0' : avgPrice(m, exec.averagePrice),
    sp: isZero(order.triggerPrice) ? '0' : price(m, order.triggerPrice),
    x: exec.x,
    X: exec.X,
    i: orderIdOf(order.id),
    l: qty(m, exec.lastQty),
    z: qty(m, exec.filledQty),
    L: isZero(exec.lastPrice) ? '0' : price(m, exec.lastPrice),
    N: 'USDT',
    n: isZero(exec.commission) ? '0' : money8(exec.commission),
    T: eventTime,
    t: exec.tradeId === undefined ? 0 : tradeIdOf(exec.tradeId),
    b: '0',
    a: '0',
    m: exec.maker,
    R: order.reduceOnly,
    wt: meta.workingType,
    ot: meta.type,
    ps: 'BOTH',
    cp: order.closePosition,
  };
  if (meta.type === 'TRAILING_STOP_MARKET') {
    o.AP = meta.activatePrice ?? '0';
    o.cr = order.callbackRate === undefined ? '0' : normalize(order.callbackRate);
  }
  o.rp = money8(exec.realizedPnl);
  return { e: 'ORDER_TRADE_UPDATE', E: eventTime, T: eventTime, o };
}

export type AccountUpdateReason = 'ORDER' | 'FUNDING_FEE' | 'DEPOSIT' | 'WITHDRAW' | 'ADJUSTMENT';

export interface BalanceLine {
  readonly walletBalance: string;
  /** Balance change excluding PnL and commission (deposits and withdrawals). */
  readonly change: string;
}

export function accountUpdate(
  reason: AccountUpdateReason,
  balance: BalanceLine,
  positions: readonly { market: AsterMarket; position: EnginePosition }[],
  eventTime: number,
): Record<string, unknown> {
  return {
    e: 'ACCOUNT_UPDATE',
    E: eventTime,
    T: eventTime,
    a: {
      m: reason,
      B: [{ a: 'USDT', wb: money8(balance.walletBalance), cw: money8(balance.walletBalance), bc: normalize(balance.change) }],
      P: positions.map(({ market, position: p }) => ({
        s: market.symbol,
        pa: qty(market, p.size),
        ep: isZero(p.size) ? '0.00000000' : padDp(p.averageEntryPrice, 8),
        cr: money8(p.realizedPnl),
        up: money8(p.unrealizedPnl),
        mt: 'cross',
        iw: '0',
        ps: 'BOTH',
        ma: 'USDT',
      })),
    },
  };
}

export function accountConfigUpdate(symbol: string, leverage: number, eventTime: number): Record<string, unknown> {
  return { e: 'ACCOUNT_CONFIG_UPDATE', E: eventTime, T: eventTime, ac: { s: symbol, l: leverage } };
}

export function listenKeyExpired(eventTime: number): Record<string, unknown> {
  return { e: 'listenKeyExpired', E: eventTime };
}
