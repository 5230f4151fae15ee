/**
 * The Paradex WebSocket dialect's private side over real sockets against startSimulator: every
 * private channel (shapes checked against the recorded fixtures, the OpenAPI response schemas and
 * the project client's parsers), the WS order methods, cancel-on-disconnect, token expiry and the
 * upgrade's Authorization header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseWsAccount,
  parseWsBalanceEvent,
  parseWsFill,
  parseWsFundingPayment,
  parseWsOrder,
  parseWsPosition,
  parseWsTradeBust,
} from '../../../src/exchanges/paradex/parse-ws-private.js';
import { startSimulator } from '../../../src/simulator/server.js';
import type { SimulatorHandle } from '../../../src/simulator/server.js';
import accountFixture from '../../fixtures/paradex/example_ws_account.json' with { type: 'json' };
import balanceFixture from '../../fixtures/paradex/example_ws_balance_events.json' with { type: 'json' };
import fillsFixture from '../../fixtures/paradex/example_ws_fills.json' with { type: 'json' };
import fundingPaymentsFixture from '../../fixtures/paradex/example_ws_funding_payments.json' with { type: 'json' };
import ordersFixture from '../../fixtures/paradex/example_ws_orders.json' with { type: 'json' };
import positionsFixture from '../../fixtures/paradex/example_ws_positions.json' with { type: 'json' };
import { RpcSocket, authViaRest, onboardViaRest, signedOrder } from '../../unit/simulator/paradex-ws/harness.js';
import type { TestAccount } from '../../unit/simulator/paradex-ws/harness.js';
import { expectFieldSet, fixtureFields, keysOf, onTick, schemaFields } from '../../unit/simulator/paradex-ws/spec-fields.js';

const BTC = 'BTC-USD-PERP';

let sim: SimulatorHandle;
let alice: TestAccount;

beforeAll(async () => {
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 13 });
  alice = await onboardViaRest(sim.httpUrl);
});

afterAll(async () => {
  await sim.close();
});

async function authed(account: TestAccount = alice): Promise<RpcSocket> {
  const socket = await RpcSocket.open(sim.wsUrl);
  await socket.ok('auth', { bearer: account.jwt });
  return socket;
}

const now = () => sim.engine.now();

describe('private channels and order methods', () => {
  it('streams orders, fills, positions, account and balance_events for the authenticated account', async () => {
    const bob = await onboardViaRest(sim.httpUrl);
    const socket = await authed(bob);
    const channels = ['orders.ALL', `orders.${BTC}`, 'fills.ALL', `fills.${BTC}`, 'positions', 'account', 'balance_events', 'funding_payments.ALL', 'tradebusts'];
    for (const channel of channels) expect(await socket.ok('subscribe', { channel })).toEqual({ channel });

    // A resting order: accepted (NEW), then OPEN; cancelled by id.
    const bid = onTick(Number(sim.engine.bbo(BTC).bid) - 100);
    const created = await socket.ok('order.create', signedOrder(bob.signer, { side: 'BUY', size: '0.01', price: bid, clientId: 'rest-1', timestampMs: now() }));
    const order = created.order as Record<string, unknown>;
    expect(keysOf(created)).toEqual(['created_at', 'order', 'received_at']);
    expect(order).toMatchObject({ account: bob.address, market: BTC, side: 'BUY', type: 'LIMIT', size: '0.01', price: bid, status: 'NEW', client_id: 'rest-1' });
    expect(String(created.received_at)).toMatch(/^\d{19}$/);
    const open = await socket.firstNotification('orders.ALL', (d) => d.id === order.id && d.status === 'OPEN');
    expectFieldSet(open.data, fixtureFields(ordersFixture), schemaFields('responses.OrderResp'));
    expect(parseWsOrder(open.data).status).toBe('open');
    await socket.firstNotification(`orders.${BTC}`, (d) => d.id === order.id && d.status === 'OPEN');

    expect(await socket.ok('order.cancel', { id: order.id })).toEqual({ order_id: order.id, status: 'QUEUED_FOR_CANCELLATION' });
    const closed = await socket.firstNotification('orders.ALL', (d) => d.id === order.id && d.status === 'CLOSED');
    expect(closed.data.cancel_reason).toBe('USER_CANCELED');
    const again = await socket.call('order.cancel', { id: order.id });
    expect(again.error).toMatchObject({ code: 100, data: 'ORDER_IS_CLOSED' });

    // A trade: fill, position, account summary, balance event.
    await socket.ok('order.create', signedOrder(bob.signer, { side: 'BUY', type: 'MARKET', size: '0.02', timestampMs: now() }));
    const fill = await socket.firstNotification('fills.ALL');
    expect(keysOf(fill.data)).toEqual(fixtureFields(fillsFixture));
    expect(keysOf(fill.data)).toEqual(schemaFields('responses.FillResult'));
    expect(fill.data).toMatchObject({ account: bob.address, market: BTC, side: 'BUY', size: '0.02', liquidity: 'TAKER' });
    expect(parseWsFill(fill.data).size).toBe('0.02');
    await socket.firstNotification(`fills.${BTC}`, (d) => d.id === fill.data.id);

    const position = await socket.firstNotification('positions', (d) => d.status === 'OPEN');
    expectFieldSet(position.data, fixtureFields(positionsFixture), schemaFields('responses.PositionResp'));
    expect(position.data).toMatchObject({ market: BTC, side: 'LONG', size: '0.02', last_fill_id: fill.data.id });
    expect(parseWsPosition(position.data).size).toBe('0.02');

    const account = await socket.firstNotification('account');
    expect(keysOf(account.data)).toEqual(fixtureFields(accountFixture));
    expect(keysOf(account.data)).toEqual(schemaFields('responses.AccountSummaryResponse'));
    parseWsAccount(account.data);

    const balance = await socket.firstNotification('balance_events', (d) => d.type === 'TRANSACTION_FILL');
    expect(keysOf(balance.data)).toEqual(fixtureFields(balanceFixture));
    expect(balance.data).toMatchObject({ fill_id: fill.data.id, market: BTC, settlement_asset_name: 'USDC', status: 'ON_BLOCKCHAIN' });
    parseWsBalanceEvent(balance.data);

    // Funding on the open position.
    sim.engine.setFundingRate(BTC, '0.0002');
    sim.engine.settleFunding(BTC);
    sim.engine.setFundingRate(BTC, undefined);
    const payment = await socket.firstNotification('funding_payments.ALL');
    expectFieldSet(payment.data, fixtureFields(fundingPaymentsFixture), schemaFields('responses.FundingPayment'));
    expect(payment.data.market).toBe(BTC);
    expect(parseWsFundingPayment(payment.data).market).toBe(BTC);
    const fundingBalance = await socket.firstNotification('balance_events', (d) => d.type === 'TRANSACTION_FUNDING');
    expect(fundingBalance.data).toMatchObject({ market: BTC, realized_funding: payment.data.payment });

    // A bust reverses the fill.
    const engineFillId = String(BigInt((fill.data.id as string).slice(1)));
    sim.control.bustFill(engineFillId);
    const bust = await socket.firstNotification('tradebusts');
    expect(keysOf(bust.data)).toEqual(schemaFields('responses.TradebustResult'));
    expect(bust.data).toMatchObject({ account: bob.address, busted_fill_id: fill.data.id });
    expect(parseWsTradeBust(bust.data).fillId).toBe(fill.data.id);

    // Nothing of bob's reaches another account's connection.
    const other = await authed(alice);
    await other.ok('subscribe', { channel: 'orders.ALL' });
    const later = await socket.ok('order.create', signedOrder(bob.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: now() }));
    await socket.firstNotification('orders.ALL', (d) => d.id === (later.order as { id: string }).id && d.status === 'OPEN');
    expect(other.notifications('orders.ALL').filter((n) => n.data.account === bob.address)).toEqual([]);
    await socket.ok('order.cancel_all', {});
    await other.close();
    await socket.close();
  });

  it('cancels by client id, cancels all, and refuses bad orders with the REST error code', async () => {
    const carol = await onboardViaRest(sim.httpUrl);
    const socket = await authed(carol);
    await socket.ok('subscribe', { channel: 'orders.ALL' });
    const bid = onTick(Number(sim.engine.bbo(BTC).bid) - 200);
    const ids: string[] = [];
    for (const clientId of ['c-1', 'c-2', 'c-3']) {
      const created = await socket.ok('order.create', signedOrder(carol.signer, { side: 'BUY', size: '0.01', price: bid, clientId, timestampMs: now() }));
      ids.push((created.order as { id: string }).id);
    }
    for (const id of ids) await socket.firstNotification('orders.ALL', (d) => d.id === id && d.status === 'OPEN');

    expect(await socket.ok('order.cancel', { client_id: 'c-1', market: BTC })).toEqual({ order_id: ids[0], status: 'QUEUED_FOR_CANCELLATION' });
    await socket.firstNotification('orders.ALL', (d) => d.id === ids[0] && d.status === 'CLOSED');
    expect((await socket.call('order.cancel', { client_id: 'c-1' })).error).toMatchObject({ code: -32602 });
    expect((await socket.call('order.cancel', { id: '1000000000000000000000999999' })).error).toMatchObject({ code: 100, data: 'ORDER_ID_NOT_FOUND' });

    expect(await socket.ok('order.cancel_all', { market: BTC })).toEqual({ status: 'ok' });
    for (const id of ids.slice(1)) await socket.firstNotification('orders.ALL', (d) => d.id === id && d.status === 'CLOSED');
    expect(sim.engine.openOrders(carol.address)).toEqual([]);
    expect((await socket.call('order.cancel_all', { market: 'NOPE-USD-PERP' })).error).toMatchObject({ code: 100, data: 'MARKET_NOT_FOUND' });

    const unsigned = { ...signedOrder(carol.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: now() }), size: '0.02' };
    expect((await socket.call('order.create', unsigned)).error).toMatchObject({ code: 100, data: 'INVALID_ORDER_SIGNATURE' });
    const stale = signedOrder(carol.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: now() - 600_000 });
    expect((await socket.call('order.create', stale)).error).toMatchObject({ code: 100, data: 'INVALID_TIMESTAMP' });

    const batch = await socket.ok('order.cancel_batch', { order_ids: [ids[0], '1000000000000000000000999999'] });
    expect(batch.results).toEqual([
      { id: ids[0], market: BTC, status: 'ALREADY_CLOSED' },
      { id: '1000000000000000000000999999', status: 'NOT_FOUND' },
    ]);
    await socket.close();
  });

  it('cancels the account open orders when a cancel-on-disconnect connection closes', async () => {
    const dave = await onboardViaRest(sim.httpUrl);
    const watcher = await authed(dave);
    await watcher.ok('subscribe', { channel: 'orders.ALL' });
    const trader = await authed(dave);
    expect(await trader.ok('order.cancel_on_disconnect', { enabled: true })).toEqual({ enabled: true });
    const bid = onTick(Number(sim.engine.bbo(BTC).bid) - 300);
    const created = await trader.ok('order.create', signedOrder(dave.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: now() }));
    const id = (created.order as { id: string }).id;
    await watcher.firstNotification('orders.ALL', (d) => d.id === id && d.status === 'OPEN');
    await trader.close();
    const closed = await watcher.firstNotification('orders.ALL', (d) => d.id === id && d.status === 'CLOSED');
    expect(closed.data.cancel_reason).toBe('USER_CANCELED');

    // Disabled again, a close leaves the orders alone.
    const keeper = await authed(dave);
    await keeper.ok('order.cancel_on_disconnect', { enabled: true });
    expect(await keeper.ok('order.cancel_on_disconnect', { enabled: false })).toEqual({ enabled: false });
    const kept = await keeper.ok('order.create', signedOrder(dave.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: now() }));
    const keptId = (kept.order as { id: string }).id;
    await watcher.firstNotification('orders.ALL', (d) => d.id === keptId && d.status === 'OPEN');
    await keeper.close();
    await watcher.ok('subscribe', { channel: 'account' });
    expect(sim.engine.openOrders(dave.address).map((o) => o.status)).toEqual(['OPEN']);
    await watcher.ok('order.cancel_all', {});
    await watcher.close();
  });

  it('keeps authenticated sessions when tokens expire and refuses the expired token for a new auth', async () => {
    const erin = await onboardViaRest(sim.httpUrl);
    const socket = await authed(erin);
    await socket.ok('subscribe', { channel: 'account' });
    expect(sim.control.expireTokens()).toBeGreaterThan(0);

    const fresh = await RpcSocket.open(sim.wsUrl);
    const refused = await fresh.call('auth', { bearer: erin.jwt });
    expect(refused.error).toMatchObject({ code: 40111, data: 'token is expired' });
    expect((await fresh.call('subscribe', { channel: 'account' })).error).toMatchObject({ code: 40300 });
    await fresh.close();

    sim.control.fund(erin.address, '25');
    const summary = await socket.nextNotification('account');
    expect(summary.data.account).toBe(erin.address);
    await socket.close();
  });

  it('authenticates from an Authorization header on the upgrade', async () => {
    const jwt = await authViaRest(sim.httpUrl, alice.signer);
    const socket = await RpcSocket.open(sim.wsUrl, { headers: { Authorization: `Bearer ${jwt}` } });
    expect(await socket.ok('subscribe', { channel: 'positions' })).toEqual({ channel: 'positions' });
    await socket.close();
  });
});
