/**
 * AsterClient over real sockets against the Aster test double (test/support/aster-test-server.ts),
 * whose signature checks (node:crypto HMAC for V1, ethers verifyTypedData for V3) are independent
 * of the client's signers.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, DuplicateClientOrderIdError, ExchangeError, InvalidOrderError, NotSupportedError, OrderNotFoundError, RateLimitError } from '../../../src/core/errors.js';
import type { AsterClient } from '../../../src/exchanges/aster/client.js';
import { startAsterTestServer } from '../../support/aster-test-server.js';
import type { AsterTestServer } from '../../support/aster-test-server.js';
import { V1, V3, serverAuth, v1Client, v3Client } from './support.js';

let server: AsterTestServer;
let client: AsterClient;

const writes = () => server.requests.filter((r) => r.method !== 'GET');
const last = (method: string, path: string) => [...server.requests].reverse().find((r) => r.method === method && r.path === path);
const params = (text: string) => new Map(text.split('&').map((kv) => kv.split('=') as [string, string]));

beforeEach(async () => {
  server = await startAsterTestServer(serverAuth);
  client = v3Client(server);
  await client.connect();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('AsterClient (V3) over REST', () => {
  it('syncs time and loads perpetual markets with exact filters from exchangeInfo', () => {
    expect(server.requests.map((r) => r.path).slice(0, 2)).toEqual(['/fapi/v3/time', '/fapi/v3/exchangeInfo']);
    expect(client.market('BTCUSDT')).toMatchObject({
      exchange: 'aster', kind: 'PERP', tickSize: '0.1', stepSize: '0.001', marketStepSize: '0.001', minNotional: '5', minSize: '0.001',
      maxOrderSize: '1000', maxMarketOrderSize: '120', maxOpenOrders: 200, base: 'BTC', quote: 'USDT', settlement: 'USDT',
    });
    expect(client.rules('DOGEUSDT')?.orderTypes).toContain('TRAILING_STOP_MARKET');
    expect(() => client.market('NOPEUSDT')).toThrow(InvalidOrderError);
    expect(client.capabilities).toMatchObject({ amend: true, selfTradePrevention: true, deadManSwitch: 'countdown', batchCreateMax: 5 });
  });

  it('places a quantised limit order signed with EIP-712: params, then nonce/user/signer, signature last, no API key header', async () => {
    const order = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.0105', price: '65000.57', timeInForce: 'post_only' });
    expect(order).toMatchObject({ status: 'open', size: '0.01', price: '65000.5', timeInForce: 'post_only', market: 'BTCUSDT' });
    expect(order.clientOrderId).toMatch(/^fs-/);
    const sent = last('POST', '/fapi/v3/order');
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers['x-mbx-apikey']).toBeUndefined();
    const keys = [...params(sent?.body ?? '').keys()];
    expect(keys).toEqual(['symbol', 'side', 'type', 'timeInForce', 'quantity', 'price', 'newClientOrderId', 'nonce', 'user', 'signer', 'signature']);
    expect(params(sent?.body ?? '').get('timeInForce')).toBe('GTX');
    expect(server.venue.orders.size).toBe(1);
  });

  it('refuses bad orders before sending anything, naming field, value and rule', async () => {
    const before = writes().length;
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.001', price: '1000' })).rejects.toMatchObject({ name: 'InvalidOrderError', field: 'size', rule: expect.stringMatching(/min notional 5/) });
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01' })).rejects.toMatchObject({ field: 'price' });
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '2000', price: '65000' })).rejects.toMatchObject({ field: 'size', rule: expect.stringMatching(/maximum 1000/) });
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'sell', type: 'trailing_stop_market', size: '0.01', callbackRate: '7' })).rejects.toMatchObject({ field: 'callbackRate' });
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '65000', clientOrderId: 'has space' })).rejects.toMatchObject({ field: 'clientOrderId' });
    const strict = v3Client(server, { precision: 'reject' });
    await strict.connect();
    await expect(strict.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '65000.55' })).rejects.toMatchObject({ field: 'price', rule: expect.stringMatching(/tick 0.1/) });
    await strict.close();
    expect(writes().length).toBe(before);
  });

  it('checks a market order against min notional at the mark price, and reports its fill', async () => {
    server.venue.marks.BTCUSDT = '1000';
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'market', size: '0.001' })).rejects.toMatchObject({ field: 'size' });
    expect(last('GET', '/fapi/v3/premiumIndex')).toBeDefined();
    const filled = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'market', size: '0.01' });
    expect(filled).toMatchObject({ status: 'filled', filledSize: '0.01', remainingSize: '0', avgFillPrice: '1000', type: 'market' });
    const positions = await client.getPositions();
    expect(positions).toEqual([expect.objectContaining({ market: 'BTCUSDT', side: 'long', size: '0.01', signedSize: '0.01' })]);
    const fills = await client.getFills({ market: 'BTCUSDT' });
    expect(fills).toEqual([expect.objectContaining({ market: 'BTCUSDT', side: 'buy', size: '0.01', price: '1000', liquidity: 'taker' })]);
  });

  it('places a batch whose results line up with the requests (local refusal, venue refusal, success)', async () => {
    const results = await client.placeOrders([
      { market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000' },
      { market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.0001', price: '60000' },
      { market: 'BTCUSDT', side: 'sell', type: 'stop_loss_market', size: '0.01', triggerPrice: '50000' },
      { market: 'BTCUSDT', side: 'sell', type: 'limit', size: '0.01', price: '70000', timeInForce: 'gtc' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { name: 'InvalidOrderError', field: 'size' } });
    expect(results[2]).toMatchObject({ ok: false, error: { name: 'InvalidOrderError', venueCode: '-2022' } });
    expect(results[3]).toMatchObject({ ok: true, value: { side: 'sell', price: '70000' } });
    const sent = params(last('POST', '/fapi/v3/batchOrders')?.body ?? '');
    expect(JSON.parse(sent.get('batchOrders') ?? '[]')).toHaveLength(3);
    await expect(client.placeOrders([])).rejects.toBeInstanceOf(InvalidOrderError);
  });

  it('resolves an order whose answer was a 503 after the venue acted, by client id', async () => {
    server.faults.push({ match: 'POST /fapi/v3/order', status: 503, handle: true, body: '{"code":-1007,"msg":"Timeout waiting for response from backend server."}' });
    const order = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'fs-503-case' });
    expect(order).toMatchObject({ clientOrderId: 'fs-503-case', status: 'open' });
    const lookup = last('GET', '/fapi/v3/order');
    expect(params(lookup?.query ?? '').get('origClientOrderId')).toBe('fs-503-case');
    expect(server.venue.orders.size).toBe(1);
  });

  it('reports an unknown outcome (never a failure) when a 503 order is not visible yet', async () => {
    server.faults.push({ match: 'POST /fapi/v3/order', status: 503, body: '' });
    const error = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'fs-503-lost' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error).toMatchObject({ outcome: 'unknown', retryable: false });
    expect((error as Error).message).toMatch(/fs-503-lost outcome unknown/);
    expect(params(last('GET', '/fapi/v3/order')?.query ?? '').get('origClientOrderId')).toBe('fs-503-lost');
  });

  it('resolves an order whose answer timed out after the venue acted', async () => {
    const slow = v3Client(server, { timeoutMs: 300 });
    await slow.connect();
    server.faults.push({ match: 'POST /fapi/v3/order', handle: true, delayAfterMs: 1_000 });
    const order = await slow.placeOrder({ market: 'BTCUSDT', side: 'sell', type: 'limit', size: '0.01', price: '70000', clientOrderId: 'fs-timeout' });
    expect(order).toMatchObject({ clientOrderId: 'fs-timeout', status: 'open' });
    await slow.close();
  });

  it('backs off after a 429 (Retry-After) and stops after a 418 ban without sending more', async () => {
    const impatient = v3Client(server, { maxRateLimitWaitMs: 100 });
    await impatient.connect();
    server.faults.push({ match: 'GET /fapi/v3/depth', status: 429, headers: { 'retry-after': '2' }, body: '{"code":-1003,"msg":"Too many requests; current limit is 2400 requests per minute."}' });
    const limited = await impatient.getOrderBook('BTCUSDT').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ banned: false, retryAfterMs: 2_000, httpStatus: 429, venueCode: '-1003' });
    const sentBefore = server.requests.length;
    await expect(impatient.getServerTime()).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests.length).toBe(sentBefore);
    await impatient.close();

    const until = server.now() + 120_000;
    server.faults.push({ match: 'GET /fapi/v3/trades', status: 418, body: `{"code":-1003,"msg":"Way too many requests; IP banned until ${until}."}` });
    const banned = await client.getTrades('BTCUSDT').catch((e: unknown) => e);
    expect(banned).toMatchObject({ name: 'RateLimitError', banned: true, httpStatus: 418 });
    expect((banned as RateLimitError).retryAfterMs).toBeGreaterThan(100_000);
    const count = server.requests.length;
    await expect(client.getServerTime()).rejects.toMatchObject({ banned: true });
    expect(server.requests.length).toBe(count);
  });

  it('lets X-MBX-USED-WEIGHT-1M drive the weight budget: a full minute blocks until the window ends', async () => {
    const impatient = v3Client(server, { maxRateLimitWaitMs: 100 });
    await impatient.connect();
    server.faults.push({ match: 'GET /fapi/v3/time', status: 200, body: `{"serverTime":${Date.now()}}`, headers: { 'x-mbx-used-weight-1m': '2400' } });
    await impatient.getServerTime();
    const count = server.requests.length;
    const error = await impatient.getTrades('BTCUSDT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ banned: false });
    expect(server.requests.length).toBe(count);
    await impatient.close();
  });

  it('treats a 200 answer carrying an error code as that error', async () => {
    server.faults.push({ match: 'GET /fapi/v3/openOrders', status: 200, body: '{"code":-1121,"msg":"Invalid symbol."}' });
    await expect(client.getOpenOrders('BTCUSDT')).rejects.toMatchObject({ name: 'RequestError', venueCode: '-1121', httpStatus: 200 });
  });

  it('maps the error table: unknown order, bad symbol, duplicate client id, signature', async () => {
    await expect(client.cancelOrder({ id: '123', market: 'BTCUSDT' })).rejects.toMatchObject({ name: 'OrderNotFoundError', venueCode: '-2011' });
    await expect(client.getOrderBook('NOPEUSDT')).rejects.toMatchObject({ name: 'RequestError', venueCode: '-1121', outcome: 'n/a' });
    await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'fs-dup' });
    await expect(client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'fs-dup' })).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
    expect(await client.getOrder({ id: '42', market: 'BTCUSDT' })).toBeUndefined();
    const stranger = await startAsterTestServer({ agents: {} });
    const rejected = v3Client(stranger);
    await rejected.connect();
    const error = await rejected.getBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ venueCode: '-2015' });
    expect(`${(error as Error).message} ${inspect(error)}`).not.toMatch(/signature=0x|4fd0a42218f3/);
    await rejected.close();
    await stranger.close();
  });

  it('re-syncs the clock and resends once when the venue says the nonce expired (-4225)', async () => {
    server.now = () => Date.now() + 120_000;
    const balances = await client.getBalances();
    expect(balances[0]).toMatchObject({ asset: 'USDT', total: '10000' });
    const paths = server.requests.slice(-3).map((r) => r.path);
    expect(paths).toEqual(['/fapi/v3/balance', '/fapi/v3/time', '/fapi/v3/balance']);
  });

  it('reads account, balances, positions, open orders and orders by client id without a market', async () => {
    const account = await client.getAccount();
    expect(account).toMatchObject({ exchange: 'aster', account: V3.user.toLowerCase(), equity: '10000', freeCollateral: '10000', status: 'ACTIVE' });
    expect(last('GET', '/fapi/v3/accountWithJoinMargin')).toBeDefined();
    const placed = await client.placeOrder({ market: 'DOGEUSDT', side: 'buy', type: 'limit', size: '100', price: '0.09', clientOrderId: 'fs-doge-1' });
    expect((await client.getOpenOrders()).map((o) => o.id)).toEqual([placed.id]);
    expect(await client.getOrder({ clientOrderId: 'fs-doge-1' })).toMatchObject({ id: placed.id, market: 'DOGEUSDT' });
    expect(await client.getPositions()).toEqual([]);
    expect((await client.getOrderHistory({ market: 'DOGEUSDT' })).map((o) => o.clientOrderId)).toEqual(['fs-doge-1']);
    await client.cancelOrder({ clientOrderId: 'fs-doge-1' });
    expect(await client.getOrder({ clientOrderId: 'fs-doge-1' })).toMatchObject({ status: 'canceled' });
  });

  it('falls back to /fapi/v4/account when accountWithJoinMargin is unknown', async () => {
    const old = await startAsterTestServer({ ...serverAuth, noAccountWithJoinMargin: true });
    const c = v3Client(old);
    await c.connect();
    expect(await c.getAccount()).toMatchObject({ equity: '10000' });
    expect(old.requests.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /fapi/v3/accountWithJoinMargin', 'GET /fapi/v4/account']));
    await c.getAccount();
    expect(old.requests.filter((r) => r.path === '/fapi/v3/accountWithJoinMargin')).toHaveLength(1);
    await c.close();
    await old.close();
  });

  it('amends a limit order in place, cancels all, and treats code 200 bodies as success', async () => {
    const order = await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    const amended = await client.amendOrder({ id: order.id, market: 'BTCUSDT' }, { price: '60100.04' });
    expect(amended).toMatchObject({ id: order.id, price: '60100', size: '0.01' });
    expect(params(last('PUT', '/fapi/v3/order')?.body ?? '').get('price')).toBe('60100');
    await client.cancelAllOrders();
    expect(await client.getOpenOrders()).toEqual([]);
    await client.setMarginType('BTCUSDT', 'cross');
    expect(await client.setLeverage('BTCUSDT', 20)).toBe('20');
  });

  it('arms the countdown cancel-all for open-order symbols, covers new symbols before their first order, and disarms', async () => {
    await client.placeOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    await client.setDeadManSwitch(30_000);
    expect(server.venue.countdowns.get('BTCUSDT')).toBe(30_000);
    await client.placeOrder({ market: 'DOGEUSDT', side: 'buy', type: 'limit', size: '100', price: '0.09' });
    const dogeCountdown = server.requests.findIndex((r) => r.path === '/fapi/v3/countdownCancelAll' && r.body.includes('DOGEUSDT'));
    const dogeOrder = server.requests.findIndex((r) => r.path === '/fapi/v3/order' && r.method === 'POST' && r.body.includes('DOGEUSDT'));
    expect(dogeCountdown).toBeGreaterThan(-1);
    expect(dogeCountdown).toBeLessThan(dogeOrder);
    await client.setDeadManSwitch(0);
    expect(server.venue.countdowns.get('BTCUSDT')).toBe(0);
    expect(server.venue.countdowns.get('DOGEUSDT')).toBe(0);
  });

  it('answers public market data from the recorded payloads', async () => {
    const book = await client.getOrderBook('BTCUSDT', 3);
    expect(book.bids).toEqual([['106626.8', '8.266'], ['106618.8', '0.098'], ['106618.7', '0.200']]);
    expect(book.seq).toBe(148964776071);
    expect(params(last('GET', '/fapi/v3/depth')?.query ?? '').get('limit')).toBe('5');
    expect(await client.getTrades('BTCUSDT')).toEqual([{ market: 'BTCUSDT', id: '23424931', side: 'sell', price: '104613.1', size: '0.009', timestamp: 1749806461198 }]);
    expect(await client.getFundingRate('BTCUSDT')).toMatchObject({ rate: '0.00010000', periodHours: 8, markPrice: '65000' });
    expect(await client.getBBO('BTCUSDT')).toMatchObject({ bid: '64999.9', ask: '65000.1' });
  });
});

describe('AsterClient (V1 HMAC) over REST', () => {
  it('signs with HMAC: timestamp and recvWindow appended, key in X-MBX-APIKEY, V1/V2/V4 paths', async () => {
    const v1 = v1Client(server);
    await v1.connect();
    expect(v1.capabilities).toMatchObject({ amend: false, selfTradePrevention: false });
    const order = await v1.placeOrder({ market: 'BTCUSDT', side: 'sell', type: 'limit', size: '0.01', price: '70000.01' });
    expect(order).toMatchObject({ price: '70000.1', status: 'open' });
    const sent = last('POST', '/fapi/v1/order');
    expect(sent?.headers['x-mbx-apikey']).toBe(V1.apiKey);
    const keys = [...params(sent?.body ?? '').keys()];
    expect(keys.slice(-3)).toEqual(['timestamp', 'recvWindow', 'signature']);
    expect(await v1.getBalances()).toHaveLength(1);
    expect(last('GET', '/fapi/v2/balance')).toBeDefined();
    await v1.getAccount();
    expect(last('GET', '/fapi/v4/account')).toBeDefined();
    await expect(v1.amendOrder({ id: order.id, market: 'BTCUSDT' }, { price: '70001' })).rejects.toBeInstanceOf(NotSupportedError);
    await expect(v1.placeOrder({ market: 'BTCUSDT', side: 'sell', type: 'limit', size: '0.01', price: '70000', selfTradePrevention: 'expire_maker' })).rejects.toBeInstanceOf(NotSupportedError);
    await v1.close();
  });

  it('re-syncs after -1021 (timestamp ahead of the server) and resends once', async () => {
    const v1 = v1Client(server);
    await v1.connect();
    server.now = () => Date.now() - 5_000;
    await v1.cancelAllOrders('BTCUSDT');
    const tail = server.requests.slice(-3).map((r) => `${r.method} ${r.path}`);
    expect(tail).toEqual(['DELETE /fapi/v1/allOpenOrders', 'GET /fapi/v1/time', 'DELETE /fapi/v1/allOpenOrders']);
    await v1.close();
  });

  it('is refused with a typed error for an unknown key, without echoing the secret', async () => {
    const other = await startAsterTestServer({ keys: {} });
    const v1 = v1Client(other);
    await v1.connect();
    const error = await v1.getOpenOrders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(inspect(error)).not.toContain(V1.secret);
    expect(inspect(v1)).not.toContain(V1.secret);
    await v1.close();
    await other.close();
    expect(OrderNotFoundError).toBeDefined();
  });
});
