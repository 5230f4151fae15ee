/**
 * Pure translation between the simulator engine's types and the domain types of src/core, in both
 * directions, with explicit tables (a new engine enum value fails to compile until mapped).
 */
import { isZero, quantize } from '../core/decimal.js';
import type {
  AccountSummary,
  BBO,
  ExchangeId,
  Fill,
  FundingPayment,
  Market,
  Order,
  OrderBook,
  OrderRequest,
  OrderStatus,
  OrderType,
  Position,
  Side,
  TimeInForce,
  Trade,
} from '../core/types.js';
import type {
  BookSnapshot,
  CancelReason,
  EngineAccountSummary,
  EngineBbo,
  EngineFill,
  EngineFundingPayment,
  EngineOrder,
  EngineOrderType,
  EnginePosition,
  EngineSide,
  EngineTimeInForce,
  EngineTrade,
  MarketConfig,
  SubmitOrderRequest,
} from '../simulator/engine/index.js';

export const ORDER_TYPE_TO_ENGINE = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop_market: 'STOP_MARKET',
  stop_limit: 'STOP_LIMIT',
  take_profit_market: 'TAKE_PROFIT_MARKET',
  take_profit_limit: 'TAKE_PROFIT_LIMIT',
  stop_loss_market: 'STOP_LOSS_MARKET',
  stop_loss_limit: 'STOP_LOSS_LIMIT',
  trailing_stop_market: 'TRAILING_STOP_MARKET',
} as const satisfies Record<OrderType, EngineOrderType>;

export const ENGINE_TO_ORDER_TYPE = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOP_MARKET: 'stop_market',
  STOP_LIMIT: 'stop_limit',
  TAKE_PROFIT_MARKET: 'take_profit_market',
  TAKE_PROFIT_LIMIT: 'take_profit_limit',
  STOP_LOSS_MARKET: 'stop_loss_market',
  STOP_LOSS_LIMIT: 'stop_loss_limit',
  TRAILING_STOP_MARKET: 'trailing_stop_market',
} as const satisfies Record<EngineOrderType, OrderType>;

export const TIF_TO_ENGINE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK', post_only: 'POST_ONLY' } as const satisfies Record<TimeInForce, EngineTimeInForce>;
export const ENGINE_TO_TIF = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', POST_ONLY: 'post_only' } as const satisfies Record<EngineTimeInForce, TimeInForce>;

const SIDE_TO_ENGINE = { buy: 'BUY', sell: 'SELL' } as const satisfies Record<Side, EngineSide>;
const ENGINE_TO_SIDE = { BUY: 'buy', SELL: 'sell' } as const satisfies Record<EngineSide, Side>;

/** How a CLOSED engine order ended, by cancel reason (undefined = it filled completely). */
const CLOSED_BY_REASON = {
  USER_CANCELED: 'canceled',
  ADMIN_CANCELED: 'canceled',
  SELF_TRADE: 'canceled',
  NO_POSITION_TO_CLOSE: 'canceled',
  NOT_ENOUGH_MARGIN: 'rejected',
  ORDER_EXCEEDS_POSITION_LIMIT: 'rejected',
  ORDER_SIZE_BELOW_MIN: 'rejected',
  POST_ONLY_WOULD_CROSS: 'rejected',
  REDUCE_ONLY_WOULD_INCREASE: 'rejected',
  PRICE_OUTSIDE_BAND: 'rejected',
  IOC_NOT_FILLED: 'expired',
  FOK_NOT_FILLED: 'expired',
} as const satisfies Record<CancelReason, OrderStatus>;

export function orderStatus(o: EngineOrder): OrderStatus {
  switch (o.status) {
    case 'NEW':
      return 'new';
    case 'UNTRIGGERED':
      return 'untriggered';
    case 'OPEN':
      return isZero(o.filledSize) ? 'open' : 'partially_filled';
    case 'CLOSED': {
      if (o.cancelReason === undefined) return 'filled';
      const byReason = CLOSED_BY_REASON[o.cancelReason];
      // A refusal after part of the order traded is a cancellation of the rest, not a rejection.
      return byReason === 'rejected' && !isZero(o.filledSize) ? 'canceled' : byReason;
    }
  }
}

const positive = (v: string): string | undefined => (isZero(v) ? undefined : v);

export function toOrder(o: EngineOrder, exchange: ExchangeId, symbol: string): Order {
  const price = positive(o.price);
  const trigger = positive(o.triggerPrice);
  const avg = positive(o.avgFillPrice);
  return {
    exchange,
    id: o.id,
    ...(o.clientId === undefined ? {} : { clientOrderId: o.clientId }),
    market: symbol,
    side: ENGINE_TO_SIDE[o.side],
    type: ENGINE_TO_ORDER_TYPE[o.type],
    status: orderStatus(o),
    size: o.size,
    filledSize: o.filledSize,
    remainingSize: o.remainingSize,
    ...(price === undefined ? {} : { price }),
    ...(avg === undefined ? {} : { avgFillPrice: avg }),
    ...(trigger === undefined ? {} : { triggerPrice: trigger }),
    timeInForce: ENGINE_TO_TIF[o.timeInForce],
    reduceOnly: o.reduceOnly || o.closePosition,
    ...(o.cancelReason === undefined ? {} : { cancelReason: o.cancelReason }),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function toFill(f: EngineFill, exchange: ExchangeId, symbol: string): Fill {
  return {
    exchange,
    id: f.id,
    orderId: f.orderId,
    ...(f.clientId === undefined ? {} : { clientOrderId: f.clientId }),
    market: symbol,
    side: ENGINE_TO_SIDE[f.side],
    price: f.price,
    size: f.size,
    fee: f.fee,
    feeAsset: f.feeAsset,
    liquidity: f.liquidity === 'MAKER' ? 'maker' : 'taker',
    realizedPnl: f.realizedPnl,
    timestamp: f.createdAt,
  };
}

export function toPosition(p: EnginePosition, exchange: ExchangeId, symbol: string): Position {
  const flat = p.side === 'FLAT';
  return {
    exchange,
    market: symbol,
    side: flat ? 'flat' : p.side === 'LONG' ? 'long' : 'short',
    size: flat ? '0' : p.size.startsWith('-') ? p.size.slice(1) : p.size,
    signedSize: flat ? '0' : p.size,
    entryPrice: p.averageEntryPrice,
    unrealizedPnl: p.unrealizedPnl,
    realizedPnl: p.realizedPnl,
    leverage: p.leverage,
    updatedAt: p.updatedAt,
  };
}

export function toAccount(s: EngineAccountSummary, exchange: ExchangeId): AccountSummary {
  return {
    exchange,
    account: s.account,
    equity: s.accountValue,
    freeCollateral: s.freeCollateral,
    initialMargin: s.initialMargin,
    maintenanceMargin: s.maintenanceMargin,
    totalCollateral: s.collateral,
    status: s.marginStatus,
    updatedAt: s.updatedAt,
  };
}

export function toBook(b: BookSnapshot, symbol: string): OrderBook {
  return {
    market: symbol,
    bids: b.bids.map((l) => [l.price, l.size] as const),
    asks: b.asks.map((l) => [l.price, l.size] as const),
    seq: b.seq,
    timestamp: b.timestamp,
  };
}

export function toBbo(b: EngineBbo, symbol: string): BBO {
  return {
    market: symbol,
    ...(b.bid === undefined ? {} : { bid: b.bid }),
    ...(b.bidSize === undefined ? {} : { bidSize: b.bidSize }),
    ...(b.ask === undefined ? {} : { ask: b.ask }),
    ...(b.askSize === undefined ? {} : { askSize: b.askSize }),
    seq: b.bookSeq,
    timestamp: b.timestamp,
  };
}

export function toTrade(t: EngineTrade, symbol: string): Trade {
  return { market: symbol, id: t.id, side: ENGINE_TO_SIDE[t.side], price: t.price, size: t.size, timestamp: t.createdAt };
}

export function toFundingPayment(p: EngineFundingPayment, symbol: string): FundingPayment {
  return { id: p.id, market: symbol, amount: p.payment, timestamp: p.createdAt };
}

export function toMarket(c: MarketConfig, exchange: ExchangeId, symbol: string): Market {
  return {
    exchange,
    symbol,
    kind: c.kind,
    base: c.base,
    quote: c.quote,
    settlement: c.settlement,
    tickSize: c.tickSize,
    stepSize: c.stepSize,
    minNotional: c.minNotional,
    maxOrderSize: c.maxOrderSize,
    positionLimit: c.positionLimit,
    maxOpenOrders: c.maxOpenOrders,
    priceBandWidth: c.priceBandWidth,
  };
}

/**
 * A domain request as an engine submission for `account`, quantized like a venue client in
 * "round" mode: size down to the step, a limit price toward the passive side (buy down, sell up),
 * trigger prices to the nearest tick.
 */
export function toSubmitRequest(account: string, req: OrderRequest, market: Market, engineMarket: string): SubmitOrderRequest {
  const size = isZero(req.size) ? '0' : quantize(req.size, market.stepSize, 'down');
  const price = req.price === undefined ? undefined : quantize(req.price, market.tickSize, req.side === 'buy' ? 'floor' : 'ceil');
  const trigger = req.triggerPrice === undefined ? undefined : quantize(req.triggerPrice, market.tickSize, 'half_even');
  return {
    account,
    market: engineMarket,
    side: SIDE_TO_ENGINE[req.side],
    type: ORDER_TYPE_TO_ENGINE[req.type],
    size,
    ...(price === undefined || req.type.endsWith('market') ? {} : { price }),
    ...(trigger === undefined ? {} : { triggerPrice: trigger }),
    ...(req.timeInForce === undefined ? {} : { timeInForce: TIF_TO_ENGINE[req.timeInForce] }),
    ...(req.reduceOnly === undefined ? {} : { reduceOnly: req.reduceOnly }),
    ...(req.closePosition === undefined ? {} : { closePosition: req.closePosition }),
    ...(req.callbackRate === undefined ? {} : { callbackRate: req.callbackRate }),
    ...(req.clientOrderId === undefined ? {} : { clientId: req.clientOrderId }),
    ...(req.selfTradePrevention === undefined ? {} : { stp: STP_TO_ENGINE[req.selfTradePrevention] }),
  };
}

const STP_TO_ENGINE = { expire_maker: 'EXPIRE_MAKER', expire_taker: 'EXPIRE_TAKER', expire_both: 'EXPIRE_BOTH' } as const;
