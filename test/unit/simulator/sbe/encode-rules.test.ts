import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../../src/core/errors.js';
import {
  SbeEncodeError,
  encodeBboEvent,
  encodeBookEvent,
  encodeFundingDataEvent,
  encodeFundingRateComparisonEvent,
  encodeMarketSummaryEvent,
  encodeTradeEvent,
} from '../../../../src/simulator/dialects/paradex-sbe/index.js';
import type { MarketSummaryEventInput, TradeEventInput } from '../../../../src/simulator/dialects/paradex-sbe/index.js';

const trade: TradeEventInput = {
  ts: '1791421923325000',
  seq: 7687292600,
  tradeId: 5n,
  side: 'SELL',
  price: '83440.1',
  size: '0.25',
  createdAt: 1791421923320000,
  tradeType: 'FILL',
  market: 'BTC-USD-PERP',
};

const summary: MarketSummaryEventInput = {
  ts: 1n,
  seq: 0,
  markPrice: '2662.892549601234',
  indexPrice: '2661.5',
  lastPrice: '2662.7',
  volumeUsd24h: '47041.04241234567',
  openInterest: '1.5',
  fundingRate: '0.03919997509811',
  totalVolume: '54542628.66054200416',
  priceChangeRate24h: '-0.0123456789',
  fundingRatePrecise: '0.03919997509811',
  market: 'ETH-USD-PERP',
};

function encodeError(run: () => unknown): SbeEncodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof SbeEncodeError) return error;
    throw error;
  }
  throw new Error('expected SbeEncodeError');
}

const int64At = (frame: Uint8Array, offset: number): bigint => Buffer.from(frame).readBigInt64LE(offset);

describe('Paradex SBE encoder rules', () => {
  it('puts the negotiated version and the version’s block length in the header', () => {
    expect(Buffer.from(encodeMarketSummaryEvent(summary, 0)).subarray(0, 8).toString('hex')).toBe('d800040001000000');
    expect(Buffer.from(encodeMarketSummaryEvent(summary, 1)).subarray(0, 8).toString('hex')).toBe('f000040001000100');
    expect(Buffer.from(encodeMarketSummaryEvent(summary, 2)).subarray(0, 8).toString('hex')).toBe('f000040001000200');
  });

  it('refuses a price or size finer than 8 decimals, naming the field', () => {
    const error = encodeError(() => encodeTradeEvent({ ...trade, price: '83440.123456789' }, 1));
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.field).toBe('price');
    expect(error.message).toContain('at most 8 decimals');
    expect(encodeError(() => encodeBookEvent({ ts: 1, seq: 1, pkgType: 'DELTA', bids: [['1', '0.000000001']], asks: [], market: 'X' }, 1)).field).toBe(
      'bids[0].size',
    );
  });

  it('truncates derived values toward zero and saturates total volume', () => {
    const frame = encodeMarketSummaryEvent({ ...summary, totalVolume: '1000000000000' }, 1);
    const root = 8;
    expect(int64At(frame, root + 16)).toBe(266289254960n); // markPrice 2662.89254960|1234
    expect(int64At(frame, root + 40)).toBe(4704104241234n); // volumeUsd24h
    expect(int64At(frame, root + 56)).toBe(3919997n); // fundingRate, 8 dp
    expect(int64At(frame, root + 80)).toBe(2n ** 63n - 1n); // totalVolume saturated
    expect(int64At(frame, root + 88)).toBe(-1234567n); // negative rate truncated toward zero
    expect(int64At(frame, root + 232)).toBe(39199975098n); // fundingRatePrecise, 12 dp
  });

  it('writes nulls as INT64_MIN and drops 1:1 fields at 1:0', () => {
    const v0 = encodeMarketSummaryEvent(summary, 0);
    expect(int64At(v0, 8 + 64)).toBe(-(2n ** 63n)); // bid
    expect(v0.length).toBe(8 + 216 + 1 + 'ETH-USD-PERP'.length);
    const funding = { ts: 1, seq: 1, fundingRate: '0', fundingIndex: '0', createdAt: 1, fundingPremium: '0', fundingRate8h: '0', fundingPeriodHours: 8, market: 'X' };
    expect(encodeFundingDataEvent({ ...funding, impactPremiumRate: '0.1' }, 0).length).toBe(8 + 58 + 2);
    expect(int64At(encodeFundingDataEvent(funding, 1), 8 + 58)).toBe(-(2n ** 63n));
  });

  it('sends tradeIdStr only from 1:2', () => {
    const withId = { ...trade, tradeIdStr: '1718377985380201703994000001' };
    expect(encodeTradeEvent(withId, 1).length).toBe(8 + 50 + 13);
    expect(encodeTradeEvent(withId, 2).length).toBe(8 + 50 + 13 + 29);
  });

  it('refuses template 6 below 1:1', () => {
    const input = { ts: 1, lastUpdatedAt: 1, hourlyFundingRate: '0.0001', assetKind: 'PERPETUAL_FUTURE', source: 'PARADEX', market: 'X' } as const;
    expect(encodeError(() => encodeFundingRateComparisonEvent(input, 0)).field).toBe('version');
    expect(encodeFundingRateComparisonEvent(input, 1).length).toBe(8 + 26 + 2);
  });

  it('refuses values the wire cannot carry', () => {
    expect(encodeError(() => encodeTradeEvent({ ...trade, side: 'LONG' as never }, 1)).field).toBe('side');
    expect(encodeError(() => encodeTradeEvent({ ...trade, market: 'M'.repeat(256) }, 1)).rule).toContain('255 UTF-8 bytes');
    expect(encodeError(() => encodeTradeEvent({ ...trade, seq: 1.5 }, 1)).field).toBe('seq');
    expect(encodeError(() => encodeTradeEvent({ ...trade, ts: '12e3' }, 1)).field).toBe('ts');
    expect(encodeError(() => encodeTradeEvent({ ...trade, tradeId: -(2n ** 63n) }, 1)).rule).toContain('null sentinel');
    expect(encodeError(() => encodeTradeEvent({ ...trade, createdAt: 2n ** 63n }, 1)).rule).toBe('must fit int64');
    expect(encodeError(() => encodeBboEvent({ ts: 1, seq: 1, bidPrice: '92233720368.54775808', market: 'X' }, 1)).field).toBe('bidPrice');
    expect(encodeError(() => encodeBboEvent({ ts: 1, seq: 1, bidPrice: '-92233720368.54775808', market: 'X' }, 1)).rule).toContain('null sentinel');
    expect(encodeError(() => encodeBboEvent({ ts: 1, seq: 1, market: 'X' }, 3 as never)).field).toBe('version');
    expect(encodeError(() => encodeFundingDataEvent({ ts: 1, seq: 1, fundingRate: '0', fundingIndex: '0', createdAt: 1, fundingPremium: '0', fundingRate8h: '0', fundingPeriodHours: 40000, market: 'X' }, 1)).field).toBe(
      'fundingPeriodHours',
    );
  });

  it('keeps the largest int64 price exact', () => {
    const frame = encodeBboEvent({ ts: 1, seq: 1, askPrice: '92233720368.54775807', askSize: '-92233720368.54775807', market: 'X' }, 0);
    expect(int64At(frame, 8 + 32)).toBe(2n ** 63n - 1n);
    expect(int64At(frame, 8 + 40)).toBe(-(2n ** 63n) + 1n);
  });
});
