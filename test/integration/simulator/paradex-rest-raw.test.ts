/**
 * The simulator's Paradex REST dialect over raw HTTP, signed with starknet.js (an implementation
 * independent of both the simulator and the project's client): exact paths, status codes, bodies
 * and error codes for onboarding, auth (main key and subkeys), orders (both y parities, receive
 * window, min notional), modify, cancels, batches, rate limits and unknown routes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ec, hash, shortString, typedData } from 'starknet';
import { ManualClock } from '../../../src/core/clock.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const CHAIN_ID = shortString.encodeShortString('PRIVATE_SN_POTC_SEPOLIA');
const DOMAIN = { name: 'Paradex', chainId: CHAIN_ID, version: '1' };
const felt = (name: string) => ({ name, type: 'felt' });
const DOMAIN_TYPE = ['name', 'chainId', 'version'].map(felt);
const ORDER_FIELDS = ['timestamp', 'market', 'side', 'orderType', 'size', 'price'].map(felt);
const CURVE_ORDER = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
const PROXY_HASH = '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9';
const ACCOUNT_HASH = '0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e';
const ETH = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
const NOW = 1_750_000_000_000;

interface Keys {
  readonly privateKey: string;
  readonly publicKey: string;
  readonly address: string;
}

function keysOf(privateKey: bigint): Keys {
  const hex = `0x${privateKey.toString(16)}`;
  const publicKey = ec.starkCurve.getStarkKey(hex);
  const calldata = [ACCOUNT_HASH, hash.getSelectorFromName('initialize'), '2', publicKey, '0'];
  return { privateKey: hex, publicKey, address: hash.calculateContractAddressFromHash(publicKey, PROXY_HASH, calldata, 0) };
}

const MAIN = keysOf(0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdn);
const SUBKEY = keysOf(0xfeedbeefn);

function sign(messageHash: string, privateKey: string): string {
  const signature = ec.starkCurve.sign(messageHash, privateKey);
  return JSON.stringify([signature.r.toString(), signature.s.toString()]);
}

function messageHash(primaryType: string, fields: { name: string; type: string }[], message: Record<string, unknown>, account: string): string {
  return typedData.getMessageHash({ domain: DOMAIN, primaryType, types: { StarkNetDomain: DOMAIN_TYPE, [primaryType]: fields }, message } as never, account);
}

const toChain = (dec: string): string => {
  const [whole = '0', frac = ''] = dec.split('.');
  return BigInt(whole + frac.padEnd(8, '0')).toString();
};

interface OrderInput {
  market?: string;
  side?: 'BUY' | 'SELL';
  type?: string;
  size?: string;
  price?: string;
  [extra: string]: unknown;
}

function signedOrder(input: OrderInput, timestampMs: number, keys: Keys = MAIN, signer = keys.privateKey): Record<string, unknown> {
  const body = { market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '60000', instruction: 'GTC', ...input };
  const price = body.type.includes('MARKET') ? '0' : toChain(body.price);
  const message = { timestamp: String(timestampMs), market: body.market, side: body.side === 'BUY' ? '1' : '2', orderType: body.type, size: toChain(body.size), price };
  return { ...body, signature: sign(messageHash('Order', ORDER_FIELDS, message, keys.address), signer), signature_timestamp: timestampMs };
}

let clock: ManualClock;
let sim: SimulatorHandle;
let base: string;

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; token?: string } = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

function onboardingHeaders(keys: Keys, signer = keys.privateKey, address = keys.address): Record<string, string> {
  const h = messageHash('Constant', [felt('action')], { action: 'Onboarding' }, address);
  return { 'PARADEX-ETHEREUM-ACCOUNT': ETH, 'PARADEX-STARKNET-ACCOUNT': address, 'PARADEX-STARKNET-SIGNATURE': sign(h, signer) };
}

function authHeaders(keys: Keys, timestampSec: number, expirationSec: number, signer = keys.privateKey): Record<string, string> {
  const fields = ['method', 'path', 'body', 'timestamp', 'expiration'].map(felt);
  const h = messageHash('Request', fields, { method: 'POST', path: '/v1/auth', body: '', timestamp: timestampSec, expiration: expirationSec }, keys.address);
  return {
    'PARADEX-STARKNET-ACCOUNT': keys.address,
    'PARADEX-STARKNET-SIGNATURE': sign(h, signer),
    'PARADEX-TIMESTAMP': String(timestampSec),
    'PARADEX-SIGNATURE-EXPIRATION': String(expirationSec),
  };
}

async function onboardAndAuth(): Promise<string> {
  expect((await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN), body: { public_key: MAIN.publicKey } })).status).toBe(200);
  const seconds = Math.floor(clock.now() / 1000);
  const auth = await call('POST', '/auth', { headers: authHeaders(MAIN, seconds, seconds + 180) });
  expect(auth.status).toBe(200);
  return auth.json?.jwt_token as string;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  sim.engine.processPending();
}

beforeEach(async () => {
  clock = new ManualClock(NOW);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 9, clock, initialBalance: '25000' });
  base = sim.httpUrl;
});

afterEach(async () => {
  await sim.close();
});

describe('public routes', () => {
  it('system config, time and state', async () => {
    const config = await call('GET', '/system/config');
    expect(config.json).toMatchObject({ starknet_chain_id: 'PRIVATE_SN_POTC_SEPOLIA', paraclear_account_proxy_hash: PROXY_HASH, paraclear_account_hash: ACCOUNT_HASH });
    expect((await call('GET', '/system/time')).json).toEqual({ server_time: String(NOW) });
    expect((await call('GET', '/system/state')).json).toEqual({ status: 'ok' });
    expect(config.headers.get('x-ratelimit-limit')).toBe('1500');
  });

  it('unknown routes, markets and methods answer like the venue', async () => {
    expect(await call('GET', '/nope')).toMatchObject({ status: 404, json: { error: 'NOT_FOUND' } });
    expect((await fetch(`${base.replace('/v1', '')}/other`)).status).toBe(404);
    expect(await call('PATCH', '/markets')).toMatchObject({ status: 405 });
    expect(await call('GET', '/markets?market=NOPE-USD-PERP')).toMatchObject({ status: 404, json: { error: 'MARKET_NOT_FOUND' } });
    expect(await call('GET', '/bbo/NOPE-USD-PERP')).toMatchObject({ status: 400, json: { error: 'MARKET_NOT_FOUND' } });
    expect(await call('GET', '/markets/summary')).toMatchObject({ status: 400, json: { error: 'VALIDATION_ERROR' } });
    expect(await call('GET', '/orderbook/BTC-USD-PERP?depth=0')).toMatchObject({ status: 400, json: { error: 'INVALID_REQUEST_PARAMETER' } });
  });

  it('GET /onboarding tells the address a key derives to', async () => {
    const answer = await call('GET', `/onboarding?account_signer_type=starknet&public_key=${MAIN.publicKey}`);
    expect(answer.json).toMatchObject({ account_signer_type: 'starknet', exists: false, derivation_info: { class_hash: ACCOUNT_HASH, proxy_class_hash: PROXY_HASH } });
    expect(BigInt(answer.json?.address as string)).toBe(BigInt(MAIN.address));
  });
});

describe('onboarding and auth', () => {
  it('onboards only the address derived from public_key, signed by that key; idempotent; faucet balance', async () => {
    const wrongAddress = await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN, MAIN.privateKey, SUBKEY.address), body: { public_key: MAIN.publicKey } });
    expect(wrongAddress).toMatchObject({ status: 400, json: { error: 'INVALID_STARKNET_ADDRESS' } });
    const wrongSigner = await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN, SUBKEY.privateKey), body: { public_key: MAIN.publicKey } });
    expect(wrongSigner).toMatchObject({ status: 400, json: { error: 'INVALID_STARKNET_SIGNATURE' } });
    expect(await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN), body: {} })).toMatchObject({ status: 400, json: { error: 'PUBLIC_KEY_INVALID' } });
    const ok = await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN), body: { public_key: MAIN.publicKey } });
    expect(ok).toMatchObject({ status: 200, text: '' });
    expect((await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN), body: { public_key: MAIN.publicKey } })).status).toBe(200);
    expect(sim.engine.accountSummary(`0x${BigInt(MAIN.address).toString(16)}`).collateral).toBe('25000');
    expect((await call('GET', `/onboarding?account_signer_type=starknet&public_key=${MAIN.publicKey}`)).json?.exists).toBe(true);
  });

  it('auth: NOT_ONBOARDED, bad signature, stale or too long expiration, then a 5-minute JWT', async () => {
    const seconds = Math.floor(NOW / 1000);
    expect(await call('POST', '/auth', { headers: authHeaders(MAIN, seconds, seconds + 180) })).toMatchObject({ status: 400, json: { error: 'NOT_ONBOARDED' } });
    await call('POST', '/onboarding', { headers: onboardingHeaders(MAIN), body: { public_key: MAIN.publicKey } });
    expect(await call('POST', '/auth', { headers: authHeaders(MAIN, seconds, seconds + 180, SUBKEY.privateKey) })).toMatchObject({
      status: 401,
      json: { error: 'INVALID_STARKNET_SIGNATURE' },
    });
    expect(await call('POST', '/auth', { headers: authHeaders(MAIN, seconds - 600, seconds - 300) })).toMatchObject({ status: 401, json: { error: 'INVALID_TIMESTAMP' } });
    expect(await call('POST', '/auth', { headers: authHeaders(MAIN, seconds, seconds + 8 * 86400) })).toMatchObject({ status: 401, json: { error: 'INVALID_TIMESTAMP' } });
    const ok = await call('POST', '/auth', { headers: authHeaders(MAIN, seconds, seconds + 86400) });
    expect(ok.status).toBe(200);
    const claims = JSON.parse(Buffer.from((ok.json?.jwt_token as string).split('.')[1] ?? '', 'base64url').toString()) as Record<string, number | string>;
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    expect(BigInt(claims.sub as string)).toBe(BigInt(MAIN.address));
  });

  it('subkeys: registered with the JWT, then /auth/{public_key} signed by the subkey', async () => {
    const token = await onboardAndAuth();
    const seconds = Math.floor(NOW / 1000);
    const subAuth = () => call('POST', `/auth/${SUBKEY.publicKey}`, { headers: { ...authHeaders(MAIN, seconds, seconds + 60, SUBKEY.privateKey) } });
    expect(await subAuth()).toMatchObject({ status: 401, json: { error: 'INVALID_SUBKEY' } });
    expect((await call('POST', '/account/keys/subkeys', { token, body: { name: 'bot', public_key: SUBKEY.publicKey } })).status).toBe(201);
    expect((await call('GET', '/account/keys/subkeys', { token })).json?.results).toEqual([expect.objectContaining({ name: 'bot', public_key: SUBKEY.publicKey })]);
    const sub = await subAuth();
    expect(sub.status).toBe(200);
    // Orders signed by the subkey over the main account verify too.
    const order = signedOrder({}, NOW, MAIN, SUBKEY.privateKey);
    expect((await call('POST', '/orders', { token: sub.json?.jwt_token as string, body: order })).status).toBe(201);
    // The main key still works on the subkey path form.
    expect((await call('POST', `/auth/${MAIN.publicKey}`, { headers: authHeaders(MAIN, seconds, seconds + 60) })).status).toBe(200);
  });

  it('private routes: missing, forged and expired tokens answer 401', async () => {
    const token = await onboardAndAuth();
    expect(await call('GET', '/account')).toMatchObject({ status: 401, json: { error: 'UNAUTHORIZED_ERROR', message: 'missing or malformed jwt' } });
    expect(await call('GET', '/account', { token: `${token}x` })).toMatchObject({ status: 401, json: { error: 'INVALID_TOKEN' } });
    expect((await call('GET', '/account', { token })).status).toBe(200);
    clock.advance(301_000);
    const expired = await call('GET', '/account', { token });
    expect(expired.status).toBe(401);
    expect(expired.json?.message).toMatch(/^invalid bearer jwt: token is expired by 1(\.\d+)?s$/);
  });
});

describe('orders', () => {
  let token: string;
  beforeEach(async () => {
    token = await onboardAndAuth();
  });

  it('create answers 201 NEW with the order object, then the risk check opens it', async () => {
    const created = await call('POST', '/orders', { token, body: signedOrder({ client_id: 'raw-1' }, NOW) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'NEW', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '60000', client_id: 'raw-1', timestamp: NOW });
    expect(created.json?.id).toMatch(/^\d{28}$/);
    await settle();
    expect((await call('GET', `/orders/${created.json?.id as string}`, { token })).json).toMatchObject({ status: 'OPEN' });
    expect((await call('GET', '/orders/by_client_id/raw-1', { token })).json).toMatchObject({ id: created.json?.id });
  });

  it('accepts a signature made with the key of the other y parity', async () => {
    const negated = `0x${(CURVE_ORDER - BigInt(MAIN.privateKey)).toString(16)}`;
    expect(ec.starkCurve.getStarkKey(negated)).toBe(MAIN.publicKey);
    expect((await call('POST', '/orders', { token, body: signedOrder({}, NOW, MAIN, negated) })).status).toBe(201);
  });

  it('refuses a bad signature, a stale receive window and malformed bodies', async () => {
    const tampered = { ...signedOrder({}, NOW), size: '0.02' };
    expect(await call('POST', '/orders', { token, body: tampered })).toMatchObject({ status: 400, json: { error: 'INVALID_ORDER_SIGNATURE' } });
    expect(await call('POST', '/orders', { token, body: signedOrder({}, NOW - 300_001) })).toMatchObject({ status: 400, json: { error: 'INVALID_TIMESTAMP' } });
    expect(await call('POST', '/orders', { token, body: signedOrder({ recv_window: 1000 }, NOW - 1001) })).toMatchObject({ status: 400, json: { error: 'INVALID_TIMESTAMP' } });
    expect((await call('POST', '/orders', { token, body: signedOrder({ recv_window: 1000 }, NOW - 1000) })).status).toBe(201);
    const notJson = await fetch(`${base}/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await call('POST', '/orders', { token, body: signedOrder({ market: 'NOPE-USD-PERP' }, NOW) })).toMatchObject({ status: 400, json: { error: 'MARKET_NOT_FOUND' } });
    expect(await call('POST', '/orders', { token, body: signedOrder({ size: '0.0105' }, NOW) })).toMatchObject({ status: 400, json: { error: 'INVALID_ORDER_SIZE' } });
    expect(sim.engine.openOrders(`0x${BigInt(MAIN.address).toString(16)}`)).toHaveLength(1);
  });

  it('below min notional and insufficient margin: 201 NEW, then CLOSED with the cancel_reason', async () => {
    const small = await call('POST', '/orders', { token, body: signedOrder({ size: '0.001', client_id: 'small' }, NOW) });
    const big = await call('POST', '/orders', { token, body: signedOrder({ size: '10', client_id: 'big' }, NOW) });
    expect([small.status, big.status]).toEqual([201, 201]);
    await settle();
    const history = (await call('GET', '/orders-history?status=CLOSED', { token })).json?.results as Record<string, unknown>[];
    expect(history.find((o) => o.client_id === 'small')).toMatchObject({ status: 'CLOSED', cancel_reason: 'ORDER_SIZE_BELOW_MIN' });
    expect(history.find((o) => o.client_id === 'big')).toMatchObject({ status: 'CLOSED', cancel_reason: 'NOT_ENOUGH_MARGIN' });
    expect(await call('GET', `/orders/${small.json?.id as string}`, { token })).toMatchObject({ status: 400, json: { error: 'ORDER_ID_NOT_FOUND' } });
  });

  it('modify keeps the id and needs a ModifyOrder signature over the new values', async () => {
    const created = await call('POST', '/orders', { token, body: signedOrder({}, NOW) });
    await settle();
    const id = created.json?.id as string;
    const fields = [...ORDER_FIELDS, felt('id')];
    const message = { timestamp: String(NOW), market: 'BTC-USD-PERP', side: '1', orderType: 'LIMIT', size: toChain('0.02'), price: toChain('60100'), id };
    const body = { id, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.02', price: '60100', signature_timestamp: NOW };
    const good = sign(messageHash('ModifyOrder', fields, message, MAIN.address), MAIN.privateKey);
    const orderSig = signedOrder({ size: '0.02', price: '60100' }, NOW).signature as string;
    expect(await call('PUT', `/orders/${id}`, { token, body: { ...body, signature: orderSig } })).toMatchObject({ status: 400, json: { error: 'INVALID_ORDER_SIGNATURE' } });
    const modified = await call('PUT', `/orders/${id}`, { token, body: { ...body, signature: good } });
    expect(modified).toMatchObject({ status: 200, json: { id, size: '0.02', price: '60100', status: 'OPEN' } });
    const wrongSide = { ...body, side: 'SELL', signature: sign(messageHash('ModifyOrder', fields, { ...message, side: '2' }, MAIN.address), MAIN.privateKey) };
    expect(await call('PUT', `/orders/${id}`, { token, body: wrongSide })).toMatchObject({ status: 400, json: { error: 'VALIDATION_ERROR' } });
  });

  it('cancel is queued (204, no body), closed orders answer ORDER_IS_CLOSED, unknown ids ORDER_ID_NOT_FOUND', async () => {
    const created = await call('POST', '/orders', { token, body: signedOrder({}, NOW) });
    await settle();
    const id = created.json?.id as string;
    const cancel = await call('DELETE', `/orders/${id}`, { token });
    expect(cancel).toMatchObject({ status: 204, text: '' });
    await settle();
    expect(await call('DELETE', `/orders/${id}`, { token })).toMatchObject({ status: 400, json: { error: 'ORDER_IS_CLOSED' } });
    expect(await call('DELETE', '/orders/1000000000000000000000099999', { token })).toMatchObject({ status: 400, json: { error: 'ORDER_ID_NOT_FOUND' } });
    expect(await call('DELETE', '/orders/by_client_id/nobody', { token })).toMatchObject({ status: 400, json: { error: 'CLIENT_ORDER_ID_NOT_FOUND' } });
    const history = (await call('GET', '/orders-history', { token })).json?.results as Record<string, unknown>[];
    expect(history[0]).toMatchObject({ id, status: 'CLOSED', cancel_reason: 'USER_CANCELED' });
  });

  it('batch create: 1..10 orders, a bad signature rejects the whole batch; batch cancel reports per order', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => signedOrder({ client_id: `b${i}` }, NOW));
    expect(await call('POST', '/orders/batch', { token, body: eleven })).toMatchObject({ status: 400, json: { error: 'BATCH_SIZE_OUT_OF_RANGE' } });
    const withBad = [signedOrder({ client_id: 'x1' }, NOW), { ...signedOrder({ client_id: 'x2' }, NOW), price: '1' }];
    expect(await call('POST', '/orders/batch', { token, body: withBad })).toMatchObject({ status: 400, json: { error: 'INVALID_ORDER_SIGNATURE' } });
    expect(sim.engine.orderHistory(`0x${BigInt(MAIN.address).toString(16)}`)).toHaveLength(0);
    const batch = await call('POST', '/orders/batch', { token, body: [signedOrder({ client_id: 'y1' }, NOW), signedOrder({ client_id: 'y2', price: '59000' }, NOW)] });
    expect(batch.status).toBe(201);
    expect(batch.json).toMatchObject({ errors: [], orders: [{ client_id: 'y1', status: 'NEW' }, { client_id: 'y2', status: 'NEW' }] });
    await settle();
    const ids = (batch.json?.orders as { id: string }[]).map((o) => o.id);
    await call('DELETE', `/orders/${ids[1] as string}`, { token });
    await settle();
    const cancel = await call('DELETE', '/orders/batch', { token, body: { order_ids: [ids[0], ids[1], '1000000000000000000000099999'], client_order_ids: ['nobody'] } });
    expect(cancel.json?.results).toEqual([
      expect.objectContaining({ id: ids[0], status: 'QUEUED_FOR_CANCELLATION', market: 'BTC-USD-PERP' }),
      expect.objectContaining({ id: ids[1], status: 'ALREADY_CLOSED' }),
      { id: '1000000000000000000000099999', status: 'NOT_FOUND' },
      { client_id: 'nobody', status: 'NOT_FOUND' },
    ]);
  });

  it('the venue budget (120 private reads per second per account) answers 429 with x-ratelimit headers', async () => {
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    let served = 0;
    for (let i = 0; i < 130 && limited === undefined; i++) {
      const answer = await call('GET', '/positions', { token });
      if (answer.status === 429) limited = answer;
      else served++;
    }
    expect(served).toBe(120);
    expect(limited?.headers.get('x-ratelimit-limit')).toBe('120');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited?.headers.get('x-ratelimit-window')).toBe('1');
    expect(limited?.json).toMatchObject({ error: 'RATE_LIMIT_EXCEEDED' });
    clock.advance(1000);
    expect((await call('GET', '/positions', { token })).status).toBe(200);
  });

  it('fault responses use the venue error body', async () => {
    sim.control.failNext({ path: '/v1/markets' }, { kind: 'status', status: 503 });
    expect(await call('GET', '/markets')).toMatchObject({ status: 503, json: { error: 'SERVICE_UNAVAILABLE' } });
    sim.control.rateLimitBurst(1, 1500);
    const limited = await call('GET', '/markets');
    expect(limited).toMatchObject({ status: 429, json: { error: 'RATE_LIMIT_EXCEEDED' } });
    expect(limited.headers.get('retry-after')).toBe('2');
  });
});
