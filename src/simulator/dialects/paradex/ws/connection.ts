/**
 * One client WebSocket: its negotiated encoding, its authenticated account, cancel-on-disconnect,
 * the venue's protocol heartbeat and back-pressure.
 *
 * Heartbeat (docs "Maintaining a Connection"): the server sends a ping frame every 55 s and
 * terminates the connection when no pong arrives within 5 s. Both periods are options so tests
 * can run them in milliseconds.
 * Back-pressure: a subscriber that stops reading would make the server buffer without bound; past
 * `maxBufferedBytes` the connection is terminated (the venue's behaviour is undocumented; a
 * client sees a dropped connection, which it must handle anyway).
 */
import type { WebSocket } from 'ws';
import type { SbeVersion } from '../../paradex-sbe/index.js';
import type { FrameSink } from './fanout.js';
import type { OrderSession } from './order-methods.js';

export interface HeartbeatOptions {
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
}

export class ParadexConnection implements FrameSink, OrderSession {
  account: string | undefined = undefined;
  cancelOnDisconnect = false;
  #pingTimer: NodeJS.Timeout | undefined;
  #pongTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    readonly sbeVersion: SbeVersion | undefined,
    readonly remoteAddress: string,
    readonly maxBufferedBytes: number,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Writes one frame; a connection that cannot keep up is dropped. */
  write(data: Buffer | Uint8Array, binary: boolean): void {
    if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.terminate();
      return;
    }
    this.socket.send(data, { binary });
  }

  sendText(text: string): void {
    this.write(Buffer.from(text), false);
  }

  startHeartbeat(options: HeartbeatOptions): void {
    if (!(options.pingIntervalMs > 0)) return;
    this.socket.on('pong', () => this.#clearPongTimer());
    this.#pingTimer = setInterval(() => this.#ping(options.pongTimeoutMs), options.pingIntervalMs);
    this.#pingTimer.unref();
  }

  /** Drops the connection without a close handshake (a network drop, as the client sees it). */
  terminate(): void {
    this.socket.terminate();
  }

  /** Called once the socket has closed: stops the timers. */
  markClosed(): void {
    this.#closed = true;
    if (this.#pingTimer !== undefined) clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
    this.#clearPongTimer();
  }

  #ping(pongTimeoutMs: number): void {
    if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
    // A ping still unanswered keeps its own deadline.
    if (this.#pongTimer === undefined) {
      this.#pongTimer = setTimeout(() => this.terminate(), pongTimeoutMs);
      this.#pongTimer.unref();
    }
    this.socket.ping();
  }

  #clearPongTimer(): void {
    if (this.#pongTimer !== undefined) clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
  }
}
