/**
 * Aster dialect, public REST routes over real sockets: every market-data route under /fapi/v1 and
 * /fapi/v3, their weights, and the field sets of the recorded responses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asterAdmin } from '../../../src/simulator/dialects/aster/index.js';
import { keysOf, publicGet, recorded, startAster, V3Client, walletFor } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;

beforeAll(async () => {
  sim = await startAster();
  // A few trades and one funding settlement so that trades, klines and funding have data.
  const user = walletFor('public-trader');
  const client = new V3Client(sim.httpUrl, user, user.address, () => sim.control.now());
  for (const side of ['BUY', 'SELL', 'BUY']) {
    const r = await client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', side, type: 'MARKET', quantity: '0.02' });
    expect(r.status).toBe(200);
  }
  sim.engine.settleFunding('BTCUSDT');
});

afterAll(async () => {
  await sim.close();
});

describe('Aster public REST', () => {
  it.each(['v1', 'v3'])('answers ping and time under /fapi/%s', async (v) => {
    const ping = await publicGet(sim.httpUrl, `/fapi/${v}/ping`);
    expect([ping.status, ping.body]).toEqual([200, {}]);
    const time = await publicGet(sim.httpUrl, `/fapi/${v}/time`);
    expect(time.body).toEqual({ serverTime: sim.control.now() });
    expect(Number(time.headers.get('x-mbx-used-weight-1m'))).toBeGreaterThan(0);
  });

  it('lists BTCUSDT, ETHUSDT, SOLUSDT in exchangeInfo with the real capture’s fields and the engine’s filters', async () => {
    const info = await publicGet(sim.httpUrl, '/fapi/v3/exchangeInfo');
    expect(info.status).toBe(200);
    const reference = recorded('assembled_http_get_fapi_v3_exchangeInfo.json') as { symbols: Record<string, unknown>[]; rateLimits: unknown[] };
    expect(keysOf(info.body)).toEqual(keysOf(reference));
    expect(info.body.rateLimits).toEqual(reference.rateLimits);
    expect(info.body.symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    const realBtc = reference.symbols.find((s) => s['symbol'] === 'BTCUSDT') as Record<string, unknown>;
    const btc = info.body.symbols[0];
    expect(keysOf(btc)).toEqual(keysOf(realBtc));
    const filters = (s: Record<string, unknown>) =>
      Object.fromEntries((s['filters'] as Record<string, unknown>[]).map((f) => [f['filterType'], Object.keys(f).sort()]));
    expect(filters(btc)).toEqual(filters(realBtc));
    const byType = Object.fromEntries((btc.filters as Record<string, unknown>[]).map((f) => [f['filterType'], f]));
    const market = sim.engine.market('BTCUSDT');
    expect(byType['PRICE_FILTER']).toMatchObject({ tickSize: market.tickSize, minPrice: market.tickSize });
    expect(byType['LOT_SIZE']).toMatchObject({ stepSize: market.stepSize, minQty: market.stepSize, maxQty: market.maxOrderSize });
    expect(byType['MIN_NOTIONAL']).toMatchObject({ notional: market.minNotional });
    expect(byType['PERCENT_PRICE']).toMatchObject({ multiplierUp: '1.0500', multiplierDown: '0.9500' });
    expect([btc.pricePrecision, btc.quantityPrecision]).toEqual([1, 3]);
    expect((await publicGet(sim.httpUrl, '/fapi/v1/exchangeInfo')).body.symbols).toHaveLength(3);
  });

  it('serves depth with the recorded fields, the engine book and the weight of its limit', async () => {
    const depth = await publicGet(sim.httpUrl, '/fapi/v3/depth', { symbol: 'BTCUSDT', limit: '5' });
    expect(keysOf(depth.body)).toEqual(keysOf(recorded('http_get_fapi_v3_depth.json')));
    const book = sim.engine.bookSnapshot('BTCUSDT', 5);
    expect(depth.body.lastUpdateId).toBe(book.seq);
    expect(depth.body.bids[0]).toEqual([book.bids[0]?.price, Number(book.bids[0]?.size).toFixed(3)]);
    expect(depth.body.asks).toHaveLength(5);
    const before = Number(depth.headers.get('x-mbx-used-weight-1m'));
    const big = await publicGet(sim.httpUrl, '/fapi/v1/depth', { symbol: 'BTCUSDT', limit: '1000' });
    expect(Number(big.headers.get('x-mbx-used-weight-1m')) - before).toBe(20);
    const bad = await publicGet(sim.httpUrl, '/fapi/v3/depth', { symbol: 'BTCUSDT', limit: '7' });
    expect([bad.status, bad.body]).toEqual([400, { code: -4021, msg: "'7' is not valid depth limit." }]);
    const unknown = await publicGet(sim.httpUrl, '/fapi/v3/depth', { symbol: 'DOGEUSDT' });
    expect(unknown.body).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    const missing = await publicGet(sim.httpUrl, '/fapi/v3/depth');
    expect(missing.body.code).toBe(-1102);
  });

  it('serves trades and aggTrades oldest first with the recorded fields', async () => {
    const trades = await publicGet(sim.httpUrl, '/fapi/v3/trades', { symbol: 'BTCUSDT', limit: '2' });
    expect(trades.body).toHaveLength(2);
    expect(keysOf(trades.body)).toEqual(keysOf(recorded('http_get_fapi_v3_trades.json')));
    expect(trades.body[0].time).toBeLessThanOrEqual(trades.body[1].time);
    expect(trades.body[0].id).toBeLessThan(trades.body[1].id);
    const agg = await publicGet(sim.httpUrl, '/fapi/v1/aggTrades', { symbol: 'BTCUSDT' });
    expect(keysOf(agg.body)).toEqual(['T', 'a', 'f', 'l', 'm', 'p', 'q']);
    const last = agg.body[agg.body.length - 1];
    const from = await publicGet(sim.httpUrl, '/fapi/v3/aggTrades', { symbol: 'BTCUSDT', fromId: String(last.a) });
    expect(from.body).toEqual([last]);
    const range = await publicGet(sim.httpUrl, '/fapi/v3/aggTrades', { symbol: 'BTCUSDT', startTime: '10', endTime: '5' });
    expect(range.body.code).toBe(-1023);
  });

  it('serves klines as 12-slot rows and refuses an unknown interval', async () => {
    const klines = await publicGet(sim.httpUrl, '/fapi/v3/klines', { symbol: 'BTCUSDT', interval: '1m', limit: '3' });
    expect(klines.body).toHaveLength(3);
    const reference = recorded('http_get_fapi_v3_klines.json') as unknown[][];
    expect(klines.body[2]).toHaveLength((reference[0] as unknown[]).length);
    expect(klines.body[2][8]).toBe(3);
    const bad = await publicGet(sim.httpUrl, '/fapi/v1/klines', { symbol: 'BTCUSDT', interval: '2m' });
    expect(bad.body).toEqual({ code: -1120, msg: 'Invalid interval.' });
  });

  it('serves premiumIndex, fundingRate and fundingInfo with the recorded fields', async () => {
    const one = await publicGet(sim.httpUrl, '/fapi/v3/premiumIndex', { symbol: 'BTCUSDT' });
    expect(keysOf(one.body)).toEqual(keysOf(recorded('http_get_fapi_v3_premiumIndex.json', 'fetchFundingRate')));
    expect(one.body.markPrice).toBe('67307.70000000');
    const all = await publicGet(sim.httpUrl, '/fapi/v1/premiumIndex');
    expect(all.body).toHaveLength(3);
    const rates = await publicGet(sim.httpUrl, '/fapi/v3/fundingRate', { symbol: 'BTCUSDT' });
    expect(rates.body).toHaveLength(1);
    expect(keysOf(rates.body)).toEqual(keysOf(recorded('http_get_fapi_v3_fundingRate.json')));
    const info = await publicGet(sim.httpUrl, '/fapi/v3/fundingInfo');
    expect(keysOf(info.body)).toEqual(keysOf(recorded('http_get_fapi_v3_fundingInfo.json')));
    expect(info.body[0]).toMatchObject({ symbol: 'BTCUSDT', fundingIntervalHours: 8 });
  });

  it('serves the 24 h ticker (recorded fields), the price ticker and the book ticker, one or all', async () => {
    const ticker = await publicGet(sim.httpUrl, '/fapi/v3/ticker/24hr', { symbol: 'BTCUSDT' });
    expect(keysOf(ticker.body)).toEqual(keysOf(recorded('http_get_fapi_v3_ticker_24hr.json', 'fetchTicker')));
    expect(ticker.body.count).toBe(3);
    const before = Number(ticker.headers.get('x-mbx-used-weight-1m'));
    const allTickers = await publicGet(sim.httpUrl, '/fapi/v3/ticker/24hr');
    expect(allTickers.body).toHaveLength(3);
    expect(Number(allTickers.headers.get('x-mbx-used-weight-1m')) - before).toBe(40);
    const price = await publicGet(sim.httpUrl, '/fapi/v1/ticker/price', { symbol: 'ETHUSDT' });
    expect(keysOf(price.body)).toEqual(['price', 'symbol', 'time']);
    const book = await publicGet(sim.httpUrl, '/fapi/v3/ticker/bookTicker', { symbol: 'BTCUSDT' });
    const bbo = sim.engine.bbo('BTCUSDT');
    expect(book.body).toMatchObject({ symbol: 'BTCUSDT', bidPrice: bbo.bid, askPrice: bbo.ask });
  });

  it('answers an unknown path with 404 and the admin routes outside /fapi', async () => {
    expect((await publicGet(sim.httpUrl, '/fapi/v9/nothing')).status).toBe(404);
    const settings = await publicGet(sim.httpUrl, '/_aster/settings');
    expect(settings.body.chainId).toBe(1666);
    expect(asterAdmin(sim.engine).settings().weightPerMinute).toBe(2400);
  });
});
