/**
 * SBE negotiation on the Paradex WebSocket: `?sbeSchemaId=1&sbeSchemaVersion=v` switches public
 * channel payloads to binary SBE frames (decoded here with the project client's decoder), an
 * unsupported schema or version is refused with HTTP 400, and control messages and private
 * channels stay JSON. Every binary frame must carry what the JSON frame of the same event says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeParadexSbe } from '../../../src/exchanges/paradex/ws/sbe/decoder.js';
import type { SbeMessage } from '../../../src/exchanges/paradex/ws/sbe/types.js';
import { startSimulator } from '../../../src/simulator/server.js';
import type { SimulatorHandle } from '../../../src/simulator/server.js';
import { RpcSocket, eventually, onboardViaRest, signedOrder } from '../../unit/simulator/paradex-ws/harness.js';
import type { Notification } from '../../unit/simulator/paradex-ws/harness.js';

const BTC = 'BTC-USD-PERP';
const CHANNELS = [`bbo.${BTC}`, `trades.${BTC}`, `order_book.${BTC}.deltas`, `markets_summary.${BTC}`, `funding_data.${BTC}`];
const TAKER = '0xbeef';

let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 3, engine: { priceProcess: { enabled: false } } });
  sim.engine.createAccount(TAKER, { collateral: '100000000' });
});

afterAll(async () => {
  await sim.close();
});

/** The HTTP status of a refused upgrade (or 101 when it was accepted). */
function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => {
      if (!String(error).includes('Unexpected server response')) reject(error);
    });
  });
}

const decodedOf = (socket: RpcSocket): SbeMessage[] => socket.binaries().map((bytes) => decodeParadexSbe(bytes));
const decodedKind = <K extends SbeMessage['kind']>(socket: RpcSocket, kind: K) =>
  decodedOf(socket).filter((m): m is Extract<SbeMessage, { kind: K }> => m.kind === kind);

interface Level {
  side: string;
  price: string;
  size: string;
}

describe('negotiation', () => {
  it('accepts schema 1 versions 0, 1 and 2 and refuses anything else with HTTP 400', async () => {
    const base = sim.wsUrl;
    for (const version of [0, 1, 2]) expect((await upgradeStatus(`${base}?sbeSchemaId=1&sbeSchemaVersion=${version}`)).status).toBe(101);
    expect((await upgradeStatus(`${base}?foo=bar&sbeSchemaId=1&sbeSchemaVersion=1`)).status).toBe(101);
    const refused = await upgradeStatus(`${base}?sbeSchemaId=1&sbeSchemaVersion=9`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'INVALID_REQUEST_PARAMETER' });
    expect((await upgradeStatus(`${base}?sbeSchemaId=2&sbeSchemaVersion=1`)).status).toBe(400);
    expect((await upgradeStatus(`${base}?sbeSchemaVersion=1`)).status).toBe(400);
    expect((await upgradeStatus(`${base}?sbeSchemaId=1`)).status).toBe(400);
    expect((await upgradeStatus(base.replace(/\/v1$/, '/v2'))).status).toBe(404);
  });

  it('keeps the control plane and private channels JSON, and refuses parameterised deltas', async () => {
    const account = await onboardViaRest(sim.httpUrl);
    const socket = await RpcSocket.open(`${sim.wsUrl}?sbeSchemaId=1&sbeSchemaVersion=1`);
    expect(await socket.ok('auth', { bearer: account.jwt })).toHaveProperty('node_id');
    expect(await socket.ok('subscribe', { channel: 'orders.ALL' })).toEqual({ channel: 'orders.ALL' });
    const refused = await socket.call('subscribe', { channel: `order_book.${BTC}.deltas@15@100ms` });
    expect(refused.error).toEqual({ code: -32600, message: 'invalid subscribe request', data: 'no parameters expected for deltas topic' });
    const bid = String(Number((Number(sim.engine.bbo(BTC).bid) - 100).toFixed(1)));
    await socket.ok('order.create', signedOrder(account.signer, { side: 'BUY', size: '0.01', price: bid, timestampMs: sim.engine.now() }));
    const open = await socket.firstNotification('orders.ALL', (d) => d.status === 'OPEN');
    expect(open.data.price).toBe(bid);
    expect(socket.binaries()).toEqual([]);
    await socket.ok('order.cancel_all', {});
    await socket.close();
  });
});

describe('public payloads', () => {
  it('sends binary frames that decode to the JSON frames of the same events, in every version', async () => {
    const json = await RpcSocket.open(sim.wsUrl);
    const sbe = await Promise.all([0, 1, 2].map((v) => RpcSocket.open(`${sim.wsUrl}?sbeSchemaId=1&sbeSchemaVersion=${v}`)));
    for (const socket of [json, ...sbe]) for (const channel of CHANNELS) expect(await socket.ok('subscribe', { channel })).toEqual({ channel });

    // Events: a resting bid, a trade, a mark move, a funding settlement.
    const bbo = sim.engine.bbo(BTC);
    sim.engine.submit({ account: TAKER, market: BTC, side: 'BUY', type: 'LIMIT', size: '0.02', price: String(Number((Number(bbo.bid) + 0.1).toFixed(1))), timeInForce: 'POST_ONLY' });
    sim.engine.processPending();
    sim.engine.submit({ account: TAKER, market: BTC, side: 'SELL', type: 'MARKET', size: '0.05' });
    sim.engine.processPending();
    sim.control.setMarkPrice(BTC, '67000.5');
    sim.engine.setFundingRate(BTC, '0.00012345');
    const settled = sim.engine.settleFunding(BTC);

    await json.firstNotification(`funding_data.${BTC}`, (d) => d.created_at === settled.createdAt);
    for (const socket of sbe) {
      await eventually(() => decodedKind(socket, 'funding_data').some((m) => m.data.created_at === settled.createdAt), 5000, 'funding frame');
    }

    for (const [index, socket] of sbe.entries()) {
      const version = [0, 1, 2][index]!;
      for (const bytes of socket.binaries()) expect(bytes.readUInt16LE(6)).toBe(version);
      expect(socket.received.filter((m) => m.kind === 'json').every((m) => m.kind === 'json' && !('method' in m.message))).toBe(true);

      // bbo: same values for the same book sequence (the first frame of each connection is the
      // value at its own subscription time, so only its book state is compared).
      const jsonBbo = json.notifications(`bbo.${BTC}`);
      const sbeBbo = decodedKind(socket, 'bbo');
      expect(sbeBbo.length).toBe(jsonBbo.length);
      expect(jsonBbo.length).toBeGreaterThan(1);
      for (const [i, frame] of jsonBbo.entries()) {
        const decoded = sbeBbo[i]!.data;
        const asJson = { ...decoded, bid: decoded.bid ?? '', ask: decoded.ask ?? '', bid_size: decoded.bid_size ?? '', ask_size: decoded.ask_size ?? '' };
        if (i === 0) expect({ ...asJson, last_updated_at: 0 }).toEqual({ ...frame.data, last_updated_at: 0 });
        else expect(asJson).toEqual(frame.data);
      }

      // trades: ids (string form from 1:2 on, the deprecated int64 before), side, price, size, time.
      const jsonTrades = json.notifications(`trades.${BTC}`);
      const sbeTrades = decodedKind(socket, 'trade');
      expect(jsonTrades.length).toBeGreaterThan(0);
      expect(sbeTrades.length).toBe(jsonTrades.length);
      for (const [i, frame] of jsonTrades.entries()) {
        const decoded = sbeTrades[i]!.data;
        expect(decoded.trade_id_int64).toBe(BigInt.asIntN(64, BigInt(frame.data.id as string)).toString());
        if (version >= 2) expect(decoded.id).toBe(frame.data.id);
        expect({ market: decoded.market, side: decoded.side, price: decoded.price, size: decoded.size, created_at: decoded.created_at, trade_type: decoded.trade_type }).toEqual({
          market: frame.data.market,
          side: frame.data.side,
          price: frame.data.price,
          size: frame.data.size,
          created_at: frame.data.created_at,
          trade_type: frame.data.trade_type,
        });
      }

      // order book: snapshot then deltas, level for level, seq for seq.
      const jsonBook = json.notifications(`order_book.${BTC}.deltas`).filter((n) => n.data.update_type === 'd');
      const sbeBook = decodedKind(socket, 'book');
      expect(sbeBook[0]!.data.update_type).toBe('s');
      const snapshotJson = json.notifications(`order_book.${BTC}.deltas`)[0]!;
      expect(sbeBook[0]!.data.seq_no).toBe(snapshotJson.data.seq_no);
      expect(sbeBook[0]!.data.bids.map(([price, size]) => ({ side: 'BUY', price, size }))).toEqual((snapshotJson.data.inserts as Level[]).filter((l) => l.side === 'BUY'));
      expect(sbeBook[0]!.data.asks.map(([price, size]) => ({ side: 'SELL', price, size }))).toEqual((snapshotJson.data.inserts as Level[]).filter((l) => l.side === 'SELL'));
      const sbeDeltas = sbeBook.slice(1);
      expect(sbeDeltas.map((m) => m.data.seq_no)).toEqual(jsonBook.map((n) => n.data.seq_no));
      for (const [i, frame] of jsonBook.entries()) {
        const levels = [...(frame.data.inserts as Level[]), ...(frame.data.updates as Level[]), ...(frame.data.deletes as Level[])];
        const decoded = sbeDeltas[i]!.data;
        const asLevels = [...decoded.bids.map(([price, size]) => `BUY ${price} ${size}`), ...decoded.asks.map(([price, size]) => `SELL ${price} ${size}`)];
        expect(asLevels.sort()).toEqual(levels.map((l) => `${l.side} ${l.price} ${l.size}`).sort());
      }

      // markets_summary after the mark move.
      const jsonSummary = json.notifications(`markets_summary.${BTC}`).find((n) => n.data.mark_price === '67000.5')!;
      const sbeSummary = decodedKind(socket, 'markets_summary').find((m) => m.data.mark_price === '67000.5')!;
      expect(sbeSummary.data).toMatchObject({
        symbol: BTC,
        mark_price: jsonSummary.data.mark_price,
        underlying_price: jsonSummary.data.underlying_price,
        created_at: jsonSummary.data.created_at,
        open_interest: jsonSummary.data.open_interest,
        last_traded_price: jsonSummary.data.last_traded_price,
      });

      // funding_data of the settlement (values of 8 decimals or fewer come through unchanged).
      const jsonFunding = json.notifications(`funding_data.${BTC}`).find((n) => n.data.created_at === settled.createdAt) as Notification;
      const sbeFunding = decodedKind(socket, 'funding_data').find((m) => m.data.created_at === settled.createdAt)!;
      expect(sbeFunding.data).toMatchObject({ market: BTC, funding_rate: '0.00012345', funding_period_hours: jsonFunding.data.funding_period_hours });
      expect(Number(sbeFunding.data.funding_index)).toBeCloseTo(Number(jsonFunding.data.funding_index), 7);
    }
    sim.engine.setFundingRate(BTC, undefined);
    sim.engine.cancelAll(TAKER);
    await json.close();
    await Promise.all(sbe.map((s) => s.close()));
  });
});
