/**
 * Per-market runtime state (book, prices, trigger list, funding accumulators) and the records the
 * engine keeps for public history.
 */
import { OrderBook } from './book.js';
import { divRound, RATE_ONE } from './fixed.js';
import { Stream } from './events.js';
import type { FillRecord } from './accounts.js';
import type { MarketSpec } from './markets.js';
import type { OrderRecord, SideSign } from './order-record.js';

export interface FeeRatesScaled {
  /** Rates at 18 dp. */
  readonly maker: bigint;
  readonly taker: bigint;
}

export interface TradeRecord {
  readonly id: string;
  readonly market: string;
  /** Taker side. */
  readonly side: SideSign;
  readonly price: bigint;
  readonly size: bigint;
  readonly createdAt: number;
  readonly takerFill: FillRecord;
  readonly makerFill: FillRecord;
  busted: boolean;
}

export interface FundingRateRecord {
  readonly rate: bigint;
  readonly premium: bigint;
  readonly mark: bigint;
  readonly index: bigint;
  readonly fundingIndex: bigint;
  readonly createdAt: number;
}

const HOUR_MS = 3_600_000;

export class MarketState {
  readonly id: string;
  readonly book = new OrderBook();
  readonly bookStream: Stream;
  readonly tradeStream: Stream;
  readonly bboStream: Stream;
  readonly markStream: Stream;
  readonly fundingStream: Stream;
  /** Set through setPrices() so the band limits follow. */
  mark: bigint;
  index: bigint;
  lastTradePrice: bigint | undefined;
  /** UNTRIGGERED orders, oldest first. */
  untriggered: OrderRecord[] = [];
  /** Recent public trades, oldest first (bounded). */
  readonly trades: TradeRecord[] = [];
  /** Sum and count of (mark - index) / index samples since the last funding settlement (18 dp). */
  premiumSum = 0n;
  premiumSamples = 0;
  fundingRateOverride: bigint | undefined;
  /** Cumulative funding per 1 unit of size (money, 16 dp). */
  fundingIndex = 0n;
  nextFundingAt: number;
  readonly fundingPeriodMs: number;
  readonly fundingHistory: FundingRateRecord[] = [];
  /** Sum of long position sizes over all accounts. */
  openInterest = 0n;
  /** Last BBO published (0n = empty side), to emit bbo events only on change. */
  readonly lastBbo = { bidPrice: 0n, bidSize: 0n, askPrice: 0n, askSize: 0n };
  /** Listed in the engine's touched markets of the operation in progress. */
  touched = false;
  /** The market maker's resting quotes by +price (bids) / -price (asks). */
  readonly mmQuotes = new Map<bigint, OrderRecord>();
  /** Traded notional per hour bucket (hour index -> money), for volume24h. */
  private readonly hourlyVolume = new Map<number, bigint>();

  constructor(
    readonly spec: MarketSpec,
    now: number,
    fundingPeriodMs: number,
  ) {
    this.id = spec.id;
    this.bookStream = new Stream(`book:${spec.id}`);
    this.tradeStream = new Stream(`trades:${spec.id}`);
    this.bboStream = new Stream(`bbo:${spec.id}`);
    this.markStream = new Stream(`mark:${spec.id}`);
    this.fundingStream = new Stream(`funding:${spec.id}`);
    this.mark = spec.initialMark;
    this.index = spec.initialMark;
    this.updateBands();
    this.fundingPeriodMs = fundingPeriodMs;
    // Settlements fall on multiples of the period since the epoch (00:00/08:00/16:00 UTC for 8 h).
    this.nextFundingAt = (Math.floor(now / fundingPeriodMs) + 1) * fundingPeriodMs;
  }

  /** Aggressive-side limits of limit prices (mark +/- mark x band), recomputed when the mark moves. */
  bandHigh = 0n;
  bandLow = 0n;
  /**
   * Price protection of market orders: a market buy never pays more than mark x (1 + band)
   * rounded down to the tick, a market sell never gets less than mark x (1 - band) rounded up.
   */
  marketBuyCap = 0n;
  marketSellFloor = 0n;

  setPrices(mark: bigint, index: bigint): void {
    this.mark = mark;
    this.index = index;
    this.updateBands();
  }

  private updateBands(): void {
    const { band, tick } = this.spec;
    const width = divRound(this.mark * band, RATE_ONE, 'floor');
    this.bandHigh = this.mark + width;
    this.bandLow = this.mark - width;
    this.marketBuyCap = divRound(this.bandHigh, tick, 'floor') * tick;
    const floor = divRound(this.bandLow, tick, 'ceil') * tick;
    this.marketSellFloor = floor > 0n ? floor : tick;
  }

  addVolume(notional: bigint, at: number): void {
    const hour = Math.floor(at / HOUR_MS);
    this.hourlyVolume.set(hour, (this.hourlyVolume.get(hour) ?? 0n) + notional);
    if (this.hourlyVolume.size > 30) {
      for (const h of this.hourlyVolume.keys()) if (h <= hour - 24) this.hourlyVolume.delete(h);
    }
  }

  /** Notional traded in the current hour and the 23 before it. */
  volume24h(at: number): bigint {
    const hour = Math.floor(at / HOUR_MS);
    let total = 0n;
    for (const [h, v] of this.hourlyVolume) if (h > hour - 24) total += v;
    return total;
  }
}
