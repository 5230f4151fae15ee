/**
 * Pure domain -> Paradex wire: order and modify bodies with pre-trade validation, and the query of
 * the history endpoints. Everything the venue would refuse is refused here first, naming the field,
 * the value and the rule (InvalidOrderError), or the feature (NotSupportedError).
 *
 * Bodies leave out `signature` and `signature_timestamp` (the client adds them after signing
 * `signable`, whose sizes and prices the signer scales by 10^8).
 *
 * Choices worth knowing:
 *  - Market-type orders (MARKET, STOP_MARKET, TAKE_PROFIT_MARKET, STOP_LOSS_MARKET) carry no `price`
 *    in the body, as both ccxt and paradex-py send them (the vectors' recorded bodies), and sign
 *    price 0.
 *  - TP/SL types always carry REDUCE_ONLY, as ccxt sends them: they exist to close a position, and
 *    the flag guarantees that one firing after the position is gone cannot open a reverse position.
 *  - Reduce-only orders skip the min-notional and position-limit checks: closing a position smaller
 *    than the minimum notional must stay possible, and reducing never breaches a position limit.
 *    The venue still decides.
 */
import { abs, add, compare, decimalPlaces, gt, isDecimal, isMultipleOf, isZero, mul, neg, normalize, quantize } from '../../core/decimal.js';
import type { RoundingMode } from '../../core/decimal.js';
import { InvalidOrderError, NotSupportedError, RequestError } from '../../core/errors.js';
import type { HistoryQuery, Market, OrderAmendment, OrderRequest, OrderType, Side, TimeInForce } from '../../core/types.js';
import type { WireOrderType } from './rest/schemas.js';

export type Precision = 'round' | 'reject';

export interface FormatContext {
  /** 'round': size down to the step, limit price to the less aggressive tick; 'reject': refuse non-multiples. */
  readonly precision: Precision;
  /** Mark or last price, for the min-notional check of market-type orders. */
  readonly referencePrice?: string;
  /** Current signed position size in this market (negative when short); "0" when absent. */
  readonly position?: string;
  /** Sent as `recv_window` (ms, at least 10): the venue drops the order if it arrives later. */
  readonly recvWindowMs?: number;
}

export type WireInstructionOut = 'GTC' | 'IOC' | 'POST_ONLY';
export type WireStp = 'EXPIRE_MAKER' | 'EXPIRE_TAKER' | 'EXPIRE_BOTH';

/** POST /orders body (requests.OrderRequest) without signature fields. */
export interface ParadexOrderBody {
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: WireOrderType;
  readonly instruction: WireInstructionOut;
  readonly price?: string;
  readonly size: string;
  readonly client_id?: string;
  readonly trigger_price?: string;
  readonly flags?: readonly ['REDUCE_ONLY'];
  readonly stp?: WireStp;
  readonly recv_window?: number;
}

/** What the Order typed data signs; `price` is "0" for every market-type order. */
export interface ParadexOrderSignable {
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: WireOrderType;
  readonly size: string;
  readonly price: string;
}

/** PUT /orders/{id} body (requests.ModifyOrderRequest) without signature fields. */
export interface ParadexModifyBody {
  readonly id: string;
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: WireOrderType;
  readonly price: string;
  readonly size: string;
  readonly trigger_price?: string;
}

/** What the ModifyOrder typed data signs (the Order fields plus the order id). */
export interface ParadexModifySignable extends ParadexOrderSignable {
  readonly id: string;
}

export const ORDER_TYPE_TO_WIRE = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop_market: 'STOP_MARKET',
  stop_limit: 'STOP_LIMIT',
  take_profit_market: 'TAKE_PROFIT_MARKET',
  take_profit_limit: 'TAKE_PROFIT_LIMIT',
  stop_loss_market: 'STOP_LOSS_MARKET',
  stop_loss_limit: 'STOP_LOSS_LIMIT',
  trailing_stop_market: null,
} as const satisfies Record<OrderType, WireOrderType | null>;

export const TIME_IN_FORCE_TO_INSTRUCTION = {
  gtc: 'GTC',
  ioc: 'IOC',
  post_only: 'POST_ONLY',
  fok: null,
} as const satisfies Record<TimeInForce, WireInstructionOut | null>;

const STP_TO_WIRE = {
  expire_maker: 'EXPIRE_MAKER',
  expire_taker: 'EXPIRE_TAKER',
  expire_both: 'EXPIRE_BOTH',
} as const satisfies Record<NonNullable<OrderRequest['selfTradePrevention']>, WireStp>;

/** Amounts are signed as integers x 10^8 (paradex.md §6.1): anything finer cannot be signed. */
export const SIGNING_DECIMALS = 8;
export const CLIENT_ID_MAX_LENGTH = 64;
export const MIN_RECV_WINDOW_MS = 10;

const LIMIT_TYPES: ReadonlySet<OrderType> = new Set(['limit', 'stop_limit', 'take_profit_limit', 'stop_loss_limit']);
const TRIGGER_TYPES: ReadonlySet<OrderType> = new Set([
  'stop_market',
  'stop_limit',
  'take_profit_market',
  'take_profit_limit',
  'stop_loss_market',
  'stop_loss_limit',
]);
const TPSL_TYPES: ReadonlySet<OrderType> = new Set(['take_profit_market', 'take_profit_limit', 'stop_loss_market', 'stop_loss_limit']);

function invalid(field: string, value: unknown, rule: string): InvalidOrderError {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return new InvalidOrderError(`Paradex order ${field} ${shown} is invalid: ${rule}`, { field, value: String(value), rule }, { exchange: 'paradex' });
}

function notSupported(field: string, value: string, rule: string): NotSupportedError {
  return new NotSupportedError(`Paradex does not support ${field} "${value}": ${rule}`, { exchange: 'paradex' });
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

/** Quantise (round) or check (reject) against an increment, then check the signing scale. */
function onGrid(field: string, value: string, increment: string, name: 'step' | 'tick', precision: Precision, mode: RoundingMode): string {
  let out = value;
  if (precision === 'reject') {
    if (!isMultipleOf(value, increment)) throw invalid(field, value, `a multiple of ${name} ${increment}`);
  } else {
    out = quantize(value, increment, mode);
    if (isZero(out)) throw invalid(field, value, `at least one ${name} (${increment}) after rounding`);
  }
  if (decimalPlaces(out) > SIGNING_DECIMALS) throw invalid(field, out, `at most ${SIGNING_DECIMALS} decimal places (signing scale)`);
  return out;
}

function wireSide(side: unknown): 'BUY' | 'SELL' {
  if (side === 'buy') return 'BUY';
  if (side === 'sell') return 'SELL';
  throw invalid('side', side, 'buy or sell');
}

function wireType(type: unknown): WireOrderType {
  if (typeof type !== 'string' || !Object.hasOwn(ORDER_TYPE_TO_WIRE, type)) throw invalid('type', type, 'a known order type');
  const wire = ORDER_TYPE_TO_WIRE[type as OrderType];
  if (wire === null) throw notSupported('type', type, 'Paradex has no trailing stop orders');
  return wire;
}

function wireInstruction(tif: TimeInForce | undefined, marketKind: boolean): WireInstructionOut {
  if (tif === undefined) return 'GTC';
  if (!Object.hasOwn(TIME_IN_FORCE_TO_INSTRUCTION, tif)) throw invalid('timeInForce', tif, 'gtc, ioc or post_only');
  const instruction = TIME_IN_FORCE_TO_INSTRUCTION[tif];
  if (instruction === null) throw notSupported('timeInForce', tif, 'Paradex offers GTC, IOC and POST_ONLY');
  if (marketKind && instruction === 'POST_ONLY') throw invalid('timeInForce', tif, 'market orders take gtc or ioc');
  return instruction;
}

function checkMarket(symbol: unknown, market: Market): void {
  if (market.exchange !== 'paradex') throw invalid('market', market.symbol, 'a Paradex market');
  if (symbol !== market.symbol) throw invalid('market', symbol, `the market of the metadata given (${market.symbol})`);
}

function formatSize(value: unknown, closeWholePosition: boolean, market: Market, precision: Precision): string {
  if (closeWholePosition) {
    const size = requireDecimal('size', value);
    if (!isZero(size)) throw invalid('size', value, '0 when closePosition is set (the venue closes the whole position)');
    return '0';
  }
  const size = requireDecimal('size', value);
  if (!gt(size, '0')) throw invalid('size', value, 'greater than 0 (0 only for closePosition take-profit/stop-loss orders)');
  return onGrid('size', size, market.stepSize, 'step', precision, 'down');
}

/** Buy limits round down, sell limits up: rounding never makes a price more aggressive. */
function formatLimitPrice(value: unknown, side: Side, market: Market, precision: Precision): string {
  if (value === undefined) throw invalid('price', value, 'required for limit-type orders');
  const price = requirePositive('price', value);
  return onGrid('price', price, market.tickSize, 'tick', precision, side === 'buy' ? 'floor' : 'ceil');
}

function formatTrigger(value: unknown, market: Market, precision: Precision): string {
  if (value === undefined) throw invalid('triggerPrice', value, 'required for stop, take-profit and stop-loss orders');
  const trigger = requirePositive('triggerPrice', value);
  return onGrid('triggerPrice', trigger, market.tickSize, 'tick', precision, 'half_up');
}

interface SizeChecks {
  readonly size: string;
  readonly side: Side;
  /** Limit price, or a reference for market types; undefined skips the notional check. */
  readonly price: string | undefined;
  readonly reduceOnly: boolean;
  readonly position: string | undefined;
}

function checkLimits(c: SizeChecks, market: Market): void {
  if (market.maxOrderSize !== undefined && gt(c.size, market.maxOrderSize)) {
    throw invalid('size', c.size, `at most the max order size ${market.maxOrderSize}`);
  }
  if (c.reduceOnly) return;
  if (c.price !== undefined && !isZero(market.minNotional)) {
    const notional = mul(c.size, c.price);
    if (compare(notional, market.minNotional) < 0) {
      throw invalid('size', c.size, `notional size x price (${notional}) at least min notional ${market.minNotional}`);
    }
  }
  if (market.positionLimit !== undefined) {
    const before = c.position ?? '0';
    const after = add(before, c.side === 'buy' ? c.size : neg(c.size));
    // Only growth past the limit is refused: an order that shrinks an oversized position passes.
    if (gt(abs(after), market.positionLimit) && gt(abs(after), abs(before))) {
      throw invalid('size', c.size, `|position ${before} + order| (${abs(after)}) at most position limit ${market.positionLimit}`);
    }
  }
}

function optionalDecimalContext(field: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : requireDecimal(field, value);
}

export function formatOrder(req: OrderRequest, market: Market, ctx: FormatContext): { body: ParadexOrderBody; signable: ParadexOrderSignable } {
  checkMarket(req.market, market);
  const side = wireSide(req.side);
  const type = wireType(req.type);
  if (req.callbackRate !== undefined) throw notSupported('callbackRate', req.callbackRate, 'Paradex has no trailing stop orders');
  const marketKind = type.endsWith('MARKET');
  const instruction = wireInstruction(req.timeInForce, marketKind);
  const tpsl = TPSL_TYPES.has(req.type);
  const closePosition = req.closePosition === true;
  if (closePosition && !tpsl) throw invalid('closePosition', true, 'only with take_profit_* or stop_loss_* types');

  const size = formatSize(req.size, closePosition, market, ctx.precision);
  const price = LIMIT_TYPES.has(req.type) ? formatLimitPrice(req.price, req.side, market, ctx.precision) : undefined;
  let triggerPrice: string | undefined;
  if (TRIGGER_TYPES.has(req.type)) triggerPrice = formatTrigger(req.triggerPrice, market, ctx.precision);
  else if (req.triggerPrice !== undefined) throw invalid('triggerPrice', req.triggerPrice, 'only for stop, take-profit and stop-loss orders');

  const reduceOnly = req.reduceOnly === true || tpsl;
  const referencePrice = ctx.referencePrice === undefined ? undefined : requirePositive('referencePrice', ctx.referencePrice);
  const position = optionalDecimalContext('position', ctx.position);
  if (!closePosition) {
    checkLimits({ size, side: req.side, price: price ?? referencePrice ?? triggerPrice, reduceOnly, position }, market);
  }

  if (req.clientOrderId !== undefined) {
    if (typeof req.clientOrderId !== 'string' || req.clientOrderId.length === 0 || req.clientOrderId.length > CLIENT_ID_MAX_LENGTH) {
      throw invalid('clientOrderId', req.clientOrderId, `1 to ${CLIENT_ID_MAX_LENGTH} characters`);
    }
  }
  let stp: WireStp | undefined;
  if (req.selfTradePrevention !== undefined) {
    if (!Object.hasOwn(STP_TO_WIRE, req.selfTradePrevention)) throw invalid('selfTradePrevention', req.selfTradePrevention, 'expire_maker, expire_taker or expire_both');
    stp = STP_TO_WIRE[req.selfTradePrevention];
  }
  if (ctx.recvWindowMs !== undefined && (!Number.isSafeInteger(ctx.recvWindowMs) || ctx.recvWindowMs < MIN_RECV_WINDOW_MS)) {
    throw invalid('recvWindowMs', ctx.recvWindowMs, `an integer of at least ${MIN_RECV_WINDOW_MS} ms`);
  }

  const body: ParadexOrderBody = {
    market: market.symbol,
    side,
    type,
    instruction,
    ...(price === undefined ? {} : { price }),
    size,
    ...(req.clientOrderId === undefined ? {} : { client_id: req.clientOrderId }),
    ...(triggerPrice === undefined ? {} : { trigger_price: triggerPrice }),
    ...(reduceOnly ? { flags: ['REDUCE_ONLY'] as const } : {}),
    ...(stp === undefined ? {} : { stp }),
    ...(ctx.recvWindowMs === undefined ? {} : { recv_window: ctx.recvWindowMs }),
  };
  return { body, signable: { market: market.symbol, side, type, size, price: price ?? '0' } };
}

/** The order being modified: its fixed fields, and current values used where `changes` has none. */
export interface ModifyTarget {
  readonly market: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly size?: string;
  readonly price?: string;
  readonly triggerPrice?: string;
  readonly reduceOnly?: boolean;
}

/**
 * PUT /orders/{id}: the venue wants the full price and size (changed or not) with the order's own
 * market, side and type. Market-type TP/SL orders send and sign price "0" (the field is required).
 */
export function formatModify(
  orderId: string,
  existing: ModifyTarget,
  changes: OrderAmendment,
  market: Market,
  ctx: FormatContext,
): { body: ParadexModifyBody; signable: ParadexModifySignable } {
  if (typeof orderId !== 'string' || orderId === '') throw invalid('id', orderId, 'the venue order id');
  checkMarket(existing.market, market);
  const side = wireSide(existing.side);
  const type = wireType(existing.type);
  if (existing.type === 'market') throw invalid('type', 'market', 'only limit, stop and take-profit/stop-loss orders can be modified');
  const tpsl = TPSL_TYPES.has(existing.type);
  const rawSize = changes.size ?? existing.size;
  if (rawSize === undefined) throw invalid('size', rawSize, 'required to modify (the venue wants the full size)');
  const closeWholePosition = tpsl && isDecimal(rawSize) && isZero(rawSize);
  const size = formatSize(rawSize, closeWholePosition, market, ctx.precision);

  const price = LIMIT_TYPES.has(existing.type)
    ? formatLimitPrice(changes.price ?? existing.price, existing.side, market, ctx.precision)
    : undefined;
  let triggerPrice: string | undefined;
  const rawTrigger = changes.triggerPrice ?? existing.triggerPrice;
  if (TRIGGER_TYPES.has(existing.type)) {
    if (rawTrigger !== undefined) triggerPrice = formatTrigger(rawTrigger, market, ctx.precision);
  } else if (changes.triggerPrice !== undefined) {
    throw invalid('triggerPrice', changes.triggerPrice, 'only for stop, take-profit and stop-loss orders');
  }

  const reduceOnly = existing.reduceOnly === true || tpsl;
  const referencePrice = ctx.referencePrice === undefined ? undefined : requirePositive('referencePrice', ctx.referencePrice);
  if (!closeWholePosition) {
    const position = optionalDecimalContext('position', ctx.position);
    checkLimits({ size, side: existing.side, price: price ?? referencePrice ?? triggerPrice, reduceOnly, position }, market);
  }
  const wirePrice = price ?? '0';
  const body: ParadexModifyBody = {
    market: market.symbol,
    side,
    type,
    price: wirePrice,
    size,
    ...(triggerPrice === undefined ? {} : { trigger_price: triggerPrice }),
    id: orderId,
  };
  return { body, signable: { id: orderId, market: market.symbol, side, type, size, price: wirePrice } };
}

/** Largest page every history endpoint accepts (trades stop at 1000; orders and fills at 5000). */
export const DEFAULT_MAX_PAGE_SIZE = 1000;

function badQuery(field: string, value: unknown, rule: string): RequestError {
  return new RequestError(`Paradex history query ${field} ${String(value)} is invalid: ${rule}`, { exchange: 'paradex' });
}

/**
 * Query of /orders-history, /fills, /funding/payments, /trades, /funding/data: market, start_at and
 * end_at (ms, inclusive), page_size (the wanted total, capped per page) and the opaque cursor.
 */
export function historyQuery(query: HistoryQuery, cursor?: string, maxPageSize: number = DEFAULT_MAX_PAGE_SIZE): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.market !== undefined) {
    if (typeof query.market !== 'string' || query.market === '') throw badQuery('market', query.market, 'a market symbol');
    params.market = query.market;
  }
  for (const [field, key, value] of [
    ['since', 'start_at', query.since],
    ['until', 'end_at', query.until],
  ] as const) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) throw badQuery(field, value, 'a non-negative integer time in ms');
    params[key] = String(value);
  }
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
    throw badQuery('since', query.since, `not after until (${query.until})`);
  }
  if (query.limit !== undefined) {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1) throw badQuery('limit', query.limit, 'a positive integer');
    params.page_size = String(Math.min(query.limit, maxPageSize));
  }
  if (cursor !== undefined && cursor !== '') params.cursor = cursor;
  return params;
}
