/** One place that turns any failure into a message and an exit code, without leaking secrets. */
import { ConfigError, ExchangeError, InvalidOrderError, RateLimitError } from '../core/errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, config: 3, unknownOutcome: 4 } as const;

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.config };
  if (error instanceof InvalidOrderError) {
    const details = [error.field && `field ${error.field}`, error.value !== undefined && `value ${error.value}`, error.rule && `rule ${error.rule}`]
      .filter(Boolean)
      .join(', ');
    return { message: `${error.name}: ${error.message}${details ? ` (${details})` : ''}`, exitCode: EXIT.failure };
  }
  if (error instanceof RateLimitError) {
    return { message: `${error.name}: ${error.message} (retry after ${error.retryAfterMs} ms)`, exitCode: EXIT.failure };
  }
  if (error instanceof ExchangeError) {
    const code = error.venueCode === undefined ? '' : ` [${error.venueCode}]`;
    const exitCode = error.outcome === 'unknown' ? EXIT.unknownOutcome : EXIT.failure;
    return { message: `${error.name}${code}: ${error.message}`, exitCode };
  }
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, exitCode: EXIT.failure };
  return { message: String(error), exitCode: EXIT.failure };
}
