/**
 * ParadexClient streams against the project simulator (startSimulator, Paradex dialect) with its
 * fault knobs: drop, stalled topic, sequence gap, duplicated and reordered frames, expired tokens,
 * fills while disconnected, busted fill, SBE vs JSON. The simulator runs on a ManualClock (prices
 * move only when the test moves them); the client's stream runs on manual timers, so reconnects
 * and the watchdog happen exactly when the test says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { Secret } from '../../../src/core/secret.js';
import type { ExchangeEvent } from '../../../src/core/exchange-client.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import type { ParadexClientOptions } from '../../../src/exchanges/paradex/client.js';
import { fillIdFromWire } from '../../../src/simulator/dialects/paradex/ids.js';
import { startSimulator } from '../../../src/simulator/server.js';
import type { SimulatorHandle } from '../../../src/simulator/server.js';
import { ManualTimers } from '../../unit/transport/manual-timers.js';
import { eventually } from '../../support/ws-server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const M = 'BTC-USD-PERP';

let sim: SimulatorHandle;
let simClock: ManualClock;
const clients: { client: ParadexClient; events: ExchangeEvent[]; timers: ManualTimers }[] = [];

async function newClient(overrides: Partial<ParadexClientOptions> = {}, connect = true) {
  // The stream's clock and timers move together (heartbeat, backoff and watchdog are time-driven).
  const clock = new ManualClock(Date.now());
  const timers = new ManualTimers(clock);
  const events: ExchangeEvent[] = [];
  const client = new ParadexClient({
    apiBaseUrl: sim.httpUrl,
    wsUrl: sim.wsUrl,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    rateLimitPerSec: 1000,
    clock,
    timers,
    stream: { backoff: { initialMs: 100, maxMs: 100, jitter: 0 }, heartbeat: { intervalMs: 0 }, staleAfterMs: { bbo: 5_000 } },
    ...overrides,
  });
  client.onEvent((e) => events.push(e));
  if (connect) await client.connect();
  const entry = { client, events, timers };
  clients.push(entry);
  return entry;
}

const of = <T extends ExchangeEvent['type']>(list: readonly ExchangeEvent[], type: T) => list.filter((e): e is Extract<ExchangeEvent, { type: T }> => e.type === type);
const readies = (events: readonly ExchangeEvent[]) => of(events, 'connection').filter((e) => e.state === 'ready').length;

/** A mark-price move: the simulator's market maker requotes, so bbo and book change. */
function move(percent: string): void {
  sim.control.movePrice(M, percent);
  sim.control.advance(1_000);
}

async function dropAndReconnect(c: { events: ExchangeEvent[]; timers: ManualTimers }, before?: () => Promise<void>): Promise<void> {
  const ready = readies(c.events);
  sim.control.dropConnections();
  await eventually(() => of(c.events, 'connection').at(-1)?.state === 'reconnecting', 'reconnecting');
  await before?.();
  c.timers.advance(100);
  await eventually(() => readies(c.events) === ready + 1, 'ready again', 10_000);
}

beforeEach(async () => {
  simClock = new ManualClock(1_717_000_000_000);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 7, clock: simClock });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  await sim.close();
});

describe('Paradex streams on the simulator', () => {
  it('a dropped connection reconnects, replays and streams again', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'bbo', market: M });
    move('1');
    await eventually(() => of(c.events, 'bbo').length > 0, 'bbo');
    await dropAndReconnect(c);
    expect(of(c.events, 'connection').some((e) => e.state === 'reconnected')).toBe(true);
    const seen = of(c.events, 'bbo').length;
    move('1');
    await eventually(() => of(c.events, 'bbo').length > seen, 'bbo after the reconnect');
  });

  it('a stalled topic is resubscribed by the watchdog and flows again when the venue resumes it', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'bbo', market: M });
    sim.control.stallTopic(`bbo.${M}`);
    move('1');
    c.timers.advance(5_000);
    await eventually(() => c.client.streamStats()?.staleResubscribes === 1, 'watchdog resubscribed');
    sim.control.resumeTopic(`bbo.${M}`);
    move('1');
    await eventually(() => of(c.events, 'bbo').length > 0, 'bbo after resume');
    expect(c.client.streamStats()).toMatchObject({ staleRecycles: 0, connections: 1 });
  });

  it('a sequence gap resyncs the book; duplicated and reordered frames leave it right', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'book', market: M, depth: 5 });
    const topic = `order_book.${M}.deltas`;
    move('0.5');
    await eventually(() => of(c.events, 'book').length > 0, 'first book');
    sim.control.duplicateNext(topic, 2);
    sim.control.reorderNext(topic, 1);
    for (const p of ['0.3', '-0.2', '0.4', '-0.1']) move(p);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.client.streamStats()?.books[M]?.resyncs).toBe(0);
    sim.control.sequenceGap(topic);
    for (const p of ['0.3', '-0.3', '0.2', '-0.2', '0.1', '-0.1']) move(p);
    await eventually(() => (c.client.streamStats()?.books[M]?.resyncs ?? 0) >= 1 && c.client.localBook(M) !== undefined, 'resynced');
    move('0.2');
    await new Promise((r) => setTimeout(r, 200));
    const venue = await c.client.getOrderBook(M, 5);
    const local = c.client.localBook(M, 5);
    expect(local?.bids).toEqual(venue.bids);
    expect(local?.asks).toEqual(venue.asks);
  });

  it('fills while disconnected: each delivered once, in order, before ready; positions equal the venue', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'fills' });
    await c.client.subscribe({ channel: 'positions' });
    const size = '0.01';
    await c.client.placeOrder({ market: M, side: 'buy', type: 'market', size });
    sim.control.advance(100);
    await eventually(() => of(c.events, 'fill').length === 1, 'first fill');
    await dropAndReconnect(c, async () => {
      for (let i = 0; i < 3; i++) {
        await c.client.placeOrder({ market: M, side: 'buy', type: 'market', size });
        sim.control.advance(100);
      }
    });
    const after = c.events.slice(c.events.findIndex((e) => e.type === 'connection' && e.state === 'reconnected'));
    const fills = of(after, 'fill').map((e) => e.fill);
    expect(fills).toHaveLength(3);
    expect(after.findIndex((e) => e.type === 'connection' && e.state === 'ready')).toBeGreaterThan(after.findLastIndex((e) => e.type === 'fill'));
    expect(fills.map((f) => f.timestamp)).toEqual([...fills.map((f) => f.timestamp)].sort((a, b) => a - b));
    const all = of(c.events, 'fill').map((e) => e.fill.id);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set((await c.client.getFills()).map((f) => f.id)));
    const venuePositions = await c.client.getPositions();
    const lastEvent = of(c.events, 'position').filter((e) => e.position.market === M).at(-1)?.position;
    expect(lastEvent?.signedSize).toBe(venuePositions.find((p) => p.market === M)?.signedSize);
  });

  it('expired tokens across a reconnect: the stream re-authenticates and private data flows', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'orders' });
    await dropAndReconnect(c, async () => {
      sim.control.expireTokens();
    });
    const order = await c.client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.01' });
    await eventually(() => of(c.events, 'order').some((e) => e.order.id === order.id), 'order event after re-auth');
  });

  it('a busted fill surfaces as fill_busted', async () => {
    const c = await newClient();
    await c.client.subscribe({ channel: 'fills' });
    await c.client.placeOrder({ market: M, side: 'buy', type: 'market', size: '0.01' });
    sim.control.advance(100);
    await eventually(() => of(c.events, 'fill').length === 1, 'fill');
    const fillId = of(c.events, 'fill')[0]?.fill.id as string;
    sim.control.bustFill(fillIdFromWire(fillId) ?? fillId); // the control API takes the engine's id
    await eventually(() => of(c.events, 'fill_busted').some((e) => e.fillId === fillId), 'fill_busted');
  });

  it('SBE and JSON give identical domain events', async () => {
    const json = await newClient({ publicEncoding: 'json' }, false);
    const sbe = await newClient({ publicEncoding: 'sbe' }, false);
    for (const c of [json, sbe]) {
      await c.client.subscribe({ channel: 'bbo', market: M });
      await c.client.subscribe({ channel: 'book', market: M, depth: 10 });
    }
    for (const p of ['0.5', '-0.25', '0.125']) move(p);
    const data = (events: ExchangeEvent[]) => events.filter((e) => e.type === 'bbo' || e.type === 'book');
    await eventually(() => data(json.events).length > 0 && data(json.events).length === data(sbe.events).length, 'same number of events');
    await new Promise((r) => setTimeout(r, 100));
    expect(data(sbe.events)).toEqual(data(json.events));
  });
});
