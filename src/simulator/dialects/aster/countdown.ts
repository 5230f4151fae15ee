/**
 * POST countdownCancelAll (aster.md §4.3): a dead man's switch per account and symbol. Each call
 * re-arms it for `countdownTime` ms of engine time; 0 disarms it. When it runs out every open
 * order of that symbol is cancelled (status CANCELED), then the switch is disarmed.
 */
import type { SimulatorEngine } from '../../engine/index.js';

interface Deadline {
  readonly account: string;
  readonly market: string;
  readonly at: number;
}

export class Countdowns {
  readonly #deadlines = new Map<string, Deadline>();

  arm(account: string, market: string, countdownMs: number, now: number): void {
    const key = `${account}\u0000${market}`;
    if (countdownMs === 0) this.#deadlines.delete(key);
    else this.#deadlines.set(key, { account, market, at: now + countdownMs });
  }

  /** Fires every switch that ran out by `now`; returns how many fired. */
  fireDue(engine: SimulatorEngine, now: number): number {
    let fired = 0;
    for (const [key, d] of this.#deadlines) {
      if (d.at > now) continue;
      this.#deadlines.delete(key);
      if (engine.hasAccount(d.account)) engine.cancelAll(d.account, d.market);
      fired++;
    }
    return fired;
  }
}
