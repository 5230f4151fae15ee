/**
 * Aster dialect WebSocket market streams over real sockets: combined and raw streams, method
 * frames, the recorded payload fields, and the diff-depth procedure of aster.md §7.3 (a local
 * book kept from REST depth + @depth events with U/u/pu equals the venue's book).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysOf, publicGet, recorded, sleep, startAster, V3Client, walletFor, WsProbe } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
let client: V3Client;
let wsBase: string;

beforeAll(async () => {
  sim = await startAster();
  const user = walletFor('streams-user');
  client = new V3Client(sim.httpUrl, user, user.address, () => sim.control.now());
  wsBase = sim.wsUrl;
});

afterAll(async () => {
  await sim.close();
});

const order = (params: Record<string, string>) => client.request('POST', '/fapi/v3/order', { symbol: 'BTCUSDT', ...params });

describe('Aster market streams', () => {
  it('serves combined streams wrapped as {stream, data} with the recorded payload fields', async () => {
    const ws = await WsProbe.open(`${wsBase}/stream?streams=btcusdt@bookTicker/btcusdt@aggTrade/btcusdt@depth@100ms/btcusdt@markPrice@1s`);
    try {
      await sleep(50);
      await order({ side: 'BUY', type: 'MARKET', quantity: '0.06' });
      const agg = await ws.next((m) => m.stream === 'btcusdt@aggTrade');
      expect(keysOf(agg.data)).toEqual(keysOf(recorded('ws_aggTrade.json')));
      expect(agg.data).toMatchObject({ e: 'aggTrade', s: 'BTCUSDT', p: '67308.2', q: '0.050', m: false });
      const book = await ws.next((m) => m.stream === 'btcusdt@bookTicker');
      expect(keysOf(book.data)).toEqual(keysOf(recorded('ws_bookTicker.json')));
      const depth = await ws.next((m) => m.stream === 'btcusdt@depth@100ms');
      expect(keysOf(depth.data)).toEqual(keysOf(recorded('ws_depthUpdate.json')));
      const mark = await ws.next((m) => m.stream === 'btcusdt@markPrice@1s', 3000);
      expect(keysOf(mark.data)).toEqual(keysOf(recorded('ws_markPriceUpdate.json')));
      expect(mark.data).toMatchObject({ e: 'markPriceUpdate', p: '67307.70000000', s: 'BTCUSDT' });
    } finally {
      ws.close();
    }
  });

  it('serves a single raw stream on /ws/<stream>', async () => {
    const ws = await WsProbe.open(`${wsBase}/ws/btcusdt@aggTrade`);
    try {
      await sleep(50);
      await order({ side: 'SELL', type: 'MARKET', quantity: '0.01' });
      const agg = await ws.next((m) => m.e === 'aggTrade');
      expect(agg.stream).toBeUndefined();
      expect(agg.m).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('answers method frames and their errors as documented', async () => {
    const ws = await WsProbe.open(`${wsBase}/ws`);
    try {
      expect(await ws.call('SUBSCRIBE', ['ethusdt@aggTrade', 'ethusdt@depth5'], 1)).toEqual({ result: null, id: 1 });
      expect(await ws.call('LIST_SUBSCRIPTIONS', undefined, 3)).toEqual({ result: ['ethusdt@aggTrade', 'ethusdt@depth5'], id: 3 });
      expect(await ws.call('UNSUBSCRIBE', ['ethusdt@depth5'], 312)).toEqual({ result: null, id: 312 });
      expect(await ws.call('GET_PROPERTY', ['combined'], 2)).toEqual({ result: false, id: 2 });
      expect(await ws.call('SET_PROPERTY', ['combined', true], 5)).toEqual({ result: null, id: 5 });
      expect(await ws.call('SET_PROPERTY', ['combined', 'yes'], 6)).toEqual({ code: 1, msg: 'Invalid value type: expected Boolean', id: 6 });
      expect(await ws.call('GET_PROPERTY', ['colour'], 7)).toEqual({ code: 0, msg: 'Unknown property', id: 7 });
      expect((await ws.call('PING', [], 8)).msg).toContain('unknown variant `PING`');
      expect((await ws.call('SUBSCRIBE', ['dogeusdt@aggTrade'], 9)).code).toBe(2);
      // The venue allows 10 incoming messages per second per connection.
      await sleep(1000);
      const noId = ws.upcoming((m) => m.id === null);
      ws.send({ method: 'SUBSCRIBE', params: ['ethusdt@bookTicker'] });
      expect(await noId).toEqual({ result: null, id: null });
      const bad = ws.upcoming((m) => m.code === 3);
      ws.ws.send('{not json');
      expect((await bad).msg).toContain('Invalid JSON');
      // Now combined: frames arrive wrapped.
      await sleep(50);
      const ethClient = client;
      await ethClient.request('POST', '/fapi/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1' });
      const wrapped = await ws.next((m) => m.stream === 'ethusdt@aggTrade');
      expect(wrapped.data.s).toBe('ETHUSDT');
    } finally {
      ws.close();
    }
  });

  it('refuses unknown streams and listenKeys at the upgrade, and other paths with 404', async () => {
    await expect(WsProbe.open(`${wsBase}/ws/btcusdt@nothing`)).rejects.toMatchObject({ status: 400 });
    await expect(WsProbe.open(`${wsBase}/ws/${'0'.repeat(64)}`)).rejects.toMatchObject({ status: 400, body: JSON.stringify({ code: -1125, msg: 'This listenKey does not exist.' }) });
    await expect(WsProbe.open(`${wsBase}/socket`)).rejects.toMatchObject({ status: 404 });
  });
});

describe('Aster diff depth: U/u/pu and the local-book procedure', () => {
  type Level = [string, string];
  interface DepthEvent {
    U: number;
    u: number;
    pu: number;
    b: Level[];
    a: Level[];
  }

  function apply(book: Map<string, string>, levels: Level[]): void {
    for (const [price, qty] of levels) {
      if (Number(qty) === 0) book.delete(price);
      else book.set(price, qty);
    }
  }

  it('keeps a local book equal to the venue book, with pu chaining every event', async () => {
    const ws = await WsProbe.open(`${wsBase}/ws/btcusdt@depth@100ms`);
    try {
      // Quiet book first: the snapshot is taken while nothing is pending.
      await sleep(150);
      const snapshot = await publicGet(sim.httpUrl, '/fapi/v3/depth', { symbol: 'BTCUSDT', limit: '1000' });
      const lastUpdateId: number = snapshot.body.lastUpdateId;
      const bids = new Map<string, string>(snapshot.body.bids);
      const asks = new Map<string, string>(snapshot.body.asks);
      // Book changes: resting orders, a trade, and market-maker requotes after mark moves.
      await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.02', price: '67000' });
      await order({ side: 'SELL', type: 'MARKET', quantity: '0.07' });
      sim.control.setMarkPrice('BTCUSDT', '67350');
      await sleep(150);
      await order({ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.03', price: '67500' });
      sim.control.setMarkPrice('BTCUSDT', '67310');
      await sleep(400);

      const events = ws.messages as DepthEvent[];
      const usable = events.filter((e) => e.u >= lastUpdateId);
      expect(usable.length).toBeGreaterThan(1);
      const first = usable[0] as DepthEvent;
      expect(first.U).toBeLessThanOrEqual(lastUpdateId);
      expect(first.u).toBeGreaterThanOrEqual(lastUpdateId);
      let previous: DepthEvent | undefined;
      for (const event of usable) {
        if (previous !== undefined) expect(event.pu).toBe(previous.u);
        apply(bids, event.b);
        apply(asks, event.a);
        previous = event;
      }
      const venue = await publicGet(sim.httpUrl, '/fapi/v3/depth', { symbol: 'BTCUSDT', limit: '1000' });
      expect(venue.body.lastUpdateId).toBe(previous?.u);
      const sortDesc = (m: Map<string, string>) => [...m.entries()].sort((x, y) => Number(y[0]) - Number(x[0]));
      const sortAsc = (m: Map<string, string>) => [...m.entries()].sort((x, y) => Number(x[0]) - Number(y[0]));
      expect(sortDesc(bids)).toEqual(venue.body.bids);
      expect(sortAsc(asks)).toEqual(venue.body.asks);
    } finally {
      ws.close();
      sim.engine.cancelAll(walletFor('streams-user').address.toLowerCase());
      sim.control.setMarkPrice('BTCUSDT', '67307.7');
    }
  });

  it('sends top-N partial depth in the depthUpdate shape', async () => {
    const ws = await WsProbe.open(`${wsBase}/ws/btcusdt@depth5@100ms`);
    try {
      await sleep(50);
      sim.control.setMarkPrice('BTCUSDT', '67400');
      const event = await ws.next((m) => m.e === 'depthUpdate');
      expect(event.b).toHaveLength(5);
      expect(event.a).toHaveLength(5);
      expect(keysOf(event)).toEqual(keysOf(recorded('ws_depthUpdate.json')));
      expect(event.pu).toBe(event.U);
    } finally {
      ws.close();
      sim.control.setMarkPrice('BTCUSDT', '67307.7');
    }
  });
});
