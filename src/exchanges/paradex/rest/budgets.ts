/**
 * Paradex's published request budgets (docs: rate-limits/api), as client-side token buckets, plus
 * the operator's own PARADEX_RATE_LIMIT_PER_SEC cap. Each request kind draws from every bucket
 * listed for it; a 429 from the venue penalises the buckets of that kind.
 */

export type RequestKind = 'public' | 'auth' | 'private-read' | 'order-write';

export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/**
 * Capacities are one second's worth (or the documented per-second figure) so a burst never
 * exceeds what the venue's own continuously refilled bucket would accept.
 */
export function paradexBuckets(operatorPerSecond: number): Record<string, BucketSpec> {
  return {
    operator: { capacity: operatorPerSecond, refillPerSecond: operatorPerSecond },
    'ip-public': { capacity: 25, refillPerSecond: 1500 / 60 },
    'ip-auth': { capacity: 10, refillPerSecond: 600 / 60 },
    'ip-private': { capacity: 25, refillPerSecond: 1500 / 60 },
    'account-orders-second': { capacity: 800, refillPerSecond: 800 },
    'account-orders-minute': { capacity: 17_250, refillPerSecond: 17_250 / 60 },
    'account-reads-second': { capacity: 120, refillPerSecond: 120 },
    'account-reads-minute': { capacity: 600, refillPerSecond: 600 / 60 },
  };
}

export const BUCKETS_BY_KIND: Record<RequestKind, readonly string[]> = {
  public: ['operator', 'ip-public'],
  auth: ['operator', 'ip-auth'],
  'private-read': ['operator', 'ip-private', 'account-reads-second', 'account-reads-minute'],
  'order-write': ['operator', 'ip-private', 'account-orders-second', 'account-orders-minute'],
};
