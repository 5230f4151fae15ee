/**
 * Public types of the simulator engine. Every amount is a canonical decimal string (no trailing
 * zeros, no exponent); times are engine milliseconds. Enum spellings are engine-level: the
 * dialects map them to each venue's wire names.
 */
import type { DecimalString } from '../../core/types.js';

export type EngineSide = 'BUY' | 'SELL';

export const ENGINE_ORDER_TYPES = [
  'MARKET',
  'LIMIT',
  'STOP_MARKET',
  'STOP_LIMIT',
  'TAKE_PROFIT_MARKET',
  'TAKE_PROFIT_LIMIT',
  'STOP_LOSS_MARKET',
  'STOP_LOSS_LIMIT',
  'TRAILING_STOP_MARKET',
] as const;
export type EngineOrderType = (typeof ENGINE_ORDER_TYPES)[number];

export type EngineTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'POST_ONLY';

export type SelfTradePrevention = 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH';

/** NEW -> (UNTRIGGERED) -> OPEN -> CLOSED, as Paradex reports them. NEW/UNTRIGGERED/OPEN are open. */
export type EngineOrderStatus = 'NEW' | 'UNTRIGGERED' | 'OPEN' | 'CLOSED';

/** When a trigger order fires: mark >= trigger (ABOVE) or mark <= trigger (BELOW). */
export type TriggerDirection = 'ABOVE' | 'BELOW';

/**
 * Why an order is CLOSED without being fully filled. Engine-level names: Paradex uses the first
 * seven as cancel_reason verbatim; the dialects map the rest (and Aster's statuses) themselves.
 */
export type CancelReason =
  | 'USER_CANCELED'
  | 'NOT_ENOUGH_MARGIN'
  | 'ORDER_EXCEEDS_POSITION_LIMIT'
  | 'ORDER_SIZE_BELOW_MIN'
  | 'POST_ONLY_WOULD_CROSS'
  | 'REDUCE_ONLY_WOULD_INCREASE'
  | 'SELF_TRADE'
  /** MARKET or IOC order: the part that could not fill at once. */
  | 'IOC_NOT_FILLED'
  /** FOK order that could not fill completely; nothing was traded. */
  | 'FOK_NOT_FILLED'
  /** Limit price outside mark +/- price_bands_width on the aggressive side. */
  | 'PRICE_OUTSIDE_BAND'
  /** Whole-position TP/SL (size 0 / closePosition) fired while no opposite position was open. */
  | 'NO_POSITION_TO_CLOSE'
  /** Closed by the dialect or a test through cancelAll(..., reason). */
  | 'ADMIN_CANCELED';

export interface EngineOrder {
  readonly id: string;
  readonly account: string;
  readonly market: string;
  readonly side: EngineSide;
  readonly type: EngineOrderType;
  readonly timeInForce: EngineTimeInForce;
  /** Order size; "0" for a whole-position TP/SL until it fires. filledSize + remainingSize = size. */
  readonly size: DecimalString;
  readonly filledSize: DecimalString;
  /** Unfilled size; a CLOSED order keeps the size it did not fill (as Paradex remaining_size). */
  readonly remainingSize: DecimalString;
  /** Limit price; "0" for market-type orders. */
  readonly price: DecimalString;
  /** Volume-weighted fill price rounded half-even to 8 decimals, "0" before the first fill. */
  readonly avgFillPrice: DecimalString;
  /** Exact sum of fill price x fill size (Aster cumQuote). */
  readonly filledNotional: DecimalString;
  /** "0" when the order has no trigger. */
  readonly triggerPrice: DecimalString;
  readonly triggerDirection?: TriggerDirection;
  /** Trailing stop callback in percent ("1" = 1%). */
  readonly callbackRate?: DecimalString;
  readonly activationPrice?: DecimalString;
  readonly reduceOnly: boolean;
  readonly closePosition: boolean;
  readonly stp: SelfTradePrevention;
  readonly clientId?: string;
  readonly status: EngineOrderStatus;
  readonly cancelReason?: CancelReason;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly triggeredAt?: number;
  /** Increments on every change of this order. */
  readonly seqNo: number;
}

export interface SubmitOrderRequest {
  readonly account: string;
  /** Market id or alias (e.g. "BTCUSDT"). */
  readonly market: string;
  readonly side: EngineSide;
  readonly type: EngineOrderType;
  /** "0" only for whole-position TP/SL orders (implies closePosition). */
  readonly size: DecimalString;
  /** Required for LIMIT and *_LIMIT; ignored for market-type orders. */
  readonly price?: DecimalString;
  /** Required for STOP_*, TAKE_PROFIT_*, STOP_LOSS_*. */
  readonly triggerPrice?: DecimalString;
  /** Default GTC; market-type orders always behave as IOC. */
  readonly timeInForce?: EngineTimeInForce;
  readonly reduceOnly?: boolean;
  /** Close the whole position when triggered (trigger types only); size must be "0" or is ignored. */
  readonly closePosition?: boolean;
  /** TRAILING_STOP_MARKET: callback in percent, 0.1 to 5 (Aster's range). */
  readonly callbackRate?: DecimalString;
  /** TRAILING_STOP_MARKET: start tracking once the mark reaches this price (default: at once). */
  readonly activationPrice?: DecimalString;
  /** Unique among this account's open orders; at most 64 characters. */
  readonly clientId?: string;
  /** Default EXPIRE_TAKER. */
  readonly stp?: SelfTradePrevention;
  /** Override the default trigger direction (see index.ts). */
  readonly triggerDirection?: TriggerDirection;
  /** Refuse at submit a trigger order whose condition already holds (Aster -2021). */
  readonly rejectIfWouldTrigger?: boolean;
}

export interface AmendOrderRequest {
  readonly size?: DecimalString;
  readonly price?: DecimalString;
  readonly triggerPrice?: DecimalString;
}

export type OrderLookup = { readonly id: string } | { readonly clientId: string; readonly market?: string };

export interface EngineFill {
  readonly id: string;
  /** Shared by the two sides of one match. */
  readonly tradeId: string;
  readonly account: string;
  readonly orderId: string;
  readonly clientId?: string;
  readonly market: string;
  readonly side: EngineSide;
  readonly price: DecimalString;
  readonly size: DecimalString;
  readonly liquidity: 'MAKER' | 'TAKER';
  /** Positive = paid, negative = rebate. */
  readonly fee: DecimalString;
  readonly feeAsset: string;
  readonly realizedPnl: DecimalString;
  /** The order's unfilled size after this fill. */
  readonly remainingSize: DecimalString;
  /** Book sequence number when the fill happened; the book_delta carrying it has a higher seq. */
  readonly bookSeq: number;
  readonly createdAt: number;
  readonly busted: boolean;
}

export interface EngineTrade {
  readonly id: string;
  readonly market: string;
  /** Taker side. */
  readonly side: EngineSide;
  readonly price: DecimalString;
  readonly size: DecimalString;
  readonly createdAt: number;
  readonly busted: boolean;
}

export interface EnginePosition {
  readonly account: string;
  readonly market: string;
  readonly side: 'LONG' | 'SHORT' | 'FLAT';
  /** Signed: positive long, negative short. */
  readonly size: DecimalString;
  /** Exact entry cost (signed size x entry prices); averageEntryPrice = cost / size. */
  readonly cost: DecimalString;
  /** cost / size rounded half-even to 8 decimals ("0" when flat). */
  readonly averageEntryPrice: DecimalString;
  readonly markPrice: DecimalString;
  readonly unrealizedPnl: DecimalString;
  /** Cumulative realized PnL of this account in this market (fees excluded). */
  readonly realizedPnl: DecimalString;
  /** Cumulative funding received (+) or paid (-) in this market. */
  readonly fundingPnl: DecimalString;
  readonly leverage: DecimalString;
  readonly lastFillId?: string;
  readonly updatedAt: number;
  readonly seqNo: number;
}

export type MarginStatus = 'HEALTHY' | 'BELOW_INITIAL' | 'BELOW_MAINTENANCE';

export interface EngineAccountSummary {
  readonly account: string;
  readonly asset: string;
  /** Deposited collateral plus realized PnL, minus fees, plus funding. */
  readonly collateral: DecimalString;
  readonly unrealizedPnl: DecimalString;
  /** collateral + unrealizedPnl. */
  readonly accountValue: DecimalString;
  /** Over positions and open orders (open size x mark x IMF). */
  readonly initialMargin: DecimalString;
  /** Over positions (|size| x mark x IMF x mmf_factor). */
  readonly maintenanceMargin: DecimalString;
  /** accountValue - initialMargin (may be negative). */
  readonly freeCollateral: DecimalString;
  readonly marginStatus: MarginStatus;
  readonly updatedAt: number;
  readonly seqNo: number;
}

export interface EngineBookLevel {
  readonly price: DecimalString;
  readonly size: DecimalString;
}

export interface BookSnapshot {
  readonly market: string;
  /** Sequence number of the last book_delta applied; deltas with seq > this follow. */
  readonly seq: number;
  /** Best first. */
  readonly bids: readonly EngineBookLevel[];
  readonly asks: readonly EngineBookLevel[];
  readonly timestamp: number;
}

export interface EngineBbo {
  readonly market: string;
  readonly bid?: DecimalString;
  readonly bidSize?: DecimalString;
  readonly ask?: DecimalString;
  readonly askSize?: DecimalString;
  readonly bookSeq: number;
  readonly timestamp: number;
}

export interface LevelChange {
  readonly side: 'BID' | 'ASK';
  readonly action: 'INSERT' | 'UPDATE' | 'DELETE';
  readonly price: DecimalString;
  /** New total size at the level ("0" for DELETE). */
  readonly size: DecimalString;
}

export interface EngineMarketSummary {
  readonly market: string;
  readonly markPrice: DecimalString;
  readonly indexPrice: DecimalString;
  readonly lastTradedPrice?: DecimalString;
  readonly bid?: DecimalString;
  readonly ask?: DecimalString;
  /** Sum of long position sizes over all accounts. */
  readonly openInterest: DecimalString;
  /** Rate the next funding settlement would use if it happened now. */
  readonly fundingRate: DecimalString;
  readonly fundingIndex: DecimalString;
  readonly nextFundingAt: number;
  readonly volume24h: DecimalString;
  readonly timestamp: number;
}

export interface EngineFundingRate {
  readonly market: string;
  /** Rate applied for the period just settled (positive: longs pay shorts). */
  readonly rate: DecimalString;
  /** Average premium (mark - index) / index over the period, before clamping. */
  readonly premium: DecimalString;
  readonly markPrice: DecimalString;
  readonly indexPrice: DecimalString;
  /** Cumulative funding per unit of size (sum of mark x rate). */
  readonly fundingIndex: DecimalString;
  readonly periodHours: number;
  readonly createdAt: number;
}

export interface EngineFundingPayment {
  readonly id: string;
  readonly account: string;
  readonly market: string;
  /** Received (+) or paid (-). */
  readonly payment: DecimalString;
  readonly rate: DecimalString;
  readonly positionSize: DecimalString;
  readonly markPrice: DecimalString;
  readonly fundingIndex: DecimalString;
  readonly createdAt: number;
}

export type BalanceReason = 'DEPOSIT' | 'WITHDRAW' | 'TRADE' | 'FUNDING' | 'BUST';

export interface MarketConfig {
  readonly id: string;
  /** Per-venue symbols, e.g. { aster: "BTCUSDT" }. */
  readonly aliases: Readonly<Record<string, string>>;
  readonly kind: 'PERP' | 'PERP_OPTION';
  readonly base: string;
  readonly quote: string;
  readonly settlement: string;
  readonly tickSize: DecimalString;
  readonly stepSize: DecimalString;
  readonly minNotional: DecimalString;
  readonly maxOrderSize: DecimalString;
  readonly positionLimit: DecimalString;
  readonly maxOpenOrders: number;
  readonly priceBandWidth: DecimalString;
  readonly maxFundingRate: DecimalString;
  readonly fundingPeriodHours: number;
  readonly imfBase: DecimalString;
  readonly imfFactor: DecimalString;
  readonly imfShift: DecimalString;
  readonly mmfFactor: DecimalString;
  readonly initialMarkPrice: DecimalString;
  readonly volatility: DecimalString;
  readonly underlying?: string;
  readonly optionType?: 'CALL' | 'PUT';
  readonly strikePrice?: DecimalString;
  /** The data-file entry (Paradex GET /markets shape plus `simulator`), for dialects to render. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Every event carries its stream, a sequence number contiguous within that stream, and a global id. */
interface EventBase {
  /** Position in the engine's whole event log (1, 2, 3, ...). */
  readonly id: number;
  /** e.g. "book:BTC-USD-PERP", "account:0xabc". */
  readonly stream: string;
  /** 1, 2, 3, ... within `stream`. */
  readonly seq: number;
  readonly timestamp: number;
}

export type EngineEvent =
  | (EventBase & { readonly type: 'order'; readonly account: string; readonly order: EngineOrder })
  | (EventBase & { readonly type: 'fill'; readonly account: string; readonly fill: EngineFill })
  | (EventBase & { readonly type: 'fill_busted'; readonly account: string; readonly fill: EngineFill })
  | (EventBase & { readonly type: 'position'; readonly account: string; readonly position: EnginePosition })
  | (EventBase & {
      readonly type: 'balance';
      readonly account: string;
      readonly asset: string;
      readonly balance: DecimalString;
      readonly change: DecimalString;
      readonly reason: BalanceReason;
    })
  | (EventBase & { readonly type: 'account'; readonly account: string; readonly summary: EngineAccountSummary })
  | (EventBase & { readonly type: 'funding_payment'; readonly account: string; readonly payment: EngineFundingPayment })
  | (EventBase & { readonly type: 'trade'; readonly market: string; readonly trade: EngineTrade })
  | (EventBase & { readonly type: 'trade_busted'; readonly market: string; readonly trade: EngineTrade })
  | (EventBase & { readonly type: 'book_delta'; readonly market: string; readonly changes: readonly LevelChange[] })
  | (EventBase & { readonly type: 'bbo'; readonly market: string; readonly bbo: EngineBbo })
  | (EventBase & {
      readonly type: 'mark_price';
      readonly market: string;
      readonly markPrice: DecimalString;
      readonly indexPrice: DecimalString;
    })
  | (EventBase & { readonly type: 'funding_rate'; readonly market: string; readonly funding: EngineFundingRate });

export type EngineEventType = EngineEvent['type'];
export type EventHandler = (event: EngineEvent) => void;
