import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { InvalidOrderError, RateLimitError, TimeoutError, TransportError } from '../../../src/core/errors.js';
import { CircuitBreaker } from '../../../src/execution/circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after consecutive transport failures; order errors do not count; a success resets', () => {
    const b = new CircuitBreaker({ clock: new ManualClock(0), failureThreshold: 3 });
    b.recordFailure(new TimeoutError('t'));
    b.recordFailure(new TransportError('503'));
    b.recordSuccess();
    b.recordFailure(new TimeoutError('t'));
    b.recordFailure(new InvalidOrderError('bad price'));
    b.recordFailure(new TimeoutError('t'));
    expect(b.state).toBe('closed');
    b.recordFailure(new TransportError('reset'));
    expect(b.state).toBe('open');
  });

  it('while open: reduce-only passes, risk-increasing does not', () => {
    const b = new CircuitBreaker({ clock: new ManualClock(0), failureThreshold: 1 });
    b.recordFailure(new TimeoutError('t'));
    expect(b.allows(false)).toBe(true);
    expect(b.allows(true)).toBe(false);
  });

  it('a ban opens it at once for at least the retry-after', () => {
    const clock = new ManualClock(0);
    const b = new CircuitBreaker({ clock, openMs: 1000 });
    b.recordFailure(new RateLimitError('418', 30_000, { banned: true }));
    expect(b.state).toBe('open');
    clock.advance(29_999);
    expect(b.state).toBe('open');
    clock.advance(1);
    expect(b.state).toBe('half_open');
  });

  it('half-open: one probe at a time; success closes, failure reopens with a doubled cooldown', () => {
    const clock = new ManualClock(0);
    const states: string[] = [];
    const b = new CircuitBreaker({ clock, failureThreshold: 1, openMs: 1000 });
    b.onChange((s) => states.push(s));
    b.recordFailure(new TimeoutError('t'));
    expect(b.beginProbe()).toBe(false);
    clock.advance(1000);
    expect(b.beginProbe()).toBe(true);
    expect(b.beginProbe()).toBe(false);
    b.endProbe(false);
    expect(b.retryInMs).toBe(2000);
    clock.advance(2000);
    expect(b.beginProbe()).toBe(true);
    b.endProbe(true);
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'open', 'closed']);
  });
});
