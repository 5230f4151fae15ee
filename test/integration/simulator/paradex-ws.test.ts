/**
 * The Paradex WebSocket dialect over real sockets against startSimulator: JSON-RPC session
 * methods and their errors, and every public channel (shapes checked against the recorded
 * fixtures, the OpenAPI response schemas and the project client's parsers), with contiguous
 * order-book sequence numbers that rebuild the engine's book. Private channels and order methods:
 * paradex-ws-private.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWsBbo, parseWsBookUpdate, parseWsFundingData, parseWsMarketSummary, parseWsTrade } from '../../../src/exchanges/paradex/parse-ws-public.js';
import { startSimulator } from '../../../src/simulator/server.js';
import type { SimulatorHandle } from '../../../src/simulator/server.js';
import bboFixture from '../../fixtures/paradex/example_ws_bbo.json' with { type: 'json' };
import authFixture from '../../fixtures/paradex/ws_auth_result.json' with { type: 'json' };
import errorFixture from '../../fixtures/paradex/ws_error.json' with { type: 'json' };
import fundingDataFixture from '../../fixtures/paradex/ws_funding_data.json' with { type: 'json' };
import summaryFixture from '../../fixtures/paradex/ws_markets_summary.json' with { type: 'json' };
import bookFixture from '../../fixtures/paradex/ws_order_book.json' with { type: 'json' };
import tradesFixture from '../../fixtures/paradex/ws_trades.json' with { type: 'json' };
import { RpcSocket, eventually, onboardViaRest, signedOrder } from '../../unit/simulator/paradex-ws/harness.js';
import type { Notification, TestAccount } from '../../unit/simulator/paradex-ws/harness.js';
import { expectFieldSet, fixtureFields, keysOf, onTick, schemaFields } from '../../unit/simulator/paradex-ws/spec-fields.js';

const BTC = 'BTC-USD-PERP';

interface Level {
  side: string;
  price: string;
  size: string;
}

let sim: SimulatorHandle;
let alice: TestAccount;

beforeAll(async () => {
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 11 });
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

describe('session methods', () => {
  it('authenticates with a JWT from POST /auth and answers like the recorded auth result', async () => {
    const socket = await RpcSocket.open(sim.wsUrl);
    const answer = await socket.call('auth', { bearer: alice.jwt });
    expect(keysOf(answer)).toEqual([...keysOf(authFixture), 'usDiff', 'usIn', 'usOut'].sort());
    expect((answer.result as { node_id: string }).node_id).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.usOut as number).toBeGreaterThanOrEqual(answer.usIn as number);
    await socket.close();
  });

  it('answers errors with the documented codes', async () => {
    const socket = await RpcSocket.open(sim.wsUrl);
    const code = async (method: string, params?: unknown) => ((await socket.call(method, params)).error as { code: number }).code;
    expect(await code('auth', { bearer: 'not-a-jwt' })).toBe(40110);
    expect(await code('auth', {})).toBe(40110);
    expect(await code('auth', { bearer: `${alice.jwt.slice(0, -4)}AAAA` })).toBe(40111);
    expect(await code('no.such.method')).toBe(-32601);
    expect(await code('subscribe', { channel: 'orders.ALL' })).toBe(40300);
    expect(await code('order.create', {})).toBe(40300);
    expect(await code('order.cancel_on_disconnect', { enabled: true })).toBe(40300);
    expect(await code('unsubscribe', { channel: 'bbo.BTC-USD-PERP' })).toBe(-32600);
    expect(await code('unsubscribe', {})).toBe(-32602);
    expect(await code('subscribe', { channel: 'markets_summary', markets: [BTC] })).toBe(-32602);

    const parse = socket.next((m) => m.kind === 'json' && (m.message.error as { code?: number } | undefined)?.code === -32700);
    socket.sendRaw('{"jsonrpc":"2.0","method":');
    expect((await parse).kind).toBe('json');

    const invalid = await socket.call('subscribe', { channel: 'bbo.NOPE-USD-PERP' });
    expect(keysOf(invalid)).toEqual(keysOf(errorFixture));
    expect(invalid.error).toEqual(errorFixture.error);

    expect(await socket.ok('subscribe', { channel: 'trades.ALL' })).toEqual({ channel: 'trades.ALL' });
    expect((await socket.call('subscribe', { channel: 'trades.ALL' })).error).toMatchObject({ code: -32600, data: 'already subscribed' });
    expect(await socket.ok('unsubscribe', { channel: 'trades.ALL' })).toEqual({ channel: 'trades.ALL' });
    await socket.close();
  });
});

describe('public channels', () => {
  it('streams bbo, trades, markets_summary and funding_data in the recorded shapes', async () => {
    const socket = await RpcSocket.open(sim.wsUrl);
    for (const channel of [`bbo.${BTC}`, `trades.${BTC}`, 'trades.ALL', 'markets_summary', `markets_summary.${BTC}`, 'funding_data', `funding_data.${BTC}`]) {
      expect(await socket.ok('subscribe', { channel })).toEqual({ channel });
    }
    // Current values arrive at once for bbo, summaries and funding data.
    const bbo = await socket.firstNotification(`bbo.${BTC}`);
    expect(keysOf(bbo.data)).toEqual(fixtureFields(bboFixture));
    expect(keysOf(bbo.data)).toEqual(schemaFields('responses.BBOResp'));
    expect(parseWsBbo(bbo.data).market).toBe(BTC);
    const summaries = await Promise.all(sim.engine.markets().map((m) => socket.firstNotification('markets_summary', (d) => d.symbol === m.id)));
    for (const summary of summaries) {
      expect(keysOf(summary.data)).toEqual(fixtureFields(summaryFixture));
      expect(parseWsMarketSummary(summary.data).markPrice).toBeDefined();
    }
    const funding = await socket.firstNotification(`funding_data.${BTC}`);
    expectFieldSet(funding.data, fixtureFields(fundingDataFixture), schemaFields('responses.FundingDataResult'));
    expect(parseWsFundingData(funding.data).market).toBe(BTC);

    // A trade: a marketable order from an account.
    const ask = sim.engine.bbo(BTC).ask!;
    const order = signedOrder(alice.signer, { side: 'BUY', type: 'MARKET', size: '0.01', timestampMs: now() });
    const trader = await authed();
    await trader.ok('order.create', order);
    const trade = await socket.firstNotification(`trades.${BTC}`);
    const tradeAll = await socket.firstNotification('trades.ALL');
    expect(keysOf(trade.data)).toEqual(fixtureFields(tradesFixture));
    expect(keysOf(trade.data)).toEqual(schemaFields('responses.TradeResult'));
    expect(tradeAll.data).toEqual(trade.data);
    expect(trade.data).toMatchObject({ market: BTC, side: 'BUY', size: '0.01', price: ask, trade_type: 'FILL' });
    expect(trade.data.id).toMatch(/^[1-9][0-9]{27}$/);
    expect(parseWsTrade(trade.data).side).toBe('buy');

    // A settlement publishes the settled values on funding_data.
    sim.engine.setFundingRate(BTC, '0.0001');
    const settled = sim.engine.settleFunding(BTC);
    const settledFrame = await socket.firstNotification(`funding_data.${BTC}`, (d) => d.funding_rate === '0.0001' && d.created_at === settled.createdAt);
    expect(settledFrame.data.funding_index).toBe(settled.fundingIndex);
    sim.engine.setFundingRate(BTC, undefined);
    await trader.close();
    await socket.close();
  });

  it('sends a full-book snapshot then deltas with contiguous seq_no that rebuild the engine book', async () => {
    const socket = await RpcSocket.open(sim.wsUrl);
    const channel = `order_book.${BTC}.deltas`;
    await socket.ok('subscribe', { channel });
    const first = await socket.firstNotification(channel);
    expect(keysOf(first.data)).toEqual(fixtureFields(bookFixture));
    expect(first.data.update_type).toBe('s');
    parseWsBookUpdate(first.data);

    const book = { BUY: new Map<string, string>(), SELL: new Map<string, string>() };
    let lastSeq = first.data.seq_no as number;
    let frames = 0;
    const apply = (data: Record<string, unknown>) => {
      for (const level of data.inserts as Level[]) book[level.side as 'BUY' | 'SELL'].set(level.price, level.size);
      for (const level of data.updates as Level[]) book[level.side as 'BUY' | 'SELL'].set(level.price, level.size);
      for (const level of data.deletes as Level[]) book[level.side as 'BUY' | 'SELL'].delete(level.price);
    };
    apply(first.data);
    socket.socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { params?: Notification };
      if (message.params?.channel !== channel) return;
      const data = message.params.data;
      expect(data.update_type).toBe('d');
      expect(data.seq_no).toBe(lastSeq + 1);
      lastSeq = data.seq_no as number;
      frames++;
      apply(data);
    });

    // Move the book: resting orders on both sides and a trade through the top.
    const trader = await authed();
    const bbo = sim.engine.bbo(BTC);
    const below = onTick(Number(bbo.bid) - 50);
    const above = onTick(Number(bbo.ask) + 50);
    await trader.ok('order.create', signedOrder(alice.signer, { side: 'BUY', size: '0.02', price: below, timestampMs: now() }));
    await trader.ok('order.create', signedOrder(alice.signer, { side: 'SELL', size: '0.02', price: above, timestampMs: now() }));
    await trader.ok('order.create', signedOrder(alice.signer, { side: 'SELL', type: 'MARKET', size: '0.03', timestampMs: now() }));
    await eventually(() => frames >= 3, 5000, 'three deltas');

    let matched = false;
    await eventually(() => {
      const snapshot = sim.engine.bookSnapshot(BTC, 100_000);
      if (snapshot.seq !== lastSeq) return false;
      const bids = new Map(snapshot.bids.map((l) => [l.price, l.size]));
      const asks = new Map(snapshot.asks.map((l) => [l.price, l.size]));
      matched = JSON.stringify([...bids].sort()) === JSON.stringify([...book.BUY].sort()) && JSON.stringify([...asks].sort()) === JSON.stringify([...book.SELL].sort());
      return true;
    }, 5000, 'book at the last delta');
    expect(matched).toBe(true);
    await trader.ok('order.cancel_all', {});
    await trader.close();
    await socket.close();
  });

  it('sends top-15 snapshots on the AsyncAPI snapshot feed', async () => {
    const socket = await RpcSocket.open(sim.wsUrl);
    const channel = `order_book.${BTC}.snapshot@15@50ms`;
    await socket.ok('subscribe', { channel });
    const first = await socket.firstNotification(channel);
    const levels = first.data.inserts as Level[];
    expect(first.data.update_type).toBe('s');
    expect(levels.filter((l) => l.side === 'BUY').length).toBeLessThanOrEqual(15);
    expect(levels.filter((l) => l.side === 'SELL').length).toBeLessThanOrEqual(15);
    const bids = levels.filter((l) => l.side === 'BUY').map((l) => Number(l.price));
    expect([...bids].sort((a, b) => b - a)).toEqual(bids);

    const trader = await authed();
    await trader.ok('order.create', signedOrder(alice.signer, { side: 'SELL', type: 'MARKET', size: '0.01', timestampMs: now() }));
    const next = await socket.nextNotification(channel);
    expect(next.data.update_type).toBe('s');
    expect(next.data.seq_no as number).toBeGreaterThan(first.data.seq_no as number);

    const grouped = `order_book.${BTC}.snapshot@15@100ms@10`;
    await socket.ok('subscribe', { channel: grouped });
    const groupedFrame = await socket.firstNotification(grouped);
    for (const level of groupedFrame.data.inserts as Level[]) expect(Number(level.price) % 10).toBe(0);
    await trader.close();
    await socket.close();
  });
});
