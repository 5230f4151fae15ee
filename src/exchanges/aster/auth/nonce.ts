/**
 * V3 nonces: the current time in microseconds, strictly increasing per signer (aster.md §3.4: the
 * venue rejects a reused nonce and, per signer, one below the smallest of its 100 most recent).
 * The last value is kept per signer address for the whole process, so two clients sharing one API
 * wallet still never produce the same nonce.
 *
 * One exception to "never go back": when the last nonce is further ahead of the clock than the
 * venue's acceptance window (60 s), it was issued under a clock offset the venue refused outright
 * (-4225), so it cannot be among the nonces the venue remembers; continuing from it would keep
 * every later request outside the window. The sequence restarts from the corrected clock.
 */
import type { Clock } from '../../../core/clock.js';

/** The venue's nonce window (±60 s since api-docs PR #157; 10 s before). */
export const NONCE_WINDOW_US = 60_000_000;

const lastBySigner = new Map<string, number>();

/** Next nonce for `signer` (address, any case) at the clock's time; as a decimal string. */
export function nextNonce(signer: string, clock: Clock): string {
  const key = signer.toLowerCase();
  const nowUs = Math.floor(clock.now() * 1000);
  const last = lastBySigner.get(key) ?? 0;
  // Several requests in one microsecond (or a clock stepped back a little by a re-sync) take last + 1.
  const nonce = nowUs > last || last - nowUs > NONCE_WINDOW_US ? nowUs : last + 1;
  lastBySigner.set(key, nonce);
  return String(nonce);
}
