/**
 * The project's ParadexClient (src/exchanges/paradex) against the simulator's Paradex dialect over
 * real sockets: onboarding and auth, every order type through its lifecycle, partial fills,
 * cancels, modify, batches, positions and balances that agree with the fills, and TP/SL orders
 * fired by mark-price moves. Simulator and client share one ManualClock, so time only moves when
 * a test moves it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { add, mul, neg, sub, sum } from '../../../src/core/decimal.js';
import { Secret } from '../../../src/core/secret.js';
import type { Fill, Order } from '../../../src/core/types.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const DERIVED_ADDRESS = '0x495b1654d9cea9be1849d91a2985eda5799308082c1507d6ab49e163c7416a7';
const BTC = 'BTC-USD-PERP';
const START_MS = 1_750_000_000_000;

let clock: ManualClock;
let sim: SimulatorHandle;
let client: ParadexClient;

/** Let queued work run (setImmediate processing, queued cancels), then process anything still NEW. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  sim.engine.processPending();
}

async function placed(request: Parameters<ParadexClient['placeOrder']>[0]): Promise<Order> {
  const order = await client.placeOrder(request);
  await settle();
  const now = await client.getOrder({ id: order.id });
  if (now === undefined) throw new Error(`order ${order.id} vanished`);
  return now;
}

beforeEach(async () => {
  clock = new ManualClock(START_MS);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 11, clock, initialBalance: '100000' });
  client = new ParadexClient({
    apiBaseUrl: sim.httpUrl,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    clock,
    rateLimitPerSec: 1000,
    timeoutMs: 3000,
  });
  await client.connect();
});

afterEach(async () => {
  await client.close();
  await sim.close();
});

describe('ParadexClient against the simulator (REST)', () => {
  it('onboards the derived account with the initial balance and authenticates', async () => {
    expect(BigInt(client.account ?? '0')).toBe(BigInt(DERIVED_ADDRESS));
    expect(sim.engine.hasAccount(DERIVED_ADDRESS)).toBe(true);
    const balances = await client.getBalances();
    expect(balances).toEqual([expect.objectContaining({ asset: 'USDC', total: '100000' })]);
    const account = await client.getAccount();
    expect(account.equity).toBe('100000');
    expect(await client.getServerTime()).toBe(START_MS);
  });

  it('serves markets, book, BBO, trades and funding from the engine', async () => {
    const markets = await client.loadMarkets();
    expect(markets.map((m) => m.symbol)).toEqual(expect.arrayContaining(['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP']));
    expect(client.market(BTC)).toMatchObject({ tickSize: '0.1', stepSize: '0.001', minNotional: '500' });
    const book = await client.getOrderBook(BTC, 3);
    const engineBook = sim.engine.bookSnapshot(BTC, 3);
    expect(book.bids).toEqual(engineBook.bids.map((l) => [l.price, l.size]));
    expect(book.asks).toEqual(engineBook.asks.map((l) => [l.price, l.size]));
    const bbo = await client.getBBO(BTC);
    expect(bbo.bid).toBe(engineBook.bids[0]?.price);
    expect(bbo.ask).toBe(engineBook.asks[0]?.price);
    expect(await client.getMarkPrice(BTC)).toBe(sim.engine.marketSummary(BTC).markPrice);
    const funding = await client.getFundingRate(BTC);
    expect(funding.market).toBe(BTC);
    await placed({ market: BTC, side: 'sell', type: 'market', size: '0.01' });
    const trades = await client.getTrades(BTC, 10);
    expect(trades[0]).toMatchObject({ market: BTC, side: 'sell', size: '0.01', price: engineBook.bids[0]?.price });
  });

  it('limit order: NEW on the answer, OPEN after the risk check, then CANCELED', async () => {
    const order = await client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    expect(order.status).toBe('new');
    expect(order.id).toMatch(/^\d{28}$/);
    await settle();
    expect((await client.getOpenOrders(BTC)).map((o) => [o.id, o.status])).toEqual([[order.id, 'open']]);
    await client.cancelOrder({ id: order.id });
    await settle();
    expect(await client.getOpenOrders()).toHaveLength(0);
    expect(await client.getOrder({ id: order.id })).toMatchObject({ status: 'canceled', cancelReason: 'USER_CANCELED', remainingSize: '0.01' });
  });

  it('market order fills at the book and opens a position', async () => {
    const ask = sim.engine.bbo(BTC).ask as string;
    const order = await placed({ market: BTC, side: 'buy', type: 'market', size: '0.01' });
    expect(order).toMatchObject({ status: 'filled', filledSize: '0.01', avgFillPrice: ask });
    const positions = await client.getPositions();
    expect(positions).toEqual([expect.objectContaining({ market: BTC, side: 'long', size: '0.01', signedSize: '0.01', entryPrice: ask })]);
  });

  it('partial fill: a crossing limit takes the best level and rests the rest', async () => {
    const best = sim.engine.bookSnapshot(BTC, 1).asks[0]!;
    expect(best.size).toBe('0.05');
    const order = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.08', price: best.price });
    expect(order).toMatchObject({ status: 'partially_filled', filledSize: '0.05', remainingSize: '0.03', avgFillPrice: best.price });
    const fills = await client.getFills({ market: BTC });
    expect(fills).toEqual([expect.objectContaining({ orderId: order.id, size: '0.05', price: best.price, liquidity: 'taker', side: 'buy' })]);
    expect(sim.engine.bbo(BTC).bid).toBe(best.price);
  });

  it('IOC and post-only instructions', async () => {
    const best = sim.engine.bookSnapshot(BTC, 1).asks[0]!;
    const ioc = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.08', price: best.price, timeInForce: 'ioc' });
    expect(ioc).toMatchObject({ filledSize: '0.05', remainingSize: '0.03' });
    expect(['canceled', 'expired']).toContain(ioc.status);
    const bid = sim.engine.bbo(BTC).bid as string;
    const maker = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: sub(bid, '100'), timeInForce: 'post_only' });
    expect(maker.status).toBe('open');
    const ask = sim.engine.bbo(BTC).ask as string;
    const crossing = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: ask, timeInForce: 'post_only' });
    expect(crossing).toMatchObject({ status: 'rejected', cancelReason: 'POST_ONLY_WOULD_CROSS', filledSize: '0' });
  });

  it('modifies an open order in place (same id, new price and size)', async () => {
    const order = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'mod-1' });
    const modified = await client.amendOrder({ id: order.id }, { price: '60010.04', size: '0.02' });
    expect(modified).toMatchObject({ id: order.id, price: '60010', size: '0.02', clientOrderId: 'mod-1' });
    const engineOrder = sim.engine.openOrders(DERIVED_ADDRESS, BTC)[0];
    expect(engineOrder).toMatchObject({ price: '60010', size: '0.02' });
  });

  it('cancels by client id and all at once; closed orders come from the history', async () => {
    const a = await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'keep-a' });
    await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60001', clientOrderId: 'cancel-b' });
    await placed({ market: 'ETH-USD-PERP', side: 'buy', type: 'limit', size: '0.1', price: '2000' });
    await client.cancelOrder({ clientOrderId: 'cancel-b', market: BTC });
    await settle();
    expect((await client.getOpenOrders()).map((o) => o.clientOrderId).sort()).toEqual(expect.arrayContaining(['keep-a']));
    expect(await client.getOrder({ clientOrderId: 'cancel-b' })).toMatchObject({ status: 'canceled' });
    await client.cancelAllOrders(BTC);
    await settle();
    expect((await client.getOpenOrders()).map((o) => o.market)).toEqual(['ETH-USD-PERP']);
    await client.cancelAllOrders();
    await settle();
    expect(await client.getOpenOrders()).toHaveLength(0);
    expect((await client.getOrderHistory({ market: BTC })).map((o) => o.id)).toContain(a.id);
  });

  it('batch: orders line up with requests; an engine refusal is reported at its index', async () => {
    await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '59000', clientOrderId: 'already-open' });
    const results = await client.placeOrders([
      { market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'batch-a' },
      { market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60001', clientOrderId: 'already-open' },
      { market: BTC, side: 'sell', type: 'limit', size: '0.02', price: '80000', clientOrderId: 'batch-c' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[0]?.ok && results[0].value.clientOrderId).toBe('batch-a');
    expect(results[2]?.ok && results[2].value.clientOrderId).toBe('batch-c');
    expect(!results[1]?.ok && results[1]?.error.message).toMatch(/DUPLICATED_CLIENT_ID|client/i);
    await settle();
    expect(sim.engine.openOrders(DERIVED_ADDRESS)).toHaveLength(3);
  });

  it('stop-limit rests untriggered, fires when the mark crosses, and can be modified while waiting', async () => {
    const mark = sim.engine.marketSummary(BTC).markPrice;
    const trigger = sub(mark, '500');
    const stop = await placed({ market: BTC, side: 'sell', type: 'stop_limit', size: '0.01', price: sub(trigger, '200'), triggerPrice: trigger });
    expect(stop.status).toBe('untriggered');
    const moved = await client.amendOrder({ id: stop.id }, { triggerPrice: sub(trigger, '100') });
    expect(moved.triggerPrice).toBe(sub(trigger, '100'));
    sim.control.setMarkPrice(BTC, sub(trigger, '150'));
    await settle();
    const fired = await client.getOrder({ id: stop.id });
    expect(['open', 'filled', 'partially_filled']).toContain(fired?.status);
  });

  it('take-profit and stop-loss on a position: whole-position TP fires on a mark move and closes it', async () => {
    await placed({ market: BTC, side: 'buy', type: 'market', size: '0.02' });
    const mark = sim.engine.marketSummary(BTC).markPrice;
    const tp = await placed({ market: BTC, side: 'sell', type: 'take_profit_market', size: '0', triggerPrice: add(mark, '1000'), closePosition: true });
    const sl = await placed({ market: BTC, side: 'sell', type: 'stop_loss_market', size: '0.02', triggerPrice: sub(mark, '1000'), reduceOnly: true });
    expect([tp.status, sl.status]).toEqual(['untriggered', 'untriggered']);
    sim.control.setMarkPrice(BTC, add(mark, '1200'));
    await settle();
    expect(await client.getPositions()).toEqual([]);
    const tpAfter = await client.getOrder({ id: tp.id });
    expect(tpAfter?.status).toBe('filled');
    // The stop-loss is reduce-only: with the position gone it closes instead of opening a short.
    const slAfter = await client.getOrder({ id: sl.id });
    expect(slAfter?.status === 'untriggered' || slAfter?.status === 'canceled').toBe(true);
    sim.control.setMarkPrice(BTC, sub(mark, '1200'));
    await settle();
    expect(await client.getPositions()).toEqual([]);
  });

  it('stop-loss fires on a falling mark', async () => {
    await placed({ market: BTC, side: 'buy', type: 'market', size: '0.01' });
    const mark = sim.engine.marketSummary(BTC).markPrice;
    const sl = await placed({ market: BTC, side: 'sell', type: 'stop_market', size: '0.01', triggerPrice: sub(mark, '700'), reduceOnly: true });
    sim.control.setMarkPrice(BTC, sub(mark, '800'));
    await settle();
    expect(await client.getOrder({ id: sl.id })).toMatchObject({ status: 'filled', filledSize: '0.01' });
    expect(await client.getPositions()).toEqual([]);
  });

  it('positions, balances and account agree with the fills', async () => {
    await placed({ market: BTC, side: 'buy', type: 'market', size: '0.03' });
    await placed({ market: BTC, side: 'sell', type: 'market', size: '0.01' });
    await placed({ market: 'ETH-USD-PERP', side: 'sell', type: 'market', size: '0.5' });
    await placed({ market: BTC, side: 'sell', type: 'market', size: '0.05' });
    const fills = await client.getFills();
    const signed = (f: Fill) => (f.side === 'buy' ? f.size : neg(f.size));
    const positions = await client.getPositions();
    for (const market of [BTC, 'ETH-USD-PERP']) {
      const expected = sum(fills.filter((f) => f.market === market).map(signed));
      expect(positions.find((p) => p.market === market)?.signedSize).toBe(expected);
    }
    const realized = sum(fills.map((f) => f.realizedPnl ?? '0'));
    const fees = sum(fills.map((f) => f.fee));
    const [usdc] = await client.getBalances();
    expect(usdc?.total).toBe(sub(add('100000', realized), fees));
    const account = await client.getAccount();
    const unrealized = sum(positions.map((p) => p.unrealizedPnl));
    expect(account.equity).toBe(add(usdc?.total ?? '0', unrealized));
    // The short's entry cost equals the fills that opened it.
    const eth = fills.filter((f) => f.market === 'ETH-USD-PERP');
    expect(mul(positions.find((p) => p.market === 'ETH-USD-PERP')?.entryPrice ?? '0', '0.5')).toBe(sum(eth.map((f) => mul(f.price, f.size))));
  });

  it('follows fills history cursors across pages', async () => {
    for (let i = 0; i < 12; i++) await client.placeOrder({ market: 'SOL-USD-PERP', side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', size: '1' });
    await settle();
    const fills = await client.getFills({ market: 'SOL-USD-PERP' });
    expect(new Set(fills.map((f) => f.id)).size).toBe(fills.length);
    expect(fills.length).toBeGreaterThanOrEqual(12);
    expect(await client.getFills({ limit: 5 })).toHaveLength(5);
  });
});
