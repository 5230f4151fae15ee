/**
 * Small helpers the executor uses to read errors and wait: what an error says about whether the
 * venue acted, and an injectable sleep.
 */
import { ExchangeError } from '../core/errors.js';

/**
 * True when the venue may have applied the call (timeout, 5xx, Aster 503, a drop mid-request, an
 * unreadable answer). Anything that is not an ExchangeError is treated the same way: we cannot know
 * where it was thrown, and assuming "not sent" is the assumption that duplicates orders.
 */
export function outcomeIsUnknown(error: unknown): boolean {
  return !(error instanceof ExchangeError) || error.outcome === 'unknown';
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  ms <= 0
    ? Promise.resolve()
    : new Promise((resolve) => {
        setTimeout(resolve, ms);
      });
