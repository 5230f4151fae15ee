/**
 * Every file in test/fixtures/paradex is decoded with the schema assigned to it below and turned
 * into domain objects (multi-case files: every case). A file without an assignment fails the walk.
 * WS payloads whose shape is a REST object (orders, fills, positions...) go through the same REST
 * schema; pure JSON-RPC control frames get a test-local envelope schema (the ws layer owns them).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthError, InvalidOrderError } from '../../../../src/core/errors.js';
import * as parse from '../../../../src/exchanges/paradex/parse.js';
import { decodeValue, parseJsonLossless } from '../../../../src/exchanges/paradex/rest/decode.js';
import { mapParadexError } from '../../../../src/exchanges/paradex/rest/errors.js';
import * as s from '../../../../src/exchanges/paradex/rest/schemas.js';
import { FIXTURE_DIR, SHARED_DIR, ctx, fixtureText } from './support.js';

type Where = 'body' | 'ws-data' | 'ws-frame';

interface Assignment {
  readonly schema: z.ZodType;
  readonly at: Where;
  /** Decoded wire value -> domain objects (or the decoded value when no domain type exists). */
  readonly toDomain: (decoded: never) => unknown;
  /** Assertions on the domain result of one case. */
  readonly check: (domain: never, caseName: string) => void;
}

function assign<S extends z.ZodType, D>(
  schema: S,
  at: Where,
  toDomain: (decoded: z.output<S>) => D,
  check: (domain: D, caseName: string) => void,
): Assignment {
  return { schema, at, toDomain: toDomain as (decoded: never) => unknown, check: check as (domain: never, caseName: string) => void };
}

/** JSON-RPC frames that are not venue data (auth ack, subscribe ack, error): envelope check only. */
const jsonRpcControlFrame = z.looseObject({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string()]),
  result: z.unknown().optional(),
  error: z.looseObject({ code: z.number(), message: z.string() }).optional(),
});
/** Subscription frames whose payload has no REST counterpart (order book deltas, balance events). */
const jsonRpcSubscription = z.looseObject({
  jsonrpc: z.literal('2.0'),
  method: z.literal('subscription'),
  params: z.looseObject({ channel: z.string(), data: z.looseObject({}) }),
});

const ASSIGNMENTS: Readonly<Record<string, Assignment>> = {
  'example_http_get_account.json': assign(s.accountSummarySchema, 'body', parse.parseAccountSummary, (a) => {
    expect(a.equity).toBe('136285.06918911');
    expect(a.freeCollateral).toBe('73276.47229774');
    expect(a.updatedAt).toBe(1681471234972);
  }),
  'example_http_get_account_info.json': assign(s.accountInfoSchema, 'body', (v) => v.results, (rows) => {
    expect(rows[0]?.fees?.maker_rate).toBe('0.0001');
  }),
  'example_http_get_bbo_market.json': assign(s.bboSchema, 'body', parse.parseBbo, (b) => {
    expect(b).toMatchObject({ market: 'BTC-USD-PERP', bid: '30112.22', bidSize: '0.04', ask: '30130.15', askSize: '0.05', seq: 20784 });
  }),
  'example_http_get_fills.json': assign(s.fillsSchema, 'body', (v) => parse.parsePage(v, parse.parseFill), (page) => {
    expect(page.next).toBeDefined();
    expect(page.items[0]).toMatchObject({ id: '8615262148007718462', side: 'buy', liquidity: 'taker', fee: '7.56', clientOrderId: 'x1234' });
  }),
  'example_http_get_funding_payments.json': assign(s.fundingPaymentsSchema, 'body', (v) => parse.parsePage(v, parse.parseFundingPayment), (page) => {
    expect(page.items[0]).toEqual({ id: '1681375578221101699352320000', market: 'BTC-USD-PERP', amount: '34.4490622', timestamp: 1681375481000 });
  }),
  'example_http_get_markets_history.json': assign(s.marketHistorySchema, 'body', (v) => v.results, (rows) => {
    expect(rows[0]?.changed_fields.price_tick_size).toBe('0.01');
  }),
  'example_http_get_orderbook_market_impact-price.json': assign(s.impactPriceSchema, 'body', (v) => v, (v) => {
    expect(v.impact_price).toBe('30130.15');
  }),
  'example_http_get_orders.json': assign(s.openOrdersSchema, 'body', (v) => parse.parseOrders(v.results), (orders) => {
    expect(orders[0]).toMatchObject({ id: '123456', type: 'market', status: 'new', reduceOnly: true, clientOrderId: 'x1234' });
    expect(orders[0]?.price).toBeUndefined(); // market orders carry no price
  }),
  'example_http_get_system_config.json': assign(s.systemConfigSchema, 'body', (v) => v, (v) => {
    expect(v.starknet_chain_id).toBe('SN_CHAIN_ID');
    expect(v.paraclear_account_hash).toMatch(/^0x/);
  }),
  'example_http_post_auth.json': assign(s.authSchema, 'body', (v) => v, (v) => {
    expect(v.jwt_token.split('.')).toHaveLength(3);
  }),
  'example_http_post_orders.json': assign(s.orderSchema, 'body', parse.parseOrder, (o) => {
    expect(o).toMatchObject({ id: '123456', side: 'buy', status: 'new', timeInForce: 'gtc', triggerPrice: '26000' });
  }),
  'example_http_post_orders_400.json': assign(
    s.errorBodySchema,
    'body',
    (v) => mapParadexError({ status: 400, bodyText: JSON.stringify(v), operation: 'write' }),
    (error) => {
      expect(error).toBeInstanceOf(AuthError);
      expect(error.venueCode).toBe('NOT_ONBOARDED');
      expect(error.httpStatus).toBe(400);
    },
  ),
  'example_http_post_orders_batch.json': assign(
    s.batchCreateSchema,
    'body',
    // Two requests: the documented order (client id x1234) and one refused with VALIDATION_ERROR.
    (v) => parse.parseBatchResult([{ client_id: 'refused-1' }, { client_id: 'x1234' }], v),
    (results) => {
      expect(results[1]).toMatchObject({ ok: true, value: { id: '123456' } });
      const refused = results[0];
      expect(refused?.ok).toBe(false);
      if (refused && !refused.ok) expect(refused.error).toBeInstanceOf(InvalidOrderError);
    },
  ),
  'example_http_put_orders_order_id.json': assign(s.orderSchema, 'body', parse.parseOrder, (o) => {
    expect(o.id).toBe('123456');
  }),
  'example_ws_account.json': assign(s.accountSummarySchema, 'ws-data', parse.parseAccountSummary, (a) => {
    // A felt written as a bare 76-digit integer survives exactly (decodeJson's lossless parse).
    expect(a.account).toBe('2073967317963418836098385548657364014517461593362720789160358340057229448442');
    expect(a.updatedAt).toBe(1681471234972);
  }),
  'example_ws_balance_events.json': assign(jsonRpcSubscription, 'ws-frame', (v) => v.params, (p) => {
    expect(p.channel).toBe('balance_events');
  }),
  'example_ws_bbo.json': assign(s.bboSchema, 'ws-data', parse.parseBbo, (b) => {
    expect(b).toMatchObject({ seq: 20784, timestamp: 1681493939981 });
  }),
  'example_ws_fills.json': assign(s.fillSchema, 'ws-data', parse.parseFill, (f) => {
    expect(f).toMatchObject({ orderId: '1681462103821101699438490000', price: '30000.12', size: '0.5', timestamp: 1681375176910 });
  }),
  'example_ws_funding_payments.json': assign(s.fundingPaymentSchema, 'ws-data', parse.parseFundingPayment, (p) => {
    expect(p.amount).toBe('34.4490622');
  }),
  'example_ws_orders.json': assign(s.orderSchema, 'ws-data', parse.parseOrder, (o, caseName) => {
    expect(o.status).toBe('new');
    expect(o.type).toBe(caseName.startsWith('ccxt') ? 'limit' : 'market');
  }),
  'example_ws_positions.json': assign(s.positionSchema, 'ws-data', parse.parsePosition, (p) => {
    expect(p).toMatchObject({ side: 'short', size: '0.345', signedSize: '-0.345', realizedPnl: '-123.23' });
  }),
  'example_ws_transfers.json': assign(s.transferSchema, 'ws-data', (v) => v, (t) => {
    expect(t).toMatchObject({ amount: '100', created_at: 1681497002041 });
  }),
  'http_get_balance.json': assign(s.balancesSchema, 'body', (v) => v.results.map(parse.parseBalance), (b) => {
    expect(b).toEqual([{ asset: 'USDC', total: '78.544', updatedAt: 1721828383887 }]);
  }),
  'http_get_markets.json': assign(s.marketsSchema, 'body', (v) => parse.parseMarkets(v.results), (m) => {
    expect(m[0]).toMatchObject({ symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001', minNotional: '500', positionLimit: '60' });
  }),
  'http_get_markets_klines.json': assign(s.klinesSchema, 'body', parse.parseKlines, (k) => {
    expect(k[0]).toEqual({ time: 1719993660000, open: '60823.3', high: '60823.3', low: '60823.3', close: '60823.3', volume: '4561' });
  }),
  'http_get_markets_summary.json': assign(s.marketsSummarySchema, 'body', (v) => v.results.map(parse.parseFundingRateFromSummary), (f) => {
    expect(f[0]?.market).toBe('BTC-USD-PERP');
    expect(f[0]?.rate).toMatch(/^0\.00\d+$/);
  }),
  'http_get_orderbook_market.json': assign(s.orderBookSchema, 'body', parse.parseOrderBook, (b) => {
    expect(b.asks[0]).toEqual(['67643.2', '3.734']);
    expect(b.bids[0]).toEqual(['66810', '0.078']);
    expect(b.bids).toHaveLength(20);
    expect(b.seq).toBe(14139427);
  }),
  'http_get_orders-history.json': assign(s.ordersHistorySchema, 'body', (v) => parse.parsePage(v, parse.parseOrder), (page) => {
    expect(page.next).toBeUndefined();
    expect(page.items[0]).toMatchObject({ status: 'rejected', filledSize: '0', cancelReason: 'ORDER_SIZE_BELOW_MIN', createdAt: 1721903808505 });
    expect(page.items[0]?.avgFillPrice).toBeUndefined();
    expect(page.items[0]?.triggerPrice).toBeUndefined();
    expect((page.items[0]?.raw as { seq_no: string }).seq_no).toBe('1721903808521364144');
  }),
  'http_get_positions.json': assign(s.positionsSchema, 'body', (v) => v.results.map(parse.parsePosition), (p) => {
    expect(p[0]).toMatchObject({ market: 'SOL-USD-PERP', side: 'long', size: '3', signedSize: '3', entryPrice: '183.06499451' });
    expect(p[0]?.liquidationPrice).toBeUndefined();
  }),
  'http_get_system_state.json': assign(s.systemStateSchema, 'body', (v) => v, (v) => {
    expect(v.status).toBe('ok');
  }),
  'http_get_system_time.json': assign(s.systemTimeSchema, 'body', (v) => v, (v) => {
    expect(v.server_time).toBe(1721281853309);
  }),
  'http_get_trades.json': assign(s.tradesSchema, 'body', (v) => parse.parsePage(v, parse.parseTrade), (page) => {
    expect(page.next).toMatch(/^eyJ/);
    expect(page.items[0]).toEqual({ market: 'BTC-USD-PERP', id: '1718377985380201703994000001', side: 'buy', price: '67643.2', size: '0.026', timestamp: 1718377985388 });
  }),
  'http_get_transfers.json': assign(s.transfersSchema, 'body', (v) => v.results, (t) => {
    expect(t[0]).toMatchObject({ kind: 'DEPOSIT', amount: '78.544', created_at: 1721828356455 });
  }),
  'ws_auth_result.json': assign(jsonRpcControlFrame, 'ws-frame', (v) => v, (v) => {
    expect(v.result).toEqual({ node_id: '73cf456f7cb78d59' });
  }),
  'ws_error.json': assign(jsonRpcControlFrame, 'ws-frame', (v) => v, (v) => {
    expect(v.error?.code).toBe(-32600);
  }),
  'ws_funding_data.json': assign(s.fundingDataSchema, 'ws-data', parse.parseFundingRate, (f) => {
    expect(f).toEqual({ market: 'TRUMP-USD-PERP', rate: '-0.00014969570582', periodHours: 8, timestamp: 1771506636154 });
  }),
  'ws_markets_summary.json': assign(s.marketSummarySchema, 'ws-data', (v) => ({ wire: v, funding: parse.parseFundingRateFromSummary(v) }), (r) => {
    expect(r.wire.price_change_rate_24h).toBeUndefined(); // recorded as ""
    expect(r.funding.markPrice).toBe('49.80885481');
  }),
  'ws_order_book.json': assign(jsonRpcSubscription, 'ws-frame', (v) => v.params, (p) => {
    expect(p.channel).toMatch(/^order_book\./);
  }),
  'ws_subscribe_result.json': assign(jsonRpcControlFrame, 'ws-frame', (v) => v, (v) => {
    expect((v.result as { channel: string }).channel).toMatch(/BTC-USD-PERP/);
  }),
  'ws_trades.json': assign(s.tradeSchema, 'ws-data', parse.parseTrade, (t) => {
    expect(t).toMatchObject({ market: 'kBONK-USD-PERP', price: '0.028776', size: '34028' });
  }),
};

interface Case {
  readonly name: string;
  readonly payload: unknown;
}

function casesOf(file: string, at: Where): Case[] {
  const json = parseJsonLossless(fixtureText(file));
  const multi = Array.isArray(json) && json.every((c) => typeof c === 'object' && c !== null && 'case' in c);
  const raw: { name: string; value: unknown }[] = multi
    ? (json as { case: string; response?: unknown; message?: unknown }[]).map((c) => ({ name: c.case, value: c.response ?? c.message }))
    : [{ name: file, value: json }];
  return raw.map(({ name, value }) => ({
    name,
    payload: at === 'ws-data' ? (value as { params: { data: unknown } }).params.data : value,
  }));
}

const files = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('Paradex fixtures', () => {
  // Drift check against the steering repo's shared/ (beside the clone in CI); a clone without it says so.
  it.skipIf(!existsSync(`${SHARED_DIR}fixtures/paradex`))('has every shared fixture copied, byte for byte (skipped when ../shared is absent)', () => {
    const shared = readdirSync(`${SHARED_DIR}fixtures/paradex`).sort();
    expect(files).toEqual(shared);
    for (const file of shared) {
      expect(fixtureText(file), file).toBe(readFileSync(`${SHARED_DIR}fixtures/paradex/${file}`, 'utf8'));
    }
  });

  it('assigns a schema to every fixture file', () => {
    const unassigned = files.filter((f) => ASSIGNMENTS[f] === undefined);
    expect(unassigned).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(files)('%s', (file) => {
    const assignment = ASSIGNMENTS[file];
    it('decodes every case and converts it to domain objects', () => {
      if (assignment === undefined) throw new Error(`no schema assigned to ${file}`);
      const cases = casesOf(file, assignment.at);
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const decoded = decodeValue(assignment.schema, c.payload, ctx(file));
        const domain = assignment.toDomain(decoded as never);
        assignment.check(domain as never, c.name);
      }
    });
  });
});
