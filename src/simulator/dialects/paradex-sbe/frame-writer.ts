/**
 * Lays out one SBE message: 8-byte header, a zeroed root block the template encoder fills by
 * offset, then repeating groups and varString8 fields in schema order. The frame is sized exactly
 * up front, so encoding is one allocation.
 */
import { BOOK_LEVEL_BYTES, HEADER_BYTES, SCHEMA_ID } from './schema.js';
import type { SbeVersion } from './schema.js';
import { SbeEncodeError } from './values.js';

const utf8 = new TextEncoder();

/** What follows the root block, in schema order. */
export type TailPart =
  | { readonly kind: 'levels'; readonly levels: readonly (readonly [bigint, bigint])[] }
  | { readonly kind: 'string'; readonly utf8: Uint8Array };

/** A varString8 field; the schema caps every string at 255 bytes. */
export function varString(value: string, field: string): TailPart {
  if (typeof value !== 'string') throw new SbeEncodeError(field, 'must be a string', String(value));
  const bytes = utf8.encode(value);
  if (bytes.length > 255) throw new SbeEncodeError(field, 'must be at most 255 UTF-8 bytes', `${bytes.length} bytes`);
  return { kind: 'string', utf8: bytes };
}

/** A groupSizeEncoding group of [price, size] mantissas (uint16 count: at most 65535 levels). */
export function levelGroup(levels: readonly (readonly [bigint, bigint])[], field: string): TailPart {
  if (levels.length > 0xffff) throw new SbeEncodeError(field, 'must have at most 65535 levels', String(levels.length));
  return { kind: 'levels', levels };
}

/** Root-block writer: offsets are relative to the start of the root block. */
export class RootBlock {
  constructor(private readonly view: DataView) {}

  int64(offset: number, value: bigint): void {
    this.view.setBigInt64(HEADER_BYTES + offset, value, true);
  }

  uint64(offset: number, value: bigint): void {
    this.view.setBigUint64(HEADER_BYTES + offset, value, true);
  }

  int16(offset: number, value: number): void {
    this.view.setInt16(HEADER_BYTES + offset, value, true);
  }

  uint8(offset: number, value: number): void {
    this.view.setUint8(HEADER_BYTES + offset, value);
  }
}

/** Builds the whole message; `fillRoot` writes the template's fixed fields. */
export function buildFrame(
  templateId: number,
  version: SbeVersion,
  rootBytes: number,
  tail: readonly TailPart[],
  fillRoot: (root: RootBlock) => void,
): Uint8Array {
  let length = HEADER_BYTES + rootBytes;
  for (const part of tail) length += part.kind === 'string' ? 1 + part.utf8.length : 4 + part.levels.length * BOOK_LEVEL_BYTES;
  const frame = new Uint8Array(length);
  const view = new DataView(frame.buffer);
  view.setUint16(0, rootBytes, true);
  view.setUint16(2, templateId, true);
  view.setUint16(4, SCHEMA_ID, true);
  view.setUint16(6, version, true);
  fillRoot(new RootBlock(view));
  let at = HEADER_BYTES + rootBytes;
  for (const part of tail) {
    if (part.kind === 'string') {
      frame[at] = part.utf8.length;
      frame.set(part.utf8, at + 1);
      at += 1 + part.utf8.length;
      continue;
    }
    view.setUint16(at, BOOK_LEVEL_BYTES, true);
    view.setUint16(at + 2, part.levels.length, true);
    at += 4;
    for (const [price, size] of part.levels) {
      view.setBigInt64(at, price, true);
      view.setBigInt64(at + 8, size, true);
      at += BOOK_LEVEL_BYTES;
    }
  }
  return frame;
}
