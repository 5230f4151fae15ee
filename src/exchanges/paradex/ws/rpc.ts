/**
 * JSON-RPC 2.0 over the Paradex socket: numbered requests, answers matched by id, a timeout per
 * request, errors mapped by errors.ts. Ids are never reused, so an answer that arrives on a later
 * connection (it cannot, but a test server could) never settles the wrong request.
 */
import { TransportError } from '../../../core/errors.js';
import type { Timers } from '../../../transport/timers.js';
import { PendingRequests } from '../../../transport/ws.js';
import type { SocketSession } from '../../../transport/ws.js';
import { rpcError } from './errors.js';
import type { RpcErrorBody, RpcOperation } from './errors.js';

/** A text frame that answers a request (it has an id and no `method`). */
export interface RpcAnswer {
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: RpcErrorBody;
}

export class ParadexRpc {
  private readonly pending: PendingRequests<unknown>;
  private readonly inFlight = new Map<number, { readonly method: string; readonly operation: RpcOperation }>();

  constructor(timers: Timers, private readonly timeoutMs = 10_000) {
    this.pending = new PendingRequests<unknown>(timers, timeoutMs);
  }

  /** Requests waiting for an answer. */
  get size(): number {
    return this.pending.size;
  }

  /** Sends one request on `session` and resolves with its `result`. */
  call(session: SocketSession, method: string, params: object, operation: RpcOperation, timeoutMs = this.timeoutMs): Promise<unknown> {
    const id = this.pending.nextId();
    const answer = this.pending.track(id, `Paradex WS ${method}`, timeoutMs);
    this.inFlight.set(id, { method, operation });
    try {
      session.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    } catch (error) {
      // Never sent: certainly not acted on.
      this.pending.reject(id, new TransportError(`Paradex WS ${method}: not sent (${error instanceof Error ? error.message : String(error)})`, { exchange: 'paradex', outcome: 'rejected', cause: error }));
    }
    return answer.finally(() => this.inFlight.delete(id));
  }

  /** Settles the request a response frame answers; false when it answers none of ours. */
  settle(frame: RpcAnswer): boolean {
    const id = typeof frame.id === 'number' ? frame.id : typeof frame.id === 'string' ? Number(frame.id) : Number.NaN;
    const request = this.inFlight.get(id);
    if (request === undefined) return false;
    if (frame.error !== undefined && frame.error !== null) {
      return this.pending.reject(id, rpcError(frame.error, request.method, request.operation));
    }
    return this.pending.resolve(id, frame.result);
  }

  /** The connection is gone: nothing in flight can be answered any more. */
  failAll(reason: string): void {
    this.pending.rejectAll(
      new TransportError(`Paradex WS connection lost before the answer (${reason})`, { exchange: 'paradex', outcome: 'unknown' }),
    );
  }
}
