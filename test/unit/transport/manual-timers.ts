/** Timers that fire only when the test moves a ManualClock forward, so queue order and timing are exact. */
import type { ManualClock } from '../../../src/core/clock.js';
import type { Timers } from '../../../src/transport/timers.js';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class ManualTimers implements Timers {
  private pending: PendingTimer[] = [];
  private nextId = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.clock.now() + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }

  get armed(): number {
    return this.pending.length;
  }

  /** Moves time forward by `ms`, firing each due timer at its own due time, earliest first. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      const due = this.pending.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((t) => t !== due);
      if (due.at > this.clock.now()) this.clock.set(due.at);
      due.callback();
    }
    this.clock.set(end);
  }
}
