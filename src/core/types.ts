/**
 * Exchange-agnostic domain types. Every price, size and amount is an exact decimal string
 * (see decimal.ts); floats never carry money. `raw` keeps the venue payload for debugging only:
 * core and execution logic never read it.
 */

export type ExchangeId = 'paradex' | 'aster';

/** A decimal number written as a plain string: "65000.5", "-0.01", "0". No exponent, no float. */
export type DecimalString = string;

export type Side = 'buy' | 'sell';
export type PositionSide = 'long' | 'short' | 'flat';
export type MarketKind = 'PERP' | 'PERP_OPTION';

export const ORDER_TYPES = [
  'market',
  'limit',
  'stop_market',
  'stop_limit',
  'take_profit_market',
  'take_profit_limit',
  'stop_loss_market',
  'stop_loss_limit',
  'trailing_stop_market',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIME_IN_FORCE = ['gtc', 'ioc', 'fok', 'post_only'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

/**
 * Venue-neutral order status. `pending_submit` exists only locally (the tracker creates the order
 * before the request leaves); `new` is "received by the venue, not yet risk-checked / resting".
 */
export type OrderStatus =
  | 'pending_submit'
  | 'new'
  | 'untriggered'
  | 'open'
  | 'partially_filled'
  | 'pending_cancel'
  | 'filled'
  | 'canceled'
  | 'rejected'
  | 'expired'
  | 'unknown';

export interface Market {
  readonly exchange: ExchangeId;
  readonly symbol: string;
  readonly kind: MarketKind;
  readonly base: string;
  readonly quote: string;
  readonly settlement: string;
  /** Price increment. */
  readonly tickSize: DecimalString;
  /** Size increment. */
  readonly stepSize: DecimalString;
  /** Size increment for market orders where the venue has a separate one (Aster MARKET_LOT_SIZE). */
  readonly marketStepSize?: DecimalString;
  /** Minimum order notional (size x price, in quote units); "0" when the venue sets none. */
  readonly minNotional: DecimalString;
  readonly minSize?: DecimalString;
  /** Largest size of one order; undefined when the venue sets none. */
  readonly maxOrderSize?: DecimalString;
  readonly maxMarketOrderSize?: DecimalString;
  /** Largest absolute position the account may hold; undefined when the venue sets none. */
  readonly positionLimit?: DecimalString;
  readonly maxOpenOrders?: number;
  /** Largest relative distance from the mark price a limit price may have (0.05 = 5%). */
  readonly priceBandWidth?: DecimalString;
  readonly raw?: unknown;
}

export interface OrderRequest {
  readonly market: string;
  readonly side: Side;
  readonly type: OrderType;
  /**
   * Order size. "0" is allowed only for whole-position TP/SL orders (closePosition), where the
   * venue closes whatever position is open when the trigger fires.
   */
  readonly size: DecimalString;
  /** Limit price; required for *_limit types, ignored for market types. */
  readonly price?: DecimalString;
  readonly triggerPrice?: DecimalString;
  readonly timeInForce?: TimeInForce;
  readonly reduceOnly?: boolean;
  /** Close the whole position when triggered (Paradex size-0 TP/SL, Aster closePosition). */
  readonly closePosition?: boolean;
  /** Trailing stop callback rate in percent (Aster TRAILING_STOP_MARKET). */
  readonly callbackRate?: DecimalString;
  readonly clientOrderId?: string;
  /** Self-trade prevention mode, venue permitting. */
  readonly selfTradePrevention?: 'expire_maker' | 'expire_taker' | 'expire_both';
}

export interface Order {
  readonly exchange: ExchangeId;
  readonly id: string;
  readonly clientOrderId?: string;
  readonly market: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly size: DecimalString;
  readonly filledSize: DecimalString;
  readonly remainingSize: DecimalString;
  readonly price?: DecimalString;
  readonly avgFillPrice?: DecimalString;
  readonly triggerPrice?: DecimalString;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  /** Why the venue closed the order (Paradex cancel_reason, Aster reject reason). */
  readonly cancelReason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly raw?: unknown;
}

export interface Fill {
  readonly exchange: ExchangeId;
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly market: string;
  readonly side: Side;
  readonly price: DecimalString;
  readonly size: DecimalString;
  readonly fee: DecimalString;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
  readonly realizedPnl?: DecimalString;
  readonly timestamp: number;
  readonly raw?: unknown;
}

export interface Position {
  readonly exchange: ExchangeId;
  readonly market: string;
  readonly side: PositionSide;
  /** Absolute size. */
  readonly size: DecimalString;
  /** Positive when long, negative when short. */
  readonly signedSize: DecimalString;
  readonly entryPrice: DecimalString;
  readonly unrealizedPnl: DecimalString;
  readonly realizedPnl: DecimalString;
  readonly liquidationPrice?: DecimalString;
  readonly leverage?: DecimalString;
  readonly updatedAt: number;
  readonly raw?: unknown;
}

export interface Balance {
  readonly asset: string;
  readonly total: DecimalString;
  readonly available?: DecimalString;
  readonly updatedAt: number;
}

export interface AccountSummary {
  readonly exchange: ExchangeId;
  readonly account: string;
  /** Collateral plus unrealized PnL. */
  readonly equity: DecimalString;
  readonly freeCollateral: DecimalString;
  readonly initialMargin: DecimalString;
  readonly maintenanceMargin: DecimalString;
  readonly totalCollateral: DecimalString;
  readonly status: string;
  readonly updatedAt: number;
  readonly raw?: unknown;
}

/** One price level: [price, size]. */
export type BookLevel = readonly [DecimalString, DecimalString];

export interface OrderBook {
  readonly market: string;
  /** Best first: highest bid first, lowest ask first. */
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly seq?: number;
  readonly timestamp: number;
}

export interface BBO {
  readonly market: string;
  readonly bid?: DecimalString;
  readonly bidSize?: DecimalString;
  readonly ask?: DecimalString;
  readonly askSize?: DecimalString;
  readonly seq?: number;
  readonly timestamp: number;
}

export interface Trade {
  readonly market: string;
  readonly id: string;
  /** Taker side. */
  readonly side: Side;
  readonly price: DecimalString;
  readonly size: DecimalString;
  readonly timestamp: number;
}

export interface FundingRate {
  readonly market: string;
  /** Rate for one funding period. */
  readonly rate: DecimalString;
  readonly periodHours?: number;
  readonly markPrice?: DecimalString;
  readonly nextFundingTime?: number;
  readonly timestamp: number;
}

export interface FundingPayment {
  readonly id: string;
  readonly market: string;
  readonly amount: DecimalString;
  readonly timestamp: number;
}

/** Identifies one order: by venue id or by our client id (market helps venues that need it). */
export type OrderRef =
  | { readonly id: string; readonly market?: string }
  | { readonly clientOrderId: string; readonly market?: string };

export interface OrderAmendment {
  readonly size?: DecimalString;
  readonly price?: DecimalString;
  readonly triggerPrice?: DecimalString;
}

/** One result of a batch, at the same index as its request. */
export type BatchItemResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Error };

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor for the next page; undefined on the last page. */
  readonly next?: string;
}

export interface HistoryQuery {
  readonly market?: string;
  /** Inclusive start, ms. */
  readonly since?: number;
  /** Inclusive end, ms. */
  readonly until?: number;
  /** Maximum number of items to return over all pages. */
  readonly limit?: number;
}
