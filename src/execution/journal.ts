/**
 * The execution journal: a durable record of every intent (place, cancel, amend, cancel-all) written
 * BEFORE the request leaves the process, and of every acknowledgement (each state the order
 * reaches), in SQLite (better-sqlite3, WAL).
 *
 * Durability: `synchronous=FULL` by default. In WAL mode FULL fsyncs the log on every commit, so an
 * intent that was journaled survives a power loss or OS crash, not only a process crash. The cost
 * (one fsync per intent, typically 0.1-2 ms on an SSD) is paid on the order path; it buys the
 * guarantee that after any crash the executor knows every client order id it may have sent and
 * resolves each one against the venue instead of guessing. NORMAL (fsync only at checkpoints)
 * still survives a process crash and may be chosen where the disk is slow; the prefix scan of the
 * reconciliation then covers orders whose intent was lost, but not market orders that filled
 * before the crash (those only show up in the position).
 *
 * Tables: `orders` (latest TrackedOrder per client id, JSON), `entries` (append-only intents and
 * acknowledgements), `state` (small key/value records: last fill seen, daily-loss day, trailing
 * stops). Schema version in PRAGMA user_version.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TrackedOrder } from './types.js';

export type JournalSynchronous = 'FULL' | 'NORMAL';

export interface ExecutionJournalOptions {
  /** File path, or ":memory:" for tests. */
  readonly path: string;
  /** Default FULL (see the header). */
  readonly synchronous?: JournalSynchronous;
}

export type JournalEntryKind = 'intent_place' | 'intent_cancel' | 'intent_amend' | 'intent_cancel_all' | 'ack';

export interface JournalEntry {
  readonly seq: number;
  readonly clientOrderId: string;
  readonly kind: JournalEntryKind;
  readonly detail: unknown;
  readonly at: number;
}

const SCHEMA_VERSION = 1;
const TERMINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);

interface OrderRow {
  record: string;
}

interface EntryRow {
  seq: number;
  client_order_id: string;
  kind: JournalEntryKind;
  detail: string;
  at: number;
}

export class ExecutionJournal {
  readonly path: string;
  readonly synchronous: JournalSynchronous;
  readonly #db: Database.Database;
  readonly #upsertOrder: Database.Statement<[string, string, string, number, number]>;
  readonly #appendEntry: Database.Statement<[string, string, string, number]>;
  readonly #selectLive: Database.Statement<[], OrderRow>;
  readonly #selectOrder: Database.Statement<[string], OrderRow>;
  readonly #getState: Database.Statement<[string], { value: string }>;
  readonly #setState: Database.Statement<[string, string]>;
  readonly #writeIntent: (kind: JournalEntryKind, order: TrackedOrder, detail: string, at: number) => void;
  readonly #writeAck: (order: TrackedOrder, at: number) => void;

  private constructor(options: ExecutionJournalOptions) {
    this.path = options.path;
    this.synchronous = options.synchronous ?? 'FULL';
    if (options.path !== ':memory:' && options.path !== '') mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${this.synchronous}`);
    this.#migrate();
    this.#upsertOrder = this.#db.prepare(
      `INSERT INTO orders (client_order_id, record, status, terminal, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(client_order_id) DO UPDATE SET record = excluded.record, status = excluded.status,
         terminal = excluded.terminal, updated_at = excluded.updated_at`,
    );
    this.#appendEntry = this.#db.prepare('INSERT INTO entries (client_order_id, kind, detail, at) VALUES (?, ?, ?, ?)');
    this.#selectLive = this.#db.prepare('SELECT record FROM orders WHERE terminal = 0 ORDER BY rowid');
    this.#selectOrder = this.#db.prepare('SELECT record FROM orders WHERE client_order_id = ?');
    this.#getState = this.#db.prepare('SELECT value FROM state WHERE key = ?');
    this.#setState = this.#db.prepare(
      'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.#writeIntent = this.#db.transaction((kind: JournalEntryKind, order: TrackedOrder, detail: string, at: number) => {
      this.#upsert(order, at);
      this.#appendEntry.run(order.clientOrderId, kind, detail, at);
    });
    this.#writeAck = this.#db.transaction((order: TrackedOrder, at: number) => {
      this.#upsert(order, at);
      this.#appendEntry.run(order.clientOrderId, 'ack', JSON.stringify({ status: order.status, venueOrderId: order.venueOrderId, filledSize: order.filledSize }), at);
    });
  }

  static open(options: ExecutionJournalOptions): ExecutionJournal {
    return new ExecutionJournal(options);
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Durably record that we are about to send `kind` for this order (before it leaves). */
  recordIntent(kind: Exclude<JournalEntryKind, 'ack' | 'intent_cancel_all'>, order: TrackedOrder, detail: unknown, at: number): void {
    this.#writeIntent(kind, order, JSON.stringify(detail ?? null), at);
  }

  /** A cancel-all has no single order: it is logged against the market ("*" for all markets). */
  recordCancelAll(market: string | undefined, at: number): void {
    this.#appendEntry.run(`*${market ?? ''}`, 'intent_cancel_all', JSON.stringify({ market: market ?? null }), at);
  }

  /** The order reached a new state (an acknowledgement from any source). */
  recordOrder(order: TrackedOrder, at: number): void {
    this.#writeAck(order, at);
  }

  /** Orders that were not terminal when last journaled, oldest first. */
  liveOrders(): TrackedOrder[] {
    return this.#selectLive.all().map((row) => JSON.parse(row.record) as TrackedOrder);
  }

  order(clientOrderId: string): TrackedOrder | undefined {
    const row = this.#selectOrder.get(clientOrderId);
    return row === undefined ? undefined : (JSON.parse(row.record) as TrackedOrder);
  }

  /** Intents and acknowledgements, oldest first (one order's, or all). */
  entries(clientOrderId?: string): JournalEntry[] {
    const rows =
      clientOrderId === undefined
        ? this.#db.prepare<[], EntryRow>('SELECT * FROM entries ORDER BY seq').all()
        : this.#db.prepare<[string], EntryRow>('SELECT * FROM entries WHERE client_order_id = ? ORDER BY seq').all(clientOrderId);
    return rows.map((r) => ({ seq: r.seq, clientOrderId: r.client_order_id, kind: r.kind, detail: JSON.parse(r.detail) as unknown, at: r.at }));
  }

  getState<T>(key: string): T | undefined {
    const row = this.#getState.get(key);
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  setState(key: string, value: unknown): void {
    this.#setState.run(key, JSON.stringify(value));
  }

  /** Forget terminal orders (and their entries) last updated before `before`; returns how many. */
  pruneTerminal(before: number): number {
    const prune = this.#db.transaction((cutoff: number) => {
      this.#db.prepare('DELETE FROM entries WHERE client_order_id IN (SELECT client_order_id FROM orders WHERE terminal = 1 AND updated_at < ?)').run(cutoff);
      return this.#db.prepare('DELETE FROM orders WHERE terminal = 1 AND updated_at < ?').run(cutoff).changes;
    });
    return prune(before);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #upsert(order: TrackedOrder, at: number): void {
    this.#upsertOrder.run(order.clientOrderId, JSON.stringify(order), order.status, TERMINAL.has(order.status) ? 1 : 0, at);
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`execution journal ${this.path} has schema version ${version}; this build reads up to ${SCHEMA_VERSION}`);
    }
    if (version === SCHEMA_VERSION) return;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS orders (
        client_order_id TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        status TEXT NOT NULL,
        terminal INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_terminal ON orders (terminal, updated_at);
      CREATE TABLE IF NOT EXISTS entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        client_order_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS entries_order ON entries (client_order_id, seq);
      CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }
}
