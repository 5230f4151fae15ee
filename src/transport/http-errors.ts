/**
 * Maps low-level failures (undici / node:net errors) onto the ExchangeError hierarchy.
 *
 * The `outcome` is what matters for money: a request that was never written to a socket certainly
 * did not reach the venue ('rejected', safe to resend), while one that may have been written
 * ('unknown') could have been executed and must be reconciled before any resend. Whether bytes may
 * have left is decided by the caller (http.ts knows when undici started writing the request); the
 * error code only decides retryability and the wording.
 *
 * Messages carry method + path + a reason code only: never the query (it may hold a signature),
 * header values (JWTs, API keys) or bodies.
 */
import { TimeoutError, TransportError } from '../core/errors.js';
import type { ErrorOutcome } from '../core/errors.js';

/** Errors that will fail the same way on every attempt: bad arguments, closed client, TLS trust. */
const PERMANENT_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * The most specific error code on a failure. Node reports a refused connection tried on several
 * addresses (happy eyeballs) as an AggregateError whose members carry the codes.
 */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    const members = (error as { errors?: unknown }).errors;
    if (Array.isArray(members)) {
      for (const member of members) {
        const inner = errorCode(member);
        if (inner !== 'UNKNOWN') return inner;
      }
    }
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== 'Error' && name.length > 0) return name;
  }
  return 'UNKNOWN';
}

export function outcomeOf(mayHaveBeenSent: boolean): ErrorOutcome {
  return mayHaveBeenSent ? 'unknown' : 'rejected';
}

/** A failure reported by the socket layer, as a TransportError (or TimeoutError for undici's own timers). */
export function transportFailure(method: string, path: string, error: unknown, mayHaveBeenSent: boolean): TransportError {
  const code = errorCode(error);
  const outcome = outcomeOf(mayHaveBeenSent);
  const where = `${method} ${path}`;
  if (TIMEOUT_CODES.has(code)) {
    return new TimeoutError(`${where}: timed out (${code})`, { retryable: true, outcome, cause: error });
  }
  const retryable = !PERMANENT_CODES.has(code);
  const stage = mayHaveBeenSent ? 'after the request may have been sent' : 'before the request was sent';
  return new TransportError(`${where}: ${code} ${stage}`, { retryable, outcome, cause: error });
}

export function timeoutFailure(method: string, path: string, timeoutMs: number, mayHaveBeenSent: boolean): TimeoutError {
  const stage = mayHaveBeenSent ? 'waiting for the response' : 'before the request was sent';
  return new TimeoutError(`${method} ${path}: timed out after ${timeoutMs} ms ${stage}`, {
    retryable: true,
    outcome: outcomeOf(mayHaveBeenSent),
  });
}

/** The caller aborted: not retryable (the caller chose to stop), outcome by whether bytes left. */
export function callerAbort(method: string, path: string, mayHaveBeenSent: boolean): TransportError {
  return new TransportError(`${method} ${path}: aborted by caller`, {
    retryable: false,
    outcome: outcomeOf(mayHaveBeenSent),
  });
}
