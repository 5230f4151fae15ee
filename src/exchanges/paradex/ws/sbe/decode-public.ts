/**
 * Root-block and var-data layouts of the public templates (paradex-sbe.md §4). Each function
 * gets the frame, the header's blockLength (already checked to cover the template's 1:0 block
 * and to lie inside the frame) and the header version; offsets below are root-block offsets.
 */
import { SbeFieldError } from './field-error.js';
import { assetKindName, fillTypeName, fundingSourceName, sideName } from './enums.js';
import { readDecimal, readInt16, readInt64String, readNullableDecimal, readSafeInt64, readTimestampMs, readUint16 } from './int64.js';
import type {
  SbeBbo,
  SbeBestLevel,
  SbeBookLevel,
  SbeBookUpdate,
  SbeFundingData,
  SbeFundingRateComparison,
  SbeGreeks,
  SbeHeartbeat,
  SbeMarketSummary,
  SbeSubscribed,
  SbeTrade,
} from './types.js';
import { VarDataCursor } from './var-data.js';

/** The root block starts right after the 8-byte message header. */
const ROOT = 8;
/** Price8 / Qty8 / Value8 / Rate8 exponent is -8; Rate12 is -12. */
const E8 = 8;
const E12 = 12;

export function decodeTrade(bytes: Uint8Array, blockLength: number, version: number): SbeTrade {
  const vars = new VarDataCursor(bytes, ROOT + blockLength);
  const market = vars.name('market');
  const tradeIdInt64 = readInt64String(bytes, ROOT + 16);
  // tradeIdStr exists from 1:2 and may be absent even then (two in-place layouts).
  const tradeIdStr = version >= 2 ? vars.optionalString('tradeIdStr') : undefined;
  return {
    id: tradeIdStr === undefined || tradeIdStr === '' ? tradeIdInt64 : tradeIdStr,
    trade_id_int64: tradeIdInt64,
    market,
    side: sideName(bytes[ROOT + 24] as number),
    price: readDecimal(bytes, ROOT + 25, E8),
    size: readDecimal(bytes, ROOT + 33, E8),
    created_at: readTimestampMs(bytes, ROOT + 41, 'createdAt'),
    trade_type: fillTypeName(bytes[ROOT + 49] as number),
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

export function decodeBbo(bytes: Uint8Array, blockLength: number): SbeBbo {
  return {
    market: new VarDataCursor(bytes, ROOT + blockLength).name('market'),
    bid: readNullableDecimal(bytes, ROOT + 16, E8),
    bid_size: readNullableDecimal(bytes, ROOT + 24, E8),
    ask: readNullableDecimal(bytes, ROOT + 32, E8),
    ask_size: readNullableDecimal(bytes, ROOT + 40, E8),
    last_updated_at: readTimestampMs(bytes, ROOT, 'ts'),
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
  };
}

export function decodeBook(bytes: Uint8Array, blockLength: number): SbeBookUpdate {
  const pkgType = bytes[ROOT + 16] as number;
  if (pkgType > 1) throw new SbeFieldError('pkgType', `unknown package type ${pkgType} (0 SNAPSHOT, 1 DELTA)`);
  const bidsAt = ROOT + blockLength;
  const bids = readLevels(bytes, bidsAt, 'bids');
  const asksAt = bidsAt + 4 + readUint16(bytes, bidsAt) * readUint16(bytes, bidsAt + 2);
  const asks = readLevels(bytes, asksAt, 'asks');
  const varsAt = asksAt + 4 + readUint16(bytes, asksAt) * readUint16(bytes, asksAt + 2);
  return {
    market: new VarDataCursor(bytes, varsAt).name('market'),
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
    last_updated_at: readTimestampMs(bytes, ROOT, 'ts'),
    update_type: pkgType === 0 ? 's' : 'd',
    bids,
    asks,
    best_bid_interactive: bestLevel(bytes, 'BUY', ROOT + 17),
    best_ask_interactive: bestLevel(bytes, 'SELL', ROOT + 33),
    relative_spread: readNullableDecimal(bytes, ROOT + 49, E8),
    best_bid_api: bestLevel(bytes, 'BUY', ROOT + 57),
    best_ask_api: bestLevel(bytes, 'SELL', ROOT + 73),
  };
}

/** A repeating group: uint16 entry size, uint16 count, then count entries stepped by the entry size. */
function readLevels(bytes: Uint8Array, at: number, group: string): SbeBookLevel[] {
  if (at + 4 > bytes.length) throw new SbeFieldError(group, `group header truncated at byte ${at}`);
  const entrySize = readUint16(bytes, at);
  const count = readUint16(bytes, at + 2);
  if (count === 0) return [];
  if (entrySize < 16) throw new SbeFieldError(group, `entry size ${entrySize} is below the 16 bytes of [price, size]`);
  const end = at + 4 + entrySize * count;
  if (end > bytes.length) throw new SbeFieldError(group, `${count} entries of ${entrySize} bytes end at ${end}, frame has ${bytes.length}`);
  const levels: SbeBookLevel[] = new Array<SbeBookLevel>(count);
  for (let i = 0, entry = at + 4; i < count; i++, entry += entrySize) {
    levels[i] = [readDecimal(bytes, entry, E8), readDecimal(bytes, entry + 8, E8)];
  }
  return levels;
}

/** Price at `offset`, size right after it; no level when the price is null. */
function bestLevel(bytes: Uint8Array, side: 'BUY' | 'SELL', offset: number): SbeBestLevel | undefined {
  const price = readNullableDecimal(bytes, offset, E8);
  if (price === undefined) return undefined;
  return { side, price, size: readNullableDecimal(bytes, offset + 8, E8) };
}

export function decodeMarketSummary(bytes: Uint8Array, blockLength: number): SbeMarketSummary {
  // forwardRate, riskFreeRate and fundingRatePrecise were appended in 1:1 (block 216 -> 240).
  const has11 = blockLength >= 240;
  const fundingRatePrecise = has11 ? readNullableDecimal(bytes, ROOT + 232, E12) : undefined;
  return {
    symbol: new VarDataCursor(bytes, ROOT + blockLength).name('market'),
    mark_price: readDecimal(bytes, ROOT + 16, E8),
    underlying_price: readDecimal(bytes, ROOT + 24, E8),
    last_traded_price: readDecimal(bytes, ROOT + 32, E8),
    volume_24h: readDecimal(bytes, ROOT + 40, E8),
    open_interest: readDecimal(bytes, ROOT + 48, E8),
    funding_rate: fundingRatePrecise ?? readDecimal(bytes, ROOT + 56, E8),
    bid: readNullableDecimal(bytes, ROOT + 64, E8),
    ask: readNullableDecimal(bytes, ROOT + 72, E8),
    bid_size: readNullableDecimal(bytes, ROOT + 200, E8),
    ask_size: readNullableDecimal(bytes, ROOT + 208, E8),
    total_volume: readDecimal(bytes, ROOT + 80, E8),
    price_change_rate_24h: readDecimal(bytes, ROOT + 88, E8),
    created_at: readTimestampMs(bytes, ROOT, 'ts'),
    mark_iv: readNullableDecimal(bytes, ROOT + 96, E8),
    bid_iv: readNullableDecimal(bytes, ROOT + 104, E8),
    ask_iv: readNullableDecimal(bytes, ROOT + 112, E8),
    last_iv: readNullableDecimal(bytes, ROOT + 120, E8),
    greeks: readGreeks(bytes),
    future_funding_rate: readNullableDecimal(bytes, ROOT + 184, E8),
    external_fair_price: readNullableDecimal(bytes, ROOT + 192, E8),
    forward_rate: has11 ? readNullableDecimal(bytes, ROOT + 216, E8) : undefined,
    risk_free_rate: has11 ? readNullableDecimal(bytes, ROOT + 224, E8) : undefined,
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
  };
}

function readGreeks(bytes: Uint8Array): SbeGreeks | undefined {
  const greeks = {
    delta: readNullableDecimal(bytes, ROOT + 128, E8),
    gamma: readNullableDecimal(bytes, ROOT + 136, E8),
    vega: readNullableDecimal(bytes, ROOT + 144, E8),
    theta: readNullableDecimal(bytes, ROOT + 152, E8),
    rho: readNullableDecimal(bytes, ROOT + 160, E8),
    volga: readNullableDecimal(bytes, ROOT + 168, E8),
    vanna: readNullableDecimal(bytes, ROOT + 176, E8),
  };
  return Object.values(greeks).some((g) => g !== undefined) ? greeks : undefined;
}

export function decodeFundingData(bytes: Uint8Array, blockLength: number): SbeFundingData {
  return {
    market: new VarDataCursor(bytes, ROOT + blockLength).name('market'),
    funding_rate: readDecimal(bytes, ROOT + 16, E8),
    funding_index: readDecimal(bytes, ROOT + 24, E8),
    funding_premium: readDecimal(bytes, ROOT + 40, E8),
    funding_rate_8h: readDecimal(bytes, ROOT + 48, E8),
    funding_period_hours: readInt16(bytes, ROOT + 56),
    created_at: readTimestampMs(bytes, ROOT + 32, 'createdAt'),
    // impactPremiumRate was appended in 1:1 (block 58 -> 66).
    impact_premium_rate: blockLength >= 66 ? readNullableDecimal(bytes, ROOT + 58, E8) : undefined,
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

export function decodeFundingRateComparison(bytes: Uint8Array, blockLength: number): SbeFundingRateComparison {
  return {
    market: new VarDataCursor(bytes, ROOT + blockLength).name('market'),
    hourly_funding_rate: readDecimal(bytes, ROOT + 16, E12),
    asset_kind: assetKindName(bytes[ROOT + 24] as number),
    source: fundingSourceName(bytes[ROOT + 25] as number),
    last_updated_at: readTimestampMs(bytes, ROOT + 8, 'lastUpdatedAt'),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

export function decodeHeartbeat(bytes: Uint8Array): SbeHeartbeat {
  return { seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'), feed_time: readTimestampMs(bytes, ROOT, 'ts') };
}

export function decodeSubscribed(bytes: Uint8Array, blockLength: number): SbeSubscribed {
  return {
    channel: new VarDataCursor(bytes, ROOT + blockLength).name('channel'),
    status: bytes[ROOT + 16] as number,
    seq_no: readSafeInt64(bytes, ROOT + 8, 'seq'),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}
