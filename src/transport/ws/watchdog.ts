/**
 * The per-topic watchdog of a ReconnectingSocket: every `checkEveryMs` while the socket is ready,
 * a topic quiet for longer than its limit is resubscribed once; still quiet a limit after that
 * resubscribe, the whole socket is recycled (a healthy socket with a dead topic looks exactly like
 * a quiet market otherwise).
 */
import type { Clock } from '../../core/clock.js';
import type { Timers } from '../timers.js';
import type { Connection } from './connection.js';
import type { SocketEvents } from './events.js';
import type { TopicEntry, TopicRegistry } from './topics.js';
import { staleVerdict } from './topics.js';
import type { WatchdogOptions } from './types.js';

export interface TopicWatchdogDeps {
  readonly options: WatchdogOptions | undefined;
  readonly timers: Timers;
  readonly clock: Clock;
  readonly topics: TopicRegistry;
  readonly events: SocketEvents;
  readonly isReady: () => boolean;
  readonly recycle: (conn: Connection, reason: string) => void;
  readonly resubscribe: (conn: Connection, topic: string) => Promise<void>;
}

export class TopicWatchdog {
  #timer: unknown;

  constructor(private readonly deps: TopicWatchdogDeps) {}

  /** Starts (or restarts) checking the topics confirmed on `conn`. */
  start(conn: Connection): void {
    const watchdog = this.deps.options;
    if (watchdog === undefined) return;
    this.stop();
    this.#timer = this.deps.timers.setTimeout(() => {
      this.#timer = undefined;
      if (!conn.active || !this.deps.isReady()) return;
      if (this.#check(conn, watchdog)) this.start(conn);
    }, watchdog.checkEveryMs ?? 1_000);
  }

  stop(): void {
    if (this.#timer === undefined) return;
    this.deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** False when the connection was recycled. */
  #check(conn: Connection, watchdog: WatchdogOptions): boolean {
    const { clock, topics, events } = this.deps;
    const now = clock.now();
    const resubscribe: TopicEntry[] = [];
    for (const entry of topics.values()) {
      if (entry.confirmedOn !== conn.id) continue;
      const limit = watchdog.staleAfterMs(entry.topic);
      if (limit === undefined || !(limit > 0)) continue;
      const verdict = staleVerdict(entry, now, limit);
      if (verdict === 'recycle') {
        events.emit({ type: 'stale', topic: entry.topic, action: 'recycle', quietMs: now - entry.lastSeenAt, timestamp: now });
        this.deps.recycle(conn, `topic ${entry.topic} stayed quiet after a resubscribe`);
        return false;
      }
      if (verdict === 'resubscribe') resubscribe.push(entry);
    }
    for (const entry of resubscribe) {
      entry.resubscribedAt = now;
      events.emit({ type: 'stale', topic: entry.topic, action: 'resubscribe', quietMs: now - entry.lastSeenAt, timestamp: now });
      void this.deps.resubscribe(conn, entry.topic);
    }
    return true;
  }
}
