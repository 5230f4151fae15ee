/**
 * Aster new-order parameters -> an engine SubmitOrderRequest, with the checks the venue makes
 * before accepting an order (aster.md §4.2 filter rules, §4.3 mandatory parameters by type).
 *
 * Type mapping: LIMIT, MARKET, STOP -> STOP_LIMIT, STOP_MARKET, TAKE_PROFIT -> TAKE_PROFIT_LIMIT,
 * TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET. GTX -> POST_ONLY. One-way mode only (positionSide BOTH).
 * Triggers fire on the engine's mark price whatever `workingType` says (echoed back as sent).
 */
import { compare, decimalPlaces, isMultipleOf, isZero, lt, mul, add, sub, quantize, normalize } from '../../../../core/decimal.js';
import type { SubmitOrderRequest, EngineOrderType, SelfTradePrevention } from '../../../engine/index.js';
import type { AsterOrderType, AsterTimeInForce, OrderMeta } from '../context.js';
import { AsterErrors } from '../errors.js';
import { price as fmtPrice, type AsterMarket, type AsterSymbols } from '../symbols.js';

export interface ParamSource {
  get(name: string): string | undefined;
}

export interface ParsedOrder {
  readonly market: AsterMarket;
  readonly request: Omit<SubmitOrderRequest, 'account'>;
  readonly meta: OrderMeta;
  readonly respType: 'ACK' | 'RESULT';
}

const TYPES: Record<AsterOrderType, EngineOrderType> = {
  LIMIT: 'LIMIT',
  MARKET: 'MARKET',
  STOP: 'STOP_LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  TAKE_PROFIT: 'TAKE_PROFIT_LIMIT',
  TAKE_PROFIT_MARKET: 'TAKE_PROFIT_MARKET',
  TRAILING_STOP_MARKET: 'TRAILING_STOP_MARKET',
};
const TIFS: readonly AsterTimeInForce[] = ['GTC', 'IOC', 'FOK', 'GTX'];
const STP_MODES: readonly SelfTradePrevention[] = ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'];
const DECIMAL_RE = /^\d{1,20}(\.\d{1,20})?$/;
const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';
const CLIENT_ORDER_ID_RE = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const MIN_CALLBACK_RATE = '0.1';
const MAX_CALLBACK_RATE = '5';

/** Everything checked before the engine sees the order; `markPrice` values PERCENT_PRICE and MIN_NOTIONAL. */
export function parseOrder(source: ParamSource, symbols: AsterSymbols, markPrice: (m: AsterMarket) => string): ParsedOrder {
  // An empty value counts as not sent, as for query-string parameters.
  const params: ParamSource = { get: (name) => (source.get(name) === '' ? undefined : source.get(name)) };
  const market = symbols.require(required(params, 'symbol'));
  const side = required(params, 'side');
  if (side !== 'BUY' && side !== 'SELL') throw AsterErrors.invalidSide();
  const typeText = required(params, 'type');
  if (!(typeText in TYPES)) throw AsterErrors.invalidOrderType();
  const type = typeText as AsterOrderType;
  const positionSide = params.get('positionSide');
  if (positionSide !== undefined && positionSide !== 'BOTH') {
    if (positionSide === 'LONG' || positionSide === 'SHORT') throw AsterErrors.positionSideMismatch();
    throw AsterErrors.invalidPositionSide();
  }
  const marketType = type.endsWith('MARKET');
  const timeInForce = parseTimeInForce(params, type, marketType);
  const reduceOnlyParam = bool(params, 'reduceOnly');
  const closePosition = bool(params, 'closePosition') === true;
  if (closePosition) {
    if (type !== 'STOP_MARKET' && type !== 'TAKE_PROFIT_MARKET') throw AsterErrors.invalidParam('closePosition');
    if (params.get('reduceOnly') !== undefined) throw AsterErrors.notRequired('reduceOnly');
    if (params.get('quantity') !== undefined) throw AsterErrors.quantityWithClosePosition();
  }
  const quantity = closePosition ? '0' : parseQuantity(market, required(params, 'quantity'));
  const limitPrice = marketType ? undefined : parsePrice(market, required(params, 'price'), 'price');
  const triggerPrice =
    type === 'STOP' || type === 'STOP_MARKET' || type === 'TAKE_PROFIT' || type === 'TAKE_PROFIT_MARKET'
      ? parsePrice(market, required(params, 'stopPrice'), 'stopPrice')
      : undefined;
  const trailing = type === 'TRAILING_STOP_MARKET' ? parseTrailing(params, market) : undefined;

  const mark = markPrice(market);
  if (type === 'LIMIT' && limitPrice !== undefined) checkPercentPrice(market, side, limitPrice, mark);
  const reduceOnly = reduceOnlyParam === true;
  if (!reduceOnly && !closePosition) {
    const reference = limitPrice ?? triggerPrice ?? mark;
    if (lt(mul(quantity, reference), market.config.minNotional)) throw AsterErrors.minNotional(normalize(market.config.minNotional));
  }

  const clientId = params.get('newClientOrderId');
  if (clientId !== undefined && !CLIENT_ORDER_ID_RE.test(clientId)) throw AsterErrors.invalidClientOrderId();
  const workingType = params.get('workingType') ?? 'CONTRACT_PRICE';
  if (workingType !== 'MARK_PRICE' && workingType !== 'CONTRACT_PRICE') throw AsterErrors.invalidWorkingType(workingType);
  const priceProtect = bool(params, 'priceProtect') === true;
  const respType = params.get('newOrderRespType') ?? 'ACK';
  if (respType !== 'ACK' && respType !== 'RESULT') throw AsterErrors.invalidRespType();
  const stpText = params.get('stpMode');
  if (stpText !== undefined && !STP_MODES.includes(stpText as SelfTradePrevention)) throw AsterErrors.invalidParam('stpMode');

  const request: Omit<SubmitOrderRequest, 'account'> = {
    market: market.engineId,
    side,
    type: TYPES[type],
    size: quantity,
    ...(limitPrice === undefined ? {} : { price: limitPrice }),
    ...(triggerPrice === undefined ? {} : { triggerPrice }),
    timeInForce: timeInForce === 'GTX' ? 'POST_ONLY' : timeInForce,
    reduceOnly,
    closePosition,
    ...(trailing === undefined ? {} : { callbackRate: trailing.callbackRate }),
    ...(trailing?.activationPrice === undefined ? {} : { activationPrice: trailing.activationPrice }),
    ...(clientId === undefined ? {} : { clientId }),
    ...(stpText === undefined ? {} : { stp: stpText as SelfTradePrevention }),
    rejectIfWouldTrigger: true,
  };
  const meta: OrderMeta = {
    type,
    timeInForce,
    workingType,
    priceProtect,
    ...(trailing === undefined ? {} : { activatePrice: fmtPrice(market, trailing.activationPrice ?? mark) }),
  };
  return { market, request, meta, respType };
}

function required(params: ParamSource, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw AsterErrors.mandatory(name);
  return value;
}

function bool(params: ParamSource, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw AsterErrors.invalidParam(name);
}

function parseTimeInForce(params: ParamSource, type: AsterOrderType, marketType: boolean): AsterTimeInForce {
  const text = params.get('timeInForce');
  if (text === undefined) {
    if (type === 'LIMIT') throw AsterErrors.mandatory('timeInForce');
    return 'GTC';
  }
  if (!TIFS.includes(text as AsterTimeInForce)) throw AsterErrors.invalidTif();
  // Market-type orders ignore timeInForce (clients such as ccxt send GTC with them).
  if (marketType) return 'GTC';
  return text as AsterTimeInForce;
}

function decimal(value: string, name: string): string {
  if (!DECIMAL_RE.test(value)) throw AsterErrors.illegalChars(name, DECIMAL_RANGE);
  return normalize(value);
}

/** LOT_SIZE: minQty = stepSize <= quantity <= maxQty, on the step; precision first (-1111). */
export function parseQuantity(market: AsterMarket, text: string): string {
  const quantity = decimal(text, 'quantity');
  if (isZero(quantity)) throw AsterErrors.qtyNotPositive();
  if (decimalPlaces(quantity) > market.qtyDp) throw AsterErrors.badPrecision();
  if (lt(quantity, market.config.stepSize)) throw AsterErrors.qtyBelowMin();
  if (compare(quantity, market.config.maxOrderSize) > 0) throw AsterErrors.qtyAboveMax();
  if (!isMultipleOf(quantity, market.config.stepSize)) throw AsterErrors.qtyNotOnStep();
  return quantity;
}

/** PRICE_FILTER: minPrice = tickSize <= price <= maxPrice, on the tick; precision first (-1111). */
export function parsePrice(market: AsterMarket, text: string, name: 'price' | 'stopPrice' | 'activationPrice'): string {
  const value = decimal(text, name);
  if (decimalPlaces(value) > market.priceDp) throw AsterErrors.badPrecision();
  if (lt(value, market.config.tickSize)) throw AsterErrors.priceBelowMin();
  if (compare(value, market.maxPrice) > 0) throw name === 'stopPrice' ? AsterErrors.stopPriceAboveMax() : AsterErrors.priceAboveMax();
  if (!isMultipleOf(value, market.config.tickSize)) throw AsterErrors.priceNotOnTick();
  return value;
}

function parseTrailing(params: ParamSource, market: AsterMarket): { callbackRate: string; activationPrice?: string } {
  const rateText = required(params, 'callbackRate');
  if (!DECIMAL_RE.test(rateText)) throw AsterErrors.invalidParam('callbackRate');
  const callbackRate = normalize(rateText);
  if (lt(callbackRate, MIN_CALLBACK_RATE) || compare(callbackRate, MAX_CALLBACK_RATE) > 0) throw AsterErrors.invalidParam('callbackRate');
  const activation = params.get('activationPrice');
  return activation === undefined ? { callbackRate } : { callbackRate, activationPrice: parsePrice(market, activation, 'activationPrice') };
}

/** PERCENT_PRICE limits at this mark, on the tick grid (cap rounded down, floor rounded up). */
export function bandLimits(market: AsterMarket, mark: string): { cap: string; floor: string } {
  const band = market.config.priceBandWidth;
  const tick = market.config.tickSize;
  return {
    cap: fmtPrice(market, quantize(mul(mark, add('1', band)), tick, 'floor')),
    floor: fmtPrice(market, quantize(mul(mark, sub('1', band)), tick, 'ceil')),
  };
}

/** PERCENT_PRICE: BUY price <= mark x multiplierUp, SELL price >= mark x multiplierDown. */
function checkPercentPrice(market: AsterMarket, side: 'BUY' | 'SELL', limit: string, mark: string): void {
  const band = market.config.priceBandWidth;
  if (side === 'BUY' && compare(limit, mul(mark, add('1', band))) > 0) throw AsterErrors.priceAboveBand(bandLimits(market, mark).cap);
  if (side === 'SELL' && lt(limit, mul(mark, sub('1', band)))) throw AsterErrors.priceBelowBand(bandLimits(market, mark).floor);
}
