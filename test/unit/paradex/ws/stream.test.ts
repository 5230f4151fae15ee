/**
 * ParadexStream over a real socket to the Paradex-dialect test server, with a scripted REST side
 * and manual timers: auth and token refresh, subscriptions, book resync from REST, watchdog,
 * reconnect catch-up (every fill once, in order), cancel_on_disconnect re-armed, order requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { AuthError, InsufficientMarginError, RequestError } from '../../../../src/core/errors.js';
import type { ExchangeEvent } from '../../../../src/core/exchange-client.js';
import type { Fill, HistoryQuery, OrderBook } from '../../../../src/core/types.js';
import { ParadexStream } from '../../../../src/exchanges/paradex/ws/index.js';
import type { ParadexStreamOptions } from '../../../../src/exchanges/paradex/ws/index.js';
import { bboFrame, bookFrame, notification } from '../../../support/ws-paradex-frames.js';
import type { Encoding } from '../../../support/ws-paradex-frames.js';
import { startParadexWsServer } from '../../../support/ws-paradex-server.js';
import type { ParadexWsServer, ParadexWsServerOptions } from '../../../support/ws-paradex-server.js';
import { eventually } from '../../../support/ws-server.js';
import { ManualTimers } from '../../transport/manual-timers.js';

const M = 'BTC-USD-PERP';

interface Harness {
  server: ParadexWsServer;
  stream: ParadexStream;
  events: ExchangeEvent[];
  errors: unknown[];
  timers: ManualTimers;
  clock: ManualClock;
  rest: { fills: Fill[]; book: OrderBook; bookCalls: number; fillQueries: HistoryQuery[] };
  tokens: string[];
}

let h: Harness | undefined;

afterEach(async () => {
  await h?.stream.close();
  await h?.server.close();
  h = undefined;
});

const wireFill = (id: string, createdAt: number) => ({
  id,
  order_id: 'o1',
  client_id: 'c1',
  market: M,
  side: 'BUY',
  price: '100',
  size: '1',
  fee: '0.01',
  fee_currency: 'USDC',
  liquidity: 'TAKER',
  created_at: createdAt,
});
const domainFill = (id: string, createdAt: number): Fill => ({
  exchange: 'paradex',
  id,
  orderId: 'o1',
  clientOrderId: 'c1',
  market: M,
  side: 'buy',
  price: '100',
  size: '1',
  fee: '0.01',
  feeAsset: 'USDC',
  liquidity: 'taker',
  timestamp: createdAt,
});

async function setup(
  options: { encoding?: Encoding; authed?: boolean; server?: ParadexWsServerOptions; tuning?: Partial<ParadexStreamOptions> } = {},
): Promise<Harness> {
  const server = await startParadexWsServer(options.server);
  const clock = new ManualClock(1_700_000_000_000);
  const timers = new ManualTimers(clock);
  const events: ExchangeEvent[] = [];
  const errors: unknown[] = [];
  const tokens = ['token-1'];
  const rest = { fills: [] as Fill[], book: { market: M, bids: [], asks: [], seq: 0, timestamp: 0 } as OrderBook, bookCalls: 0, fillQueries: [] as HistoryQuery[] };
  const stream = new ParadexStream({
    url: server.url,
    publicEncoding: options.encoding ?? 'json',
    clock,
    timers,
    heartbeat: { intervalMs: 0 },
    backoff: { initialMs: 100, maxMs: 1_000, jitter: 0 },
    auth: () =>
      options.authed === false
        ? undefined
        : {
            token: async () => tokens[tokens.length - 1] as string,
            refresh: async () => {
              tokens.push(`token-${tokens.length + 1}`);
              return tokens[tokens.length - 1] as string;
            },
            invalidate: () => undefined,
          },
    rest: {
      getOrderBook: async () => {
        rest.bookCalls += 1;
        return rest.book;
      },
      getOpenOrders: async () => [],
      getOrderHistory: async () => [],
      getFills: async (query) => {
        rest.fillQueries.push(query ?? {});
        return rest.fills.filter((f) => query?.since === undefined || f.timestamp >= query.since);
      },
      getPositions: async () => [],
      getAccount: async () => {
        throw new Error('not subscribed');
      },
    },
    emit: (e) => events.push(e),
    onError: (e) => errors.push(e),
    ...options.tuning,
  });
  h = { server, stream, events, errors, timers, clock, rest, tokens };
  return h;
}

const connectionStates = (events: readonly ExchangeEvent[]) => events.flatMap((e) => (e.type === 'connection' ? [e.state] : []));
const ofType = <T extends ExchangeEvent['type']>(events: readonly ExchangeEvent[], type: T) => events.filter((e): e is Extract<ExchangeEvent, { type: T }> => e.type === type);

async function reconnect(x: Harness, ready = 2): Promise<void> {
  x.server.dropAll();
  await eventually(() => x.stream.state === 'reconnecting', 'reconnecting');
  x.timers.advance(100);
  await eventually(() => connectionStates(x.events).filter((s) => s === 'ready').length >= ready, `ready #${ready}`);
}

describe('ParadexStream', () => {
  it('authenticates, subscribes and turns frames into domain events with connection events around them', async () => {
    const x = await setup();
    await x.stream.subscribe({ channel: 'bbo', market: M });
    expect(x.server.connections[0]?.requests.map((r) => r.method)).toEqual(['auth', 'subscribe']);
    expect(x.server.connections[0]?.requests[0]?.params).toEqual({ bearer: 'token-1' });
    x.server.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 5, bid: '1', bidSize: '2', ask: '3', askSize: '4' }, enc));
    await eventually(() => ofType(x.events, 'bbo').length === 1, 'bbo event');
    expect(ofType(x.events, 'bbo')[0]?.bbo).toEqual({ market: M, bid: '1', bidSize: '2', ask: '3', askSize: '4', seq: 1, timestamp: 5 });
    expect(connectionStates(x.events)).toEqual(['connecting', 'open', 'authenticating', 'ready']);
  });

  it('negotiates SBE in the URL and yields the same events from binary frames', async () => {
    const x = await setup({ encoding: 'sbe' });
    await x.stream.subscribe({ channel: 'bbo', market: M });
    expect(x.server.connections[0]?.encoding).toBe('sbe');
    expect(x.server.connections[0]?.raw.url).toBe('/v1?sbeSchemaId=1&sbeSchemaVersion=1');
    x.server.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 5, bid: '1', bidSize: '2', ask: '3', askSize: '4' }, enc));
    await eventually(() => ofType(x.events, 'bbo').length === 1, 'bbo event');
    expect(ofType(x.events, 'bbo')[0]?.bbo).toEqual({ market: M, bid: '1', bidSize: '2', ask: '3', askSize: '4', seq: 1, timestamp: 5 });
  });

  it('a refused token is refreshed once and auth retried', async () => {
    const x = await setup({ server: { validateToken: (t) => (t === 'token-1' ? undefined : '0xabc') } });
    await x.stream.subscribe({ channel: 'positions' });
    expect(x.tokens).toEqual(['token-1', 'token-2']);
    expect(x.server.connections[0]?.requests.map((r) => r.method)).toEqual(['auth', 'auth', 'subscribe']);
  });

  it('private streams need credentials; a refused channel rejects its subscriber and is dropped', async () => {
    const x = await setup({ authed: false });
    await expect(x.stream.subscribe({ channel: 'fills' })).rejects.toThrow(AuthError);
    x.server.refuse(`bbo.${M}`, { code: -32600, message: 'invalid subscribe request', data: 'invalid channel' });
    await expect(x.stream.subscribe({ channel: 'bbo', market: M })).rejects.toThrow(RequestError);
    await x.stream.subscribe({ channel: 'trades', market: M });
    await reconnect(x);
    expect(x.server.connections[1]?.requests.map((r) => `${r.method} ${String(r.params.channel ?? '')}`)).toEqual([`subscribe trades.${M}`]);
  });

  it('keeps a local book and resyncs it from REST after a sequence gap', async () => {
    const x = await setup();
    await x.stream.subscribe({ channel: 'book', market: M, depth: 2 });
    const channel = `order_book.${M}.deltas`;
    const send = (seq: number, type: 's' | 'd', bids: [string, string][], asks: [string, string][] = []) =>
      x.server.publish(channel, (enc) => bookFrame(channel, { market: M, seq, ts: seq, type, bids, asks }, enc));
    send(10, 's', [['100', '1'], ['99', '1'], ['98', '1']], [['101', '1']]);
    send(11, 'd', [['99', '0']]);
    await eventually(() => ofType(x.events, 'book').length === 2, 'two books');
    expect(ofType(x.events, 'book')[1]?.book).toMatchObject({ seq: 11, bids: [['100', '1'], ['98', '1']], asks: [['101', '1']] });
    x.rest.book = { market: M, bids: [['100', '5']], asks: [['101', '5']], seq: 15, timestamp: 15 };
    for (const seq of [13, 14, 15, 16]) send(seq, 'd', [[`9${seq - 10}.5`, '1']]);
    await eventually(() => x.rest.bookCalls === 1 && ofType(x.events, 'book').length === 3, 'resynced book');
    expect(ofType(x.events, 'book')[2]?.book).toMatchObject({ seq: 16, bids: [['100', '5'], ['96.5', '1']] });
    expect(x.stream.stats().books[M]).toMatchObject({ resyncs: 1, gaps: 1 });
  });

  it('watchdog: a stalled topic is resubscribed on the same socket and flows again', async () => {
    const x = await setup({ tuning: { staleAfterMs: { bbo: 5_000 } } });
    await x.stream.subscribe({ channel: 'bbo', market: M });
    x.server.stall(`bbo.${M}`, 'until-resubscribe');
    expect(x.server.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 1, ts: 1 }, enc))).toBe(0);
    x.timers.advance(5_000);
    await eventually(() => x.server.connections[0]?.requests.filter((r) => r.method === 'subscribe').length === 2, 'resubscribed');
    expect(x.server.connections[0]?.requests.map((r) => r.method)).toEqual(['auth', 'subscribe', 'unsubscribe', 'subscribe']);
    expect(x.server.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 2, ts: 2 }, enc))).toBe(1);
    await eventually(() => ofType(x.events, 'bbo').length === 1, 'bbo flows again');
    x.timers.advance(4_000);
    expect(x.stream.stats()).toMatchObject({ staleResubscribes: 1, staleRecycles: 0, connections: 1 });
  });

  it('watchdog: a topic still quiet after the resubscribe recycles the socket', async () => {
    const x = await setup({ tuning: { staleAfterMs: { bbo: 5_000 } } });
    await x.stream.subscribe({ channel: 'bbo', market: M });
    x.server.stall(`bbo.${M}`, 'until-reconnect');
    x.timers.advance(5_000);
    await eventually(() => x.server.connections[0]?.requests.filter((r) => r.method === 'subscribe').length === 2, 'resubscribed');
    x.timers.advance(5_000);
    expect(x.stream.stats().staleRecycles).toBe(1);
    x.timers.advance(100);
    await eventually(() => x.stream.state === 'ready' && x.server.connections.length === 2, 'new connection');
    expect(x.server.publish(`bbo.${M}`, (enc) => bboFrame(`bbo.${M}`, { market: M, seq: 3, ts: 3 }, enc))).toBe(1);
    await eventually(() => ofType(x.events, 'bbo').length === 1, 'bbo on the new socket');
  });

  it('after a reconnect: missed fills come from REST once each and in order, before ready; duplicates are dropped', async () => {
    const x = await setup();
    await x.stream.subscribe({ channel: 'fills' });
    const t0 = x.clock.now();
    x.server.publish('fills.ALL', () => notification('fills.ALL', wireFill('f1', t0 + 1)));
    await eventually(() => ofType(x.events, 'fill').length === 1, 'live fill');
    // While disconnected the venue fills three more; REST also still lists f1.
    x.rest.fills = [domainFill('f1', t0 + 1), domainFill('f3', t0 + 3), domainFill('f2', t0 + 2), domainFill('f4', t0 + 4)];
    await reconnect(x);
    const tail = x.events.slice(x.events.findIndex((e) => e.type === 'connection' && e.state === 'reconnected'));
    expect(tail.map((e) => (e.type === 'fill' ? e.fill.id : e.type === 'connection' ? e.state : e.type))).toEqual(['reconnected', 'f2', 'f3', 'f4', 'ready']);
    expect(x.rest.fillQueries.at(-1)).toEqual({ since: t0 + 1 - 5_000 });
    // The venue's stream repeats f4 after the reconnect: not delivered again.
    x.server.publish('fills.ALL', () => notification('fills.ALL', wireFill('f4', t0 + 4)));
    x.server.publish('fills.ALL', () => notification('fills.ALL', wireFill('f5', t0 + 5)));
    await eventually(() => ofType(x.events, 'fill').length === 5, 'f5');
    expect(ofType(x.events, 'fill').map((e) => e.fill.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
    expect(x.stream.stats().private).toMatchObject({ fillsDelivered: 5, duplicateFills: 1, missedFillsRecovered: 3, catchUps: 1 });
  });

  it('fills also watch tradebusts: a bust surfaces as fill_busted', async () => {
    const x = await setup();
    await x.stream.subscribe({ channel: 'fills', market: M });
    expect(x.server.connections[0]?.subscriptions).toEqual(new Set([`fills.${M}`, 'tradebusts']));
    x.server.publish('tradebusts', () => notification('tradebusts', { account: '0xabc', busted_fill_id: 'f9', created_at: 1681497002041 }));
    await eventually(() => ofType(x.events, 'fill_busted').length === 1, 'bust');
    expect(ofType(x.events, 'fill_busted')[0]).toEqual({ type: 'fill_busted', exchange: 'paradex', fillId: 'f9', timestamp: 1681497002041 });
    await x.stream.unsubscribe({ channel: 'fills', market: M });
    await eventually(() => x.server.connections[0]?.subscriptions.size === 0, 'both channels released');
  });

  it('cancel_on_disconnect is armed, and re-armed on every new connection', async () => {
    const x = await setup();
    await x.stream.setCancelOnDisconnect(true);
    await eventually(() => x.server.connections[0]?.cancelOnDisconnect === true, 'armed');
    await reconnect(x);
    expect(x.server.cancelOnDisconnectFired).toEqual(['0xabc']);
    await eventually(() => x.server.connections[1]?.cancelOnDisconnect === true, 're-armed');
    await x.stream.setCancelOnDisconnect(false);
    expect(x.server.connections[1]?.cancelOnDisconnect).toBe(false);
  });

  it('order requests: answers, and venue errors as typed errors', async () => {
    const x = await setup({
      server: {
        onOrderMethod: (method, params) =>
          method === 'order.cancel_all'
            ? { result: { status: 'ok' } }
            : { error: { code: 100, message: 'order rejected', data: params.market === 'BTC-USD-PERP' ? 'NOT_ENOUGH_MARGIN' : 'X' } },
      },
    });
    await x.stream.connect();
    await expect(x.stream.request('order.cancel_all', {}, 'write')).resolves.toEqual({ status: 'ok' });
    await expect(x.stream.request('order.create', { market: M }, 'write')).rejects.toThrow(InsufficientMarginError);
  });
});
