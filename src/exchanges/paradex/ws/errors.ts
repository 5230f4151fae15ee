/**
 * Paradex JSON-RPC error codes (OpenRPC 1.3.1, paradex.md §9.3) -> the ExchangeError family that
 * tells the caller what to do next. Order methods ('write') keep the REST rules: a refusal is
 * 'rejected', an internal error leaves the outcome 'unknown'.
 */
import {
  AuthError,
  NotSupportedError,
  RateLimitError,
  RequestError,
  TransportError,
} from '../../../core/errors.js';
import type { ExchangeError } from '../../../core/errors.js';
import { PARADEX_ERROR_TABLE, paradexErrorFromCode } from '../rest/errors.js';
import { redactSecrets } from '../rest/decode.js';

export const RPC_ERROR = {
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  /** A method-level failure; `data`/`message` may carry a REST error code. */
  METHOD_ERROR: 100,
  MALFORMED_BEARER: 40110,
  INVALID_BEARER: 40111,
  GEO_BLOCKED: 40112,
  PERMISSION_DENIED: 40300,
  RATE_LIMITED: 42901,
} as const;

export type RpcOperation = 'read' | 'write' | 'auth';

export interface RpcErrorBody {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly data?: unknown;
}

/** Wait after a WS 42901 (the venue sends no retry hint on the socket). */
export const WS_RATE_LIMIT_RETRY_MS = 1_000;

const MAX_TEXT = 300;
const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A REST error code carried in `data` or `message` (e.g. "NOT_ENOUGH_MARGIN"), when it is one we know. */
function restCodeIn(body: RpcErrorBody): string | undefined {
  for (const candidate of [body.data, body.message]) {
    if (typeof candidate === 'string' && Object.hasOwn(PARADEX_ERROR_TABLE, candidate)) return candidate;
    if (typeof candidate === 'object' && candidate !== null) {
      const code = (candidate as { error?: unknown; code?: unknown }).error ?? (candidate as { code?: unknown }).code;
      if (typeof code === 'string' && Object.hasOwn(PARADEX_ERROR_TABLE, code)) return code;
    }
  }
  return undefined;
}

/** The typed error for one JSON-RPC `error` object answering `method`. */
export function rpcError(body: RpcErrorBody, method: string, operation: RpcOperation): ExchangeError {
  const code = typeof body.code === 'number' ? body.code : Number(body.code);
  const detail = [textOf(body.message), textOf(body.data)].filter((t) => t !== '').join(': ');
  const text = `Paradex WS ${method} refused: ${Number.isFinite(code) ? code : 'no code'}${detail === '' ? '' : ` ${clip(redactSecrets(detail))}`}`;
  const rejected = operation === 'read' ? ('n/a' as const) : ('rejected' as const);
  const base = { exchange: 'paradex' as const, venueCode: Number.isFinite(code) ? code : undefined };
  switch (code) {
    case RPC_ERROR.MALFORMED_BEARER:
    case RPC_ERROR.INVALID_BEARER:
    case RPC_ERROR.PERMISSION_DENIED:
      return new AuthError(text, { ...base, outcome: rejected });
    case RPC_ERROR.GEO_BLOCKED:
      return new AuthError(text, { ...base, outcome: rejected, retryable: false });
    case RPC_ERROR.RATE_LIMITED:
      return new RateLimitError(text, WS_RATE_LIMIT_RETRY_MS, { ...base, outcome: rejected });
    case RPC_ERROR.METHOD_NOT_FOUND:
      return new NotSupportedError(text, { ...base, outcome: rejected });
    case RPC_ERROR.INTERNAL:
      return new TransportError(text, { ...base, retryable: true, outcome: operation === 'write' ? 'unknown' : 'n/a' });
    case RPC_ERROR.METHOD_ERROR: {
      const restCode = restCodeIn(body);
      if (restCode !== undefined) {
        const restOperation = operation === 'write' ? 'write' : operation === 'auth' ? 'auth' : 'read';
        return paradexErrorFromCode({ code: restCode, message: detail, operation: restOperation });
      }
      return new RequestError(text, { ...base, outcome: rejected });
    }
    default:
      // -32700 / -32600 / -32602 and unknown codes: the venue understood nothing it would act on.
      return new RequestError(text, { ...base, outcome: rejected });
  }
}

/** True for the auth errors a fresh JWT may cure (40110 malformed, 40111 invalid/expired). */
export function isTokenRpcError(error: unknown): boolean {
  return error instanceof AuthError && (error.venueCode === RPC_ERROR.INVALID_BEARER || error.venueCode === RPC_ERROR.MALFORMED_BEARER);
}
