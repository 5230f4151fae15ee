/**
 * Simulator encoder -> client decoder on random values. The two sides share no code; each was
 * written from the spec, so agreement here (and on the vectors) is the evidence both are right.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaledInteger } from '../../../../src/core/decimal.js';
import { decodeParadexSbe } from '../../../../src/exchanges/paradex/ws/sbe/index.js';
import {
  encodeBboEvent,
  encodeBookEvent,
  encodeFundingDataEvent,
  encodeFundingRateComparisonEvent,
  encodeHeartbeatEvent,
  encodeMarketSummaryEvent,
  encodeSubscribedEvent,
  encodeTradeEvent,
} from '../../../../src/simulator/dialects/paradex-sbe/index.js';
import type { SbeVersion } from '../../../../src/simulator/dialects/paradex-sbe/index.js';
import { KIND_OF, expectedJson } from '../../paradex/sbe/expected-json.js';
import type { Values } from '../../paradex/sbe/expected-json.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const SAFE = 2n ** 53n;

/** Any int64 but the null sentinel, biased toward the extremes and the ±2^53 fast-path limit. */
const mantissa = fc.oneof(
  fc.bigInt({ min: INT64_MIN + 1n, max: INT64_MAX }),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.constantFrom(0n, 1n, -1n, INT64_MAX, INT64_MIN + 1n, SAFE, -SAFE, SAFE - 1n, -SAFE - 1n),
);
const dec8 = mantissa.map((m) => fromScaledInteger(m, 8));
const dec12 = mantissa.map((m) => fromScaledInteger(m, 12));
const nullable = (arb: fc.Arbitrary<string>): fc.Arbitrary<string | null> => fc.option(arb, { nil: null, freq: 3 });
const micros = fc.bigInt({ min: -SAFE, max: SAFE - 1n }).map(String);
const seq = fc.bigInt({ min: -SAFE, max: SAFE - 1n }).map(String);
const int64 = fc.bigInt({ min: INT64_MIN + 1n, max: INT64_MAX }).map(String);
const text = fc.string({ unit: fc.constantFrom('B', 'T', 'C', '-', 'U', 'é', '€', '😀'), maxLength: 60 });
const version = fc.constantFrom<SbeVersion>(0, 1, 2);

function roundTrip(message: string, frame: Uint8Array, expectedInput: Values, headerVersion: number): void {
  const decoded = decodeParadexSbe(frame);
  expect(decoded.kind).toBe(KIND_OF[message]);
  expect(decoded.version).toBe(headerVersion);
  if (decoded.kind === 'unknown') throw new Error('unknown');
  expect(decoded.data).toEqual(expectedJson(message, expectedInput));
}

const RUNS = { numRuns: 400 };

describe('encode -> decode round trip on random values', () => {
  it('TradeEvent, including extreme int64 trade ids and 1:2 tradeIdStr', () => {
    const input = fc.record({
      ts: micros,
      seq,
      tradeId: int64,
      side: fc.constantFrom('BUY', 'SELL', 'NON_REPRESENTABLE'),
      price: dec8,
      size: dec8,
      createdAt: micros,
      tradeType: fc.constantFrom('FILL', 'LIQUIDATION', 'UNWIND_TRANSFER', 'SETTLE_MARKET', 'RPI', 'BLOCK_TRADE'),
      market: text,
      tradeIdStr: fc.option(fc.stringMatching(/^\d{1,28}$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, version, (values, v) => {
        const seen = v >= 2 ? values : { ...values, tradeIdStr: undefined };
        roundTrip('TradeEvent', encodeTradeEvent(values, v), seen, v);
      }),
      RUNS,
    );
  });

  it('BboEvent with null sides', () => {
    const input = fc.record({ ts: micros, seq, bidPrice: nullable(dec8), bidSize: nullable(dec8), askPrice: nullable(dec8), askSize: nullable(dec8), market: text });
    fc.assert(fc.property(input, version, (values, v) => roundTrip('BboEvent', encodeBboEvent(values, v), values, v)), RUNS);
  });

  it('BookEvent snapshots and deltas with random levels and best prices', () => {
    const level = fc.tuple(dec8, dec8);
    const input = fc.record({
      ts: micros,
      seq,
      pkgType: fc.constantFrom('SNAPSHOT', 'DELTA'),
      bestBidPrice: nullable(dec8),
      bestBidSize: nullable(dec8),
      bestAskPrice: nullable(dec8),
      bestAskSize: nullable(dec8),
      relativeSpread: nullable(dec8),
      bestBidApiPrice: nullable(dec8),
      bestBidApiSize: nullable(dec8),
      bestAskApiPrice: nullable(dec8),
      bestAskApiSize: nullable(dec8),
      bids: fc.array(level, { maxLength: 20 }),
      asks: fc.array(level, { maxLength: 20 }),
      market: text,
    });
    fc.assert(fc.property(input, version, (values, v) => roundTrip('BookEvent', encodeBookEvent(values, v), values, v)), RUNS);
  });

  it('MarketSummaryEvent at 1:0 (216-byte block) and 1:1+ (240)', () => {
    const input = fc.record({
      ts: micros,
      seq,
      markPrice: dec8,
      indexPrice: dec8,
      lastPrice: dec8,
      volumeUsd24h: dec8,
      openInterest: dec8,
      fundingRate: dec8,
      bid: nullable(dec8),
      ask: nullable(dec8),
      totalVolume: dec8,
      priceChangeRate24h: dec8,
      markIv: nullable(dec8),
      bidIv: nullable(dec8),
      askIv: nullable(dec8),
      lastIv: nullable(dec8),
      delta: nullable(dec8),
      gamma: nullable(dec8),
      vega: nullable(dec8),
      theta: nullable(dec8),
      rho: nullable(dec8),
      volga: nullable(dec8),
      vanna: nullable(dec8),
      futureFundingRate: nullable(dec8),
      externalFairPrice: nullable(dec8),
      bidSize: nullable(dec8),
      askSize: nullable(dec8),
      forwardRate: nullable(dec8),
      riskFreeRate: nullable(dec8),
      fundingRatePrecise: nullable(dec12),
      market: text,
    });
    fc.assert(
      fc.property(input, version, (values, v) => {
        const seen = v >= 1 ? values : { ...values, forwardRate: undefined, riskFreeRate: undefined, fundingRatePrecise: undefined };
        roundTrip('MarketSummaryEvent', encodeMarketSummaryEvent(values, v), seen, v);
      }),
      RUNS,
    );
  });

  it('FundingDataEvent at 1:0 (58-byte block) and 1:1+ (66)', () => {
    const input = fc.record({
      ts: micros,
      seq,
      fundingRate: dec8,
      fundingIndex: dec8,
      createdAt: micros,
      fundingPremium: dec8,
      fundingRate8h: dec8,
      fundingPeriodHours: fc.integer({ min: -32768, max: 32767 }),
      impactPremiumRate: nullable(dec8),
      market: text,
    });
    fc.assert(
      fc.property(input, version, (values, v) => {
        const seen = v >= 1 ? values : { ...values, impactPremiumRate: undefined };
        roundTrip('FundingDataEvent', encodeFundingDataEvent(values, v), seen, v);
      }),
      RUNS,
    );
  });

  it('FundingRateComparisonEvent (1:1+) with 12-decimal rates', () => {
    const input = fc.record({
      ts: micros,
      lastUpdatedAt: micros,
      hourlyFundingRate: dec12,
      assetKind: fc.constantFrom('UNSPECIFIED', 'PERPETUAL_FUTURE', 'OPTION', 'SPOT'),
      source: fc.constantFrom('UNSPECIFIED', 'PARADEX', 'BINANCE', 'BYBIT', 'OKX', 'DERIBIT', 'DERIVE', 'HYPERLIQUID', 'LIGHTER', 'DATABENTO', 'PUBLISHER', 'PYTH', 'STORK'),
      market: text,
    });
    fc.assert(
      fc.property(input, fc.constantFrom<SbeVersion>(1, 2), (values, v) =>
        roundTrip('FundingRateComparisonEvent', encodeFundingRateComparisonEvent(values, v), values, v),
      ),
      RUNS,
    );
  });

  it('HeartbeatEvent and SubscribedEvent', () => {
    fc.assert(
      fc.property(fc.record({ ts: micros, seq }), version, (values, v) => roundTrip('HeartbeatEvent', encodeHeartbeatEvent(values, v), values, v)),
      RUNS,
    );
    const subscribed = fc.record({ ts: micros, seq, status: fc.integer({ min: 0, max: 255 }), channel: text });
    fc.assert(fc.property(subscribed, version, (values, v) => roundTrip('SubscribedEvent', encodeSubscribedEvent(values, v), values, v)), RUNS);
  });
});
