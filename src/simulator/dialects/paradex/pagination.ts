/**
 * Cursor pagination of the venue's history endpoints: `{next, prev, results}`, newest first,
 * `page_size` (default 100, per-endpoint maximum), opaque base64 cursors passed back as `?cursor=`.
 * A cursor names the boundary item rather than an offset, so pages stay stable while new items
 * arrive at the top.
 */
import { venueError, type VenueError } from './errors.js';

export interface Page<T> {
  readonly next: string | null;
  readonly prev: string | null;
  readonly results: T[];
}

interface Cursor {
  /** Key of the boundary item (decimal text of a bigint). */
  readonly m: string;
  /** 'n': items older than m; 'p': items newer than m. */
  readonly d: 'n' | 'p';
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<Cursor>;
    if (typeof value.m === 'string' && /^-?[0-9]+$/.test(value.m) && (value.d === 'n' || value.d === 'p')) return { m: value.m, d: value.d };
  } catch {
    // fall through: not one of ours
  }
  return undefined;
}

export type PageResult<T> = { readonly ok: true; readonly page: Page<T> } | ({ readonly ok: false } & VenueError);

/** Reads `page_size` (1..max, default 100). */
export function pageSizeOf(query: URLSearchParams, max: number): number | VenueError {
  const raw = query.get('page_size');
  if (raw === null || raw === '') return Math.min(100, max);
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > max) return venueError(400, 'INVALID_REQUEST_PARAMETER', `page_size must be an integer from 1 to ${max}`);
  return size;
}

/**
 * One page of `items` ordered newest first by `key` (larger = newer; keys unique).
 */
export function paginate<T>(items: readonly T[], key: (item: T) => bigint, query: URLSearchParams, maxPageSize: number): PageResult<T> {
  const size = pageSizeOf(query, maxPageSize);
  if (typeof size !== 'number') return { ok: false, ...size };
  const sorted = [...items].sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0));
  const cursorText = query.get('cursor');
  let start = 0;
  let end = Math.min(size, sorted.length);
  if (cursorText !== null && cursorText !== '') {
    const cursor = decodeCursor(cursorText);
    if (cursor === undefined) return { ok: false, ...venueError(400, 'INVALID_REQUEST_PARAMETER', 'cursor is not valid') };
    const marker = BigInt(cursor.m);
    if (cursor.d === 'n') {
      start = sorted.findIndex((item) => key(item) < marker);
      if (start < 0) start = sorted.length;
      end = Math.min(start + size, sorted.length);
    } else {
      const firstOlderOrEqual = sorted.findIndex((item) => key(item) <= marker);
      end = firstOlderOrEqual < 0 ? sorted.length : firstOlderOrEqual;
      start = Math.max(0, end - size);
    }
  }
  const results = sorted.slice(start, end);
  const first = results[0];
  const last = results[results.length - 1];
  return {
    ok: true,
    page: {
      next: end < sorted.length && last !== undefined ? encodeCursor({ m: key(last).toString(), d: 'n' }) : null,
      prev: start > 0 && first !== undefined ? encodeCursor({ m: key(first).toString(), d: 'p' }) : null,
      results,
    },
  };
}

/** `start_at` / `end_at` (ms, inclusive) of a history query. */
export function timeRangeOf(query: URLSearchParams): { since?: number; until?: number } | VenueError {
  const read = (name: string): number | undefined | VenueError => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) return venueError(400, 'INVALID_REQUEST_PARAMETER', `${name} must be a timestamp in milliseconds`);
    return value;
  };
  const since = read('start_at');
  if (typeof since === 'object') return since;
  const until = read('end_at');
  if (typeof until === 'object') return until;
  return { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) };
}
