/**
 * Time sources for the rate limiter. Waiting calls are woken by a timer; tests inject a manual
 * implementation that fires when a ManualClock is advanced, so queue behaviour is deterministic.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock.js';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Epoch-based milliseconds that never jump: budgets must not be refilled (or frozen) when NTP or an
 * operator moves the wall clock.
 */
export const monotonicClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
};

/** Settles like `promise`, or rejects with `onTimeout()` when it has not settled within `ms`. */
export function withTimeout<T>(timers: Timers, promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timers.setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
