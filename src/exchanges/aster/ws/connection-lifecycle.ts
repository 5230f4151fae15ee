/**
 * What both Aster streams (market and user) do with their ReconnectingSocket's events: report them
 * as `connection` ExchangeEvents labelled with the stream, and recycle the connection before the
 * venue's 24 h connection limit ends it at a moment we did not choose.
 */
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import type { Timers } from '../../../transport/timers.js';
import type { ReconnectingSocket, SocketEvent } from '../../../transport/ws.js';

export interface ConnectionLifecycleDeps {
  readonly socket: Pick<ReconnectingSocket, 'connectionId' | 'recycle'>;
  readonly timers: Timers;
  readonly emit: (event: ExchangeEvent) => void;
  /** Prefixes every reason, e.g. 'market' or 'user'. */
  readonly label: string;
  readonly maxAgeMs: number;
}

export class ConnectionLifecycle {
  readonly #deps: ConnectionLifecycleDeps;
  #ageTimer: unknown;
  #disposed = false;

  constructor(deps: ConnectionLifecycleDeps) {
    this.#deps = deps;
  }

  handle(event: SocketEvent): void {
    const { emit, label } = this.#deps;
    if (event.type === 'state') {
      if (event.state === 'ready') this.#armAgeTimer();
      emit({
        type: 'connection',
        exchange: 'aster',
        state: event.state,
        reason: `${label}${event.reason === undefined ? '' : `: ${event.reason}`}`,
        timestamp: event.timestamp,
      });
    } else if (event.type === 'reconnected') {
      emit({ type: 'connection', exchange: 'aster', state: 'reconnected', reason: label, timestamp: event.timestamp });
    }
  }

  /** Stops the age timer for good; events are still reported (the socket's close emits some). */
  dispose(): void {
    this.#disposed = true;
    if (this.#ageTimer !== undefined) this.#deps.timers.clearTimeout(this.#ageTimer);
    this.#ageTimer = undefined;
  }

  /** The venue ends connections at 24 h: recycle ours before, at a moment we choose. */
  #armAgeTimer(): void {
    const { socket, timers, maxAgeMs } = this.#deps;
    if (this.#ageTimer !== undefined) timers.clearTimeout(this.#ageTimer);
    const connection = socket.connectionId;
    this.#ageTimer = timers.setTimeout(() => {
      this.#ageTimer = undefined;
      // A connection that already ended (or a stream that closed) needs no recycling.
      if (!this.#disposed && socket.connectionId === connection) socket.recycle(`connection age limit ${maxAgeMs} ms`);
    }, maxAgeMs);
  }
}
