import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { InvalidOrderError, OrderNotFoundError } from '../../../src/core/errors.js';
import type { ExchangeClient, ExchangeEvent } from '../../../src/core/exchange-client.js';
import type { BBO } from '../../../src/core/types.js';
import { orderStatus, toSubmitRequest } from '../../../src/paper/engine-mapping.js';
import { PaperExchangeClient } from '../../../src/paper/paper-client.js';
import { SimulatorEngine, type EngineOrder } from '../../../src/simulator/engine/index.js';

const M = 'BTC-USD-PERP';
const T0 = Date.UTC(2024, 5, 1, 12);

async function paper(options: ConstructorParameters<typeof PaperExchangeClient>[0] = {}) {
  const clock = new ManualClock(T0);
  const engine = new SimulatorEngine({ clock, synchronous: true, priceProcess: { enabled: false }, fees: { maker: '0.0001', taker: '0.0005' } });
  const client = new PaperExchangeClient({ engine, clock, tickIntervalMs: 0, ...options });
  await client.connect();
  return { clock, engine, client };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('engine mapping', () => {
  const base = { status: 'CLOSED', filledSize: '0', size: '1' } as unknown as EngineOrder;
  it('maps closed orders by cancel reason, refusals after a partial fill as cancellations', () => {
    expect(orderStatus({ ...base, cancelReason: undefined, filledSize: '1' })).toBe('filled');
    expect(orderStatus({ ...base, cancelReason: 'NOT_ENOUGH_MARGIN' })).toBe('rejected');
    expect(orderStatus({ ...base, cancelReason: 'NOT_ENOUGH_MARGIN', filledSize: '0.5' })).toBe('canceled');
    expect(orderStatus({ ...base, cancelReason: 'IOC_NOT_FILLED', filledSize: '0.5' })).toBe('expired');
    expect(orderStatus({ ...base, cancelReason: 'USER_CANCELED' })).toBe('canceled');
    expect(orderStatus({ ...base, status: 'OPEN', filledSize: '0.2' })).toBe('partially_filled');
  });

  it('quantizes a request like a venue client in round mode (limit prices toward the passive side)', () => {
    const market = { tickSize: '0.1', stepSize: '0.001' } as never;
    const buy = toSubmitRequest('a', { market: M, side: 'buy', type: 'limit', size: '0.0019', price: '100.19' }, market, M);
    expect([buy.size, buy.price]).toEqual(['0.001', '100.1']);
    const sell = toSubmitRequest('a', { market: M, side: 'sell', type: 'limit', size: '1', price: '100.11', clientOrderId: 'c' }, market, M);
    expect([sell.price, sell.clientId, sell.side]).toEqual(['100.2', 'c', 'SELL']);
  });
});

describe('PaperExchangeClient', () => {
  it('a market order walks the book: fills across levels, taker fee, position and balance kept like a venue', async () => {
    const { client } = await paper();
    const book = await client.getOrderBook(M, 5);
    const order = await client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.2' });
    expect(order.status).toBe('filled');
    const fills = await client.getFills({ market: M });
    expect(fills.length).toBeGreaterThan(1);
    expect(new Set(fills.map((f) => f.price)).size).toBeGreaterThan(1);
    expect(fills[0]?.price).toBe(book.asks[0]?.[0]);
    expect(fills.every((f) => f.liquidity === 'taker' && f.fee !== '0')).toBe(true);
    const [position] = (await client.getPositions()).filter((p) => p.side !== 'flat');
    expect(position).toMatchObject({ market: M, side: 'long', size: '0.2', signedSize: '0.2' });
    const [balance] = await client.getBalances();
    expect(Number(balance?.total)).toBeLessThan(10_000);
  });

  it('a resting limit order fills when the market crosses it', async () => {
    const { client, engine } = await paper();
    const order = await client.placeOrder({ market: M, side: 'buy', type: 'limit', size: '0.01', price: '66000', clientOrderId: 'fs-l1' });
    expect(order.status).toBe('open');
    engine.setMarkPrice(M, '65990');
    engine.requote(M);
    const after = await client.getOrder({ clientOrderId: 'fs-l1' });
    expect(after?.status).toBe('filled');
    expect(after?.avgFillPrice).toBe('66000');
  });

  it('delivers events only for subscribed topics, after the call, in order', async () => {
    const { client } = await paper();
    const seen: ExchangeEvent[] = [];
    client.onEvent((e) => seen.push(e));
    await client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.01' });
    await tick();
    expect(seen.filter((e) => e.type !== 'connection')).toEqual([]);
    await client.subscribe({ channel: 'orders' });
    await client.subscribe({ channel: 'fills' });
    await client.subscribe({ channel: 'bbo', market: M });
    const pending = client.placeOrder({ market: M, side: 'sell', type: 'market', size: '0.01' });
    expect(seen.filter((e) => e.type === 'order')).toHaveLength(0);
    await pending;
    await tick();
    const types = seen.map((e) => e.type);
    expect(types).toContain('order');
    expect(types).toContain('fill');
    expect(types).not.toContain('position');
    expect(types.indexOf('order')).toBeLessThan(types.indexOf('fill'));
  });

  it('settles funding on its schedule', async () => {
    const { client, engine, clock } = await paper();
    await client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.1' });
    engine.setFundingRate(M, '0.001');
    clock.advance(8 * 3600_000);
    const payments = await client.getFundingPayments();
    expect(payments.length).toBeGreaterThan(0);
    expect(payments[0]?.amount.startsWith('-')).toBe(true);
  });

  it('errors are typed; unknown orders are undefined or OrderNotFoundError', async () => {
    const { client } = await paper();
    expect(await client.getOrder({ clientOrderId: 'nope' })).toBeUndefined();
    await expect(client.cancelOrder({ clientOrderId: 'nope' })).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(client.placeOrder({ market: 'DOGE', side: 'buy', type: 'market', size: '1' })).rejects.toBeInstanceOf(InvalidOrderError);
  });

  it('countdown dead-man switch cancels every open order when not refreshed', async () => {
    const { client, clock, engine } = await paper();
    await client.placeOrder({ market: M, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    await client.setDeadManSwitch(5_000);
    clock.advance(4_000);
    await client.setDeadManSwitch(5_000);
    clock.advance(4_000);
    expect(await client.getOpenOrders()).toHaveLength(1);
    clock.advance(1_001);
    expect(await client.getOpenOrders()).toHaveLength(0);
    expect(engine.orderHistory(client.account)[0]?.cancelReason).toBe('ADMIN_CANCELED');
  });

  it('uses the venue aliases as symbols for Aster', async () => {
    const { client } = await paper({ exchange: 'aster' });
    expect((await client.loadMarkets()).map((m) => m.symbol)).toContain('BTCUSDT');
    const o = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'market', size: '0.01' });
    expect(o).toMatchObject({ exchange: 'aster', market: 'BTCUSDT', status: 'filled' });
    expect((await client.getBalances())[0]?.asset).toBe('USDT');
  });

  it('mirrors a real market-data client: the engine mark follows its BBO mid, fills follow real prices', async () => {
    let bbo: BBO = { market: M, bid: '70000', ask: '70001', timestamp: T0 };
    const source = {
      exchange: 'paradex',
      capabilities: { streaming: false },
      connect: () => Promise.resolve(),
      loadMarkets: () => Promise.resolve([{ symbol: M }, { symbol: 'NOT-IN-ENGINE' }]),
      getBBO: () => Promise.resolve(bbo),
    } as unknown as ExchangeClient;
    const { client } = await paper({ marketData: source, mirrorIntervalMs: 60_000, engine: undefined });
    const engine = client.engine; // its own engine: the random walk is off while mirroring
    expect(engine.marketSummary(M).markPrice).toBe('70000.5');
    const order = await client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.01' });
    expect(Math.abs(Number(order.avgFillPrice) - 70000.5)).toBeLessThan(5);
    bbo = { market: M, bid: '69000', ask: '69000.2', timestamp: T0 + 1 };
    await client.mirror?.poll();
    expect(engine.marketSummary(M).markPrice).toBe('69000.1');
    expect(client.mirror?.applied).toBe(2);
    await client.close();
  });
});
