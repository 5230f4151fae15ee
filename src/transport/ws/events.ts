/**
 * What a ReconnectingSocket reports. One listener type for every event keeps the emitter tiny and
 * lets a venue layer forward everything with a single switch.
 */
export type SocketState = 'idle' | 'connecting' | 'open' | 'authenticating' | 'ready' | 'reconnecting' | 'closed';

/** Where an error surfaced; none of them stops the socket (it reconnects), except after close(). */
export type SocketErrorPhase = 'connect' | 'authenticate' | 'subscribe' | 'unsubscribe' | 'message' | 'before-ready';

export type SocketEvent =
  | {
      readonly type: 'state';
      readonly state: SocketState;
      readonly previous: SocketState;
      readonly reason?: string;
      /** On 'reconnecting': the number of this reconnect attempt (1 = first) and the wait before it. */
      readonly attempt?: number;
      readonly delayMs?: number;
      readonly timestamp: number;
    }
  /** A connection after the first one reached auth + replayed subscriptions; emitted before 'ready'. */
  | { readonly type: 'reconnected'; readonly connection: number; readonly downtimeMs: number; readonly timestamp: number }
  /** The watchdog found a topic quiet on a healthy socket. */
  | {
      readonly type: 'stale';
      readonly topic: string;
      readonly action: 'resubscribe' | 'recycle';
      readonly quietMs: number;
      readonly timestamp: number;
    }
  | { readonly type: 'error'; readonly phase: SocketErrorPhase; readonly error: unknown; readonly timestamp: number };

export type SocketListener = (event: SocketEvent) => void;

/** Listeners are called synchronously in registration order; one that throws does not stop the others. */
export class SocketEvents {
  private listeners: SocketListener[] = [];

  on(listener: SocketListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  emit(event: SocketEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A consumer's bug must not break the connection's bookkeeping.
      }
    }
  }
}
