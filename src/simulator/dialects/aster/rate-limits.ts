/**
 * Aster's request limits (aster.md §6): REQUEST_WEIGHT per IP per minute, ORDERS per account per
 * minute and per 10 seconds, in fixed windows of engine time. Every answer reports the used weight
 * (X-MBX-USED-WEIGHT-1M) and order answers the order counts (X-MBX-ORDER-COUNT-1M / -10S).
 *
 * Over the weight limit the venue answers 429 (-1003) with Retry-After; an IP that keeps sending
 * through its 429s (more than `violationsBeforeBan` in one window) is banned with 418 for
 * `firstBanMs`, doubling with each further ban up to `maxBanMs` (venue: 2 minutes to 3 days).
 * A refused request adds no weight.
 */
import { AsterErrors } from './errors.js';
import type { AsterSettings } from './settings.js';

const MINUTE_MS = 60_000;
const TEN_SECONDS_MS = 10_000;

interface IpState {
  windowStart: number;
  used: number;
  violations: number;
  bannedUntil: number;
  bans: number;
}

interface OrderState {
  minuteStart: number;
  minute: number;
  tenStart: number;
  ten: number;
}

export interface OrderCounts {
  readonly minute: number;
  readonly tenSeconds: number;
}

const windowOf = (now: number, size: number): number => Math.floor(now / size) * size;
const secondsUntil = (end: number, now: number): number => Math.max(1, Math.ceil((end - now) / 1000));

export class RateLimits {
  readonly #ips = new Map<string, IpState>();
  readonly #orders = new Map<string, OrderState>();

  constructor(private readonly settings: () => AsterSettings) {}

  /** Charges `weight` to the IP or throws the 429/418 answer. */
  chargeWeight(ip: string, weight: number, now: number): void {
    const state = this.#ip(ip, now);
    if (state.bannedUntil > now) throw AsterErrors.banned(state.bannedUntil, secondsUntil(state.bannedUntil, now));
    const { weightPerMinute, violationsBeforeBan, firstBanMs, maxBanMs } = this.settings();
    if (state.used + weight <= weightPerMinute) {
      state.used += weight;
      return;
    }
    state.violations++;
    if (state.violations > violationsBeforeBan) {
      const length = Math.min(firstBanMs * 2 ** state.bans, maxBanMs);
      state.bans++;
      state.bannedUntil = now + length;
      state.violations = 0;
      throw AsterErrors.banned(state.bannedUntil, secondsUntil(state.bannedUntil, now));
    }
    throw AsterErrors.tooManyRequests(weightPerMinute, secondsUntil(state.windowStart + MINUTE_MS, now));
  }

  usedWeight(ip: string, now: number): number {
    return this.#ip(ip, now).used;
  }

  /** Counts `count` new orders for the account or throws 429 (-1015). */
  chargeOrders(account: string, count: number, now: number): OrderCounts {
    const state = this.#order(account, now);
    const { ordersPerMinute, ordersPer10s } = this.settings();
    if (state.ten + count > ordersPer10s) {
      throw AsterErrors.tooManyOrders(ordersPer10s, '10 SECOND', secondsUntil(state.tenStart + TEN_SECONDS_MS, now));
    }
    if (state.minute + count > ordersPerMinute) {
      throw AsterErrors.tooManyOrders(ordersPerMinute, '1 MINUTE', secondsUntil(state.minuteStart + MINUTE_MS, now));
    }
    state.ten += count;
    state.minute += count;
    return { minute: state.minute, tenSeconds: state.ten };
  }

  orderCounts(account: string, now: number): OrderCounts {
    const state = this.#order(account, now);
    return { minute: state.minute, tenSeconds: state.ten };
  }

  #ip(ip: string, now: number): IpState {
    const start = windowOf(now, MINUTE_MS);
    let state = this.#ips.get(ip);
    if (state === undefined) {
      state = { windowStart: start, used: 0, violations: 0, bannedUntil: 0, bans: 0 };
      this.#ips.set(ip, state);
    } else if (state.windowStart !== start) {
      state.windowStart = start;
      state.used = 0;
      state.violations = 0;
    }
    return state;
  }

  #order(account: string, now: number): OrderState {
    let state = this.#orders.get(account);
    if (state === undefined) {
      state = { minuteStart: windowOf(now, MINUTE_MS), minute: 0, tenStart: windowOf(now, TEN_SECONDS_MS), ten: 0 };
      this.#orders.set(account, state);
    }
    const minuteStart = windowOf(now, MINUTE_MS);
    if (state.minuteStart !== minuteStart) {
      state.minuteStart = minuteStart;
      state.minute = 0;
    }
    const tenStart = windowOf(now, TEN_SECONDS_MS);
    if (state.tenStart !== tenStart) {
      state.tenStart = tenStart;
      state.ten = 0;
    }
    return state;
  }
}
