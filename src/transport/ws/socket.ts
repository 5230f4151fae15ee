/**
 * ReconnectingSocket: one logical stream over a sequence of WebSocket connections. The API is
 * documented in ../ws.ts (the entry file); this file holds the state machine.
 *
 * Why it is shaped like this: a trading process cannot tell "quiet market" from "dead connection"
 * without its own heartbeat and a per-topic watchdog, and cannot trust a stream after a gap unless
 * every connection goes through the same steps (auth, replay, catch-up) before it is called ready.
 */
import WebSocket from 'ws';
import type { RawData } from 'ws';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { TimeoutError, TransportError } from '../../core/errors.js';
import type { Timers } from '../timers.js';
import { systemTimers, withTimeout } from '../timers.js';
import type { ResolvedBackoff } from './backoff.js';
import { reconnectDelayMs, resolveBackoff } from './backoff.js';
import type { SocketErrorPhase, SocketEvent, SocketListener, SocketState } from './events.js';
import { SocketEvents } from './events.js';
import { createConnection } from './connection.js';
import { startHeartbeat } from './heartbeat.js';
import type { Connection } from './connection.js';
import { TopicRegistry } from './topics.js';
import type { ReconnectingSocketOptions, RefusedTopic } from './types.js';
import { TopicWatchdog } from './watchdog.js';

export type { HeartbeatOptions, ReconnectingSocketHooks, ReconnectingSocketOptions, RefusedTopic, SocketSession, WatchdogOptions } from './types.js';

export class ReconnectingSocket {
  private readonly name: string;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly backoff: ResolvedBackoff;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly stableAfterMs: number;
  private readonly maxReconnectAttempts: number;
  private readonly subscribeTimeoutMs: number;
  private readonly events = new SocketEvents();
  private readonly topics = new TopicRegistry();
  private readonly watchdog: TopicWatchdog;

  private stateValue: SocketState = 'idle';
  private current: Connection | undefined;
  private connectionCount = 0;
  private failedAttempts = 0;
  private readyAt: number | undefined;
  private disconnectedAt: number | undefined;
  private everReady = false;
  private reconnectTimer: unknown;
  private readyWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private closePromise: Promise<void> | undefined;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.name = options.name ?? 'socket';
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.backoff = resolveBackoff(options.backoff);
    this.pingIntervalMs = options.heartbeat?.intervalMs ?? 15_000;
    this.pongTimeoutMs = options.heartbeat?.pongTimeoutMs ?? 5_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.stableAfterMs = options.stableAfterMs ?? 10_000;
    this.maxReconnectAttempts = options.maxReconnectAttempts ?? Number.POSITIVE_INFINITY;
    this.subscribeTimeoutMs = options.subscribeTimeoutMs ?? 30_000;
    this.watchdog = new TopicWatchdog({
      options: options.watchdog,
      timers: this.timers,
      clock: this.clock,
      topics: this.topics,
      events: this.events,
      isReady: () => this.stateValue === 'ready',
      recycle: (conn, reason) => this.dropConnection(conn, reason),
      resubscribe: (conn, topic) => this.resubscribe(conn, topic),
    });
  }

  get state(): SocketState {
    return this.stateValue;
  }

  /** Id of the live connection (0 before the first). */
  get connectionId(): number {
    return this.connectionCount;
  }

  /** The desired topics, confirmed or not. */
  desiredTopics(): string[] {
    return this.topics.topics();
  }

  /** True when `topic` is confirmed on the live connection. */
  isConfirmed(topic: string): boolean {
    const entry = this.topics.get(topic);
    return entry !== undefined && this.current !== undefined && entry.confirmedOn === this.current.id;
  }

  on(listener: SocketListener): () => void {
    return this.events.on(listener);
  }

  /** Starts connecting (idempotent) and resolves when the socket is ready. Rejects once closed. */
  connect(): Promise<void> {
    if (this.stateValue === 'closed') return Promise.reject(this.closedError());
    if (this.stateValue === 'ready') return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    if (this.stateValue === 'idle') void this.openConnection();
    return ready;
  }

  /**
   * Adds topics to the desired set (replayed on every connect) and sends them now when a
   * connection is past auth. Resolves when all are confirmed; rejects when the venue refuses one
   * (that one is dropped), on timeout (the topic stays desired) or when the socket closes.
   */
  subscribe(topics: readonly string[]): Promise<void> {
    if (this.stateValue === 'closed') return Promise.reject(this.closedError());
    const waits: Promise<void>[] = [];
    const toSend: string[] = [];
    const conn = this.current;
    for (const topic of new Set(topics)) {
      const { entry } = this.topics.ensure(topic);
      if (conn !== undefined && entry.confirmedOn === conn.id) continue;
      waits.push(this.topics.wait(entry));
      if (conn !== undefined && conn.subscribing && !conn.sent.has(topic)) toSend.push(topic);
    }
    if (conn !== undefined && toSend.length > 0) void this.subscribeOn(conn, toSend, 'subscribe');
    if (waits.length === 0) return Promise.resolve();
    const what = `${this.name}: subscribe ${topics.join(', ')}`;
    return withTimeout(this.timers, Promise.all(waits).then(() => undefined), this.subscribeTimeoutMs, () => new TimeoutError(`${what}: not confirmed within ${this.subscribeTimeoutMs} ms`));
  }

  /** Drops topics from the desired set and unsubscribes them on the live connection. */
  async unsubscribe(topics: readonly string[]): Promise<void> {
    const conn = this.current;
    const confirmed: string[] = [];
    for (const topic of new Set(topics)) {
      const entry = this.topics.remove(topic);
      if (entry === undefined || conn === undefined) continue;
      // A subscribe still in flight is undone when its confirmation arrives (see subscribeOn).
      if (entry.confirmedOn === conn.id) confirmed.push(topic);
      conn.sent.delete(topic);
    }
    const hook = this.options.hooks.unsubscribe;
    if (conn === undefined || confirmed.length === 0 || hook === undefined || !conn.active) return;
    await hook.call(this.options.hooks, confirmed, conn.session);
  }

  /** Sends on the live connection; TransportError when there is none. */
  send(data: string | Uint8Array): void {
    const conn = this.current;
    if (conn === undefined || !conn.open || !conn.active) {
      throw new TransportError(`${this.name}: not connected (state ${this.stateValue})`, { outcome: 'rejected' });
    }
    conn.ws.send(data);
  }

  /** Drops the live connection and reconnects (after the backoff delay). */
  recycle(reason: string): void {
    const conn = this.current;
    if (conn !== undefined) this.dropConnection(conn, reason);
  }

  /** Closes for good: timers stop, waiters reject, the connection closes with code 1000. */
  close(): Promise<void> {
    if (this.closePromise !== undefined) return this.closePromise;
    this.clearTimer('reconnect');
    this.watchdog.stop();
    const conn = this.current;
    const error = this.closedError();
    this.setState('closed', 'closed by the client');
    this.rejectReadyWaiters(error);
    this.topics.rejectWaiters(error);
    this.closePromise = conn === undefined ? Promise.resolve() : this.closeConnection(conn);
    return this.closePromise;
  }

  // --- connection lifecycle -------------------------------------------------------------------

  private async openConnection(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.stateValue === 'closed') return;
    this.setState('connecting');
    const id = ++this.connectionCount;
    let url: string;
    try {
      url = typeof this.options.url === 'string' ? this.options.url : await this.options.url();
    } catch (error) {
      this.report('connect', error);
      this.scheduleReconnect(`url: ${describe(error)}`);
      return;
    }
    // close() may have run while the URL was resolved (the narrowing above does not see that).
    if ((this.stateValue as SocketState) === 'closed') return;
    const ws = new WebSocket(url, { ...this.options.wsOptions, autoPong: true });
    const isReconnect = this.everReady || id > 1;
    const conn = createConnection(id, ws, isReconnect, this.name);
    this.current = conn;
    conn.connectTimer = this.timers.setTimeout(() => {
      this.report('connect', new TimeoutError(`${this.name}: not ready within ${this.connectTimeoutMs} ms`));
      this.dropConnection(conn, 'connect timeout');
    }, this.connectTimeoutMs);
    ws.on('open', () => this.onOpen(conn));
    ws.on('message', (data: RawData, isBinary: boolean) => this.onFrame(conn, data, isBinary));
    ws.on('pong', () => this.clearConnTimer(conn, 'pongTimer'));
    ws.on('error', (error: Error) => {
      if (conn.active) this.report('connect', new TransportError(`${this.name}: ${error.message}`, { cause: error }));
    });
    ws.on('close', (code: number, reason: Buffer) => {
      const text = reason.length > 0 ? `: ${reason.toString()}` : '';
      this.dropConnection(conn, `closed by peer (${code}${text})`);
    });
  }

  private onOpen(conn: Connection): void {
    if (!conn.active) return;
    conn.open = true;
    this.setState('open');
    startHeartbeat(conn, this.timers, this.pingIntervalMs, this.pongTimeoutMs, (reason) => this.dropConnection(conn, reason));
    void this.establish(conn);
  }

  /** auth -> replay -> reconnected -> beforeReady -> ready; any failure drops this connection. */
  private async establish(conn: Connection): Promise<void> {
    const hooks = this.options.hooks;
    let phase: SocketErrorPhase = 'authenticate';
    try {
      if (hooks.authenticate !== undefined) {
        this.setState('authenticating');
        await hooks.authenticate(conn.session);
        if (!conn.active) return;
      }
      phase = 'subscribe';
      conn.subscribing = true;
      const replay = this.topics.topics().filter((t) => !conn.sent.has(t));
      for (const topic of replay) {
        const entry = this.topics.get(topic);
        if (entry !== undefined) entry.resubscribedAt = undefined;
      }
      if (replay.length > 0) await this.subscribeOn(conn, replay, 'replay');
      if (!conn.active) return;
      this.clearConnTimer(conn, 'connectTimer');
      if (this.everReady) {
        const now = this.clock.now();
        this.events.emit({
          type: 'reconnected',
          connection: conn.id,
          downtimeMs: this.disconnectedAt === undefined ? 0 : now - this.disconnectedAt,
          timestamp: now,
        });
      }
      phase = 'before-ready';
      if (hooks.beforeReady !== undefined) await hooks.beforeReady(conn.session);
      if (!conn.active || this.stateValue === 'closed') return;
      this.everReady = true;
      this.readyAt = this.clock.now();
      this.setState('ready');
      this.watchdog.start(conn);
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const w of waiters) w.resolve();
    } catch (error) {
      if (!conn.active) return;
      this.report(phase, error);
      this.dropConnection(conn, `${phase} failed: ${describe(error)}`);
    }
  }

  /**
   * Sends one subscribe batch on `conn` and applies the answer. In 'replay' mode a throw propagates
   * (the connection is not established); otherwise it recycles the connection.
   */
  private async subscribeOn(conn: Connection, topics: readonly string[], mode: 'replay' | 'subscribe' | 'resubscribe'): Promise<void> {
    for (const t of topics) conn.sent.add(t);
    let refused: readonly RefusedTopic[] | void;
    try {
      refused = await this.options.hooks.subscribe(topics, conn.session);
    } catch (error) {
      if (mode === 'replay') throw error;
      if (conn.active) {
        this.report('subscribe', error);
        this.dropConnection(conn, `subscribe failed: ${describe(error)}`);
      }
      return;
    }
    if (!conn.active) return;
    if (mode === 'resubscribe' && refused !== undefined && refused.length > 0) {
      // The consumer still wants the topic: a refused watchdog resubscribe recycles, it never drops.
      this.report('subscribe', refused[0]?.error);
      this.dropConnection(conn, `resubscribe of ${topics.join(', ')} refused`);
      return;
    }
    const refusedTopics = new Set<string>();
    for (const r of refused ?? []) {
      refusedTopics.add(r.topic);
      conn.sent.delete(r.topic);
      this.topics.remove(r.topic, r.error);
      this.report('subscribe', r.error);
    }
    const now = this.clock.now();
    const undo: string[] = [];
    for (const topic of topics) {
      if (refusedTopics.has(topic)) continue;
      const entry = this.topics.get(topic);
      if (entry === undefined) {
        undo.push(topic); // unsubscribed while the request was in flight
        continue;
      }
      this.topics.confirm(entry, conn.id, now);
    }
    const unsubscribe = this.options.hooks.unsubscribe;
    if (undo.length > 0 && unsubscribe !== undefined) {
      unsubscribe.call(this.options.hooks, undo, conn.session).catch((error: unknown) => this.report('unsubscribe', error));
    }
  }

  private dropConnection(conn: Connection, reason: string): void {
    if (!conn.active) return;
    conn.active = false;
    conn.open = false;
    this.clearConnTimer(conn, 'connectTimer');
    this.clearConnTimer(conn, 'pingTimer');
    this.clearConnTimer(conn, 'pongTimer');
    this.watchdog.stop();
    conn.ws.removeAllListeners('message');
    conn.ws.on('error', () => undefined); // a late error on a dead socket must not crash the process
    conn.ws.terminate();
    this.disconnectedAt = this.clock.now();
    this.options.hooks.onDisconnect?.(conn.session, reason);
    if (this.stateValue === 'closed') return;
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    if (this.readyAt !== undefined && this.clock.now() - this.readyAt >= this.stableAfterMs) this.failedAttempts = 0;
    this.readyAt = undefined;
    if (this.failedAttempts >= this.maxReconnectAttempts) {
      const error = new TransportError(`${this.name}: gave up after ${this.failedAttempts} reconnect attempts (${reason})`);
      this.watchdog.stop();
      this.setState('closed', error.message);
      this.rejectReadyWaiters(error);
      this.topics.rejectWaiters(error);
      return;
    }
    const delayMs = reconnectDelayMs(this.failedAttempts, this.backoff);
    this.failedAttempts += 1;
    this.setState('reconnecting', reason, { attempt: this.failedAttempts, delayMs });
    this.reconnectTimer = this.timers.setTimeout(() => void this.openConnection(), delayMs);
  }

  private closeConnection(conn: Connection): Promise<void> {
    const wasOpen = conn.open;
    conn.active = false;
    conn.open = false;
    this.clearConnTimer(conn, 'connectTimer');
    this.clearConnTimer(conn, 'pingTimer');
    this.clearConnTimer(conn, 'pongTimer');
    this.options.hooks.onDisconnect?.(conn.session, 'closed by the client');
    conn.ws.on('error', () => undefined);
    if (conn.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // Real timers on purpose: a manual test clock must not keep close() waiting forever.
      const force = setTimeout(() => {
        conn.ws.terminate();
        resolve();
      }, 1_000);
      conn.ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (wasOpen) conn.ws.close(1000, 'client closing');
      else conn.ws.terminate();
    });
  }

  // --- frames, heartbeat, watchdog ------------------------------------------------------------

  private onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    if (!conn.active) return;
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    let topic: string | undefined;
    try {
      topic = this.options.hooks.onMessage(buffer, isBinary, conn.session);
    } catch (error) {
      this.report('message', error);
      return;
    }
    if (topic === undefined) return;
    const entry = this.topics.get(topic);
    if (entry === undefined) return;
    entry.lastSeenAt = this.clock.now();
    entry.resubscribedAt = undefined;
  }

  private async resubscribe(conn: Connection, topic: string): Promise<void> {
    const unsubscribe = this.options.hooks.unsubscribe;
    if (unsubscribe !== undefined) {
      try {
        await unsubscribe.call(this.options.hooks, [topic], conn.session);
      } catch (error) {
        // Venues refuse to unsubscribe a topic they think is gone; the subscribe below still matters.
        this.report('unsubscribe', error);
      }
    }
    if (!conn.active || !this.topics.has(topic)) return;
    conn.sent.delete(topic);
    await this.subscribeOn(conn, [topic], 'resubscribe');
  }

  // --- helpers ---------------------------------------------------------------------------------

  private setState(state: SocketState, reason?: string, extra: { attempt?: number; delayMs?: number } = {}): void {
    const previous = this.stateValue;
    if (previous === 'closed' && state !== 'closed') return;
    if (previous === state && state !== 'reconnecting') return;
    this.stateValue = state;
    const event: SocketEvent = {
      type: 'state',
      state,
      previous,
      timestamp: this.clock.now(),
      ...(reason === undefined ? {} : { reason }),
      ...(extra.attempt === undefined ? {} : { attempt: extra.attempt }),
      ...(extra.delayMs === undefined ? {} : { delayMs: extra.delayMs }),
    };
    this.events.emit(event);
  }

  private report(phase: SocketErrorPhase, error: unknown): void {
    this.events.emit({ type: 'error', phase, error, timestamp: this.clock.now() });
  }

  private rejectReadyWaiters(error: unknown): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  private closedError(): TransportError {
    return new TransportError(`${this.name}: socket closed`, { retryable: false, outcome: 'rejected' });
  }

  private clearConnTimer(conn: Connection, which: 'connectTimer' | 'pingTimer' | 'pongTimer'): void {
    if (conn[which] === undefined) return;
    this.timers.clearTimeout(conn[which]);
    conn[which] = undefined;
  }

  private clearTimer(which: 'reconnect'): void {
    if (which !== 'reconnect' || this.reconnectTimer === undefined) return;
    this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
