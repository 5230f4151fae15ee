import { describe, expect, it } from 'vitest';
import { NotSupportedError } from '../../../src/core/errors.js';
import type { ExchangeClient } from '../../../src/core/exchange-client.js';
import { PAPER_CAPABILITIES } from '../../../src/paper/capabilities.js';
import { DeadManSwitch } from '../../../src/execution/dead-man-switch.js';
import type { ExecutionEvent } from '../../../src/execution/types.js';

function fakeClient(kind: 'countdown' | 'cancel_on_disconnect' | null, fail = false) {
  const calls: number[] = [];
  const client = {
    capabilities: { ...PAPER_CAPABILITIES, deadManSwitch: kind },
    setDeadManSwitch: (ms: number) => {
      calls.push(ms);
      return fail ? Promise.reject(new NotSupportedError('not here')) : Promise.resolve();
    },
  } as unknown as ExchangeClient;
  return { client, calls };
}

function fakeTimers() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  return {
    timers,
    setInterval: (fn: () => void, ms: number) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearInterval: (h: unknown) => {
      (h as { cleared: boolean }).cleared = true;
    },
  };
}

describe('DeadManSwitch', () => {
  it('countdown: armed, refreshed every timeout/3, re-armed after reconnect, disarmed with 0', async () => {
    const { client, calls } = fakeClient('countdown');
    const t = fakeTimers();
    const dms = new DeadManSwitch({ client, timeoutMs: 30_000, setInterval: t.setInterval, clearInterval: t.clearInterval });
    await dms.arm();
    expect(calls).toEqual([30_000]);
    expect(t.timers[0]?.ms).toBe(10_000);
    t.timers[0]?.fn();
    await dms.rearm();
    expect(calls).toEqual([30_000, 30_000, 30_000]);
    await dms.disarm();
    expect(calls.at(-1)).toBe(0);
    expect(t.timers[0]?.cleared).toBe(true);
    expect(dms.armed).toBe(false);
  });

  it('cancel_on_disconnect: armed once, no refresh timer, re-armed after reconnect', async () => {
    const { client, calls } = fakeClient('cancel_on_disconnect');
    const t = fakeTimers();
    const dms = new DeadManSwitch({ client, timeoutMs: 1, setInterval: t.setInterval, clearInterval: t.clearInterval });
    await dms.arm();
    await dms.rearm();
    expect(calls).toEqual([1, 1]);
    expect(t.timers).toHaveLength(0);
  });

  it('does nothing where the venue has none or when off; reports a refusal instead of failing', async () => {
    const none = fakeClient(null);
    await new DeadManSwitch({ client: none.client, timeoutMs: 1000 }).arm();
    const off = fakeClient('countdown');
    await new DeadManSwitch({ client: off.client, timeoutMs: 0 }).arm();
    expect([...none.calls, ...off.calls]).toEqual([]);
    const failing = fakeClient('cancel_on_disconnect', true);
    const events: ExecutionEvent[] = [];
    const dms = new DeadManSwitch({ client: failing.client, timeoutMs: 1000, onEvent: (e) => events.push(e) });
    await dms.arm();
    expect(events.map((e) => e.type)).toEqual(['error']);
    expect(dms.armed).toBe(false);
  });
});
