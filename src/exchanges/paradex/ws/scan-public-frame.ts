/**
 * Fast path for the public JSON frames that arrive many times a second (bbo, trades, order_book,
 * funding_data, markets_summary):
 * the frame's bytes are checked and indexed in one pass (transport/json-tape.ts) and the domain
 * objects are read straight from them, without the object tree JSON.parse builds and the second
 * walk the field checks make over it.
 *
 * It is an accelerator, not a second reader with rules of its own. It accepts only frames in the
 * tape's JSON subset (printable ASCII strings without escapes) that also avoid a few spellings
 * (repeated keys, integers with a sign, fraction or exponent, order_book lists out of the
 * inserts -> updates -> deletes order) and whose fields all pass the checks of parse-ws-public;
 * it then returns exactly what JSON.parse followed by those parsers returns, except that a book
 * update also carries each level's sort key and spells zero sizes "0" (both only spare the local
 * book a second pass over the strings; what the book holds is the same). Anything else (RPC
 * answers, private or unsubscribed channels, other public channels, unusual or malformed frames)
 * returns undefined and the router takes the general path, which also produces the errors. A
 * property test holds the two paths equal on generated and randomly damaged frames.
 *
 * Values are cut from one latin1 copy of the frame, which equals its UTF-8 text because the tape
 * accepts ASCII only. The module keeps one tape and reads synchronously, never re-entering itself.
 */
import type { BBO, BookLevel, FundingRate, Trade } from '../../../core/types.js';
import { JsonTape } from '../../../transport/json-tape.js';
import type { BookUpdate, MarketSummaryUpdate } from '../parse-ws-public.js';
import type { ChannelKind } from './channels.js';
import { POW10, ZERO as ZERO_SIZE } from './order-book.js';

export type ScannedFrame =
  | { readonly kind: 'bbo'; readonly channel: string; readonly bbo: BBO }
  | { readonly kind: 'trades'; readonly channel: string; readonly trade: Trade }
  | { readonly kind: 'order_book'; readonly channel: string; readonly book: BookUpdate }
  | { readonly kind: 'funding_data'; readonly channel: string; readonly funding: FundingRate }
  | { readonly kind: 'markets_summary'; readonly channel: string; readonly summary: MarketSummaryUpdate };

/** Thrown to abandon the fast path; caught in scanPublicFrame and never seen outside. */
const GIVE_UP = Symbol('give up');

const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const LOWER_N = 110;
/** isDecimalText refuses longer values. */
const MAX_DECIMAL_LENGTH = 64;

const tape = new JsonTape();
/** The tape's arrays and the frame's text while a frame is read. */
let starts = tape.start;
let ends = tape.end;
let text = '';

type Latin1Decoder = Buffer & { latin1Slice?: (start: number, end: number) => string };

/**
 * The frame's latin1 text. Buffer's own latin1Slice skips toString's argument handling, a
 * measurable share of a bbo's cost; toString is the fallback should a Node version drop it.
 */
const latin1Range: (frame: Buffer, from: number, to: number) => string =
  typeof (Buffer.prototype as Latin1Decoder).latin1Slice === 'function'
    ? (frame, from, to) => (frame as Latin1Decoder & { latin1Slice: (start: number, end: number) => string }).latin1Slice(from, to)
    : (frame, from, to) => frame.toString('latin1', from, to);
const latin1 = (frame: Buffer): string => latin1Range(frame, 0, frame.length);
/** The frame being read (for latin1Range). */
const EMPTY = Buffer.alloc(0);
let frameBytes: Buffer = EMPTY;


function giveUp(): never {
  throw GIVE_UP;
}

/**
 * The frame's bbo, trade or book update when the fast path can read it, else undefined (the
 * caller then parses the frame the general way). `kinds` maps the subscribed channels to their kind.
 */
export function scanPublicFrame(frame: Buffer, kinds: ReadonlyMap<string, ChannelKind>): ScannedFrame | undefined {
  if (!tape.index(frame)) return undefined;
  starts = tape.start;
  ends = tape.end;
  if (!isObject(frame, 0)) return undefined;
  text = latin1(frame);
  frameBytes = frame;
  try {
    return readFrame(frame, kinds);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  } finally {
    text = ''; // do not keep the last frame alive
    frameBytes = EMPTY;
  }
}

// ---- keys ---------------------------------------------------------------------------------------

/** A name's bytes, as a plain array (its loads measured cheaper than a Uint8Array's here). */
const ascii = (value: string): readonly number[] => Array.from(value, (c) => c.charCodeAt(0));

/** Key index of a key the object does not use; START is "before the first key". */
const UNKNOWN = 30;
const START = -1;

/**
 * Walks the members of one kind of object: `open` it at its token, then each `next` gives the
 * member's key (its index in `names`, UNKNOWN for a key the reader skips) and value token.
 *
 * Keys are matched against what the frames taught about their order: follow[k + 1] is the key
 * that came after key k last time (follow[0]: the first key). A venue writes its keys in a fixed
 * order, so after one frame nearly every key is matched by a single comparison. JSON.parse keeps
 * the last of repeated keys; rather than copy that, a repeated known key gives up.
 *
 * Each reader has its own instance, and no reader runs inside itself, so an instance is never
 * walking two objects at once.
 */
class Members {
  readonly names: (readonly number[])[];
  readonly follow = new Int8Array(UNKNOWN + 2).fill(UNKNOWN);
  key = UNKNOWN;
  value = 0;
  private token = 0;
  private close = 0;
  private seen = 0;

  constructor(names: readonly string[]) {
    this.names = names.map(ascii);
  }

  open(b: Uint8Array, token: number): void {
    if (!isObject(b, token)) giveUp();
    this.token = token + 1;
    this.close = ends[token] as number;
    this.seen = 0;
    this.key = START;
  }

  next(b: Uint8Array): boolean {
    const k = this.token;
    if (k >= this.close) return false;
    const key = this.match(b, k);
    if (key !== UNKNOWN) {
      const bit = 1 << key;
      if ((this.seen & bit) !== 0) giveUp();
      this.seen |= bit;
    }
    this.key = key;
    this.value = k + 1;
    this.token = after(b, k + 1);
    return true;
  }

  /** The key token's index, trying the one that followed the previous key last time first. */
  private match(b: Uint8Array, token: number): number {
    const from = (starts[token] as number) + 1;
    const to = ends[token] as number;
    const slot = this.key + 1;
    const expected = this.follow[slot] as number;
    const names = this.names;
    if (expected !== UNKNOWN && named(b, from, to, names[expected] as readonly number[])) return expected;
    let found = UNKNOWN;
    for (let k = 0; k < names.length; k++) {
      if (named(b, from, to, names[k] as readonly number[])) {
        found = k;
        break;
      }
    }
    this.follow[slot] = found;
    return found;
  }
}

/** The bytes from..to are `name`. */
function named(b: Uint8Array, from: number, to: number, name: readonly number[]): boolean {
  const length = to - from;
  if (length !== name.length) return false;
  for (let k = 0; k < length; k++) if (b[from + k] !== name[k]) return false;
  return true;
}

/** Tape index just past the value at `token` (past its close token for an object or a list). */
function after(b: Uint8Array, token: number): number {
  const c = b[starts[token] as number];
  return c === OPEN_BRACE || c === OPEN_BRACKET ? (ends[token] as number) + 1 : token + 1;
}

/** The token opens an object (members are the tokens up to ends[token]). */
function isObject(b: Uint8Array, token: number): boolean {
  return b[starts[token] as number] === OPEN_BRACE;
}

// ---- frame structure ---------------------------------------------------------------------------

const FRAME_MEMBERS = new Members(['jsonrpc', 'method', 'params']);
const SUBSCRIPTION = ascii('subscription');

function readFrame(b: Uint8Array, kinds: ReadonlyMap<string, ChannelKind>): ScannedFrame | undefined {
  let subscription = false;
  let result: ScannedFrame | undefined;
  const members = FRAME_MEMBERS;
  members.open(b, 0);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    if (key === 1) subscription = isString(b, v) && named(b, (starts[v] as number) + 1, ends[v] as number, SUBSCRIPTION);
    else if (key === 2) {
      result = readParams(b, v, kinds);
      if (result === undefined) return undefined;
    }
  }
  return subscription ? result : undefined;
}

const PARAMS_MEMBERS = new Members(['channel', 'data']);
const PUBLIC_KINDS: ReadonlySet<ChannelKind> = new Set(['bbo', 'trades', 'order_book', 'funding_data', 'markets_summary']);

/** undefined: a channel this path does not read (private, other public, unsubscribed); not an error. */
function readParams(b: Uint8Array, token: number, kinds: ReadonlyMap<string, ChannelKind>): ScannedFrame | undefined {
  let channel = '';
  let kind: ChannelKind | undefined;
  let result: ScannedFrame | undefined;
  const members = PARAMS_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    if (key === 0) {
      channel = stringAt(b, v);
      kind = kinds.get(channel);
      if (kind === undefined || !PUBLIC_KINDS.has(kind)) return undefined;
    } else if (key === 1) {
      // A channel named after its data is unusual enough to leave to the general path.
      if (kind === 'bbo') result = { kind, channel, bbo: readBbo(b, v) };
      else if (kind === 'trades') result = { kind, channel, trade: readTrade(b, v) };
      else if (kind === 'order_book') result = { kind, channel, book: readBook(b, v) };
      else if (kind === 'funding_data') result = { kind, channel, funding: readFunding(b, v) };
      else if (kind === 'markets_summary') result = { kind, channel, summary: readSummary(b, v) };
      else giveUp();
    }
  }
  if (result === undefined) giveUp();
  return result;
}

// ---- payloads (same rules as parse-ws-public) ---------------------------------------------------

const BBO_MEMBERS = new Members(['market', 'bid', 'bid_size', 'ask', 'ask_size', 'seq_no', 'last_updated_at']);

function readBbo(b: Uint8Array, token: number): BBO {
  let market = '';
  let bid: string | undefined;
  let bidSize: string | undefined;
  let ask: string | undefined;
  let askSize: string | undefined;
  let seq: number | undefined;
  let timestamp = -1;
  const members = BBO_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    switch (key) {
      case 0:
        market = stringAt(b, v);
        break;
      case 1:
        bid = optionalDecimalAt(b, v);
        break;
      case 2:
        bidSize = optionalDecimalAt(b, v);
        break;
      case 3:
        ask = optionalDecimalAt(b, v);
        break;
      case 4:
        askSize = optionalDecimalAt(b, v);
        break;
      case 5:
        seq = optionalIntegerAt(b, v);
        break;
      case 6:
        timestamp = integerAt(b, v);
        break;
    }
  }
  if (market === '' || timestamp < 0) giveUp();
  return { market, bid, bidSize, ask, askSize, seq, timestamp };
}

const TRADE_MEMBERS = new Members(['market', 'id', 'side', 'price', 'size', 'created_at']);

function readTrade(b: Uint8Array, token: number): Trade {
  let market = '';
  let id = '';
  let side = 0;
  let price = '';
  let size = '';
  let timestamp = -1;
  const members = TRADE_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    switch (key) {
      case 0:
        market = stringAt(b, v);
        break;
      case 1:
        id = stringAt(b, v);
        break;
      case 2:
        side = sideAt(b, v);
        break;
      case 3:
        price = decimalAt(b, v);
        break;
      case 4:
        size = decimalAt(b, v);
        break;
      case 5:
        timestamp = integerAt(b, v);
        break;
    }
  }
  if (market === '' || id === '' || side === 0 || price === '' || size === '' || timestamp < 0) giveUp();
  return { market, id, side: side === BUY ? 'buy' : 'sell', price, size, timestamp };
}

const FUNDING_MEMBERS = new Members(['market', 'funding_rate', 'funding_period_hours', 'created_at']);

function readFunding(b: Uint8Array, token: number): FundingRate {
  let market = '';
  let rate = '';
  let periodHours: number | undefined;
  let timestamp = -1;
  const members = FUNDING_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    if (key === 0) market = stringAt(b, v);
    else if (key === 1) rate = decimalAt(b, v);
    else if (key === 2) periodHours = optionalIntegerAt(b, v);
    else if (key === 3) timestamp = integerAt(b, v);
  }
  if (market === '' || rate === '' || timestamp < 0) giveUp();
  return { market, rate, ...(periodHours === undefined ? {} : { periodHours }), timestamp };
}

const SUMMARY_MEMBERS = new Members(['symbol', 'mark_price', 'funding_rate', 'created_at']);

function readSummary(b: Uint8Array, token: number): MarketSummaryUpdate {
  let market = '';
  let markPrice: string | undefined;
  let rate: string | undefined;
  let timestamp = -1;
  const members = SUMMARY_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    if (key === 0) market = stringAt(b, v);
    else if (key === 1) markPrice = optionalDecimalAt(b, v);
    else if (key === 2) rate = optionalDecimalAt(b, v);
    else if (key === 3) timestamp = integerAt(b, v);
  }
  if (market === '' || timestamp < 0) giveUp();
  const funding: FundingRate | undefined =
    rate === undefined ? undefined : { market, rate, ...(markPrice === undefined ? {} : { markPrice }), timestamp };
  return { market, markPrice, funding };
}

const BOOK_MEMBERS = new Members(['seq_no', 'market', 'last_updated_at', 'update_type', 'inserts', 'updates', 'deletes']);
const DELETES = 6;

function readBook(b: Uint8Array, token: number): BookUpdate {
  let seq = -1;
  let market = '';
  let timestamp = -1;
  let type = 0;
  let lastList = 0;
  const bids: BookLevel[] = [];
  const asks: BookLevel[] = [];
  const keys = { bids: [] as number[], asks: [] as number[] };
  const members = BOOK_MEMBERS;
  members.open(b, token);
  while (members.next(b)) {
    const key = members.key;
    const v = members.value;
    switch (key) {
      case 0:
        seq = integerAt(b, v);
        break;
      case 1:
        market = stringAt(b, v);
        break;
      case 2:
        timestamp = integerAt(b, v);
        break;
      case 3:
        type = updateTypeAt(b, v);
        break;
      case 4:
      case 5:
      case 6:
        // The general path collects inserts, then updates, then deletes, whatever their order in
        // the text; levels are pushed as read here, so another order is left to it.
        if (key < lastList) giveUp();
        lastList = key;
        readLevels(b, v, key === DELETES, bids, asks, keys);
        break;
    }
  }
  if (seq < 0 || market === '' || timestamp < 0 || type === 0) giveUp();
  return { market, seq, timestamp, snapshot: type === SNAPSHOT, bids, asks, keys };
}

const SNAPSHOT = 1;
const DELTAS = 2;

/** update_type: "s" or "d". */
function updateTypeAt(b: Uint8Array, token: number): number {
  const from = (starts[token] as number) + 1;
  if (!isString(b, token) || (ends[token] as number) - from !== 1) giveUp();
  const c = b[from];
  if (c === 115 /* s */) return SNAPSHOT;
  if (c === 100 /* d */) return DELTAS;
  return giveUp();
}

const BUY = 1;
const SELL = 2;
const BUY_TEXT = ascii('BUY');
const SELL_TEXT = ascii('SELL');

/** side: "BUY" or "SELL". */
function sideAt(b: Uint8Array, token: number): number {
  if (!isString(b, token)) giveUp();
  const from = (starts[token] as number) + 1;
  const to = ends[token] as number;
  if (named(b, from, to, BUY_TEXT)) return BUY;
  if (named(b, from, to, SELL_TEXT)) return SELL;
  return giveUp();
}

const LEVEL_MEMBERS = new Members(['side', 'price', 'size']);

/**
 * A list of {side, price, size}; null is an absent list. Deletes' sizes are not read (the level
 * goes). Each level's sort key goes to the keys list of its side; a zero size is spelt "0".
 */
function readLevels(b: Uint8Array, token: number, remove: boolean, bids: BookLevel[], asks: BookLevel[], keys: { bids: number[]; asks: number[] }): void {
  if (isNull(b, token)) return;
  if (b[starts[token] as number] !== OPEN_BRACKET) giveUp();
  const close = ends[token] as number;
  for (let e = token + 1; e < close; e = after(b, e)) {
    let side = 0;
    let price = '';
    let key = 0;
    let size = remove ? ZERO_SIZE : '';
    const members = LEVEL_MEMBERS;
    members.open(b, e);
    while (members.next(b)) {
      const name = members.key;
      const v = members.value;
      if (name === 0) side = sideAt(b, v);
      else if (name === 1) {
        price = decimalAt(b, v);
        key = lastDecimalKey(price);
      } else if (name === 2 && !remove) {
        size = decimalAt(b, v);
        if (negative) giveUp();
        if (mantissa === 0 && size !== '') size = ZERO_SIZE;
      }
    }
    if (side === 0 || price === '' || size === '') giveUp();
    if (side === BUY) {
      bids.push([price, size]);
      keys.bids.push(key);
    } else {
      asks.push([price, size]);
      keys.asks.push(key);
    }
  }
}

// ---- values -------------------------------------------------------------------------------------

function isString(b: Uint8Array, token: number): boolean {
  return b[starts[token] as number] === QUOTE;
}

function isNull(b: Uint8Array, token: number): boolean {
  return b[starts[token] as number] === LOWER_N; // the tape has checked the rest of "null"
}

/** A string's content (the tape has checked it is printable ASCII without escapes). */
function stringAt(b: Uint8Array, token: number): string {
  if (!isString(b, token)) giveUp();
  const from = (starts[token] as number) + 1;
  const to = ends[token] as number;
  // V8 cuts strings of 13 characters or more as views that keep the whole frame alive (a market
  // name held by a book would hold its snapshot frame); those are copied out of the frame instead.
  return to - from < 13 ? text.slice(from, to) : latin1Range(frameBytes, from, to);
}

/** What decimalAt saw besides the text: the digits as an integer, how many follow the point, the sign. */
let mantissa = 0;
let digitCount = 0;
let fractionDigits = 0;
let negative = false;

/**
 * A decimal string as isDecimalText has it (-?digits(.digits)?, at most 64 characters); "" stays
 * "". Also leaves its digits in mantissa / digitCount / fractionDigits / negative (a
 * multiply-add per digit, which spares the book a second pass over the price and size).
 */
function decimalAt(b: Uint8Array, token: number): string {
  if (!isString(b, token)) giveUp();
  const from = (starts[token] as number) + 1;
  const to = ends[token] as number;
  if (from === to) return '';
  if (to - from > MAX_DECIMAL_LENGTH) giveUp();
  let i = from;
  let c = b[i] as number;
  negative = c === MINUS;
  if (negative) c = b[++i] as number;
  if (!(c >= ZERO && c <= NINE)) giveUp();
  let m = 0;
  const firstDigit = i;
  do {
    m = m * 10 + (c - ZERO);
    c = b[++i] as number;
  } while (i < to && c >= ZERO && c <= NINE);
  let fraction = 0;
  if (i < to) {
    if (c !== DOT) giveUp();
    c = b[++i] as number;
    if (!(i < to && c >= ZERO && c <= NINE)) giveUp();
    const point = i;
    do {
      m = m * 10 + (c - ZERO);
      c = b[++i] as number;
    } while (i < to && c >= ZERO && c <= NINE);
    if (i < to) giveUp();
    fraction = i - point;
  }
  mantissa = m;
  fractionDigits = fraction;
  digitCount = i - firstDigit - (fraction > 0 ? 1 : 0);
  return text.slice(from, to);
}

/**
 * The sort key of the decimal decimalAt just read: the same number priceKey(text) gives. Up to
 * 15 digits the mantissa is an exact integer and 10^fraction an exact double, so the quotient is
 * the correctly rounded value Number() would give; longer prices take Number() itself.
 */
function lastDecimalKey(value: string): number {
  if (digitCount > 15) return Number(value);
  const key = fractionDigits > 0 ? mantissa / (POW10[fractionDigits] as number) : mantissa;
  return negative ? -key : key;
}

/** null, "" or a decimal string; the first two are "no value". */
function optionalDecimalAt(b: Uint8Array, token: number): string | undefined {
  if (isNull(b, token)) return undefined;
  const value = decimalAt(b, token);
  return value === '' ? undefined : value;
}

/**
 * A non-negative safe integer: a JSON number of plain digits (the tape has refused leading zeros;
 * signs, fractions and exponents are left to JSON.parse) or a digit string, read as integerValue
 * reads it.
 */
function integerAt(b: Uint8Array, token: number): number {
  let from = starts[token] as number;
  const to = ends[token] as number;
  if (b[from] === QUOTE) {
    from += 1;
    if (from === to) giveUp();
  }
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = (b[i] as number) - ZERO;
    if (c < 0 || c > 9) giveUp();
    n = n * 10 + c;
  }
  if (!Number.isSafeInteger(n)) giveUp();
  return n;
}

/** null, "" or an integer; the first two are "no value". */
function optionalIntegerAt(b: Uint8Array, token: number): number | undefined {
  if (isNull(b, token)) return undefined;
  if (isString(b, token) && (ends[token] as number) === (starts[token] as number) + 1) return undefined;
  return integerAt(b, token);
}
