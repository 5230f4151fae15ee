/**
 * Background work the execution layer starts on its own (protective orders after a fill, a
 * reconciliation after a reconnect). Tracked so callers and tests can wait until nothing runs
 * (`idle()`), and keyed so one market never has two protection passes at once: a request made
 * while a pass runs marks the key dirty and the pass runs once more after it.
 */
export class TaskGroup {
  readonly #running = new Set<Promise<void>>();
  readonly #keyed = new Map<string, Promise<void>>();
  readonly #dirty = new Set<string>();
  readonly #onError: (where: string, error: unknown) => void;

  constructor(onError: (where: string, error: unknown) => void) {
    this.#onError = onError;
  }

  /** Run `fn` in the background; errors go to onError. */
  spawn(where: string, fn: () => Promise<void>): Promise<void> {
    const task = fn().catch((error: unknown) => this.#onError(where, error));
    this.#running.add(task);
    void task.finally(() => this.#running.delete(task));
    return task;
  }

  /** Run `fn` for `key` now, or once more after the run in progress. */
  coalesce(key: string, fn: () => Promise<void>): Promise<void> {
    const existing = this.#keyed.get(key);
    if (existing !== undefined) {
      this.#dirty.add(key);
      return existing;
    }
    const run = this.spawn(key, async () => {
      try {
        do {
          this.#dirty.delete(key);
          await fn();
        } while (this.#dirty.has(key));
      } finally {
        this.#keyed.delete(key);
      }
    });
    this.#keyed.set(key, run);
    return run;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Resolves once no task runs (tasks started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
