/**
 * JSON-RPC 2.0 framing of the Paradex WebSocket (paradex.md §9, OpenRPC 1.3.1): request parsing,
 * result and error frames with the venue's timing fields, and the subscription notification
 * envelope. Error codes and their short messages are the venue's (docs "Error Handling": -32601
 * "method does not exist", 40111 "Invalid Bearer Token"; the recorded error fixture:
 * -32600 "invalid subscribe request" with data "invalid channel").
 */

export const RPC_CODE = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** A method failed for a business reason; `data` carries the REST error code. */
  METHOD_ERROR: 100,
  MALFORMED_BEARER: 40110,
  INVALID_BEARER: 40111,
  GEO_BLOCKED: 40112,
  PERMISSION_DENIED: 40300,
  RATE_LIMITED: 42901,
} as const;

export type RpcId = number | string | null;

export interface RpcRequest {
  readonly id: RpcId;
  readonly method: string;
  /** Always an object (by-name params; by-position ones under "0", "1", ...); {} when none. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  /** Extra details; a string, as the venue documents it. */
  readonly data?: string;
}

export class RpcFailure extends Error {
  constructor(readonly error: RpcErrorObject) {
    super(error.message);
    this.name = 'RpcFailure';
  }
}

export const rpcError = (code: number, message: string, data?: string): RpcErrorObject =>
  data === undefined ? { code, message } : { code, message, data };

export type ParsedRequest = { readonly ok: true; readonly request: RpcRequest } | { readonly ok: false; readonly id: RpcId; readonly error: RpcErrorObject };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validId(value: unknown): value is RpcId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Reads one client text frame. Batches (arrays) are not part of the venue's protocol. */
export function parseRequest(text: string): ParsedRequest {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: rpcError(RPC_CODE.PARSE_ERROR, 'parse error', 'invalid JSON') };
  }
  if (!isRecord(message)) return { ok: false, id: null, error: rpcError(RPC_CODE.INVALID_REQUEST, 'invalid request', 'expected a JSON-RPC request object') };
  const id = validId(message.id) ? message.id : null;
  if (message.jsonrpc !== '2.0') return { ok: false, id, error: rpcError(RPC_CODE.INVALID_REQUEST, 'invalid request', 'jsonrpc must be "2.0"') };
  if (typeof message.method !== 'string' || message.method === '') {
    return { ok: false, id, error: rpcError(RPC_CODE.INVALID_REQUEST, 'invalid request', 'method must be a non-empty string') };
  }
  if (message.id !== undefined && !validId(message.id)) {
    return { ok: false, id: null, error: rpcError(RPC_CODE.INVALID_REQUEST, 'invalid request', 'id must be a number or a string') };
  }
  const params = message.params;
  if (params === undefined || params === null) return { ok: true, request: { id, method: message.method, params: {} } };
  // By-position params (paradex-py sends order.create_batch as a bare array) become numeric keys.
  if (Array.isArray(params)) return { ok: true, request: { id, method: message.method, params: { ...params } } };
  if (!isRecord(params)) return { ok: false, id, error: rpcError(RPC_CODE.INVALID_PARAMS, 'invalid params', 'params must be an object') };
  return { ok: true, request: { id, method: message.method, params } };
}

/** Timing fields the venue adds to every answer: microseconds in, out and their difference. */
export interface RpcTiming {
  readonly usIn: number;
  readonly usOut: number;
}

function timing(t: RpcTiming): string {
  return `"usIn":${t.usIn},"usDiff":${Math.max(0, t.usOut - t.usIn)},"usOut":${t.usOut}`;
}

/** A result already serialised (numbers beyond a double's exact range, e.g. nanosecond times). */
export class RawJson {
  constructor(readonly text: string) {}
}

export function resultFrame(id: RpcId, result: unknown, t: RpcTiming): string {
  const body = result instanceof RawJson ? result.text : JSON.stringify(result ?? null);
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${body},${timing(t)}}`;
}

export function errorFrame(id: RpcId, error: RpcErrorObject, t: RpcTiming): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":${JSON.stringify(error)},${timing(t)}}`;
}

/**
 * The constant head of every notification of one channel: built once per channel, so a frame
 * costs one JSON.stringify of its data and a concatenation.
 */
export function notificationPrefix(channel: string): string {
  return `{"jsonrpc":"2.0","method":"subscription","params":{"channel":${JSON.stringify(channel)},"data":`;
}

export function notificationFrame(prefix: string, data: unknown): string {
  return `${prefix}${JSON.stringify(data)}}}`;
}
