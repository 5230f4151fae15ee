/**
 * Event log with per-stream sequence numbers and deferred delivery.
 *
 * Sequence numbers and the global id advance for every event whether or not anyone listens, so a
 * late subscriber sees the same numbering as an early one and snapshots line up with deltas.
 * Payloads are only built when there is a subscriber (formatting decimal strings is the costly
 * part). Events are queued during an engine operation and delivered when it completes, so a
 * handler never observes a half-applied operation; a handler that calls back into the engine
 * gets its events delivered after the current ones, in order.
 */
import type { EngineEvent, EventHandler } from './types.js';

/** One ordered stream ("book:BTC-USD-PERP", "account:0xabc", ...). */
export class Stream {
  seq = 0;
  constructor(readonly name: string) {}
}

type EventBody<T extends EngineEvent['type']> = Omit<Extract<EngineEvent, { type: T }>, 'id' | 'stream' | 'seq' | 'timestamp' | 'type'>;

export class EventBus {
  private handlers: EventHandler[] = [];
  private queue: EngineEvent[] = [];
  private delivering = false;
  private nextId = 1;

  constructor(private readonly onHandlerError: (error: unknown, event: EngineEvent) => void) {}

  get hasSubscribers(): boolean {
    return this.handlers.length > 0;
  }

  /** Id the next event will get (lets tests and dialects mark a position in the log). */
  get lastId(): number {
    return this.nextId - 1;
  }

  on(handler: EventHandler): () => void {
    this.handlers = [...this.handlers, handler];
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    };
  }

  /** Number the event; build and queue it only when somebody listens. */
  emit<T extends EngineEvent['type']>(stream: Stream, type: T, timestamp: number, body: () => EventBody<T>): void {
    const id = this.nextId++;
    const seq = ++stream.seq;
    if (this.handlers.length === 0) return;
    // Completing the fresh body object in place: a spread copy would cost an allocation per event.
    const event = body() as Record<string, unknown>;
    event.type = type;
    event.id = id;
    event.stream = stream.name;
    event.seq = seq;
    event.timestamp = timestamp;
    this.queue.push(event as unknown as EngineEvent);
  }

  /**
   * Number an event nobody will see (no subscriber): hot paths call this instead of emit() so
   * that they do not even allocate the body thunk. Numbering stays identical either way.
   */
  skip(stream: Stream): void {
    this.nextId++;
    stream.seq++;
  }

  /** Deliver everything queued; re-entrant calls return at once and the outer loop delivers. */
  flush(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const event = this.queue[i] as EngineEvent;
        for (const handler of this.handlers) {
          try {
            handler(event);
          } catch (error) {
            this.onHandlerError(error, event);
          }
        }
      }
    } finally {
      this.queue = [];
      this.delivering = false;
    }
  }
}
