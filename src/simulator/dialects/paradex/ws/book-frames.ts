/**
 * Order-book frames (AsyncAPI ResponsesPriceBookUpdate / SBE BookEvent, paradex-sbe.md §6).
 *
 * JSON: `{seq_no, market, last_updated_at, update_type: "s"|"d", inserts, updates, deletes}` with
 * `{side: BUY|SELL, price, size}` entries (a delete carries size "0"); a snapshot lists every level
 * in `inserts`, bids best first then asks best first, as the recorded frame does.
 * SBE: pkgType SNAPSHOT/DELTA with `[price, size]` bids and asks; in a DELTA size 0 removes the
 * level and any other size is the level's new absolute size.
 */
import { quantize, add, div, sub } from '../../../../core/decimal.js';
import type { BookSnapshot, EngineBookLevel, LevelChange } from '../../../engine/index.js';
import { encodeBookEvent } from '../../paradex-sbe/index.js';
import type { BookLevelInput } from '../../paradex-sbe/index.js';
import { OutgoingFrame, Payload } from './fanout.js';
import { micros } from './public-frames.js';

interface WireLevel {
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly size: string;
}

interface WireBest {
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly size: string;
}

export interface WireBookUpdate {
  readonly seq_no: number;
  readonly market: string;
  readonly last_updated_at: number;
  readonly update_type: 's' | 'd';
  readonly inserts: readonly WireLevel[];
  readonly updates: readonly WireLevel[];
  readonly deletes: readonly WireLevel[];
  readonly best_bid_api?: WireBest;
  readonly best_ask_api?: WireBest;
  readonly best_bid_interactive?: WireBest;
  readonly best_ask_interactive?: WireBest;
  readonly relative_spread?: string;
}

const SPREAD_DECIMALS = 8;

const toWireLevels = (levels: readonly EngineBookLevel[], side: 'BUY' | 'SELL'): WireLevel[] =>
  levels.map((level) => ({ side, price: level.price, size: level.size }));
const toSbeLevels = (levels: readonly EngineBookLevel[]): BookLevelInput[] => levels.map((level) => [level.price, level.size] as const);

/**
 * Merges levels into `tick` buckets (the `@{price_tick}` channel option): bids round down, asks
 * round up, so a bucket never shows a better price than the orders in it.
 */
export function groupLevels(levels: readonly EngineBookLevel[], tick: string, side: 'BID' | 'ASK'): EngineBookLevel[] {
  const grouped: { price: string; size: string }[] = [];
  for (const level of levels) {
    const price = quantize(level.price, tick, side === 'BID' ? 'floor' : 'ceil');
    const last = grouped[grouped.length - 1];
    if (last !== undefined && last.price === price) last.size = add(last.size, level.size);
    else grouped.push({ price, size: level.size });
  }
  return grouped;
}

export interface SnapshotView {
  readonly market: string;
  readonly seq: number;
  readonly timestamp: number;
  readonly bids: readonly EngineBookLevel[];
  readonly asks: readonly EngineBookLevel[];
}

/** Cuts (and groups) an engine snapshot to what a channel shows. */
export function viewOf(snapshot: BookSnapshot, depth: number, tick: string | undefined): SnapshotView {
  const bids = tick === undefined ? snapshot.bids : groupLevels(snapshot.bids, tick, 'BID');
  const asks = tick === undefined ? snapshot.asks : groupLevels(snapshot.asks, tick, 'ASK');
  return { market: snapshot.market, seq: snapshot.seq, timestamp: snapshot.timestamp, bids: bids.slice(0, depth), asks: asks.slice(0, depth) };
}

function bestFields(view: SnapshotView): Partial<WireBookUpdate> {
  const bid = view.bids[0];
  const ask = view.asks[0];
  const fields: Record<string, unknown> = {};
  if (bid !== undefined) fields.best_bid_api = fields.best_bid_interactive = { side: 'BUY', price: bid.price, size: bid.size };
  if (ask !== undefined) fields.best_ask_api = fields.best_ask_interactive = { side: 'SELL', price: ask.price, size: ask.size };
  if (bid !== undefined && ask !== undefined) {
    const mid = div(add(bid.price, ask.price), '2', SPREAD_DECIMALS + 8);
    fields.relative_spread = mid === '0' ? '0' : div(sub(ask.price, bid.price), mid, SPREAD_DECIMALS);
  }
  return fields as Partial<WireBookUpdate>;
}

export function snapshotFrame(prefix: string, view: SnapshotView, seqOffset: number, interactive: boolean): OutgoingFrame {
  const best = interactive ? bestFields(view) : {};
  const data: WireBookUpdate = {
    seq_no: view.seq + seqOffset,
    market: view.market,
    last_updated_at: view.timestamp,
    update_type: 's',
    inserts: [...toWireLevels(view.bids, 'BUY'), ...toWireLevels(view.asks, 'SELL')],
    updates: [],
    deletes: [],
    ...best,
  };
  const payload = new Payload(data, (version) =>
    encodeBookEvent(
      {
        ts: micros(view.timestamp),
        seq: data.seq_no,
        pkgType: 'SNAPSHOT',
        bids: toSbeLevels(view.bids),
        asks: toSbeLevels(view.asks),
        market: view.market,
        ...(interactive ? sbeBest(data) : {}),
      },
      version,
    ),
  );
  return new OutgoingFrame(prefix, payload);
}

function sbeBest(data: WireBookUpdate): Record<string, string | undefined> {
  return {
    bestBidPrice: data.best_bid_interactive?.price,
    bestBidSize: data.best_bid_interactive?.size,
    bestAskPrice: data.best_ask_interactive?.price,
    bestAskSize: data.best_ask_interactive?.size,
    relativeSpread: data.relative_spread,
    bestBidApiPrice: data.best_bid_api?.price,
    bestBidApiSize: data.best_bid_api?.size,
    bestAskApiPrice: data.best_ask_api?.price,
    bestAskApiSize: data.best_ask_api?.size,
  };
}

const SIDE_OF = { BID: 'BUY', ASK: 'SELL' } as const;

/** One engine book_delta as a delta frame. */
export function deltaFrame(prefix: string, market: string, seq: number, timestamp: number, changes: readonly LevelChange[]): OutgoingFrame {
  const inserts: WireLevel[] = [];
  const updates: WireLevel[] = [];
  const deletes: WireLevel[] = [];
  const bids: BookLevelInput[] = [];
  const asks: BookLevelInput[] = [];
  for (const change of changes) {
    const size = change.action === 'DELETE' ? '0' : change.size;
    const level = { side: SIDE_OF[change.side], price: change.price, size };
    (change.action === 'INSERT' ? inserts : change.action === 'UPDATE' ? updates : deletes).push(level);
    (change.side === 'BID' ? bids : asks).push([change.price, size] as const);
  }
  const data: WireBookUpdate = { seq_no: seq, market, last_updated_at: timestamp, update_type: 'd', inserts, updates, deletes };
  const payload = new Payload(data, (version) => encodeBookEvent({ ts: micros(timestamp), seq, pkgType: 'DELTA', bids, asks, market }, version));
  return new OutgoingFrame(prefix, payload);
}
