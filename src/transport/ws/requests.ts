/**
 * Request/response correlation for socket protocols that answer by id (Paradex JSON-RPC, Aster
 * SUBSCRIBE). Venue-neutral: the venue layer assigns ids, settles answers it reads from frames and
 * rejects everything in flight when the connection drops (an answer can never arrive then).
 */
import { TimeoutError } from '../../core/errors.js';
import type { Timers } from '../timers.js';

interface Pending<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: unknown;
}

export class PendingRequests<T> {
  private readonly pending = new Map<number | string, Pending<T>>();
  private counter = 0;

  constructor(
    private readonly timers: Timers,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  /** A fresh integer id, unique for this tracker's life (ids are never reused across connections). */
  nextId(): number {
    this.counter += 1;
    return this.counter;
  }

  /** Waits for `settle(id)`; rejects with TimeoutError (outcome unknown) when no answer comes in time. */
  track(id: number | string, what: string, timeoutMs = this.defaultTimeoutMs): Promise<T> {
    if (this.pending.has(id)) return Promise.reject(new Error(`request id ${String(id)} is already in flight`));
    return new Promise<T>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(id);
        reject(new TimeoutError(`${what}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  has(id: number | string): boolean {
    return this.pending.has(id);
  }

  /** True when the id was in flight. */
  resolve(id: number | string, value: T): boolean {
    const entry = this.take(id);
    entry?.resolve(value);
    return entry !== undefined;
  }

  reject(id: number | string, error: unknown): boolean {
    const entry = this.take(id);
    entry?.reject(error);
    return entry !== undefined;
  }

  rejectAll(error: unknown): void {
    for (const id of [...this.pending.keys()]) this.reject(id, error);
  }

  get size(): number {
    return this.pending.size;
  }

  private take(id: number | string): Pending<T> | undefined {
    const entry = this.pending.get(id);
    if (entry === undefined) return undefined;
    this.pending.delete(id);
    this.timers.clearTimeout(entry.timer);
    return entry;
  }
}
