/**
 * ParadexClient private streams over real sockets against the Paradex test venue (REST test server
 * with real signature checks + Paradex-dialect WebSocket server): fills while disconnected are
 * each delivered exactly once and in order before ready, positions after the catch-up equal the
 * venue's, token expiry across a reconnect, cancel_on_disconnect re-armed, WS order entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secret.js';
import type { ExchangeEvent } from '../../../src/core/exchange-client.js';
import type { Order } from '../../../src/core/types.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import type { ParadexClientOptions } from '../../../src/exchanges/paradex/client.js';
import { notification } from '../../support/ws-paradex-frames.js';
import { startParadexVenue } from '../../support/ws-paradex-venue.js';
import type { ParadexVenue } from '../../support/ws-paradex-venue.js';
import { eventually } from '../../support/ws-server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const M = 'BTC-USD-PERP';

let venue: ParadexVenue;
let client: ParadexClient;
let events: ExchangeEvent[];

async function connectClient(overrides: Partial<ParadexClientOptions> = {}): Promise<void> {
  events = [];
  client = new ParadexClient({
    apiBaseUrl: venue.rest.url,
    wsUrl: venue.ws.url,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    rateLimitPerSec: 1000,
    timeoutMs: 5_000,
    stream: { backoff: { initialMs: 20, maxMs: 200 } },
    ...overrides,
  });
  client.onEvent((e) => events.push(e));
  await client.connect();
}

const of = <T extends ExchangeEvent['type']>(list: readonly ExchangeEvent[], type: T) => list.filter((e): e is Extract<ExchangeEvent, { type: T }> => e.type === type);
const states = () => of(events, 'connection').map((e) => e.state);
const limit = (price: string): Promise<Order> => client.placeOrder({ market: M, side: 'buy', type: 'limit', size: '0.01', price });

beforeEach(async () => {
  venue = await startParadexVenue();
});

afterEach(async () => {
  await client.close();
  await venue.close();
});

describe('Paradex private streams', () => {
  it('fills while disconnected: every fill exactly once, in order, before ready; positions equal the venue', async () => {
    await connectClient();
    await client.subscribe({ channel: 'fills' });
    await client.subscribe({ channel: 'positions' });
    const orders = await Promise.all(['50000', '50001', '50002', '50003', '50004'].map(limit));
    venue.rest.fill(orders[0]?.id as string, '0.01', '50000');
    expect(await venue.publishNewFills()).toBe(1);
    await eventually(() => of(events, 'fill').length === 1, 'first fill live');

    // The socket drops and stays down while the venue fills three more orders.
    venue.ws.base.refuseNext(1_000);
    venue.ws.dropAll();
    await eventually(() => states().includes('reconnecting'), 'reconnecting');
    for (const order of orders.slice(1, 4)) {
      await new Promise((r) => setTimeout(r, 3)); // distinct fill times
      venue.rest.fill(order.id, '0.01', order.price ?? '0');
    }
    venue.ws.base.refuseNext(0);
    await eventually(() => states().filter((s) => s === 'ready').length === 2, 'ready after catch-up', 10_000);

    const afterReconnect = events.slice(events.findIndex((e) => e.type === 'connection' && e.state === 'reconnected'));
    const labels = afterReconnect.map((e) => (e.type === 'connection' ? e.state : e.type));
    expect(labels.slice(0, 4)).toEqual(['reconnected', 'fill', 'fill', 'fill']);
    expect(labels.indexOf('ready')).toBeGreaterThan(labels.lastIndexOf('fill'));
    const venueFills = await client.getFills();
    const missed = of(afterReconnect, 'fill').map((e) => e.fill);
    expect(missed.map((f) => f.orderId)).toEqual(orders.slice(1, 4).map((o) => o.id));
    expect(missed.map((f) => f.timestamp)).toEqual([...missed.map((f) => f.timestamp)].sort((a, b) => a - b));

    // The stream now also carries the three (the venue replays): nothing is delivered twice.
    expect(await venue.publishNewFills()).toBe(3);
    venue.rest.fill(orders[4]?.id as string, '0.01', '50004');
    expect(await venue.publishNewFills()).toBe(1);
    await eventually(() => of(events, 'fill').length === 5, 'fifth fill');
    await new Promise((r) => setTimeout(r, 50));
    const delivered = of(events, 'fill').map((e) => e.fill.id);
    expect(delivered).toHaveLength(5);
    expect(new Set(delivered)).toEqual(new Set([...venueFills.map((f) => f.id), delivered[4]]));
    expect(client.streamStats()?.private).toMatchObject({ fillsDelivered: 5, missedFillsRecovered: 3, duplicateFills: 3 });

    // Positions reported by the catch-up equal the venue's.
    const positionEvents = of(afterReconnect, 'position').map((e) => e.position);
    expect(positionEvents).toEqual(await client.getPositions());
    expect(positionEvents.length).toBeGreaterThan(0);
  });

  it('token expiry across a reconnect: the refused JWT is refreshed over REST and the stream resumes', async () => {
    await connectClient();
    await client.subscribe({ channel: 'orders' });
    const authsBefore = venue.rest.requests.filter((r) => r.path === '/v1/auth').length;
    venue.expireTokens();
    venue.ws.dropAll();
    await eventually(() => states().filter((s) => s === 'ready').length === 2, 'ready with a new token', 10_000);
    expect(venue.rest.requests.filter((r) => r.path === '/v1/auth').length).toBe(authsBefore + 1);
    expect(venue.ws.connections[1]?.requests.map((r) => r.method).slice(0, 3)).toEqual(['auth', 'auth', 'subscribe']);
    const order = await limit('50000');
    venue.ws.publish('orders.ALL', () => notification('orders.ALL', venue.rest.orders.get(order.id)));
    await eventually(() => of(events, 'order').some((e) => e.order.id === order.id), 'order event after the refresh');
  });

  it('setDeadManSwitch arms cancel_on_disconnect and re-arms it after every reconnect', async () => {
    await connectClient();
    await client.setDeadManSwitch(5_000);
    expect(venue.ws.connections[0]?.cancelOnDisconnect).toBe(true);
    venue.ws.dropAll();
    await eventually(() => venue.ws.connections[1]?.cancelOnDisconnect === true, 're-armed on the new connection', 10_000);
    expect(venue.ws.cancelOnDisconnectFired).toHaveLength(1);
    await client.setDeadManSwitch(0);
    expect(venue.ws.connections[1]?.cancelOnDisconnect).toBe(false);
  });

  it("orderEntry 'ws': orders and cancels go over the socket, with the same signed bodies", async () => {
    await connectClient({ orderEntry: 'ws' });
    await client.subscribe({ channel: 'orders' });
    const order = await limit('50000');
    expect(order).toMatchObject({ market: M, side: 'buy', price: '50000', size: '0.01' });
    expect(venue.rest.orders.get(order.id)?.status).not.toBe('CLOSED');
    await client.cancelOrder({ id: order.id });
    expect(venue.rest.orders.get(order.id)?.status).toBe('CLOSED');
    await limit('50001');
    await client.cancelAllOrders(M);
    const methods = venue.ws.connections[0]?.requests.map((r) => r.method);
    expect(methods).toEqual(['auth', 'subscribe', 'order.create', 'order.cancel', 'order.create', 'order.cancel_all']);
    expect(venue.rest.requests.filter((r) => r.method === 'POST' && r.path === '/v1/orders')).toHaveLength(2);
    expect([...venue.rest.orders.values()].every((o) => o.status === 'CLOSED')).toBe(true);
  });
});
