/**
 * Fidelity of the simulator's Paradex REST answers: every response passes the client's zod schemas
 * (src/exchanges/paradex/rest/schemas, decoded exactly as the client decodes) and has the same
 * field set as the recorded (or documented) fixture of that endpoint in test/fixtures/paradex,
 * recursively. A field the simulator adds or drops makes this fail; the only tolerated extras are
 * fields the OpenAPI defines that the fixture lacks, each listed below with its reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec, hash, shortString, typedData } from 'starknet';
import type { z } from 'zod';
import { ManualClock } from '../../../src/core/clock.js';
import { safeDecodeJson } from '../../../src/exchanges/paradex/rest/decode.js';
import * as s from '../../../src/exchanges/paradex/rest/schemas/index.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/paradex/${name}`, import.meta.url), 'utf8'));
const firstCase = (name: string): unknown => (fixture(name) as { response: unknown }[])[0]?.response;

/** Documented fields a fixture lacks (README: "omitted (no example)", or newer OpenAPI fields). */
const ALLOWED_EXTRA: Record<string, readonly string[]> = {
  '/system/config': ['bridged_tokens', 'paraclear_decimals'],
  '/markets': ['funding_period_hours'],
  '/funding/payments': ['account'],
};

/** Field-set difference, recursively into objects and into the first element of arrays. */
function fieldDrift(actual: unknown, expected: unknown, allowed: readonly string[] = [], path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    if (expected.length === 0 || actual.length === 0) return [];
    return fieldDrift(actual[0], expected[0], allowed, `${path}[0]`);
  }
  if (expected === null || typeof expected !== 'object') return [];
  // null is a value ("none"), not a shape: the venue writes `"data": null` where the example has {}.
  if (actual === null) return [];
  if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object`];
  const have = new Set(Object.keys(actual));
  const want = new Set(Object.keys(expected));
  const drift: string[] = [];
  for (const key of want) if (!have.has(key)) drift.push(`${path}.${key}: missing`);
  for (const key of have) if (!want.has(key) && !allowed.includes(key)) drift.push(`${path}.${key}: not in the fixture`);
  for (const key of want) {
    if (have.has(key)) drift.push(...fieldDrift((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], allowed, `${path}.${key}`));
  }
  return drift;
}

// ---- a signed session with starknet.js (independent of simulator and client) ----
const CHAIN_ID = shortString.encodeShortString('PRIVATE_SN_POTC_SEPOLIA');
const felt = (name: string) => ({ name, type: 'felt' });
const TYPES = { StarkNetDomain: ['name', 'chainId', 'version'].map(felt) };
const PRIVATE_KEY = '0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcd';
const PUBLIC_KEY = ec.starkCurve.getStarkKey(PRIVATE_KEY);
const ADDRESS = hash.calculateContractAddressFromHash(
  PUBLIC_KEY,
  '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9',
  ['0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e', hash.getSelectorFromName('initialize'), '2', PUBLIC_KEY, '0'],
  0,
);
const NOW = 1_750_000_000_000;

function signed(primaryType: string, fields: string[], message: Record<string, unknown>): string {
  const digest = typedData.getMessageHash(
    { domain: { name: 'Paradex', chainId: CHAIN_ID, version: '1' }, primaryType, types: { ...TYPES, [primaryType]: fields.map(felt) }, message } as never,
    ADDRESS,
  );
  const sig = ec.starkCurve.sign(digest, PRIVATE_KEY);
  return JSON.stringify([sig.r.toString(), sig.s.toString()]);
}

const ORDER = ['timestamp', 'market', 'side', 'orderType', 'size', 'price'];
function orderBody(size: string, price: string, side: 'BUY' | 'SELL', type = 'LIMIT', clientId = '') {
  const scaled = (v: string) => BigInt(v.split('.')[0]! + (v.split('.')[1] ?? '').padEnd(8, '0')).toString();
  const message = { timestamp: String(NOW), market: 'BTC-USD-PERP', side: side === 'BUY' ? '1' : '2', orderType: type, size: scaled(size), price: type === 'MARKET' ? '0' : scaled(price) };
  return { market: 'BTC-USD-PERP', side, type, size, price, instruction: 'GTC', client_id: clientId, signature: signed('Order', ORDER, message), signature_timestamp: NOW };
}

let sim: SimulatorHandle;
let token = '';
const texts = new Map<string, { status: number; text: string }>();

async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${sim.httpUrl}${path}`, {
    method,
    headers: { ...headers, ...(token === '' ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 4, clock });
  const onboarding = signed('Constant', ['action'], { action: 'Onboarding' });
  const eth = { 'PARADEX-ETHEREUM-ACCOUNT': '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', 'PARADEX-STARKNET-ACCOUNT': ADDRESS, 'PARADEX-STARKNET-SIGNATURE': onboarding };
  expect((await raw('POST', '/onboarding', { public_key: PUBLIC_KEY }, eth)).status).toBe(200);
  const seconds = Math.floor(NOW / 1000);
  const authSig = signed('Request', ['method', 'path', 'body', 'timestamp', 'expiration'], { method: 'POST', path: '/v1/auth', body: '', timestamp: seconds, expiration: seconds + 300 });
  const auth = await raw('POST', '/auth', undefined, {
    'PARADEX-STARKNET-ACCOUNT': ADDRESS,
    'PARADEX-STARKNET-SIGNATURE': authSig,
    'PARADEX-TIMESTAMP': String(seconds),
    'PARADEX-SIGNATURE-EXPIRATION': String(seconds + 300),
  });
  texts.set('POST /auth', auth);
  token = (JSON.parse(auth.text) as { jwt_token: string }).jwt_token;

  // Some history: a resting order, fills, a position, a funding payment, a modify and a batch.
  const resting = await raw('POST', '/orders', orderBody('0.01', '60000', 'BUY', 'LIMIT', 'fid-rest'));
  texts.set('POST /orders', resting);
  await raw('POST', '/orders', orderBody('0.02', '0', 'BUY', 'MARKET', 'fid-mkt'));
  texts.set('POST /orders/batch', await raw('POST', '/orders/batch', [orderBody('0.01', '59000', 'BUY', 'LIMIT', 'fid-b1'), orderBody('0.01', '81000', 'SELL', 'LIMIT', 'fid-b2')]));
  sim.engine.processPending();
  sim.engine.setFundingRate('BTC-USD-PERP', '0.0001');
  sim.engine.settleFunding('BTC-USD-PERP');
  const id = (JSON.parse(resting.text) as { id: string }).id;
  const modify = { timestamp: String(NOW), market: 'BTC-USD-PERP', side: '1', orderType: 'LIMIT', size: '2000000', price: '6000100000000', id };
  const modifyBody = { id, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.02', price: '60001', signature: signed('ModifyOrder', [...ORDER, 'id'], modify), signature_timestamp: NOW };
  texts.set('PUT /orders/{id}', await raw('PUT', `/orders/${id}`, modifyBody));
  texts.set('error', await raw('POST', '/orders', { ...orderBody('0.01', '60000', 'BUY'), size: '0.03' }));
  texts.set('DELETE /orders/batch', await raw('DELETE', '/orders/batch', { order_ids: [id] }));
});

afterAll(async () => {
  await sim.close();
});

interface Case {
  readonly name: string;
  readonly request: () => Promise<{ status: number; text: string }>;
  readonly schema: z.ZodType;
  /** Fixture to compare fields with; undefined where none was recorded (schema only). */
  readonly expected?: unknown;
  readonly status?: number;
}

const get = (path: string) => () => raw('GET', path);
const saved = (key: string) => () => Promise.resolve(texts.get(key) ?? { status: 0, text: '' });

const CASES: readonly Case[] = [
  { name: '/system/config', request: get('/system/config'), schema: s.systemConfigSchema, expected: fixture('example_http_get_system_config.json') },
  { name: '/system/time', request: get('/system/time'), schema: s.systemTimeSchema, expected: fixture('http_get_system_time.json') },
  { name: '/system/state', request: get('/system/state'), schema: s.systemStateSchema, expected: fixture('http_get_system_state.json') },
  { name: '/markets', request: get('/markets?market=BTC-USD-PERP'), schema: s.marketsSchema, expected: fixture('http_get_markets.json') },
  { name: '/markets/summary', request: get('/markets/summary?market=ALL'), schema: s.marketsSummarySchema, expected: firstCase('http_get_markets_summary.json') },
  { name: '/orderbook/{market}', request: get('/orderbook/BTC-USD-PERP?depth=5'), schema: s.orderBookSchema, expected: fixture('http_get_orderbook_market.json') },
  { name: '/bbo/{market}', request: get('/bbo/BTC-USD-PERP'), schema: s.bboSchema, expected: fixture('example_http_get_bbo_market.json') },
  { name: '/trades', request: get('/trades?market=BTC-USD-PERP&page_size=1'), schema: s.tradesSchema, expected: fixture('http_get_trades.json') },
  {
    name: '/funding/data',
    request: get('/funding/data?market=BTC-USD-PERP'),
    schema: s.fundingDataPageSchema,
    expected: { next: null, prev: null, results: [(fixture('ws_funding_data.json') as { params: { data: unknown } }).params.data] },
  },
  { name: '/onboarding (GET)', request: get(`/onboarding?account_signer_type=starknet&public_key=${PUBLIC_KEY}`), schema: s.onboardingSchema },
  { name: 'POST /auth', request: saved('POST /auth'), schema: s.authSchema, expected: fixture('example_http_post_auth.json') },
  { name: '/account', request: get('/account'), schema: s.accountSummarySchema, expected: fixture('example_http_get_account.json') },
  { name: '/account/info', request: get('/account/info'), schema: s.accountInfoSchema, expected: fixture('example_http_get_account_info.json') },
  { name: '/balance', request: get('/balance'), schema: s.balancesSchema, expected: fixture('http_get_balance.json') },
  { name: '/positions', request: get('/positions'), schema: s.positionsSchema, expected: firstCase('http_get_positions.json') },
  { name: '/orders', request: get('/orders'), schema: s.openOrdersSchema, expected: fixture('example_http_get_orders.json') },
  { name: 'POST /orders', request: saved('POST /orders'), schema: s.orderSchema, expected: fixture('example_http_post_orders.json'), status: 201 },
  { name: 'POST /orders/batch', request: saved('POST /orders/batch'), schema: s.batchCreateSchema, status: 201 },
  { name: 'PUT /orders/{id}', request: saved('PUT /orders/{id}'), schema: s.orderSchema, expected: fixture('example_http_put_orders_order_id.json') },
  { name: '/orders-history', request: get('/orders-history'), schema: s.ordersHistorySchema, expected: fixture('http_get_orders-history.json') },
  { name: '/fills', request: get('/fills'), schema: s.fillsSchema, expected: fixture('example_http_get_fills.json') },
  { name: '/funding/payments', request: get('/funding/payments?market=BTC-USD-PERP'), schema: s.fundingPaymentsSchema, expected: fixture('example_http_get_funding_payments.json') },
  { name: 'error', request: saved('error'), schema: s.errorBodySchema, expected: fixture('example_http_post_orders_400.json'), status: 400 },
  { name: 'DELETE /orders/batch', request: saved('DELETE /orders/batch'), schema: s.batchCancelSchema },
];

describe('Paradex REST fidelity (client schemas + fixture field sets)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { status, text } = await c.request();
      expect(status, text).toBe(c.status ?? 200);
      const decoded = safeDecodeJson(c.schema, text, { exchange: 'paradex', endpoint: c.name });
      expect(decoded.ok, decoded.ok ? '' : decoded.error.message).toBe(true);
      const body = JSON.parse(text) as unknown;
      if (c.expected !== undefined) expect(fieldDrift(body, c.expected, ALLOWED_EXTRA[c.name])).toEqual([]);
      // Every list the endpoint returned has data, so the comparison above reached the items.
      const results = (body as { results?: unknown[] }).results;
      if (Array.isArray(results)) expect(results.length, `${c.name} returned no items`).toBeGreaterThan(0);
    });
  }

  it('the batch answer has the documented shape and order field set', async () => {
    const body = JSON.parse(texts.get('POST /orders/batch')?.text ?? '{}') as { orders: unknown[]; errors: unknown[] };
    const example = fixture('example_http_post_orders_batch.json') as { orders: unknown[] };
    expect(fieldDrift(body.orders, example.orders)).toEqual([]);
    expect(body.errors).toEqual([]);
  });

  it('the drift check itself notices added, missing and nested fields', () => {
    expect(fieldDrift({ a: 1, b: 2 }, { a: 0 })).toEqual(['$.b: not in the fixture']);
    expect(fieldDrift({ a: 1 }, { a: 0, c: 1 })).toEqual(['$.c: missing']);
    expect(fieldDrift({ r: [{ x: 1 }] }, { r: [{ x: 1, y: 2 }] })).toEqual(['$.r[0].y: missing']);
  });
});
