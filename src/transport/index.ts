/** Transport layer: HTTP, rate limits, retries. Venue-agnostic (no imports from exchanges/simulator). */
export { createHttpClient } from './http.js';
export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './http.js';
export { appendQuery, encodeQuery } from './query.js';
export type { QueryParams } from './query.js';
export { TokenBucket, perMinute, perSecond } from './token-bucket.js';
export type { BucketSpec, RateBucket } from './token-bucket.js';
export { InMemoryBucketStore } from './bucket-store.js';
export type { BucketStore } from './bucket-store.js';
export { RateLimiter } from './rate-limiter.js';
export type { Cost, RateLimiterOptions, ScheduleOptions } from './rate-limiter.js';
export { parseMbxHeaders, parseRetryAfterMs, parseXRateLimitHeaders } from './rate-limit-headers.js';
export type { HeaderBag, MbxCounter, XRateLimitState } from './rate-limit-headers.js';
export { backoffDelay, retryDelayMs, shouldRetry, withRetry } from './retry.js';
export type { BackoffOptions, RetryContext, RetryInfo, RetryOptions } from './retry.js';
export { monotonicClock, systemTimers } from './timers.js';
export type { Timers } from './timers.js';
