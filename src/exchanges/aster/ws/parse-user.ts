/**
 * User data stream events (aster.md §7.4) -> domain values: ORDER_TRADE_UPDATE -> Order (+ Fill
 * when it reports a trade), ACCOUNT_UPDATE -> Balances and Positions. These arrive a few times a
 * second at most, so they go through zod schemas (loose: the venue adds fields such as `ma`).
 */
import { z } from 'zod';
import { abs, gt, isZero, lt, normalize, sign, sub } from '../../../core/decimal.js';
import type { Balance, Fill, Order, Position } from '../../../core/types.js';
import { fillId, inconsistent, priceOrUndefined, textOrUndefined } from '../parse-common.js';
import { LIMIT_PRICED_WIRE_TYPES, ORDER_STATUS_TABLE, TRIGGER_WIRE_TYPES, WIRE_TO_TIME_IN_FORCE, domainOrderType } from '../parse-order.js';
import { decodeValue } from '../rest/decode.js';
import { bool, decimal, id, orderStatusSchema, orderTypeSchema, sideSchema, timeInForceSchema, timeMs } from '../rest/schemas/index.js';

export const orderTradeUpdateSchema = z.looseObject({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: timeMs,
  T: timeMs.optional(),
  o: z.looseObject({
    s: z.string(),
    c: z.string().optional(),
    S: sideSchema,
    o: orderTypeSchema,
    f: timeInForceSchema,
    q: decimal,
    p: decimal,
    ap: decimal.optional(),
    sp: decimal.optional(),
    x: z.string(),
    X: orderStatusSchema,
    i: id,
    l: decimal,
    z: decimal,
    L: decimal,
    N: z.string().nullish(),
    n: decimal.nullish(),
    T: timeMs,
    t: id,
    m: z.boolean().optional(),
    R: bool.optional(),
    ot: orderTypeSchema.optional(),
    cp: bool.optional(),
    AP: decimal.optional(),
    cr: decimal.optional(),
    rp: decimal.optional(),
  }),
});
export type WireOrderTradeUpdate = z.infer<typeof orderTradeUpdateSchema>;

export const accountUpdateSchema = z.looseObject({
  e: z.literal('ACCOUNT_UPDATE'),
  E: timeMs,
  T: timeMs.optional(),
  a: z.looseObject({
    m: z.string().optional(),
    B: z.array(z.looseObject({ a: z.string(), wb: decimal, cw: decimal.optional(), bc: decimal.optional() })).default([]),
    P: z
      .array(
        z.looseObject({
          s: z.string(),
          pa: decimal,
          ep: decimal,
          cr: decimal.optional(),
          up: decimal,
          mt: z.string().optional(),
          iw: decimal.optional(),
          ps: z.enum(['BOTH', 'LONG', 'SHORT']).optional(),
        }),
      )
      .default([]),
  }),
});
export type WireAccountUpdate = z.infer<typeof accountUpdateSchema>;

export interface OrderUpdate {
  readonly order: Order;
  /** Present when the event reports a trade (x = TRADE). */
  readonly fill?: Fill;
  /** Event time E, to order updates of one order. */
  readonly eventTime: number;
}

export function parseOrderTradeUpdate(message: unknown): OrderUpdate {
  const wire = decodeValue(orderTradeUpdateSchema, message, { endpoint: 'user stream ORDER_TRADE_UPDATE' });
  const o = wire.o;
  const origType = o.ot ?? o.o;
  const reduceOnly = o.R === true || o.cp === true;
  const remaining = sub(o.q, o.z);
  if (lt(remaining, '0') && !isZero(o.q)) throw inconsistent('ORDER_TRADE_UPDATE', 'z', 'filled <= quantity', message);
  const price = LIMIT_PRICED_WIRE_TYPES.has(origType) ? priceOrUndefined(o.p) : undefined;
  const avgFillPrice = gt(o.z, '0') ? priceOrUndefined(o.ap) : undefined;
  const triggerPrice = origType === 'TRAILING_STOP_MARKET' ? priceOrUndefined(o.AP) : TRIGGER_WIRE_TYPES.has(origType) ? priceOrUndefined(o.sp) : undefined;
  const clientOrderId = textOrUndefined(o.c);
  const order: Order = {
    exchange: 'aster',
    id: o.i,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    market: o.s,
    side: o.S === 'BUY' ? 'buy' : 'sell',
    type: domainOrderType(origType, reduceOnly),
    status: ORDER_STATUS_TABLE[o.X]({ origType, type: o.o }),
    size: o.q,
    filledSize: o.z,
    remainingSize: lt(remaining, '0') ? '0' : remaining,
    ...(price === undefined ? {} : { price }),
    ...(avgFillPrice === undefined ? {} : { avgFillPrice }),
    ...(triggerPrice === undefined ? {} : { triggerPrice }),
    timeInForce: WIRE_TO_TIME_IN_FORCE[o.f],
    reduceOnly,
    // The stream carries no creation time: T is the time of this update.
    createdAt: o.T,
    updatedAt: o.T,
    raw: wire,
  };
  if (o.x !== 'TRADE' || !gt(o.l, '0')) return { order, eventTime: wire.E };
  const fill: Fill = {
    exchange: 'aster',
    id: fillId(o.s, o.t, o.i),
    orderId: o.i,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    market: o.s,
    side: order.side,
    price: o.L,
    size: o.l,
    fee: o.n ?? '0',
    feeAsset: o.N ?? '',
    liquidity: o.m === true ? 'maker' : 'taker',
    ...(o.rp === undefined ? {} : { realizedPnl: o.rp }),
    timestamp: o.T,
    raw: wire,
  };
  return { order, fill, eventTime: wire.E };
}

export interface AccountChanges {
  readonly balances: readonly Balance[];
  readonly positions: readonly Position[];
  readonly eventTime: number;
  /** Why the venue sent it: ORDER, FUNDING_FEE, DEPOSIT... */
  readonly reason: string | undefined;
}

/** `cr` is the position's accumulated realized PnL; `bc` (balance change) is not needed by the domain. */
export function parseAccountUpdate(message: unknown): AccountChanges {
  const wire = decodeValue(accountUpdateSchema, message, { endpoint: 'user stream ACCOUNT_UPDATE' });
  const balances = wire.a.B.map((b): Balance => ({ asset: b.a, total: b.wb, updatedAt: wire.E }));
  const positions = wire.a.P.map((p): Position => {
    const flat = isZero(p.pa);
    return {
      exchange: 'aster',
      market: p.s,
      side: flat ? 'flat' : sign(p.pa) > 0 ? 'long' : 'short',
      size: flat ? '0' : abs(p.pa),
      signedSize: flat ? '0' : normalize(p.pa),
      entryPrice: p.ep,
      unrealizedPnl: p.up,
      realizedPnl: p.cr ?? '0',
      updatedAt: wire.E,
      raw: p,
    };
  });
  return { balances, positions, eventTime: wire.E, reason: wire.a.m };
}
