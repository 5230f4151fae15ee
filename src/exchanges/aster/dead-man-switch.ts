/**
 * setDeadManSwitch over Aster's countdown cancel-all (POST countdownCancelAll, aster.md §4.3): the
 * venue cancels every open order of a symbol when the countdown is not refreshed in time.
 *
 * The countdown is per symbol, so the switch covers a set of symbols: those with open orders when it
 * is armed, and every symbol an order is placed on afterwards (armed before that order is sent).
 * While armed it refreshes itself every third of the timeout, so it behaves like a heartbeat: if
 * this process stops (crash, hung event loop, lost network), the refreshes stop and the venue
 * cancels. Each refresh costs weight 10 per symbol.
 */
import type { Timers } from '../../transport/timers.js';

export interface DeadManSwitchDeps {
  /** POST countdownCancelAll for one symbol (0 = stop). */
  readonly countdown: (symbol: string, timeoutMs: number) => Promise<void>;
  /** Symbols that have open orders now. */
  readonly openOrderSymbols: () => Promise<readonly string[]>;
  readonly timers: Timers;
  /** Refresh failures (the next refresh tries again). */
  readonly onError?: (error: unknown) => void;
}

export class DeadManSwitch {
  readonly #deps: DeadManSwitchDeps;
  #timeoutMs = 0;
  readonly #symbols = new Set<string>();
  #timer: unknown;

  constructor(deps: DeadManSwitchDeps) {
    this.#deps = deps;
  }

  get armed(): boolean {
    return this.#timeoutMs > 0;
  }

  get symbols(): readonly string[] {
    return [...this.#symbols];
  }

  /** Arms (timeoutMs > 0) or disarms (0) the switch. */
  async set(timeoutMs: number, extraSymbols: readonly string[] = []): Promise<void> {
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) throw new RangeError(`timeoutMs must be a non-negative integer (got ${timeoutMs})`);
    this.#clearTimer();
    if (timeoutMs === 0) {
      const symbols = [...this.#symbols];
      this.#timeoutMs = 0;
      this.#symbols.clear();
      await Promise.all(symbols.map((s) => this.#deps.countdown(s, 0)));
      return;
    }
    this.#timeoutMs = timeoutMs;
    for (const s of [...(await this.#deps.openOrderSymbols()), ...extraSymbols]) this.#symbols.add(s);
    await this.#refreshAll();
    this.#schedule();
  }

  /** Before an order is sent on `symbol`: arm its countdown too when the switch is armed. */
  async cover(symbol: string): Promise<void> {
    if (!this.armed || this.#symbols.has(symbol)) return;
    await this.#deps.countdown(symbol, this.#timeoutMs);
    this.#symbols.add(symbol);
  }

  /** After a reconnect: the venue's countdowns may have fired; arm them again. */
  async rearm(): Promise<void> {
    if (this.armed) await this.#refreshAll();
  }

  stop(): void {
    this.#clearTimer();
    this.#timeoutMs = 0;
    this.#symbols.clear();
  }

  async #refreshAll(): Promise<void> {
    const timeoutMs = this.#timeoutMs;
    await Promise.all([...this.#symbols].map((s) => this.#deps.countdown(s, timeoutMs)));
  }

  #schedule(): void {
    const every = Math.max(1, Math.floor(this.#timeoutMs / 3));
    this.#timer = this.#deps.timers.setTimeout(() => {
      this.#timer = undefined;
      if (!this.armed) return;
      this.#refreshAll().catch((error: unknown) => this.#deps.onError?.(error)).finally(() => {
        if (this.armed && this.#timer === undefined) this.#schedule();
      });
    }, every);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
