/**
 * Variable-length fields of an SBE frame: varString8 (uint8 length + UTF-8 bytes) read in schema
 * order by a cursor, plus the 32-byte AccountAddress rendered as 0x-hex.
 */
import { SbeFieldError } from './field-error.js';

/** Invalid UTF-8 becomes U+FFFD rather than failing the frame: strings are labels, not amounts. */
const utf8 = new TextDecoder('utf-8');

/**
 * Market symbols and currencies repeat on every frame, so short ASCII strings are interned: a
 * hit costs one hash and one byte comparison instead of a native TextDecoder call. Unique values
 * (order, fill and trade ids) are never interned, so the table only ever holds a few hundred names.
 */
const INTERN_MAX_BYTES = 48;
const INTERN_MAX_ENTRIES = 4096;
const interned = new Map<number, string>();

function decodeInterned(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > INTERN_MAX_BYTES) return utf8.decode(bytes.subarray(start, end));
  let hash = end - start;
  let nonAscii = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    nonAscii |= b & 0x80;
    hash = Math.imul(hash ^ b, 0x01000193);
  }
  if (nonAscii !== 0) return utf8.decode(bytes.subarray(start, end));
  const cached = interned.get(hash);
  if (cached !== undefined && sameAscii(cached, bytes, start, end)) return cached;
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
  // On a hash collision the first name keeps the slot; the other is simply decoded each time.
  if (cached === undefined && interned.size < INTERN_MAX_ENTRIES) interned.set(hash, text);
  return text;
}

function sameAscii(text: string, bytes: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = start; i < end; i++) if (text.charCodeAt(i - start) !== bytes[i]) return false;
  return true;
}

/** Reads var-data fields in order, from the first byte after the root block and groups. */
export class VarDataCursor {
  constructor(
    private readonly bytes: Uint8Array,
    private position: number,
  ) {}

  /** A field every version carries: running out of bytes means the frame is truncated. */
  string(field: string): string {
    return this.read(field, false);
  }

  /** A repeating name (market, currency, channel): interned. */
  name(field: string): string {
    return this.read(field, true);
  }

  /** A field added in a later version: "no bytes left" means absent, not malformed. */
  optionalString(field: string): string | undefined {
    if (this.position >= this.bytes.length) return undefined;
    return this.read(field, false);
  }

  optionalName(field: string): string | undefined {
    if (this.position >= this.bytes.length) return undefined;
    return this.read(field, true);
  }

  private read(field: string, intern: boolean): string {
    const bytes = this.bytes;
    const lengthAt = this.position;
    if (lengthAt >= bytes.length) throw new SbeFieldError(field, `missing: frame ends at byte ${bytes.length}`);
    const start = lengthAt + 1;
    const end = start + (bytes[lengthAt] as number);
    if (end > bytes.length) {
      throw new SbeFieldError(field, `truncated: needs bytes ${start}..${end}, frame has ${bytes.length}`);
    }
    this.position = end;
    if (end === start) return '';
    return intern ? decodeInterned(bytes, start, end) : utf8.decode(bytes.subarray(start, end));
  }
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** 32-byte big-endian Starknet felt as 0x-hex without leading zeros ("0x0" when all zero). */
export function readAccountAddress(bytes: Uint8Array, offset: number): string {
  const end = offset + 32;
  let i = offset;
  while (i < end && bytes[i] === 0) i++;
  if (i === end) return '0x0';
  let hex = (bytes[i] as number).toString(16);
  for (i++; i < end; i++) hex += HEX_BYTE[bytes[i] as number] as string;
  return `0x${hex}`;
}
