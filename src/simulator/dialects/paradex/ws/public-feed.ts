/**
 * Public channels other than the order book, fed from the engine's market streams:
 * - bbo.{m|ALL}                  on every best bid/ask change (bbo:<m>), "no throttling" per the docs
 * - trades.{m|ALL}               every trade (trades:<m>)
 * - markets_summary[.{m|ALL}]    on every mark price step (mark:<m>)
 * - funding_data[.{m|ALL}]       on every mark price step (the predicted rate and premium move with
 *                                it) and at each settlement (funding:<m>)
 * A new subscriber to bbo, markets_summary or funding_data gets the current value at once, so a
 * client does not wait for the next change to know the state.
 */
import type { EngineEvent, SimulatorEngine } from '../../../engine/index.js';
import type { ChannelSpec } from './channels.js';
import { OutgoingFrame } from './fanout.js';
import type { FanOut, FrameSink, Payload } from './fanout.js';
import type { MarketTracker } from './market-tracker.js';
import { bboPayload, fundingDataPayload, liveFunding, marketSummaryPayload, tradePayload } from './public-frames.js';
import type { SubscriptionRegistry } from './registry.js';

type MarketEvent = Extract<EngineEvent, { type: 'bbo' | 'trade' | 'mark_price' | 'funding_rate' }>;

export class PublicFeed<S extends FrameSink> {
  readonly #engine: SimulatorEngine;
  readonly #registry: SubscriptionRegistry<S>;
  readonly #fanout: FanOut;
  readonly #markets: MarketTracker;
  readonly #marketIds: readonly string[];

  constructor(engine: SimulatorEngine, registry: SubscriptionRegistry<S>, fanout: FanOut, markets: MarketTracker) {
    this.#engine = engine;
    this.#registry = registry;
    this.#fanout = fanout;
    this.#markets = markets;
    this.#marketIds = engine.markets().map((m) => m.id);
  }

  onEvent(event: MarketEvent): void {
    switch (event.type) {
      case 'bbo':
        this.#markets.noteBookSeq(event.market, event.bbo.bookSeq);
        this.#each('bbo', event.market, () => bboPayload(event.bbo));
        return;
      case 'trade': {
        if (!this.#registry.hasTopics('trades', event.market)) return;
        const seq = this.#markets.bookSeq(event.market);
        this.#each('trades', event.market, () => tradePayload(event.trade, seq, event.timestamp));
        return;
      }
      case 'mark_price':
        this.#markets.noteIndexPrice(event.market, event.indexPrice);
        this.#onMark(event.market, event.seq);
        return;
      case 'funding_rate':
        this.#markets.noteFundingIndex(event.market, event.funding.fundingIndex);
        this.#each('funding_data', event.market, () => fundingDataPayload(event.funding, event.seq));
        return;
    }
  }

  /** The frames a new subscriber gets at once (none for trades). */
  firstFrames(spec: ChannelSpec, prefix: string): OutgoingFrame[] {
    return this.#firstPayloads(spec).map((payload) => new OutgoingFrame(prefix, payload));
  }

  #firstPayloads(spec: ChannelSpec): Payload[] {
    const markets = spec.market === undefined ? this.#marketIds : [spec.market];
    switch (spec.kind) {
      case 'bbo':
        return markets.map((market) => bboPayload(this.#engine.bbo(market)));
      case 'markets_summary':
        return markets.map((market) => marketSummaryPayload(this.#engine.marketSummary(market), 0));
      case 'funding_data':
        return markets.map((market) => fundingDataPayload(liveFunding(this.#engine.marketSummary(market), this.#markets.fundingPeriodHours(market)), 0));
      default:
        return [];
    }
  }

  #onMark(market: string, seq: number): void {
    const summaryWanted = this.#registry.hasTopics('markets_summary', market);
    const fundingWanted = this.#registry.hasTopics('funding_data', market);
    if (!summaryWanted && !fundingWanted) return;
    const summary = this.#engine.marketSummary(market);
    if (summaryWanted) this.#each('markets_summary', market, () => marketSummaryPayload(summary, seq));
    if (fundingWanted) this.#each('funding_data', market, () => fundingDataPayload(liveFunding(summary, this.#markets.fundingPeriodHours(market)), seq));
  }

  /** Publishes one event to every topic that carries it; the payload is built once, on first use. */
  #each(kind: 'bbo' | 'trades' | 'markets_summary' | 'funding_data', market: string, build: () => Payload): void {
    let payload: Payload | undefined;
    for (const topic of this.#registry.topicsFor(kind, market)) {
      this.#fanout.publish(topic, () => new OutgoingFrame(topic.prefix, (payload ??= build())));
    }
  }
}
