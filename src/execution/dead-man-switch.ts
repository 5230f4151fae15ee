/**
 * Keeps the venue's dead-man switch armed (capabilities.deadManSwitch):
 *   countdown            (Aster countdownCancelAll) re-armed every timeoutMs / 3 while we run, so a
 *                        dead process stops refreshing it and the venue cancels our open orders;
 *   cancel_on_disconnect (Paradex) armed once; the venue cancels when our socket drops.
 * Both are armed again after every `reconnected` event (the venue forgets it with the session).
 * Note the trade-off: when it fires the venue also cancels our protective stops; the
 * PositionManager re-places them after the restart's reconciliation.
 */
import { describeError } from './outcome.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { ExecutionEventHandler } from './types.js';

export interface DeadManSwitchOptions {
  readonly client: ExchangeClient;
  /** 0 = never arm. */
  readonly timeoutMs: number;
  readonly onEvent?: ExecutionEventHandler;
  /** Timer functions (tests pass fakes). */
  readonly setInterval?: (fn: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
}

export class DeadManSwitch {
  readonly #client: ExchangeClient;
  readonly #timeoutMs: number;
  readonly #emit: ExecutionEventHandler;
  readonly #setInterval: (fn: () => void, ms: number) => unknown;
  readonly #clearInterval: (handle: unknown) => void;
  #timer: unknown;
  #armed = false;
  /** How many times the venue was asked to arm (for tests and metrics). */
  arms = 0;

  constructor(options: DeadManSwitchOptions) {
    this.#client = options.client;
    this.#timeoutMs = options.timeoutMs;
    this.#emit = options.onEvent ?? (() => undefined);
    this.#setInterval =
      options.setInterval ??
      ((fn, ms) => {
        const t = setInterval(fn, ms);
        t.unref();
        return t;
      });
    this.#clearInterval = options.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  }

  get kind(): 'cancel_on_disconnect' | 'countdown' | null {
    return this.#timeoutMs > 0 ? this.#client.capabilities.deadManSwitch : null;
  }

  get armed(): boolean {
    return this.#armed;
  }

  async arm(): Promise<void> {
    const kind = this.kind;
    if (kind === null) return;
    await this.#send(this.#timeoutMs);
    if (kind === 'countdown' && this.#timer === undefined) {
      this.#timer = this.#setInterval(() => void this.#send(this.#timeoutMs), Math.max(1, Math.floor(this.#timeoutMs / 3)));
    }
  }

  /** After a reconnect: the venue may have dropped it with the session. */
  async rearm(): Promise<void> {
    if (this.kind === null) return;
    await this.#send(this.#timeoutMs);
  }

  async disarm(): Promise<void> {
    if (this.#timer !== undefined) this.#clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#armed) await this.#send(0);
  }

  async #send(timeoutMs: number): Promise<void> {
    try {
      await this.#client.setDeadManSwitch(timeoutMs);
      this.#armed = timeoutMs > 0;
      if (timeoutMs > 0) this.arms++;
    } catch (error) {
      this.#emit({ type: 'error', where: `dead-man switch (${describeError(error)})`, error });
    }
  }
}
