import { describe, expect, it } from 'vitest';
import { DecodeError, ExchangeError, InvalidOrderError, NotSupportedError, RequestError } from '../../../../src/core/errors.js';
import type { OrderStatus } from '../../../../src/core/types.js';
import {
  ORDER_STATUS_TABLE,
  parseBatchResult,
  parseMarket,
  parseMarkets,
  parseOrder,
  parseOrderBook,
  parsePage,
  parsePosition,
} from '../../../../src/exchanges/paradex/parse.js';
import { decodeJson } from '../../../../src/exchanges/paradex/rest/decode.js';
import type { WireMarket, WireOrder, WirePosition } from '../../../../src/exchanges/paradex/rest/schemas.js';
import { WIRE_ORDER_STATUSES, marketsSchema, orderSchema } from '../../../../src/exchanges/paradex/rest/schemas.js';
import { ctx, fixtureText } from './support.js';

/** The recorded order (orders-history), reshaped per case. */
const recorded = (): WireOrder => {
  const page = JSON.parse(fixtureText('http_get_orders-history.json')) as { results: unknown[] };
  return decodeJson(orderSchema, JSON.stringify(page.results[0]), ctx('GET /orders-history'));
};
const order = (changes: Partial<WireOrder>): WireOrder => ({ ...recorded(), cancel_reason: '', ...changes });

describe('order status mapping', () => {
  it('has a row for every wire status', () => {
    expect(Object.keys(ORDER_STATUS_TABLE).sort()).toEqual([...WIRE_ORDER_STATUSES].sort());
  });

  it.each<[string, Partial<WireOrder>, OrderStatus]>([
    ['NEW', { status: 'NEW' }, 'new'],
    ['UNTRIGGERED', { status: 'UNTRIGGERED', type: 'STOP_LIMIT' }, 'untriggered'],
    ['OPEN, nothing filled', { status: 'OPEN' }, 'open'],
    ['OPEN, part filled', { status: 'OPEN', remaining_size: '0.1' }, 'partially_filled'],
    ['CLOSED, all filled', { status: 'CLOSED', remaining_size: '0' }, 'filled'],
    ['CLOSED, all filled with a reason set', { status: 'CLOSED', remaining_size: '0', cancel_reason: 'USER_CANCELED' }, 'filled'],
    ['CLOSED by NOT_ENOUGH_MARGIN', { status: 'CLOSED', cancel_reason: 'NOT_ENOUGH_MARGIN' }, 'rejected'],
    ['CLOSED by ORDER_EXCEEDS_POSITION_LIMIT', { status: 'CLOSED', cancel_reason: 'ORDER_EXCEEDS_POSITION_LIMIT' }, 'rejected'],
    ['CLOSED by ORDER_SIZE_BELOW_MIN', { status: 'CLOSED', cancel_reason: 'ORDER_SIZE_BELOW_MIN' }, 'rejected'],
    ['CLOSED by POST_ONLY_WOULD_CROSS', { status: 'CLOSED', instruction: 'POST_ONLY', cancel_reason: 'POST_ONLY_WOULD_CROSS' }, 'rejected'],
    ['CLOSED by a risk reason after a partial fill', { status: 'CLOSED', remaining_size: '0.1', cancel_reason: 'NOT_ENOUGH_MARGIN' }, 'canceled'],
    ['CLOSED by the user', { status: 'CLOSED', cancel_reason: 'USER_CANCELED' }, 'canceled'],
    ['CLOSED by an unknown reason', { status: 'CLOSED', cancel_reason: 'SOMETHING_ELSE' }, 'canceled'],
    ['CLOSED IOC leftover', { status: 'CLOSED', instruction: 'IOC', remaining_size: '0.2', cancel_reason: 'NO_LIQUIDITY' }, 'expired'],
    ['CLOSED market leftover', { status: 'CLOSED', type: 'MARKET', remaining_size: '0.2' }, 'expired'],
    ['CLOSED market by self-trade prevention', { status: 'CLOSED', type: 'MARKET', cancel_reason: 'SELF_TRADE' }, 'canceled'],
    ['CLOSED IOC cancelled by the user', { status: 'CLOSED', instruction: 'IOC', cancel_reason: 'USER_CANCELED' }, 'canceled'],
    ['CLOSED whole-position TP/SL', { status: 'CLOSED', type: 'STOP_LOSS_MARKET', size: '0', remaining_size: '0' }, 'filled'],
  ])('%s -> %s', (_name, changes, expected) => {
    expect(parseOrder(order(changes)).status).toBe(expected);
  });

  it('computes filledSize = size - remaining_size exactly', () => {
    const parsed = parseOrder(order({ status: 'OPEN', size: '0.3', remaining_size: '0.1' }));
    expect(parsed.filledSize).toBe('0.2');
    expect(parsed.remainingSize).toBe('0.1');
  });

  it('maps instruction, flags, type, empty strings and zero prices', () => {
    const parsed = parseOrder(order({ instruction: 'POST_ONLY', flags: ['REDUCE_ONLY'], type: 'TAKE_PROFIT_LIMIT', trigger_price: '55', client_id: 'c-1' }));
    expect(parsed).toMatchObject({ timeInForce: 'post_only', reduceOnly: true, type: 'take_profit_limit', triggerPrice: '55', clientOrderId: 'c-1' });
    expect(parseOrder(order({ instruction: '' })).timeInForce).toBe('gtc');
    expect(parseOrder(order({ instruction: 'RPI' })).timeInForce).toBe('post_only');
    const market = parseOrder(order({ type: 'MARKET', price: '0', avg_fill_price: '0' }));
    expect(market.price).toBeUndefined();
    expect(market.avgFillPrice).toBeUndefined();
    expect(market.clientOrderId).toBeUndefined();
    expect(market.cancelReason).toBeUndefined();
    expect(market.raw).toBeDefined();
  });

  it('refuses an order whose remaining size exceeds its size', () => {
    expect(() => parseOrder(order({ size: '0.3', remaining_size: '0.4' }))).toThrow(DecodeError);
    expect(() => parseOrder(order({ remaining_size: '-1' }))).toThrow(/remaining_size/);
  });
});

describe('parsePosition', () => {
  const base = (): WirePosition => ({ market: 'BTC-USD-PERP', side: 'LONG', status: 'OPEN', size: '1.5', last_updated_at: 1 });

  it('signs short sizes negative whether the venue signs them or not', () => {
    expect(parsePosition({ ...base(), side: 'SHORT', size: '-0.345' })).toMatchObject({ side: 'short', size: '0.345', signedSize: '-0.345' });
    expect(parsePosition({ ...base(), side: 'SHORT', size: '0.345' })).toMatchObject({ side: 'short', size: '0.345', signedSize: '-0.345' });
    expect(parsePosition(base())).toMatchObject({ side: 'long', size: '1.5', signedSize: '1.5', entryPrice: '0', unrealizedPnl: '0' });
  });

  it('is flat when the size is 0 or the position is CLOSED', () => {
    expect(parsePosition({ ...base(), size: '0' })).toMatchObject({ side: 'flat', size: '0', signedSize: '0' });
    expect(parsePosition({ ...base(), status: 'CLOSED', side: 'SHORT', size: '-2' })).toMatchObject({ side: 'flat', signedSize: '0' });
  });

  it('refuses a LONG with a negative size', () => {
    expect(() => parsePosition({ ...base(), size: '-1' })).toThrow(DecodeError);
  });
});

describe('markets', () => {
  const wire = (): WireMarket => {
    const first = decodeJson(marketsSchema, fixtureText('http_get_markets.json'), ctx('GET /markets')).results[0];
    if (!first) throw new Error('fixture empty');
    return first;
  };

  it('keeps PERP and PERP_OPTION and filters the other asset kinds out of lists', () => {
    const list = [wire(), { ...wire(), symbol: 'BTC-USD-66000-C', asset_kind: 'PERP_OPTION' }, { ...wire(), symbol: 'ETH-USDC', asset_kind: 'SPOT' }];
    expect(parseMarkets(list).map((m) => [m.symbol, m.kind])).toEqual([
      ['BTC-USD-PERP', 'PERP'],
      ['BTC-USD-66000-C', 'PERP_OPTION'],
    ]);
  });

  it('does not mistake prototype names for asset kinds', () => {
    expect(parseMarkets([{ ...wire(), asset_kind: 'constructor' }, { ...wire(), asset_kind: 'toString' }])).toEqual([]);
  });

  it('rejects a non-perpetual market asked for by name', () => {
    expect(() => parseMarket({ ...wire(), asset_kind: 'OPTION' })).toThrow(NotSupportedError);
  });

  it('reads "0" and "" limits as not set', () => {
    const m = parseMarket({ ...wire(), position_limit: '0', max_order_size: undefined, max_open_orders: 0 });
    expect(m.positionLimit).toBeUndefined();
    expect(m.maxOrderSize).toBeUndefined();
    expect(m.maxOpenOrders).toBeUndefined();
  });

  it('refuses a zero tick size at decode time', () => {
    const text = fixtureText('http_get_markets.json').replace('"price_tick_size": "0.1"', '"price_tick_size": "0"');
    expect(() => decodeJson(marketsSchema, text, ctx('GET /markets'))).toThrow(/price_tick_size: must be greater than 0/);
  });
});

describe('parseOrderBook', () => {
  it('puts the best level first on both sides even when the venue does not', () => {
    const book = parseOrderBook({
      market: 'BTC-USD-PERP',
      asks: [['101', '1'], ['100.5', '2']],
      bids: [['99', '1'], ['99.5', '3']],
      seq_no: '12',
      last_updated_at: 5,
    });
    expect(book.asks.map(([p]) => p)).toEqual(['100.5', '101']);
    expect(book.bids.map(([p]) => p)).toEqual(['99.5', '99']);
    expect(book.seq).toBe(12);
  });
});

describe('parsePage', () => {
  it('drops a null cursor and keeps a real one', () => {
    expect(parsePage({ next: null, results: [1, 2] }, (n) => n * 2)).toEqual({ items: [2, 4] });
    expect(parsePage({ next: 'abc', results: [] }, (n: number) => n)).toEqual({ items: [], next: 'abc' });
  });
});

describe('parseBatchResult', () => {
  const accepted = (clientId: string, id: string): WireOrder => order({ status: 'NEW', client_id: clientId, id });

  it('matches accepted orders to requests by client id, whatever their order in the answer', () => {
    const results = parseBatchResult([{ client_id: 'a' }, { client_id: 'b' }, { client_id: 'c' }], {
      orders: [accepted('c', '3'), accepted('a', '1'), accepted('b', '2')],
      errors: [],
    });
    expect(results.map((r) => (r.ok ? r.value.id : 'error'))).toEqual(['1', '2', '3']);
  });

  it('gives the only error to the only request without an order', () => {
    const results = parseBatchResult([{ clientOrderId: 'a' }, { clientOrderId: 'b' }], {
      orders: [accepted('a', '1')],
      errors: [{ error: 'INVALID_ORDER_SIZE', message: 'too small' }],
    });
    expect(results[0]?.ok).toBe(true);
    const second = results[1];
    expect(second?.ok).toBe(false);
    if (second && !second.ok) {
      expect(second.error).toBeInstanceOf(InvalidOrderError);
      expect((second.error as InvalidOrderError).venueCode).toBe('INVALID_ORDER_SIZE');
      expect((second.error as InvalidOrderError).outcome).toBe('rejected');
    }
  });

  it('falls back to request order for orders without client ids when nothing failed', () => {
    const results = parseBatchResult([{}, {}], { orders: [accepted('', '1'), accepted('', '2')], errors: [] });
    expect(results.map((r) => (r.ok ? r.value.id : 'error'))).toEqual(['1', '2']);
  });

  it('reports outcome unknown when orders and errors cannot be told apart', () => {
    const results = parseBatchResult([{}, {}], { orders: [accepted('', '1')], errors: [{ error: 'VALIDATION_ERROR' }] });
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(ExchangeError);
        expect((r.error as ExchangeError).outcome).toBe('unknown');
        expect((r.error as ExchangeError).venueCode).toBe('BATCH_UNMATCHED');
      }
    }
  });

  it('reports outcome unknown for a request the venue did not answer at all', () => {
    const results = parseBatchResult([{ client_id: 'a' }, { client_id: 'b' }], { orders: [accepted('a', '1')], errors: [] });
    expect(results[0]?.ok).toBe(true);
    const missing = results[1];
    expect(missing && !missing.ok && (missing.error as ExchangeError).outcome).toBe('unknown');
  });

  it('maps unknown batch error codes to RequestError keeping the code', () => {
    const [only] = parseBatchResult([{ client_id: 'a' }], { orders: [], errors: [{ error: 'BRAND_NEW_CODE' }] });
    expect(only && !only.ok && only.error).toBeInstanceOf(RequestError);
  });
});
