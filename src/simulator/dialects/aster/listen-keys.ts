/**
 * listenKeys of the user data stream (aster.md §4.3 "listenKey", §7.4): one active key per account,
 * valid for `listenKeyValidityMs` of engine time. POST returns the active key (extending it) or a
 * new one; PUT extends; DELETE invalidates. An expired key is announced to its connections with
 * `listenKeyExpired`, after which nothing more is sent on it.
 */
import { randomBytes } from 'node:crypto';
import { AsterErrors } from './errors.js';

export interface ListenKeyRecord {
  readonly key: string;
  readonly account: string;
  expiresAt: number;
}

export class ListenKeys {
  readonly #byKey = new Map<string, ListenKeyRecord>();
  readonly #byAccount = new Map<string, ListenKeyRecord>();

  /** The account's active key, extended, or a new one. */
  create(account: string, now: number, validityMs: number): ListenKeyRecord {
    const current = this.#active(this.#byAccount.get(account), now);
    if (current !== undefined) {
      current.expiresAt = now + validityMs;
      return current;
    }
    const record: ListenKeyRecord = { key: randomBytes(32).toString('hex'), account, expiresAt: now + validityMs };
    this.#byKey.set(record.key, record);
    this.#byAccount.set(account, record);
    return record;
  }

  /** Extends the account's active key (or the named one, when given); -1125 when there is none. */
  keepalive(account: string, key: string | undefined, now: number, validityMs: number): ListenKeyRecord {
    const record = this.#owned(account, key, now);
    record.expiresAt = now + validityMs;
    return record;
  }

  /** Invalidates the account's key (or the named one); -1125 when there is none. */
  close(account: string, key: string | undefined, now: number): ListenKeyRecord {
    const record = this.#owned(account, key, now);
    this.#remove(record);
    return record;
  }

  /** The record of a key that is still valid. */
  active(key: string, now: number): ListenKeyRecord | undefined {
    return this.#active(this.#byKey.get(key), now);
  }

  /** The active key of an account. */
  keyOf(account: string, now: number): string | undefined {
    return this.#active(this.#byAccount.get(account), now)?.key;
  }

  /** Removes and returns the keys whose time is up. */
  takeExpired(now: number): ListenKeyRecord[] {
    const expired = [...this.#byKey.values()].filter((r) => r.expiresAt <= now);
    for (const record of expired) this.#remove(record);
    return expired;
  }

  /** Removes and returns every key (the expire-tokens fault). */
  takeAll(): ListenKeyRecord[] {
    const all = [...this.#byKey.values()];
    for (const record of all) this.#remove(record);
    return all;
  }

  #owned(account: string, key: string | undefined, now: number): ListenKeyRecord {
    const record = key === undefined ? this.#byAccount.get(account) : this.#byKey.get(key);
    const live = this.#active(record, now);
    if (live === undefined || live.account !== account) throw AsterErrors.invalidListenKey();
    return live;
  }

  #active(record: ListenKeyRecord | undefined, now: number): ListenKeyRecord | undefined {
    return record !== undefined && record.expiresAt > now ? record : undefined;
  }

  #remove(record: ListenKeyRecord): void {
    this.#byKey.delete(record.key);
    if (this.#byAccount.get(record.account) === record) this.#byAccount.delete(record.account);
  }
}
