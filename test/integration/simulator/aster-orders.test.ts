/**
 * Aster dialect order lifecycles over real sockets (V3-signed by the test's own code): every
 * order type and time in force, triggers driven by the mark price, reduce-only and closePosition,
 * client order ids, amend, and the recorded field sets of order bodies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asterAdmin } from '../../../src/simulator/dialects/aster/index.js';
import { keysOf, recorded, startAster, V3Client, walletFor } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
let client: V3Client;
const user = walletFor('orders-user');
const agent = walletFor('orders-agent');
const account = user.address.toLowerCase();
const MARK = '67307.7';

beforeAll(async () => {
  sim = await startAster();
  asterAdmin(sim.engine).approveAgent(user.address, agent.address);
  client = new V3Client(sim.httpUrl, agent, user.address, () => sim.control.now());
  expect((await client.request('GET', '/fapi/v3/balance')).status).toBe(200);
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  // Flat, no orders, mark back at its start and a full market-maker book.
  sim.engine.cancelAll(account);
  const size = sim.engine.position(account, 'BTCUSDT').size;
  if (size !== '0') {
    sim.control.setMarkPrice('BTCUSDT', MARK);
    sim.engine.requote('BTCUSDT');
    await order({ side: size.startsWith('-') ? 'BUY' : 'SELL', type: 'MARKET', quantity: size.replace('-', ''), reduceOnly: 'true' });
  }
  sim.control.setMarkPrice('BTCUSDT', MARK);
  sim.engine.requote('BTCUSDT');
});

const order = (params: Record<string, string>) => client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...params });
const query = (orderId: number) => client.request('GET', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: String(orderId) });

const NEW_ORDER_FIELDS = [
  'avgPrice', 'clientOrderId', 'closePosition', 'cumQty', 'cumQuote', 'executedQty', 'orderId', 'origQty', 'origType', 'positionSide',
  'price', 'priceProtect', 'reduceOnly', 'side', 'status', 'stopPrice', 'symbol', 'timeInForce', 'type', 'updateTime', 'workingType',
];
const withoutTrailing = (keys: string[]) => keys.filter((k) => k !== 'activatePrice' && k !== 'priceRate');

describe('Aster LIMIT orders', () => {
  it('rests a GTC order, queries it (recorded fields), cancels it, and refuses a second cancel', async () => {
    const placed = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '67000', newClientOrderId: 'rest-1' });
    expect(placed.status).toBe(200);
    expect(Object.keys(placed.body).sort()).toEqual(NEW_ORDER_FIELDS);
    expect(placed.body).toMatchObject({ status: 'NEW', price: '67000.0', origQty: '0.010', executedQty: '0.000', clientOrderId: 'rest-1', type: 'LIMIT', timeInForce: 'GTC' });
    expect(placed.headers.get('x-mbx-order-count-1m')).not.toBeNull();
    const got = await query(placed.body.orderId);
    expect(keysOf(got.body)).toEqual(withoutTrailing(keysOf(recorded('http_get_fapi_v3_order.json'))));
    const byClientId = await client.request('GET', '/fapi/v3/openOrder', { symbol: 'BTCUSDT', origClientOrderId: 'rest-1' });
    expect(byClientId.body.orderId).toBe(placed.body.orderId);
    const open = await client.request('GET', '/fapi/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(open.body.map((o: { orderId: number }) => o.orderId)).toEqual([placed.body.orderId]);
    const cancelled = await client.request('DELETE', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) });
    expect(cancelled.body.status).toBe('CANCELED');
    expect(keysOf(cancelled.body)).toEqual(withoutTrailing(keysOf(recorded('http_delete_fapi_v3_order.json'))));
    expect((await query(placed.body.orderId)).body.status).toBe('CANCELED');
    const again = await client.request('DELETE', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) });
    expect(again.body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    expect((await client.request('GET', '/fapi/v3/openOrder', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) })).body.code).toBe(-2013);
    expect((await query(12345)).body).toEqual({ code: -2013, msg: 'Order does not exist.' });
  });

  it('fills what crosses and rests the rest (PARTIALLY_FILLED); IOC expires the rest; FOK fills all or nothing', async () => {
    const ask = sim.engine.bbo('BTCUSDT');
    const partial = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: ask.ask as string, newOrderRespType: 'RESULT' });
    expect(partial.body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.050', avgPrice: '67308.20000' });
    sim.engine.cancelAll(account);
    sim.engine.requote('BTCUSDT');
    const ioc = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.1', price: ask.ask as string, newOrderRespType: 'RESULT' });
    expect(ioc.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.050', timeInForce: 'IOC' });
    sim.engine.requote('BTCUSDT');
    const fok = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'FOK', quantity: '0.1', price: ask.ask as string, newOrderRespType: 'RESULT' });
    expect(fok.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.000' });
    const fokFull = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'FOK', quantity: '0.1', price: '67309.2', newOrderRespType: 'RESULT' });
    expect(fokFull.body).toMatchObject({ status: 'FILLED', executedQty: '0.100' });
  });

  it('GTX (post-only) rests when passive and expires when it would take', async () => {
    const bbo = sim.engine.bbo('BTCUSDT');
    const passive = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: '0.01', price: bbo.bid as string });
    expect(passive.body).toMatchObject({ status: 'NEW', timeInForce: 'GTX' });
    const takerAck = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: '0.01', price: bbo.ask as string });
    expect(takerAck.body.status).toBe('NEW');
    expect((await query(takerAck.body.orderId)).body.status).toBe('EXPIRED');
    const takerResult = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: '0.01', price: bbo.ask as string, newOrderRespType: 'RESULT' });
    expect(takerResult.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.000' });
  });

  it('amends price and quantity of an open LIMIT order in place (PUT)', async () => {
    const placed = await order({ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '68000' });
    const amended = await client.request('PUT', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId), side: 'SELL', quantity: '0.02', price: '68100' });
    expect(amended.body).toMatchObject({ orderId: placed.body.orderId, price: '68100.0', origQty: '0.020', status: 'NEW' });
    const missing = await client.request('PUT', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: '1', side: 'SELL', quantity: '0.02', price: '68100' });
    expect(missing.body.code).toBe(-2013);
  });
});

describe('Aster MARKET and conditional orders', () => {
  it('MARKET: ACK answers NEW, RESULT answers FILLED with the average price', async () => {
    const ack = await order({ side: 'BUY', type: 'MARKET', quantity: '0.02' });
    expect(ack.body).toMatchObject({ status: 'NEW', executedQty: '0.000', type: 'MARKET', price: '0' });
    expect((await query(ack.body.orderId)).body).toMatchObject({ status: 'FILLED', executedQty: '0.020' });
    const result = await order({ side: 'SELL', type: 'MARKET', quantity: '0.1', newOrderRespType: 'RESULT' });
    expect(result.body.status).toBe('FILLED');
    // 0.05 at 67307.2 and 0.05 at 67306.7.
    expect(result.body.avgPrice).toBe('67306.95000');
    expect(result.body.cumQuote).toBe('6730.695');
  });

  it('STOP (stop-limit) triggers on the mark and fills; one already triggered is refused (-2021)', async () => {
    const stop = await order({ side: 'BUY', type: 'STOP', quantity: '0.01', price: '68100', stopPrice: '68000' });
    expect(stop.body).toMatchObject({ status: 'NEW', type: 'STOP', stopPrice: '68000.0', price: '68100.0' });
    sim.control.setMarkPrice('BTCUSDT', '67999.9');
    expect((await query(stop.body.orderId)).body.status).toBe('NEW');
    sim.control.setMarkPrice('BTCUSDT', '68000');
    expect((await query(stop.body.orderId)).body).toMatchObject({ status: 'FILLED', type: 'STOP', origType: 'STOP' });
    const immediate = await order({ side: 'BUY', type: 'STOP_MARKET', quantity: '0.01', stopPrice: '67000' });
    expect(immediate.body).toEqual({ code: -2021, msg: 'Order would immediately trigger.' });
  });

  it('STOP_MARKET with closePosition closes the whole long when the mark falls', async () => {
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.03' });
    const stop = await order({ side: 'SELL', type: 'STOP_MARKET', stopPrice: '66000', closePosition: 'true' });
    expect(stop.body).toMatchObject({ closePosition: true, origQty: '0.000', status: 'NEW' });
    sim.control.setMarkPrice('BTCUSDT', '66000');
    expect((await query(stop.body.orderId)).body).toMatchObject({ status: 'FILLED', executedQty: '0.030' });
    expect(sim.engine.position(account, 'BTCUSDT').size).toBe('0');
  });

  it('TAKE_PROFIT and TAKE_PROFIT_MARKET fire in the profitable direction', async () => {
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.02' });
    const tp = await order({ side: 'SELL', type: 'TAKE_PROFIT', quantity: '0.02', price: '67990', stopPrice: '68000', reduceOnly: 'true' });
    expect(tp.body).toMatchObject({ type: 'TAKE_PROFIT', reduceOnly: true });
    sim.control.setMarkPrice('BTCUSDT', '68000');
    expect((await query(tp.body.orderId)).body.status).toBe('FILLED');
    await order({ side: 'SELL', type: 'MARKET', quantity: '0.02' });
    const tpm = await order({ side: 'BUY', type: 'TAKE_PROFIT_MARKET', quantity: '0.02', stopPrice: '67000', reduceOnly: 'true' });
    sim.control.setMarkPrice('BTCUSDT', '67000');
    expect((await query(tpm.body.orderId)).body.status).toBe('FILLED');
    expect(sim.engine.position(account, 'BTCUSDT').size).toBe('0');
  });

  it('TRAILING_STOP_MARKET follows the high and fires a callbackRate below it (recorded fields)', async () => {
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.02' });
    const trail = await order({ side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.02', callbackRate: '1', reduceOnly: 'true' });
    expect(trail.body).toMatchObject({ activatePrice: '67307.7', priceRate: '1', status: 'NEW' });
    const got = await query(trail.body.orderId);
    expect(keysOf(got.body)).toEqual(keysOf(recorded('http_get_fapi_v3_order.json')));
    sim.control.setMarkPrice('BTCUSDT', '68000');
    sim.control.setMarkPrice('BTCUSDT', '67330');
    expect((await query(trail.body.orderId)).body.status).toBe('NEW');
    sim.control.setMarkPrice('BTCUSDT', '67320');
    expect((await query(trail.body.orderId)).body).toMatchObject({ status: 'FILLED', executedQty: '0.020' });
    const wrongSide = await order({ side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.02', callbackRate: '1', activationPrice: '60000' });
    expect(wrongSide.body.code).toBe(-2021);
  });
});

describe('Aster reduce-only and client order ids', () => {
  it('refuses a reduce-only order without a position (-2022) and caps one larger than it', async () => {
    const none = await order({ side: 'SELL', type: 'MARKET', quantity: '0.01', reduceOnly: 'true' });
    expect(none.body).toEqual({ code: -2022, msg: 'ReduceOnly Order is rejected.' });
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.02' });
    const capped = await order({ side: 'SELL', type: 'MARKET', quantity: '0.05', reduceOnly: 'true', newOrderRespType: 'RESULT' });
    expect(capped.body).toMatchObject({ executedQty: '0.020', status: 'EXPIRED', reduceOnly: true });
    expect(sim.engine.position(account, 'BTCUSDT').size).toBe('0');
  });

  it('refuses a duplicate newClientOrderId among open orders (-4116) and allows it once closed', async () => {
    const first = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000', newClientOrderId: 'dup:1/a' });
    expect(first.body.clientOrderId).toBe('dup:1/a');
    const second = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000', newClientOrderId: 'dup:1/a' });
    expect(second.body).toEqual({ code: -4116, msg: 'ClientOrderId is duplicated.' });
    const cancelled = await client.request('DELETE', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'dup:1/a' });
    expect(cancelled.body.status).toBe('CANCELED');
    expect((await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000', newClientOrderId: 'dup:1/a' })).status).toBe(200);
  });

  it('generates a venue-style client order id when none is sent', async () => {
    const placed = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000' });
    expect(placed.body.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
  });
});
