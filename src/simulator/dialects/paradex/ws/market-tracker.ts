/**
 * Per-market facts the channel payloads need but the engine event at hand does not carry: the
 * book sequence a trade happened at (SBE TradeEvent.seq), the index price at a fill
 * (`underlying_price`), the cumulative funding index (`cached_funding_index`, balance events).
 * Fed from the engine events the dialect sees; the engine is asked once when nothing was seen yet.
 */
import type { SimulatorEngine } from '../../../engine/index.js';

interface MarketFacts {
  bookSeq: number | undefined;
  indexPrice: string | undefined;
  fundingIndex: string | undefined;
}

export class MarketTracker {
  readonly #engine: SimulatorEngine;
  readonly #facts = new Map<string, MarketFacts>();

  constructor(engine: SimulatorEngine) {
    this.#engine = engine;
  }

  #of(market: string): MarketFacts {
    let facts = this.#facts.get(market);
    if (facts === undefined) this.#facts.set(market, (facts = { bookSeq: undefined, indexPrice: undefined, fundingIndex: undefined }));
    return facts;
  }

  /** Forget everything (the dialect stopped listening, so the facts would go stale). */
  clear(): void {
    this.#facts.clear();
  }

  noteBookSeq(market: string, seq: number): void {
    const facts = this.#of(market);
    if (facts.bookSeq === undefined || seq > facts.bookSeq) facts.bookSeq = seq;
  }

  noteIndexPrice(market: string, indexPrice: string): void {
    this.#of(market).indexPrice = indexPrice;
  }

  noteFundingIndex(market: string, fundingIndex: string): void {
    this.#of(market).fundingIndex = fundingIndex;
  }

  bookSeq(market: string): number {
    const facts = this.#of(market);
    facts.bookSeq ??= this.#engine.bbo(market).bookSeq;
    return facts.bookSeq;
  }

  indexPrice(market: string): string {
    const facts = this.#of(market);
    facts.indexPrice ??= this.#engine.marketSummary(market).indexPrice;
    return facts.indexPrice;
  }

  fundingIndex(market: string): string {
    const facts = this.#of(market);
    facts.fundingIndex ??= this.#engine.marketSummary(market).fundingIndex;
    return facts.fundingIndex;
  }

  fundingPeriodHours(market: string): number {
    return this.#engine.market(market).fundingPeriodHours;
  }
}
