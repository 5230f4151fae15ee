/**
 * Aster dialect user data stream over real sockets: listenKey lifecycle (create, keepalive,
 * close, 60-minute validity, expire-tokens fault), and the events of the account:
 * ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, ACCOUNT_CONFIG_UPDATE, listenKeyExpired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asterAdmin } from '../../../src/simulator/dialects/aster/index.js';
import { keysOf, recorded, sleep, startAster, V3Client, walletFor, WsProbe } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
let client: V3Client;
const user = walletFor('stream-user');
const agent = walletFor('stream-agent');
const account = user.address.toLowerCase();

beforeAll(async () => {
  sim = await startAster();
  asterAdmin(sim.engine).approveAgent(user.address, agent.address);
  client = new V3Client(sim.httpUrl, agent, user.address, () => sim.control.now());
});

afterAll(async () => {
  await sim.close();
});

const order = (params: Record<string, string>) => client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...params });
const listenKey = async (method = 'POST'): Promise<string> => (await client.request(method, '/fapi/v3/listenKey')).body.listenKey;

describe('Aster user data stream', () => {
  it('reports order acceptance, fills, cancels, amendments and account changes with the documented fields', async () => {
    const key = await listenKey();
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/${key}`);
    try {
      const rest = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '67000', newClientOrderId: 'u-1' });
      const accepted = await ws.next((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.c === 'u-1' && m.o.x === 'NEW');
      expect(accepted.o).toMatchObject({ s: 'BTCUSDT', S: 'BUY', o: 'LIMIT', f: 'GTC', q: '0.010', p: '67000.0', X: 'NEW', i: rest.body.orderId, z: '0.000' });
      expect(keysOf(accepted)).toEqual(keysOf(recorded('example_ws_ORDER_TRADE_UPDATE.json')));
      const expectedOrderKeys = keysOf((recorded('example_ws_ORDER_TRADE_UPDATE.json') as { o: object }).o).filter((k) => k !== 'AP' && k !== 'cr');
      expect(keysOf(accepted.o)).toEqual(expectedOrderKeys);

      await client.request('PUT', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'u-1', side: 'BUY', quantity: '0.02', price: '67001' });
      const amended = await ws.next((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.x === 'AMENDMENT');
      expect(amended.o).toMatchObject({ q: '0.020', p: '67001.0', X: 'NEW' });
      await client.request('DELETE', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'u-1' });
      const cancelled = await ws.next((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.c === 'u-1' && m.o.x === 'CANCELED');
      expect(cancelled.o.X).toBe('CANCELED');

      await order({ side: 'BUY', type: 'MARKET', quantity: '0.07', newClientOrderId: 'u-2' });
      const fills = [
        await ws.next((m) => m.o?.c === 'u-2' && m.o.x === 'TRADE' && m.o.X === 'PARTIALLY_FILLED'),
        await ws.next((m) => m.o?.c === 'u-2' && m.o.x === 'TRADE' && m.o.X === 'FILLED'),
      ];
      expect(fills.map((f) => [f.o.l, f.o.L, f.o.z])).toEqual([
        ['0.050', '67308.2', '0.050'],
        ['0.020', '67308.7', '0.070'],
      ]);
      expect(fills[1].o.ap).toBe('67308.34285714');
      expect(fills[1].o.m).toBe(false);
      expect(fills[1].o.t).toBeGreaterThan(fills[0].o.t);
      const update = await ws.next((m) => m.e === 'ACCOUNT_UPDATE');
      const reference = recorded('ws_ACCOUNT_UPDATE.json') as { a: { B: object[]; P: object[] } };
      expect(keysOf(update)).toEqual(keysOf(reference));
      expect(keysOf(update.a)).toEqual(keysOf(reference.a));
      expect(keysOf(update.a.B)).toEqual(keysOf(reference.a.B));
      expect(keysOf(update.a.P)).toEqual(keysOf(reference.a.P));
      expect(update.a.m).toBe('ORDER');
      const btc = update.a.P.find((p: { s: string }) => p.s === 'BTCUSDT');
      expect(btc).toMatchObject({ pa: '0.070', ps: 'BOTH', mt: 'cross' });

      const leverage = ws.upcoming((m) => m.e === 'ACCOUNT_CONFIG_UPDATE');
      await client.request('POST', '/fapi/v3/leverage', { symbol: 'BTCUSDT', leverage: '25' });
      const config = await leverage;
      expect(keysOf(config)).toEqual(keysOf(recorded('example_ws_ACCOUNT_CONFIG_UPDATE.json', 'Event: Account Configuration Update (leverage)')));
      expect(config.ac).toEqual({ s: 'BTCUSDT', l: 25 });

      const trailing = await order({ side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: '0.01', callbackRate: '2', reduceOnly: 'true' });
      const trailNew = await ws.next((m) => m.o?.i === trailing.body.orderId);
      expect(keysOf(trailNew.o)).toEqual(keysOf((recorded('example_ws_ORDER_TRADE_UPDATE.json') as { o: object }).o));
      expect(trailNew.o).toMatchObject({ AP: '67307.7', cr: '2', ot: 'TRAILING_STOP_MARKET' });

      const gtx = ws.upcoming((m) => m.o?.c === 'u-gtx' && m.o.x === 'EXPIRED');
      await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: '0.01', price: '67400', newClientOrderId: 'u-gtx' });
      expect((await gtx).o.X).toBe('EXPIRED');
    } finally {
      ws.close();
      sim.engine.cancelAll(account);
    }
  });

  it('sends nothing for an order the venue refuses', async () => {
    const key = await listenKey();
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/${key}`);
    try {
      const refused = await order({ side: 'BUY', type: 'MARKET', quantity: '0.01', reduceOnly: 'true', newClientOrderId: 'u-refused' });
      expect(refused.body.code).toBe(-2022);
      const marker = await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000', newClientOrderId: 'u-after' });
      expect(marker.status).toBe(200);
      await ws.next((m) => m.o?.c === 'u-after');
      expect(ws.messages.some((m) => (m as { o?: { c?: string } }).o?.c === 'u-refused')).toBe(false);
    } finally {
      ws.close();
      sim.engine.cancelAll(account);
    }
  });

  it('keeps a listenKey 60 minutes, extends it on keepalive, announces its expiry and then stays silent', async () => {
    const key = await listenKey();
    expect(await listenKey()).toBe(key);
    const ws = await WsProbe.open(`${sim.wsUrl}/stream?streams=${key}`);
    try {
      sim.control.advance(50 * 60_000);
      expect((await client.request('PUT', '/fapi/v3/listenKey')).body).toEqual({});
      sim.control.advance(50 * 60_000);
      await sleep(250);
      expect(ws.messages.some((m) => (m as { data?: { e?: string } }).data?.e === 'listenKeyExpired')).toBe(false);
      sim.control.advance(11 * 60_000);
      const expired = await ws.next((m) => m.data?.e === 'listenKeyExpired');
      expect(expired.stream).toBe(key);
      expect(keysOf(expired.data)).toEqual(keysOf(recorded('example_ws_listenKeyExpired.json')));
      expect((await client.request('PUT', '/fapi/v3/listenKey')).body.code).toBe(-1125);
      const count = ws.messages.length;
      await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000' });
      await sleep(200);
      expect(ws.messages.length).toBe(count);
      const fresh = await listenKey();
      expect(fresh).not.toBe(key);
      expect((await client.request('DELETE', '/fapi/v3/listenKey')).body).toEqual({});
      expect((await client.request('DELETE', '/fapi/v3/listenKey')).body.code).toBe(-1125);
    } finally {
      ws.close();
      sim.engine.cancelAll(account);
    }
  });

  it('reports a busted fill as an ADJUSTMENT and drops it from userTrades', async () => {
    const key = await listenKey();
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/${key}`);
    try {
      await order({ side: 'BUY', type: 'MARKET', quantity: '0.01' });
      await ws.next((m) => m.e === 'ACCOUNT_UPDATE');
      const fills = sim.engine.fills(account, { market: 'BTCUSDT' });
      const fill = fills[fills.length - 1];
      const tradesBefore = (await client.request('GET', '/fapi/v3/userTrades', { symbol: 'BTCUSDT' })).body.length;
      const sizeBefore = sim.engine.position(account, 'BTCUSDT').size;
      sim.control.bustFill(fill?.id as string);
      const adjustment = await ws.next((m) => m.e === 'ACCOUNT_UPDATE' && m.a.m === 'ADJUSTMENT');
      const btc = adjustment.a.P.find((p: { s: string }) => p.s === 'BTCUSDT');
      expect(Number(btc.pa)).toBeCloseTo(Number(sizeBefore) - 0.01, 8);
      expect((await client.request('GET', '/fapi/v3/userTrades', { symbol: 'BTCUSDT' })).body).toHaveLength(tradesBefore - 1);
    } finally {
      ws.close();
    }
  });

  it('expires every listenKey at once through the expire-tokens fault', async () => {
    const key = await listenKey();
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/${key}`);
    try {
      expect(sim.control.expireTokens()).toBe(1);
      const expired = await ws.next((m) => m.e === 'listenKeyExpired');
      expect(expired.E).toBe(sim.control.now());
      await expect(WsProbe.open(`${sim.wsUrl}/ws/${key}`)).rejects.toMatchObject({ status: 400 });
    } finally {
      ws.close();
    }
  });
});
