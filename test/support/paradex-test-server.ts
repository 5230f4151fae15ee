/**
 * A small Paradex-compatible REST server for the client's tests: real sockets, the venue's paths,
 * bodies and status codes, signatures checked with starknet.js (an implementation independent of
 * ours), and fault knobs. Public payloads are the recorded fixtures in test/fixtures/paradex.
 * It is not the simulator (src/simulator, issue 3): no matching engine, orders rest until cancelled
 * unless a test fills them by hand.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ec, hash, shortString, typedData } from 'starknet';
import { sub } from '../../src/core/decimal.js';

const FIXTURES = new URL('../fixtures/paradex/', import.meta.url);
export const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

const CHAIN_ID = 'PRIVATE_SN_POTC_SEPOLIA';
const DOMAIN = { name: 'Paradex', chainId: shortString.encodeShortString(CHAIN_ID), version: '1' };
const DOMAIN_TYPE = [
  { name: 'name', type: 'felt' },
  { name: 'chainId', type: 'felt' },
  { name: 'version', type: 'felt' },
];
const felt = (name: string) => ({ name, type: 'felt' });
const ORDER_FIELDS = ['timestamp', 'market', 'side', 'orderType', 'size', 'price'].map(felt);

/** Testnet system config with the class hashes of the derivation vectors. */
export const SYSTEM_CONFIG = {
  starknet_chain_id: CHAIN_ID,
  l1_chain_id: '11155111',
  paraclear_address: '0x286003f7c7bfc3f94e8f0af48b48302e7aee2fb13c23b141479ba00832ef2c6',
  paraclear_decimals: 8,
  paraclear_account_proxy_hash: '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9',
  paraclear_account_hash: '0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e',
  liquidation_fee: '0.2',
};

function toChain(dec: string): string {
  const [whole = '0', frac = ''] = dec.split('.');
  return BigInt(whole + frac.padEnd(8, '0').slice(0, 8)).toString();
}

function verify(messageHash: string, signatureText: string, publicKey: string): boolean {
  try {
    const [r, s] = (JSON.parse(signatureText) as string[]).map((x) => BigInt(x));
    const sig = new ec.starkCurve.Signature(r as bigint, s as bigint);
    const x = BigInt(publicKey).toString(16).padStart(64, '0');
    return ['02', '03'].some((p) => ec.starkCurve.verify(sig, messageHash, p + x));
  } catch {
    return false;
  }
}

function accountAddressOf(publicKey: string): string {
  const calldata = [SYSTEM_CONFIG.paraclear_account_hash, hash.getSelectorFromName('initialize'), '2', publicKey, '0'];
  return hash.calculateContractAddressFromHash(publicKey, SYSTEM_CONFIG.paraclear_account_proxy_hash, calldata, 0);
}

export interface WireOrder extends Record<string, unknown> {
  id: string;
  account: string;
  market: string;
  side: string;
  type: string;
  size: string;
  remaining_size: string;
  price: string;
  status: string;
  client_id: string;
  cancel_reason: string;
  created_at: number;
  last_updated_at: number;
}

export interface Fault {
  /** Path prefix and method to match, e.g. "POST /v1/orders". */
  match: string;
  /** Answer with this status and body instead of handling the request... */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** ...or handle it, then hold the response this long (a timeout after the venue acted). */
  delayAfterMs?: number;
  times?: number;
}

export interface TestServer {
  readonly url: string;
  readonly orders: Map<string, WireOrder>;
  readonly accounts: Map<string, { publicKeys: Set<string>; ethAccount: string }>;
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  readonly faults: Fault[];
  /** Tokens issued; tests may expire them. */
  readonly tokens: Map<string, { account: string; exp: number }>;
  now: () => number;
  fill(orderId: string, size: string, price: string): void;
  close(): Promise<void>;
}

function jwt(account: string, iat: number, exp: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'ES384', typ: 'JWT' })}.${part({ typ: 'at+JWT', exp, iat, iss: 'test server', sub: account })}.c2ln`;
}

export async function startParadexTestServer(): Promise<TestServer> {
  const orders = new Map<string, WireOrder>();
  const accounts = new Map<string, { publicKeys: Set<string>; ethAccount: string }>();
  const tokens = new Map<string, { account: string; exp: number }>();
  const fills: Record<string, unknown>[] = [];
  const requests: TestServer['requests'] = [];
  const faults: Fault[] = [];
  let seq = 0;
  const state: { now: () => number } = { now: () => Date.now() };

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  function authAccount(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const t = token === undefined ? undefined : tokens.get(token);
    if (!t || t.exp * 1000 <= state.now()) return undefined;
    return t.account;
  }

  function verifyOrder(account: string, body: Record<string, string>, modify: boolean): boolean {
    const primaryType = modify ? 'ModifyOrder' : 'Order';
    const message: Record<string, string> = {
      timestamp: String(body.signature_timestamp),
      market: body.market ?? '',
      side: body.side === 'BUY' ? '1' : '2',
      orderType: body.type ?? '',
      size: toChain(body.size ?? '0'),
      price: (body.type ?? '').includes('MARKET') ? '0' : toChain(body.price ?? '0'),
    };
    if (modify) message.id = String(body.id);
    const fields = modify ? [...ORDER_FIELDS, felt('id')] : ORDER_FIELDS;
    const h = typedData.getMessageHash({ domain: DOMAIN, primaryType, types: { StarkNetDomain: DOMAIN_TYPE, [primaryType]: fields }, message }, account);
    const keys = accounts.get(BigInt(account).toString(16))?.publicKeys ?? new Set<string>();
    return [...keys].some((k) => verify(h, body.signature ?? '', k));
  }

  function createOrder(account: string, body: Record<string, string>): { status: number; body: unknown } {
    if (!verifyOrder(account, body, false)) return { status: 400, body: { error: 'INVALID_ORDER_SIGNATURE', message: 'invalid signature' } };
    if (body.client_id) {
      for (const o of orders.values()) {
        if (o.account === account && o.client_id === body.client_id && o.status !== 'CLOSED') {
          return { status: 400, body: { error: 'DUPLICATED_CLIENT_ID', message: 'duplicated client id' } };
        }
      }
    }
    const now = state.now();
    seq += 1;
    const order: WireOrder = {
      id: `${now}2017${String(seq).padStart(8, '0')}`,
      account,
      market: body.market ?? '',
      side: body.side ?? '',
      type: body.type ?? '',
      size: body.size ?? '',
      remaining_size: body.size ?? '',
      price: body.price ?? '0',
      status: 'NEW',
      client_id: body.client_id ?? '',
      cancel_reason: '',
      instruction: body.instruction ?? 'GTC',
      flags: (body.flags as unknown as string[] | undefined) ?? [],
      trigger_price: body.trigger_price ?? '0',
      avg_fill_price: '',
      stp: body.stp ?? 'EXPIRE_TAKER',
      timestamp: Number(body.signature_timestamp),
      seq_no: seq,
      created_at: now,
      last_updated_at: now,
      received_at: now,
      published_at: now,
    };
    orders.set(order.id, order);
    // The venue answers 201 NEW and rests the order right after its risk check.
    queueMicrotask(() => {
      if (order.status === 'NEW') order.status = 'OPEN';
    });
    return { status: 201, body: { ...order } };
  }

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      requests.push({ method: req.method ?? 'GET', path: path + url.search, headers: req.headers, body });
      const key = `${req.method} ${path}`;
      const fault = faults.find((f) => key.startsWith(f.match) && (f.times ?? 1) > 0);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.status !== undefined) return send(res, fault.status, fault.body ?? '', fault.headers);
      }
      const respond = (status: number, payload?: unknown) => {
        if (fault?.delayAfterMs) setTimeout(() => send(res, status, payload), fault.delayAfterMs);
        else send(res, status, payload);
      };
      try {
        route(req, url, body, respond);
      } catch (e) {
        send(res, 500, { error: 'INTERNAL_ERROR', message: String(e) });
      }
    });
  });

  function route(req: IncomingMessage, url: URL, body: string, respond: (status: number, payload?: unknown) => void): void {
    const p = url.pathname.replace(/^\/v1/, '');
    const q = url.searchParams;
    const m = req.method ?? 'GET';
    const json = () => (body === '' ? {} : (JSON.parse(body) as Record<string, string>));
    if (m === 'GET' && p === '/system/config') return respond(200, SYSTEM_CONFIG);
    if (m === 'GET' && p === '/system/time') return respond(200, { server_time: String(state.now()) });
    if (m === 'GET' && p === '/system/state') return respond(200, { status: 'ok' });
    if (m === 'GET' && p === '/markets') return respond(200, fixture('http_get_markets.json'));
    if (m === 'GET' && p === '/markets/summary') {
      return respond(200, (fixture('http_get_markets_summary.json') as { response: unknown }[])[0]?.response);
    }
    if (m === 'GET' && p.startsWith('/orderbook/')) return respond(200, fixture('http_get_orderbook_market.json'));
    if (m === 'GET' && p.startsWith('/bbo/')) return respond(200, fixture('example_http_get_bbo_market.json'));
    if (m === 'GET' && p === '/trades') return respond(200, fixture('http_get_trades.json'));
    if (m === 'POST' && p === '/onboarding') {
      const account = String(req.headers['paradex-starknet-account'] ?? '');
      const publicKey = (json() as { public_key?: string }).public_key ?? '';
      if (BigInt(accountAddressOf(publicKey)) !== BigInt(account)) return respond(400, { error: 'INVALID_STARKNET_ADDRESS', message: 'address mismatch' });
      const h = typedData.getMessageHash(
        { domain: DOMAIN, primaryType: 'Constant', types: { StarkNetDomain: DOMAIN_TYPE, Constant: [felt('action')] }, message: { action: 'Onboarding' } },
        account,
      );
      if (!verify(h, String(req.headers['paradex-starknet-signature'] ?? ''), publicKey)) {
        return respond(400, { error: 'INVALID_STARKNET_SIGNATURE', message: 'invalid signature' });
      }
      accounts.set(BigInt(account).toString(16), { publicKeys: new Set([publicKey]), ethAccount: String(req.headers['paradex-ethereum-account']) });
      return respond(200);
    }
    if (m === 'POST' && (p === '/auth' || p.startsWith('/auth/'))) {
      const account = String(req.headers['paradex-starknet-account'] ?? '');
      const ts = Number(req.headers['paradex-timestamp']);
      const exp = Number(req.headers['paradex-signature-expiration']);
      const registered = accounts.get(BigInt(account || '0').toString(16));
      if (!registered) return respond(400, { error: 'NOT_ONBOARDED', message: 'User has never called /onboarding endpoint' });
      const h = typedData.getMessageHash(
        {
          domain: DOMAIN,
          primaryType: 'Request',
          types: { StarkNetDomain: DOMAIN_TYPE, Request: ['method', 'path', 'body', 'timestamp', 'expiration'].map(felt) },
          message: { method: 'POST', path: '/v1/auth', body: '', timestamp: ts, expiration: exp },
        },
        account,
      );
      const keys = p.startsWith('/auth/') ? [p.slice('/auth/'.length)].filter((k) => [...registered.publicKeys].some((r) => BigInt(r) === BigInt(k))) : [...registered.publicKeys];
      if (!keys.some((k) => verify(h, String(req.headers['paradex-starknet-signature'] ?? ''), k))) {
        return respond(401, { error: 'INVALID_STARKNET_SIGNATURE', message: 'invalid signature' });
      }
      const nowSec = Math.floor(state.now() / 1000);
      if (ts > nowSec + 10 || exp < nowSec) return respond(400, { error: 'INVALID_TIMESTAMP', message: 'timestamp outside window' });
      const token = jwt(account, nowSec, nowSec + 300);
      tokens.set(token, { account, exp: nowSec + 300 });
      return respond(200, { jwt_token: token });
    }
    const account = authAccount(req);
    if (!account) return respond(401, { error: 'UNAUTHORIZED_ERROR', message: 'invalid bearer jwt: token is expired by 1s' });
    const mine = [...orders.values()].filter((o) => o.account === account);
    if (m === 'GET' && p === '/account') return respond(200, { ...(fixture('example_http_get_account.json') as object), account });
    if (m === 'GET' && p === '/balance') return respond(200, fixture('http_get_balance.json'));
    if (m === 'GET' && p === '/positions') return respond(200, (fixture('http_get_positions.json') as { response: unknown }[])[0]?.response);
    if (m === 'GET' && p === '/orders') return respond(200, { results: mine.filter((o) => o.status !== 'CLOSED') });
    if (m === 'GET' && p.startsWith('/orders/by_client_id/')) {
      const o = mine.find((x) => x.client_id === decodeURIComponent(p.split('/')[3] ?? '') && x.status === 'OPEN');
      return o ? respond(200, o) : respond(404, { error: 'CLIENT_ORDER_ID_NOT_FOUND', message: 'not found' });
    }
    if (m === 'GET' && p.startsWith('/orders/')) {
      const o = orders.get(p.split('/')[2] ?? '');
      return o && o.account === account && o.status !== 'CLOSED' ? respond(200, o) : respond(404, { error: 'ORDER_ID_NOT_FOUND', message: 'not found' });
    }
    if (m === 'GET' && p === '/orders-history') {
      const cid = q.get('client_id');
      const all = mine.filter((o) => !cid || o.client_id === cid);
      const start = Number(q.get('cursor') ?? '0');
      const size = Number(q.get('page_size') ?? '100');
      const page = all.slice(start, start + size);
      return respond(200, { next: start + size < all.length ? String(start + size) : null, prev: null, results: page });
    }
    if (m === 'GET' && p === '/fills') {
      const mineFills = fills.filter((f) => f.account === account);
      const start = Number(q.get('cursor') ?? '0');
      const size = Number(q.get('page_size') ?? '100');
      return respond(200, { next: start + size < mineFills.length ? String(start + size) : null, prev: null, results: mineFills.slice(start, start + size) });
    }
    if (m === 'GET' && p === '/funding/payments') return respond(200, fixture('example_http_get_funding_payments.json'));
    if (m === 'POST' && p === '/orders') {
      const r = createOrder(account, json());
      return respond(r.status, r.body);
    }
    if (m === 'POST' && p === '/orders/batch') {
      const list = JSON.parse(body) as Record<string, string>[];
      if (list.length < 1 || list.length > 10) return respond(400, { error: 'BATCH_SIZE_OUT_OF_RANGE', message: 'batch size 1-10' });
      if (!list.every((o) => verifyOrder(account, o, false))) return respond(400, { error: 'INVALID_ORDER_SIGNATURE', message: 'invalid signature' });
      const results = list.map((o) => createOrder(account, o));
      return respond(201, {
        orders: results.filter((r) => r.status === 201).map((r) => r.body),
        errors: results.filter((r) => r.status !== 201).map((r) => r.body),
      });
    }
    if (m === 'PUT' && p.startsWith('/orders/')) {
      const b = json();
      const o = orders.get(p.split('/')[2] ?? '');
      if (!o || o.account !== account) return respond(404, { error: 'ORDER_ID_NOT_FOUND', message: 'not found' });
      if (o.status === 'CLOSED') return respond(400, { error: 'ORDER_IS_CLOSED', message: 'order is closed' });
      if (!verifyOrder(account, b, true)) return respond(400, { error: 'INVALID_ORDER_SIGNATURE', message: 'invalid signature' });
      o.price = b.price ?? o.price;
      o.size = b.size ?? o.size;
      o.remaining_size = b.size ?? o.remaining_size;
      o.last_updated_at = state.now();
      return respond(200, { ...o });
    }
    if (m === 'DELETE' && p === '/orders') {
      for (const o of mine) if (o.status !== 'CLOSED' && (!q.get('market') || o.market === q.get('market'))) closeOrder(o, 'USER_CANCELED');
      return respond(200);
    }
    if (m === 'DELETE' && p.startsWith('/orders/by_client_id/')) {
      const o = mine.find((x) => x.client_id === decodeURIComponent(p.split('/')[3] ?? '') && x.status !== 'CLOSED');
      if (!o) return respond(404, { error: 'CLIENT_ORDER_ID_NOT_FOUND', message: 'not found' });
      closeOrder(o, 'USER_CANCELED');
      return respond(204);
    }
    if (m === 'DELETE' && p.startsWith('/orders/')) {
      const o = orders.get(p.split('/')[2] ?? '');
      if (!o || o.account !== account) return respond(404, { error: 'ORDER_ID_NOT_FOUND', message: 'not found' });
      if (o.status === 'CLOSED') return respond(400, { error: 'ORDER_IS_CLOSED', message: 'order is closed' });
      closeOrder(o, 'USER_CANCELED');
      return respond(204);
    }
    return respond(404, { error: 'NOT_FOUND', message: 'Not Found' });
  }

  function closeOrder(o: WireOrder, reason: string): void {
    o.status = 'CLOSED';
    o.cancel_reason = reason;
    o.last_updated_at = state.now();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    orders,
    accounts,
    requests,
    faults,
    tokens,
    get now() {
      return state.now;
    },
    set now(fn: () => number) {
      state.now = fn;
    },
    fill(orderId: string, size: string, price: string): void {
      const o = orders.get(orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      o.remaining_size = sub(o.remaining_size, size);
      o.avg_fill_price = price;
      if (o.remaining_size === '0') o.status = 'CLOSED';
      fills.push({
        id: `${Date.now()}${fills.length}`,
        account: o.account,
        client_id: o.client_id,
        created_at: state.now(),
        fee: '0',
        fee_currency: 'USDC',
        fill_type: 'FILL',
        flags: [],
        liquidity: 'TAKER',
        market: o.market,
        order_id: o.id,
        price,
        realized_funding: '0',
        realized_pnl: '0',
        remaining_size: o.remaining_size,
        side: o.side,
        size,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
