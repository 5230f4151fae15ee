/**
 * WebSocket faults of the Paradex dialect, observed by real `ws` clients: a stalled topic, a
 * sequence gap on the order book, a duplicated and a reordered frame, dropped connections, and the
 * protocol heartbeat (ping every period, termination without pong).
 *
 * The price process is off so that every frame comes from the test's own orders: each resting
 * bid inside the spread changes the BBO once and the book once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/simulator/server.js';
import type { SimulatorHandle } from '../../../src/simulator/server.js';
import { RpcSocket, eventually, notificationOf, startInProcess } from '../../unit/simulator/paradex-ws/harness.js';
import type { Notification } from '../../unit/simulator/paradex-ws/harness.js';

const BTC = 'BTC-USD-PERP';
const BBO = `bbo.${BTC}`;
const DELTAS = `order_book.${BTC}.deltas`;
const QUOTER = '0xfeed';

let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 7, engine: { priceProcess: { enabled: false } } });
  sim.engine.createAccount(QUOTER, { collateral: '100000000' });
});

afterAll(async () => {
  await sim.close();
});

/** Rests a bid one tick above the best bid (inside the spread): one BBO change, one book delta. */
function improveBid(): string {
  const bbo = sim.engine.bbo(BTC);
  const price = String(Number((Number(bbo.bid) + 0.1).toFixed(1)));
  if (Number(price) >= Number(bbo.ask)) throw new Error('no room left in the spread: call resetQuotes() first');
  sim.engine.submit({ account: QUOTER, market: BTC, side: 'BUY', type: 'LIMIT', size: '0.01', price, timeInForce: 'POST_ONLY' });
  sim.engine.processPending();
  return price;
}

/** Back to the market maker's spread, before a test subscribes. */
function resetQuotes(): void {
  sim.engine.cancelAll(QUOTER);
}

async function subscribed(...channels: string[]): Promise<RpcSocket> {
  resetQuotes();
  const socket = await RpcSocket.open(sim.wsUrl);
  for (const channel of channels) await socket.ok('subscribe', { channel });
  // The first frames (current BBO, book snapshot) are in before the test acts.
  for (const channel of channels) await socket.firstNotification(channel);
  return socket;
}

/** Delta frames are never faulted here: one more delta means the frames of that change are in. */
async function settled(socket: RpcSocket, deltasBefore: number, changes: number): Promise<void> {
  await eventually(() => socket.notifications(DELTAS).length >= deltasBefore + changes, 5000, `${changes} book deltas`);
}

const bids = (frames: Notification[]): unknown[] => frames.map((n) => n.data.bid);

describe('frame faults', () => {
  it('stalls one topic while others flow, then resumes it', async () => {
    const socket = await subscribed(BBO, DELTAS);
    const bboBefore = socket.notifications(BBO).length;
    const deltasBefore = socket.notifications(DELTAS).length;
    const stalls = sim.control.faultCount('stall');
    sim.control.stallTopic(BBO);
    improveBid();
    improveBid();
    await settled(socket, deltasBefore, 2);
    expect(socket.notifications(BBO).length).toBe(bboBefore);
    expect(sim.control.faultCount('stall') - stalls).toBe(2);

    sim.control.resumeTopic(BBO);
    const price = improveBid();
    const frame = await socket.firstNotification(BBO, (d) => d.bid === price && socket.notifications(BBO).length > bboBefore);
    expect(frame.data.bid).toBe(price);
    expect(socket.notifications(BBO).length).toBe(bboBefore + 1);
    await socket.close();
  });

  it('duplicates the next frame of a topic for every subscriber', async () => {
    const first = await subscribed(BBO, DELTAS);
    const second = await subscribed(BBO, DELTAS);
    const before = [first.notifications(BBO).length, second.notifications(BBO).length];
    const deltas = [first.notifications(DELTAS).length, second.notifications(DELTAS).length];
    sim.control.duplicateNext(BBO);
    const price = improveBid();
    const after = improveBid();
    await settled(first, deltas[0]!, 2);
    await settled(second, deltas[1]!, 2);
    await eventually(() => bids(first.notifications(BBO)).includes(after) && bids(second.notifications(BBO)).includes(after));
    expect(bids(first.notifications(BBO).slice(before[0]))).toEqual([price, price, after]);
    expect(bids(second.notifications(BBO).slice(before[1]))).toEqual([price, price, after]);
    expect(first.notifications(BBO).at(before[0]!)).toEqual(first.notifications(BBO).at(before[0]! + 1));
    await first.close();
    await second.close();
  });

  it('holds a frame back and sends it after the next one (reorder)', async () => {
    const socket = await subscribed(BBO, DELTAS);
    const before = socket.notifications(BBO).length;
    const deltas = socket.notifications(DELTAS).length;
    sim.control.reorderNext(BBO);
    const early = improveBid();
    await settled(socket, deltas, 1);
    expect(socket.notifications(BBO).length).toBe(before);
    const late = improveBid();
    await eventually(() => socket.notifications(BBO).length >= before + 2);
    const frames = socket.notifications(BBO).slice(before);
    expect(bids(frames)).toEqual([late, early]);
    expect((frames[1]!.data.seq_no as number) < (frames[0]!.data.seq_no as number)).toBe(true);
    await socket.close();
  });

  it('skips one order-book seq_no for every subscriber, and a resubscription continues the shifted sequence', async () => {
    const first = await subscribed(DELTAS);
    const second = await subscribed(DELTAS);
    const lastSeq = (socket: RpcSocket) => socket.notifications(DELTAS).at(-1)!.data.seq_no as number;
    const before = [lastSeq(first), lastSeq(second)];
    const count = first.notifications(DELTAS).length;
    sim.control.sequenceGap(DELTAS);
    improveBid();
    improveBid();
    await settled(first, count, 2);
    await eventually(() => second.notifications(DELTAS).length >= count + 2);
    const seqs = first.notifications(DELTAS).slice(-2).map((n) => n.data.seq_no);
    expect(seqs).toEqual([before[0]! + 2, before[0]! + 3]);
    expect(second.notifications(DELTAS).slice(-2).map((n) => n.data.seq_no)).toEqual([before[1]! + 2, before[1]! + 3]);

    // Resync: a fresh subscription's snapshot and the deltas after it are contiguous.
    await first.ok('unsubscribe', { channel: DELTAS });
    const resync = first.next((m) => m.kind === 'json' && (m.message.params as { channel?: string } | undefined)?.channel === DELTAS);
    await first.ok('subscribe', { channel: DELTAS });
    const snapshot = notificationOf(await resync);
    expect(snapshot.data.update_type).toBe('s');
    const snapshotSeq = snapshot.data.seq_no as number;
    expect(snapshotSeq).toBe(before[0]! + 3);
    const countAfter = first.notifications(DELTAS).length;
    improveBid();
    await eventually(() => first.notifications(DELTAS).length > countAfter);
    expect(first.notifications(DELTAS).at(-1)!.data.seq_no).toBe(snapshotSeq + 1);
    await first.close();
    await second.close();
  });

  it('drops every connection at once', async () => {
    const sockets = await Promise.all([subscribed(BBO), RpcSocket.open(sim.wsUrl)]);
    const dropped = sim.control.dropConnections();
    expect(dropped).toBeGreaterThanOrEqual(2);
    const codes = await Promise.all(sockets.map((s) => s.closed));
    // Terminated without a close handshake: the client sees an abnormal closure.
    expect(codes).toEqual([1006, 1006]);
    expect(sim.control.faultLog().some((entry) => entry.fault === 'drop_connections')).toBe(true);
    const again = await RpcSocket.open(sim.wsUrl);
    expect(await again.ok('subscribe', { channel: BBO })).toEqual({ channel: BBO });
    await again.close();
  });
});

describe('heartbeat', () => {
  it('pings on the period and terminates a client that does not answer', async () => {
    const venue = await startInProcess({ pingIntervalMs: 20, pongTimeoutMs: 60 });
    try {
      const answering = await RpcSocket.open(venue.wsUrl);
      const silent = await RpcSocket.open(venue.wsUrl, { autoPong: false });
      let pings = 0;
      let silentPings = 0;
      answering.socket.on('ping', () => pings++);
      silent.socket.on('ping', () => silentPings++);
      expect(await silent.closed).toBe(1006);
      expect(silentPings).toBeGreaterThanOrEqual(1);
      await eventually(() => pings >= 8, 5000, 'eight pings');
      expect(answering.socket.readyState).toBe(answering.socket.OPEN);
      expect(await answering.ok('subscribe', { channel: BBO })).toEqual({ channel: BBO });
      expect(venue.ws.connectionCount).toBe(1);
      await answering.close();
    } finally {
      await venue.close();
    }
  });

  it('sends no pings when the heartbeat is off', async () => {
    const venue = await startInProcess({ pingIntervalMs: 0 });
    try {
      const socket = await RpcSocket.open(venue.wsUrl, { autoPong: false });
      let pings = 0;
      socket.socket.on('ping', () => pings++);
      await socket.ok('subscribe', { channel: BBO });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pings).toBe(0);
      expect(socket.socket.readyState).toBe(socket.socket.OPEN);
      await socket.close();
    } finally {
      await venue.close();
    }
  });
});
