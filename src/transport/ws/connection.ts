/**
 * One WebSocket connection of a ReconnectingSocket: the raw socket, the session handed to hooks
 * (its `send` refuses once the connection is gone, so a late handler never writes into the next
 * connection) and the per-connection timers.
 */
import type WebSocket from 'ws';
import { TransportError } from '../../core/errors.js';
import type { SocketSession } from './types.js';

export interface Connection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly session: SocketSession;
  active: boolean;
  open: boolean;
  /** Subscriptions may be sent from now on (auth done, replay started). */
  subscribing: boolean;
  /** Topics a subscribe was sent for on this connection. */
  readonly sent: Set<string>;
  connectTimer: unknown;
  pingTimer: unknown;
  pongTimer: unknown;
}

/** A fresh connection record around `ws`. */
export function createConnection(id: number, ws: WebSocket, isReconnect: boolean, name: string): Connection {
  const conn: Connection = {
    id,
    ws,
    session: undefined as unknown as SocketSession,
    active: true,
    open: false,
    subscribing: false,
    sent: new Set(),
    connectTimer: undefined,
    pingTimer: undefined,
    pongTimer: undefined,
  };
  (conn as { session: SocketSession }).session = {
    id,
    isReconnect,
    get active() {
      return conn.active;
    },
    send: (data) => {
      if (!conn.active || !conn.open) throw new TransportError(`${name}: connection ${id} is closed`, { outcome: 'rejected' });
      ws.send(data);
    },
  };
  return conn;
}
