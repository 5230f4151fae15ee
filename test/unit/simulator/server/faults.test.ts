import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../../src/simulator/faults.js';

describe('FaultInjector HTTP faults', () => {
  it('fires a matching one-shot fault once, at the armed timing only, and logs it', () => {
    const faults = new FaultInjector(() => 1_000);
    faults.failNext({ match: { method: 'post', path: '/v1/orders' }, effect: { kind: 'status', status: 503 }, when: 'after' });
    expect(faults.takeHttpFault('POST', '/v1/orders', 'before')).toBeUndefined();
    expect(faults.takeHttpFault('GET', '/v1/orders', 'after')).toBeUndefined();
    expect(faults.takeHttpFault('POST', '/v1/orders', 'after')).toEqual({ kind: 'status', status: 503 });
    expect(faults.takeHttpFault('POST', '/v1/orders', 'after')).toBeUndefined();
    expect(faults.log).toEqual([{ fault: 'http_status', detail: 'POST /v1/orders status 503 after acting', at: 1_000 }]);
  });

  it('matches paths by RegExp and repeats a fault the requested number of times', () => {
    const faults = new FaultInjector();
    faults.failNext({ match: { path: /^\/v1\/orders\// }, effect: { kind: 'timeout' }, when: 'before' }, 2);
    expect(faults.takeHttpFault('DELETE', '/v1/orders/12', 'before')).toEqual({ kind: 'timeout' });
    expect(faults.takeHttpFault('DELETE', '/v1/orders', 'before')).toBeUndefined();
    expect(faults.takeHttpFault('GET', '/v1/orders/13', 'before')).toEqual({ kind: 'timeout' });
    expect(faults.takeHttpFault('GET', '/v1/orders/14', 'before')).toBeUndefined();
    expect(faults.count('http_timeout')).toBe(2);
  });

  it('answers a 429 burst for exactly `count` requests with its retry-after', () => {
    const faults = new FaultInjector();
    faults.rateLimitBurst(2, 750);
    expect(faults.takeRateLimit('GET', '/v1/markets')).toBe(750);
    expect(faults.takeRateLimit('POST', '/v1/orders')).toBe(750);
    expect(faults.takeRateLimit('POST', '/v1/orders')).toBeUndefined();
    expect(faults.count('rate_limit')).toBe(2);
  });
});

describe('FaultInjector WebSocket faults', () => {
  it('stalls a topic for a number of frames without touching other topics', () => {
    const faults = new FaultInjector();
    faults.stallTopic('bbo.BTC-USD-PERP', 2);
    expect(faults.frameAction('trades.BTC-USD-PERP')).toEqual({ kind: 'pass' });
    expect(faults.frameAction('bbo.BTC-USD-PERP')).toEqual({ kind: 'drop' });
    expect(faults.frameAction('bbo.BTC-USD-PERP')).toEqual({ kind: 'drop' });
    expect(faults.frameAction('bbo.BTC-USD-PERP')).toEqual({ kind: 'pass' });
  });

  it('stalls until resumed when no frame count is given', () => {
    const faults = new FaultInjector();
    faults.stallTopic('x');
    for (let i = 0; i < 5; i++) expect(faults.frameAction('x').kind).toBe('drop');
    faults.resumeTopic('x');
    expect(faults.frameAction('x').kind).toBe('pass');
  });

  it('applies gap, duplicate and reorder once each per arming, in that precedence', () => {
    const faults = new FaultInjector();
    faults.duplicateNext('t');
    faults.reorderNext('t');
    faults.sequenceGap('t');
    expect(faults.hasFrameFaults()).toBe(true);
    expect(faults.frameAction('t').kind).toBe('gap');
    expect(faults.frameAction('t').kind).toBe('duplicate');
    expect(faults.frameAction('t').kind).toBe('hold');
    expect(faults.frameAction('t').kind).toBe('pass');
    expect(faults.hasFrameFaults()).toBe(false);
    expect(faults.log.map((entry) => entry.fault)).toEqual(['sequence_gap', 'duplicate', 'reorder']);
  });

  it('drops connections through every registered dialect and stops after unregistering', () => {
    const faults = new FaultInjector();
    const unregister = faults.onDropConnections(() => 3);
    faults.onDropConnections(() => 2);
    expect(faults.dropConnections()).toBe(5);
    unregister();
    expect(faults.dropConnections()).toBe(2);
    expect(faults.log.map((entry) => entry.detail)).toEqual(['5 connection(s)', '2 connection(s)']);
  });

  it('clear() disarms everything not yet fired', () => {
    const faults = new FaultInjector();
    faults.stallTopic('a');
    faults.rateLimitBurst(3);
    faults.failNext({ match: {}, effect: { kind: 'timeout' }, when: 'before' });
    faults.clear();
    expect(faults.frameAction('a').kind).toBe('pass');
    expect(faults.takeRateLimit('GET', '/')).toBeUndefined();
    expect(faults.takeHttpFault('GET', '/', 'before')).toBeUndefined();
  });
});
