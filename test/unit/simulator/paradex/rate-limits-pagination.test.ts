import { describe, expect, it } from 'vitest';
import { paginate, timeRangeOf } from '../../../../src/simulator/dialects/paradex/pagination.js';
import { ParadexRateLimits, PARADEX_BUDGETS } from '../../../../src/simulator/dialects/paradex/rate-limits.js';

describe('ParadexRateLimits', () => {
  it('allows a budget, refuses the next request with the budget headers, refills continuously', () => {
    const limits = new ParadexRateLimits({ ...PARADEX_BUDGETS, auth: [{ limit: 3, windowMs: 60_000 }] });
    const ip = { ip: '127.0.0.1' };
    for (let i = 0; i < 3; i++) expect(limits.take('auth', ip, 0).allowed).toBe(true);
    const refused = limits.take('auth', ip, 0);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 20_000 });
    expect(refused.headers).toEqual({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60', 'x-ratelimit-window': '60' });
    expect(limits.take('auth', { ip: '10.0.0.2' }, 0).allowed).toBe(true); // per IP
    expect(limits.take('auth', ip, 19_999).allowed).toBe(false);
    expect(limits.take('auth', ip, 20_000).allowed).toBe(true);
  });

  it('counts private calls per account (120/s reads) and per IP across accounts', () => {
    const limits = new ParadexRateLimits();
    const a = { ip: '1.1.1.1', account: '0xa' };
    for (let i = 0; i < 120; i++) expect(limits.take('private-read', a, 0).allowed).toBe(true);
    expect(limits.take('private-read', a, 0).allowed).toBe(false);
    expect(limits.take('private-read', { ip: '1.1.1.1', account: '0xb' }, 0).allowed).toBe(true);
    expect(limits.take('order-write', a, 0).allowed).toBe(true);
    limits.setEnabled(false);
    expect(limits.take('private-read', a, 0).allowed).toBe(true);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: BigInt(i + 1) }));
  const page = (query: string) => {
    const result = paginate(items, (x) => x.id, new URLSearchParams(query), 100);
    if (!result.ok) throw new Error(result.message);
    return result.page;
  };

  it('walks newest first with next/prev cursors that survive new items', () => {
    const first = page('page_size=3');
    expect(first.results.map((x) => x.id)).toEqual([7n, 6n, 5n]);
    expect(first.prev).toBeNull();
    const second = page(`page_size=3&cursor=${encodeURIComponent(first.next!)}`);
    expect(second.results.map((x) => x.id)).toEqual([4n, 3n, 2n]);
    const third = page(`page_size=3&cursor=${encodeURIComponent(second.next!)}`);
    expect(third.results.map((x) => x.id)).toEqual([1n]);
    expect(third.next).toBeNull();
    const back = page(`page_size=3&cursor=${encodeURIComponent(third.prev!)}`);
    expect(back.results.map((x) => x.id)).toEqual([4n, 3n, 2n]);
  });

  it('refuses bad page sizes and cursors; reads time ranges', () => {
    expect(paginate(items, (x) => x.id, new URLSearchParams('page_size=0'), 100)).toMatchObject({ ok: false, error: 'INVALID_REQUEST_PARAMETER' });
    expect(paginate(items, (x) => x.id, new URLSearchParams('page_size=101'), 100)).toMatchObject({ ok: false });
    expect(paginate(items, (x) => x.id, new URLSearchParams('cursor=garbage'), 100)).toMatchObject({ ok: false, error: 'INVALID_REQUEST_PARAMETER' });
    expect(timeRangeOf(new URLSearchParams('start_at=5&end_at=9'))).toEqual({ since: 5, until: 9 });
    expect(timeRangeOf(new URLSearchParams('start_at=x'))).toMatchObject({ error: 'INVALID_REQUEST_PARAMETER' });
  });
});
