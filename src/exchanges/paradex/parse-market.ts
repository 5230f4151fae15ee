/**
 * Paradex market metadata -> domain Market.
 *
 * Only perpetuals are tradable through this client: PERP and PERP_OPTION map to the domain's
 * MarketKind. SPOT, OPTION (dated) and FUTURE markets are *filtered out* of lists by parseMarkets
 * (the venue lists them next to perps) and *rejected* by parseMarket with a NotSupportedError
 * when asked for one by name.
 */
import { NotSupportedError } from '../../core/errors.js';
import { isZero } from '../../core/decimal.js';
import type { Market, MarketKind } from '../../core/types.js';
import type { WireMarket } from './rest/schemas.js';

const KINDS: Readonly<Record<string, MarketKind>> = { PERP: 'PERP', PERP_OPTION: 'PERP_OPTION' };

/** Own keys only: an asset_kind such as "constructor" must not find Object.prototype members. */
const kindOf = (assetKind: string): MarketKind | undefined => (Object.hasOwn(KINDS, assetKind) ? KINDS[assetKind] : undefined);

export function isSupportedMarket(wire: WireMarket): boolean {
  return kindOf(wire.asset_kind) !== undefined;
}

/**
 * A limit the venue reports as "0" or "" is treated as "not set": with a zero position limit every
 * order would fail our pre-trade check, whereas a missed pre-check only defers the refusal to the
 * venue, which remains the authority.
 */
function limit(value: string | undefined): string | undefined {
  return value === undefined || isZero(value) ? undefined : value;
}

export function parseMarket(wire: WireMarket): Market {
  const kind = kindOf(wire.asset_kind);
  if (kind === undefined) {
    throw new NotSupportedError(`Paradex market ${wire.symbol} is ${wire.asset_kind}; only PERP and PERP_OPTION are supported`, {
      exchange: 'paradex',
    });
  }
  const maxOpenOrders = wire.max_open_orders === undefined || wire.max_open_orders === 0 ? undefined : wire.max_open_orders;
  const maxOrderSize = limit(wire.max_order_size);
  const positionLimit = limit(wire.position_limit);
  const priceBandWidth = limit(wire.price_bands_width);
  return {
    exchange: 'paradex',
    symbol: wire.symbol,
    kind,
    base: wire.base_currency,
    quote: wire.quote_currency,
    settlement: wire.settlement_currency,
    tickSize: wire.price_tick_size,
    stepSize: wire.order_size_increment,
    minNotional: wire.min_notional,
    ...(maxOrderSize === undefined ? {} : { maxOrderSize }),
    ...(positionLimit === undefined ? {} : { positionLimit }),
    ...(maxOpenOrders === undefined ? {} : { maxOpenOrders }),
    ...(priceBandWidth === undefined ? {} : { priceBandWidth }),
    raw: wire,
  };
}

/** Every perpetual market of a GET /markets answer; other asset kinds are left out. */
export function parseMarkets(list: readonly WireMarket[]): Market[] {
  return list.filter(isSupportedMarket).map((wire) => parseMarket(wire));
}
