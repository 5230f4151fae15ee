/**
 * One Paradex REST call: rate-limit budget -> bearer token -> HTTP -> error table or schema.
 * A private call that meets an expired token refreshes the session once and retries; everything
 * else is the caller's decision (order writes are never repeated here: their outcome may be unknown).
 */
import type { z } from 'zod';
import { AuthError } from '../../../core/errors.js';
import type { HttpClient, HttpMethod } from '../../../transport/http.js';
import type { QueryParams } from '../../../transport/query.js';
import type { RateLimiter } from '../../../transport/rate-limiter.js';
import type { ParadexSession } from '../session.js';
import type { RequestKind } from './budgets.js';
import { BUCKETS_BY_KIND } from './budgets.js';
import { decodeJson } from './decode.js';
import { isExpiredTokenError, mapParadexError } from './errors.js';

export interface CallSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: QueryParams;
  readonly body?: unknown;
  readonly kind: RequestKind;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export class ParadexRequester {
  #session: ParadexSession | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly limiter: RateLimiter,
  ) {}

  attachSession(session: ParadexSession): void {
    this.#session = session;
  }

  /** Calls and validates the 2xx body with `schema`. */
  async call<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.output<S>> {
    const text = await this.send(spec);
    return decodeJson(schema, text, { exchange: 'paradex', endpoint: `${spec.method} ${spec.path}` });
  }

  /** Calls an endpoint whose success body is empty or irrelevant (204, cancel-all). */
  async callNoContent(spec: CallSpec): Promise<void> {
    await this.send(spec);
  }

  private async send(spec: CallSpec): Promise<string> {
    const privateCall = spec.kind === 'private-read' || spec.kind === 'order-write';
    try {
      return await this.attempt(spec, privateCall);
    } catch (error) {
      if (privateCall && isExpiredTokenError(error) && this.#session) {
        this.#session.invalidate();
        return this.attempt(spec, privateCall);
      }
      throw error;
    }
  }

  private async attempt(spec: CallSpec, privateCall: boolean): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (privateCall) {
      if (!this.#session) throw new AuthError('this call needs credentials: connect() with a key first', { exchange: 'paradex' });
      headers.authorization = `Bearer ${await this.#session.token()}`;
    }
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    const keys = BUCKETS_BY_KIND[spec.kind];
    const response = await this.limiter.schedule(keys, 1, () =>
      this.http.request({
        method: spec.method,
        path: spec.path,
        ...(spec.query === undefined ? {} : { query: spec.query }),
        headers,
        ...(body === undefined ? {} : { body }),
        ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
      }),
    );
    if (response.status >= 200 && response.status < 300) return response.text;
    const error = mapParadexError({
      status: response.status,
      bodyText: response.text,
      headers: response.headers,
      operation: spec.kind === 'order-write' ? 'write' : spec.kind === 'auth' ? 'auth' : 'read',
    });
    if (response.status === 429) {
      const retryAfterMs = 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : 1000;
      for (const key of keys) if (key !== 'operator') this.limiter.penalize(key, retryAfterMs);
    }
    throw error;
  }
}
