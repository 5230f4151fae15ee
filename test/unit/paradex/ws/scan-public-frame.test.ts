/**
 * The one-pass reader is only an accelerator: whatever it accepts must come out exactly as
 * JSON.parse followed by the hand-checked parsers (parse-ws-public) has it, and the frames the
 * venue and the simulator actually send must be accepted (or the fast path would silently be off).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isZeroSize, priceKey } from '../../../../src/exchanges/paradex/ws/order-book.js';
import { scanPublicFrame } from '../../../../src/exchanges/paradex/ws/scan-public-frame.js';
import type { ScannedFrame } from '../../../../src/exchanges/paradex/ws/scan-public-frame.js';
import type { ChannelKind } from '../../../../src/exchanges/paradex/ws/channels.js';
import type { BookUpdate } from '../../../../src/exchanges/paradex/parse-ws-public.js';
import { parseWsBbo, parseWsBookUpdate, parseWsFundingData, parseWsMarketSummary, parseWsTrade } from '../../../../src/exchanges/paradex/parse-ws-public.js';

const M = 'BTC-USD-PERP';
const CHANNELS: Record<string, ChannelKind> = {
  [`bbo.${M}`]: 'bbo',
  [`trades.${M}`]: 'trades',
  'trades.ALL': 'trades',
  [`order_book.${M}.deltas`]: 'order_book',
  [`order_book.${M}.snapshot@15@50ms`]: 'order_book',
  [`funding_data.${M}`]: 'funding_data',
  markets_summary: 'markets_summary',
  'orders.ALL': 'orders',
};
const kinds = new Map(Object.entries(CHANNELS));

type Outcome = { ok: true; value: unknown } | { ok: false };

/** The general path: JSON.parse, then the parser of the channel's kind (undefined: not a public frame it reads). */
function generalPath(text: string): Outcome | undefined {
  let frame: { method?: unknown; params?: { channel?: unknown; data?: unknown } };
  try {
    frame = JSON.parse(text) as typeof frame;
  } catch {
    return { ok: false };
  }
  if (typeof frame !== 'object' || frame === null || frame.method !== 'subscription' || typeof frame.params?.channel !== 'string') return undefined;
  const kind = kinds.get(frame.params.channel);
  const data = frame.params.data;
  try {
    switch (kind) {
      case 'bbo':
        return { ok: true, value: parseWsBbo(data) };
      case 'trades':
        return { ok: true, value: parseWsTrade(data) };
      case 'order_book':
        return { ok: true, value: canonical(parseWsBookUpdate(data)) };
      case 'funding_data':
        return { ok: true, value: parseWsFundingData(data) };
      case 'markets_summary':
        return { ok: true, value: parseWsMarketSummary(data) };
      default:
        return undefined;
    }
  } catch {
    return { ok: false };
  }
}

/** What the book makes of an update: zero sizes are removals, whatever their spelling. */
function canonical(update: BookUpdate): BookUpdate {
  const zero = ([price, size]: readonly [string, string]): [string, string] => [price, isZeroSize(size) ? '0' : size];
  return { ...update, bids: update.bids.map(zero), asks: update.asks.map(zero) };
}

/** The fast result in the general path's shape; the sort keys must be priceKey(price) of each level. */
function payload(scanned: ScannedFrame): unknown {
  switch (scanned.kind) {
    case 'bbo':
      return scanned.bbo;
    case 'trades':
      return scanned.trade;
    case 'funding_data':
      return scanned.funding;
    case 'markets_summary':
      return scanned.summary;
    case 'order_book': {
      const { keys, ...update } = scanned.book;
      expect(keys?.bids).toEqual(update.bids.map(([price]) => priceKey(price)));
      expect(keys?.asks).toEqual(update.asks.map(([price]) => priceKey(price)));
      return update;
    }
  }
}

/** Checks one frame both ways; returns whether the fast path took it. */
function agree(text: string): boolean {
  const scanned = scanPublicFrame(Buffer.from(text), kinds);
  if (scanned === undefined) return false;
  const general = generalPath(text);
  expect(general, text).toEqual({ ok: true, value: payload(scanned) });
  expect(kinds.get(scanned.channel), text).toBe(scanned.kind);
  return true;
}

// ---- generated frames ---------------------------------------------------------------------------

const decimal = fc.oneof(
  fc.stringMatching(/^-?[0-9]{1,7}(\.[0-9]{1,6})?$/),
  fc.constantFrom('0', '0.000', '00.50', '67629.7', '-1.5', '123456789012345678.25'),
);
/** Mostly good values, sometimes the odd spellings the general path must judge. */
const odd = fc.constantFrom<unknown>(null, '', 1.5, 0, -1, 'x', '1e5', '.5', true, [], {}, '1.', ' 1');
const decimalField = fc.oneof({ weight: 8, arbitrary: decimal }, { weight: 2, arbitrary: odd });
const integerField = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 2 ** 48 }) },
  { weight: 3, arbitrary: fc.nat({ max: 2 ** 48 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, '', -3, 1.5, 2 ** 53, '9007199254740993', '0012', 'x', 1e3) },
);
const sideField = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('BUY', 'SELL') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('buy', '', null, 1) });
const marketField = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(M, 'ETH-USD-PERP') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('', null, 7) });
const extra = fc.dictionary(fc.constantFrom('trade_type', 'extra', 'x', 'nested'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });

/**
 * An object's fields in a random order plus unknown ones. Clean: every field present with a good
 * value; otherwise each may be absent or oddly spelt.
 */
function fields(clean: boolean, spec: Record<string, [good: fc.Arbitrary<unknown>, any: fc.Arbitrary<unknown>]>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(spec).map(([k, [good, any]]) => {
    const value = (clean ? good : any).map((v) => [k, v] as [string, unknown]);
    return clean ? value : fc.option(value, { nil: undefined, freq: 8 });
  });
  return fc
    .tuple(fc.tuple(...entries), extra)
    .chain(([present, more]) => {
      const all = [...present.filter((e): e is [string, unknown] => e !== undefined), ...Object.entries(more)];
      return fc.shuffledSubarray(all, { minLength: all.length });
    })
    .map((list) => Object.fromEntries(list));
}

type Field = [good: fc.Arbitrary<unknown>, any: fc.Arbitrary<unknown>];
const goodDecimal: Field = [decimal, decimalField];
const goodInteger: Field = [fc.nat({ max: 2 ** 48 }), integerField];
const goodSide: Field = [fc.constantFrom('BUY', 'SELL'), sideField];
const goodMarket: Field = [fc.constant(M), marketField];

function payloadsOf(clean: boolean): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  const level = fields(clean, { side: goodSide, price: goodDecimal, size: goodDecimal });
  const levels: Field = [
    fc.array(level, { maxLength: 4 }),
    fc.oneof({ weight: 8, arbitrary: fc.array(level, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'x', [null]) }),
  ];
  return {
    bbo: fields(clean, { market: goodMarket, bid: goodDecimal, bid_size: goodDecimal, ask: goodDecimal, ask_size: goodDecimal, seq_no: goodInteger, last_updated_at: goodInteger }),
    trades: fields(clean, {
      market: goodMarket,
      id: [fc.stringMatching(/^[0-9]{1,28}$/), fc.oneof(fc.stringMatching(/^[0-9]{1,28}$/), fc.constantFrom<unknown>('', 5))],
      side: goodSide,
      price: goodDecimal,
      size: goodDecimal,
      created_at: goodInteger,
    }),
    order_book: fields(clean, {
      seq_no: goodInteger,
      market: goodMarket,
      last_updated_at: goodInteger,
      update_type: [fc.constantFrom('s', 'd'), fc.oneof({ weight: 8, arbitrary: fc.constantFrom('s', 'd') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('x', '', null) })],
      inserts: levels,
      updates: levels,
      deletes: levels,
    }),
    funding_data: fields(clean, { market: goodMarket, funding_rate: goodDecimal, funding_period_hours: goodInteger, created_at: goodInteger }),
    markets_summary: fields(clean, { symbol: goodMarket, mark_price: goodDecimal, funding_rate: goodDecimal, created_at: goodInteger }),
  };
}
const payloads = { clean: payloadsOf(true), any: payloadsOf(false) };

const channelOf: Record<string, string[]> = {
  bbo: [`bbo.${M}`],
  trades: [`trades.${M}`, 'trades.ALL'],
  order_book: [`order_book.${M}.deltas`, `order_book.${M}.snapshot@15@50ms`],
  funding_data: [`funding_data.${M}`],
  markets_summary: ['markets_summary'],
};

const frame = fc
  .tuple(fc.constantFrom(...Object.keys(channelOf)), fc.constantFrom<'clean' | 'any'>('clean', 'any'))
  .chain(([kind, quality]) =>
    fc.tuple(fc.constantFrom(...(channelOf[kind] as string[])), payloads[quality][kind] as fc.Arbitrary<Record<string, unknown>>, fc.boolean(), fc.boolean()),
  )
  .map(([channel, data, dataFirst, pretty]) => {
    const params = dataFirst ? { data, channel } : { channel, data };
    return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params }, null, pretty ? 1 : undefined);
  });

describe('scanPublicFrame', () => {
  it('accepts the recorded venue frames and gives what the general path gives', () => {
    const read = (name: string): string => JSON.stringify(JSON.parse(readFileSync(new URL(`../../../fixtures/paradex/${name}`, import.meta.url), 'utf8')));
    for (const name of ['example_ws_bbo.json', 'ws_trades.json', 'ws_order_book.json', 'ws_funding_data.json', 'ws_markets_summary.json']) {
      const text = read(name);
      const pretty = JSON.stringify(JSON.parse(text), null, 2);
      const channel = (JSON.parse(text) as { params: { channel: string } }).params.channel;
      kinds.set(channel, kinds.get(channel) ?? (channel.split('.')[0] as ChannelKind));
      expect(agree(text), name).toBe(true);
      expect(agree(pretty), `${name} indented`).toBe(true);
    }
  });

  it('equals JSON.parse + the public parsers on every generated frame it accepts, and accepts most', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(frame, (text) => {
        runs += 1;
        if (agree(text)) accepted += 1;
      }),
      { numRuns: 4000 },
    );
    // Frames with only good values and the channel first are common enough that a fast path that
    // declined everything would show here.
    expect(accepted / runs).toBeGreaterThan(0.15);
  });

  it('equals the general path on randomly damaged frames', () => {
    const damaged = fc.tuple(frame, fc.nat(), fc.constantFrom(...'{}[]:,"0159-.e tnx\\'.split('')), fc.constantFrom('replace', 'insert', 'delete')).map(([text, at, char, how]) => {
      const i = at % text.length;
      if (how === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
      if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
      return text.slice(0, i) + text.slice(i + 1);
    });
    fc.assert(fc.property(damaged, (text) => void agree(text)), { numRuns: 6000 });
  });

  it('declines what it does not read: private and unsubscribed channels, RPC answers, repeated keys, escapes, other orders', () => {
    const declined = [
      '{"jsonrpc":"2.0","method":"subscription","params":{"channel":"orders.ALL","data":{"id":"1"}}}',
      `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"bbo.ETH-USD-PERP","data":{"market":"ETH-USD-PERP","last_updated_at":1}}}`,
      '{"jsonrpc":"2.0","id":4,"result":{"channel":"bbo.BTC-USD-PERP"}}',
      `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"bbo.${M}","data":{"market":"${M}","market":"X","last_updated_at":1}}}`,
      `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"bbo.${M}","data":{"market":"BTC\\u002dUSD-PERP","last_updated_at":1}}}`,
      `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"order_book.${M}.deltas","data":{"seq_no":1,"market":"${M}","last_updated_at":1,"update_type":"d","deletes":[],"inserts":[]}}}`,
      `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"bbo.${M}","data":{"market":"${M}","last_updated_at":1.0}}}`,
      `{"jsonrpc":"2.0","method":"notification","params":{"channel":"bbo.${M}","data":{"market":"${M}","last_updated_at":1}}}`,
    ];
    expect(declined.filter((text) => scanPublicFrame(Buffer.from(text), kinds) !== undefined)).toEqual([]);
  });

  it('spells zero sizes "0" and attaches each level\'s sort key', () => {
    const text = `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"order_book.${M}.deltas","data":{"seq_no":9,"market":"${M}","last_updated_at":5,"update_type":"d","inserts":[{"side":"BUY","price":"67000.5","size":"0.000"}],"updates":[{"side":"SELL","price":"-0.25","size":"1.50"}],"deletes":[{"side":"SELL","price":"67001","size":"3"}]}}}`;
    const scanned = scanPublicFrame(Buffer.from(text), kinds);
    expect(scanned?.kind).toBe('order_book');
    if (scanned?.kind !== 'order_book') return;
    expect(scanned.book).toEqual({
      market: M,
      seq: 9,
      timestamp: 5,
      snapshot: false,
      bids: [['67000.5', '0']],
      asks: [['-0.25', '1.50'], ['67001', '0']],
      keys: { bids: [67000.5], asks: [-0.25, 67001] },
    });
  });
});
