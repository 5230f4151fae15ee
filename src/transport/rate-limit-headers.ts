/**
 * Parsers for the rate-limit headers venues send back, so the limiter can adopt the server's view
 * of a budget. Named after the header conventions, not the venues (transport knows no venue):
 *   - `x-ratelimit-limit / -remaining / -reset / -window` (Paradex; reset in unix seconds, window
 *     in seconds);
 *   - `x-mbx-used-weight-<n><unit>` and `x-mbx-order-count-<n><unit>` (Binance convention, used by
 *     Aster), counting what was *used* in the current fixed window;
 *   - `retry-after` (RFC 9110: delta-seconds or an HTTP-date).
 * Header names are expected lower-case (as HttpResponse delivers them). Anything malformed is
 * ignored rather than trusted: a garbled header must never unblock a budget.
 */

export type HeaderBag = Readonly<Record<string, string | undefined>>;

export interface XRateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** When the window resets, ms since the epoch, if the server said. */
  readonly resetAtMs?: number;
  readonly windowMs?: number;
}

export interface MbxCounter {
  /** The header it came from, e.g. "x-mbx-used-weight-1m". */
  readonly header: string;
  readonly kind: 'used-weight' | 'order-count';
  /** e.g. "1m", "10s". */
  readonly interval: string;
  readonly intervalMs: number;
  readonly used: number;
}

/** Below this a "reset" value cannot be a unix time in seconds (it would be 2001); read it as seconds from now. */
const UNIX_SECONDS_FLOOR = 1_000_000_000;

export function parseXRateLimitHeaders(headers: HeaderBag, nowMs = Date.now()): XRateLimitState | undefined {
  const limit = parseCount(headers['x-ratelimit-limit']);
  const remaining = parseCount(headers['x-ratelimit-remaining']);
  if (limit === undefined || remaining === undefined) return undefined;
  const reset = parseNumber(headers['x-ratelimit-reset']);
  const window = parseNumber(headers['x-ratelimit-window']);
  return {
    limit,
    remaining,
    ...(reset === undefined ? {} : { resetAtMs: reset >= UNIX_SECONDS_FLOOR ? reset * 1000 : nowMs + reset * 1000 }),
    ...(window === undefined ? {} : { windowMs: window * 1000 }),
  };
}

const MBX_HEADER = /^x-mbx-(used-weight|order-count)-(\d+)([smhd])$/;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseMbxHeaders(headers: HeaderBag): MbxCounter[] {
  const counters: MbxCounter[] = [];
  for (const name of Object.keys(headers)) {
    const match = MBX_HEADER.exec(name.toLowerCase());
    if (match === null) continue;
    const used = parseCount(headers[name]);
    const [, kind, amount, unit] = match;
    if (used === undefined || amount === undefined || unit === undefined) continue;
    const intervalMs = Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
    if (!(intervalMs > 0)) continue;
    counters.push({
      header: name.toLowerCase(),
      kind: kind === 'used-weight' ? 'used-weight' : 'order-count',
      interval: `${amount}${unit}`,
      intervalMs,
      used,
    });
  }
  return counters;
}

/** `Retry-After` as milliseconds from now, or undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length === 0) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP-date starts with the day name; Date.parse would also accept "-5" (year -5).
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}
