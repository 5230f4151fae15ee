import { describe, expect, it } from 'vitest';
import { parseMbxHeaders, parseRetryAfterMs, parseXRateLimitHeaders } from '../../../src/transport/rate-limit-headers.js';

describe('parseXRateLimitHeaders', () => {
  it('reads limit, remaining, reset (unix seconds) and window (seconds)', () => {
    expect(
      parseXRateLimitHeaders({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1717000060', 'x-ratelimit-window': '1' }),
    ).toEqual({ limit: 20, remaining: 7, resetAtMs: 1_717_000_060_000, windowMs: 1_000 });
  });

  it('reads a small reset value as seconds from now', () => {
    const state = parseXRateLimitHeaders({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' }, 1_000_000);
    expect(state?.resetAtMs).toBe(1_003_000);
  });

  it('ignores absent or malformed counts (a garbled header never unblocks a budget)', () => {
    expect(parseXRateLimitHeaders({})).toBeUndefined();
    expect(parseXRateLimitHeaders({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '-1' })).toBeUndefined();
    expect(parseXRateLimitHeaders({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '5x' })).toBeUndefined();
    expect(parseXRateLimitHeaders({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': 'soon' })).toEqual({
      limit: 20,
      remaining: 5,
    });
  });
});

describe('parseMbxHeaders', () => {
  it('reads used-weight and order-count counters of any interval', () => {
    const counters = parseMbxHeaders({
      'x-mbx-used-weight-1m': '125',
      'x-mbx-order-count-10s': '3',
      'X-MBX-ORDER-COUNT-1D': '40',
      'content-type': 'application/json',
    });
    expect(counters).toEqual([
      { header: 'x-mbx-used-weight-1m', kind: 'used-weight', interval: '1m', intervalMs: 60_000, used: 125 },
      { header: 'x-mbx-order-count-10s', kind: 'order-count', interval: '10s', intervalMs: 10_000, used: 3 },
      { header: 'x-mbx-order-count-1d', kind: 'order-count', interval: '1d', intervalMs: 86_400_000, used: 40 },
    ]);
  });

  it('skips counters it cannot read', () => {
    expect(parseMbxHeaders({ 'x-mbx-used-weight-1m': 'lots', 'x-mbx-used-weight-1y': '5', 'x-mbx-used-weight': '5' })).toEqual([]);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('120')).toBe(120_000);
    expect(parseRetryAfterMs(' 1.5 ')).toBe(1_500);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('returns undefined for absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('')).toBeUndefined();
    expect(parseRetryAfterMs('later')).toBeUndefined();
    expect(parseRetryAfterMs('-5')).toBeUndefined();
  });
});
