import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, fromScaledInteger, gt, isMultipleOf, lte, lt, gte, sub, toScaledInteger } from '../../../../src/core/decimal.js';
import { InvalidOrderError, NotSupportedError, RequestError } from '../../../../src/core/errors.js';
import type { Market, OrderRequest } from '../../../../src/core/types.js';
import type { FormatContext } from '../../../../src/exchanges/paradex/format.js';
import { formatModify, formatOrder, historyQuery } from '../../../../src/exchanges/paradex/format.js';
import { btcMarket, ethMarket, sharedJson } from './support.js';

interface VectorOrder {
  readonly label: string;
  readonly typed_data: { readonly message: Record<string, string> };
  readonly rest_body_ccxt?: Record<string, unknown>;
}
interface Vectors {
  readonly orders: readonly VectorOrder[];
  readonly modify_order: { readonly typed_data: { readonly message: Record<string, string> }; readonly request: { readonly body_ccxt: Record<string, unknown> } };
}
const vectors = (): Vectors => sharedJson('vectors/paradex-vectors.json') as Vectors;

const withoutSignature = (body: Record<string, unknown>): Record<string, unknown> => {
  const { signature: _s, signature_timestamp: _t, ...rest } = body;
  return rest;
};

/** The domain request behind each vector order that has a recorded REST body. */
const VECTOR_REQUESTS: Readonly<Record<string, { req: OrderRequest; market: () => Market; ctx?: Partial<FormatContext> }>> = {
  'LIMIT BUY 0.01 BTC-USD-PERP @ 65000.5': {
    req: { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '65000.5' },
    market: btcMarket,
  },
  'MARKET SELL 0.5 ETH-USD-PERP': {
    req: { market: 'ETH-USD-PERP', side: 'sell', type: 'market', size: '0.5' },
    market: ethMarket,
    ctx: { referencePrice: '3000' },
  },
  'STOP_LIMIT SELL 0.01 BTC-USD-PERP limit 60000 trigger 60500': {
    req: { market: 'BTC-USD-PERP', side: 'sell', type: 'stop_limit', size: '0.01', price: '60000', triggerPrice: '60500', clientOrderId: 'my-stop-1' },
    market: btcMarket,
  },
};

const requestFor = (label: string) => Object.entries(VECTOR_REQUESTS).find(([prefix]) => label.startsWith(prefix))?.[1];

/** The signable as the signer will scale it, in the vector's typed-data spelling. */
function asTypedMessage(signable: { market: string; side: string; type: string; size: string; price: string }) {
  return {
    market: signable.market,
    side: signable.side === 'BUY' ? '1' : '2',
    orderType: signable.type,
    size: toScaledInteger(signable.size, 8).toString(),
    price: toScaledInteger(signable.price, 8).toString(),
  };
}

describe('formatOrder on the shared vectors', () => {
  const withBodies = () => vectors().orders.filter((o) => o.rest_body_ccxt !== undefined);

  it('has a domain request for every vector order with a recorded body', () => {
    expect(withBodies().length).toBe(3);
    expect(withBodies().filter((o) => requestFor(o.label) === undefined).map((o) => o.label)).toEqual([]);
  });

  it('produces each recorded ccxt body field for field, and the signed message', () => {
    for (const vector of withBodies()) {
      const spec = requestFor(vector.label);
      if (!spec || !vector.rest_body_ccxt) throw new Error(`no request for ${vector.label}`);
      const { body, signable } = formatOrder(spec.req, spec.market(), { precision: 'reject', ...spec.ctx });
      expect(body, vector.label).toEqual(withoutSignature(vector.rest_body_ccxt));
      const { timestamp: _t, ...message } = vector.typed_data.message;
      expect(asTypedMessage(signable), vector.label).toEqual(message);
    }
  });

  it('produces the recorded ModifyOrder body and signed message', () => {
    const v = vectors().modify_order;
    const id = '1717000000000201703952790000';
    const { body, signable } = formatModify(id, { market: 'BTC-USD-PERP', side: 'buy', type: 'limit' }, { size: '0.02', price: '65001' }, btcMarket(), {
      precision: 'reject',
    });
    expect(body).toEqual(withoutSignature(v.request.body_ccxt));
    const { timestamp: _t, id: signedId, ...message } = v.typed_data.message;
    expect(signable.id).toBe(signedId);
    expect(asTypedMessage(signable)).toEqual(message);
  });
});

const limitBuy = (changes: Partial<OrderRequest> = {}): OrderRequest => ({
  market: 'BTC-USD-PERP',
  side: 'buy',
  type: 'limit',
  size: '0.01',
  price: '65000.5',
  ...changes,
});

function invalidOf(fn: () => unknown): InvalidOrderError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidOrderError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOrderError');
}

describe('formatOrder validation', () => {
  const round: FormatContext = { precision: 'round' };
  const reject: FormatContext = { precision: 'reject' };

  it.each<[string, OrderRequest, FormatContext, string, string | undefined, RegExp]>([
    ['another market', limitBuy({ market: 'ETH-USD-PERP' }), round, 'market', 'ETH-USD-PERP', /market of the metadata/],
    ['an unknown side', limitBuy({ side: 'hold' as never }), round, 'side', 'hold', /buy or sell/],
    ['an unknown type', limitBuy({ type: 'iceberg' as never }), round, 'type', 'iceberg', /known order type/],
    ['a prototype name as type', limitBuy({ type: 'toString' as never }), round, 'type', 'toString', /known order type/],
    ['a prototype name as time in force', limitBuy({ timeInForce: 'constructor' as never }), round, 'timeInForce', 'constructor', /gtc, ioc/],
    ['post_only on a market order', limitBuy({ type: 'market', timeInForce: 'post_only' }), round, 'timeInForce', 'post_only', /gtc or ioc/],
    ['a limit without price', limitBuy({ price: undefined }), round, 'price', 'undefined', /required/],
    ['a zero price', limitBuy({ price: '0' }), round, 'price', '0', /greater than 0/],
    ['a price with an exponent', limitBuy({ price: '6.5e4' }), round, 'price', '6.5e4', /decimal string/],
    ['a stop without trigger', limitBuy({ type: 'stop_limit' }), round, 'triggerPrice', 'undefined', /required/],
    ['a trigger on a plain limit', limitBuy({ triggerPrice: '60000' }), round, 'triggerPrice', '60000', /only for stop/],
    ['a negative trigger', limitBuy({ type: 'stop_market', triggerPrice: '-1' }), round, 'triggerPrice', '-1', /greater than 0/],
    ['size 0 without closePosition', limitBuy({ size: '0' }), round, 'size', '0', /greater than 0/],
    ['a negative size', limitBuy({ size: '-0.01' }), round, 'size', '-0.01', /greater than 0/],
    ['closePosition on a limit', limitBuy({ closePosition: true, size: '0' }), round, 'closePosition', 'true', /take_profit/],
    ['closePosition with a size', limitBuy({ type: 'take_profit_market', closePosition: true, size: '0.1', triggerPrice: '70000' }), round, 'size', '0.1', /0 when closePosition/],
    ['a size below one step after rounding', limitBuy({ size: '0.0005', price: '2000000' }), round, 'size', '0.0005', /at least one step \(0\.001\)/],
    ['a size off the step', limitBuy({ size: '0.0105' }), reject, 'size', '0.0105', /multiple of step 0\.001/],
    ['a price off the tick', limitBuy({ price: '65000.55' }), reject, 'price', '65000.55', /multiple of tick 0\.1/],
    ['a trigger off the tick', limitBuy({ type: 'stop_limit', triggerPrice: '60500.05' }), reject, 'triggerPrice', '60500.05', /multiple of tick 0\.1/],
    ['a notional below the minimum', limitBuy({ size: '0.001', price: '65000' }), round, 'size', '0.001', /min notional 500/],
    ['a market order below the minimum at the reference price', limitBuy({ type: 'market', size: '0.001', price: undefined }), { precision: 'round', referencePrice: '65000' }, 'size', '0.001', /min notional 500/],
    ['a size above the max order size', limitBuy({ size: '101' }), round, 'size', '101', /max order size 100/],
    ['a buy past the position limit', limitBuy({ size: '1' }), { precision: 'round', position: '59.5' }, 'size', '1', /position limit 60/],
    ['a sell past the short position limit', limitBuy({ side: 'sell', size: '1' }), { precision: 'round', position: '-59.5' }, 'size', '1', /position limit 60/],
    ['a client id over 64 characters', limitBuy({ clientOrderId: 'x'.repeat(65) }), round, 'clientOrderId', 'x'.repeat(65), /1 to 64/],
    ['an empty client id', limitBuy({ clientOrderId: '' }), round, 'clientOrderId', '', /1 to 64/],
    ['an unknown STP mode', limitBuy({ selfTradePrevention: 'expire_all' as never }), round, 'selfTradePrevention', 'expire_all', /expire_maker/],
    ['a recv window under 10 ms', limitBuy(), { precision: 'round', recvWindowMs: 5 }, 'recvWindowMs', '5', /at least 10/],
    ['a bad reference price', limitBuy({ type: 'market' }), { precision: 'round', referencePrice: 'abc' }, 'referencePrice', 'abc', /decimal/],
    ['a bad position', limitBuy(), { precision: 'round', position: '1,5' }, 'position', '1,5', /decimal/],
  ])('refuses %s', (_name, req, ctx, field, value, rule) => {
    const error = invalidOf(() => formatOrder(req, btcMarket(), ctx));
    expect(error.field).toBe(field);
    expect(error.value).toBe(value);
    expect(error.rule).toMatch(rule);
    expect(error.message).toContain(field);
    expect(error.exchange).toBe('paradex');
    expect(error.outcome).toBe('rejected');
  });

  it('refuses more than 8 decimals after quantisation (the signing scale)', () => {
    const fine: Market = { ...btcMarket(), stepSize: '0.000000001', minNotional: '0' };
    const error = invalidOf(() => formatOrder(limitBuy({ size: '0.000000001' }), fine, { precision: 'round' }));
    expect(error).toMatchObject({ field: 'size', value: '0.000000001' });
    expect(error.rule).toMatch(/8 decimal places/);
  });

  it.each([
    ['type', limitBuy({ type: 'trailing_stop_market' })],
    ['timeInForce', limitBuy({ timeInForce: 'fok' })],
    ['callbackRate', limitBuy({ callbackRate: '1' })],
  ])('names the %s field Paradex does not support', (field, req) => {
    expect(() => formatOrder(req, btcMarket(), { precision: 'round' })).toThrow(NotSupportedError);
    expect(() => formatOrder(req, btcMarket(), { precision: 'round' })).toThrow(new RegExp(field));
  });
});

describe('formatOrder output', () => {
  const btc = btcMarket();

  it('rounds size down, a buy price down, a sell price up and a trigger to the nearest tick', () => {
    const buy = formatOrder(limitBuy({ size: '0.0109', price: '65000.57' }), btc, { precision: 'round' });
    expect(buy.body).toMatchObject({ size: '0.01', price: '65000.5' });
    const sell = formatOrder(limitBuy({ side: 'sell', price: '65000.51' }), btc, { precision: 'round' });
    expect(sell.body.price).toBe('65000.6');
    const up = formatOrder(limitBuy({ type: 'stop_limit', triggerPrice: '60500.05' }), btc, { precision: 'round' });
    expect(up.body.trigger_price).toBe('60500.1');
    const down = formatOrder(limitBuy({ type: 'stop_limit', triggerPrice: '60500.04' }), btc, { precision: 'round' });
    expect(down.body.trigger_price).toBe('60500');
  });

  it('signs price 0 and sends no price for every market-type order', () => {
    for (const type of ['market', 'stop_market', 'take_profit_market', 'stop_loss_market'] as const) {
      const trigger = type === 'market' ? {} : { triggerPrice: '70000' };
      const { body, signable } = formatOrder(limitBuy({ type, price: '123', ...trigger }), btc, { precision: 'round' });
      expect(signable.price).toBe('0');
      expect(body.price).toBeUndefined();
    }
  });

  it('maps time in force and keeps market orders to GTC or IOC', () => {
    expect(formatOrder(limitBuy({ timeInForce: 'post_only' }), btc, { precision: 'round' }).body.instruction).toBe('POST_ONLY');
    expect(formatOrder(limitBuy({ timeInForce: 'ioc' }), btc, { precision: 'round' }).body.instruction).toBe('IOC');
    expect(formatOrder(limitBuy({ type: 'market', timeInForce: 'ioc' }), btc, { precision: 'round' }).body.instruction).toBe('IOC');
    expect(formatOrder(limitBuy({ type: 'market' }), btc, { precision: 'round' }).body.instruction).toBe('GTC');
  });

  it('flags reduce-only orders and every TP/SL order REDUCE_ONLY', () => {
    expect(formatOrder(limitBuy({ reduceOnly: true }), btc, { precision: 'round' }).body.flags).toEqual(['REDUCE_ONLY']);
    expect(formatOrder(limitBuy({ type: 'take_profit_limit', triggerPrice: '66000' }), btc, { precision: 'round' }).body.flags).toEqual(['REDUCE_ONLY']);
    expect(formatOrder(limitBuy({ type: 'stop_limit', triggerPrice: '66000' }), btc, { precision: 'round' }).body.flags).toBeUndefined();
  });

  it('sends a whole-position TP/SL with size 0', () => {
    const { body, signable } = formatOrder(
      { market: 'BTC-USD-PERP', side: 'sell', type: 'stop_loss_market', size: '0', triggerPrice: '60000', closePosition: true },
      btc,
      { precision: 'reject' },
    );
    expect(body).toEqual({ market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_LOSS_MARKET', instruction: 'GTC', size: '0', trigger_price: '60000', flags: ['REDUCE_ONLY'] });
    expect(signable).toMatchObject({ size: '0', price: '0' });
  });

  it('lets reduce-only orders close dust below the min notional and past the position limit', () => {
    expect(formatOrder(limitBuy({ size: '0.001', price: '65000', reduceOnly: true }), btc, { precision: 'round' }).body.size).toBe('0.001');
    expect(formatOrder(limitBuy({ size: '1', reduceOnly: true }), btc, { precision: 'round', position: '59.5' }).body.size).toBe('1');
  });

  it('lets an order shrink a position already above the limit', () => {
    expect(formatOrder(limitBuy({ side: 'sell', size: '1' }), btc, { precision: 'round', position: '70' }).body.size).toBe('1');
  });

  it('skips the notional check of a market order without a reference price (the venue checks it)', () => {
    expect(formatOrder(limitBuy({ type: 'market', size: '0.001' }), btc, { precision: 'round' }).body.size).toBe('0.001');
  });

  it('maps STP, client id (64 characters) and recv window', () => {
    const { body } = formatOrder(limitBuy({ selfTradePrevention: 'expire_maker', clientOrderId: 'c'.repeat(64) }), btc, { precision: 'round', recvWindowMs: 5000 });
    expect(body).toMatchObject({ stp: 'EXPIRE_MAKER', client_id: 'c'.repeat(64), recv_window: 5000 });
  });
});

describe('formatModify', () => {
  const btc = btcMarket();

  it('keeps existing size and price where the amendment has none', () => {
    const { body } = formatModify('42', { market: 'BTC-USD-PERP', side: 'sell', type: 'limit', size: '0.02', price: '66000' }, { price: '66000.06' }, btc, {
      precision: 'round',
    });
    expect(body).toEqual({ market: 'BTC-USD-PERP', side: 'SELL', type: 'LIMIT', price: '66000.1', size: '0.02', id: '42' });
  });

  it('sends price 0 and the trigger for a market-type TP/SL', () => {
    const { body, signable } = formatModify('7', { market: 'BTC-USD-PERP', side: 'sell', type: 'take_profit_market', size: '0.02', triggerPrice: '70000' }, { triggerPrice: '71000' }, btc, {
      precision: 'reject',
    });
    expect(body).toMatchObject({ type: 'TAKE_PROFIT_MARKET', price: '0', trigger_price: '71000', size: '0.02' });
    expect(signable).toMatchObject({ id: '7', price: '0' });
  });

  it.each<[string, () => unknown, string]>([
    ['a market order', () => formatModify('1', { market: 'BTC-USD-PERP', side: 'buy', type: 'market', size: '1' }, {}, btc, { precision: 'round' }), 'type'],
    ['no size anywhere', () => formatModify('1', { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', price: '65000' }, {}, btc, { precision: 'round' }), 'size'],
    ['a trigger on a limit', () => formatModify('1', { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '65000' }, { triggerPrice: '1' }, btc, { precision: 'round' }), 'triggerPrice'],
    ['no order id', () => formatModify('', { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', size: '0.01', price: '65000' }, {}, btc, { precision: 'round' }), 'id'],
    ['a new size above the max', () => formatModify('1', { market: 'BTC-USD-PERP', side: 'buy', type: 'limit', price: '65000' }, { size: '150' }, btc, { precision: 'round' }), 'size'],
  ])('refuses %s', (_name, fn, field) => {
    expect(invalidOf(fn).field).toBe(field);
  });
});

describe('historyQuery', () => {
  it('maps market, since, until, limit and cursor', () => {
    expect(historyQuery({ market: 'BTC-USD-PERP', since: 1000, until: 2000, limit: 50 }, 'abc')).toEqual({
      market: 'BTC-USD-PERP',
      start_at: '1000',
      end_at: '2000',
      page_size: '50',
      cursor: 'abc',
    });
    expect(historyQuery({})).toEqual({});
  });

  it('caps the page size', () => {
    expect(historyQuery({ limit: 10_000 }).page_size).toBe('1000');
    expect(historyQuery({ limit: 10_000 }, undefined, 5000).page_size).toBe('5000');
  });

  it.each([
    [{ since: 2000, until: 1000 }, /since/],
    [{ since: -1 }, /since/],
    [{ until: 1.5 }, /until/],
    [{ limit: 0 }, /limit/],
    [{ market: '' }, /market/],
  ])('refuses %o', (query, message) => {
    expect(() => historyQuery(query)).toThrow(RequestError);
    expect(() => historyQuery(query)).toThrow(message);
  });
});

describe('formatOrder properties', () => {
  /** Increments 1e-6 .. 1000 and values up to 1e7 with up to 8 decimals. */
  const increment = fc.tuple(fc.bigInt({ min: 1n, max: 1000n }), fc.integer({ min: 0, max: 6 })).map(([n, s]) => fromScaledInteger(n, s));
  const value = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 })).map(([n, s]) => fromScaledInteger(n, s));
  const open = (tick: string, step: string): Market => ({ ...btcMarket(), tickSize: tick, stepSize: step, minNotional: '0', maxOrderSize: undefined, positionLimit: undefined });

  it('rounds sizes down onto the step, never above the request', () => {
    fc.assert(
      fc.property(increment, value, fc.constantFrom('buy', 'sell') as fc.Arbitrary<'buy' | 'sell'>, (step, raw, side) => {
        const size = add(raw, step); // at least one step, so rounding never reaches 0
        const { body, signable } = formatOrder(limitBuy({ side, size, price: '1' }), open('0.000001', step), { precision: 'round' });
        expect(isMultipleOf(body.size, step)).toBe(true);
        expect(lte(body.size, size)).toBe(true);
        expect(gt(body.size, sub(size, step))).toBe(true);
        expect(signable.size).toBe(body.size);
      }),
    );
  });

  it('rounds limit prices onto the tick, never more aggressive than asked', () => {
    fc.assert(
      fc.property(increment, value, fc.constantFrom('buy', 'sell') as fc.Arbitrary<'buy' | 'sell'>, (tick, raw, side) => {
        const price = add(raw, tick);
        const { body } = formatOrder(limitBuy({ side, size: '1', price }), open(tick, '0.001'), { precision: 'round' });
        const out = body.price as string;
        expect(isMultipleOf(out, tick)).toBe(true);
        if (side === 'buy') expect(lte(out, price) && gt(out, sub(price, tick))).toBe(true);
        else expect(gte(out, price) && lt(out, add(price, tick))).toBe(true);
      }),
    );
  });

  it('in reject mode passes on-grid values unchanged and refuses the rest naming the increment', () => {
    fc.assert(
      fc.property(increment, fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 999n }), (step, k, offset) => {
        const onGrid = fromScaledInteger(toScaledInteger(step, 9) * k, 9);
        const market = open('0.000001', step);
        expect(formatOrder(limitBuy({ size: onGrid, price: '1' }), market, { precision: 'reject' }).body.size).toBe(onGrid);
        const offGrid = add(onGrid, fromScaledInteger(offset, 9)); // 1e-9 .. 1e-6 off: never a multiple of step >= 1e-6
        const error = invalidOf(() => formatOrder(limitBuy({ size: offGrid, price: '1' }), market, { precision: 'reject' }));
        expect(error.rule).toBe(`a multiple of step ${step}`);
      }),
    );
  });
});
