/**
 * Client order ids. They must be unique per account across restarts (the executor resolves an
 * unknown outcome by looking an order up by client id), short enough for every venue
 * (Aster: 1-36 chars of [.A-Z:/a-z0-9_-]; Paradex: up to 64), and recognisable as ours by prefix
 * so that reconciliation can adopt or cancel orders left by an earlier run.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export const CLIENT_ID_PATTERN = /^[.A-Za-z0-9:/_-]{1,36}$/;

export interface ClientIdGenerator {
  readonly prefix: string;
  next(): string;
  /** True when the id was made by a generator with this prefix. */
  owns(clientOrderId: string): boolean;
}

/**
 * `<prefix>-<time base36>-<counter base36>-<random>`: ordered by time within a process, unique
 * across processes through 6 random base36 characters drawn per generator.
 */
export function createClientIdGenerator(prefix = 'fs', clock: Clock = systemClock): ClientIdGenerator {
  if (!/^[A-Za-z0-9]{1,8}$/.test(prefix)) {
    throw new RangeError(`client id prefix must be 1-8 letters or digits (got "${prefix}")`);
  }
  const instance = BigInt(`0x${randomBytes(4).toString('hex')}`).toString(36).padStart(6, '0').slice(-6);
  let counter = 0;
  return {
    prefix,
    next(): string {
      counter = (counter + 1) % 1_679_616; // 36^4
      const id = `${prefix}-${clock.now().toString(36)}-${counter.toString(36).padStart(4, '0')}${instance}`;
      return id;
    },
    owns(clientOrderId: string): boolean {
      return clientOrderId.startsWith(`${prefix}-`);
    },
  };
}
