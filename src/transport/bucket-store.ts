/**
 * Where the rate limiter's buckets live. The limiter only talks to this interface, so budgets can
 * later be shared by several processes (several bots on one account, or on one IP) without
 * touching the limiter.
 *
 * How a shared (Redis) store plugs in, keeping the synchronous fast path:
 *   - The authoritative bucket lives in Redis (one hash per key: tokens, refilledAt, blockedUntil),
 *     updated by a Lua script that refills and takes atomically (EVALSHA, server time via TIME).
 *   - Each process holds a `RateBucket` that is a local *lease*: the script grants it a slice of
 *     tokens (say 10% of capacity) in one round trip, `tryTake` spends the slice synchronously, and a
 *     background refresh asks for the next slice when the slice runs low. `penalize` and
 *     `syncRemaining` are applied locally at once and pushed to Redis so every process sees them.
 *   - A `RedisBucketStore implements BucketStore` returns those leased buckets from `define`/`get`.
 * The price is a little unused budget per process (the unspent slices), in exchange for no network
 * round trip on the order path. bottleneck's Redis datastore works per job (one round trip each),
 * which is why it is not used directly on the latency path.
 */
import type { Clock } from '../core/clock.js';
import { TokenBucket } from './token-bucket.js';
import type { BucketSpec, RateBucket } from './token-bucket.js';

export interface BucketStore {
  /**
   * Creates the bucket `key`, or re-sizes it (e.g. when exchangeInfo publishes new limits) keeping
   * the tokens already spent and any penalty in force.
   */
  define(key: string, spec: BucketSpec): RateBucket;
  get(key: string): RateBucket | undefined;
  keys(): IterableIterator<string>;
}

export class InMemoryBucketStore implements BucketStore {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: Clock) {}

  define(key: string, spec: BucketSpec): RateBucket {
    const previous = this.buckets.get(key);
    const bucket = new TokenBucket(spec, this.clock, key);
    if (previous !== undefined) {
      bucket.syncRemaining(previous.available());
      const blockedMs = previous.blockedForMs();
      if (blockedMs > 0) bucket.penalize(blockedMs);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }

  get(key: string): RateBucket | undefined {
    return this.buckets.get(key);
  }

  keys(): IterableIterator<string> {
    return this.buckets.keys();
  }
}
