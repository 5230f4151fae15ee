/**
 * Shared set-up for the engine tests: a manual clock, a quiet engine (no market maker, no price
 * process unless asked) and a small market with round numbers so expected values can be worked
 * out by hand.
 */
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorEngine, type EngineEvent, type EngineOptions, type SubmitOrderRequest } from '../../../../src/simulator/engine/index.js';

export const T0 = 1_717_000_000_000;

/** XYZ-USD-PERP: tick 0.1, step 0.01, no min notional, IMF 10% (max leverage 10), MMF = IMF/2. */
export function testMarket(overrides: Record<string, unknown> = {}, simulator: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol: 'XYZ-USD-PERP',
    base_currency: 'XYZ',
    quote_currency: 'USD',
    settlement_currency: 'USDC',
    order_size_increment: '0.01',
    price_tick_size: '0.1',
    min_notional: '0',
    asset_kind: 'PERP',
    position_limit: '1000',
    price_bands_width: '0.5',
    max_open_orders: 50,
    max_funding_rate: '0.01',
    funding_period_hours: 8,
    delta1_cross_margin_params: { imf_base: '0.1', imf_shift: '0', imf_factor: '0', mmf_factor: '0.5' },
    max_order_size: '1000',
    simulator: {
      aliases: { aster: 'XYZUSDT' },
      initial_mark_price: '100',
      volatility: '0.001',
      market_maker: { levels: 3, level_size: '1', spread_ticks: 2, level_spacing_ticks: 1 },
      ...simulator,
    },
    ...overrides,
  };
}

export interface Harness {
  readonly engine: SimulatorEngine;
  readonly clock: ManualClock;
  readonly events: EngineEvent[];
}

export function quietEngine(options: EngineOptions = {}): Harness {
  const clock = new ManualClock(T0);
  const engine = new SimulatorEngine({
    clock,
    synchronous: true,
    marketMaker: { enabled: false },
    priceProcess: { enabled: false },
    markets: [testMarket()],
    ...options,
  });
  const events: EngineEvent[] = [];
  engine.on((e) => events.push(e));
  return { engine, clock, events };
}

export const M = 'XYZ-USD-PERP';

/** A GTC limit order request with the usual defaults. */
export function limit(account: string, side: 'BUY' | 'SELL', size: string, price: string, extra: Partial<SubmitOrderRequest> = {}): SubmitOrderRequest {
  return { account, market: M, side, type: 'LIMIT', size, price, ...extra };
}

export function marketOrder(account: string, side: 'BUY' | 'SELL', size: string, extra: Partial<SubmitOrderRequest> = {}): SubmitOrderRequest {
  return { account, market: M, side, type: 'MARKET', size, ...extra };
}

/** Accounts a, b, c with 100 000 collateral each. */
export function withAccounts(h: Harness, ...ids: string[]): void {
  for (const id of ids.length > 0 ? ids : ['a', 'b', 'c']) h.engine.createAccount(id, { collateral: '100000' });
}

export function eventsOf<T extends EngineEvent['type']>(events: readonly EngineEvent[], type: T): Extract<EngineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}
