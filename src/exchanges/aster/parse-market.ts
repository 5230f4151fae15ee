/**
 * exchangeInfo symbol -> domain Market, plus the rules the pre-trade checks need that the domain
 * Market has no field for (price bounds, minimum quantities, accepted types and TIFs, trading
 * status). Filters are read by `filterType` (aster.md §4.2):
 *   PRICE_FILTER -> tickSize (+ minPrice/maxPrice), LOT_SIZE -> stepSize, minSize, maxOrderSize,
 *   MARKET_LOT_SIZE -> marketStepSize, maxMarketOrderSize, MIN_NOTIONAL (`notional`, or ccxt's
 *   `minNotional`) -> minNotional, MAX_NUM_ORDERS -> maxOpenOrders, PERCENT_PRICE -> priceBandWidth.
 * A bound of "0" disables that check (documented), so it becomes undefined here.
 * Only PERPETUAL contracts are tradable through this client; others are left out of lists.
 */
import { isDecimal, isZero, min, sub } from '../../core/decimal.js';
import { NotSupportedError } from '../../core/errors.js';
import type { Market } from '../../core/types.js';
import { inconsistent } from './parse-common.js';
import type { WireFilter, WireSymbol } from './rest/schemas/index.js';

export interface SymbolRules {
  readonly symbol: string;
  /** TRADING, PENDING_TRADING, SETTLING, CLOSE... orders go only to TRADING symbols. */
  readonly status: string;
  readonly minPrice?: string;
  readonly maxPrice?: string;
  readonly minQty?: string;
  readonly marketMinQty?: string;
  readonly multiplierUp?: string;
  readonly multiplierDown?: string;
  /** Wire order types and TIFs the symbol lists; undefined when the venue did not say. */
  readonly orderTypes?: readonly string[];
  readonly timeInForce?: readonly string[];
}

export interface ParsedMarket {
  readonly market: Market;
  readonly rules: SymbolRules;
}

function filter(wire: WireSymbol, type: string): Record<string, unknown> | undefined {
  return wire.filters.find((f: WireFilter) => f.filterType === type) as Record<string, unknown> | undefined;
}

/** A decimal-string filter field; "0" and absent read as "not set". */
function bound(f: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = f?.[key];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !isDecimal(text)) return undefined;
  return isZero(text) ? undefined : text;
}

function required(wire: WireSymbol, f: Record<string, unknown> | undefined, type: string, key: string): string {
  const value = bound(f, key);
  if (value === undefined) throw inconsistent(`symbol ${wire.symbol}`, `${type}.${key}`, 'present and > 0', wire);
  return value;
}

export function isPerpetual(wire: WireSymbol): boolean {
  return wire.contractType === 'PERPETUAL';
}

export function parseMarket(wire: WireSymbol): ParsedMarket {
  if (!isPerpetual(wire)) {
    throw new NotSupportedError(`Aster symbol ${wire.symbol} is "${wire.contractType ?? ''}"; only PERPETUAL contracts are supported`, { exchange: 'aster' });
  }
  const price = filter(wire, 'PRICE_FILTER');
  const lot = filter(wire, 'LOT_SIZE');
  const marketLot = filter(wire, 'MARKET_LOT_SIZE');
  const notional = filter(wire, 'MIN_NOTIONAL');
  const maxOrders = filter(wire, 'MAX_NUM_ORDERS');
  const percent = filter(wire, 'PERCENT_PRICE');

  const tickSize = required(wire, price, 'PRICE_FILTER', 'tickSize');
  const stepSize = required(wire, lot, 'LOT_SIZE', 'stepSize');
  const minNotional = bound(notional, 'notional') ?? bound(notional, 'minNotional') ?? '0';
  const minSize = bound(lot, 'minQty');
  const maxOrderSize = bound(lot, 'maxQty');
  const marketStepSize = bound(marketLot, 'stepSize');
  const maxMarketOrderSize = bound(marketLot, 'maxQty');
  const limit = maxOrders?.limit;
  const maxOpenOrders = typeof limit === 'number' && limit > 0 ? limit : undefined;
  const up = bound(percent, 'multiplierUp');
  const down = bound(percent, 'multiplierDown');
  // The narrower side of the band, as a distance from the mark price.
  const priceBandWidth = up !== undefined && down !== undefined ? min(sub(up, '1'), sub('1', down)) : undefined;

  const market: Market = {
    exchange: 'aster',
    symbol: wire.symbol,
    kind: 'PERP',
    base: wire.baseAsset,
    quote: wire.quoteAsset,
    settlement: wire.marginAsset ?? wire.quoteAsset,
    tickSize,
    stepSize,
    ...(marketStepSize === undefined ? {} : { marketStepSize }),
    minNotional,
    ...(minSize === undefined ? {} : { minSize }),
    ...(maxOrderSize === undefined ? {} : { maxOrderSize }),
    ...(maxMarketOrderSize === undefined ? {} : { maxMarketOrderSize }),
    ...(maxOpenOrders === undefined ? {} : { maxOpenOrders }),
    ...(priceBandWidth === undefined ? {} : { priceBandWidth }),
    raw: wire,
  };
  const minPrice = bound(price, 'minPrice');
  const maxPrice = bound(price, 'maxPrice');
  const marketMinQty = bound(marketLot, 'minQty');
  const orderTypes = wire.orderTypes ?? wire.OrderType;
  const rules: SymbolRules = {
    symbol: wire.symbol,
    status: wire.status,
    ...(minPrice === undefined ? {} : { minPrice }),
    ...(maxPrice === undefined ? {} : { maxPrice }),
    ...(minSize === undefined ? {} : { minQty: minSize }),
    ...(marketMinQty === undefined ? {} : { marketMinQty }),
    ...(up === undefined ? {} : { multiplierUp: up }),
    ...(down === undefined ? {} : { multiplierDown: down }),
    ...(orderTypes === undefined ? {} : { orderTypes }),
    ...(wire.timeInForce === undefined ? {} : { timeInForce: wire.timeInForce }),
  };
  return { market, rules };
}

/** Every perpetual of an exchangeInfo answer; other contract types are left out. */
export function parseMarkets(symbols: readonly WireSymbol[]): ParsedMarket[] {
  return symbols.filter(isPerpetual).map((wire) => parseMarket(wire));
}
