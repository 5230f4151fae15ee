/**
 * AsterClient streams over real WebSockets against the Aster test double: combined market streams
 * (bookTicker, aggTrade, markPrice, depth kept as a local book), the user data stream (listen key,
 * order/fill/position events, dedupe, ordering) and reconnects with REST catch-up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeEvent } from '../../../src/core/exchange-client.js';
import type { AsterClient } from '../../../src/exchanges/aster/client.js';
import { asterFixture, startAsterTestServer } from '../../support/aster-test-server.js';
import type { AsterTestServer } from '../../support/aster-test-server.js';
import { FAST_STREAMS, serverAuth, v3Client, waitFor } from './support.js';

let server: AsterTestServer;
let client: AsterClient;
let events: ExchangeEvent[];

const ofType = <T extends ExchangeEvent['type']>(type: T) => events.filter((e): e is Extract<ExchangeEvent, { type: T }> => e.type === type);

beforeEach(async () => {
  server = await startAsterTestServer(serverAuth);
  client = v3Client(server, { stream: FAST_STREAMS });
  events = [];
  client.onEvent((e) => events.push(e));
  await client.connect();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('market streams', () => {
  it('subscribes with SUBSCRIBE frames and turns recorded payloads into bbo, trade and funding events', async () => {
    await client.subscribe({ channel: 'bbo', market: 'BTCUSDT' });
    await client.subscribe({ channel: 'trades', market: 'BTCUSDT' });
    await client.subscribe({ channel: 'funding', market: 'BTCUSDT' });
    expect(server.controlFrames.map((f) => (f.params as string[])[0])).toEqual(['btcusdt@bookTicker', 'btcusdt@aggTrade', 'btcusdt@markPrice@1s']);
    expect(server.controlFrames.every((f) => f.method === 'SUBSCRIBE' && typeof f.id === 'number')).toBe(true);
    server.pushMarket('btcusdt@bookTicker', asterFixture('ws_bookTicker.json'));
    server.pushMarket('btcusdt@aggTrade', asterFixture('ws_aggTrade.json'));
    server.pushMarket('btcusdt@markPrice@1s', asterFixture('ws_markPriceUpdate.json'));
    await waitFor('three market events', () => ofType('funding').length === 1);
    expect(ofType('bbo')[0]?.bbo).toEqual({ market: 'BTCUSDT', bid: '122046.7', bidSize: '1.084', ask: '122046.8', askSize: '0.001', seq: 157240846459, timestamp: 1754896692926 });
    expect(ofType('trade')[0]?.trade).toEqual({ market: 'BTCUSDT', id: '20505890', side: 'buy', price: '114783.7', size: '0.020', timestamp: 1754551358528 });
    expect(ofType('funding')[0]?.funding).toEqual({ market: 'BTCUSDT', rate: '0.00010000', markPrice: '116809.60000000', nextFundingTime: 1754668800000, timestamp: 1754660466000 });
  });

  it('rejects a subscription the venue refuses', async () => {
    server.refusedStreams.add('ethusdt@bookTicker');
    await expect(client.subscribe({ channel: 'bbo', market: 'ETHUSDT' })).rejects.toMatchObject({ name: 'RequestError' });
  });

  it('keeps a local book from depth diffs against a REST snapshot, and resyncs after a gap', async () => {
    server.depth = { lastUpdateId: 100, bids: [['100.0', '1'], ['99.9', '2']], asks: [['100.1', '1'], ['100.2', '3']] };
    await client.subscribe({ channel: 'book', market: 'BTCUSDT', depth: 2 });
    await waitFor('snapshot book event', () => ofType('book').length >= 1);
    expect(ofType('book')[0]?.book).toMatchObject({ bids: [['100.0', '1'], ['99.9', '2']], asks: [['100.1', '1'], ['100.2', '3']], seq: 100 });
    const diff = (U: number, u: number, pu: number, b: [string, string][], a: [string, string][]) => ({ e: 'depthUpdate', E: 1, T: 1, s: 'BTCUSDT', U, u, pu, b, a });
    server.pushMarket('btcusdt@depth@100ms', diff(95, 99, 94, [['99.0', '5']], [])); // older than the snapshot: dropped
    server.pushMarket('btcusdt@depth@100ms', diff(98, 102, 97, [['100.0', '0'], ['99.95', '4']], []));
    server.pushMarket('btcusdt@depth@100ms', diff(103, 105, 102, [], [['100.1', '0.5']]));
    await waitFor('two applied diffs', () => ofType('book').length >= 3);
    expect(ofType('book')[2]?.book).toMatchObject({ bids: [['99.95', '4'], ['99.9', '2']], asks: [['100.1', '0.5'], ['100.2', '3']], seq: 105 });
    const depthFetches = () => server.requests.filter((r) => r.path === '/fapi/v3/depth').length;
    expect(depthFetches()).toBe(1);
    server.depth = { lastUpdateId: 200, bids: [['101.0', '1']], asks: [['101.5', '1']] };
    server.pushMarket('btcusdt@depth@100ms', diff(110, 112, 108, [['99.0', '1']], [])); // pu 108 != 105: a gap
    await waitFor('resync snapshot', () => depthFetches() === 2);
    server.pushMarket('btcusdt@depth@100ms', diff(199, 201, 198, [['100.9', '2']], []));
    await waitFor('book after resync', () => ofType('book').at(-1)?.book.seq === 201);
    expect(ofType('book').at(-1)?.book).toMatchObject({ bids: [['101.0', '1'], ['100.9', '2']], asks: [['101.5', '1']] });
    expect(client.streams.market.resyncCount('BTCUSDT')).toBe(1);
  });

  it('reconnects after a drop, replays its subscriptions and reports reconnected, then ready', async () => {
    await client.subscribe({ channel: 'bbo', market: 'BTCUSDT' });
    server.dropMarketConnections();
    await waitFor('reconnected', () => events.some((e) => e.type === 'connection' && e.state === 'reconnected'));
    await waitFor('replayed subscribe', () => server.controlFrames.length === 2);
    await waitFor('ready again', () => events.filter((e) => e.type === 'connection' && e.state === 'ready' && e.reason?.startsWith('market')).length === 2);
    server.pushMarket('btcusdt@bookTicker', asterFixture('ws_bookTicker.json'));
    await waitFor('bbo after reconnect', () => ofType('bbo').length === 1);
  });

  it('recycles a connection before the venue\'s 24 h limit (scaled down)', async () => {
    const aging = v3Client(server, { stream: { ...FAST_STREAMS, maxConnectionAgeMs: 150 } });
    const seen: ExchangeEvent[] = [];
    aging.onEvent((e) => seen.push(e));
    await aging.subscribe({ channel: 'bbo', market: 'BTCUSDT' });
    await waitFor('recycled and reconnected', () => seen.some((e) => e.type === 'connection' && e.state === 'reconnecting' && /age limit/.test(e.reason ?? '')));
    await waitFor('resubscribed', () => server.controlFrames.filter((f) => f.method === 'SUBSCRIBE').length >= 2);
    await aging.close();
  });
});

describe('user data stream', () => {
  it('turns order and account updates into domain events; fills deduplicated, stale updates dropped', async () => {
    await client.subscribe({ channel: 'orders' });
    await client.subscribe({ channel: 'fills' });
    await client.subscribe({ channel: 'positions' });
    // One key up front (credentials checked), the same key again for the connection URL.
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/fapi/v3/listenKey')).toHaveLength(2);
    expect(server.listenKeys.size).toBe(1);
    const order = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.02', price: '60000' });
    await waitFor('NEW order event', () => ofType('order').length === 1);
    expect(ofType('order')[0]?.order).toMatchObject({ id: order.id, status: 'open', size: '0.02' });
    const trade = server.venue.fill(Number(order.id), '0.01', '60000');
    await waitFor('fill + order + position', () => ofType('position').length === 1);
    expect(ofType('fill').map((e) => e.fill)).toEqual([expect.objectContaining({ id: `BTCUSDT:${trade.id}:${order.id}`, size: '0.01', price: '60000', liquidity: 'maker', fee: '0.06' })]);
    expect(ofType('order').at(-1)?.order).toMatchObject({ status: 'partially_filled', filledSize: '0.01', remainingSize: '0.01' });
    expect(ofType('position')[0]?.position).toMatchObject({ market: 'BTCUSDT', side: 'long', size: '0.01' });
    // The same trade event again, and an older NEW after it: neither changes anything.
    const venueOrder = server.venue.orders.get(Number(order.id));
    if (venueOrder === undefined) throw new Error('order missing');
    server.pushUser(server.venue.orderEvent(venueOrder, 'TRADE', trade));
    server.pushUser({ ...server.venue.orderEvent({ ...venueOrder, status: 'NEW', executedQty: '0' }, 'NEW'), E: 1 });
    server.pushUser({ e: 'ACCOUNT_CONFIG_UPDATE', E: 2, T: 2, ac: { s: 'BTCUSDT', l: 25 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ofType('fill')).toHaveLength(1);
    expect(ofType('order').at(-1)?.order.status).toBe('partially_filled');
  });

  it('after a reconnect, emits every fill missed while disconnected exactly once, then the orders and positions, before ready', async () => {
    await client.subscribe({ channel: 'fills' });
    await client.subscribe({ channel: 'orders' });
    await client.subscribe({ channel: 'positions' });
    const a = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.03', price: '60000' });
    const b = await client.placeOrder({ market: 'DOGEUSDT', side: 'buy', type: 'limit', size: '100', price: '0.09' });
    server.venue.fill(Number(a.id), '0.01', '60000');
    await waitFor('first fill', () => ofType('fill').length === 1);
    server.blockUserConnections = true;
    server.dropUserConnections();
    await waitFor('user stream down', () => server.userConnections() === 0);
    const missed = [server.venue.fill(Number(a.id), '0.02', '60000'), server.venue.fill(Number(b.id), '100', '0.09')];
    const mark = events.length;
    server.blockUserConnections = false;
    await waitFor('user stream ready again', () => events.slice(mark).some((e) => e.type === 'connection' && e.state === 'ready' && e.reason?.startsWith('user')));
    const after = events.slice(mark);
    const kinds = after.map((e) => (e.type === 'connection' ? `${e.state}` : e.type));
    const reconnected = kinds.indexOf('reconnected');
    const ready = kinds.lastIndexOf('ready');
    const fills = after.filter((e): e is Extract<ExchangeEvent, { type: 'fill' }> => e.type === 'fill');
    expect(fills.map((e) => e.fill.id)).toEqual(missed.map((t) => `${t.symbol}:${t.id}:${t.orderId}`));
    expect(after.findIndex((e) => e.type === 'fill')).toBeGreaterThan(reconnected);
    expect(after.findLastIndex((e) => e.type === 'position')).toBeLessThan(ready);
    const finalOrders = after.filter((e): e is Extract<ExchangeEvent, { type: 'order' }> => e.type === 'order').map((e) => [e.order.id, e.order.status]);
    expect(finalOrders).toEqual(expect.arrayContaining([[a.id, 'filled'], [b.id, 'filled']]));
    expect(after.filter((e) => e.type === 'position').map((e) => (e as Extract<ExchangeEvent, { type: 'position' }>).position)).toEqual(
      expect.arrayContaining([expect.objectContaining({ market: 'BTCUSDT', size: '0.03' }), expect.objectContaining({ market: 'DOGEUSDT', size: '100' })]),
    );
    expect(client.streams.user.lastCatchUp).toMatchObject({ fills: 2 });
    // Every fill of the session exactly once overall.
    expect(new Set(ofType('fill').map((e) => e.fill.id)).size).toBe(ofType('fill').length);
    expect(ofType('fill')).toHaveLength(3);
  });

  it('gets a new listen key after listenKeyExpired and keeps delivering', async () => {
    await client.subscribe({ channel: 'orders' });
    const posts = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/fapi/v3/listenKey').length;
    server.expireListenKeys();
    await waitFor('a new listen key', () => posts() === 3);
    await waitFor('reconnected user stream', () => server.userConnections() === 1 && events.some((e) => e.type === 'connection' && e.state === 'reconnected'));
    await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    await waitFor('order event on the new key', () => ofType('order').length === 1);
  });

  it('keeps the listen key alive and starts over when the venue no longer knows it', async () => {
    const keeper = v3Client(server, { stream: { ...FAST_STREAMS, listenKeyKeepAliveMs: 60 } });
    await keeper.subscribe({ channel: 'orders' });
    await waitFor('keepalive PUT', () => server.requests.some((r) => r.method === 'PUT' && r.path === '/fapi/v3/listenKey'));
    server.listenKeys.clear();
    await waitFor('new key after -1125', () => server.requests.filter((r) => r.method === 'POST' && r.path === '/fapi/v3/listenKey').length === 3);
    await keeper.close();
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/fapi/v3/listenKey' });
  });

  it('refuses private channels without credentials, and fails fast (typed) with credentials the venue refuses', async () => {
    const anonymous = v3Client(server, { credentials: { kind: 'none' } });
    await expect(anonymous.subscribe({ channel: 'orders' })).rejects.toMatchObject({ name: 'NotSupportedError' });
    await anonymous.close();
    const stranger = await startAsterTestServer({ agents: {} });
    const refused = v3Client(stranger, { stream: FAST_STREAMS });
    await expect(refused.subscribe({ channel: 'orders' })).rejects.toMatchObject({ name: 'AuthError', venueCode: '-2015' });
    await refused.close();
    await stranger.close();
  });
});
