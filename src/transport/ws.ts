/**
 * WebSocket transport: a venue-neutral `ReconnectingSocket` (architecture §6). Venue layers
 * (Paradex JSON-RPC, Aster streams) plug in through hooks; this layer knows no frame format.
 *
 * ## State machine
 *   idle -> connecting -> open -> authenticating -> ready
 *                 ^                                  |  (drop, pong timeout, connect timeout,
 *                 +---------- reconnecting <---------+   failed auth/replay, stale-topic recycle)
 *   any -> closed (close(), or maxReconnectAttempts exhausted)
 * 'authenticating' is skipped when no `authenticate` hook is given. Every connection runs the same
 * steps: open -> hooks.authenticate -> replay the desired topics through hooks.subscribe ->
 * (reconnects only) a 'reconnected' event -> hooks.beforeReady -> 'ready'.
 *
 * ## Usage
 * ```ts
 * const socket = new ReconnectingSocket({
 *   url: 'wss://venue/ws',                 // or () => string | Promise<string>, resolved per connect
 *   name: 'venue',
 *   clock, timers,                          // injected: tests drive heartbeat/backoff/watchdog by hand
 *   backoff: { initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.5, random },
 *   heartbeat: { intervalMs: 15_000, pongTimeoutMs: 5_000 },     // our own ping; server pings are auto-ponged
 *   watchdog: { staleAfterMs: (topic) => 60_000 | undefined, checkEveryMs: 1_000 },
 *   connectTimeoutMs: 15_000, stableAfterMs: 10_000, subscribeTimeoutMs: 30_000,
 *   hooks: {
 *     authenticate: async (session) => { ... session.send(authFrame); await answer },
 *     subscribe: async (topics, session) => { ...; return refusedTopics },   // [{ topic, error }]
 *     unsubscribe: async (topics, session) => { ... },
 *     onMessage: (data, isBinary, session) => topicOrUndefined,            // every frame, in order
 *     beforeReady: async (session) => { re-arm settings; REST catch-up on session.isReconnect },
 *     onDisconnect: (session, reason) => { reject requests in flight },
 *   },
 * });
 * const off = socket.on((event) => ...);  // 'state' | 'reconnected' | 'stale' | 'error'
 * await socket.connect();                 // resolves at 'ready'
 * await socket.subscribe(['trades.BTC-USD-PERP']);   // desired set; replayed on every connect
 * await socket.unsubscribe(['trades.BTC-USD-PERP']);
 * socket.send(text);                      // TransportError when not connected
 * socket.recycle('reason');               // drop and reconnect
 * await socket.close();
 * ```
 *
 * ## Guarantees
 * - Backoff: delay = min(maxMs, initialMs * factor^n) * (1 - jitter + jitter * random()); n counts
 *   failures since the last connection that stayed ready for `stableAfterMs`.
 * - Heartbeat: a ping every `intervalMs`; no pong within `pongTimeoutMs` terminates the connection.
 * - Watchdog: a confirmed topic with no data for `staleAfterMs(topic)` is unsubscribed and
 *   subscribed again on the same connection ('stale' action 'resubscribe'); still quiet
 *   `staleAfterMs` later -> the socket is recycled ('stale' action 'recycle').
 * - Hook sessions are per connection: `session.send` throws once that connection is gone, so a
 *   late reply handler can never write into the next connection.
 * - `PendingRequests` correlates id-based answers (JSON-RPC and similar) with timeouts.
 */
export { ReconnectingSocket } from './ws/socket.js';
export type {
  HeartbeatOptions,
  ReconnectingSocketHooks,
  ReconnectingSocketOptions,
  RefusedTopic,
  SocketSession,
  WatchdogOptions,
} from './ws/types.js';
export type { SocketErrorPhase, SocketEvent, SocketListener, SocketState } from './ws/events.js';
export { reconnectDelayMs, resolveBackoff } from './ws/backoff.js';
export type { ReconnectBackoff, ResolvedBackoff } from './ws/backoff.js';
export { PendingRequests } from './ws/requests.js';
