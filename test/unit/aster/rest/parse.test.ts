/**
 * Aster REST parsers on the recorded payloads (test/fixtures/aster, copies of shared/fixtures):
 * every recording decodes through its zod schema and maps to the domain with exact strings.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import * as parse from '../../../../src/exchanges/aster/parse.js';
import { parseBatch } from '../../../../src/exchanges/aster/parse-batch.js';
import { decodeJson, decodeValue, parseJsonLossless } from '../../../../src/exchanges/aster/rest/decode.js';
import * as s from '../../../../src/exchanges/aster/rest/schemas/index.js';
import { fixture, fixtureCase, fixtureText } from '../support.js';

const ctx = (endpoint: string) => ({ endpoint });

describe('exchangeInfo -> Market', () => {
  const info = decodeJson(s.exchangeInfoSchema, fixtureText('assembled_http_get_fapi_v3_exchangeInfo.json'), ctx('GET exchangeInfo'));

  it('reads filters by filterType into exact tick, step, limits and band (real capture)', () => {
    const [btc] = parse.parseMarkets(info.symbols);
    expect(btc?.market).toMatchObject({
      exchange: 'aster', symbol: 'BTCUSDT', kind: 'PERP', base: 'BTC', quote: 'USDT', settlement: 'USDT', tickSize: '0.1', stepSize: '0.001',
      marketStepSize: '0.001', minNotional: '5', minSize: '0.001', maxOrderSize: '1000', maxMarketOrderSize: '120', maxOpenOrders: 200, priceBandWidth: '0.02',
    });
    expect(btc?.rules).toMatchObject({ status: 'TRADING', minPrice: '1', maxPrice: '1000000', minQty: '0.001', marketMinQty: '0.001', multiplierUp: '1.0200', multiplierDown: '0.9800' });
    expect(btc?.rules.timeInForce).toContain('RPI');
  });

  it('accepts the documented spelling too (OrderType key, numeric multiplierDecimal) and seeds the rate limits', () => {
    const doge = parse.parseMarkets(info.symbols)[1];
    expect(doge?.market).toMatchObject({ symbol: 'DOGEUSDT', tickSize: '0.0001', stepSize: '1', minNotional: '1', priceBandWidth: '0.15' });
    expect(doge?.rules.orderTypes).toContain('TRAILING_STOP_MARKET');
    expect(info.rateLimits).toHaveLength(3);
  });

  it('leaves non-perpetual contracts out of lists and refuses them by name', () => {
    const delivery = { ...info.symbols[0], symbol: 'BTCUSDT_250927', contractType: 'CURRENT_QUARTER' } as s.WireSymbol;
    expect(parse.parseMarkets([delivery])).toEqual([]);
    expect(() => parse.parseMarket(delivery)).toThrow(/only PERPETUAL/);
  });

  it('refuses a symbol without a tick size rather than guessing one', () => {
    const broken = { ...info.symbols[0], filters: [{ filterType: 'LOT_SIZE', stepSize: '0.001', minQty: '0.001', maxQty: '1' }] } as s.WireSymbol;
    expect(() => parse.parseMarket(broken)).toThrow(DecodeError);
  });
});

describe('orders', () => {
  it('maps a trailing stop (Binance-doc shaped recording) with its activation price and no limit price', () => {
    const order = parse.parseOrder(decodeJson(s.orderSchema, fixtureText('http_get_fapi_v3_order.json'), ctx('GET order')));
    expect(order).toMatchObject({
      exchange: 'aster', id: '1917641', clientOrderId: 'abc', market: 'BTCUSDT', side: 'buy', type: 'trailing_stop_market', status: 'untriggered',
      size: '0.40', filledSize: '0', remainingSize: '0.4', triggerPrice: '9020', timeInForce: 'gtc', reduceOnly: false, createdAt: 1579276756075,
    });
    expect(order.price).toBeUndefined();
    expect(order.avgFillPrice).toBeUndefined();
  });

  it('maps cancel, open orders and all orders recordings', () => {
    expect(parse.parseOrder(decodeJson(s.orderSchema, fixtureText('http_delete_fapi_v3_order.json'), ctx('DELETE order')))).toMatchObject({ status: 'canceled', size: '11' });
    expect(decodeJson(s.ordersSchema, fixtureText('http_get_fapi_v3_openOrders.json'), ctx('GET openOrders')).map(parse.parseOrder)).toHaveLength(1);
    expect(decodeJson(s.ordersSchema, fixtureText('http_get_fapi_v3_allOrders.json'), ctx('GET allOrders')).map(parse.parseOrder)[0]?.id).toBe('1917641');
  });

  it('reads the V3 production shape: ids and times as strings, newChainData extra', () => {
    const v3 = { orderId: '17338441758', symbol: 'ETHUSDT', status: 'NEW', clientOrderId: '727Wt3TIUgkUCxXp20E543', price: '0', avgPrice: '0.00000', origQty: '0.010', executedQty: '0', cumQty: '0', cumQuote: '0', timeInForce: 'GTC', type: 'MARKET', side: 'BUY', stopPrice: '0', origType: 'MARKET', time: '1776800300700', updateTime: '1776800300700', workingType: 'CONTRACT_PRICE', positionSide: 'BOTH', reduceOnly: false, closePosition: false, priceProtect: false, newChainData: { hash: '0x46ae' } };
    expect(parse.parseOrder(decodeValue(s.orderSchema, v3, ctx('POST order')))).toMatchObject({ id: '17338441758', type: 'market', status: 'new', createdAt: 1776800300700 });
  });

  it('classifies statuses and types through explicit tables', () => {
    const base = decodeJson(s.orderSchema, fixtureText('http_get_fapi_v3_order.json'), ctx('GET order'));
    const stop = { ...base, type: 'STOP_MARKET' as const, origType: 'STOP_MARKET' as const, stopPrice: '9300', reduceOnly: true };
    expect(parse.parseOrder(stop)).toMatchObject({ type: 'stop_loss_market', status: 'untriggered', triggerPrice: '9300' });
    expect(parse.parseOrder({ ...stop, type: 'MARKET' })).toMatchObject({ type: 'stop_loss_market', status: 'new' });
    expect(parse.parseOrder({ ...stop, reduceOnly: false })).toMatchObject({ type: 'stop_market' });
    const limit = { ...base, type: 'LIMIT' as const, origType: 'LIMIT' as const, price: '9000', timeInForce: 'GTX' as const, executedQty: '0.1', avgPrice: '9000' };
    expect(parse.parseOrder({ ...limit, status: 'PARTIALLY_FILLED' })).toMatchObject({ status: 'partially_filled', price: '9000', avgFillPrice: '9000', timeInForce: 'post_only', remainingSize: '0.3' });
    for (const [wire, domain] of [['FILLED', 'filled'], ['CANCELED', 'canceled'], ['REJECTED', 'rejected'], ['EXPIRED', 'expired']] as const) {
      expect(parse.parseOrder({ ...limit, status: wire }).status).toBe(domain);
    }
    expect(() => parse.parseOrder({ ...limit, executedQty: '0.5' })).toThrow(DecodeError);
    expect(() => decodeValue(s.orderSchema, { ...limit, status: 'MYSTERY' }, ctx('GET order'))).toThrow(DecodeError);
  });

  it('lines batch answers up with the requests, errors typed (recorded batch cancel)', () => {
    const errorCase = decodeValue(s.batchResultSchema, fixtureCase('http_delete_fapi_v3_batchOrders.json', 'default'), ctx('DELETE batchOrders'));
    const okCase = decodeValue(s.batchResultSchema, fixtureCase('http_delete_fapi_v3_batchOrders.json', 'cancelOrders'), ctx('DELETE batchOrders'));
    const [failed] = parseBatch(errorCase, 1, 'DELETE batchOrders');
    expect(failed).toMatchObject({ ok: false, error: { name: 'OrderNotFoundError', venueCode: '-2011' } });
    expect(parseBatch(okCase, 1, 'DELETE batchOrders')[0]).toMatchObject({ ok: true, value: { status: 'canceled', clientOrderId: 'myOrder1' } });
    expect(parseBatch(okCase, 2, 'DELETE batchOrders')[1]).toMatchObject({ ok: false, error: { outcome: 'unknown' } });
  });

  it('reads success bodies that carry a code (cancel-all "200", marginType 200)', () => {
    expect(decodeJson(s.codeMsgSchema, fixtureText('http_delete_fapi_v3_allOpenOrders.json'), ctx('DELETE allOpenOrders')).code).toBe('200');
    expect(decodeJson(s.codeMsgSchema, fixtureText('http_post_fapi_v3_marginType.json'), ctx('POST marginType')).code).toBe(200);
    expect(decodeJson(s.leverageSchema, fixtureText('http_post_fapi_v3_leverage.json'), ctx('POST leverage')).leverage).toBe('21');
  });
});

describe('account', () => {
  it('maps balances (times as strings) and positions, incl. an isolated LONG', () => {
    const balances = decodeJson(s.balancesSchema, fixtureText('http_get_fapi_v3_balance.json'), ctx('GET balance')).map(parse.parseBalance);
    expect(balances.find((b) => b.asset === 'USDT')).toEqual({ asset: 'USDT', total: '1.11341089', available: '0.81341089', updatedAt: 1776802344230 });
    const flat = decodeValue(s.positionRisksSchema, fixtureCase('http_get_fapi_v3_positionRisk.json', 'fetchLeverage'), ctx('GET positionRisk')).map(parse.parsePosition);
    expect(flat[0]).toMatchObject({ market: 'BTCUSDT', side: 'flat', size: '0', signedSize: '0', leverage: '20' });
    const long = decodeValue(s.positionRisksSchema, fixtureCase('http_get_fapi_v3_positionRisk.json', 'fetchPositionsRisk'), ctx('GET positionRisk')).map(parse.parsePosition);
    expect(long[0]).toMatchObject({ side: 'long', size: '20', signedSize: '20', entryPrice: '6563.66500', unrealizedPnl: '2316.83423560', liquidationPrice: '5930.78', leverage: '10' });
    const short = { ...(fixtureCase<object[]>('http_get_fapi_v3_positionRisk.json', 'fetchPositionsRisk')[0] as object), positionSide: 'BOTH', positionAmt: '-1.5' };
    expect(parse.parsePosition(decodeValue(s.positionRiskSchema, short, ctx('GET positionRisk')))).toMatchObject({ side: 'short', size: '1.5', signedSize: '-1.5' });
  });

  it('maps user trades, funding income and the account summary', () => {
    const fills = decodeJson(s.userTradesSchema, fixtureText('http_get_fapi_v3_userTrades.json'), ctx('GET userTrades')).map(parse.parseUserTrade);
    expect(fills[0]).toEqual(expect.objectContaining({ id: 'BTCUSDT:698759:25851813', orderId: '25851813', side: 'sell', price: '7819.01', size: '0.002', fee: '-0.07819010', feeAsset: 'USDT', liquidity: 'taker', realizedPnl: '-0.91539999', timestamp: 1569514978020 }));
    const income = decodeValue(s.incomesSchema, fixtureCase('http_get_fapi_v3_income.json', 'with symbol'), ctx('GET income')).map(parse.parseFundingIncome);
    expect(income).toEqual([{ id: '4480321991774044580', market: 'ETHUSDT', amount: '0.00134317', timestamp: 1621584000000 }]);
    const account = parse.parseAccount(decodeValue(s.accountSchema, { totalInitialMargin: '1', totalMaintMargin: '0.5', totalWalletBalance: '100', totalMarginBalance: '101', availableBalance: '99', canTrade: false, updateTime: 0 }, ctx('GET account')), '0xabc', 7);
    expect(account).toMatchObject({ equity: '101', freeCollateral: '99', initialMargin: '1', maintenanceMargin: '0.5', totalCollateral: '100', status: 'TRADING_DISABLED', updatedAt: 7 });
  });
});

describe('market data', () => {
  it('maps depth, trades, premium index, funding info and klines recordings', () => {
    const book = parse.parseDepth('BTCUSDT', decodeJson(s.depthSchema, fixtureText('http_get_fapi_v3_depth.json'), ctx('GET depth')), 0);
    expect(book).toMatchObject({ market: 'BTCUSDT', seq: 148964776071, timestamp: 1750058542603 });
    expect(book.bids[0]).toEqual(['106626.8', '8.266']);
    expect(book.asks[0]).toEqual(['106626.9', '8.092']);
    expect(decodeJson(s.tradesSchema, fixtureText('http_get_fapi_v3_trades.json'), ctx('GET trades')).map((t) => parse.parseTrade('BTCUSDT', t))[0]).toMatchObject({ id: '23424931', side: 'sell' });
    const funding = parse.parsePremiumIndex(decodeValue(s.premiumIndexSchema, fixtureCase('http_get_fapi_v3_premiumIndex.json', 'fetchFundingRate'), ctx('GET premiumIndex')), 8);
    expect(funding).toEqual({ market: 'BTCUSDT', rate: '0.00010000', periodHours: 8, markPrice: '106630.71786957', nextFundingTime: 1750176000000, timestamp: 1750147224000 });
    expect(decodeJson(s.fundingInfoSchema, fixtureText('http_get_fapi_v3_fundingInfo.json'), ctx('GET fundingInfo'))[0]).toMatchObject({ fundingIntervalHours: 8, fundingFeeCap: null });
    expect(parse.parseKlines(decodeJson(s.klinesSchema, fixtureText('http_get_fapi_v3_klines.json'), ctx('GET klines')))).toEqual([
      { time: 1749806400000, open: '104577.2', high: '104625.0', low: '104563.5', close: '104587.3', volume: '17.771', closeTime: 1749806699999 },
    ]);
  });
});

describe('decode', () => {
  it('keeps integers beyond 2^53 exact and refuses money as JSON numbers', () => {
    expect(parseJsonLossless('{"a":12345678901234567890,"b":"12345678901234567890","c":1.5e3,"d":[-98765432109876543210]}')).toEqual({ a: '12345678901234567890', b: '12345678901234567890', c: 1500, d: ['-98765432109876543210'] });
    expect(() => decodeValue(s.tradeSchema, { id: 1, price: 65000.5, qty: '1', time: 1, isBuyerMaker: true }, ctx('GET trades'))).toThrow(/price/);
    expect(decodeJson(s.incomeSchema, '{"symbol":"X","incomeType":"FUNDING_FEE","income":"1","asset":"USDT","time":1,"tranId":4480321991774044580}', ctx('GET income')).tranId).toBe('4480321991774044580');
  });

  it('turns an HTML page or an empty body into a DecodeError that keeps the text', () => {
    const error = (() => {
      try {
        decodeJson(s.orderSchema, '<html>502 Bad Gateway</html>', ctx('POST order'));
      } catch (e) {
        return e as DecodeError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DecodeError);
    expect(error?.message).toMatch(/HTML/);
    expect(error?.rawBody).toContain('502');
    expect(() => decodeJson(s.orderSchema, '', ctx('POST order'))).toThrow(/empty body/);
    expect(fixture('http_get_fapi_v3_positionSide_dual.json')).toEqual({ dualSidePosition: true });
  });
});
