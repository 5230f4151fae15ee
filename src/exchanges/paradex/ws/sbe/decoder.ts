/**
 * Entry point of the Paradex SBE decoder: one binary WebSocket message in, one plain object out.
 *
 * The 8-byte header drives everything (paradex-sbe.md §2): the template id picks the layout, the
 * root block is read by the header's blockLength, so a newer server that appends fields still
 * decodes (unknown trailing root bytes are skipped), and fields appended in later versions are read
 * only when the block or var data carries them. Unknown templates are reported, not thrown, as the
 * schema requires them to be skipped. Anything malformed becomes a DecodeError with a hex preview.
 */
import { DecodeError } from '../../../../core/errors.js';
import { decodeAccount, decodeFill, decodeOrder, decodePosition } from './decode-private.js';
import {
  decodeBbo,
  decodeBook,
  decodeFundingData,
  decodeFundingRateComparison,
  decodeHeartbeat,
  decodeMarketSummary,
  decodeSubscribed,
  decodeTrade,
} from './decode-public.js';
import { SbeFieldError } from './field-error.js';
import { readUint16 } from './int64.js';
import type { SbeMessage } from './types.js';

export const SBE_SCHEMA_ID = 1;
export const SBE_HEADER_LENGTH = 8;

/** Template ids of schema 1 (paradex-sbe.md §3). */
export const SBE_TEMPLATE = {
  trade: 1,
  bbo: 2,
  book: 3,
  markets_summary: 4,
  funding_data: 5,
  funding_rate_comparison: 6,
  order: 20,
  fill: 21,
  position: 22,
  account: 23,
  heartbeat: 40,
  subscribed: 41,
} as const;

/** Root block of each template in schema 1:0 (1:1 for template 6): the least a frame may carry. */
const MIN_BLOCK_LENGTH: Readonly<Record<number, number>> = {
  1: 50,
  2: 48,
  3: 89,
  4: 216,
  5: 58,
  6: 26,
  20: 126,
  21: 107,
  22: 154,
  23: 113,
  40: 16,
  41: 17,
};

export interface SbeHeader {
  readonly blockLength: number;
  readonly templateId: number;
  readonly schemaId: number;
  readonly version: number;
}

/** How many frame bytes a DecodeError shows. */
const PREVIEW_BYTES = 64;

/** Reads the 8-byte message header, or throws DecodeError when the frame is shorter. */
export function readSbeHeader(frame: Uint8Array): SbeHeader {
  if (frame.length < SBE_HEADER_LENGTH) throw frameError(frame, `frame of ${frame.length} bytes is shorter than the 8-byte header`);
  return {
    blockLength: readUint16(frame, 0),
    templateId: readUint16(frame, 2),
    schemaId: readUint16(frame, 4),
    version: readUint16(frame, 6),
  };
}

/**
 * Decodes one binary WebSocket message (exactly one SBE message, header first).
 * Throws DecodeError for a short, truncated or foreign-schema frame; returns `kind: 'unknown'`
 * for a template id this schema version does not define.
 */
export function decodeParadexSbe(input: Uint8Array | ArrayBuffer): SbeMessage {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < SBE_HEADER_LENGTH) throw frameError(bytes, `frame of ${bytes.length} bytes is shorter than the 8-byte header`);
  const blockLength = readUint16(bytes, 0);
  const templateId = readUint16(bytes, 2);
  const schemaId = readUint16(bytes, 4);
  const version = readUint16(bytes, 6);
  if (schemaId !== SBE_SCHEMA_ID) throw frameError(bytes, `schemaId ${schemaId} is not schema ${SBE_SCHEMA_ID}`);
  const minBlock = MIN_BLOCK_LENGTH[templateId];
  if (minBlock === undefined) return { kind: 'unknown', version, templateId, blockLength };
  if (blockLength < minBlock) throw frameError(bytes, `template ${templateId} blockLength ${blockLength} is below its ${minBlock}-byte root block`);
  if (SBE_HEADER_LENGTH + blockLength > bytes.length) {
    throw frameError(bytes, `truncated: template ${templateId} root block ends at byte ${SBE_HEADER_LENGTH + blockLength}, frame has ${bytes.length}`);
  }
  try {
    return decodeTemplate(templateId, bytes, blockLength, version);
  } catch (error) {
    if (error instanceof SbeFieldError) throw frameError(bytes, `template ${templateId} ${error.message}`, [error.message]);
    // A reader went past the end in a way the checks above did not foresee: still not a crash.
    throw frameError(bytes, `template ${templateId} could not be read: ${error instanceof Error ? error.message : String(error)}`, [], error);
  }
}

function decodeTemplate(templateId: number, bytes: Uint8Array, blockLength: number, version: number): SbeMessage {
  switch (templateId) {
    case 2:
      return { kind: 'bbo', version, data: decodeBbo(bytes, blockLength) };
    case 1:
      return { kind: 'trade', version, data: decodeTrade(bytes, blockLength, version) };
    case 3:
      return { kind: 'book', version, data: decodeBook(bytes, blockLength) };
    case 4:
      return { kind: 'markets_summary', version, data: decodeMarketSummary(bytes, blockLength) };
    case 5:
      return { kind: 'funding_data', version, data: decodeFundingData(bytes, blockLength) };
    case 6:
      return { kind: 'funding_rate_comparison', version, data: decodeFundingRateComparison(bytes, blockLength) };
    case 20:
      return { kind: 'order', version, data: decodeOrder(bytes, blockLength, version) };
    case 21:
      return { kind: 'fill', version, data: decodeFill(bytes, blockLength, version) };
    case 22:
      return { kind: 'position', version, data: decodePosition(bytes, blockLength) };
    case 23:
      return { kind: 'account', version, data: decodeAccount(bytes, blockLength) };
    case 40:
      return { kind: 'heartbeat', version, data: decodeHeartbeat(bytes) };
    case 41:
      return { kind: 'subscribed', version, data: decodeSubscribed(bytes, blockLength) };
    default:
      return { kind: 'unknown', version, templateId, blockLength };
  }
}

/**
 * The JSON channel name a decoded message belongs to, as paradex-py derives it (the wire has no
 * channel): `bbo.BTC-USD-PERP`, `order_book.BTC-USD-PERP`, `positions`... The subscription's
 * suffix (`.deltas`, `@15@100ms`) is not recoverable; the router maps the prefix back to it.
 * Undefined for heartbeats, subscribed events and unknown templates.
 */
export function sbeChannelOf(message: SbeMessage): string | undefined {
  switch (message.kind) {
    case 'trade':
      return `trades.${message.data.market}`;
    case 'bbo':
      return `bbo.${message.data.market}`;
    case 'book':
      return `order_book.${message.data.market}`;
    case 'markets_summary':
      return `markets_summary.${message.data.symbol}`;
    case 'funding_data':
      return `funding_data.${message.data.market}`;
    case 'funding_rate_comparison':
      return 'funding_rate_comparison';
    case 'order':
      return `orders.${message.data.market}`;
    case 'fill':
      return `fills.${message.data.market}`;
    case 'position':
      return 'positions';
    case 'account':
      return 'account';
    default:
      return undefined;
  }
}

/** Hex of the first bytes of a frame, for error messages and logs. */
export function sbeHexPreview(frame: Uint8Array, maxBytes = PREVIEW_BYTES): string {
  const shown = frame.subarray(0, Math.min(frame.length, maxBytes));
  const hex = Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('hex');
  return frame.length > maxBytes ? `${hex}… (${frame.length} bytes)` : hex;
}

function frameError(frame: Uint8Array, problem: string, issues: readonly string[] = [], cause?: unknown): DecodeError {
  const preview = sbeHexPreview(frame);
  return new DecodeError(`Paradex SBE frame: ${problem} [hex ${preview}]`, preview, issues.length > 0 ? issues : [problem], {
    exchange: 'paradex',
    cause,
  });
}
