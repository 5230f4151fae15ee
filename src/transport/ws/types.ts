/**
 * The contract between ReconnectingSocket and the venue layer that plugs into it (hooks,
 * sessions, options). Documented for users in ../ws.ts.
 */
import type { ClientOptions } from 'ws';
import type { Clock } from '../../core/clock.js';
import type { Timers } from '../timers.js';
import type { ReconnectBackoff } from './backoff.js';

/** One connection as the hooks see it. `send` refuses once this connection is gone. */
export interface SocketSession {
  /** 1 for the first connection, +1 for each reconnect. */
  readonly id: number;
  readonly isReconnect: boolean;
  /** False once the connection closed or was replaced. */
  readonly active: boolean;
  send(data: string | Uint8Array): void;
}

/** A topic the venue refused (bad name, no permission): dropped from the desired set, its waiters rejected. */
export interface RefusedTopic {
  readonly topic: string;
  readonly error: unknown;
}

export interface ReconnectingSocketHooks {
  /**
   * Runs on every connection before subscriptions are replayed (state 'authenticating'); refresh
   * credentials here. A throw fails this connection and schedules a reconnect.
   */
  authenticate?(session: SocketSession): Promise<void>;
  /**
   * Sends subscribe requests and waits for the venue's answers. Return the refused topics; throw
   * only when the connection is unhealthy (no answer), which recycles it.
   */
  subscribe(topics: readonly string[], session: SocketSession): Promise<readonly RefusedTopic[] | void>;
  /** Optional: without it topics are only dropped locally (and by the next reconnect). */
  unsubscribe?(topics: readonly string[], session: SocketSession): Promise<void>;
  /**
   * Every frame, in order. Return the topic it carried data for (feeds the watchdog) or undefined
   * for control frames. A throw is reported as an 'error' event and the frame is skipped.
   */
  onMessage(data: Buffer, isBinary: boolean, session: SocketSession): string | undefined;
  /**
   * Last step before 'ready' on every connection, after subscriptions are confirmed and (on a
   * reconnect) after the 'reconnected' event: re-arm per-connection settings, catch up over REST.
   * A throw fails this connection and schedules a reconnect.
   */
  beforeReady?(session: SocketSession): Promise<void>;
  /** The connection is gone (for any reason); reject requests waiting on it. */
  onDisconnect?(session: SocketSession, reason: string): void;
}

export interface HeartbeatOptions {
  /** Our own ping interval; 0 disables it. Default 15 s. */
  readonly intervalMs?: number;
  /** No pong within this after a ping -> the peer is dead. Default 5 s. */
  readonly pongTimeoutMs?: number;
}

export interface WatchdogOptions {
  /** Quiet time after which a topic is resubscribed; undefined or <= 0 = never watch that topic. */
  readonly staleAfterMs: (topic: string) => number | undefined;
  /** How often topics are checked. Default 1 s. */
  readonly checkEveryMs?: number;
}

export interface ReconnectingSocketOptions {
  /** Resolved on every connect, so a URL may carry fresh parameters. */
  readonly url: string | (() => string | Promise<string>);
  readonly hooks: ReconnectingSocketHooks;
  /** Name in reasons and errors, e.g. "paradex". */
  readonly name?: string;
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly backoff?: ReconnectBackoff;
  readonly heartbeat?: HeartbeatOptions;
  readonly watchdog?: WatchdogOptions;
  /** From the start of a connection to confirmed subscriptions. Default 15 s. */
  readonly connectTimeoutMs?: number;
  /** A connection that stayed ready this long resets the backoff. Default 10 s. */
  readonly stableAfterMs?: number;
  /** Reconnects in a row without reaching 'ready' before giving up (state 'closed'). Default unlimited. */
  readonly maxReconnectAttempts?: number;
  /** How long subscribe() waits for a confirmation (the topic stays desired after a timeout). Default 30 s. */
  readonly subscribeTimeoutMs?: number;
  /** Passed to `ws` (headers, agent, perMessageDeflate...). */
  readonly wsOptions?: ClientOptions;
}
