/**
 * Follows Paradex's opaque `next` cursors until the venue says there is no more, or `limit` rows
 * were collected. A page cap guards against a cursor that never ends (a venue bug must not become
 * an endless loop in a trading process).
 */
const MAX_PAGES = 1000;

export interface CursorPage<T> {
  readonly next?: string | null | undefined;
  readonly results: readonly T[];
}

export async function collectPages<T>(fetchPage: (cursor?: string) => Promise<CursorPage<T>>, limit?: number): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { next, results } = await fetchPage(cursor);
    rows.push(...results);
    if (limit !== undefined && rows.length >= limit) return rows.slice(0, limit);
    if (!next || results.length === 0 || next === cursor) return rows;
    cursor = next;
  }
  return rows;
}
