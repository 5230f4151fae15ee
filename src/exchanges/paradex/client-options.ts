/** Everything a ParadexClient can be configured with (REST, signing, stream and order entry). */
import type { Clock } from '../../core/clock.js';
import type { Timers } from '../../transport/timers.js';
import type { ParadexCredentialsInput } from './account.js';
import type { ParadexStreamTuning, PublicEncoding } from './ws/index.js';

export interface ParadexClientOptions {
  /** REST base URL including /v1. */
  readonly apiBaseUrl: string;
  readonly credentials: ParadexCredentialsInput;
  /** Use the public development key when no credentials are given (local simulator only). */
  readonly allowDevKey?: boolean;
  readonly precision?: 'round' | 'reject';
  readonly rateLimitPerSec?: number;
  /** Local clock; venue time is derived from it with the /system/time offset. */
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly clientIdPrefix?: string;
  /** How long a cached mark price may serve the min-notional check of a market order. */
  readonly referencePriceTtlMs?: number;
  /** WebSocket URL including /v1; default derived from apiBaseUrl (api.* -> ws.api.*, http -> ws). */
  readonly wsUrl?: string;
  /**
   * Public channel payloads: 'sbe' (binary, required by the live venue since 21 Sep 2026) or
   * 'json'. Default 'sbe' for *.paradex.trade hosts, 'json' elsewhere (the simulator).
   */
  readonly publicEncoding?: PublicEncoding;
  /** 'ws': placeOrder/cancelOrder/cancelAllOrders go over the socket when it is ready (REST otherwise). Default 'rest'. */
  readonly orderEntry?: 'rest' | 'ws';
  /** Book feed, watchdog, heartbeat, backoff and timeouts of the stream. */
  readonly stream?: ParadexStreamTuning;
  /** Stream problems that do not stop it (a payload that fails to decode, a refused topic, a failed catch-up). */
  readonly onStreamError?: (error: unknown) => void;
  /** Timers of the stream (heartbeat, backoff, watchdog, request timeouts); tests inject manual ones. */
  readonly timers?: Timers;
}
