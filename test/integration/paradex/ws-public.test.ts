/**
 * ParadexClient streams over real sockets against the Paradex test venue (REST test server +
 * Paradex-dialect WebSocket server in test/support), whose frames the test writes itself, so exact
 * sequences can be scripted. Faults: drop mid-stream, server close, stalled topic, sequence gap,
 * duplicated and reordered messages; SBE and JSON compared event for event. The same faults
 * against the project simulator are in ws-simulator.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secret.js';
import type { ExchangeEvent } from '../../../src/core/exchange-client.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import type { ParadexClientOptions } from '../../../src/exchanges/paradex/client.js';
import { bboFrame, bookFrame, tradeFrame } from '../../support/ws-paradex-frames.js';
import type { Encoding } from '../../support/ws-paradex-frames.js';
import { startParadexVenue } from '../../support/ws-paradex-venue.js';
import type { ParadexVenue } from '../../support/ws-paradex-venue.js';
import { eventually } from '../../support/ws-server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const M = 'BTC-USD-PERP';
const BOOK = `order_book.${M}.deltas`;

let venue: ParadexVenue;
const clients: ParadexClient[] = [];

function client(overrides: Partial<ParadexClientOptions> = {}): { client: ParadexClient; events: ExchangeEvent[]; errors: unknown[] } {
  const events: ExchangeEvent[] = [];
  const errors: unknown[] = [];
  const c = new ParadexClient({
    apiBaseUrl: venue.rest.url,
    wsUrl: venue.ws.url,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    rateLimitPerSec: 1000,
    timeoutMs: 5_000,
    stream: { backoff: { initialMs: 20, maxMs: 200 }, ...overrides.stream },
    onStreamError: (e) => errors.push(e),
    ...overrides,
  });
  c.onEvent((e) => events.push(e));
  clients.push(c);
  return { client: c, events, errors };
}

const of = <T extends ExchangeEvent['type']>(events: readonly ExchangeEvent[], type: T) => events.filter((e): e is Extract<ExchangeEvent, { type: T }> => e.type === type);
const states = (events: readonly ExchangeEvent[]) => of(events, 'connection').map((e) => e.state);

beforeEach(async () => {
  venue = await startParadexVenue();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await venue.close();
});

describe('Paradex public streams', () => {
  it('SBE and JSON give identical domain events', async () => {
    const json = client({ publicEncoding: 'json' });
    const sbe = client({ publicEncoding: 'sbe' });
    for (const c of [json, sbe]) {
      await c.client.subscribe({ channel: 'bbo', market: M });
      await c.client.subscribe({ channel: 'trades', market: M });
      await c.client.subscribe({ channel: 'book', market: M, depth: 5 });
    }
    expect(venue.ws.connections.map((c) => c.encoding).sort()).toEqual(['json', 'sbe']);
    const send = (build: (enc: Encoding) => string | Buffer, channel: string) => venue.ws.publish(channel, build);
    send((enc) => bookFrame(BOOK, { market: M, seq: 1, ts: 1000, type: 's', bids: [['100', '1'], ['99.5', '2']], asks: [['100.5', '3']] }, enc), BOOK);
    send((enc) => bboFrame(`bbo.${M}`, { market: M, seq: 5, ts: 1001, bid: '100', bidSize: '1', ask: '100.5', askSize: '3' }, enc), `bbo.${M}`);
    send((enc) => tradeFrame(`trades.${M}`, { market: M, id: '1718377985380201703994000001', side: 'BUY', price: '100.5', size: '0.25', ts: 1002 }, enc), `trades.${M}`);
    send((enc) => bookFrame(BOOK, { market: M, seq: 2, ts: 1003, type: 'd', bids: [['99.5', '0']], asks: [['100.5', '2.75'], ['101', '1']] }, enc), BOOK);
    const marketData = (events: ExchangeEvent[]) => events.filter((e) => e.type !== 'connection');
    await eventually(() => marketData(json.events).length === 4 && marketData(sbe.events).length === 4, 'four events on each client');
    expect(marketData(sbe.events)).toEqual(marketData(json.events));
    expect(of(json.events, 'book').at(-1)?.book).toEqual({ market: M, bids: [['100', '1']], asks: [['100.5', '2.75'], ['101', '1']], seq: 2, timestamp: 1003 });
    expect([...json.errors, ...sbe.errors]).toEqual([]);
  });

  it('a drop mid-stream: reconnects, replays subscriptions, reports reconnected, data flows again', async () => {
    const { client: c, events } = client();
    await c.subscribe({ channel: 'bbo', market: M });
    venue.ws.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 1 }, enc));
    await eventually(() => of(events, 'bbo').length === 1, 'first bbo');
    venue.ws.dropAll();
    await eventually(() => states(events).filter((s) => s === 'ready').length === 2, 'ready again');
    expect(states(events)).toEqual(['connecting', 'open', 'authenticating', 'ready', 'reconnecting', 'connecting', 'open', 'authenticating', 'reconnected', 'ready']);
    expect(venue.ws.connections[1]?.subscriptions).toEqual(new Set([`bbo.${M}`]));
    venue.ws.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 2, ts: 2 }, enc));
    await eventually(() => of(events, 'bbo').length === 2, 'bbo after the reconnect');
    expect(c.streamStats()).toMatchObject({ reconnects: 1, connections: 2 });
  });

  it('a server close (close frame) is a reconnect too, with the reason reported', async () => {
    const { client: c, events } = client();
    await c.subscribe({ channel: 'trades', market: M });
    venue.ws.closeAll(1001);
    await eventually(() => states(events).includes('reconnected'), 'reconnected');
    expect(of(events, 'connection').find((e) => e.state === 'reconnecting')?.reason).toBe('closed by peer (1001: server closing)');
  });

  it('a stalled topic is resubscribed on a healthy socket; one that stays quiet recycles the socket', async () => {
    const { client: c, events } = client({ stream: { staleAfterMs: { bbo: 300 }, watchdogIntervalMs: 50, backoff: { initialMs: 20, maxMs: 200 } } });
    await c.subscribe({ channel: 'bbo', market: M });
    await c.subscribe({ channel: 'trades', market: M });
    venue.ws.stall(`bbo.${M}`, 'until-resubscribe');
    await eventually(() => (venue.ws.connections[0]?.requests.filter((r) => r.method === 'subscribe' && r.params.channel === `bbo.${M}`).length ?? 0) === 2, 'bbo resubscribed', 3_000);
    expect(venue.ws.connections).toHaveLength(1);
    expect(venue.ws.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 1 }, enc))).toBe(1);
    await eventually(() => of(events, 'bbo').length === 1, 'bbo flows after the resubscribe');
    venue.ws.unstall(`bbo.${M}`);
    venue.ws.stall(`bbo.${M}`, 'until-reconnect');
    await eventually(() => venue.ws.connections.length === 2 && c.streamStats()?.state === 'ready', 'socket recycled', 5_000);
    expect(c.streamStats()?.staleRecycles).toBe(1);
    expect(venue.ws.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 2, ts: 2 }, enc))).toBe(1);
    await eventually(() => of(events, 'bbo').length === 2, 'bbo on the new socket');
  });

  it('a sequence gap resyncs the book from GET /orderbook; duplicated and reordered deltas do not', async () => {
    const { client: c, events } = client();
    await c.subscribe({ channel: 'book', market: M, depth: 3 });
    const send = (seq: number, type: 's' | 'd', bids: [string, string][], asks: [string, string][] = []) =>
      venue.ws.publish(BOOK, (enc) => bookFrame(BOOK, { market: M, seq, ts: seq, type, bids, asks }, enc));
    // The REST fixture's book is at seq 14139427.
    send(14139420, 's', [['66000', '1']], [['68000', '1']]);
    send(14139421, 'd', [['66100', '1']]);
    send(14139421, 'd', [['66100', '9']]); // duplicate
    send(14139423, 'd', [['66300', '1']]); // ahead of 22
    send(14139422, 'd', [['66200', '1']]); // the late one
    await eventually(() => of(events, 'book').at(-1)?.book.seq === 14139423, 'book at 23');
    expect(of(events, 'book').at(-1)?.book.bids).toEqual([['66300', '1'], ['66200', '1'], ['66100', '1']]);
    expect(c.streamStats()?.books[M]).toMatchObject({ resyncs: 0, duplicates: 1 });
    // Now 24 never comes: 25..29 overflow the reorder window -> REST book (27), then 28 and 29 on top.
    for (const seq of [14139425, 14139426, 14139427, 14139428, 14139429]) send(seq, 'd', [[`66${seq - 14139000}`, '2']]);
    await eventually(() => of(events, 'book').at(-1)?.book.seq === 14139429, 'book resynced and caught up');
    const requests = venue.rest.requests.filter((r) => r.path.startsWith('/v1/orderbook/'));
    expect(requests.map((r) => r.path)).toEqual(['/v1/orderbook/BTC-USD-PERP?depth=100']);
    const book = of(events, 'book').at(-1)?.book;
    expect(book?.bids.slice(0, 2)).toEqual([['66810', '0.078'], ['66762.2', '0.979']]);
    expect(book?.asks[0]).toEqual(['67643.2', '3.734']);
    expect(c.streamStats()?.books[M]).toMatchObject({ resyncs: 1, gaps: 1 });
    expect(c.localBook(M, 1)?.seq).toBe(14139429);
  });

  it('public streams work before connect(); private ones ask for it', async () => {
    const { client: c, events } = client();
    await c.subscribe({ channel: 'bbo', market: M });
    expect(venue.ws.connections[0]?.requests.map((r) => r.method)).toEqual(['subscribe']);
    await expect(c.subscribe({ channel: 'orders' })).rejects.toThrow(/call connect\(\) first/);
    expect(states(events)).toEqual(['connecting', 'open', 'authenticating', 'ready']);
  });
});
