import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { AsterApiError } from '../../../../src/simulator/dialects/aster/errors.js';
import { fixedDp, padDp } from '../../../../src/simulator/dialects/aster/format.js';
import { autoClientOrderId, engineOrderId, orderIdOf } from '../../../../src/simulator/dialects/aster/ids.js';
import { ListenKeys } from '../../../../src/simulator/dialects/aster/listen-keys.js';
import { WireParams } from '../../../../src/simulator/dialects/aster/params.js';
import { RateLimits } from '../../../../src/simulator/dialects/aster/rate-limits.js';
import { DEFAULT_ASTER_SETTINGS, mergeSettings } from '../../../../src/simulator/dialects/aster/settings.js';
import { StreamHub } from '../../../../src/simulator/dialects/aster/ws/hub.js';
import { FaultInjector } from '../../../../src/simulator/faults.js';

function thrown(fn: () => unknown): AsterApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AsterApiError) return error;
    throw error;
  }
  throw new Error('expected an AsterApiError');
}

describe('wire parameters', () => {
  it('keeps wire order, decodes values and lets the query string win over the body', () => {
    const p = new WireParams('symbol=BTCUSDT&side=BUY', 'side=SELL&newClientOrderId=a%3Ab%2Fc&note=a+b');
    expect(p.segments.map((s) => s.raw)).toEqual(['symbol=BTCUSDT', 'side=BUY', 'side=SELL', 'newClientOrderId=a%3Ab%2Fc', 'note=a+b']);
    expect(p.get('side')).toBe('BUY');
    expect(p.get('newClientOrderId')).toBe('a:b/c');
    expect(p.get('note')).toBe('a b');
    expect(p.get('missing')).toBeUndefined();
  });

  it('refuses a name repeated within one part (-1101) and reads typed values', () => {
    expect(thrown(() => new WireParams('a=1&a=2', '')).code).toBe(-1101);
    const p = new WireParams('limit=5&flag=TRUE&bad=x&empty=', '');
    expect(p.int('limit')).toBe(5);
    expect(p.bool('flag')).toBe(true);
    expect(thrown(() => p.int('bad')).code).toBe(-1130);
    expect(thrown(() => p.bool('bad')).code).toBe(-1130);
    expect(thrown(() => p.require('empty')).msg).toBe("Mandatory parameter 'empty' was not sent, was empty/null, or malformed.");
  });
});

describe('rate limits', () => {
  const settings = { ...DEFAULT_ASTER_SETTINGS, weightPerMinute: 10, violationsBeforeBan: 2, firstBanMs: 120_000, ordersPerMinute: 5, ordersPer10s: 3 };
  const t0 = 1_700_000_020_000; // 40 s into a minute window, on a 10 s boundary

  it('counts weight per IP per minute, answers 429 with Retry-After, then bans with 418 (doubling)', () => {
    const limits = new RateLimits(() => settings);
    limits.chargeWeight('ip', 6, t0);
    limits.chargeWeight('other', 10, t0);
    limits.chargeWeight('ip', 4, t0);
    expect(limits.usedWeight('ip', t0)).toBe(10);
    const first = thrown(() => limits.chargeWeight('ip', 1, t0));
    expect([first.httpStatus, first.code, first.retryAfterSeconds]).toEqual([429, -1003, 20]);
    expect(first.msg).toContain('current limit is 10 requests per minute');
    expect(thrown(() => limits.chargeWeight('ip', 1, t0)).httpStatus).toBe(429);
    const ban = thrown(() => limits.chargeWeight('ip', 1, t0));
    expect([ban.httpStatus, ban.retryAfterSeconds]).toEqual([418, 120]);
    expect(ban.msg).toContain(`IP banned until ${t0 + 120_000}`);
    // Still banned in the next window; a ban outlives the window.
    expect(thrown(() => limits.chargeWeight('ip', 1, t0 + 60_000)).httpStatus).toBe(418);
    // After the ban the budget is fresh; a second ban lasts twice as long.
    const after = t0 + 121_000;
    limits.chargeWeight('ip', 10, after);
    for (let i = 0; i < 2; i++) expect(thrown(() => limits.chargeWeight('ip', 1, after)).httpStatus).toBe(429);
    expect(thrown(() => limits.chargeWeight('ip', 1, after)).retryAfterSeconds).toBe(240);
  });

  it('counts orders per account per 10 s and per minute (-1015)', () => {
    const limits = new RateLimits(() => settings);
    expect(limits.chargeOrders('a', 3, t0)).toEqual({ minute: 3, tenSeconds: 3 });
    const tooFast = thrown(() => limits.chargeOrders('a', 1, t0));
    expect([tooFast.httpStatus, tooFast.code]).toEqual([429, -1015]);
    expect(tooFast.msg).toBe('Too many new orders; current limit is 3 orders per 10 SECOND.');
    expect(limits.chargeOrders('a', 2, t0 + 10_000)).toEqual({ minute: 5, tenSeconds: 2 });
    expect(thrown(() => limits.chargeOrders('a', 2, t0 + 10_000)).msg).toContain('per 10 SECOND');
    expect(thrown(() => limits.chargeOrders('a', 1, t0 + 19_999)).msg).toContain('5 orders per 1 MINUTE');
    expect(limits.chargeOrders('b', 1, t0)).toEqual({ minute: 1, tenSeconds: 1 });
  });
});

describe('settings', () => {
  it('merges known keys and refuses unknown or malformed ones', () => {
    const next = mergeSettings(DEFAULT_ASTER_SETTINGS, { nonceWindowMs: 10_000, v3DecodedFallback: false });
    expect(next.nonceWindowMs).toBe(10_000);
    expect(next.v3DecodedFallback).toBe(false);
    expect(() => mergeSettings(DEFAULT_ASTER_SETTINGS, { nope: 1 })).toThrow(/unknown/);
    expect(() => mergeSettings(DEFAULT_ASTER_SETTINGS, { chainId: -1 })).toThrow(/positive/);
    expect(() => mergeSettings(DEFAULT_ASTER_SETTINGS, { v3DecodedFallback: 1 })).toThrow(/boolean/);
  });
});

describe('formatting and ids', () => {
  it('writes fixed decimals exactly', () => {
    expect(fixedDp('0.2', 3)).toBe('0.200');
    expect(fixedDp('67307.7', 8)).toBe('67307.70000000');
    expect(fixedDp('0.123456785', 8)).toBe('0.12345678');
    expect(fixedDp('-1.5', 0)).toBe('-2');
    expect(padDp('5', 2)).toBe('5.00');
    expect(padDp('1.23456', 2)).toBe('1.23456');
  });

  it('maps engine ids to the venue range and back; auto client ids match the venue pattern', () => {
    expect(orderIdOf('42')).toBe(10_000_000_042);
    expect(engineOrderId(10_000_000_042)).toBe('42');
    expect(engineOrderId(42)).toBeUndefined();
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => autoClientOrderId(i + 1)));
    expect(ids.size).toBe(1000);
    for (const idValue of ids) expect(idValue).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(autoClientOrderId(7)).toBe(autoClientOrderId(7));
  });
});

describe('listenKeys', () => {
  it('returns the active key on POST and extends it; keepalive and close need a live key', () => {
    const keys = new ListenKeys();
    const a = keys.create('acct', 0, 1000);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.create('acct', 500, 1000).key).toBe(a.key);
    expect(a.expiresAt).toBe(1500);
    keys.keepalive('acct', undefined, 1400, 1000);
    expect(keys.active(a.key, 2399)?.account).toBe('acct');
    expect(() => keys.keepalive('other', a.key, 1400, 1000)).toThrow(AsterApiError);
    expect(keys.takeExpired(2400).map((r) => r.key)).toEqual([a.key]);
    expect(() => keys.keepalive('acct', undefined, 2400, 1000)).toThrow(/listenKey does not exist/);
    const b = keys.create('acct', 3000, 1000);
    expect(b.key).not.toBe(a.key);
    keys.close('acct', b.key, 3001);
    expect(keys.keyOf('acct', 3001)).toBeUndefined();
  });
});

describe('stream hub with WebSocket faults', () => {
  function setup() {
    const faults = new FaultInjector(() => new ManualClock().now());
    const hub = new StreamHub(faults);
    const got: string[] = [];
    hub.subscribe('t', { deliver: (_topic, data) => got.push(data) });
    let n = 0;
    const publish = () => hub.publish('t', (action) => (action.kind === 'gap' ? undefined : { n: ++n }));
    return { faults, hub, got, publish };
  }

  it('drops, duplicates, reorders and loses frames as armed, once per frame', () => {
    const { faults, got, publish } = setup();
    publish();
    faults.stallTopic('t', 1);
    publish();
    faults.duplicateNext('t');
    publish();
    faults.reorderNext('t');
    publish();
    publish();
    faults.sequenceGap('t');
    publish();
    publish();
    expect(got.map((d) => (JSON.parse(d) as { n: number }).n)).toEqual([1, 3, 3, 5, 4, 6]);
    expect(faults.count('stall') + faults.count('duplicate') + faults.count('reorder') + faults.count('sequence_gap')).toBe(4);
  });

  it('asks for no fault and builds nothing without subscribers', () => {
    const faults = new FaultInjector();
    const hub = new StreamHub(faults);
    faults.duplicateNext('t');
    let built = 0;
    hub.publish('t', () => ++built);
    expect(built).toBe(0);
    expect(faults.count('duplicate')).toBe(0);
  });
});
