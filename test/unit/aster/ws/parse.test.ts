/** WS payload parsers on the recorded (ccxt pro source comments) and documented messages. */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import { parseAggTradeEvent, parseBookTickerEvent, parseDepthEvent, parseMarkPriceEvent } from '../../../../src/exchanges/aster/ws/parse-market.js';
import { parseAccountUpdate, parseOrderTradeUpdate } from '../../../../src/exchanges/aster/ws/parse-user.js';
import type { Json } from '../support.js';
import { fixture, fixtureCase } from '../support.js';

describe('market stream payloads', () => {
  it('bookTicker, aggTrade and markPrice recordings', () => {
    expect(parseBookTickerEvent(fixture('ws_bookTicker.json'))).toEqual({ market: 'BTCUSDT', bid: '122046.7', bidSize: '1.084', ask: '122046.8', askSize: '0.001', seq: 157240846459, timestamp: 1754896692926 });
    expect(parseAggTradeEvent(fixture('ws_aggTrade.json'))).toEqual({ market: 'BTCUSDT', id: '20505890', side: 'buy', price: '114783.7', size: '0.020', timestamp: 1754551358528 });
    expect(parseAggTradeEvent(fixture('example_ws_aggTrade.json')).side).toBe('sell');
    expect(parseMarkPriceEvent(fixtureCase('example_ws_markPriceUpdate.json', 'Mark Price Stream'))).toEqual({ market: 'BTCUSDT', rate: '0.00038167', markPrice: '11794.15000000', nextFundingTime: 1562306400000, timestamp: 1562305380000 });
  });

  it('fails loudly, naming the field, on a wrong shape', () => {
    const bad = { ...(fixture('ws_bookTicker.json') as Json), b: 122046.7 };
    expect(() => parseBookTickerEvent(bad)).toThrow(DecodeError);
    expect(() => parseBookTickerEvent(bad)).toThrow(/b must be a decimal string/);
    expect(() => parseDepthEvent({ ...(fixture('ws_depthUpdate.json') as Json), b: [['1']] })).toThrow(/b must be/);
    expect(() => parseAggTradeEvent({ ...(fixture('ws_aggTrade.json') as Json), m: 'yes' })).toThrow(/m must be a boolean/);
  });
});

describe('user stream payloads', () => {
  it('ORDER_TRADE_UPDATE (documented trailing stop): order without a fill', () => {
    const { order, fill, eventTime } = parseOrderTradeUpdate(fixture('example_ws_ORDER_TRADE_UPDATE.json'));
    expect(fill).toBeUndefined();
    expect(eventTime).toBe(1568879465651);
    expect(order).toMatchObject({ id: '8886774', clientOrderId: 'TEST', market: 'BTCUSDT', side: 'sell', type: 'trailing_stop_market', status: 'untriggered', size: '0.001', filledSize: '0', triggerPrice: '7476.89', timeInForce: 'gtc', reduceOnly: false });
  });

  it('ORDER_TRADE_UPDATE with x=TRADE: a fill keyed by symbol, trade id and order id', () => {
    const message = fixture<Json>('example_ws_ORDER_TRADE_UPDATE.json');
    const trade = { ...message, o: { ...message.o, o: 'LIMIT', ot: 'LIMIT', p: '7100', x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.0005', z: '0.0005', L: '7100', ap: '7100', n: '0.001', N: 'USDT', t: 777, m: true, rp: '1.5' } };
    const { order, fill } = parseOrderTradeUpdate(trade);
    expect(order).toMatchObject({ type: 'limit', status: 'partially_filled', price: '7100', avgFillPrice: '7100', remainingSize: '0.0005' });
    expect(fill).toMatchObject({ id: 'BTCUSDT:777:8886774', orderId: '8886774', clientOrderId: 'TEST', side: 'sell', price: '7100', size: '0.0005', fee: '0.001', feeAsset: 'USDT', liquidity: 'maker', realizedPnl: '1.5', timestamp: 1568879465651 });
  });

  it('ACCOUNT_UPDATE: documented and recorded (with the extra "ma" field)', () => {
    const documented = parseAccountUpdate(fixture('example_ws_ACCOUNT_UPDATE.json'));
    expect(documented.reason).toBe('ORDER');
    expect(documented.balances).toEqual([{ asset: 'USDT', total: '122624.12345678', updatedAt: 1564745798939 }, { asset: 'BUSD', total: '1.00000000', updatedAt: 1564745798939 }]);
    expect(documented.positions.map((p) => [p.side, p.size, p.signedSize, p.realizedPnl])).toEqual([['flat', '0', '0', '200'], ['long', '20', '20', '0'], ['short', '10', '-10', '-45.04000000']]);
    const recorded = parseAccountUpdate(fixture('ws_ACCOUNT_UPDATE.json'));
    expect(recorded.positions[0]).toMatchObject({ market: 'ETHUSDT', side: 'flat', realizedPnl: '-0.59070000' });
    expect(() => parseAccountUpdate({ e: 'ACCOUNT_UPDATE', E: 1, a: { B: [{ a: 'USDT', wb: 1 }] } })).toThrow(DecodeError);
  });
});
