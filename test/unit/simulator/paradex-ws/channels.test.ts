import { describe, expect, it } from 'vitest';
import { parseChannel } from '../../../../src/simulator/dialects/paradex/ws/channels.js';

const markets = new Set(['BTC-USD-PERP', 'ETH-USD-PERP']);
const parse = (name: unknown) => parseChannel(name, markets);

describe('parseChannel', () => {
  it.each([
    ['bbo.BTC-USD-PERP', 'bbo', 'BTC-USD-PERP', false],
    ['bbo.BTC-USD-PERP.interactive', 'bbo', 'BTC-USD-PERP', false],
    ['bbo.ALL', 'bbo', undefined, false],
    ['trades.ETH-USD-PERP', 'trades', 'ETH-USD-PERP', false],
    ['trades.ALL', 'trades', undefined, false],
    ['markets_summary', 'markets_summary', undefined, false],
    ['markets_summary.ALL', 'markets_summary', undefined, false],
    ['markets_summary.BTC-USD-PERP', 'markets_summary', 'BTC-USD-PERP', false],
    ['funding_data', 'funding_data', undefined, false],
    ['funding_data.BTC-USD-PERP', 'funding_data', 'BTC-USD-PERP', false],
    ['orders.ALL', 'orders', undefined, true],
    ['orders.BTC-USD-PERP', 'orders', 'BTC-USD-PERP', true],
    ['fills.ALL', 'fills', undefined, true],
    ['funding_payments.BTC-USD-PERP', 'funding_payments', 'BTC-USD-PERP', true],
    ['positions', 'positions', undefined, true],
    ['account', 'account', undefined, true],
    ['balance_events', 'balance_events', undefined, true],
    ['tradebusts', 'tradebusts', undefined, true],
    ['transfers', 'transfers', undefined, true],
    ['markets', 'markets', undefined, false],
  ])('accepts %s', (name, kind, market, isPrivate) => {
    const parsed = parse(name);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.spec).toMatchObject({ name, kind, market, private: isPrivate });
    expect(parsed.spec.book).toBeUndefined();
  });

  it('reads the AsyncAPI order_book spelling', () => {
    const parsed = parse('order_book.BTC-USD-PERP.snapshot@15@50ms@0_1');
    expect(parsed.ok && parsed.spec).toMatchObject({
      kind: 'order_book',
      market: 'BTC-USD-PERP',
      private: false,
      sbeCapable: true,
      book: { feed: 'snapshot', interactive: false, refreshMs: 50, priceTick: '0.1', parameterized: true },
    });
    expect(parse('order_book.BTC-USD-PERP.interactive@15@100ms').ok && parse('order_book.BTC-USD-PERP.interactive@15@100ms')).toMatchObject({
      spec: { book: { feed: 'snapshot', interactive: true, refreshMs: 100, priceTick: undefined } },
    });
    expect(parse('order_book.BTC-USD-PERP.deltas@15@100ms')).toMatchObject({ ok: true, spec: { book: { feed: 'deltas', parameterized: true } } });
  });

  it('reads the bare deltas names the live socket acknowledges', () => {
    expect(parse('order_book.BTC-USD-PERP.deltas')).toMatchObject({ ok: true, spec: { book: { feed: 'deltas', interactive: false, parameterized: false } } });
    expect(parse('order_book.BTC-USD-PERP.interactive_deltas')).toMatchObject({ ok: true, spec: { book: { feed: 'deltas', interactive: true } } });
  });

  it.each([
    '',
    42,
    undefined,
    'nope',
    'bbo',
    'bbo.DOGE-USD-PERP',
    'bbo.btc-usd-perp',
    'trades.BTC-USD-PERP.extra',
    'orders',
    'positions.BTC-USD-PERP',
    'order_book.BTC-USD-PERP',
    'order_book.ALL.deltas',
    'order_book.DOGE-USD-PERP.deltas',
    'order_book.BTC-USD-PERP.snapshot',
    'order_book.BTC-USD-PERP.snapshot@20@100ms',
    'order_book.BTC-USD-PERP.snapshot@15@10ms',
    'order_book.BTC-USD-PERP.snapshot@15@100ms@0_3',
    'order_book.BTC-USD-PERP.deltas@15@100ms@0_1',
    'order_book.BTC-USD-PERP.full@15@100ms',
    'order_book.BTC-USD-PERP.snapshot@15@100ms@1@2',
    'rfq',
    `trades.${'X'.repeat(300)}`,
  ])('refuses %s', (name) => {
    expect(parse(name).ok).toBe(false);
  });
});
