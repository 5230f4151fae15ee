import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillIdFromWire, fillIdToWire, fromWireId, orderIdFromWire, orderIdToWire, toWireId, wireSeqNo } from '../../../../src/simulator/dialects/paradex/ids.js';
import {
  accountSummaryToWire,
  balanceToWire,
  bboToWire,
  cancelReasonToWire,
  fillToWire,
  fundingDataToWire,
  fundingPaymentToWire,
  marketSummaryToWire,
  marketToWire,
  orderBookToWire,
  orderToWire,
  positionToWire,
  tradeToWire,
} from '../../../../src/simulator/dialects/paradex/wire/index.js';
import { newVenue } from './support.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../fixtures/paradex/${name}`, import.meta.url), 'utf8'));
const keysOf = (value: unknown) => Object.keys(value as object).sort();
const firstResult = (name: string) => (fixture(name) as { results: unknown[] }).results[0];
const firstCase = (name: string) => ((fixture(name) as { response: { results: unknown[] } }[])[0]!.response.results[0]);

/** A trading account with a resting order, a fill and a position on a quiet engine. */
function tradedEngine() {
  const { engine } = newVenue();
  engine.createAccount('0xabc', { collateral: '100000' });
  const resting = engine.submit({ account: '0xabc', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '60000', clientId: 'rest-1' });
  engine.submit({ account: '0xabc', market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.01', reduceOnly: false });
  engine.processPending();
  return { engine, resting };
}

describe('ids', () => {
  it('maps engine ids to 28-digit venue-looking ids and back, per kind', () => {
    expect(orderIdToWire('74')).toBe('1000000000000000000000000074');
    expect(orderIdFromWire('1000000000000000000000000074')).toBe('74');
    expect(fillIdToWire('5')).toMatch(/^2\d{27}$/);
    expect(fillIdFromWire(orderIdToWire('5'))).toBeUndefined();
    expect(orderIdFromWire('1681462103821101699438490000')).toBe('681462103821101699438490000');
    expect(orderIdFromWire('12')).toBeUndefined();
    expect(fromWireId('trade', toWireId('trade', '9'))).toBe('9');
    expect(fromWireId('order', '1000000000000000000000000000')).toBeUndefined();
  });

  it('seq_no grows with each change of an object and stays a safe integer', () => {
    const a = wireSeqNo(1_795_000_000_000, 1);
    const b = wireSeqNo(1_795_000_000_000, 2);
    const c = wireSeqNo(1_795_000_000_001, 3);
    expect(a < b && b < c).toBe(true);
    expect(Number.isSafeInteger(wireSeqNo(4_102_444_800_000, 999))).toBe(true);
  });
});

describe('wire mapping', () => {
  it('orders carry the recorded order-history field set and the venue spellings', () => {
    const { engine, resting } = tradedEngine();
    const meta = { signatureTimestamp: 123, receivedAt: 456, instruction: 'GTC', extraFlags: [] };
    const wire = orderToWire(engine.order('0xabc', { id: resting.id })!, meta);
    expect(keysOf(wire)).toEqual(keysOf(firstResult('http_get_orders-history.json')));
    expect(wire).toMatchObject({
      id: orderIdToWire(resting.id),
      status: 'OPEN',
      side: 'BUY',
      type: 'LIMIT',
      size: '0.01',
      remaining_size: '0.01',
      price: '60000',
      avg_fill_price: '',
      cancel_reason: '',
      client_id: 'rest-1',
      timestamp: 123,
      received_at: 456,
      trigger_price: '0',
      flags: [],
      stp: 'EXPIRE_TAKER',
    });
    expect(orderToWire(engine.order('0xabc', { id: resting.id })!, meta, 'ws').avg_fill_price).toBe('0');
    const filled = engine.orderHistory('0xabc').find((o) => o.type === 'MARKET')!;
    expect(orderToWire(filled)).toMatchObject({ status: 'CLOSED', price: '0', remaining_size: '0', cancel_reason: '', instruction: 'IOC' });
    expect(Number(orderToWire(filled).avg_fill_price)).toBeGreaterThan(0);
  });

  it('renders reduce-only and extra flags, and maps cancel reasons', () => {
    const { engine } = newVenue();
    engine.createAccount('0xabc', { collateral: '100000' });
    const o = engine.submit({ account: '0xabc', market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_MARKET', size: '0.01', triggerPrice: '50000', reduceOnly: true });
    const wire = orderToWire(o, { signatureTimestamp: 1, receivedAt: 1, instruction: '', extraFlags: ['STOP_CONDITION_BELOW_TRIGGER'] });
    expect(wire.flags).toEqual(['REDUCE_ONLY', 'STOP_CONDITION_BELOW_TRIGGER']);
    expect(wire.trigger_price).toBe('50000');
    expect(cancelReasonToWire('NOT_ENOUGH_MARGIN')).toBe('NOT_ENOUGH_MARGIN');
    expect(cancelReasonToWire(undefined)).toBe('');
  });

  it('fills, positions, account, balance match the recorded/documented field sets', () => {
    const { engine } = tradedEngine();
    const fill = engine.fills('0xabc')[0]!;
    const wireFill = fillToWire(fill);
    expect(keysOf(wireFill)).toEqual(keysOf(firstResult('example_http_get_fills.json')));
    expect(wireFill).toMatchObject({ side: 'BUY', size: '0.01', liquidity: 'TAKER', fee_currency: 'USDC', order_id: orderIdToWire(fill.orderId), flags: [] });

    const position = engine.positions('0xabc')[0]!;
    const restPosition = positionToWire(position, { fundingIndex: '1.5' });
    expect(keysOf(restPosition)).toEqual(keysOf(firstCase('http_get_positions.json')));
    expect(restPosition).toMatchObject({ id: '0xabc-BTC-USD-PERP', side: 'LONG', status: 'OPEN', size: '0.01', cached_funding_index: '1.5', liquidation_price: '' });
    const wsPosition = positionToWire(position, { channel: 'ws' });
    const wsFixture = (fixture('example_ws_positions.json') as { params: { data: object } }).params.data;
    expect(keysOf(wsPosition)).toEqual([...keysOf(wsFixture), 'account', 'leverage', 'liquidation_price'].sort());
    const flat = positionToWire({ ...position, side: 'FLAT', size: '0' }, { closedSide: 'SHORT' });
    expect(flat).toMatchObject({ status: 'CLOSED', side: 'SHORT', average_entry_price: '0' });

    const summary = engine.accountSummary('0xabc');
    const account = accountSummaryToWire(summary);
    expect(keysOf(account)).toEqual(keysOf(fixture('example_http_get_account.json')));
    expect(account).toMatchObject({ account: '0xabc', settlement_asset: 'USDC', status: 'ACTIVE', total_collateral: summary.collateral });
    expect(keysOf(balanceToWire(summary))).toEqual(keysOf(firstResult('http_get_balance.json')));
  });

  it('market data shapes follow the recorded responses', () => {
    const { engine } = tradedEngine();
    const market = marketToWire(engine.market('BTC-USD-PERP'));
    expect(market).not.toHaveProperty('simulator');
    expect(market).toMatchObject(firstResult('http_get_markets.json') as object);
    expect(keysOf(marketSummaryToWire(engine.marketSummary('BTC-USD-PERP')))).toEqual(keysOf(firstCase('http_get_markets_summary.json')));
    const book = orderBookToWire(engine.bookSnapshot('BTC-USD-PERP', 5));
    expect(keysOf(book)).toEqual(keysOf(fixture('http_get_orderbook_market.json')));
    expect(book.bids[0]).toEqual([expect.stringMatching(/^\d+(\.\d+)?$/), expect.stringMatching(/^\d+(\.\d+)?$/)]);
    expect(keysOf(bboToWire(engine.bbo('BTC-USD-PERP')))).toEqual(keysOf(fixture('example_http_get_bbo_market.json')));
    const trade = tradeToWire(engine.recentTrades('BTC-USD-PERP', 1)[0]!);
    expect(keysOf(trade)).toEqual(keysOf((fixture('http_get_trades.json') as { results: unknown[] }).results[0]));
  });

  it('funding data and payments', () => {
    const { engine } = tradedEngine();
    engine.setFundingRate('BTC-USD-PERP', '0.0001');
    const rate = engine.settleFunding('BTC-USD-PERP');
    const data = fundingDataToWire(rate);
    expect(data).toMatchObject({ market: 'BTC-USD-PERP', funding_rate: '0.0001', funding_rate_8h: '0.0001', funding_period_hours: 8 });
    expect(fundingDataToWire({ ...rate, periodHours: 1 }).funding_rate_8h).toBe('0.0008');
    const payment = engine.fundingPayments('0xabc')[0]!;
    const wire = fundingPaymentToWire(payment);
    expect(keysOf(wire)).toEqual([...keysOf(firstResult('example_http_get_funding_payments.json')), 'account'].sort());
    expect(wire.payment.startsWith('-')).toBe(true); // a long pays a positive rate
  });
});
