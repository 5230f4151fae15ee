/**
 * The socket-free half of the market stream: routes each combined-stream frame by its stream name
 * to the parser of that channel and emits domain events, and keeps one local order book per `book`
 * subscription, fetching REST snapshots and resyncing on a gap or a crossed book. The socket layer
 * (market-stream.ts) feeds it frames; benchmarks and replays can too.
 */
import { RequestError } from '../../../core/errors.js';
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { OrderBook } from '../../../core/types.js';
import type { Timers } from '../../../transport/timers.js';
import type { WireDepth } from '../rest/schemas/index.js';
import { LocalOrderBook } from './local-book.js';
import type { MarketStreamKind } from './options.js';
import type { Json } from './parse-market.js';
import { parseAggTradeEvent, parseBookTickerEvent, parseDepthEvent, parseMarkPriceEvent } from './parse-market.js';

export type MarketChannel = 'bbo' | 'trades' | 'book' | 'funding';

export const CHANNEL_STREAM: Record<MarketChannel, { suffix: string; kind: MarketStreamKind }> = {
  bbo: { suffix: '@bookTicker', kind: 'bookTicker' },
  trades: { suffix: '@aggTrade', kind: 'aggTrade' },
  book: { suffix: '@depth@100ms', kind: 'depth' },
  funding: { suffix: '@markPrice@1s', kind: 'markPrice' },
};

/** The stream name for a channel and symbol (stream names use lower-case symbols). */
export function streamName(channel: MarketChannel, symbol: string): string {
  return `${symbol.toLowerCase()}${CHANNEL_STREAM[channel].suffix}`;
}

export interface MarketRouterDeps {
  readonly emit: (event: ExchangeEvent) => void;
  readonly fetchDepth: (symbol: string, limit: number) => Promise<WireDepth>;
  readonly timers: Timers;
  readonly now: () => number;
  readonly snapshotLimit: number;
  /** Frames that carry no stream data (SUBSCRIBE answers, errors). */
  readonly onControl?: (message: Json) => void;
}

interface BookEntry {
  readonly book: LocalOrderBook;
  depth: number;
  syncing: boolean;
  /** Snapshots fetched for this book beyond the first (gaps, crossed books, reconnects). */
  resyncs: number;
  initialised: boolean;
}

type Handler = (data: Json) => void;

const pair = ([p, q]: readonly [string, string, ...unknown[]]): readonly [string, string] => [p, q];

export class MarketRouter {
  readonly #deps: MarketRouterDeps;
  readonly #routes = new Map<string, Handler>();
  readonly #kinds = new Map<string, MarketStreamKind>();
  readonly #books = new Map<string, BookEntry>();
  #closed = false;

  constructor(deps: MarketRouterDeps) {
    this.#deps = deps;
  }

  get size(): number {
    return this.#routes.size;
  }

  kindOf(stream: string): MarketStreamKind | undefined {
    return this.#kinds.get(stream);
  }

  /** Routes `channel` of `symbol`; returns its stream name. */
  add(channel: MarketChannel, symbol: string, depth = 20): string {
    const stream = streamName(channel, symbol);
    this.#kinds.set(stream, CHANNEL_STREAM[channel].kind);
    this.#routes.set(stream, this.#handler(channel, symbol));
    if (channel === 'book') {
      const existing = this.#books.get(symbol);
      if (existing !== undefined) existing.depth = Math.max(existing.depth, depth);
      else this.#books.set(symbol, { book: new LocalOrderBook(symbol), depth, syncing: false, resyncs: 0, initialised: false });
    }
    return stream;
  }

  remove(channel: MarketChannel, symbol: string): string {
    const stream = streamName(channel, symbol);
    this.#routes.delete(stream);
    this.#kinds.delete(stream);
    if (channel === 'book') this.#books.delete(symbol);
    return stream;
  }

  /** One frame as `ws` delivers it; returns the stream it carried data for. */
  handleFrame(data: Buffer | string): string | undefined {
    const message = JSON.parse(typeof data === 'string' ? data : data.toString('utf8')) as Json;
    const stream = message.stream;
    if (typeof stream !== 'string') {
      this.#deps.onControl?.(message);
      return undefined;
    }
    const handler = this.#routes.get(stream);
    if (handler !== undefined) handler(message.data as Json);
    return stream;
  }

  resyncCount(symbol: string): number {
    return this.#books.get(symbol)?.resyncs ?? 0;
  }

  book(symbol: string, depth?: number): OrderBook | undefined {
    const entry = this.#books.get(symbol);
    if (entry === undefined || !entry.book.synced) return undefined;
    return entry.book.top(depth ?? entry.depth);
  }

  /** The connection is gone: diffs are lost with it, so every book buffers until its next snapshot. */
  resetBooks(): void {
    for (const entry of this.#books.values()) {
      entry.book.reset();
      entry.syncing = false;
    }
  }

  /** Every book fetches a new snapshot (after a reconnect). */
  resyncAll(): void {
    for (const symbol of this.#books.keys()) void this.resync(symbol, true);
  }

  close(): void {
    this.#closed = true;
  }

  /**
   * Fetches a snapshot and replays the buffered diffs; repeats after a gap, pauses a second after
   * a failed fetch. Resolves when this attempt is done (not when the book is synced).
   */
  async resync(symbol: string, counted: boolean): Promise<void> {
    const entry = this.#books.get(symbol);
    if (entry === undefined || entry.syncing || this.#closed) return;
    entry.syncing = true;
    if (counted && entry.initialised) entry.resyncs += 1;
    entry.initialised = true;
    entry.book.reset();
    let snapshot: WireDepth;
    try {
      snapshot = await this.#deps.fetchDepth(symbol, this.#deps.snapshotLimit);
    } catch {
      if (this.#books.get(symbol) !== entry) return;
      entry.syncing = false;
      this.#deps.timers.setTimeout(() => void this.resync(symbol, false), 1_000);
      return;
    }
    if (this.#books.get(symbol) !== entry || !entry.syncing) return;
    entry.syncing = false;
    const result = entry.book.applySnapshot(snapshot.lastUpdateId, snapshot.bids.map(pair), snapshot.asks.map(pair), snapshot.E ?? snapshot.T ?? this.#deps.now());
    // 'waiting': no diff straddles the snapshot yet, but the snapshot itself is a valid book.
    if (result === 'synced' || result === 'waiting') this.#emitBook(entry);
    else await this.resync(symbol, true);
  }

  #handler(channel: MarketChannel, symbol: string): Handler {
    const emit = this.#deps.emit;
    switch (channel) {
      case 'bbo':
        return (data) => emit({ type: 'bbo', exchange: 'aster', bbo: parseBookTickerEvent(data) });
      case 'trades':
        return (data) => emit({ type: 'trade', exchange: 'aster', trade: parseAggTradeEvent(data) });
      case 'funding':
        return (data) => emit({ type: 'funding', exchange: 'aster', funding: parseMarkPriceEvent(data) });
      case 'book':
        return (data) => this.#onDiff(symbol, data);
    }
  }

  #onDiff(symbol: string, data: Json): void {
    const entry = this.#books.get(symbol);
    if (entry === undefined) return;
    const result = entry.book.applyDiff(parseDepthEvent(data));
    if (result === 'applied') this.#emitBook(entry);
    else if (result === 'gap' || result === 'crossed') void this.resync(symbol, true);
  }

  #emitBook(entry: BookEntry): void {
    this.#deps.emit({ type: 'book', exchange: 'aster', book: entry.book.top(entry.depth) });
  }
}

export function tooManyStreams(max: number): RequestError {
  return new RequestError(`Aster allows at most ${max} streams per connection`, { exchange: 'aster' });
}
