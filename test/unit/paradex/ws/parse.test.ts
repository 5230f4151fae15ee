/**
 * WS payload parsers on the recorded fixtures (ccxt-pasted captures and documentation examples in
 * test/fixtures/paradex) and on malformed payloads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import {
  parseWsAccount,
  parseWsBalanceEvent,
  parseWsFill,
  parseWsFundingPayment,
  parseWsOrder,
  parseWsPosition,
  parseWsTradeBust,
} from '../../../../src/exchanges/paradex/parse-ws-private.js';
import { parseWsBbo, parseWsBookUpdate, parseWsFundingData, parseWsMarketSummary, parseWsTrade } from '../../../../src/exchanges/paradex/parse-ws-public.js';
import { parseJsonLossless } from '../../../../src/exchanges/paradex/rest/decode.js';

const raw = (name: string): string => readFileSync(new URL(`../../../fixtures/paradex/${name}`, import.meta.url), 'utf8');
/** params.data of a single-message fixture, read losslessly like the router does for private frames. */
const data = (name: string): Record<string, unknown> => (parseJsonLossless(raw(name)) as { params: { data: Record<string, unknown> } }).params.data;

describe('public payloads (recorded)', () => {
  it('bbo: quoted integers accepted, decimals kept exactly', () => {
    expect(parseWsBbo(data('example_ws_bbo.json'))).toEqual({
      market: 'BTC-USD-PERP',
      bid: '30112.22',
      bidSize: '0.04',
      ask: '30130.15',
      askSize: '0.05',
      seq: 20784,
      timestamp: 1681493939981,
    });
  });

  it('trades', () => {
    expect(parseWsTrade(data('ws_trades.json'))).toEqual({
      market: 'kBONK-USD-PERP',
      id: '1718179273230201709233240002',
      side: 'buy',
      price: '0.028776',
      size: '34028',
      timestamp: 1718179273230,
    });
  });

  it('order_book snapshot', () => {
    expect(parseWsBookUpdate(data('ws_order_book.json'))).toEqual({
      market: 'BTC-USD-PERP',
      seq: 14127815,
      timestamp: 1718267837265,
      snapshot: true,
      bids: [['67629.7', '0.992']],
      asks: [['69378.6', '3.137']],
    });
  });

  it('order_book delta: deletes become size "0"', () => {
    const update = parseWsBookUpdate({
      seq_no: 2,
      market: 'M',
      last_updated_at: 5,
      update_type: 'd',
      inserts: [{ side: 'BUY', price: '1', size: '2' }],
      updates: [{ side: 'SELL', price: '3', size: '4' }],
      deletes: [{ side: 'SELL', price: '5', size: '6' }],
    });
    expect(update).toMatchObject({ snapshot: false, bids: [['1', '2']], asks: [['3', '4'], ['5', '0']] });
  });

  it('funding_data and markets_summary', () => {
    expect(parseWsFundingData(data('ws_funding_data.json'))).toEqual({ market: 'TRUMP-USD-PERP', rate: '-0.00014969570582', periodHours: 8, timestamp: 1771506636154 });
    expect(parseWsMarketSummary(data('ws_markets_summary.json'))).toEqual({
      market: 'ORDI-USD-PERP',
      markPrice: '49.80885481',
      funding: { market: 'ORDI-USD-PERP', rate: '0.03919997509811', markPrice: '49.80885481', timestamp: 1718334307698 },
    });
  });

  it('refuses floats for money, bad sides and bad sequences, naming the field', () => {
    const bbo = data('example_ws_bbo.json');
    expect(() => parseWsBbo({ ...bbo, bid: 30112.22 })).toThrow(/bbo: bid must be a decimal string/);
    expect(() => parseWsTrade({ ...data('ws_trades.json'), side: 'buy' })).toThrow(/trades: side must be "BUY" or "SELL"/);
    expect(() => parseWsTrade({ ...data('ws_trades.json'), price: '1e5' })).toThrow(DecodeError);
    expect(() => parseWsBookUpdate({ ...data('ws_order_book.json'), seq_no: -1 })).toThrow(/seq_no must be a non-negative safe integer/);
    expect(() => parseWsBookUpdate({ ...data('ws_order_book.json'), update_type: 'x' })).toThrow(/update_type/);
    expect(() => parseWsBookUpdate({ ...data('ws_order_book.json'), inserts: [{ side: 'BUY', price: '1', size: '-2' }] })).toThrow(/inserts\.0\.size/);
    expect(() => parseWsBbo(null)).toThrow(/\(root\) must be an object/);
  });
});

describe('private payloads (documentation examples)', () => {
  it('orders: both recorded cases', () => {
    const cases = JSON.parse(raw('example_ws_orders.json')) as { message: { params: { data: unknown } } }[];
    const [docs, ccxt] = cases.map((c) => parseWsOrder(c.message.params.data));
    expect(docs).toMatchObject({ id: '123456', clientOrderId: 'x1234', market: 'BTC-USD-PERP', side: 'buy', type: 'market', status: 'new', size: '0.05', filledSize: '0.05', timeInForce: 'gtc' });
    expect(ccxt).toMatchObject({ id: '123456', type: 'limit', price: '26000', reduceOnly: true, status: 'new' });
  });

  it('fills, positions, account, funding payments, balance events', () => {
    expect(parseWsFill(data('example_ws_fills.json'))).toMatchObject({
      id: '8615262148007718462',
      orderId: '1681462103821101699438490000',
      clientOrderId: 'x1234',
      side: 'buy',
      price: '30000.12',
      size: '0.5',
      fee: '7.56',
      feeAsset: 'USDC',
      liquidity: 'taker',
      timestamp: 1681375176910,
    });
    expect(parseWsPosition(data('example_ws_positions.json'))).toMatchObject({ market: 'BTC-USD-PERP', side: 'short', size: '0.345', signedSize: '-0.345', entryPrice: '29001.34' });
    expect(parseWsAccount(data('example_ws_account.json'))).toMatchObject({
      account: '2073967317963418836098385548657364014517461593362720789160358340057229448442',
      equity: '136285.06918911',
      freeCollateral: '73276.47229774',
    });
    expect(parseWsFundingPayment(data('example_ws_funding_payments.json'))).toEqual({ id: '1681375578221101699352320000', market: 'BTC-USD-PERP', amount: '34.4490622', timestamp: 1681375481000 });
    expect(parseWsBalanceEvent(data('example_ws_balance_events.json'))).toEqual({ asset: 'USDC', total: '0.000000000000000000', updatedAt: 1681497002041 });
  });

  it('tradebusts (hand-made from the AsyncAPI example values: no recording exists)', () => {
    expect(parseWsTradeBust({ account: '0x495d2eb5236a12b8b4ad7d3849ce6a203ce21c43f473c248dfd5ce70d9454fa', busted_fill_id: '12342345', created_at: 1681497002041 })).toEqual({
      fillId: '12342345',
      timestamp: 1681497002041,
    });
    expect(() => parseWsTradeBust({ created_at: 1 })).toThrow(/busted_fill_id/);
  });

  it('a fill with a float price is a DecodeError, not a fill', () => {
    expect(() => parseWsFill({ ...data('example_ws_fills.json'), price: 30000.12 })).toThrow(DecodeError);
  });
});
