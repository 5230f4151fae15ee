/**
 * Market definitions: read the Paradex-shaped entries (data/markets.json or the caller's), check
 * every field once, and turn them into fixed-point specs the matching code can use directly.
 */
import { ConfigError } from '../../core/errors.js';
import { isDecimal, normalize } from '../../core/decimal.js';
import type { DecimalString } from '../../core/types.js';
import defaultData from './data/markets.json' with { type: 'json' };
import { MAX_PRICE, MONEY_DP, parseConfigDecimal, PRICE_DP, RATE_DP, RATE_ONE, SIZE_DP } from './fixed.js';
import type { MarketConfig } from './types.js';

export interface MarketMakerSpec {
  readonly levels: number;
  readonly levelSize: bigint;
  readonly spreadTicks: bigint;
  readonly levelSpacingTicks: bigint;
}

/** One market in fixed point (prices/sizes 8 dp, money 16 dp, rates 18 dp). */
export interface MarketSpec {
  readonly config: MarketConfig;
  readonly id: string;
  readonly tick: bigint;
  readonly step: bigint;
  /** Money. */
  readonly minNotional: bigint;
  readonly maxOrderSize: bigint;
  readonly positionLimit: bigint;
  readonly maxOpenOrders: number;
  /** Rate. */
  readonly band: bigint;
  readonly maxFundingRate: bigint;
  readonly fundingPeriodMs: number;
  readonly imfBase: bigint;
  readonly imfFactor: bigint;
  /** Money. */
  readonly imfShift: bigint;
  readonly mmfFactor: bigint;
  readonly initialMark: bigint;
  /** Relative standard deviation of one price step (a float: it only shapes randomness). */
  readonly volatility: number;
  readonly underlying?: string;
  readonly marketMaker: MarketMakerSpec;
}

export function defaultMarketDefinitions(): Readonly<Record<string, unknown>>[] {
  return (defaultData as { markets: Record<string, unknown>[] }).markets.map((m) => structuredClone(m));
}

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse all definitions; every problem of every market is reported at once. */
export function loadMarkets(definitions: readonly Obj[]): MarketSpec[] {
  const problems: string[] = [];
  const specs: MarketSpec[] = [];
  const seen = new Set<string>();
  for (const [i, def] of definitions.entries()) {
    const where = typeof def.symbol === 'string' ? def.symbol : `markets[${i}]`;
    try {
      const spec = parseMarket(def);
      for (const name of [spec.id, ...Object.values(spec.config.aliases)]) {
        if (seen.has(name)) problems.push(`${where}: symbol or alias "${name}" is used twice`);
        seen.add(name);
      }
      specs.push(spec);
    } catch (err) {
      problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const s of specs) {
    if (s.underlying !== undefined && !specs.some((u) => u.id === s.underlying)) {
      problems.push(`${s.id}: simulator.underlying "${s.underlying}" is not a listed market`);
    }
  }
  if (specs.length === 0 && problems.length === 0) problems.push('at least one market is required');
  if (problems.length > 0) throw new ConfigError(problems);
  return specs;
}

function parseMarket(def: Obj): MarketSpec {
  const symbol = str(def, 'symbol');
  const kind = str(def, 'asset_kind');
  if (kind !== 'PERP' && kind !== 'PERP_OPTION') throw new RangeError(`asset_kind must be PERP or PERP_OPTION (got "${kind}")`);
  const sim = obj(def, 'simulator');
  const mm = obj(sim, 'market_maker');
  const aliasesRaw = sim.aliases === undefined ? {} : obj(sim, 'aliases');
  const aliases: Record<string, string> = {};
  for (const [venue, alias] of Object.entries(aliasesRaw)) {
    if (typeof alias !== 'string' || alias === '') throw new RangeError(`simulator.aliases.${venue} must be a non-empty string`);
    aliases[venue] = alias;
  }
  const { imfBase, imfFactor, imfShift, mmfFactor } = marginParams(def, kind);
  const fundingHours = num(def, 'funding_period_hours');
  const underlying = sim.underlying === undefined ? undefined : str(sim, 'underlying');

  const tick = positive(def, 'price_tick_size', PRICE_DP);
  const step = positive(def, 'order_size_increment', SIZE_DP);
  const initialMark = positive(sim, 'initial_mark_price', PRICE_DP, 'simulator.initial_mark_price');
  if (initialMark % tick !== 0n) throw new RangeError('simulator.initial_mark_price must be a multiple of price_tick_size');
  if (initialMark > MAX_PRICE / 2n) throw new RangeError('simulator.initial_mark_price is beyond the engine price range');
  const levelSize = positive(mm, 'level_size', SIZE_DP, 'simulator.market_maker.level_size');
  if (levelSize % step !== 0n) throw new RangeError('simulator.market_maker.level_size must be a multiple of order_size_increment');
  const volatilityText = dec(sim, 'volatility', 'simulator.volatility');

  const config: MarketConfig = {
    id: symbol,
    aliases,
    kind,
    base: str(def, 'base_currency'),
    quote: str(def, 'quote_currency'),
    settlement: str(def, 'settlement_currency'),
    tickSize: dec(def, 'price_tick_size'),
    stepSize: dec(def, 'order_size_increment'),
    minNotional: dec(def, 'min_notional'),
    maxOrderSize: dec(def, 'max_order_size'),
    positionLimit: dec(def, 'position_limit'),
    maxOpenOrders: int(def, 'max_open_orders'),
    priceBandWidth: dec(def, 'price_bands_width'),
    maxFundingRate: dec(def, 'max_funding_rate'),
    fundingPeriodHours: fundingHours,
    imfBase: normalize(imfBase),
    imfFactor: normalize(imfFactor),
    imfShift: normalize(imfShift),
    mmfFactor: normalize(mmfFactor),
    initialMarkPrice: dec(sim, 'initial_mark_price', 'simulator.initial_mark_price'),
    volatility: volatilityText,
    ...(underlying === undefined ? {} : { underlying }),
    ...(def.option_type === 'CALL' || def.option_type === 'PUT' ? { optionType: def.option_type } : {}),
    ...(typeof def.strike_price === 'string' ? { strikePrice: normalize(def.strike_price) } : {}),
    raw: def,
  };
  return {
    config,
    id: symbol,
    tick,
    step,
    minNotional: parseConfigDecimal(config.minNotional, MONEY_DP, 'min_notional'),
    maxOrderSize: positive(def, 'max_order_size', SIZE_DP),
    positionLimit: positive(def, 'position_limit', SIZE_DP),
    maxOpenOrders: config.maxOpenOrders,
    band: parseConfigDecimal(config.priceBandWidth, RATE_DP, 'price_bands_width'),
    maxFundingRate: parseConfigDecimal(config.maxFundingRate, RATE_DP, 'max_funding_rate'),
    fundingPeriodMs: fundingHours * 3_600_000,
    imfBase: rate(imfBase, 'imf_base'),
    imfFactor: rate(imfFactor, 'imf_factor'),
    imfShift: parseConfigDecimal(imfShift, MONEY_DP, 'imf_shift'),
    mmfFactor: rate(mmfFactor, 'mmf_factor'),
    initialMark,
    volatility: Number(volatilityText),
    ...(underlying === undefined ? {} : { underlying }),
    marketMaker: {
      levels: int(mm, 'levels', 'simulator.market_maker.levels'),
      levelSize,
      spreadTicks: BigInt(int(mm, 'spread_ticks', 'simulator.market_maker.spread_ticks')),
      levelSpacingTicks: BigInt(int(mm, 'level_spacing_ticks', 'simulator.market_maker.level_spacing_ticks')),
    },
  };
}

/**
 * PERP: Paradex delta1_cross_margin_params. PERP_OPTION: the engine margins an option like a
 * linear contract on its own mark, with IMF = option imf.short_otm and MMF = mmf.short_otm (a
 * documented simplification; option greeks are out of scope).
 */
function marginParams(def: Obj, kind: string): { imfBase: string; imfFactor: string; imfShift: string; mmfFactor: string } {
  if (kind === 'PERP') {
    const p = obj(def, 'delta1_cross_margin_params');
    return {
      imfBase: dec(p, 'imf_base', 'delta1_cross_margin_params.imf_base'),
      imfFactor: dec(p, 'imf_factor', 'delta1_cross_margin_params.imf_factor'),
      imfShift: dec(p, 'imf_shift', 'delta1_cross_margin_params.imf_shift'),
      mmfFactor: dec(p, 'mmf_factor', 'delta1_cross_margin_params.mmf_factor'),
    };
  }
  const p = obj(def, 'option_cross_margin_params');
  const imf = dec(obj(p, 'imf'), 'short_otm', 'option_cross_margin_params.imf.short_otm');
  const mmf = dec(obj(p, 'mmf'), 'short_otm', 'option_cross_margin_params.mmf.short_otm');
  const imfScaled = parseConfigDecimal(imf, RATE_DP, 'imf.short_otm');
  if (imfScaled <= 0n) throw new RangeError('option_cross_margin_params.imf.short_otm must be positive');
  const ratio = (parseConfigDecimal(mmf, RATE_DP, 'mmf.short_otm') * RATE_ONE) / imfScaled;
  return { imfBase: imf, imfFactor: '0', imfShift: '0', mmfFactor: formatRate(ratio) };
}

function formatRate(v: bigint): string {
  const s = v.toString().padStart(RATE_DP + 1, '0');
  return normalize(`${s.slice(0, -RATE_DP)}.${s.slice(-RATE_DP)}`);
}

function rate(text: string, field: string): bigint {
  const v = parseConfigDecimal(text, RATE_DP, field);
  if (v < 0n) throw new RangeError(`${field} must not be negative`);
  return v;
}

function str(o: Obj, key: string, label = key): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new RangeError(`${label} must be a non-empty string`);
  return v;
}

function dec(o: Obj, key: string, label = key): DecimalString {
  const v = o[key];
  if (!isDecimal(v)) throw new RangeError(`${label} must be a decimal string (got ${JSON.stringify(v)})`);
  return normalize(v);
}

function num(o: Obj, key: string, label = key): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RangeError(`${label} must be a positive number`);
  return v;
}

function int(o: Obj, key: string, label = key): number {
  const v = num(o, key, label);
  if (!Number.isInteger(v)) throw new RangeError(`${label} must be an integer`);
  return v;
}

function obj(o: Obj, key: string): Obj {
  const v = o[key];
  if (!isObj(v)) throw new RangeError(`${key} must be an object`);
  return v;
}

function positive(o: Obj, key: string, dp: number, label = key): bigint {
  const v = parseConfigDecimal(dec(o, key, label), dp, label);
  if (v <= 0n) throw new RangeError(`${label} must be positive`);
  return v;
}
