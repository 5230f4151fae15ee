/**
 * Our own heartbeat on one connection: a protocol ping every `intervalMs`, and the connection is
 * dropped when no pong arrives within `pongTimeoutMs` (a half-open TCP connection otherwise looks
 * healthy for minutes). The pong handler in the socket clears `conn.pongTimer`.
 */
import type { Timers } from '../timers.js';
import type { Connection } from './connection.js';

export function startHeartbeat(conn: Connection, timers: Timers, intervalMs: number, pongTimeoutMs: number, drop: (reason: string) => void): void {
  if (intervalMs <= 0) return;
  conn.pingTimer = timers.setTimeout(() => {
    conn.pingTimer = undefined;
    if (!conn.active) return;
    if (conn.pongTimer === undefined) {
      conn.pongTimer = timers.setTimeout(() => {
        conn.pongTimer = undefined;
        drop(`no pong within ${pongTimeoutMs} ms`);
      }, pongTimeoutMs);
      try {
        conn.ws.ping();
      } catch (error) {
        drop(`ping failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    startHeartbeat(conn, timers, intervalMs, pongTimeoutMs, drop);
  }, intervalMs);
}
