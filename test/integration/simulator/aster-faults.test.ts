/**
 * Aster dialect under limits and faults, over real sockets: weight headers, 429 with Retry-After
 * then 418, the ORDERS limit, HTTP faults in Aster's words (503 = unknown outcome), WebSocket
 * frame faults (stall, duplicate, reorder, sequence gap), dropped connections, and the connection
 * rules (message rate, pings, lifetime).
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asterAdmin, DEFAULT_ASTER_SETTINGS } from '../../../src/simulator/dialects/aster/index.js';
import { publicGet, sleep, startAster, V3Client, walletFor, WsProbe } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
let client: V3Client;
const user = walletFor('faults-user');

beforeAll(async () => {
  sim = await startAster();
  client = new V3Client(sim.httpUrl, user, user.address, () => sim.control.now());
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.clearFaults();
  asterAdmin(sim.engine).configure(DEFAULT_ASTER_SETTINGS);
  // A fresh rate-limit window for every test.
  sim.control.advance(60_000);
});

const order = (params: Record<string, string>) => client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...params });
const restingBuy = { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '66000' };

describe('Aster request limits', () => {
  it('reports used weight, answers 429 with Retry-After when over budget, and 418 when the client keeps going', async () => {
    asterAdmin(sim.engine).configure({ weightPerMinute: 5, violationsBeforeBan: 2, firstBanMs: 120_000 });
    const weights: number[] = [];
    for (let i = 0; i < 5; i++) weights.push(Number((await publicGet(sim.httpUrl, '/fapi/v3/time')).headers.get('x-mbx-used-weight-1m')));
    expect(weights).toEqual([1, 2, 3, 4, 5]);
    const limited = await publicGet(sim.httpUrl, '/fapi/v3/ping');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(-1003);
    expect(limited.body.msg).toContain('current limit is 5 requests per minute');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-mbx-used-weight-1m')).toBe('5');
    expect((await publicGet(sim.httpUrl, '/fapi/v3/ping')).status).toBe(429);
    const banned = await publicGet(sim.httpUrl, '/fapi/v3/ping');
    expect(banned.status).toBe(418);
    expect(banned.body.msg).toMatch(/^Way too many requests; IP banned until \d+/);
    expect(banned.headers.get('retry-after')).toBe('120');
    sim.control.advance(60_000);
    expect((await publicGet(sim.httpUrl, '/fapi/v3/ping')).status).toBe(418);
    sim.control.advance(61_000);
    expect((await publicGet(sim.httpUrl, '/fapi/v3/ping')).status).toBe(200);
  });

  it('counts new orders per account and refuses past the 10-second limit (-1015)', async () => {
    asterAdmin(sim.engine).configure({ ordersPer10s: 2 });
    const first = await order(restingBuy);
    expect([first.headers.get('x-mbx-order-count-10s'), first.headers.get('x-mbx-order-count-1m')]).toEqual(['1', '1']);
    expect((await order(restingBuy)).headers.get('x-mbx-order-count-10s')).toBe('2');
    const third = await order(restingBuy);
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ code: -1015, msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.' });
    expect(third.headers.get('retry-after')).not.toBeNull();
    sim.engine.cancelAll(user.address.toLowerCase());
  });
});

describe('Aster HTTP faults', () => {
  it('answers a 503 before acting with the "unknown outcome" body and no order', async () => {
    sim.control.failNext({ method: 'POST', path: '/fapi/v3/order' }, { kind: 'status', status: 503 }, 'before');
    const r = await order({ ...restingBuy, newClientOrderId: 'f-before' });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ code: -1007, msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.' });
    expect((await client.request('GET', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'f-before' })).body.code).toBe(-2013);
    expect(sim.control.faultCount('http_status')).toBe(1);
  });

  it('answers a 503 after acting: the order exists although the answer said unknown', async () => {
    sim.control.failNext({ method: 'POST', path: '/fapi/v3/order' }, { kind: 'status', status: 503 }, 'after');
    const r = await order({ ...restingBuy, newClientOrderId: 'f-after' });
    expect(r.status).toBe(503);
    expect(r.body.code).toBe(-1007);
    expect((await client.request('GET', '/fapi/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'f-after' })).body.status).toBe('NEW');
    sim.engine.cancelAll(user.address.toLowerCase());
  });

  it('hangs a request on a timeout fault and answers other statuses in the venue format', async () => {
    sim.control.failNext({ path: '/fapi/v3/time' }, { kind: 'timeout' });
    const controller = new AbortController();
    const pending = fetch(`${sim.httpUrl}/fapi/v3/time`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(pending).rejects.toThrow();
    sim.control.failNext({ path: '/fapi/v3/time' }, { kind: 'status', status: 500 });
    expect((await publicGet(sim.httpUrl, '/fapi/v3/time')).body.code).toBe(-1000);
    sim.control.rateLimitBurst(1, 2500);
    const burst = await publicGet(sim.httpUrl, '/fapi/v3/time');
    expect([burst.status, burst.body.code, burst.headers.get('retry-after')]).toEqual([429, -1003, '3']);
    expect((await publicGet(sim.httpUrl, '/fapi/v3/time')).status).toBe(200);
  });
});

describe('Aster WebSocket faults', () => {
  const trade = () => order({ side: 'BUY', type: 'MARKET', quantity: '0.01' });
  const aggIds = (ws: WsProbe) => ws.messages.filter((m) => (m as { e?: string }).e === 'aggTrade').map((m) => (m as { a: number }).a);

  it('stalls, duplicates and reorders frames of one topic', async () => {
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/btcusdt@aggTrade`);
    try {
      await sleep(50);
      for (let i = 0; i < 2; i++) await trade();
      sim.control.stallTopic('btcusdt@aggTrade', 1);
      await trade();
      sim.control.duplicateNext('btcusdt@aggTrade');
      await trade();
      sim.control.reorderNext('btcusdt@aggTrade');
      await trade();
      await trade();
      await sleep(200);
      const ids = aggIds(ws);
      const base = ids[0] as number;
      expect(ids.map((a) => a - base)).toEqual([0, 1, 3, 3, 5, 4]);
      expect(sim.control.faultCount('stall') + sim.control.faultCount('duplicate') + sim.control.faultCount('reorder')).toBe(3);
    } finally {
      ws.close();
    }
  });

  it('a sequence gap on a depth stream breaks the pu chain', async () => {
    const ws = await WsProbe.open(`${sim.wsUrl}/ws/btcusdt@depth@100ms`);
    try {
      await sleep(50);
      sim.control.setMarkPrice('BTCUSDT', '67320');
      await ws.next((m) => m.e === 'depthUpdate');
      sim.control.sequenceGap('btcusdt@depth@100ms');
      sim.control.setMarkPrice('BTCUSDT', '67330');
      await sleep(250);
      const events = ws.messages as { u: number; pu: number }[];
      expect(events.length).toBeGreaterThanOrEqual(2);
      const last = events[events.length - 1] as { u: number; pu: number };
      const before = events[events.length - 2] as { u: number; pu: number };
      expect(last.pu).toBe(before.u + 1);
      expect(sim.control.faultCount('sequence_gap')).toBe(1);
    } finally {
      ws.close();
      sim.control.setMarkPrice('BTCUSDT', '67307.7');
    }
  });

  it('duplicates user-stream frames by listenKey topic and drops every connection on demand', async () => {
    const key = (await client.request('POST', '/fapi/v3/listenKey')).body.listenKey as string;
    const userWs = await WsProbe.open(`${sim.wsUrl}/ws/${key}`);
    const marketWs = await WsProbe.open(`${sim.wsUrl}/stream?streams=btcusdt@bookTicker`);
    try {
      sim.control.duplicateNext(key);
      await order({ ...restingBuy, newClientOrderId: 'dup-frame' });
      await userWs.next((m) => m.o?.c === 'dup-frame');
      await sleep(100);
      expect(userWs.messages.filter((m) => (m as { o?: { c?: string } }).o?.c === 'dup-frame')).toHaveLength(2);
      expect(sim.control.dropConnections()).toBe(2);
      await userWs.waitClosed();
      await marketWs.waitClosed();
      await expect.poll(() => asterAdmin(sim.engine).connectionCount()).toBe(0);
    } finally {
      userWs.close();
      marketWs.close();
      sim.engine.cancelAll(user.address.toLowerCase());
    }
  });
});

describe('Aster WebSocket connection rules', () => {
  it('disconnects a client sending more than the allowed messages per second', async () => {
    asterAdmin(sim.engine).configure({ wsMaxMessagesPerSecond: 3 });
    const ws = await WsProbe.open(`${sim.wsUrl}/ws`);
    for (let i = 1; i <= 5; i++) ws.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
    expect((await ws.waitClosed()).code).toBe(1008);
  });

  it('pings, closes a connection that never answers pings, and closes any connection after its lifetime', async () => {
    asterAdmin(sim.engine).configure({ wsPingIntervalMs: 100, wsPongTimeoutMs: 250 });
    const polite = await WsProbe.open(`${sim.wsUrl}/ws`);
    let pings = 0;
    polite.ws.on('ping', () => pings++);
    const silent = new WebSocket(`${sim.wsUrl}/ws`, { autoPong: false });
    const silentClosed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await silentClosed;
    expect(pings).toBeGreaterThan(0);
    expect(polite.closed).toBeUndefined();
    polite.close();
    asterAdmin(sim.engine).configure({ wsMaxConnectionMs: 200 });
    const shortLived = await WsProbe.open(`${sim.wsUrl}/ws`);
    expect((await shortLived.waitClosed()).code).toBe(1000);
  });
});
