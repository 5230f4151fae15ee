import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import { defaultMarketDefinitions, loadMarkets } from '../../../../src/simulator/engine/markets.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { testMarket } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const recordedMarkets = JSON.parse(readFileSync(join(here, '../../../fixtures/paradex/http_get_markets.json'), 'utf8')) as {
  results: Record<string, unknown>[];
};

describe('market data file', () => {
  const engine = new SimulatorEngine({ marketMaker: { enabled: false }, priceProcess: { enabled: false } });

  it('lists BTC, ETH, SOL perpetuals and one perpetual option', () => {
    expect(engine.markets().map((m) => [m.id, m.kind])).toEqual([
      ['BTC-USD-PERP', 'PERP'],
      ['ETH-USD-PERP', 'PERP'],
      ['SOL-USD-PERP', 'PERP'],
      ['BTC-USD-70000-C', 'PERP_OPTION'],
    ]);
  });

  it('carries the recorded Paradex BTC-USD-PERP values field for field', () => {
    const recorded = recordedMarkets.results[0];
    const raw = engine.market('BTC-USD-PERP').raw;
    for (const [key, value] of Object.entries(recorded ?? {})) expect(raw[key], key).toEqual(value);
    expect(engine.market('BTC-USD-PERP')).toMatchObject({
      tickSize: '0.1',
      stepSize: '0.001',
      minNotional: '500',
      maxOrderSize: '100',
      positionLimit: '60',
      maxOpenOrders: 100,
      priceBandWidth: '0.05',
      imfBase: '0.02',
      imfShift: '180000',
      imfFactor: '0.00007',
      mmfFactor: '0.5',
      fundingPeriodHours: 8,
    });
  });

  it('resolves the Aster aliases to the venue-neutral ids', () => {
    expect(engine.market('BTCUSDT').id).toBe('BTC-USD-PERP');
    expect(engine.market('ETHUSDT').id).toBe('ETH-USD-PERP');
    expect(engine.market('SOLUSDT').id).toBe('SOL-USD-PERP');
    expect(() => engine.market('DOGEUSDT')).toThrow(/listed market/);
  });

  it('gives the option market its strike, type, underlying and a margin ratio from its mmf/imf', () => {
    expect(engine.market('BTC-USD-70000-C')).toMatchObject({
      optionType: 'CALL',
      strikePrice: '70000',
      underlying: 'BTC-USD-PERP',
      imfBase: '0.25',
      mmfFactor: '0.5',
    });
  });

  it('starts every market at its initial mark with the market maker quoting both sides around it', () => {
    const live = new SimulatorEngine({ priceProcess: { enabled: false } });
    for (const m of live.markets()) {
      const summary = live.marketSummary(m.id);
      expect(summary.markPrice).toBe(m.initialMarkPrice);
      const book = live.bookSnapshot(m.id, 50);
      expect(book.bids.length).toBeGreaterThan(0);
      expect(book.asks.length).toBeGreaterThan(0);
      expect(Number(book.bids[0]?.price)).toBeLessThan(Number(m.initialMarkPrice));
      expect(Number(book.asks[0]?.price)).toBeGreaterThan(Number(m.initialMarkPrice));
    }
  });
});

describe('market definitions are checked', () => {
  it('reports every problem at once', () => {
    const bad = [
      testMarket({ price_tick_size: '-1' }),
      testMarket({ symbol: 'ABC-USD-PERP', asset_kind: 'SPOT' }, { aliases: {} }),
      testMarket({ symbol: 'DEF-USD-PERP' }, { initial_mark_price: '100.05' }),
    ];
    try {
      loadMarkets(bad);
      expect.unreachable('bad definitions were accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/XYZ-USD-PERP: price_tick_size must be positive/);
      expect(problems[1]).toMatch(/ABC-USD-PERP: asset_kind must be PERP or PERP_OPTION/);
      expect(problems[2]).toMatch(/DEF-USD-PERP: simulator.initial_mark_price must be a multiple of price_tick_size/);
    }
  });

  it('refuses an alias used twice and an unknown underlying', () => {
    expect(() => loadMarkets([testMarket(), testMarket({ symbol: 'XYZ2-USD-PERP' })])).toThrow(/"XYZUSDT" is used twice/);
    expect(() => loadMarkets([testMarket({}, { underlying: 'NOPE' })])).toThrow(/underlying "NOPE" is not a listed market/);
  });

  it('returns fresh copies of the default definitions', () => {
    const a = defaultMarketDefinitions();
    (a[0] as { symbol: string }).symbol = 'CHANGED';
    expect(defaultMarketDefinitions()[0]?.symbol).toBe('BTC-USD-PERP');
  });
});
