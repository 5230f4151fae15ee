/** Pre-trade validation and wire parameters (format.ts), pure: no network. */
import { describe, expect, it } from 'vitest';
import { InvalidOrderError, NotSupportedError } from '../../../src/core/errors.js';
import type { Market, OrderRequest } from '../../../src/core/types.js';
import { formatAmend, formatOrder, historyWindow, splitWindow } from '../../../src/exchanges/aster/format.js';
import type { FormatContext } from '../../../src/exchanges/aster/format.js';
import { parseMarkets } from '../../../src/exchanges/aster/parse.js';
import { decodeJson } from '../../../src/exchanges/aster/rest/decode.js';
import { exchangeInfoSchema } from '../../../src/exchanges/aster/rest/schemas/index.js';
import { fixtureText } from './support.js';

const [btc, doge] = parseMarkets(decodeJson(exchangeInfoSchema, fixtureText('assembled_http_get_fapi_v3_exchangeInfo.json'), { endpoint: 'GET exchangeInfo' }).symbols);
if (btc === undefined || doge === undefined) throw new Error('fixture markets missing');
const market: Market = btc.market;
const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({ precision: 'round', version: 'v3', rules: btc.rules, ...over });
const fmt = (req: Partial<OrderRequest>, c: FormatContext = ctx()) =>
  Object.fromEntries(formatOrder({ market: 'BTCUSDT', side: 'buy', type: 'limit', size: '0.01', ...req } as OrderRequest, market, c).params);
const refused = (req: Partial<OrderRequest>, c: FormatContext = ctx()) => {
  try {
    fmt(req, c);
  } catch (error) {
    return error as InvalidOrderError;
  }
  throw new Error('expected a refusal');
};

describe('formatOrder', () => {
  it('sends a limit order in wire order with the TIF mapped (post_only -> GTX)', () => {
    const order = formatOrder({ market: 'BTCUSDT', side: 'sell', type: 'limit', size: '0.01', price: '65000.5', timeInForce: 'post_only', clientOrderId: 'fs-1' }, market, ctx());
    expect(order.params).toEqual([['symbol', 'BTCUSDT'], ['side', 'SELL'], ['type', 'LIMIT'], ['timeInForce', 'GTX'], ['quantity', '0.01'], ['price', '65000.5'], ['newClientOrderId', 'fs-1']]);
    for (const [tif, wire] of [['gtc', 'GTC'], ['ioc', 'IOC'], ['fok', 'FOK']] as const) expect(fmt({ price: '65000', timeInForce: tif }).timeInForce).toBe(wire);
  });

  it('rounds: size down to the step, buy prices down and sell prices up to the tick, triggers to the nearest', () => {
    expect(fmt({ size: '0.0109', price: '65000.59' })).toMatchObject({ quantity: '0.01', price: '65000.5' });
    expect(fmt({ side: 'sell', size: '0.0109', price: '65000.51' })).toMatchObject({ price: '65000.6' });
    expect(fmt({ type: 'stop_market', triggerPrice: '64000.05' })).toMatchObject({ type: 'STOP_MARKET', stopPrice: '64000.1' });
    expect(fmt({ type: 'limit', price: '0.94', size: '10' }, { ...ctx(), rules: { ...btc.rules, minPrice: undefined } })).toMatchObject({ price: '0.9' });
  });

  it('puts prices on the venue grid counted from minPrice, and refuses off-grid values in reject mode', () => {
    const dogeMarket = doge.market;
    const dogeCtx = ctx({ rules: doge.rules });
    const p = Object.fromEntries(formatOrder({ market: 'DOGEUSDT', side: 'buy', type: 'limit', size: '100', price: '0.12345' }, dogeMarket, dogeCtx).params);
    expect(p.price).toBe('0.1234');
    const strict = ctx({ precision: 'reject' });
    expect(refused({ price: '65000.55' }, strict)).toMatchObject({ field: 'price', rule: expect.stringMatching(/tick 0.1/) });
    expect(refused({ size: '0.0105', price: '65000' }, strict)).toMatchObject({ field: 'size', rule: expect.stringMatching(/step 0.001/) });
  });

  it('enforces min/max quantity, price bounds and min notional (exempting reduce-only)', () => {
    expect(refused({ size: '0.0001', price: '65000' })).toMatchObject({ field: 'size', rule: expect.stringMatching(/min quantity 0.001/) });
    expect(refused({ size: '1001', price: '65000' })).toMatchObject({ field: 'size', rule: expect.stringMatching(/maximum 1000/) });
    expect(refused({ type: 'market', size: '121' }, ctx({ referencePrice: '65000' }))).toMatchObject({ rule: expect.stringMatching(/market order quantity maximum 120/) });
    expect(refused({ price: '2000000' })).toMatchObject({ field: 'price', rule: expect.stringMatching(/maximum 1000000/) });
    expect(refused({ size: '0.001', price: '1000' })).toMatchObject({ field: 'size', rule: expect.stringMatching(/notional .* min notional 5/) });
    expect(fmt({ size: '0.001', price: '1000', reduceOnly: true })).toMatchObject({ reduceOnly: 'true' });
    expect(refused({ type: 'market', size: '0.001' }, ctx({ referencePrice: '1000' }))).toMatchObject({ field: 'size' });
    expect(fmt({ type: 'market', size: '0.001' }, ctx({ referencePrice: '65000' }))).toEqual({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' });
  });

  it('maps stop-loss and take-profit types as reduce-only trigger orders, and closePosition without quantity', () => {
    expect(fmt({ side: 'sell', type: 'stop_loss_limit', price: '59000', triggerPrice: '59500' })).toMatchObject({ type: 'STOP', price: '59000', stopPrice: '59500', reduceOnly: 'true', timeInForce: 'GTC' });
    expect(fmt({ side: 'sell', type: 'take_profit_market', triggerPrice: '70000' })).toMatchObject({ type: 'TAKE_PROFIT_MARKET', reduceOnly: 'true' });
    expect(fmt({ side: 'sell', type: 'stop_limit', price: '59000', triggerPrice: '59500' }).reduceOnly).toBeUndefined();
    const close = fmt({ side: 'sell', type: 'stop_loss_market', size: '0', triggerPrice: '59000', closePosition: true });
    expect(close).toEqual({ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', stopPrice: '59000', closePosition: 'true' });
    // reduceOnly is implied by closePosition: accepted in the domain request, never sent beside it.
    const implied = fmt({ side: 'sell', type: 'stop_loss_market', size: '0', triggerPrice: '59000', closePosition: true, reduceOnly: true });
    expect(implied).toEqual(close);
    expect(refused({ type: 'limit', price: '1', size: '0', closePosition: true })).toMatchObject({ field: 'closePosition' });
    expect(refused({ type: 'stop_loss_market', size: '0.01', triggerPrice: '59000', closePosition: true })).toMatchObject({ field: 'size' });
    expect(refused({ type: 'stop_market' })).toMatchObject({ field: 'triggerPrice' });
  });

  it('sends trailing stops with callbackRate (0.1..5) and an optional activation price', () => {
    expect(fmt({ side: 'sell', type: 'trailing_stop_market', callbackRate: '1.5', triggerPrice: '66000.04', reduceOnly: true })).toMatchObject({ type: 'TRAILING_STOP_MARKET', callbackRate: '1.5', activationPrice: '66000', reduceOnly: 'true' });
    expect(refused({ type: 'trailing_stop_market', callbackRate: '0.05' })).toMatchObject({ field: 'callbackRate' });
    expect(refused({ type: 'limit', price: '65000', callbackRate: '1' })).toMatchObject({ field: 'callbackRate' });
  });

  it('checks client ids, symbol status, listed types and self-trade prevention per API version', () => {
    expect(refused({ price: '65000', clientOrderId: 'x'.repeat(37) })).toMatchObject({ field: 'clientOrderId' });
    expect(fmt({ price: '65000', clientOrderId: 'fs-a.b:c/d_e' }).newClientOrderId).toBe('fs-a.b:c/d_e');
    expect(refused({ price: '65000' }, ctx({ rules: { ...btc.rules, status: 'SETTLING' } }))).toMatchObject({ field: 'market', rule: expect.stringMatching(/TRADING/) });
    expect(refused({ price: '65000' }, ctx({ rules: { ...btc.rules, orderTypes: ['MARKET'] } }))).toMatchObject({ field: 'type' });
    expect(fmt({ price: '65000', selfTradePrevention: 'expire_both' }).stpMode).toBe('EXPIRE_BOTH');
    expect(() => fmt({ price: '65000', selfTradePrevention: 'expire_both' }, ctx({ version: 'v1' }))).toThrow(NotSupportedError);
    expect(refused({ type: 'market', timeInForce: 'post_only' }, ctx({ referencePrice: '65000' }))).toMatchObject({ field: 'timeInForce' });
    expect(fmt({ type: 'stop_market', triggerPrice: '64000' }, ctx({ workingType: 'MARK_PRICE' })).workingType).toBe('MARK_PRICE');
    expect(refused({ market: 'ETHUSDT', price: '1' })).toBeInstanceOf(InvalidOrderError);
  });
});

describe('formatAmend and history windows', () => {
  it('amends only limit orders, sending both price and quantity on the grid', () => {
    const target = { market: 'BTCUSDT', side: 'buy' as const, type: 'limit' as const, size: '0.01', price: '60000' };
    expect(formatAmend(target, { price: '60100.09' }, market, ctx())).toEqual({ quantity: '0.01', price: '60100' });
    expect(formatAmend(target, { size: '0.0209' }, market, ctx())).toEqual({ quantity: '0.02', price: '60000' });
    expect(() => formatAmend({ ...target, type: 'stop_market' }, {}, market, ctx())).toThrow(InvalidOrderError);
    expect(() => formatAmend(target, { size: '0.00001' }, market, ctx())).toThrow(/min quantity/);
  });

  it('validates since/until/limit and splits long userTrades windows into 7-day pieces', () => {
    expect(historyWindow({ since: 1, until: 2, limit: 5000 })).toEqual({ startTime: 1, endTime: 2, limit: 1000 });
    expect(() => historyWindow({ since: 3, until: 2 })).toThrow(/not after until/);
    expect(() => historyWindow({ limit: 0 })).toThrow(/positive/);
    const day = 86_400_000;
    expect(splitWindow(0, 10 * day)).toEqual([{ startTime: 0, endTime: 7 * day - 1 }, { startTime: 7 * day, endTime: 10 * day }]);
  });
});
