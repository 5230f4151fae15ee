/** The countdown dead-man switch: arming, covering new symbols, self-refresh, disarming. */
import { describe, expect, it } from 'vitest';
import { DeadManSwitch } from '../../../src/exchanges/aster/dead-man-switch.js';
import type { Timers } from '../../../src/transport/timers.js';

function manualTimers() {
  const pending: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = pending.findIndex((p) => p.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (;;) {
      pending.sort((a, b) => a.at - b.at);
      const due = pending[0];
      if (due === undefined || due.at > now) break;
      pending.shift();
      due.fn();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { timers, advance, pending };
}

describe('DeadManSwitch', () => {
  it('arms open-order symbols, covers a new symbol once, refreshes every third of the timeout, disarms with 0', async () => {
    const calls: string[] = [];
    const { timers, advance, pending } = manualTimers();
    const dms = new DeadManSwitch({ timers, countdown: async (s, ms) => void calls.push(`${s}:${ms}`), openOrderSymbols: async () => ['BTCUSDT'] });
    await dms.cover('ETHUSDT');
    expect(calls).toEqual([]);
    await dms.set(30_000, ['DOGEUSDT']);
    expect(calls.sort()).toEqual(['BTCUSDT:30000', 'DOGEUSDT:30000']);
    calls.length = 0;
    await dms.cover('ETHUSDT');
    await dms.cover('ETHUSDT');
    expect(calls).toEqual(['ETHUSDT:30000']);
    calls.length = 0;
    await advance(10_000);
    expect(calls.sort()).toEqual(['BTCUSDT:30000', 'DOGEUSDT:30000', 'ETHUSDT:30000']);
    calls.length = 0;
    await dms.set(0);
    expect(calls.sort()).toEqual(['BTCUSDT:0', 'DOGEUSDT:0', 'ETHUSDT:0']);
    expect(dms.armed).toBe(false);
    expect(pending).toHaveLength(0);
    await expect(dms.set(-1)).rejects.toThrow(RangeError);
  });
});
