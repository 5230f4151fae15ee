/**
 * The engine's mutable order record and its conversion to the public EngineOrder view.
 * Quantities are fixed-point bigints (see fixed.ts); `remaining` is kept alongside `filled` so the
 * matching loop never recomputes it.
 */
import { divRound, fmtMoney, fmtPrice, fmtSize } from './fixed.js';
import type {
  CancelReason,
  EngineOrder,
  EngineOrderStatus,
  EngineOrderType,
  EngineTimeInForce,
  SelfTradePrevention,
  TriggerDirection,
} from './types.js';

/** +1 buy, -1 sell: lets position arithmetic multiply instead of branching. */
export type SideSign = 1 | -1;

export interface TrailingState {
  /** Callback in percent, at 8 dp ("1" = 1% -> 100000000n). */
  readonly callbackRate: bigint;
  readonly activationPrice: bigint | undefined;
  activated: boolean;
  /** Highest mark since activation (SELL) or lowest (BUY). */
  extreme: bigint;
}

export interface OrderRecord {
  readonly id: string;
  /** Creation order; time priority inside a level follows book insertion, this breaks other ties. */
  readonly serial: number;
  readonly account: string;
  readonly market: string;
  readonly side: SideSign;
  readonly type: EngineOrderType;
  readonly tif: EngineTimeInForce;
  size: bigint;
  filled: bigint;
  remaining: bigint;
  /** 0n for market-type orders. */
  price: bigint;
  /** 0n when none. */
  triggerPrice: bigint;
  readonly triggerDirection: TriggerDirection | undefined;
  readonly trailing: TrailingState | undefined;
  readonly reduceOnly: boolean;
  readonly closePosition: boolean;
  readonly stp: SelfTradePrevention;
  readonly clientId: string | undefined;
  status: EngineOrderStatus;
  cancelReason: CancelReason | undefined;
  readonly createdAt: number;
  updatedAt: number;
  triggeredAt: number | undefined;
  seqNo: number;
  /** Sum of fill price x size (money scale), for the average fill price. */
  filledNotional: bigint;
  /** Set while the order rests in the book (see book.ts). */
  entry: BookEntry | undefined;
  /** True for the market maker's orders: no risk checks, no private events unless asked. */
  readonly internal: boolean;
}

/** One insertion of an order into a price level; lazily dropped when `live` turns false. */
export interface BookEntry {
  readonly order: OrderRecord;
  live: boolean;
}

export const isTriggerType = (t: EngineOrderType): boolean => t !== 'MARKET' && t !== 'LIMIT';
export const isMarketType = (t: EngineOrderType): boolean => t.endsWith('MARKET');
export const isOpenStatus = (s: EngineOrderStatus): boolean => s !== 'CLOSED';

/** What a trigger order becomes once it fires. */
export function activeTypeOf(t: EngineOrderType): 'MARKET' | 'LIMIT' {
  return isMarketType(t) ? 'MARKET' : 'LIMIT';
}

/**
 * Default trigger directions (Aster/Binance convention, also how Paradex TP/SL protect a
 * position): stops fire when the mark moves against the order's side, take-profits when it moves
 * in favour. BUY STOP: mark >= trigger; SELL STOP: mark <= trigger; TAKE_PROFIT the reverse.
 */
export function defaultTriggerDirection(type: EngineOrderType, side: SideSign): TriggerDirection | undefined {
  if (type.startsWith('TAKE_PROFIT')) return side === 1 ? 'BELOW' : 'ABOVE';
  if (type.startsWith('STOP')) return side === 1 ? 'ABOVE' : 'BELOW';
  return undefined;
}

export function toOrderView(o: OrderRecord): EngineOrder {
  const view: {
    -readonly [K in keyof EngineOrder]: EngineOrder[K];
  } = {
    id: o.id,
    account: o.account,
    market: o.market,
    side: o.side === 1 ? 'BUY' : 'SELL',
    type: o.type,
    timeInForce: o.tif,
    size: fmtSize(o.size),
    filledSize: fmtSize(o.filled),
    remainingSize: fmtSize(o.remaining),
    price: fmtPrice(o.price),
    // money (16 dp) / size (8 dp) = price (8 dp)
    avgFillPrice: o.filled === 0n ? '0' : fmtPrice(divRound(o.filledNotional, o.filled, 'half_even')),
    filledNotional: fmtMoney(o.filledNotional),
    triggerPrice: fmtPrice(o.triggerPrice),
    reduceOnly: o.reduceOnly,
    closePosition: o.closePosition,
    stp: o.stp,
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    seqNo: o.seqNo,
  };
  if (o.triggerDirection !== undefined) view.triggerDirection = o.triggerDirection;
  if (o.trailing !== undefined) {
    view.callbackRate = fmtPrice(o.trailing.callbackRate);
    if (o.trailing.activationPrice !== undefined) view.activationPrice = fmtPrice(o.trailing.activationPrice);
  }
  if (o.clientId !== undefined) view.clientId = o.clientId;
  if (o.cancelReason !== undefined) view.cancelReason = o.cancelReason;
  if (o.triggeredAt !== undefined) view.triggeredAt = o.triggeredAt;
  return view;
}

export interface NewOrderInit {
  readonly account: string;
  readonly market: string;
  readonly side: SideSign;
  readonly type: EngineOrderType;
  readonly tif: EngineTimeInForce;
  readonly size: bigint;
  readonly price: bigint;
  readonly triggerPrice: bigint;
  readonly triggerDirection: TriggerDirection | undefined;
  readonly trailing: TrailingState | undefined;
  readonly reduceOnly: boolean;
  readonly closePosition: boolean;
  readonly stp: SelfTradePrevention;
  readonly clientId: string | undefined;
  readonly internal: boolean;
}

/**
 * A fresh order in status NEW; the id is the engine-wide serial as a decimal string. Every field
 * is written out in one literal so all orders share one object shape (a spread of `init` made
 * V8 fall back to slow dictionary objects, ten times slower on the hot path).
 */
export function newOrderRecord(serial: number, now: number, init: NewOrderInit): OrderRecord {
  return {
    id: String(serial),
    serial,
    account: init.account,
    market: init.market,
    side: init.side,
    type: init.type,
    tif: init.tif,
    size: init.size,
    filled: 0n,
    remaining: init.size,
    price: init.price,
    triggerPrice: init.triggerPrice,
    triggerDirection: init.triggerDirection,
    trailing: init.trailing,
    reduceOnly: init.reduceOnly,
    closePosition: init.closePosition,
    stp: init.stp,
    clientId: init.clientId,
    status: 'NEW',
    cancelReason: undefined,
    createdAt: now,
    updatedAt: now,
    triggeredAt: undefined,
    seqNo: 0,
    filledNotional: 0n,
    entry: undefined,
    internal: init.internal,
  };
}
