/**
 * Engine market events -> Aster market streams (aster.md §7.2, §7.3).
 *
 *  - <symbol>@aggTrade: each engine trade, at once (a = f = l = the trade id).
 *  - <symbol>@bookTicker: each best bid/ask change, at once (u = the book's update id).
 *  - <symbol>@depth[@100ms|@500ms]: book changes merged per level over the period, sent when any.
 *    Update ids are the engine's book sequence numbers: REST depth's lastUpdateId is the last one
 *    applied. Each event has u = its last update id and pu = the previous event's u, and
 *    U = pu, i.e. every event's [U, u] range starts where the previous one ended. With that,
 *    the venue's procedure (drop u < lastUpdateId; first event U <= lastUpdateId <= u; then
 *    pu = previous u) always finds its first event, even when the snapshot is taken on a quiet
 *    book. A `gap` fault makes pu skip one id (the client must resync).
 *  - <symbol>@depth<N>[@speed]: top-N snapshot each period when the book changed, same ids.
 *  - <symbol>@markPrice[@1s]: mark, index, funding rate and next funding time every period.
 *
 * Periodic streams run one timer per topic, only while the topic has subscribers.
 */
import { compare } from '../../../../core/decimal.js';
import type { EngineEvent, LevelChange } from '../../../engine/index.js';
import type { FrameAction } from '../../../faults.js';
import type { AsterContext } from '../context.js';
import { money8 } from '../format.js';
import { tradeIdOf } from '../ids.js';
import { price, qty, type AsterMarket } from '../symbols.js';
import type { MarketStream } from './streams.js';

interface DepthDiffState {
  readonly topic: string;
  readonly market: AsterMarket;
  /** u of the last event built. */
  lastU: number;
  /** Last update id merged into `pending`. */
  lastSeq: number;
  readonly pending: Map<string, LevelChange>;
}

const streamSymbol = (m: AsterMarket): string => m.symbol.toLowerCase();

export class MarketFeeds {
  readonly #timers = new Map<string, ReturnType<typeof setInterval>>();
  /** Diff-depth states by engine market id. */
  readonly #depth = new Map<string, Map<string, DepthDiffState>>();

  constructor(private readonly ctx: AsterContext) {}

  /** A topic got its first subscriber. */
  acquire(topic: string, stream: MarketStream): void {
    if (stream.kind === 'aggTrade' || stream.kind === 'bookTicker') return;
    if (stream.kind === 'depthDiff') {
      const seq = this.ctx.engine.bookSnapshot(stream.market.engineId, 1).seq;
      const state: DepthDiffState = { topic, market: stream.market, lastU: seq, lastSeq: seq, pending: new Map() };
      const byTopic = this.#depth.get(stream.market.engineId) ?? new Map<string, DepthDiffState>();
      byTopic.set(topic, state);
      this.#depth.set(stream.market.engineId, byTopic);
      this.#every(topic, stream.intervalMs, () => this.#flushDiff(state));
      return;
    }
    if (stream.kind === 'depthPartial') {
      const state = { lastU: this.ctx.engine.bookSnapshot(stream.market.engineId, 1).seq, sent: -1 };
      this.#every(topic, stream.intervalMs, () => this.#sendPartial(topic, stream.market, stream.levels, state));
      return;
    }
    this.#every(topic, stream.intervalMs, () => this.#sendMark(topic, stream.market));
  }

  /** A topic lost its last subscriber. */
  release(topic: string, stream: MarketStream): void {
    const timer = this.#timers.get(topic);
    if (timer !== undefined) clearInterval(timer);
    this.#timers.delete(topic);
    if (stream.kind === 'depthDiff') this.#depth.get(stream.market.engineId)?.delete(topic);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearInterval(timer);
    this.#timers.clear();
    this.#depth.clear();
  }

  readonly onEvent = (event: EngineEvent): void => {
    if (event.type === 'trade') {
      const m = this.ctx.symbols.byEngineId(event.market);
      if (m === undefined || event.trade.busted) return;
      const t = event.trade;
      const id = tradeIdOf(t.id);
      this.ctx.hub.publish(`${streamSymbol(m)}@aggTrade`, (action) =>
        action.kind === 'gap'
          ? undefined
          : { e: 'aggTrade', E: event.timestamp, a: id, s: m.symbol, p: price(m, t.price), q: qty(m, t.size), f: id, l: id, T: t.createdAt, m: t.side === 'SELL' },
      );
    } else if (event.type === 'bbo') {
      const m = this.ctx.symbols.byEngineId(event.market);
      if (m === undefined) return;
      const b = event.bbo;
      this.ctx.hub.publish(`${streamSymbol(m)}@bookTicker`, (action) =>
        action.kind === 'gap'
          ? undefined
          : {
              e: 'bookTicker',
              u: b.bookSeq,
              s: m.symbol,
              b: b.bid === undefined ? '0' : price(m, b.bid),
              B: b.bidSize === undefined ? '0' : qty(m, b.bidSize),
              a: b.ask === undefined ? '0' : price(m, b.ask),
              A: b.askSize === undefined ? '0' : qty(m, b.askSize),
              T: b.timestamp,
              E: event.timestamp,
            },
      );
    } else if (event.type === 'book_delta') {
      const states = this.#depth.get(event.market);
      if (states === undefined) return;
      for (const state of states.values()) {
        for (const change of event.changes) state.pending.set(`${change.side}:${change.price}`, change);
        state.lastSeq = event.seq;
      }
    }
  };

  #every(topic: string, intervalMs: number, fn: () => void): void {
    const timer = setInterval(fn, intervalMs);
    timer.unref();
    this.#timers.set(topic, timer);
  }

  #flushDiff(state: DepthDiffState): void {
    if (state.pending.size === 0) return;
    const now = this.ctx.now();
    this.ctx.hub.publish(state.topic, (action: FrameAction) => {
      const m = state.market;
      const pu = action.kind === 'gap' ? state.lastU + 1 : state.lastU;
      const changes = [...state.pending.values()];
      state.pending.clear();
      state.lastU = state.lastSeq;
      const side = (which: 'BID' | 'ASK', descending: boolean) =>
        changes
          .filter((c) => c.side === which)
          .sort((x, y) => (descending ? compare(y.price, x.price) : compare(x.price, y.price)))
          .map((c) => [price(m, c.price), qty(m, c.size)]);
      return { e: 'depthUpdate', E: now, T: now, s: m.symbol, U: pu, u: state.lastU, pu, b: side('BID', true), a: side('ASK', false) };
    });
    // Without subscribers publish() does not run the builder: keep the ids moving all the same.
    if (state.pending.size > 0) {
      state.pending.clear();
      state.lastU = state.lastSeq;
    }
  }

  #sendPartial(topic: string, m: AsterMarket, levels: number, state: { lastU: number; sent: number }): void {
    const book = this.ctx.engine.bookSnapshot(m.engineId, levels);
    if (book.seq === state.sent) return;
    state.sent = book.seq;
    const now = this.ctx.now();
    this.ctx.hub.publish(topic, (action) => {
      const pu = action.kind === 'gap' ? state.lastU + 1 : state.lastU;
      state.lastU = book.seq;
      const level = (l: { price: string; size: string }) => [price(m, l.price), qty(m, l.size)];
      return { e: 'depthUpdate', E: now, T: book.timestamp, s: m.symbol, U: pu, u: book.seq, pu, b: book.bids.map(level), a: book.asks.map(level) };
    });
  }

  #sendMark(topic: string, m: AsterMarket): void {
    const s = this.ctx.engine.marketSummary(m.engineId);
    this.ctx.hub.publish(topic, (action) =>
      action.kind === 'gap'
        ? undefined
        : {
            e: 'markPriceUpdate',
            E: s.timestamp,
            s: m.symbol,
            p: money8(s.markPrice),
            P: money8(s.indexPrice),
            i: money8(s.indexPrice),
            r: money8(s.fundingRate),
            T: s.nextFundingAt,
          },
    );
  }
}
