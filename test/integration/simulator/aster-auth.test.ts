/**
 * Aster dialect authentication over real sockets, signed by the test's own code: V3 EIP-712
 * (ethers signTypedData) and V1 HMAC (node:crypto), following shared/protocol/aster.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asterAdmin } from '../../../src/simulator/dialects/aster/index.js';
import { publicGet, startAster, V1Client, V3Client, vectors, walletFor } from '../../unit/simulator/aster/support.js';

let sim: Awaited<ReturnType<typeof startAster>>;
const user = walletFor('auth-user');
const agent = walletFor('auth-agent');
const stranger = walletFor('auth-stranger');
let client: V3Client;

beforeAll(async () => {
  sim = await startAster({ initialBalance: '2500' });
  asterAdmin(sim.engine).approveAgent(user.address, agent.address);
  client = new V3Client(sim.httpUrl, agent, user.address, () => sim.control.now());
});

afterAll(async () => {
  await sim.close();
});

describe('Aster V3 (EIP-712) authentication', () => {
  it('accepts an approved agent, creates the account with initialBalance USDT on first use', async () => {
    expect(sim.engine.hasAccount(user.address.toLowerCase())).toBe(false);
    const balance = await client.request('GET', '/fapi/v3/balance');
    expect(balance.status).toBe(200);
    expect(balance.body[0]).toMatchObject({ asset: 'USDT', balance: '2500.00000000', availableBalance: '2500.00000000' });
    expect(sim.engine.accountSummary(user.address.toLowerCase()).asset).toBe('USDT');
  });

  it('accepts parameters in the query string or the body, auth first (ccxt) or last (docs), with or without user', async () => {
    for (const options of [{ place: 'query' as const }, { authFirst: true }, { includeUser: false }]) {
      const r = await client.request('GET', '/fapi/v3/positionRisk', { symbol: 'BTCUSDT' }, options);
      expect(r.status).toBe(200);
      expect(r.body[0].symbol).toBe('BTCUSDT');
    }
    for (const place of ['query', 'body'] as const) {
      const r = await client.request('POST', '/fapi/v3/leverage', { symbol: 'ETHUSDT', leverage: '10' }, { place, authFirst: place === 'body' });
      expect(r.body).toMatchObject({ symbol: 'ETHUSDT', leverage: 10 });
    }
  });

  it('lets a main wallet sign for itself without approval', async () => {
    const self = new V3Client(sim.httpUrl, stranger, stranger.address, () => sim.control.now());
    const r = await self.request('GET', '/fapi/v3/balance', {}, { includeUser: false });
    expect(r.status).toBe(200);
    expect(sim.engine.hasAccount(stranger.address.toLowerCase())).toBe(true);
  });

  it('refuses a bad signature (-1022) and an unapproved signer (-2015)', async () => {
    const tampered = await client.request('GET', '/fapi/v3/balance', {}, { signText: (wire) => `${wire}&x=1` });
    expect([tampered.status, tampered.body]).toEqual([400, { code: -1022, msg: 'Signature for this request is not valid.' }]);
    const garbage = await client.request('GET', '/fapi/v3/balance', {}, { signature: '0x1234' });
    expect(garbage.body.code).toBe(-1022);
    const wrongChain = await client.request('GET', '/fapi/v3/balance', {}, { chainId: 714 });
    expect(wrongChain.body.code).toBe(-1022);
    const intruder = new V3Client(sim.httpUrl, stranger, user.address, () => sim.control.now());
    const refused = await intruder.request('GET', '/fapi/v3/balance');
    expect([refused.status, refused.body]).toEqual([401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }]);
  });

  it('refuses a reused nonce and nonces outside the window', async () => {
    const nonce = client.nextNonce();
    expect((await client.request('GET', '/fapi/v3/balance', {}, { nonce })).status).toBe(200);
    const again = await client.request('GET', '/fapi/v3/balance', {}, { nonce });
    expect(again.body).toEqual({ code: -4225, msg: 'Nonce Expired' });
    const old = await client.request('GET', '/fapi/v3/balance', {}, { nonce: String((sim.control.now() - 61_000) * 1000) });
    expect(old.body.code).toBe(-4225);
    const ahead = await client.request('GET', '/fapi/v3/balance', {}, { nonce: String((sim.control.now() + 61_000) * 1000) });
    expect(ahead.body.code).toBe(-1021);
    asterAdmin(sim.engine).configure({ nonceWindowMs: 10_000 });
    try {
      const strict = await client.request('GET', '/fapi/v3/balance', {}, { nonce: String((sim.control.now() - 11_000) * 1000) });
      expect(strict.body.code).toBe(-4225);
    } finally {
      asterAdmin(sim.engine).configure({ nonceWindowMs: 60_000 });
    }
  });

  it('does not burn a nonce on a refused signature', async () => {
    const nonce = client.nextNonce();
    expect((await client.request('GET', '/fapi/v3/balance', {}, { nonce, signature: `0x${'11'.repeat(65)}` })).body.code).toBe(-1022);
    expect((await client.request('GET', '/fapi/v3/balance', {}, { nonce })).status).toBe(200);
  });

  it('requires signer, nonce and signature (-1102) and well-formed addresses', async () => {
    const r = await fetch(`${sim.httpUrl}/fapi/v3/balance?nonce=1&user=${user.address}`);
    expect(((await r.json()) as { code: number }).code).toBe(-1102);
    const badSigner = await fetch(`${sim.httpUrl}/fapi/v3/balance?nonce=1&signer=0x12&signature=0x00`);
    expect(await badSigner.json()).toEqual({ code: -1130, msg: "Data sent for parameter 'signer' is not valid." });
  });

  it('verifies the batch encoding pitfall both ways and, with the fallback off, only the wire text', async () => {
    const batch = JSON.stringify([{ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '66000', timeInForce: 'GTC' }]);
    const raw = await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: batch }, { signText: decodeAll });
    expect(raw.status).toBe(200);
    expect(raw.body[0].status).toBe('NEW');
    const encoded = await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: batch });
    expect(encoded.body[0].status).toBe('NEW');
    asterAdmin(sim.engine).configure({ v3DecodedFallback: false });
    try {
      const strict = await client.request('POST', '/fapi/v3/batchOrders', { batchOrders: batch }, { signText: decodeAll });
      expect(strict.body.code).toBe(-1022);
    } finally {
      asterAdmin(sim.engine).configure({ v3DecodedFallback: true });
    }
  });

  it('accepts V3 signing on /fapi/v4/account (ccxt 4.5.84 calls it so)', async () => {
    const r = await client.request('GET', '/fapi/v4/account');
    expect(r.status).toBe(200);
    expect(r.body.totalWalletBalance).toBe('2500.00000000');
  });

  it('signs listenKey calls (USER_STREAM is signed in V3)', async () => {
    const unsigned = await fetch(`${sim.httpUrl}/fapi/v3/listenKey`, { method: 'POST' });
    expect(((await unsigned.json()) as { code: number }).code).toBe(-1102);
    const signed = await client.request('POST', '/fapi/v3/listenKey');
    expect(signed.body.listenKey).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Aster V1 (HMAC) authentication', () => {
  it('accepts a key created for an account, with parameters in the query or the body', async () => {
    const { apiKey, secretKey } = asterAdmin(sim.engine).createApiKey(user.address);
    const v1 = new V1Client(sim.httpUrl, apiKey, secretKey, () => sim.control.now());
    const balance = await v1.signed('GET', '/fapi/v2/balance');
    expect(balance.status).toBe(200);
    // V1 spells updateTime as a number (docs); the V3 recording spells it as a string.
    expect(typeof balance.body[0].updateTime).toBe('number');
    const order = await v1.signed('POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '65000' });
    expect(order.status).toBe(200);
    const query = await v1.signed('GET', '/fapi/v1/order', { symbol: 'BTCUSDT', orderId: String(order.body.orderId) });
    expect(query.body.status).toBe('NEW');
    const account = await v1.signed('GET', '/fapi/v4/account');
    expect(account.body.totalOpenOrderInitialMargin).not.toBe('0.00000000');
  });

  it('accepts the docs example key (registered) and refuses bad keys, signatures and timestamps', async () => {
    const docs = vectors()['v1_hmac']?.['docs_example_1'] as Record<string, string>;
    asterAdmin(sim.engine).registerApiKey(docs['apiKey'] as string, docs['secretKey'] as string, 'docs-user');
    const v1 = new V1Client(sim.httpUrl, docs['apiKey'] as string, docs['secretKey'] as string, () => sim.control.now());
    expect((await v1.signed('GET', '/fapi/v2/positionRisk')).status).toBe(200);
    expect((await v1.signed('GET', '/fapi/v2/balance', {}, { signature: 'ab'.repeat(32) })).body.code).toBe(-1022);
    const unknown = await v1.signed('GET', '/fapi/v2/balance', {}, { apiKey: 'f'.repeat(64) });
    expect([unknown.status, unknown.body.code]).toEqual([401, -2015]);
    const malformed = await v1.signed('GET', '/fapi/v2/balance', {}, { apiKey: 'bad key' });
    expect(malformed.body.code).toBe(-2014);
    const late = await v1.signed('GET', '/fapi/v2/balance', {}, { timestamp: sim.control.now() - 6000 });
    expect(late.body).toEqual({ code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' });
    expect((await v1.signed('GET', '/fapi/v2/balance', {}, { timestamp: sim.control.now() - 6000, recvWindow: 10_000 })).status).toBe(200);
    expect((await v1.signed('GET', '/fapi/v2/balance', {}, { recvWindow: 70_000 })).body.code).toBe(-1130);
    const ahead = await v1.signed('GET', '/fapi/v2/balance', {}, { timestamp: sim.control.now() + 1000 });
    expect(ahead.body.msg).toBe("Timestamp for this request was 1000ms ahead of the server's time.");
  });

  it('listenKey needs only the API key', async () => {
    const { apiKey, secretKey } = asterAdmin(sim.engine).createApiKey();
    const v1 = new V1Client(sim.httpUrl, apiKey, secretKey, () => sim.control.now());
    const created = await v1.keyOnly('POST', '/fapi/v1/listenKey');
    expect(created.body.listenKey).toMatch(/^[0-9a-f]{64}$/);
    expect((await v1.keyOnly('PUT', '/fapi/v1/listenKey')).body).toEqual({});
    expect((await v1.keyOnly('DELETE', '/fapi/v1/listenKey')).body).toEqual({});
    expect((await v1.keyOnly('PUT', '/fapi/v1/listenKey')).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
  });

  it('creates keys over the admin HTTP routes too', async () => {
    const res = await fetch(`${sim.httpUrl}/_aster/api-keys`, { method: 'POST', body: JSON.stringify({ account: 'http-made' }) });
    const record = (await res.json()) as { apiKey: string; secretKey: string; account: string };
    expect(record.account).toBe('http-made');
    const v1 = new V1Client(sim.httpUrl, record.apiKey, record.secretKey, () => sim.control.now());
    expect((await v1.signed('GET', '/fapi/v2/balance')).status).toBe(200);
    const approve = await fetch(`${sim.httpUrl}/_aster/agents`, { method: 'POST', body: JSON.stringify({ user: stranger.address, signer: walletFor('late-agent').address }) });
    expect(approve.status).toBe(200);
    const late = new V3Client(sim.httpUrl, walletFor('late-agent'), stranger.address, () => sim.control.now());
    expect((await late.request('GET', '/fapi/v3/balance')).status).toBe(200);
    expect((await publicGet(sim.httpUrl, '/_aster/nothing')).status).toBe(404);
  });
});

/** The raw (un-encoded) text the official JS demo signs. */
function decodeAll(wire: string): string {
  return wire
    .split('&')
    .map((segment) => {
      const eq = segment.indexOf('=');
      return `${decodeURIComponent(segment.slice(0, eq))}=${decodeURIComponent(segment.slice(eq + 1))}`;
    })
    .join('&');
}
