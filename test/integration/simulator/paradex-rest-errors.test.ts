/**
 * Error paths and faults of the simulator's Paradex REST dialect as the project's ParadexClient
 * sees them: asynchronous risk rejections (margin, min notional, post-only, reduce-only), expired
 * and revoked tokens, rate limits (the venue's budgets and an armed burst), failures before and
 * after the venue acted, hanging requests and busted fills.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { AuthError, ExchangeError, InvalidOrderError, RateLimitError } from '../../../src/core/errors.js';
import { Secret } from '../../../src/core/secret.js';
import type { Order, OrderRequest } from '../../../src/core/types.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import { fillIdFromWire } from '../../../src/simulator/dialects/paradex/ids.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const ACCOUNT = '0x495b1654d9cea9be1849d91a2985eda5799308082c1507d6ab49e163c7416a7';
const BTC = 'BTC-USD-PERP';

let clock: ManualClock;
let sim: SimulatorHandle;
let client: ParadexClient;

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  sim.engine.processPending();
}

function newClient(timeoutMs = 3000): ParadexClient {
  return new ParadexClient({ apiBaseUrl: sim.httpUrl, credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) }, clock, rateLimitPerSec: 1000, timeoutMs });
}

async function placed(request: OrderRequest): Promise<Order> {
  const order = await client.placeOrder(request);
  await settle();
  return (await client.getOrder({ id: order.id })) as Order;
}

async function start(initialBalance = '100000'): Promise<void> {
  clock = new ManualClock(1_750_000_000_000);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 5, clock, initialBalance });
  client = newClient();
  await client.connect();
}

afterEach(async () => {
  await client.close();
  await sim.close();
});

describe('asynchronous risk rejections (201 NEW, then CLOSED with a cancel_reason)', () => {
  beforeEach(() => start('1000'));

  it('insufficient margin closes the order as NOT_ENOUGH_MARGIN (rejected)', async () => {
    const order = await client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '1', price: '60000' });
    expect(order.status).toBe('new');
    await settle();
    expect(await client.getOrder({ id: order.id })).toMatchObject({ status: 'rejected', cancelReason: 'NOT_ENOUGH_MARGIN', filledSize: '0' });
    expect(await client.getOpenOrders()).toHaveLength(0);
  });

  it('post-only that would take closes as POST_ONLY_WOULD_CROSS', async () => {
    const ask = sim.engine.bbo(BTC).ask as string;
    expect(await placed({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: ask, timeInForce: 'post_only' })).toMatchObject({
      status: 'rejected',
      cancelReason: 'POST_ONLY_WOULD_CROSS',
    });
  });

  it('reduce-only without a position closes as REDUCE_ONLY_WOULD_INCREASE and never opens one', async () => {
    const order = await placed({ market: BTC, side: 'sell', type: 'limit', size: '0.01', price: '90000', reduceOnly: true });
    expect(order).toMatchObject({ status: 'canceled', cancelReason: 'REDUCE_ONLY_WOULD_INCREASE', filledSize: '0' });
    expect(await client.getPositions()).toEqual([]);
  });

  it('below min notional is refused by the client before sending (the venue check is in the raw tests)', async () => {
    await expect(client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.001', price: '60000' })).rejects.toBeInstanceOf(InvalidOrderError);
    expect(sim.engine.orderHistory(ACCOUNT)).toHaveLength(0);
  });
});

describe('tokens', () => {
  beforeEach(() => start());

  it('an expired token is refreshed once and the call succeeds', async () => {
    clock.advance(6 * 60_000);
    expect(await client.getBalances()).toEqual([expect.objectContaining({ asset: 'USDC' })]);
  });

  it('revoked tokens (expire-tokens fault) answer 401 and the client re-authenticates', async () => {
    expect(sim.control.expireTokens()).toBeGreaterThanOrEqual(1);
    expect(sim.control.faultCount('expire_tokens')).toBe(1);
    const order = await client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    expect(order.status).toBe('new');
  });

  it('a private call with a forged token is refused with 401 (raw)', async () => {
    const response = await fetch(`${sim.httpUrl}/account`, { headers: { authorization: 'Bearer a.b.c' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'INVALID_TOKEN' });
  });
});

describe('rate limits', () => {
  beforeEach(() => start());

  it('an armed 429 burst reaches the client as RateLimitError with the venue retry time', async () => {
    sim.control.rateLimitBurst(5, 300);
    const error = await client.getPositions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(sim.control.faultCount('rate_limit')).toBeGreaterThanOrEqual(1);
    sim.control.clearFaults();
    expect(await client.getPositions()).toEqual([]);
  });
});

describe('HTTP faults', () => {
  beforeEach(() => start());

  it('fail-next before acting: the client sees the failure and no order exists', async () => {
    sim.control.failNext({ method: 'POST', path: '/v1/orders' }, { kind: 'status', status: 503 }, 'before');
    const error = await client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'f-before' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(sim.engine.orderHistory(ACCOUNT)).toHaveLength(0);
    expect(sim.control.faultCount('http_status')).toBe(1);
  });

  it('fail-next after acting: the order exists and the client finds it by client id', async () => {
    sim.control.failNext({ method: 'POST', path: '/v1/orders' }, { kind: 'status', status: 500 }, 'after');
    const order = await client.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'f-after' });
    expect(order.clientOrderId).toBe('f-after');
    expect(sim.engine.orderHistory(ACCOUNT).filter((o) => o.clientId === 'f-after')).toHaveLength(1);
  });

  it('a hanging request times out on the client; after acting, the order is there', async () => {
    const slow = newClient(300);
    await slow.connect();
    sim.control.failNext({ method: 'POST', path: '/v1/orders' }, { kind: 'timeout' }, 'after');
    const order = await slow.placeOrder({ market: BTC, side: 'buy', type: 'limit', size: '0.01', price: '60000', clientOrderId: 'hang-1' });
    expect(order.clientOrderId).toBe('hang-1');
    sim.control.failNext({ method: 'GET', path: '/v1/account' }, { kind: 'timeout' }, 'before');
    const error = await slow.getAccount().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(sim.control.faultCount('http_timeout')).toBe(2);
    await slow.close();
  });

  it('a busted fill is reversed: position and fills go back', async () => {
    await placed({ market: BTC, side: 'buy', type: 'market', size: '0.01' });
    const [fill] = await client.getFills();
    expect((await client.getPositions())[0]?.size).toBe('0.01');
    sim.control.bustFill(fillIdFromWire(fill?.id ?? '') ?? '');
    expect(sim.control.faultCount('bust_fill')).toBe(1);
    expect(await client.getPositions()).toEqual([]);
    expect(await client.getFills()).toEqual([]);
    expect((await client.getBalances())[0]?.total).toBe('100000');
  });

  it('auth failure surfaces as AuthError when the account cannot sign in', async () => {
    sim.control.failNext({ method: 'POST', path: '/v1/auth' }, { kind: 'status', status: 401 }, 'before', 5);
    const fresh = newClient();
    const error = await fresh.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    await fresh.close();
  });
});
