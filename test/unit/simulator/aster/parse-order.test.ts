import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { AsterApiError } from '../../../../src/simulator/dialects/aster/errors.js';
import { parseOrder } from '../../../../src/simulator/dialects/aster/orders/parse-order.js';
import { periodOf, renderKlines } from '../../../../src/simulator/dialects/aster/render/klines.js';
import { AsterSymbols } from '../../../../src/simulator/dialects/aster/symbols.js';
import { SimulatorEngine, type EngineTrade } from '../../../../src/simulator/engine/index.js';

const engine = new SimulatorEngine({ clock: new ManualClock(1_700_000_000_000), marketMaker: { enabled: false }, priceProcess: { enabled: false } });
const symbols = new AsterSymbols(engine);
const MARK = '67307.7';
const parse = (params: Record<string, string>) => parseOrder({ get: (n) => params[n] }, symbols, () => MARK);

function code(params: Record<string, string>): number {
  try {
    parse(params);
  } catch (error) {
    if (error instanceof AsterApiError) return error.code;
    throw error;
  }
  return 0;
}

const limit = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '67000' };

describe('Aster order parameters', () => {
  it('lists the engine markets with an aster alias and their precision', () => {
    expect(symbols.list.map((m) => [m.symbol, m.engineId, m.priceDp, m.qtyDp])).toEqual([
      ['BTCUSDT', 'BTC-USD-PERP', 1, 3],
      ['ETHUSDT', 'ETH-USD-PERP', 2, 3],
      ['SOLUSDT', 'SOL-USD-PERP', 3, 2],
    ]);
  });

  it('maps every order type to the engine', () => {
    expect(parse(limit).request).toMatchObject({ market: 'BTC-USD-PERP', type: 'LIMIT', size: '0.01', price: '67000', timeInForce: 'GTC' });
    expect(parse({ ...limit, timeInForce: 'GTX' }).request.timeInForce).toBe('POST_ONLY');
    expect(parse({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01', timeInForce: 'GTC' }).request).toMatchObject({ type: 'MARKET' });
    expect(parse({ ...limit, type: 'STOP', stopPrice: '68000' }).request).toMatchObject({ type: 'STOP_LIMIT', triggerPrice: '68000' });
    expect(parse({ symbol: 'BTCUSDT', side: 'SELL', type: 'TAKE_PROFIT_MARKET', stopPrice: '70000', closePosition: 'true' }).request).toMatchObject({
      type: 'TAKE_PROFIT_MARKET',
      size: '0',
      closePosition: true,
    });
    const trailing = parse({ symbol: 'BTCUSDT', side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.01', callbackRate: '1' });
    expect(trailing.request).toMatchObject({ type: 'TRAILING_STOP_MARKET', callbackRate: '1' });
    expect(trailing.meta.activatePrice).toBe('67307.7');
  });

  it('refuses what the venue refuses, with its codes', () => {
    expect(code({ ...limit, symbol: 'btcusdt' })).toBe(-1121);
    expect(code({ ...limit, side: 'buy' })).toBe(-1117);
    expect(code({ ...limit, type: 'LIMIT_MAKER' })).toBe(-1116);
    expect(code({ ...limit, timeInForce: 'GTD' })).toBe(-1115);
    expect(code({ ...limit, timeInForce: '' })).toBe(-1102);
    expect(code({ ...limit, positionSide: 'LONG' })).toBe(-4061);
    expect(code({ ...limit, quantity: '0.0105' })).toBe(-1111);
    expect(code({ ...limit, quantity: '1e-2' })).toBe(-1100);
    expect(code({ ...limit, quantity: '0' })).toBe(-4003);
    expect(code({ ...limit, quantity: '101' })).toBe(-4005);
    expect(code({ ...limit, price: '67000.05' })).toBe(-1111);
    expect(code({ ...limit, price: '99999999' })).toBe(-4002);
    expect(code({ ...limit, price: '80000' })).toBe(-4016);
    expect(code({ ...limit, side: 'SELL', price: '50000' })).toBe(-4024);
    expect(code({ ...limit, quantity: '0.001' })).toBe(-4164);
    expect(code({ ...limit, type: 'STOP' })).toBe(-1102);
    expect(code({ ...limit, newClientOrderId: 'has space' })).toBe(-4015);
    expect(code({ ...limit, newClientOrderId: 'x'.repeat(37) })).toBe(-4015);
    expect(code({ ...limit, workingType: 'LAST' })).toBe(-4031);
    expect(code({ ...limit, newOrderRespType: 'FULL' })).toBe(-1136);
    expect(code({ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', stopPrice: '60000', closePosition: 'true', quantity: '1' })).toBe(-4137);
    expect(code({ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', stopPrice: '60000', closePosition: 'true', reduceOnly: 'true' })).toBe(-1106);
    expect(code({ ...limit, closePosition: 'true' })).toBe(-1130);
    expect(code({ symbol: 'BTCUSDT', side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.01', callbackRate: '6' })).toBe(-1130);
  });

  it('exempts reduce-only orders from MIN_NOTIONAL and values market orders at the mark', () => {
    expect(code({ ...limit, quantity: '0.001', reduceOnly: 'true' })).toBe(0);
    expect(code({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.007' })).toBe(-4164);
    expect(code({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.008' })).toBe(0);
  });
});

describe('klines from trades', () => {
  const m = symbols.require('BTCUSDT');
  const trade = (id: number, at: number, price: string, size: string, side: 'BUY' | 'SELL'): EngineTrade => ({
    id: String(id),
    market: 'BTC-USD-PERP',
    side,
    price,
    size,
    createdAt: at,
    busted: false,
  });

  it('aligns periods, including weeks (Monday) and calendar months', () => {
    expect(periodOf('1m').start(90_000)).toBe(60_000);
    expect(new Date(periodOf('1w').start(Date.UTC(2024, 4, 30))).getUTCDay()).toBe(1);
    expect(periodOf('1M').start(Date.UTC(2024, 1, 20, 5))).toBe(Date.UTC(2024, 1, 1));
    expect(periodOf('1M').next(Date.UTC(2024, 11, 1))).toBe(Date.UTC(2025, 0, 1));
    expect(() => periodOf('7m')).toThrow(AsterApiError);
  });

  it('aggregates OHLCV and keeps idle periods flat at the previous close', () => {
    const t = Date.UTC(2024, 0, 1, 0, 0);
    const trades = [trade(1, t + 1_000, '100.1', '0.5', 'BUY'), trade(2, t + 2_000, '101.3', '0.25', 'SELL'), trade(3, t + 120_500, '99.9', '1', 'BUY')];
    const rows = renderKlines(m, trades, { interval: '1m', startTime: t, limit: 3 }, t + 200_000, '1');
    expect(rows).toEqual([
      [t, '100.1', '101.3', '100.1', '101.3', '0.750', t + 59_999, '75.375', 2, '0.500', '50.05', '0'],
      [t + 60_000, '101.3', '101.3', '101.3', '101.3', '0.000', t + 119_999, '0', 0, '0.000', '0', '0'],
      [t + 120_000, '99.9', '99.9', '99.9', '99.9', '1.000', t + 179_999, '99.9', 1, '1.000', '99.9', '0'],
    ]);
    const latest = renderKlines(m, trades, { interval: '1m', limit: 2 }, t + 200_000, '1');
    expect(latest.map((r) => r[0])).toEqual([t + 120_000, t + 180_000]);
  });
});
