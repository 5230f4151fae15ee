/**
 * Deterministic query-string encoding.
 *
 * Some venues sign the exact query text they receive (Aster hashes `k=v&k=v` in the order sent), so
 * the text a caller signs must be byte-for-byte the text that goes on the wire. This encoder is the
 * one place that text is produced: parameters keep their insertion order (never sorted) and every
 * key and value is percent-encoded with `encodeURIComponent` (RFC 3986 unreserved characters plus
 * `!'()*` stay literal, a space becomes `%20`, never `+`).
 */
import { RequestError } from '../core/errors.js';

/** Query parameters: an object (insertion order kept) or ordered pairs (duplicates allowed). */
export type QueryParams = Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;

export function encodeQuery(params: QueryParams): string {
  const pairs: ReadonlyArray<readonly [string, unknown]> = Array.isArray(params)
    ? (params as ReadonlyArray<readonly [string, string]>)
    : Object.entries(params);
  let text = '';
  for (const [key, value] of pairs) {
    // A number or boolean would be stringified differently by different callers (1e-7, 0.1+0.2...):
    // money and sizes must arrive as the exact decimal string the caller chose.
    if (typeof value !== 'string') {
      throw new RequestError(`query parameter "${key}" must be a string (got ${typeof value})`);
    }
    if (key.length === 0) throw new RequestError('query parameter name must not be empty');
    if (text.length > 0) text += '&';
    text += `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  }
  return text;
}

/** Appends a query (object, pairs, or already-encoded text) to a path. */
export function appendQuery(path: string, query: QueryParams | string | undefined): string {
  if (query === undefined) return path;
  let text = typeof query === 'string' ? query : encodeQuery(query);
  if (text.startsWith('?')) text = text.slice(1);
  if (text.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}
