/**
 * Pure domain -> Aster wire: order parameters with pre-trade validation. Everything the venue
 * would refuse for reasons we can see is refused here first, naming the field, the value and the
 * rule (InvalidOrderError) or the feature (NotSupportedError).
 *
 * Rules applied (aster.md §4.2, §4.3):
 *  - PRICE_FILTER on price and stopPrice: minPrice <= p <= maxPrice, (p - minPrice) a multiple of
 *    tickSize. LOT_SIZE (MARKET_LOT_SIZE for MARKET orders) on quantity: minQty <= q <= maxQty,
 *    (q - minQty) a multiple of stepSize. 'round' quantises (sizes down; limit prices to the less
 *    aggressive tick: buys down, sells up; triggers to the nearest), 'reject' refuses off-grid values.
 *  - MIN_NOTIONAL: price x quantity >= notional, except reduce-only / closePosition (the venue's own
 *    exemption); market orders use the mark price, stop-market orders their trigger price.
 *  - newClientOrderId: ^[.A-Z:/a-z0-9_-]{1,36}$; callbackRate 0.1..5 (percent).
 *  - Symbol status TRADING, and the order types / TIFs the symbol lists, when exchangeInfo says.
 *
 * Type mapping: stop_loss_* and take_profit_* are always reduce-only (they exist to close a
 * position; a TP/SL firing after the position is gone must not open a reverse one). closePosition
 * replaces quantity and reduceOnly (the venue refuses them together, -4137/-4062). One-way position
 * mode is assumed: positionSide is left to the venue default BOTH.
 */
import { add, compare, gt, isDecimal, isMultipleOf, isZero, lt, mul, normalize, quantize, sub } from '../../core/decimal.js';
import type { RoundingMode } from '../../core/decimal.js';
import { InvalidOrderError, NotSupportedError, RequestError } from '../../core/errors.js';
import type { HistoryQuery, Market, OrderRequest, OrderType, Side, TimeInForce } from '../../core/types.js';
import type { AsterApiVersion } from './auth/types.js';
import type { Params } from './auth/wire-text.js';
import type { SymbolRules } from './parse-market.js';
import type { WireOrderType, WireTimeInForce } from './rest/schemas/index.js';

export type Precision = 'round' | 'reject';

export interface FormatContext {
  readonly precision: Precision;
  readonly version: AsterApiVersion;
  readonly rules?: SymbolRules | undefined;
  /** Mark price, for the min-notional check of MARKET orders. */
  readonly referencePrice?: string | undefined;
  /** Trigger source for stop/TP/trailing orders (venue default CONTRACT_PRICE). */
  readonly workingType?: 'MARK_PRICE' | 'CONTRACT_PRICE' | undefined;
}

export const ORDER_TYPE_TO_WIRE = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop_market: 'STOP_MARKET',
  stop_limit: 'STOP',
  take_profit_market: 'TAKE_PROFIT_MARKET',
  take_profit_limit: 'TAKE_PROFIT',
  stop_loss_market: 'STOP_MARKET',
  stop_loss_limit: 'STOP',
  trailing_stop_market: 'TRAILING_STOP_MARKET',
} as const satisfies Record<OrderType, WireOrderType>;

export const TIME_IN_FORCE_TO_WIRE = {
  gtc: 'GTC',
  ioc: 'IOC',
  fok: 'FOK',
  post_only: 'GTX',
} as const satisfies Record<TimeInForce, WireTimeInForce>;

const STP_TO_WIRE = { expire_maker: 'EXPIRE_MAKER', expire_taker: 'EXPIRE_TAKER', expire_both: 'EXPIRE_BOTH' } as const;

export const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
export const CALLBACK_RATE_MIN = '0.1';
export const CALLBACK_RATE_MAX = '5';

const LIMIT_PRICED: ReadonlySet<OrderType> = new Set(['limit', 'stop_limit', 'take_profit_limit', 'stop_loss_limit']);
const TRIGGERED: ReadonlySet<OrderType> = new Set(['stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit', 'stop_loss_market', 'stop_loss_limit']);
const ALWAYS_REDUCING: ReadonlySet<OrderType> = new Set(['take_profit_market', 'take_profit_limit', 'stop_loss_market', 'stop_loss_limit']);
const CLOSE_POSITION_TYPES: ReadonlySet<OrderType> = new Set(['stop_market', 'stop_loss_market', 'take_profit_market']);

function invalid(field: string, value: unknown, rule: string): InvalidOrderError {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new InvalidOrderError(`Aster order ${field} ${shown} is invalid: ${rule}`, { field, value: String(value), rule }, { exchange: 'aster' });
}

function requireDecimal(field: string, value: unknown): string {
  if (!isDecimal(value)) throw invalid(field, value, 'a decimal string like "65000.5"');
  return normalize(value);
}

function requirePositive(field: string, value: unknown): string {
  const v = requireDecimal(field, value);
  if (!gt(v, '0')) throw invalid(field, value, 'greater than 0');
  return v;
}

/**
 * Puts `value` on the venue's grid `origin + k x increment` (origin = the filter's minimum), or
 * checks it is on it. quantize() works on multiples of the increment, so shift by the origin.
 */
function onGrid(field: string, value: string, increment: string, origin: string | undefined, name: 'step' | 'tick', precision: Precision, mode: RoundingMode): string {
  const base = origin ?? '0';
  const offset = sub(value, base);
  if (precision === 'reject') {
    if (!isMultipleOf(offset, increment)) throw invalid(field, value, `a multiple of ${name} ${increment}${origin === undefined ? '' : ` from ${origin}`}`);
    return value;
  }
  const out = normalize(add(quantize(offset, increment, mode), base));
  if (!gt(out, '0')) throw invalid(field, value, `at least one ${name} (${increment}) after rounding`);
  return out;
}

function checkRange(field: string, value: string, lowest: string | undefined, highest: string | undefined, what: string): void {
  if (lowest !== undefined && lt(value, lowest)) throw invalid(field, value, `at least the ${what} minimum ${lowest}`);
  if (highest !== undefined && gt(value, highest)) throw invalid(field, value, `at most the ${what} maximum ${highest}`);
}

function wireSide(side: unknown): 'BUY' | 'SELL' {
  if (side === 'buy') return 'BUY';
  if (side === 'sell') return 'SELL';
  throw invalid('side', side, 'buy or sell');
}

function checkMarket(symbol: unknown, market: Market, rules: SymbolRules | undefined): void {
  if (market.exchange !== 'aster') throw invalid('market', market.symbol, 'an Aster market');
  if (symbol !== market.symbol) throw invalid('market', symbol, `the market of the metadata given (${market.symbol})`);
  if (rules !== undefined && rules.status !== 'TRADING') throw invalid('market', market.symbol, `a symbol in status TRADING (it is ${rules.status})`);
}

function formatSize(value: unknown, wireType: WireOrderType, market: Market, rules: SymbolRules | undefined, precision: Precision): string {
  const size = requirePositive('size', value);
  const isMarket = wireType === 'MARKET';
  const step = isMarket ? (market.marketStepSize ?? market.stepSize) : market.stepSize;
  const minQty = isMarket ? (rules?.marketMinQty ?? market.minSize) : market.minSize;
  const maxQty = isMarket ? (market.maxMarketOrderSize ?? market.maxOrderSize) : market.maxOrderSize;
  if (minQty !== undefined && lt(size, minQty)) throw invalid('size', value, `at least the min quantity ${minQty}`);
  const out = onGrid('size', size, step, minQty, 'step', precision, 'down');
  checkRange('size', out, minQty, maxQty, isMarket ? 'market order quantity' : 'order quantity');
  return out;
}

function formatPrice(field: string, value: unknown, market: Market, rules: SymbolRules | undefined, precision: Precision, mode: RoundingMode): string {
  const price = requirePositive(field, value);
  const out = onGrid(field, price, market.tickSize, rules?.minPrice, 'tick', precision, mode);
  checkRange(field, out, rules?.minPrice, rules?.maxPrice, 'price');
  return out;
}

function checkListed(rules: SymbolRules | undefined, wireType: WireOrderType, tif: WireTimeInForce | undefined): void {
  if (rules?.orderTypes !== undefined && !rules.orderTypes.includes(wireType)) {
    throw invalid('type', wireType, `one of the types ${rules.symbol} accepts (${rules.orderTypes.join(', ')})`);
  }
  if (tif !== undefined && rules?.timeInForce !== undefined && !rules.timeInForce.includes(tif)) {
    throw invalid('timeInForce', tif, `one of ${rules.timeInForce.join(', ')}`);
  }
}

export interface FormattedOrder {
  readonly params: Params;
  readonly wireType: WireOrderType;
  /** Quantity sent ("0" for closePosition). */
  readonly size: string;
}

export function formatOrder(req: OrderRequest, market: Market, ctx: FormatContext): FormattedOrder {
  const rules = ctx.rules;
  checkMarket(req.market, market, rules);
  const side = wireSide(req.side);
  if (typeof req.type !== 'string' || !Object.hasOwn(ORDER_TYPE_TO_WIRE, req.type)) throw invalid('type', req.type, 'a known order type');
  const wireType = ORDER_TYPE_TO_WIRE[req.type];
  const limitPriced = LIMIT_PRICED.has(req.type);
  const closePosition = req.closePosition === true;
  if (closePosition && !CLOSE_POSITION_TYPES.has(req.type)) {
    throw invalid('closePosition', true, 'only with stop_market, stop_loss_market or take_profit_market');
  }

  let tif: WireTimeInForce | undefined;
  if (limitPriced) {
    const domainTif = req.timeInForce ?? 'gtc';
    if (!Object.hasOwn(TIME_IN_FORCE_TO_WIRE, domainTif)) throw invalid('timeInForce', domainTif, 'gtc, ioc, fok or post_only');
    tif = TIME_IN_FORCE_TO_WIRE[domainTif];
  } else if (req.timeInForce === 'post_only' || req.timeInForce === 'fok') {
    throw invalid('timeInForce', req.timeInForce, 'market-type orders execute at once (gtc or ioc, not sent)');
  }
  checkListed(rules, wireType, tif);

  let size = '0';
  if (closePosition) {
    if (!isDecimal(req.size) || !isZero(req.size)) throw invalid('size', req.size, '0 when closePosition is set (the venue closes the whole position)');
    // A whole-position close only reduces; the venue refuses the reduceOnly flag beside it, so a domain
    // request may say reduceOnly (true on every venue) and the flag is simply not sent (line below).
  } else {
    size = formatSize(req.size, wireType, market, rules, ctx.precision);
  }

  const price = limitPriced
    ? formatPrice('price', req.price ?? missing('price', 'required for limit-type orders'), market, rules, ctx.precision, req.side === 'buy' ? 'floor' : 'ceil')
    : undefined;
  if (!limitPriced && req.price !== undefined && req.type !== 'market') throw invalid('price', req.price, 'only for limit-type orders');

  let stopPrice: string | undefined;
  let activationPrice: string | undefined;
  let callbackRate: string | undefined;
  if (TRIGGERED.has(req.type)) {
    stopPrice = formatPrice('triggerPrice', req.triggerPrice ?? missing('triggerPrice', 'required for stop, take-profit and stop-loss orders'), market, rules, ctx.precision, 'half_up');
  } else if (req.type === 'trailing_stop_market') {
    if (req.triggerPrice !== undefined) activationPrice = formatPrice('triggerPrice', req.triggerPrice, market, rules, ctx.precision, 'half_up');
    callbackRate = requireDecimal('callbackRate', req.callbackRate ?? missing('callbackRate', 'required for trailing stops (percent, 0.1 to 5)'));
    if (lt(callbackRate, CALLBACK_RATE_MIN) || gt(callbackRate, CALLBACK_RATE_MAX)) {
      throw invalid('callbackRate', callbackRate, `from ${CALLBACK_RATE_MIN} to ${CALLBACK_RATE_MAX} (percent)`);
    }
  } else if (req.triggerPrice !== undefined) {
    throw invalid('triggerPrice', req.triggerPrice, 'only for stop, take-profit, stop-loss and trailing orders');
  }
  if (req.callbackRate !== undefined && req.type !== 'trailing_stop_market') throw invalid('callbackRate', req.callbackRate, 'only for trailing_stop_market');

  const reduceOnly = !closePosition && (req.reduceOnly === true || ALWAYS_REDUCING.has(req.type));
  if (!reduceOnly && !closePosition && !isZero(market.minNotional)) {
    const reference = price ?? stopPrice ?? activationPrice ?? (ctx.referencePrice === undefined ? undefined : requirePositive('referencePrice', ctx.referencePrice));
    if (reference !== undefined) {
      const notional = mul(size, reference);
      if (compare(notional, market.minNotional) < 0) {
        throw invalid('size', size, `notional size x price (${notional}) at least min notional ${market.minNotional} (or reduce-only)`);
      }
    }
  }

  if (req.clientOrderId !== undefined && (typeof req.clientOrderId !== 'string' || !CLIENT_ORDER_ID.test(req.clientOrderId))) {
    throw invalid('clientOrderId', req.clientOrderId, '1-36 characters of [.A-Za-z0-9:/_-]');
  }
  let stpMode: string | undefined;
  if (req.selfTradePrevention !== undefined) {
    if (!Object.hasOwn(STP_TO_WIRE, req.selfTradePrevention)) throw invalid('selfTradePrevention', req.selfTradePrevention, 'expire_maker, expire_taker or expire_both');
    if (ctx.version !== 'v3') throw new NotSupportedError('Aster V1 orders have no self-trade prevention mode (stpMode is V3 only)', { exchange: 'aster' });
    stpMode = STP_TO_WIRE[req.selfTradePrevention];
  }

  const params: [string, string][] = [
    ['symbol', market.symbol],
    ['side', side],
    ['type', wireType],
  ];
  if (tif !== undefined) params.push(['timeInForce', tif]);
  if (!closePosition) params.push(['quantity', size]);
  if (price !== undefined) params.push(['price', price]);
  if (stopPrice !== undefined) params.push(['stopPrice', stopPrice]);
  if (reduceOnly) params.push(['reduceOnly', 'true']);
  if (closePosition) params.push(['closePosition', 'true']);
  if (activationPrice !== undefined) params.push(['activationPrice', activationPrice]);
  if (callbackRate !== undefined) params.push(['callbackRate', callbackRate]);
  if (ctx.workingType !== undefined && wireType !== 'LIMIT' && wireType !== 'MARKET') params.push(['workingType', ctx.workingType]);
  if (req.clientOrderId !== undefined) params.push(['newClientOrderId', req.clientOrderId]);
  if (stpMode !== undefined) params.push(['stpMode', stpMode]);
  return { params, wireType, size };
}

function missing(field: string, rule: string): never {
  throw invalid(field, undefined, rule);
}

/** The fields of the order being amended (its own market and side; current price and size). */
export interface AmendTarget {
  readonly market: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly size: string;
  readonly price?: string;
}

/**
 * V3 PUT /fapi/v3/order: LIMIT orders only, price and quantity both sent (changed or not). The
 * new size is checked against the grid and the minimum notional like a new order.
 */
export function formatAmend(target: AmendTarget, changes: { size?: string; price?: string; triggerPrice?: string }, market: Market, ctx: FormatContext): { quantity: string; price: string } {
  checkMarket(target.market, market, ctx.rules);
  if (target.type !== 'limit') throw invalid('type', target.type, 'only limit orders can be amended on Aster (others: cancel and place)');
  if (changes.triggerPrice !== undefined) throw invalid('triggerPrice', changes.triggerPrice, 'limit orders have no trigger price');
  const quantity = formatSize(changes.size ?? target.size, 'LIMIT', market, ctx.rules, ctx.precision);
  const price = formatPrice('price', changes.price ?? target.price ?? missing('price', 'required to amend'), market, ctx.rules, ctx.precision, target.side === 'buy' ? 'floor' : 'ceil');
  if (!isZero(market.minNotional) && lt(mul(quantity, price), market.minNotional)) {
    throw invalid('size', quantity, `notional size x price (${mul(quantity, price)}) at least min notional ${market.minNotional}`);
  }
  return { quantity, price };
}

/** userTrades accepts at most 7 days between startTime and endTime (aster.md §4.3). */
export const USER_TRADES_MAX_WINDOW_MS = 7 * 86_400_000;
export const HISTORY_MAX_LIMIT = 1000;

export interface HistoryWindow {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

function badQuery(field: string, value: unknown, rule: string): RequestError {
  return new RequestError(`Aster history query ${field} ${String(value)} is invalid: ${rule}`, { exchange: 'aster' });
}

/** since/until/limit -> startTime/endTime/limit, validated. */
export function historyWindow(query: HistoryQuery): HistoryWindow {
  for (const [field, value] of [['since', query.since], ['until', query.until]] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw badQuery(field, value, 'a non-negative integer time in ms');
  }
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) throw badQuery('since', query.since, `not after until (${query.until})`);
  if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 1)) throw badQuery('limit', query.limit, 'a positive integer');
  return {
    ...(query.since === undefined ? {} : { startTime: query.since }),
    ...(query.until === undefined ? {} : { endTime: query.until }),
    ...(query.limit === undefined ? {} : { limit: Math.min(query.limit, HISTORY_MAX_LIMIT) }),
  };
}

/** Splits [start, end] into windows the venue accepts (userTrades: 7 days). */
export function splitWindow(startTime: number, endTime: number, maxMs: number = USER_TRADES_MAX_WINDOW_MS): { startTime: number; endTime: number }[] {
  const out: { startTime: number; endTime: number }[] = [];
  for (let from = startTime; from <= endTime; from += maxMs) out.push({ startTime: from, endTime: Math.min(endTime, from + maxMs - 1) });
  return out;
}

