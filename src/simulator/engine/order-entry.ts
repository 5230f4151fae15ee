/**
 * submit()'s synchronous validation: everything a venue refuses before accepting an order
 * (Paradex answers these with HTTP 400, Aster with a negative code). Each failure is a typed
 * error naming the field and the rule; `venueCode` carries an engine code (Paradex spelling where
 * one exists) for the dialects to translate.
 *
 * Rules that Paradex applies after acceptance (margin, min notional, position limit, post-only,
 * reduce-only) are NOT here: they close the order later with a cancel reason (risk.ts).
 */
import { DuplicateClientOrderIdError, InvalidOrderError, RequestError } from '../../core/errors.js';
import type { AccountState } from './accounts.js';
import type { EngineCore } from './core.js';
import { fmtPrice, MAX_PRICE, parseOrderDecimal, PRICE_DP, SIZE_DP } from './fixed.js';
import {
  defaultTriggerDirection,
  isMarketType,
  isTriggerType,
  newOrderRecord,
  type OrderRecord,
  type SideSign,
  type TrailingState,
} from './order-record.js';
import type { MarketState } from './state.js';
import { shouldFire } from './triggers.js';
import {
  ENGINE_ORDER_TYPES,
  type EngineOrderType,
  type EngineTimeInForce,
  type SelfTradePrevention,
  type SubmitOrderRequest,
  type TriggerDirection,
} from './types.js';

const TIFS: readonly EngineTimeInForce[] = ['GTC', 'IOC', 'FOK', 'POST_ONLY'];
const STPS: readonly SelfTradePrevention[] = ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'];
const MAX_CLIENT_ID_LENGTH = 64;
/** Aster's TRAILING_STOP_MARKET callbackRate range, in percent at 8 dp. */
const MIN_CALLBACK = 10_000_000n;
const MAX_CALLBACK = 500_000_000n;

function invalid(field: string, value: unknown, rule: string, code = 'INVALID_ORDER'): never {
  const shown = value === undefined ? 'missing' : `"${String(value)}"`;
  throw new InvalidOrderError(`${field} ${shown} breaks rule: ${rule}`, { field, value: value === undefined ? undefined : String(value), rule }, { venueCode: code });
}

export function resolveMarket(core: EngineCore, market: unknown): MarketState {
  const ms = typeof market === 'string' ? core.markets.get(market) : undefined;
  if (ms === undefined) invalid('market', market, 'a listed market id or alias', 'MARKET_NOT_FOUND');
  return ms;
}

export function requireAccount(core: EngineCore, account: unknown): AccountState {
  const a = typeof account === 'string' ? core.accounts.get(account) : undefined;
  if (a === undefined) throw new RequestError(`account "${String(account)}" does not exist`, { venueCode: 'ACCOUNT_NOT_FOUND' });
  return a;
}

export function parsePrice(ms: MarketState, value: unknown, field: string): bigint {
  const price = parseOrderDecimal(value, PRICE_DP, field);
  if (price <= 0n) invalid(field, value, 'greater than 0', 'INVALID_PRICE');
  if (price > MAX_PRICE) invalid(field, value, `at most ${fmtPrice(MAX_PRICE)}`, 'INVALID_PRICE');
  if (price % ms.spec.tick !== 0n) invalid(field, value, `multiple of price_tick_size ${ms.spec.config.tickSize}`, 'INVALID_PRICE_PRECISION');
  return price;
}

export function parseSize(ms: MarketState, value: unknown, allowZero: boolean): bigint {
  const size = parseOrderDecimal(value, SIZE_DP, 'size');
  if (size < 0n || (size === 0n && !allowZero)) invalid('size', value, 'greater than 0', 'INVALID_ORDER_SIZE');
  if (size % ms.spec.step !== 0n) invalid('size', value, `multiple of order_size_increment ${ms.spec.config.stepSize}`, 'INVALID_ORDER_SIZE');
  if (size > ms.spec.maxOrderSize) invalid('size', value, `at most max_order_size ${ms.spec.config.maxOrderSize}`, 'INVALID_ORDER_SIZE');
  return size;
}

/** Validate a request and build the NEW order (not yet registered). */
export function buildOrder(core: EngineCore, req: SubmitOrderRequest): OrderRecord {
  if (typeof req !== 'object' || req === null) throw new RequestError('order request must be an object');
  const account = requireAccount(core, req.account);
  const ms = resolveMarket(core, req.market);
  if (req.side !== 'BUY' && req.side !== 'SELL') invalid('side', req.side, 'BUY or SELL', 'INVALID_SIDE');
  const side: SideSign = req.side === 'BUY' ? 1 : -1;
  const type = req.type as EngineOrderType;
  if (!ENGINE_ORDER_TYPES.includes(type)) invalid('type', req.type, ENGINE_ORDER_TYPES.join(', '), 'INVALID_ORDER_TYPE');
  const trigger = isTriggerType(type);
  const trailingType = type === 'TRAILING_STOP_MARKET';
  const marketType = isMarketType(type);

  const tif = timeInForce(req.timeInForce, marketType);
  if (req.closePosition === true && (!trigger || trailingType)) {
    invalid('closePosition', true, 'only for STOP_*, TAKE_PROFIT_*, STOP_LOSS_* orders');
  }
  // Size "0" on a TP/SL/stop means "the whole position at trigger time" (Paradex), like closePosition (Aster).
  const size = parseSize(ms, req.size, trigger && !trailingType);
  if (req.closePosition === true && size !== 0n) invalid('size', req.size, 'must be 0 with closePosition', 'QUANTITY_EXISTS_WITH_CLOSE_POSITION');
  const closePosition = trigger && !trailingType && size === 0n;

  const price = marketType ? 0n : parsePrice(ms, req.price, 'price');
  let triggerPrice = 0n;
  let trailing: TrailingState | undefined;
  if (trailingType) trailing = parseTrailing(ms, req);
  else if (trigger) triggerPrice = parsePrice(ms, req.triggerPrice, 'triggerPrice');

  let direction: TriggerDirection | undefined;
  if (trigger && !trailingType) {
    if (req.triggerDirection !== undefined && req.triggerDirection !== 'ABOVE' && req.triggerDirection !== 'BELOW') {
      invalid('triggerDirection', req.triggerDirection, 'ABOVE or BELOW');
    }
    direction = req.triggerDirection ?? defaultTriggerDirection(type, side);
  }
  const stp = req.stp ?? 'EXPIRE_TAKER';
  if (!STPS.includes(stp)) invalid('stp', req.stp, STPS.join(', '));
  if (req.reduceOnly !== undefined && typeof req.reduceOnly !== 'boolean') invalid('reduceOnly', req.reduceOnly, 'boolean');

  const clientId = req.clientId === undefined || req.clientId === '' ? undefined : req.clientId;
  if (clientId !== undefined) {
    if (typeof clientId !== 'string' || clientId.length > MAX_CLIENT_ID_LENGTH) {
      invalid('clientId', clientId, `string of at most ${MAX_CLIENT_ID_LENGTH} characters`);
    }
    if (account.clientIds.has(clientId)) {
      throw new DuplicateClientOrderIdError(
        `clientId "${clientId}" is already used by an open order of this account`,
        { field: 'clientId', value: clientId, rule: 'unique among open orders' },
        { venueCode: 'DUPLICATED_CLIENT_ID' },
      );
    }
  }
  const open = account.markets.get(ms.id)?.openOrders.size ?? 0;
  if (open >= ms.spec.maxOpenOrders) {
    invalid('market', ms.id, `at most ${ms.spec.maxOpenOrders} open orders per market`, 'MAX_OPEN_ORDERS_EXCEEDED');
  }

  const o = newOrderRecord(core.nextOrderSerial(), core.now, {
    account: account.id,
    market: ms.id,
    side,
    type,
    tif,
    size,
    price,
    triggerPrice,
    triggerDirection: direction,
    trailing,
    reduceOnly: req.reduceOnly === true || closePosition,
    closePosition,
    stp,
    clientId,
    internal: account.internal,
  });
  if (req.rejectIfWouldTrigger === true && trigger) refuseImmediateTrigger(ms, o);
  return o;
}

/** Market-type orders always behave as IOC (ccxt sends GTC with them; that is accepted). */
function timeInForce(value: EngineTimeInForce | undefined, marketType: boolean): EngineTimeInForce {
  const tif = value ?? 'GTC';
  if (!TIFS.includes(tif)) invalid('timeInForce', value, TIFS.join(', '), 'INVALID_TIF');
  if (!marketType) return tif;
  if (tif === 'POST_ONLY' || tif === 'FOK') invalid('timeInForce', value, 'GTC or IOC for market-type orders', 'INVALID_TIF');
  return 'IOC';
}

function parseTrailing(ms: MarketState, req: SubmitOrderRequest): TrailingState {
  const rate = parseOrderDecimal(req.callbackRate, PRICE_DP, 'callbackRate');
  if (rate < MIN_CALLBACK || rate > MAX_CALLBACK) invalid('callbackRate', req.callbackRate, 'between 0.1 and 5 (percent)', 'INVALID_CALLBACK_RATE');
  const activationPrice = req.activationPrice === undefined ? undefined : parsePrice(ms, req.activationPrice, 'activationPrice');
  return { callbackRate: rate, activationPrice, activated: false, extreme: 0n };
}

/** Aster -2021 "Order would immediately trigger". */
function refuseImmediateTrigger(ms: MarketState, o: OrderRecord): void {
  if (o.trailing !== undefined) {
    const act = o.trailing.activationPrice;
    if (act !== undefined && (o.side === -1 ? act <= ms.mark : act >= ms.mark)) {
      invalid('activationPrice', fmtPrice(act), `beyond the mark ${fmtPrice(ms.mark)} on the order's side`, 'ORDER_WOULD_IMMEDIATELY_TRIGGER');
    }
    return;
  }
  // shouldFire has no side effects for non-trailing orders.
  if (shouldFire(o, ms.mark, ms.spec.tick)) {
    invalid('triggerPrice', fmtPrice(o.triggerPrice), `not already reached by the mark ${fmtPrice(ms.mark)}`, 'ORDER_WOULD_IMMEDIATELY_TRIGGER');
  }
}
