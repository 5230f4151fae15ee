/**
 * The engine markets Aster lists: those with an `aster` alias (BTCUSDT, ETHUSDT, SOLUSDT by
 * default). Symbols are matched exactly (upper case), as the venue does; stream names use the
 * lower-case spelling.
 */
import { add, compare, decimalPlaces, mul, sub } from '../../../core/decimal.js';
import type { MarketConfig, SimulatorEngine } from '../../engine/index.js';
import { AsterErrors } from './errors.js';
import { fixedDp, padDp } from './format.js';

export interface AsterMarket {
  readonly symbol: string;
  readonly engineId: string;
  readonly config: MarketConfig;
  /** Decimals of tickSize / stepSize (Aster pricePrecision / quantityPrecision). */
  readonly priceDp: number;
  readonly qtyDp: number;
  /** PERCENT_PRICE multipliers from the engine's price band: 1 + width, 1 - width. */
  readonly multiplierUp: string;
  readonly multiplierDown: string;
  /** PRICE_FILTER maxPrice: a power of ten at least 1,000,000 and ten times the initial mark. */
  readonly maxPrice: string;
}

export class AsterSymbols {
  readonly list: readonly AsterMarket[];
  readonly #bySymbol = new Map<string, AsterMarket>();
  readonly #byEngineId = new Map<string, AsterMarket>();

  constructor(engine: SimulatorEngine) {
    const list: AsterMarket[] = [];
    for (const config of engine.markets()) {
      const symbol = config.aliases['aster'];
      if (symbol === undefined || config.kind !== 'PERP') continue;
      const market: AsterMarket = {
        symbol,
        engineId: config.id,
        config,
        priceDp: decimalPlaces(config.tickSize),
        qtyDp: decimalPlaces(config.stepSize),
        multiplierUp: fixedDp(add('1', config.priceBandWidth), 4),
        multiplierDown: fixedDp(sub('1', config.priceBandWidth), 4),
        maxPrice: maxPriceFor(config.initialMarkPrice),
      };
      list.push(market);
      this.#bySymbol.set(symbol, market);
      this.#byEngineId.set(config.id, market);
    }
    this.list = list;
  }

  /** The market of a `symbol` parameter; -1121 when unknown. */
  require(symbol: string): AsterMarket {
    const market = this.#bySymbol.get(symbol);
    if (market === undefined) throw AsterErrors.badSymbol();
    return market;
  }

  find(symbol: string): AsterMarket | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** Undefined for engine markets Aster does not list (options, Paradex-only markets). */
  byEngineId(engineId: string): AsterMarket | undefined {
    return this.#byEngineId.get(engineId);
  }

  /** The market of a lower-case stream symbol ("btcusdt"). */
  fromStreamSymbol(lower: string): AsterMarket | undefined {
    return this.#bySymbol.get(lower.toUpperCase());
  }
}

function maxPriceFor(initialMark: string): string {
  let max = '1000000';
  while (compare(max, mul(initialMark, '10')) < 0) max = mul(max, '10');
  return max;
}

export const price = (m: AsterMarket, value: string): string => fixedDp(value, m.priceDp);
export const qty = (m: AsterMarket, value: string): string => fixedDp(value, m.qtyDp);
/** Average prices may carry more decimals than the tick: never rounded, padded to the tick's. */
export const avgPrice = (m: AsterMarket, value: string): string => padDp(value, Math.max(m.priceDp, 5));
