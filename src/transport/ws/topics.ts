/**
 * The desired subscriptions: what the consumer asked for, independent of any one connection. Each
 * topic remembers on which connection it was confirmed and when data last arrived for it (for the
 * watchdog), and holds the promises of callers waiting for its confirmation.
 */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface TopicEntry {
  readonly topic: string;
  /** Connection id on which the venue confirmed it; 0 when not (yet) confirmed on any. */
  confirmedOn: number;
  /** Last data for this topic, or the confirmation time (a fresh subscription gets a full quiet window). */
  lastSeenAt: number;
  /** Set while a watchdog resubscribe waits to be proven useful. */
  resubscribedAt: number | undefined;
  waiters: Waiter[];
}

export class TopicRegistry {
  private readonly entries = new Map<string, TopicEntry>();

  get size(): number {
    return this.entries.size;
  }

  topics(): string[] {
    return [...this.entries.keys()];
  }

  values(): IterableIterator<TopicEntry> {
    return this.entries.values();
  }

  get(topic: string): TopicEntry | undefined {
    return this.entries.get(topic);
  }

  has(topic: string): boolean {
    return this.entries.has(topic);
  }

  /** Adds the topic when absent; returns the entry and whether it is new. */
  ensure(topic: string): { entry: TopicEntry; added: boolean } {
    const existing = this.entries.get(topic);
    if (existing !== undefined) return { entry: existing, added: false };
    const entry: TopicEntry = { topic, confirmedOn: 0, lastSeenAt: 0, resubscribedAt: undefined, waiters: [] };
    this.entries.set(topic, entry);
    return { entry, added: true };
  }

  /** Resolves when the topic is confirmed; the caller decides about timeouts. */
  wait(entry: TopicEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      entry.waiters.push({ resolve, reject });
    });
  }

  confirm(entry: TopicEntry, connection: number, now: number): void {
    entry.confirmedOn = connection;
    if (entry.resubscribedAt === undefined) entry.lastSeenAt = now;
    const waiters = entry.waiters;
    entry.waiters = [];
    for (const w of waiters) w.resolve();
  }

  /** Drops the topic; its waiters resolve (nothing is wanted any more) or reject with `error`. */
  remove(topic: string, error?: unknown): TopicEntry | undefined {
    const entry = this.entries.get(topic);
    if (entry === undefined) return undefined;
    this.entries.delete(topic);
    const waiters = entry.waiters;
    entry.waiters = [];
    for (const w of waiters) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
    return entry;
  }

  /** Rejects every waiter (socket closed); topics stay desired. */
  rejectWaiters(error: unknown): void {
    for (const entry of this.entries.values()) {
      const waiters = entry.waiters;
      entry.waiters = [];
      for (const w of waiters) w.reject(error);
    }
  }
}

/** What the watchdog should do with one topic now. */
export type StaleVerdict = 'fresh' | 'resubscribe' | 'recycle';

/**
 * Pure decision for one confirmed topic: quiet for `staleAfterMs` -> resubscribe once; still quiet
 * `staleAfterMs` after that resubscribe -> recycle the socket.
 */
export function staleVerdict(entry: TopicEntry, now: number, staleAfterMs: number): StaleVerdict {
  if (entry.resubscribedAt !== undefined) {
    if (entry.lastSeenAt > entry.resubscribedAt) return 'fresh';
    return now - entry.resubscribedAt >= staleAfterMs ? 'recycle' : 'fresh';
  }
  return now - entry.lastSeenAt >= staleAfterMs ? 'resubscribe' : 'fresh';
}
