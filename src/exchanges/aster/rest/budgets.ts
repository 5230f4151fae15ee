/**
 * Aster's request budgets as client-side token buckets (aster.md §6): request weight per IP per
 * minute, orders per account per 10 s and per minute, plus the operator's own per-second cap
 * (ASTER_RATE_LIMIT_PER_SEC). The documented values seed the buckets; exchangeInfo's `rateLimits`
 * re-size them on connect, and every response's X-MBX-USED-WEIGHT-* / X-MBX-ORDER-COUNT-* headers
 * sync them to the server's count.
 */
import type { BucketSpec } from '../../../transport/token-bucket.js';
import type { WireRateLimit } from './schemas/index.js';

export const BUCKET = {
  operator: 'operator',
  weight: 'weight-1m',
  orders10s: 'orders-10s',
  orders1m: 'orders-1m',
} as const;

export function asterBuckets(operatorPerSecond: number): Record<string, BucketSpec> {
  return {
    [BUCKET.operator]: { capacity: operatorPerSecond, refillPerSecond: operatorPerSecond },
    [BUCKET.weight]: { capacity: 2400, refillPerSecond: 2400 / 60 },
    [BUCKET.orders10s]: { capacity: 300, refillPerSecond: 300 / 10 },
    [BUCKET.orders1m]: { capacity: 1200, refillPerSecond: 1200 / 60 },
  };
}

const INTERVAL_MS: Readonly<Record<string, number>> = { SECOND: 1_000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** exchangeInfo `rateLimits` -> bucket key and size, for the limits we track. */
export function bucketsFromRateLimits(limits: readonly WireRateLimit[]): { key: string; spec: BucketSpec }[] {
  const out: { key: string; spec: BucketSpec }[] = [];
  for (const limit of limits) {
    const unit = INTERVAL_MS[limit.interval];
    if (unit === undefined) continue;
    const windowMs = unit * limit.intervalNum;
    const spec = { capacity: limit.limit, refillPerSecond: (limit.limit * 1000) / windowMs };
    if (limit.rateLimitType === 'REQUEST_WEIGHT' && windowMs === 60_000) out.push({ key: BUCKET.weight, spec });
    else if (limit.rateLimitType === 'ORDERS' && windowMs === 10_000) out.push({ key: BUCKET.orders10s, spec });
    else if (limit.rateLimitType === 'ORDERS' && windowMs === 60_000) out.push({ key: BUCKET.orders1m, spec });
  }
  return out;
}

/** Which bucket each counter header syncs (lower-case names, as HttpResponse gives them). */
export const MBX_HEADER_BUCKETS: Readonly<Record<string, string>> = {
  'x-mbx-used-weight-1m': BUCKET.weight,
  'x-mbx-order-count-10s': BUCKET.orders10s,
  'x-mbx-order-count-1m': BUCKET.orders1m,
};

/** Depth weight by limit (aster.md §4.1). */
export function depthWeight(limit: number): number {
  if (limit <= 50) return 2;
  if (limit <= 100) return 5;
  if (limit <= 500) return 10;
  return 20;
}

/** Kline weight by limit. */
export function klinesWeight(limit: number): number {
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}
