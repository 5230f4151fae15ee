/**
 * Aster dialect over real sockets: order refusals, batches, cancel-all, the countdown switch,
 * history (allOrders, userTrades, income), account configuration, and the recorded field sets of
 * balance, positionRisk, leverage, userTrades, income and the batch/cancel-all bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asterAdmin } from '../../../src/simulator/dialects/aster/index.js';
import { keysOf, recorded, sleep, startAster, V3Client, walletFor } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
let client: V3Client;
const user = walletFor('account-user');
const agent = walletFor('account-agent');
const account = user.address.toLowerCase();

beforeAll(async () => {
  sim = await startAster();
  asterAdmin(sim.engine).approveAgent(user.address, agent.address);
  client = new V3Client(sim.httpUrl, agent, user.address, () => sim.control.now());
  expect((await client.request('GET', '/fapi/v3/balance')).status).toBe(200);
});

afterAll(async () => {
  await sim.close();
});

const order = (params: Record<string, string>) => client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...params });
const limitBuy = { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '67000' };

describe('Aster order refusals', () => {
  it('answers filter violations with the venue codes and leaves no order behind', async () => {
    expect((await order({ ...limitBuy, quantity: '0.007' })).body).toEqual({ code: -4164, msg: "Order's notional must be no smaller than 500 (unless you choose reduce only)" });
    expect((await order({ ...limitBuy, quantity: '0.0101' })).body).toEqual({ code: -1111, msg: 'Precision is over the maximum defined for this asset.' });
    expect((await order({ ...limitBuy, price: '67000.05' })).body.code).toBe(-1111);
    expect((await order({ ...limitBuy, price: '80000' })).body).toEqual({ code: -4016, msg: "Limit price can't be higher than 70673.0." });
    expect((await order({ side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '67000' })).body.code).toBe(-1102);
    expect((await order({ ...limitBuy, symbol: 'XRPUSDT' })).body.code).toBe(-1121);
    expect(sim.engine.openOrders(account)).toHaveLength(0);
  });

  it('refuses an order the margin cannot carry (-2019) and hides it from every query', async () => {
    const poor = walletFor('account-poor');
    const poorClient = new V3Client(sim.httpUrl, poor, poor.address, () => sim.control.now());
    expect((await poorClient.request('GET', '/fapi/v3/balance')).status).toBe(200);
    sim.engine.withdraw(poor.address.toLowerCase(), '99900');
    const refused = await poorClient.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...limitBuy, quantity: '0.1', newClientOrderId: 'too-big' });
    expect([refused.status, refused.body]).toEqual([400, { code: -2019, msg: 'Margin is insufficient.' }]);
    const lookup = await poorClient.request('GET', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'too-big' });
    expect(lookup.body.code).toBe(-2013);
    const all = await poorClient.request('GET', '/fapi/v3/allOrders', { symbol: 'BTCUSDT' });
    expect(all.body).toEqual([]);
    expect((await poorClient.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...limitBuy, quantity: '0.01' })).status).toBe(200);
  });
});

describe('Aster batches and cancel-all', () => {
  it('places a batch with results aligned to the requests, each failure its own {code, msg}', async () => {
    const batch = [
      { symbol: 'BTCUSDT', ...limitBuy, newClientOrderId: 'b-1' },
      { symbol: 'BTCUSDT', ...limitBuy, quantity: '0.001' },
      { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.01, price: 68000 },
    ];
    const r = await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: JSON.stringify(batch) });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(3);
    expect(r.body[0]).toMatchObject({ clientOrderId: 'b-1', status: 'NEW' });
    expect(r.body[1]).toEqual({ code: -4164, msg: "Order's notional must be no smaller than 500 (unless you choose reduce only)" });
    expect(r.body[2]).toMatchObject({ side: 'SELL', price: '68000.0' });
    expect(Number(r.headers.get('x-mbx-order-count-10s'))).toBeGreaterThanOrEqual(3);
    const singleQuoted = "[{'symbol':'BTCUSDT','side':'BUY','type':'LIMIT','quantity':'0.01','price':'66000','timeInForce':'GTC'}]";
    expect((await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: singleQuoted })).body[0].status).toBe('NEW');
    const tooMany = await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: JSON.stringify(Array(6).fill(batch[0])) });
    expect(tooMany.body).toEqual({ code: -4082, msg: 'Invalid number of batch place orders.' });
  });

  it('cancels a batch by ids or client ids, unknown ones as {code: "-2011"} (recorded shapes)', async () => {
    const trail = await order({ side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.01', callbackRate: '0.3' });
    const rest = await order({ ...limitBuy, newClientOrderId: 'bc-2' });
    const byIds = await client.request('DELETE', '/fapi/v3/batchOrders', { symbol: 'BTCUSDT', orderIdList: JSON.stringify([trail.body.orderId, 17338441758]) });
    expect(byIds.body[0]).toMatchObject({ orderId: trail.body.orderId, status: 'CANCELED' });
    expect(keysOf(byIds.body[0])).toEqual(keysOf(recorded('http_delete_fapi_v3_batchOrders.json', 'cancelOrders')));
    expect(byIds.body[1]).toEqual((recorded('http_delete_fapi_v3_batchOrders.json', 'default') as unknown[])[0]);
    const byClientIds = await client.request('DELETE', '/fapi/v3/batchOrders', { symbol: 'BTCUSDT', origClientOrderIdList: JSON.stringify(['bc-2']) });
    expect(byClientIds.body[0]).toMatchObject({ orderId: rest.body.orderId, status: 'CANCELED' });
  });

  it('cancels every open order of a symbol (recorded body)', async () => {
    await order(limitBuy);
    await order({ ...limitBuy, price: '66000' });
    const r = await client.request('DELETE', '/fapi/v3/allOpenOrders', { symbol: 'BTCUSDT' });
    expect(r.body).toEqual(recorded('http_delete_fapi_v3_allOpenOrders.json'));
    expect(sim.engine.openOrders(account, 'BTCUSDT')).toHaveLength(0);
  });

  it('countdownCancelAll cancels the symbol’s orders when it runs out, unless re-armed or disarmed', async () => {
    const placed = await order(limitBuy);
    const armed = await client.request('POST', '/fapi/v3/countdownCancelAll', { symbol: 'BTCUSDT', countdownTime: '1000' });
    expect(armed.body).toEqual({ symbol: 'BTCUSDT', countdownTime: '1000' });
    sim.control.advance(900);
    await client.request('POST', '/fapi/v3/countdownCancelAll', { symbol: 'BTCUSDT', countdownTime: '1000' });
    sim.control.advance(900);
    await sleep(250);
    expect(sim.engine.openOrders(account, 'BTCUSDT')).toHaveLength(1);
    sim.control.advance(200);
    await sleep(250);
    const after = await client.request('GET', '/fapi/v3/order', { symbol: 'BTCUSDT', orderId: String(placed.body.orderId) });
    expect(after.body.status).toBe('CANCELED');
    await order(limitBuy);
    await client.request('POST', '/fapi/v3/countdownCancelAll', { symbol: 'BTCUSDT', countdownTime: '1000' });
    await client.request('POST', '/fapi/v3/countdownCancelAll', { symbol: 'BTCUSDT', countdownTime: '0' });
    sim.control.advance(5000);
    await sleep(250);
    expect(sim.engine.openOrders(account, 'BTCUSDT')).toHaveLength(1);
    sim.engine.cancelAll(account);
  });
});

describe('Aster history and account', () => {
  it('lists allOrders, userTrades and income with the recorded fields', async () => {
    sim.engine.setFees(account, { maker: '0.0002', taker: '0.0004' });
    const buy = await order({ side: 'BUY', type: 'MARKET', quantity: '0.02', newOrderRespType: 'RESULT' });
    sim.control.setMarkPrice('BTCUSDT', '68000');
    const sell = await order({ side: 'SELL', type: 'MARKET', quantity: '0.02', newOrderRespType: 'RESULT' });
    const all = await client.request('GET', '/fapi/v3/allOrders', { symbol: 'BTCUSDT' });
    expect(all.body.map((o: { orderId: number }) => o.orderId)).toEqual(expect.arrayContaining([buy.body.orderId, sell.body.orderId]));
    expect(keysOf(all.body)).toEqual(keysOf(recorded('http_get_fapi_v3_allOrders.json')).filter((k) => k !== 'activatePrice' && k !== 'priceRate'));
    const trades = await client.request('GET', '/fapi/v3/userTrades', { symbol: 'BTCUSDT' });
    expect(keysOf(trades.body)).toEqual(keysOf(recorded('http_get_fapi_v3_userTrades.json')));
    const lastTwo = trades.body.slice(-2);
    expect(lastTwo.map((t: { orderId: number }) => t.orderId)).toEqual([buy.body.orderId, sell.body.orderId]);
    expect(lastTwo[0]).toMatchObject({ buyer: true, maker: false, qty: '0.020', price: '67308.2', commission: '0.53846560' });
    expect(Number(lastTwo[1].realizedPnl)).toBeGreaterThan(0);
    const from = await client.request('GET', '/fapi/v3/userTrades', { symbol: 'BTCUSDT', fromId: String(lastTwo[1].id) });
    expect(from.body).toEqual([lastTwo[1]]);
    const income = await client.request('GET', '/fapi/v3/income', { symbol: 'BTCUSDT' });
    expect(keysOf(income.body)).toEqual(keysOf(recorded('http_get_fapi_v3_income.json', 'with symbol')));
    const types = new Set(income.body.map((row: { incomeType: string }) => row.incomeType));
    expect(types).toEqual(new Set(['REALIZED_PNL', 'COMMISSION']));
    const commissions = await client.request('GET', '/fapi/v3/income', { incomeType: 'COMMISSION' });
    expect(commissions.body.every((row: { income: string }) => row.income.startsWith('-'))).toBe(true);
    sim.engine.setFees(account, { maker: '0', taker: '0' });
    sim.control.setMarkPrice('BTCUSDT', '67307.7');
  });

  it('reports balance, positionRisk and account with the recorded fields', async () => {
    await order({ side: 'BUY', type: 'MARKET', quantity: '0.02' });
    const balance = await client.request('GET', '/fapi/v3/balance');
    expect(keysOf(balance.body)).toEqual(keysOf(recorded('http_get_fapi_v3_balance.json')));
    const risk = await client.request('GET', '/fapi/v3/positionRisk');
    expect(risk.body).toHaveLength(3);
    expect(keysOf(risk.body)).toEqual(keysOf(recorded('http_get_fapi_v3_positionRisk.json', 'fetchLeverage')));
    const btc = risk.body.find((p: { symbol: string }) => p.symbol === 'BTCUSDT');
    const position = sim.engine.position(account, 'BTCUSDT');
    expect(btc).toMatchObject({ positionAmt: '0.020', marginType: 'cross', positionSide: 'BOTH', leverage: position.leverage });
    const info = await client.request('GET', '/fapi/v3/accountWithJoinMargin');
    // Field sets of the real V1 capture quoted in aster.md §4.3.
    expect(Object.keys(info.body).sort()).toEqual(
      ['feeTier', 'canTrade', 'canDeposit', 'canWithdraw', 'updateTime', 'totalInitialMargin', 'totalMaintMargin', 'totalWalletBalance', 'totalUnrealizedProfit',
        'totalMarginBalance', 'totalPositionInitialMargin', 'totalOpenOrderInitialMargin', 'totalCrossWalletBalance', 'totalCrossUnPnl', 'availableBalance',
        'maxWithdrawAmount', 'assets', 'positions'].sort(),
    );
    expect(Object.keys(info.body.positions[0]).sort()).toEqual(
      ['symbol', 'initialMargin', 'maintMargin', 'unrealizedProfit', 'positionInitialMargin', 'openOrderInitialMargin', 'leverage', 'isolated', 'entryPrice',
        'maxNotional', 'positionSide', 'positionAmt', 'notional', 'isolatedWallet', 'updateTime'].sort(),
    );
    const summary = sim.engine.accountSummary(account);
    expect(Number(info.body.totalMarginBalance)).toBeCloseTo(Number(summary.accountValue), 6);
    expect((await client.request('GET', '/fapi/v3/account')).body.totalWalletBalance).toBe(info.body.totalWalletBalance);
    await order({ side: 'SELL', type: 'MARKET', quantity: '0.02', reduceOnly: 'true' });
  });

  it('sets leverage within the market maximum and refuses the rest', async () => {
    const r = await client.request('POST', '/fapi/v3/leverage', { symbol: 'BTCUSDT', leverage: '20' });
    expect(keysOf(r.body)).toEqual(keysOf(recorded('http_post_fapi_v3_leverage.json')));
    expect(r.body).toMatchObject({ symbol: 'BTCUSDT', leverage: 20 });
    expect(sim.engine.position(account, 'BTCUSDT').leverage).toBe('20');
    expect((await client.request('POST', '/fapi/v3/leverage', { symbol: 'BTCUSDT', leverage: '126' })).body).toEqual({ code: -4028, msg: 'Leverage 126 is not valid' });
    expect((await client.request('POST', '/fapi/v3/leverage', { symbol: 'BTCUSDT', leverage: '60' })).body.code).toBe(-4028);
  });

  it('is cross-margined and one-way: margin type and position mode answer as the venue does', async () => {
    expect((await client.request('POST', '/fapi/v3/marginType', { symbol: 'BTCUSDT', marginType: 'CROSSED' })).body).toEqual({ code: -4046, msg: 'No need to change margin type.' });
    expect((await client.request('POST', '/fapi/v3/marginType', { symbol: 'BTCUSDT', marginType: 'ISOLATED' })).body.code).toBe(-1020);
    const dual = await client.request('GET', '/fapi/v3/positionSide/dual');
    expect(keysOf(dual.body)).toEqual(keysOf(recorded('http_get_fapi_v3_positionSide_dual.json')));
    expect(dual.body.dualSidePosition).toBe(false);
    expect((await client.request('POST', '/fapi/v3/positionSide/dual', { dualSidePosition: 'false' })).body.code).toBe(-4059);
    expect((await order({ ...limitBuy, positionSide: 'LONG' })).body.code).toBe(-4061);
  });
});
