/**
 * One Aster REST call: ban check -> rate-limit budget -> sign (inside the budget slot, so the nonce
 * or timestamp is fresh when the request actually leaves) -> HTTP -> counters -> error table or
 * schema.
 *
 * What is repeated here, and what never is:
 *  - -1021 (timestamp outside recvWindow) and -4225 (nonce expired) prove the venue refused the
 *    request because of our clock: the clock is re-synced and the call sent once more, freshly
 *    signed. Nothing else is repeated - an order whose outcome is unknown is resolved by the client
 *    (query by client id), never by resending.
 *  - 429 penalises the buckets until the venue's window ends; 418 (IP ban) makes every later call
 *    fail at once with a banned RateLimitError until the ban ends ("418 stops").
 */
import type { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import { AuthError, ExchangeError, RateLimitError } from '../../../core/errors.js';
import type { HttpClient, HttpMethod, HttpResponse } from '../../../transport/http.js';
import type { RateLimiter } from '../../../transport/rate-limiter.js';
import type { AsterSigner } from '../auth/types.js';
import type { Params } from '../auth/wire-text.js';
import { paramText } from '../auth/wire-text.js';
import { BUCKET, MBX_HEADER_BUCKETS } from './budgets.js';
import { decodeJson, decodeValue, parseJsonLossless } from './decode.js';
import type { AsterOperation } from './errors.js';
import { CLOCK_SKEW_CODES, asterErrorFromCode, isSuccessCode, mapAsterHttpError } from './errors.js';

/** Endpoint security types (aster.md §2.1, §3.1). */
export type Security = 'NONE' | 'MARKET_DATA' | 'USER_STREAM' | 'SIGNED';

export interface CallSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly params?: Params;
  readonly security: Security;
  /** Request weight (aster.md §4.1). */
  readonly weight: number;
  /** Orders this call places, counted against the ORDERS budgets. */
  readonly orders?: number;
  readonly operation: AsterOperation;
  readonly timeoutMs?: number;
}

export interface AsterRequesterOptions {
  readonly http: HttpClient;
  readonly limiter: RateLimiter;
  readonly signer: AsterSigner | undefined;
  /** Venue-corrected clock (ban ends and window boundaries are venue times). */
  readonly clock: Clock;
  /** Re-measures the venue clock offset (GET /time); called before resending a -1021/-4225. */
  readonly resyncClock?: () => Promise<void>;
  /** Longest wait for budget before failing with RateLimitError. Default 30 s. */
  readonly maxWaitMs?: number;
}

const FORM = 'application/x-www-form-urlencoded';

export class AsterRequester {
  readonly #options: AsterRequesterOptions;
  #bannedUntil = 0;

  constructor(options: AsterRequesterOptions) {
    this.#options = options;
  }

  get signer(): AsterSigner | undefined {
    return this.#options.signer;
  }

  /** Calls and validates the 2xx body; a 2xx body `{code, msg}` with a code other than 200 is an error. */
  async call<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.output<S>> {
    const response = await this.send(spec);
    const endpoint = `${spec.method} ${spec.path}`;
    const json = (() => {
      try {
        return parseJsonLossless(response.text);
      } catch {
        return undefined;
      }
    })();
    if (json === undefined) return decodeJson(schema, response.text, { endpoint }); // throws the DecodeError
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'code' in json) {
      const { code, msg } = json as { code: unknown; msg?: unknown };
      if ((typeof code === 'number' || typeof code === 'string') && !isSuccessCode(code)) {
        throw asterErrorFromCode({ code, msg: typeof msg === 'string' ? msg : undefined, operation: spec.operation, httpStatus: response.status, endpoint });
      }
    }
    return decodeValue(schema, json, { endpoint });
  }

  /** The raw 2xx response (non-2xx answers throw the mapped error). */
  async send(spec: CallSpec): Promise<HttpResponse> {
    try {
      return await this.#attempt(spec);
    } catch (error) {
      const resync = this.#options.resyncClock;
      if (resync === undefined || !(error instanceof ExchangeError) || !CLOCK_SKEW_CODES.has(String(error.venueCode))) throw error;
      await resync();
      return this.#attempt(spec);
    }
  }

  async #attempt(spec: CallSpec): Promise<HttpResponse> {
    const { http, limiter, clock } = this.#options;
    const endpoint = `${spec.method} ${spec.path}`;
    const now = clock.now();
    if (now < this.#bannedUntil) {
      const wait = Math.ceil(this.#bannedUntil - now);
      throw new RateLimitError(`Aster ${endpoint}: IP banned by the venue for another ${wait} ms; not sent`, wait, { exchange: 'aster', banned: true });
    }
    const orders = spec.orders ?? 0;
    const keys = orders > 0 ? [BUCKET.operator, BUCKET.weight, BUCKET.orders10s, BUCKET.orders1m] : [BUCKET.operator, BUCKET.weight];
    const cost = { [BUCKET.operator]: 1, [BUCKET.weight]: spec.weight, [BUCKET.orders10s]: orders, [BUCKET.orders1m]: orders };
    const response = await limiter.schedule(
      keys,
      cost,
      () => {
        const { text, headers } = this.#authorise(spec);
        const inBody = spec.method === 'POST' || spec.method === 'PUT';
        return http.request({
          method: spec.method,
          path: spec.path,
          ...(inBody ? { body: text } : text.length > 0 ? { query: text } : {}),
          headers: inBody ? { ...headers, 'content-type': FORM } : headers,
          ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
        });
      },
      { maxWaitMs: this.#options.maxWaitMs ?? 30_000 },
    );
    try {
      limiter.observeMbx(response.headers, MBX_HEADER_BUCKETS);
    } catch {
      // A counter for a bucket we do not keep is information, not a failure.
    }
    if (response.status >= 200 && response.status < 300) return response;
    const error = mapAsterHttpError({ status: response.status, bodyText: response.text, headers: response.headers, operation: spec.operation, endpoint, now: clock.now() });
    if (error instanceof RateLimitError && (response.status === 429 || response.status === 418 || response.status === 403)) {
      const buckets = response.status === 418 ? [BUCKET.operator, BUCKET.weight, BUCKET.orders10s, BUCKET.orders1m] : keys.filter((k) => k !== BUCKET.operator);
      for (const key of buckets) limiter.penalize(key, error.retryAfterMs);
      if (error.banned) this.#bannedUntil = Math.max(this.#bannedUntil, clock.now() + error.retryAfterMs);
    }
    throw error;
  }

  #authorise(spec: CallSpec): { text: string; headers: Readonly<Record<string, string>> } {
    const params = spec.params ?? [];
    const signer = this.#options.signer;
    switch (spec.security) {
      case 'NONE':
        return { text: paramText(params), headers: {} };
      case 'MARKET_DATA':
        return { text: paramText(params), headers: signer?.marketDataHeaders() ?? {} };
      case 'USER_STREAM':
      case 'SIGNED': {
        if (signer === undefined) {
          throw new AuthError(`Aster ${spec.method} ${spec.path} needs credentials (ASTER_USER/ASTER_SIGNER/ASTER_SIGNER_PRIVATE_KEY or ASTER_API_KEY/ASTER_API_SECRET)`, {
            exchange: 'aster',
            outcome: 'rejected',
          });
        }
        return spec.security === 'SIGNED' ? signer.sign(params) : signer.signUserStream(params);
      }
    }
  }
}
