/**
 * Pure Paradex wire -> domain conversions. Inputs are values already checked by the schemas in
 * rest/schemas.ts; outputs are src/core/types.ts objects keeping the wire payload in `raw`.
 * A payload that passes its schema but contradicts itself is refused with a DecodeError.
 * Each parser takes exactly one argument, so `results.map(parseX)` is safe.
 */
import type { Page } from '../../core/types.js';

export * from './parse-market.js';
export * from './parse-order.js';
export * from './parse-batch.js';
export * from './parse-account.js';
export * from './parse-market-data.js';

/** A `{next, results}` page -> domain Page (a null cursor means the last page). */
export function parsePage<W, T>(wire: { readonly next?: string | null | undefined; readonly results: readonly W[] }, parseItem: (item: W) => T): Page<T> {
  const items = wire.results.map((item) => parseItem(item));
  return wire.next === undefined || wire.next === null || wire.next === '' ? { items } : { items, next: wire.next };
}
