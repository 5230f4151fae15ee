import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src/core/types.js';
import { checkTransition, isTerminalStatus, ORDER_STATUSES, ORDER_TRANSITIONS, TERMINAL_STATUSES } from '../../../src/execution/order-state.js';

const status = fc.constantFrom(...ORDER_STATUSES);

describe('order state table', () => {
  it('covers every status and names only known statuses', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const next of Object.values(ORDER_TRANSITIONS)) for (const s of next) expect(ORDER_STATUSES).toContain(s);
  });

  it('terminal states have no way out', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_STATUSES), status, (from, to) => {
        expect(checkTransition(from, to)).toBe(from === to ? 'same' : 'illegal');
      }),
    );
  });

  it('every state can reach a terminal state, and every terminal state is reachable from pending_submit', () => {
    const reachable = (from: OrderStatus): Set<OrderStatus> => {
      const seen = new Set<OrderStatus>([from]);
      const queue = [from];
      while (queue.length > 0) {
        for (const next of ORDER_TRANSITIONS[queue.shift() as OrderStatus]) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      return seen;
    };
    for (const s of ORDER_STATUSES) expect([...reachable(s)].some(isTerminalStatus)).toBe(true);
    const fromStart = reachable('pending_submit');
    for (const s of ORDER_STATUSES) expect(fromStart.has(s)).toBe(true);
  });

  it('refuses the moves a stale or reordered message would make', () => {
    expect(checkTransition('filled', 'open')).toBe('illegal');
    expect(checkTransition('canceled', 'new')).toBe('illegal');
    expect(checkTransition('partially_filled', 'open')).toBe('illegal');
    expect(checkTransition('open', 'new')).toBe('illegal');
    expect(checkTransition('open', 'rejected')).toBe('illegal');
    expect(checkTransition('new', 'pending_submit')).toBe('illegal');
  });

  it('allows the real lifecycle, repeated partial fills and resubmission after proven absence', () => {
    expect(checkTransition('pending_submit', 'new')).toBe('apply');
    expect(checkTransition('new', 'open')).toBe('apply');
    expect(checkTransition('open', 'partially_filled')).toBe('apply');
    expect(checkTransition('partially_filled', 'partially_filled')).toBe('apply');
    expect(checkTransition('partially_filled', 'filled')).toBe('apply');
    expect(checkTransition('untriggered', 'new')).toBe('apply');
    expect(checkTransition('pending_cancel', 'open')).toBe('apply');
    expect(checkTransition('unknown', 'pending_submit')).toBe('apply');
    expect(checkTransition('open', 'open')).toBe('same');
  });
});
