/**
 * Request parameters as Aster reads them: the query string and an
 * application/x-www-form-urlencoded body, both kept in wire order because signatures cover the
 * exact text. A name repeated within one part is refused (-1101); a name in both parts takes the
 * query string's value (aster.md §2.2).
 */
import { AsterErrors } from './errors.js';

export interface RawSegment {
  readonly part: 'query' | 'body';
  /** The segment exactly as sent ("quantity=0.01"). */
  readonly raw: string;
  readonly key: string;
  readonly value: string;
}

export class WireParams {
  readonly segments: readonly RawSegment[];
  readonly #values = new Map<string, string>();

  constructor(rawQuery: string, body: string) {
    const segments: RawSegment[] = [];
    for (const [part, text] of [['query', rawQuery], ['body', body]] as const) {
      const seen = new Set<string>();
      for (const raw of splitSegments(text)) {
        const eq = raw.indexOf('=');
        const key = decodeComponent(eq < 0 ? raw : raw.slice(0, eq));
        const value = decodeComponent(eq < 0 ? '' : raw.slice(eq + 1));
        if (seen.has(key)) throw AsterErrors.duplicateParam();
        seen.add(key);
        segments.push({ part, raw, key, value });
        if (part === 'query' || !this.#values.has(key)) this.#values.set(key, value);
      }
    }
    this.segments = segments;
  }

  has(name: string): boolean {
    const v = this.#values.get(name);
    return v !== undefined && v !== '';
  }

  /** The value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const v = this.#values.get(name);
    return v === undefined || v === '' ? undefined : v;
  }

  require(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw AsterErrors.mandatory(name);
    return v;
  }

  /** "true"/"false" (any case); undefined when absent; -1130 otherwise. */
  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw AsterErrors.invalidParam(name);
  }

  /** A non-negative integer parameter (ids, times, limits); -1130 when malformed. */
  int(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,16}$/.test(v)) throw AsterErrors.invalidParam(name);
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw AsterErrors.invalidParam(name);
    return n;
  }

  /** Every parameter name present, for "sent when not required" checks. */
  names(): IterableIterator<string> {
    return this.#values.keys();
  }
}

function splitSegments(text: string): string[] {
  if (text === '') return [];
  return text.split('&').filter((s) => s !== '');
}

/** Form decoding: "+" is a space, %XX escapes; a malformed escape is kept as sent. */
export function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
