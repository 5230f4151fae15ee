/**
 * A small Aster-compatible venue for AsterClient's integration tests: real sockets (HTTP and
 * WebSocket on 127.0.0.1, port 0), the venue's paths, parameter texts, bodies and status codes,
 * signatures checked independently of the client (aster-test-auth.ts: node:crypto HMAC for V1,
 * ethers verifyTypedData for V3), X-MBX-* counters, and fault knobs (status answers such as 503,
 * 429 and 418 with headers, handling then failing, delaying the answer after acting, dropping
 * sockets, expiring listen keys). Public payloads are the recorded fixtures in test/fixtures/aster.
 * It is not the simulator (src/simulator/dialects/aster): no matching engine (see aster-test-venue.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { rawPairs, verifyV1, verifyV3 } from './aster-test-auth.js';
import type { AuthFailure, V3Mode } from './aster-test-auth.js';
import { TestVenue } from './aster-test-venue.js';
import type { VenueOrder } from './aster-test-venue.js';

const FIXTURES = new URL('../fixtures/aster/', import.meta.url);
export const asterFixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const firstCase = (name: string): unknown => (asterFixture(name) as { response: unknown }[])[0]?.response;

export interface Fault {
  /** "METHOD /path" prefix to match, e.g. "POST /fapi/v3/order". */
  readonly match: string;
  /** Answer with this status/body/headers... */
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** ...after handling the request for real (the venue acted, the answer says otherwise). */
  readonly handle?: boolean;
  /** Handle, then hold the answer this long (a timeout after the venue acted). */
  readonly delayAfterMs?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

export interface AsterTestServerOptions {
  readonly chainId?: number;
  /** V3 API wallets: signer -> user. */
  readonly agents?: Record<string, string>;
  /** V1 keys: apiKey -> secret. */
  readonly keys?: Record<string, string>;
  readonly v3Mode?: V3Mode;
  /** Answer 404 on /fapi/v3/accountWithJoinMargin (the client must fall back to /fapi/v4/account). */
  readonly noAccountWithJoinMargin?: boolean;
}

export interface AsterTestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly venue: TestVenue;
  readonly requests: LoggedRequest[];
  readonly faults: Fault[];
  readonly listenKeys: Map<string, number>;
  /** Market-stream frames received (SUBSCRIBE...). */
  readonly controlFrames: Record<string, unknown>[];
  now: () => number;
  /** Refuse new user-stream connections (simulates an outage during which events are lost). */
  blockUserConnections: boolean;
  /** Streams whose SUBSCRIBE is refused with an error frame. */
  readonly refusedStreams: Set<string>;
  depth: { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
  pushMarket(stream: string, data: unknown): void;
  pushUser(event: unknown): void;
  marketConnections(): number;
  userConnections(): number;
  dropMarketConnections(): void;
  dropUserConnections(): void;
  expireListenKeys(): void;
  close(): Promise<void>;
}

const PUBLIC = new Set(['time', 'ping', 'exchangeInfo', 'depth', 'trades', 'ticker/bookTicker', 'premiumIndex', 'fundingRate', 'fundingInfo', 'klines']);
const ORDER_ROUTES = new Set(['POST order', 'POST batchOrders', 'PUT order']);

export async function startAsterTestServer(options: AsterTestServerOptions = {}): Promise<AsterTestServer> {
  const exchangeInfo = asterFixture('assembled_http_get_fapi_v3_exchangeInfo.json') as { symbols: { symbol: string }[] };
  const venue = new TestVenue(new Set(exchangeInfo.symbols.map((s) => s.symbol)));
  const agents = new Map(Object.entries(options.agents ?? {}).map(([s, u]) => [s.toLowerCase(), u.toLowerCase()]));
  const keys = new Map(Object.entries(options.keys ?? {}));
  const nonces = new Map<string, Set<string>>();
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const listenKeys = new Map<string, number>();
  const controlFrames: Record<string, unknown>[] = [];
  const marketSockets = new Map<WebSocket, Set<string>>();
  const userSockets = new Set<WebSocket>();
  const recorded = asterFixture('http_get_fapi_v3_depth.json') as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
  let weightUsed = 0;
  let weightMinute = 0;

  const server: AsterTestServer = {
    url: '',
    wsUrl: '',
    venue,
    requests,
    faults,
    listenKeys,
    controlFrames,
    now: () => Date.now(),
    blockUserConnections: false,
    refusedStreams: new Set(),
    depth: { lastUpdateId: recorded.lastUpdateId, bids: recorded.bids, asks: recorded.asks },
    pushMarket(stream, data) {
      const frame = JSON.stringify({ stream, data });
      for (const [ws, subs] of marketSockets) if (subs.has(stream)) ws.send(frame);
    },
    pushUser(event) {
      const frame = JSON.stringify(event);
      for (const ws of userSockets) ws.send(frame);
    },
    marketConnections: () => marketSockets.size,
    userConnections: () => userSockets.size,
    dropMarketConnections() {
      for (const ws of marketSockets.keys()) ws.terminate();
    },
    dropUserConnections() {
      for (const ws of userSockets) ws.terminate();
    },
    expireListenKeys() {
      for (const key of listenKeys.keys()) listenKeys.delete(key);
      server.pushUser({ e: 'listenKeyExpired', E: server.now() });
    },
    close: async () => undefined,
  };
  venue.now = () => server.now();
  venue.onUserEvent = (event) => server.pushUser(event);

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const minute = Math.floor(server.now() / 60_000);
    if (minute !== weightMinute) {
      weightMinute = minute;
      weightUsed = 0;
    }
    weightUsed += 1;
    res.writeHead(status, { 'content-type': 'application/json', 'x-mbx-used-weight-1m': String(weightUsed), ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const failWith = (res: ServerResponse, f: AuthFailure) => send(res, f.status, { code: f.code, msg: f.msg });

  /** One route: the status and body it answers. */
  function route(method: string, name: string, p: ReadonlyMap<string, string>, version: string): { status: number; body: unknown } {
    const symbol = p.get('symbol') ?? '';
    const ok = (body: unknown) => ({ status: 200, body });
    if (symbol !== '' && !venue.symbols.has(symbol)) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    switch (`${method} ${name}`) {
      case 'GET ping':
        return ok({});
      case 'GET time':
        return ok({ serverTime: server.now() });
      case 'GET exchangeInfo':
        return ok({ ...exchangeInfo, serverTime: server.now() });
      case 'GET depth':
        return ok({ lastUpdateId: server.depth.lastUpdateId, E: server.now(), T: server.now(), bids: server.depth.bids, asks: server.depth.asks });
      case 'GET trades':
        return ok(asterFixture('http_get_fapi_v3_trades.json'));
      case 'GET ticker/bookTicker':
        return ok({ symbol, bidPrice: '64999.9', bidQty: '1.5', askPrice: '65000.1', askQty: '2', time: server.now() });
      case 'GET premiumIndex':
        return ok({ ...(firstCase('http_get_fapi_v3_premiumIndex.json') as object), symbol, markPrice: venue.marks[symbol] ?? '1', time: server.now() });
      case 'GET fundingInfo':
        return ok(asterFixture('http_get_fapi_v3_fundingInfo.json'));
      case 'GET fundingRate':
        return ok(asterFixture('http_get_fapi_v3_fundingRate.json'));
      case 'GET klines':
        return ok(asterFixture('http_get_fapi_v3_klines.json'));
      case 'GET account':
      case 'GET accountWithJoinMargin':
        if (name === 'accountWithJoinMargin' && options.noAccountWithJoinMargin) return { status: 404, body: '<html>Not Found</html>' };
        return ok(venue.account());
      case 'GET balance':
        return ok(venue.balances());
      case 'GET positionRisk':
        return ok(venue.positionRows().filter((r) => symbol === '' || r.symbol === symbol));
      case 'POST order': {
        const placed = venue.place(p);
        return placed.ok ? ok(placed.order) : placed.rejection;
      }
      case 'PUT order': {
        if (version !== 'v3') return { status: 404, body: '' };
        const order = venue.find(symbol, p);
        if (order === undefined || !venue.isOpen(order)) return { status: 400, body: { code: -2013, msg: 'Order does not exist.' } };
        order.origQty = p.get('quantity') ?? order.origQty;
        order.price = p.get('price') ?? order.price;
        order.updateTime = server.now();
        return ok(order);
      }
      case 'GET order': {
        const order = venue.find(symbol, p);
        return order === undefined ? { status: 400, body: { code: -2013, msg: 'Order does not exist.' } } : ok(order);
      }
      case 'DELETE order': {
        const order = venue.find(symbol, p);
        if (order === undefined || !venue.isOpen(order)) return { status: 400, body: { code: -2011, msg: 'Unknown order sent.' } };
        return ok(venue.cancel(order));
      }
      case 'GET openOrders':
        return ok([...venue.orders.values()].filter((o) => venue.isOpen(o) && (symbol === '' || o.symbol === symbol)));
      case 'GET allOrders':
        return ok([...venue.orders.values()].filter((o) => o.symbol === symbol));
      case 'DELETE allOpenOrders':
        for (const o of venue.orders.values()) if (o.symbol === symbol && venue.isOpen(o)) venue.cancel(o);
        return ok({ code: '200', msg: 'The operation of cancel all open order is done.' });
      case 'POST batchOrders': {
        const list = JSON.parse((p.get('batchOrders') ?? '[]').replace(/'/g, '"')) as Record<string, string>[];
        if (list.length > 5) return { status: 400, body: { code: -4082, msg: 'Invalid number of batch place orders.' } };
        return ok(list.map((o) => {
          const placed = venue.place(new Map(Object.entries(o)));
          return placed.ok ? placed.order : placed.rejection.body;
        }));
      }
      case 'DELETE batchOrders': {
        const ids = p.has('orderIdList') ? (JSON.parse(p.get('orderIdList') ?? '[]') as number[]).map((id) => new Map([['orderId', String(id)]])) : (JSON.parse(p.get('origClientOrderIdList') ?? '[]') as string[]).map((c) => new Map([['origClientOrderId', c]]));
        return ok(ids.map((ref) => {
          const order = venue.find(symbol, ref);
          return order !== undefined && venue.isOpen(order) ? venue.cancel(order) : { code: -2011, msg: 'Unknown order sent.' };
        }));
      }
      case 'POST countdownCancelAll':
        venue.countdowns.set(symbol, Number(p.get('countdownTime')));
        return ok({ symbol, countdownTime: p.get('countdownTime') });
      case 'POST leverage':
        venue.leverage.set(symbol, Number(p.get('leverage')));
        return ok({ symbol, leverage: Number(p.get('leverage')), maxNotionalValue: '1000000' });
      case 'POST marginType':
        return ok({ code: 200, msg: 'success' });
      case 'GET userTrades': {
        const start = Number(p.get('startTime') ?? 0);
        const end = Number(p.get('endTime') ?? Number.MAX_SAFE_INTEGER);
        return ok(venue.trades.filter((t) => t.symbol === symbol && t.time >= start && t.time <= end));
      }
      case 'GET income':
        return ok([]);
      case 'POST listenKey': {
        const live = [...listenKeys.entries()].find(([, exp]) => exp > server.now());
        const key = live?.[0] ?? randomBytes(32).toString('hex');
        listenKeys.set(key, server.now() + 3_600_000);
        return ok({ listenKey: key });
      }
      case 'PUT listenKey': {
        const live = [...listenKeys.entries()].find(([, exp]) => exp > server.now());
        if (live === undefined) return { status: 400, body: { code: -1125, msg: 'This listenKey does not exist.' } };
        listenKeys.set(live[0], server.now() + 3_600_000);
        return ok({});
      }
      case 'DELETE listenKey':
        listenKeys.clear();
        return ok({});
      default:
        return { status: 404, body: '<html><body>Not Found</body></html>' };
    }
  }

  function authenticate(method: string, name: string, query: string, body: string, headers: IncomingMessage['headers']): AuthFailure | undefined {
    if (PUBLIC.has(name)) return undefined;
    const text = [query, body].filter((t) => t !== '').join('&');
    const isV3 = rawPairs(text).some(([k]) => k === 'signer');
    if (isV3) {
      const result = verifyV3({ agents, chainId: options.chainId ?? 1666, text, mode: options.v3Mode ?? 'either', now: server.now(), nonces, nonceWindowMs: 60_000 });
      return 'code' in result ? result : undefined;
    }
    const apiKey = headers['x-mbx-apikey'];
    const key = Array.isArray(apiKey) ? apiKey[0] : apiKey;
    if (name === 'listenKey') return key !== undefined && keys.has(key) ? undefined : { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' };
    return verifyV1({ keys, apiKey: key, query, body, now: server.now() });
  }

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const query = q < 0 ? '' : url.slice(q + 1);
      const method = req.method ?? 'GET';
      requests.push({ method, path, query, body, headers: req.headers });
      const match = /^\/fapi\/(v[1-4])\/(.+)$/.exec(path);
      if (match === null) return send(res, 404, '<html>Not Found</html>');
      const [, version = 'v1', name = ''] = match;
      const fault = faults.find((f) => `${method} ${path}`.startsWith(f.match) && (f.times ?? 1) > 0);
      if (fault !== undefined) fault.times = (fault.times ?? 1) - 1;
      if (fault?.status !== undefined && !fault.handle) return send(res, fault.status, fault.body ?? '', fault.headers);
      const authFailure = authenticate(method, name, query, body, req.headers);
      if (authFailure !== undefined) return failWith(res, authFailure);
      // Decoded view of the parameters (the signature check above used the raw text).
      const params = new Map([...rawPairs(query), ...rawPairs(body)].map(([k, v]) => [k, decodeURIComponent(v.replace(/\+/g, ' '))]));
      const result = route(method, name, params, version);
      const orderHeaders: Record<string, string> = ORDER_ROUTES.has(`${method} ${name}`) ? { 'x-mbx-order-count-10s': '1', 'x-mbx-order-count-1m': '1' } : {};
      const answer = () =>
        fault?.status !== undefined ? send(res, fault.status, fault.body ?? '', fault.headers) : send(res, result.status, result.body, orderHeaders);
      if (fault?.delayAfterMs !== undefined) setTimeout(answer, fault.delayAfterMs);
      else answer();
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/stream') {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const subs = new Set<string>();
        marketSockets.set(ws, subs);
        ws.on('close', () => marketSockets.delete(ws));
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { method: string; params?: string[]; id?: number };
          controlFrames.push(frame);
          const streams = frame.params ?? [];
          if (frame.method === 'SUBSCRIBE' && streams.some((s) => server.refusedStreams.has(s))) {
            ws.send(JSON.stringify({ code: 2, msg: `Invalid request: unknown stream ${streams.join(',')}` }));
            return;
          }
          if (frame.method === 'SUBSCRIBE') for (const s of streams) subs.add(s);
          if (frame.method === 'UNSUBSCRIBE') for (const s of streams) subs.delete(s);
          ws.send(JSON.stringify({ result: frame.method === 'LIST_SUBSCRIPTIONS' ? [...subs] : null, id: frame.id }));
        });
      });
      return;
    }
    const key = /^\/ws\/([A-Za-z0-9]+)$/.exec(path)?.[1];
    const expires = key === undefined ? undefined : listenKeys.get(key);
    if (server.blockUserConnections || expires === undefined || expires <= server.now()) {
      socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      userSockets.add(ws);
      ws.on('close', () => userSockets.delete(ws));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  (server as { url: string }).url = `http://127.0.0.1:${port}`;
  (server as { wsUrl: string }).wsUrl = `ws://127.0.0.1:${port}`;
  server.close = async () => {
    for (const ws of [...marketSockets.keys(), ...userSockets]) ws.terminate();
    wss.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return server;
}

export type { VenueOrder };
