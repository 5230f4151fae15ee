/**
 * Who may act for which account on the simulated Aster.
 *
 *  - V3: an EVM `signer` (API wallet / agent) approved for a main wallet `user`. The main wallet
 *    signing for itself (signer = user) needs no approval. Agents are approved through the
 *    control side (asterAdmin(engine).approveAgent, POST /_aster/agents): the venue's own
 *    approveAgent flow is out of scope (aster.md §3.6).
 *  - V1: API key + secret pairs bound to an account, created through the control side
 *    (asterAdmin(engine).createApiKey, POST /_aster/api-keys).
 *
 * Engine account ids are the lower-case user address (or the name given for a V1 key).
 */
import { randomBytes } from 'node:crypto';

export interface ApiKeyRecord {
  readonly apiKey: string;
  readonly secretKey: string;
  readonly account: string;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
/** Binance-style keys are 64 alphanumeric characters; the simulator accepts 16-128. */
const API_KEY_RE = /^[A-Za-z0-9]{16,128}$/;

export function isAddress(value: string): boolean {
  return ADDRESS_RE.test(value);
}

/** Engine account id of an Aster user: the address in lower case, any other name as given. */
export function accountId(user: string): string {
  return isAddress(user) ? user.toLowerCase() : user;
}

export function isWellFormedApiKey(apiKey: string): boolean {
  return API_KEY_RE.test(apiKey);
}

export class Credentials {
  /** signer (lower case) -> users (lower case) it may act for. */
  readonly #agents = new Map<string, Set<string>>();
  readonly #apiKeys = new Map<string, ApiKeyRecord>();

  approveAgent(user: string, signer: string): void {
    if (!isAddress(user)) throw new RangeError('user must be a 0x-prefixed 20-byte address');
    if (!isAddress(signer)) throw new RangeError('signer must be a 0x-prefixed 20-byte address');
    const key = signer.toLowerCase();
    const users = this.#agents.get(key) ?? new Set<string>();
    users.add(user.toLowerCase());
    this.#agents.set(key, users);
  }

  revokeAgent(user: string, signer: string): boolean {
    const users = this.#agents.get(signer.toLowerCase());
    const removed = users?.delete(user.toLowerCase()) ?? false;
    if (users !== undefined && users.size === 0) this.#agents.delete(signer.toLowerCase());
    return removed;
  }

  /** True when `signer` may sign for `user` (both any case). */
  mayActFor(signer: string, user: string): boolean {
    const s = signer.toLowerCase();
    const u = user.toLowerCase();
    return s === u || (this.#agents.get(s)?.has(u) ?? false);
  }

  /** The users an agent is approved for (used when a request omits `user`). */
  usersOf(signer: string): readonly string[] {
    return [...(this.#agents.get(signer.toLowerCase()) ?? [])];
  }

  /** A fresh random key pair for `account` (default: a fresh random address). */
  createApiKey(account?: string): ApiKeyRecord {
    const owner = account === undefined ? `0x${randomBytes(20).toString('hex')}` : account;
    return this.registerApiKey(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'), owner);
  }

  /** Registers a known pair (e.g. the docs' example key) for `account`. */
  registerApiKey(apiKey: string, secretKey: string, account: string): ApiKeyRecord {
    if (!isWellFormedApiKey(apiKey)) throw new RangeError('apiKey must be 16-128 letters or digits');
    if (secretKey === '') throw new RangeError('secretKey must not be empty');
    if (account === '') throw new RangeError('account must not be empty');
    const record: ApiKeyRecord = { apiKey, secretKey, account: accountId(account) };
    this.#apiKeys.set(apiKey, record);
    return record;
  }

  revokeApiKey(apiKey: string): boolean {
    return this.#apiKeys.delete(apiKey);
  }

  apiKey(apiKey: string): ApiKeyRecord | undefined {
    return this.#apiKeys.get(apiKey);
  }
}
