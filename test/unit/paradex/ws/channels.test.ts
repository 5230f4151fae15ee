/** Subscription -> channel names and back. */
import { describe, expect, it } from 'vitest';
import { InvalidOrderError } from '../../../../src/core/errors.js';
import { channelsFor, describeChannel, defaultEncoding, defaultStreamUrl, streamUrl } from '../../../../src/exchanges/paradex/ws/index.js';

const deltas = { bookFeed: 'deltas', bookRefreshRate: '100ms' } as const;

describe('channels', () => {
  it('names every subscription the way the venue spells it', () => {
    expect(channelsFor({ channel: 'bbo', market: 'BTC-USD-PERP' }, deltas)).toEqual(['bbo.BTC-USD-PERP']);
    expect(channelsFor({ channel: 'book', market: 'BTC-USD-PERP' }, deltas)).toEqual(['order_book.BTC-USD-PERP.deltas']);
    expect(channelsFor({ channel: 'book', market: 'BTC-USD-PERP' }, { bookFeed: 'snapshot', bookRefreshRate: '50ms' })).toEqual(['order_book.BTC-USD-PERP.snapshot@15@50ms']);
    expect(channelsFor({ channel: 'funding', market: 'ETH-USD-PERP' }, deltas)).toEqual(['funding_data.ETH-USD-PERP']);
    expect(channelsFor({ channel: 'markets_summary' }, deltas)).toEqual(['markets_summary']);
    expect(channelsFor({ channel: 'orders' }, deltas)).toEqual(['orders.ALL']);
    expect(channelsFor({ channel: 'fills', market: 'BTC-USD-PERP' }, deltas)).toEqual(['fills.BTC-USD-PERP', 'tradebusts']);
    expect(channelsFor({ channel: 'positions' }, deltas)).toEqual(['positions']);
    expect(channelsFor({ channel: 'balance' }, deltas)).toEqual(['balance_events']);
  });

  it('refuses a market that would change the channel name', () => {
    expect(() => channelsFor({ channel: 'bbo', market: 'BTC.USD' }, deltas)).toThrow(InvalidOrderError);
    expect(() => channelsFor({ channel: 'trades', market: '' }, deltas)).toThrow(/market must be a symbol/);
  });

  it('describes channels, including book feeds and private ones', () => {
    expect(describeChannel('order_book.BTC-USD-PERP.snapshot@15@100ms')).toMatchObject({ kind: 'order_book', market: 'BTC-USD-PERP', feed: 'snapshot', private: false });
    expect(describeChannel('fills.ALL')).toMatchObject({ kind: 'fills', market: 'ALL', private: true });
    expect(describeChannel('tradebusts')).toMatchObject({ kind: 'tradebusts', private: true });
    expect(describeChannel('rfq')).toBeUndefined();
  });

  it('builds URLs: SBE negotiation parameters and the default hosts', () => {
    expect(streamUrl('wss://ws.api.prod.paradex.trade/v1', 'sbe', 1)).toBe('wss://ws.api.prod.paradex.trade/v1?sbeSchemaId=1&sbeSchemaVersion=1');
    expect(streamUrl('ws://127.0.0.1:9/v1?foo=bar', 'sbe', 0)).toBe('ws://127.0.0.1:9/v1?foo=bar&sbeSchemaId=1&sbeSchemaVersion=0');
    expect(streamUrl('ws://127.0.0.1:9/v1', 'json', 1)).toBe('ws://127.0.0.1:9/v1');
    expect(defaultStreamUrl('https://api.prod.paradex.trade/v1')).toBe('wss://ws.api.prod.paradex.trade/v1');
    expect(defaultStreamUrl('http://127.0.0.1:8787/v1')).toBe('ws://127.0.0.1:8787/v1');
    expect(defaultEncoding('wss://ws.api.testnet.paradex.trade/v1')).toBe('sbe');
    expect(defaultEncoding('ws://127.0.0.1:8787/v1')).toBe('json');
  });
});
