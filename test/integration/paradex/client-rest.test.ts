/**
 * ParadexClient over real sockets against the Paradex-compatible test server (test/support), whose
 * signature checks use starknet.js: an implementation independent of ours.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeError, InvalidOrderError, RateLimitError } from '../../../src/core/errors.js';
import { Secret } from '../../../src/core/secret.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import type { TestServer } from '../../support/paradex-test-server.js';
import { startParadexTestServer } from '../../support/paradex-test-server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const DERIVED_ADDRESS = '0x495b1654d9cea9be1849d91a2985eda5799308082c1507d6ab49e163c7416a7';
const FIXED_STARK_KEY = '0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcd';
const FIXED_PUBLIC_KEY = '0x4838c4ed86f1c9b4fe1aac884ac79431b0243b79d9e24500eb0f6229f4fe72a';
const FIXED_ACCOUNT = '0x7598ed0e02d7195b4d53e0f0ace5444690cdbc371380fd214615af886d3f46c';

let server: TestServer;
let client: ParadexClient;

function newClient(overrides: Partial<ConstructorParameters<typeof ParadexClient>[0]> = {}): ParadexClient {
  return new ParadexClient({
    apiBaseUrl: server.url,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    rateLimitPerSec: 1000,
    timeoutMs: 2_000,
    ...overrides,
  });
}

const writes = () => server.requests.filter((r) => r.method !== 'GET');

beforeEach(async () => {
  server = await startParadexTestServer();
  client = newClient();
  await client.connect();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('ParadexClient over REST', () => {
  it('derives the account, onboards it when the venue says NOT_ONBOARDED, then authenticates', () => {
    expect(BigInt(client.account ?? '0')).toBe(BigInt(DERIVED_ADDRESS));
    const paths = server.requests.map((r) => `${r.method} ${r.path}`);
    const onboarding = paths.indexOf('POST /v1/onboarding');
    expect(onboarding).toBeGreaterThan(0);
    expect(paths.slice(onboarding + 1)).toContain('POST /v1/auth');
    const onboardRequest = server.requests[onboarding];
    expect(onboardRequest?.headers['paradex-ethereum-account']).toBe('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23');
  });

  it('loads markets with exact tick, step and limits', async () => {
    const btc = client.market('BTC-USD-PERP');
    expect(btc).toMatchObject({ tickSize: '0.1', stepSize: '0.001', minNotional: '500', maxOrderSize: '100', positionLimit: '60', kind: 'PERP' });
    expect(() => client.market('NOPE-USD-PERP')).toThrow(InvalidOrderError);
  });

  it('places a signed limit order the venue accepts, quantized to tick and step', async () => {
    const order = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.0105', price: '65000.57', timeInForce: 'post_only' });
    expect(order.status).toBe('new');
    expect(order.size).toBe('0.01');
    expect(order.price).toBe('65000.5');
    expect(order.clientOrderId).toMatch(/^fs-/);
    const sent = JSON.parse(writes().at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({ market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '65000.5', instruction: 'POST_ONLY' });
    expect(sent.signature).toMatch(/^\["\d+","\d+"\]$/);
    expect(server.orders.size).toBe(1);
  });

  it('refuses bad orders before sending anything, naming field, value and rule', async () => {
    const before = writes().length;
    const below = client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.001', price: '65000' });
    await expect(below).rejects.toMatchObject({ name: 'InvalidOrderError', field: expect.any(String), rule: expect.stringMatching(/500/) });
    const noPrice = client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01' });
    await expect(noPrice).rejects.toMatchObject({ field: 'price' });
    const strict = newClient({ precision: 'reject' });
    await strict.connect();
    const offTick = strict.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'limit', size: '0.01', price: '65000.55' });
    await expect(offTick).rejects.toMatchObject({ field: 'price', value: '65000.55', rule: expect.stringContaining('0.1') });
    await strict.close();
    expect(writes().length - before).toBe(1); // only strict's POST /auth, no order
  });

  it('signs market orders with price 0 and checks min notional at the mark price', async () => {
    const order = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'market', size: '0.01' });
    expect(order.type).toBe('market');
    expect(server.requests.some((r) => r.path.startsWith('/v1/markets/summary'))).toBe(true);
    await expect(client.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'market', size: '0.001' })).rejects.toBeInstanceOf(InvalidOrderError);
  });

  it('places stop-limit and whole-position take-profit orders', async () => {
    const stop = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'stop_limit', size: '0.01', price: '60000', triggerPrice: '60500' });
    expect(stop.triggerPrice).toBe('60500');
    const tp = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'take_profit_market', size: '0', triggerPrice: '70000', closePosition: true });
    expect(tp.type).toBe('take_profit_market');
    const sent = JSON.parse(writes().at(-1)?.body ?? '{}') as { size: string; flags: string[] };
    expect(sent.size).toBe('0');
    expect(sent.flags).toContain('REDUCE_ONLY');
  });

  it('sends batches and lines results up with requests, local failures included', async () => {
    const results = await client.placeOrders([
      { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'batch-a' },
      { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.00001', price: '60000', clientOrderId: 'batch-b' },
      { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.02', price: '60001', clientOrderId: 'batch-c' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[0]?.ok && results[0].value.clientOrderId).toBe('batch-a');
    expect(results[2]?.ok && results[2].value.clientOrderId).toBe('batch-c');
    expect(!results[1]?.ok && results[1]?.error).toBeInstanceOf(InvalidOrderError);
    expect(server.orders.size).toBe(2);
  });

  it('modifies an order with a ModifyOrder signature the venue verifies', async () => {
    const order = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    await new Promise((r) => setTimeout(r, 5));
    const modified = await client.amendOrder({ id: order.id }, { price: '60010.04', size: '0.02' });
    expect(modified.price).toBe('60010');
    expect(modified.size).toBe('0.02');
    expect(server.orders.get(order.id)?.price).toBe('60010');
  });

  it('cancels by id, by client id and all, and finds closed orders in the history', async () => {
    const a = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    const b = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'mine-1' });
    await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    await client.cancelOrder({ id: a.id });
    await client.cancelOrder({ clientOrderId: 'mine-1', market: 'BTC-USD-PERP' });
    expect(server.orders.get(a.id)?.status).toBe('CLOSED');
    expect(server.orders.get(b.id)?.status).toBe('CLOSED');
    expect(await client.getOpenOrders()).toHaveLength(1);
    await client.cancelAllOrders('BTC-USD-PERP');
    expect(await client.getOpenOrders()).toHaveLength(0);
    const closed = await client.getOrder({ id: a.id });
    expect(closed?.status).toBe('canceled');
    expect(await client.getOrder({ clientOrderId: 'never-sent' })).toBeUndefined();
  });

  it('follows history cursors across pages', async () => {
    const order = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '50', price: '60000' });
    for (let i = 0; i < 230; i++) server.fill(order.id, '0.001', '60000');
    const fills = await client.getFills({ market: 'BTC-USD-PERP' });
    expect(fills).toHaveLength(230);
    expect(new Set(fills.map((f) => f.id)).size).toBe(230);
    expect(server.requests.filter((r) => r.path.startsWith('/v1/fills')).length).toBeGreaterThanOrEqual(3);
    expect(await client.getFills({ limit: 5 })).toHaveLength(5);
  });

  it('refreshes an expired token once and retries the call', async () => {
    for (const t of server.tokens.values()) t.exp = Math.floor(Date.now() / 1000) - 1;
    const auths = server.requests.filter((r) => r.path === '/v1/auth').length;
    const balances = await client.getBalances();
    expect(balances.length).toBeGreaterThan(0);
    expect(server.requests.filter((r) => r.path === '/v1/auth').length).toBe(auths + 1);
  });

  it('turns a 429 into a RateLimitError with the venue retry time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3;
    server.faults.push({ match: 'GET /v1/positions', status: 429, body: '{"error":"RATE_LIMIT","message":"Rate limit exceeded"}', headers: { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-window': '1' } });
    const error = await client.getPositions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(1000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(4000);
  });

  it('resolves a submit that timed out after the venue acted: exactly one order, returned', async () => {
    const slow = newClient({ timeoutMs: 300 });
    await slow.connect();
    server.faults.push({ match: 'POST /v1/orders', delayAfterMs: 1_000 });
    const order = await slow.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'timeout-1' });
    expect(order.clientOrderId).toBe('timeout-1');
    expect([...server.orders.values()].filter((o) => o.client_id === 'timeout-1')).toHaveLength(1);
    await slow.close();
  });

  it('reports outcome unknown (never a plain failure) when a 502 page hides what happened', async () => {
    server.faults.push({ match: 'POST /v1/orders', status: 502, body: '<html><body>502 Bad Gateway</body></html>' });
    const error = await client.placeOrder({ market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '60000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).outcome).toBe('unknown');
    expect(server.orders.size).toBe(0);
  });

  it('authenticates a subkey at /auth/{public_key} without an Ethereum key', async () => {
    server.accounts.set(BigInt(FIXED_ACCOUNT).toString(16), { publicKeys: new Set([FIXED_PUBLIC_KEY]), ethAccount: '' });
    const sub = newClient({ credentials: { kind: 'starknet', l2Address: FIXED_ACCOUNT, starkPrivateKey: new Secret(FIXED_STARK_KEY.slice(2)) } });
    await sub.connect();
    expect(server.requests.some((r) => r.path.toLowerCase() === `/v1/auth/${FIXED_PUBLIC_KEY}`)).toBe(true);
    const order = await sub.placeOrder({ market: 'BTC-USD-PERP', side: 'sell', type: 'limit', size: '0.01', price: '70000' });
    expect(server.orders.get(order.id)?.account).toBe(FIXED_ACCOUNT);
    await sub.close();
  });

  it('never shows a key or token when printed', () => {
    const printed = inspect(client, { depth: 6 }) + JSON.stringify({ c: String(client) });
    expect(printed).not.toContain(ETH_KEY.slice(2, 18));
    for (const token of server.tokens.keys()) expect(printed).not.toContain(token.slice(0, 30));
  });
});
