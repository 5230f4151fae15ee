/**
 * Paradex public WebSocket payloads (`params.data` of bbo, trades, order_book, funding_data,
 * markets_summary; JSON or SBE-decoded) -> domain BBO, Trade, FundingRate and book updates.
 *
 * These run for every market-data frame, so they check fields by hand instead of through zod
 * (same rules as rest/schemas: money must be a decimal *string*, timestamps integers or digit
 * strings); a payload that breaks a rule is a DecodeError naming the field. SBE objects come from
 * the decoder, which has already produced canonical decimal strings, and are mapped without
 * re-checking.
 */
import { DecodeError } from '../../core/errors.js';
import type { BBO, BookLevel, DecimalString, FundingRate, Trade } from '../../core/types.js';
import { redactSecrets } from './rest/decode.js';
import type { SbeBbo, SbeBookUpdate, SbeFundingData, SbeMarketSummary, SbeTrade } from './ws/sbe/index.js';

/** One order-book message, JSON or SBE, in one shape: per side, [price, size] with size "0" = remove. */
export interface BookUpdate {
  readonly market: string;
  readonly seq: number;
  readonly timestamp: number;
  /** True: replace the whole book; false: apply the levels to the book at seq - 1. */
  readonly snapshot: boolean;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /**
   * Set by the one-pass frame reader only: each level's sort key (priceKey(price)), parallel to
   * bids / asks, computed while the price was checked. Such an update also spells every zero size
   * exactly "0", so the book can tell a removal without reading the size again.
   */
  readonly keys?: BookKeys;
}

export interface BookKeys {
  readonly bids: readonly number[];
  readonly asks: readonly number[];
}

/** markets_summary: the mark price always, a funding rate when the row has one. */
export interface MarketSummaryUpdate {
  readonly market: string;
  readonly markPrice: DecimalString | undefined;
  readonly funding: FundingRate | undefined;
}

type Payload = Record<string, unknown>;

/**
 * A plain decimal: optional "-", digits, optionally "." and digits ("65000.5", "-0.01"; not
 * "1e5", ".5", "5." or ""). A character loop: this runs several times per market-data frame and
 * is a few times cheaper than the equivalent regular expression.
 */
export function isDecimalText(value: string): boolean {
  const n = value.length;
  let i = n > 0 && value.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (i >= n || n > 64) return false;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += 1;
    } else if (c === 46 /* . */ && !dot && digits > 0) {
      dot = true;
      digits = 0;
    } else return false;
  }
  return digits > 0;
}

function failure(channel: string, field: string, rule: string, data: unknown): DecodeError {
  let text: string;
  try {
    text = JSON.stringify(data) ?? String(data);
  } catch {
    text = String(data);
  }
  return new DecodeError(`Paradex WS ${channel}: ${field} must be ${rule}`, redactSecrets(text), [`${field}: ${rule}`], { exchange: 'paradex' });
}

function object(data: unknown, channel: string): Payload {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw failure(channel, '(root)', 'an object', data);
  return data as Payload;
}

function text(p: Payload, key: string, channel: string): string {
  const v = p[key];
  if (typeof v === 'string' && v !== '') return v;
  throw failure(channel, key, 'a non-empty string', p);
}

function decimal(p: Payload, key: string, channel: string): DecimalString {
  const v = p[key];
  if (typeof v === 'string' && isDecimalText(v)) return v;
  throw failure(channel, key, 'a decimal string like "65000.5"', p);
}

/** "" and absent mean "no value" (an empty book side, an unset rate). */
function optionalDecimal(p: Payload, key: string, channel: string): DecimalString | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && isDecimalText(v)) return v;
  throw failure(channel, key, 'a decimal string or ""', p);
}

/**
 * A safe non-negative integer, sent as a number or as a digit string. Digit strings are read by a
 * character loop (cheaper than a regular expression plus Number on every frame); the value is the
 * same Number would give: exact below 2^53, and anything at or past it is refused either way.
 */
function integerValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string' || v.length === 0) return undefined;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return Number.isSafeInteger(n) ? n : undefined;
}

function integer(p: Payload, key: string, channel: string): number {
  const n = integerValue(p[key]);
  if (n === undefined) throw failure(channel, key, 'a non-negative safe integer', p);
  return n;
}

function optionalInteger(p: Payload, key: string, channel: string): number | undefined {
  return p[key] === undefined || p[key] === null || p[key] === '' ? undefined : integer(p, key, channel);
}

// ---- JSON payloads --------------------------------------------------------------------------

export function parseWsBbo(data: unknown): BBO {
  const p = object(data, 'bbo');
  // Fields are read by name here (not through a shared helper taking the key) so that each read
  // stays a monomorphic property load on this hot path. One object literal (absent values as
  // undefined) keeps a single hidden class.
  const market = p.market;
  const bid = p.bid;
  const bidSize = p.bid_size;
  const ask = p.ask;
  const askSize = p.ask_size;
  const seq = p.seq_no;
  const timestamp = integerValue(p.last_updated_at);
  if (typeof market !== 'string' || market === '') throw failure('bbo', 'market', 'a non-empty string', p);
  return {
    market,
    bid: isOptionalDecimal(bid) ? bid : badOptionalDecimal('bbo', 'bid', p),
    bidSize: isOptionalDecimal(bidSize) ? bidSize : badOptionalDecimal('bbo', 'bid_size', p),
    ask: isOptionalDecimal(ask) ? ask : badOptionalDecimal('bbo', 'ask', p),
    askSize: isOptionalDecimal(askSize) ? askSize : badOptionalDecimal('bbo', 'ask_size', p),
    seq: seq === undefined || seq === null || seq === '' ? undefined : integer(p, 'seq_no', 'bbo'),
    timestamp: timestamp ?? integer(p, 'last_updated_at', 'bbo'),
  };
}

/** True for the values optionalDecimal accepts; "" and null become undefined in the domain. */
function isOptionalDecimal(v: unknown): v is DecimalString | undefined {
  return v === undefined || (typeof v === 'string' && v !== '' && isDecimalText(v));
}

/** "" or null: no value; anything else that is not a decimal string: the field's DecodeError. */
function badOptionalDecimal(channel: string, key: string, p: Payload): undefined {
  const v = p[key];
  if (v === null || v === '') return undefined;
  throw failure(channel, key, 'a decimal string or ""', p);
}

export function parseWsTrade(data: unknown): Trade {
  const p = object(data, 'trades');
  const market = p.market;
  const id = p.id;
  const side = p.side;
  const price = p.price;
  const size = p.size;
  if (typeof market !== 'string' || market === '') throw failure('trades', 'market', 'a non-empty string', p);
  if (typeof id !== 'string' || id === '') throw failure('trades', 'id', 'a non-empty string', p);
  if (side !== 'BUY' && side !== 'SELL') throw failure('trades', 'side', '"BUY" or "SELL"', p);
  if (typeof price !== 'string' || !isDecimalText(price)) throw failure('trades', 'price', 'a decimal string like "65000.5"', p);
  if (typeof size !== 'string' || !isDecimalText(size)) throw failure('trades', 'size', 'a decimal string like "65000.5"', p);
  return { market, id, side: side === 'BUY' ? 'buy' : 'sell', price, size, timestamp: integer(p, 'created_at', 'trades') };
}

export function parseWsFundingData(data: unknown): FundingRate {
  const p = object(data, 'funding_data');
  const periodHours = optionalInteger(p, 'funding_period_hours', 'funding_data');
  return {
    market: text(p, 'market', 'funding_data'),
    rate: decimal(p, 'funding_rate', 'funding_data'),
    ...(periodHours === undefined ? {} : { periodHours }),
    timestamp: integer(p, 'created_at', 'funding_data'),
  };
}

export function parseWsMarketSummary(data: unknown): MarketSummaryUpdate {
  const p = object(data, 'markets_summary');
  const market = text(p, 'symbol', 'markets_summary');
  const markPrice = optionalDecimal(p, 'mark_price', 'markets_summary');
  const rate = optionalDecimal(p, 'funding_rate', 'markets_summary');
  const timestamp = integer(p, 'created_at', 'markets_summary');
  const funding: FundingRate | undefined =
    rate === undefined ? undefined : { market, rate, ...(markPrice === undefined ? {} : { markPrice }), timestamp };
  return { market, markPrice, funding };
}

/**
 * A JSON order_book message: inserts (new levels) and updates (new absolute size) both set the
 * level; deletes remove it. Each entry names its side.
 */
export function parseWsBookUpdate(data: unknown): BookUpdate {
  const p = object(data, 'order_book');
  const type = p.update_type;
  if (type !== 's' && type !== 'd') throw failure('order_book', 'update_type', '"s" or "d"', p);
  const bids: BookLevel[] = [];
  const asks: BookLevel[] = [];
  collectLevels(p, p.inserts, 'inserts', false, bids, asks);
  collectLevels(p, p.updates, 'updates', false, bids, asks);
  collectLevels(p, p.deletes, 'deletes', true, bids, asks);
  const market = p.market;
  if (typeof market !== 'string' || market === '') throw failure('order_book', 'market', 'a non-empty string', p);
  const seq = integerValue(p.seq_no);
  const timestamp = integerValue(p.last_updated_at);
  return {
    market,
    seq: seq ?? integer(p, 'seq_no', 'order_book'),
    timestamp: timestamp ?? integer(p, 'last_updated_at', 'order_book'),
    snapshot: type === 's',
    bids,
    asks,
  };
}

function collectLevels(p: Payload, list: unknown, key: string, remove: boolean, bids: BookLevel[], asks: BookLevel[]): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw failure('order_book', key, 'an array', p);
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as unknown;
    if (typeof entry !== 'object' || entry === null) throw failure('order_book', `${key}.${i}`, 'an object', p);
    const e = entry as Payload;
    const price = e.price;
    if (typeof price !== 'string' || !isDecimalText(price)) throw failure('order_book', `${key}.${i}.price`, 'a decimal string', p);
    let size: string;
    if (remove) size = '0';
    else {
      const s = e.size;
      if (typeof s !== 'string' || !isDecimalText(s) || s.charCodeAt(0) === 45 /* - */) {
        throw failure('order_book', `${key}.${i}.size`, 'a non-negative decimal string', p);
      }
      size = s;
    }
    const level: BookLevel = [price, size];
    if (e.side === 'BUY') bids.push(level);
    else if (e.side === 'SELL') asks.push(level);
    else throw failure('order_book', `${key}.${i}.side`, '"BUY" or "SELL"', p);
  }
}

// ---- SBE objects (already checked by the decoder) ---------------------------------------------

export function bboFromSbe(data: SbeBbo): BBO {
  return {
    market: data.market,
    bid: data.bid,
    bidSize: data.bid_size,
    ask: data.ask,
    askSize: data.ask_size,
    seq: data.seq_no,
    timestamp: data.last_updated_at,
  };
}

export function tradeFromSbe(data: SbeTrade): Trade {
  if (data.side !== 'BUY' && data.side !== 'SELL') throw failure('trades', 'side', '"BUY" or "SELL"', data);
  return {
    market: data.market,
    id: data.id,
    side: data.side === 'BUY' ? 'buy' : 'sell',
    price: data.price,
    size: data.size,
    timestamp: data.created_at,
  };
}

export function bookUpdateFromSbe(data: SbeBookUpdate): BookUpdate {
  return {
    market: data.market,
    seq: data.seq_no,
    timestamp: data.last_updated_at,
    snapshot: data.update_type === 's',
    bids: data.bids,
    asks: data.asks,
  };
}

export function fundingFromSbe(data: SbeFundingData): FundingRate {
  return { market: data.market, rate: data.funding_rate, periodHours: data.funding_period_hours, timestamp: data.created_at };
}

export function marketSummaryFromSbe(data: SbeMarketSummary): MarketSummaryUpdate {
  const markPrice = data.mark_price === '' ? undefined : data.mark_price;
  return {
    market: data.symbol,
    markPrice,
    funding: {
      market: data.symbol,
      rate: data.funding_rate,
      ...(markPrice === undefined ? {} : { markPrice }),
      timestamp: data.created_at,
    },
  };
}
