/**
 * GET exchangeInfo in the shape of the real capture quoted in aster.md §4.2 (top-level
 * `futuresType`, three rateLimits, `orderTypes` key, RPI/HIDDEN in timeInForce), with the filters
 * computed from the engine's market definitions so that what the client reads is what the
 * simulator enforces: PRICE_FILTER (tick), LOT_SIZE / MARKET_LOT_SIZE (step, max order size),
 * MIN_NOTIONAL, PERCENT_PRICE (the engine's price band), MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS.
 */
import { normalize } from '../../../../core/decimal.js';
import { MAX_ALGO_ORDERS } from '../orders/place.js';
import type { AsterSettings } from '../settings.js';
import type { AsterMarket } from '../symbols.js';

/** Listing time shown for every simulated symbol (BTCUSDT's real onboardDate). */
const ONBOARD_DATE = 1627628400000;
const DELIVERY_DATE = 4133404800000;

export function renderExchangeInfo(markets: readonly AsterMarket[], settings: AsterSettings, now: number): Record<string, unknown> {
  return {
    timezone: 'UTC',
    serverTime: now,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: settings.weightPerMinute },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: settings.ordersPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: settings.ordersPer10s },
    ],
    exchangeFilters: [],
    assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '0' }],
    symbols: markets.map((m, i) => renderSymbol(m, i + 1)),
  };
}

function renderSymbol(m: AsterMarket, sequenceNo: number): Record<string, unknown> {
  const c = m.config;
  const step = normalize(c.stepSize);
  const tick = normalize(c.tickSize);
  return {
    symbol: m.symbol,
    pair: m.symbol,
    contractType: 'PERPETUAL',
    deliveryDate: DELIVERY_DATE,
    onboardDate: ONBOARD_DATE,
    status: 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: c.base,
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    pricePrecision: m.priceDp,
    quantityPrecision: m.qtyDp,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    symbolType: 0,
    tradingMode: 0,
    name: c.base,
    channel: '',
    sequenceNo,
    twapMinNotional: '1000',
    settlePlan: 0,
    triggerProtect: '0.0200',
    liquidationFee: '0.025000',
    marketTakeBound: normalize(c.priceBandWidth),
    createTime: ONBOARD_DATE,
    filters: [
      { minPrice: tick, maxPrice: m.maxPrice, filterType: 'PRICE_FILTER', tickSize: tick },
      { stepSize: step, filterType: 'LOT_SIZE', maxQty: normalize(c.maxOrderSize), minQty: step },
      { stepSize: step, filterType: 'MARKET_LOT_SIZE', maxQty: normalize(c.maxOrderSize), minQty: step },
      { limit: c.maxOpenOrders, filterType: 'MAX_NUM_ORDERS' },
      { limit: MAX_ALGO_ORDERS, filterType: 'MAX_NUM_ALGO_ORDERS' },
      { notional: normalize(c.minNotional), filterType: 'MIN_NOTIONAL' },
      {
        multiplierDown: m.multiplierDown,
        multiplierUp: m.multiplierUp,
        ltMultiplierDown: '0',
        multiplierDecimal: '4',
        filterType: 'PERCENT_PRICE',
        ltMultiplierUp: '0',
      },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
  };
}
