/**
 * The JWT session: one valid bearer token at a time, fetched with a signed POST /auth and
 * refreshed ahead of its 5-minute expiry on the venue's clock (an OffsetClock calibrated from
 * /system/time), so a drifting local clock neither sends expired tokens nor signs auth requests
 * the venue considers to be from the future. Concurrent callers share one refresh.
 */
import type { Clock } from '../../core/clock.js';
import { Secret } from '../../core/secret.js';

/** Seconds of validity we ask for on the auth signature itself (the JWT lives 5 minutes regardless). */
export const AUTH_SIGNATURE_TTL_SEC = 300;
/** Refresh this long before the token's `exp`. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;
/** Used when a token carries no readable `exp` (paradex-py assumes 4 minutes too). */
const FALLBACK_LIFETIME_MS = 240_000;

export interface AuthHeaders {
  readonly 'PARADEX-STARKNET-ACCOUNT': string;
  readonly 'PARADEX-STARKNET-SIGNATURE': string;
  readonly 'PARADEX-TIMESTAMP': string;
  readonly 'PARADEX-SIGNATURE-EXPIRATION': string;
}

export interface SessionOptions {
  readonly account: string;
  /** Signs the auth Request typed data; returns the '["r","s"]' text. */
  readonly signAuth: (timestampSec: number, expirationSec: number) => string;
  /** Performs POST /auth (or /auth/{public_key}) with these headers and returns the JWT. */
  readonly authenticate: (headers: AuthHeaders) => Promise<string>;
  /** Venue time. */
  readonly clock: Clock;
  readonly refreshMarginMs?: number;
}

/** `exp` (ms) from a JWT payload, without verifying it: the venue verifies, we only schedule. */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class ParadexSession {
  #token: Secret | undefined;
  #expiresAt = 0;
  #inflight: Promise<string> | undefined;
  #authCount = 0;
  readonly #options: SessionOptions;

  constructor(options: SessionOptions) {
    this.#options = options;
  }

  /** How many times POST /auth was called (for tests and metrics). */
  get authCount(): number {
    return this.#authCount;
  }

  /** Venue time (ms) at which the current token expires; 0 when there is none. */
  get expiresAt(): number {
    return this.#expiresAt;
  }

  /** A token valid for at least the refresh margin, fetching a new one when needed. */
  async token(): Promise<string> {
    const margin = this.#options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    if (this.#token !== undefined && this.#options.clock.now() < this.#expiresAt - margin) return this.#token.reveal();
    return this.refresh();
  }

  /** Forget the token (the venue said it expired); the next token() call authenticates again. */
  invalidate(): void {
    this.#token = undefined;
    this.#expiresAt = 0;
  }

  /** Authenticate now; concurrent callers wait for the same request. */
  refresh(): Promise<string> {
    if (this.#inflight) return this.#inflight;
    this.#inflight = this.#authenticate().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Headers for POST /auth, signed now on the venue clock. */
  authHeaders(): AuthHeaders {
    const timestamp = Math.floor(this.#options.clock.now() / 1000);
    const expiration = timestamp + AUTH_SIGNATURE_TTL_SEC;
    return {
      'PARADEX-STARKNET-ACCOUNT': this.#options.account,
      'PARADEX-STARKNET-SIGNATURE': this.#options.signAuth(timestamp, expiration),
      'PARADEX-TIMESTAMP': String(timestamp),
      'PARADEX-SIGNATURE-EXPIRATION': String(expiration),
    };
  }

  async #authenticate(): Promise<string> {
    const issuedAt = this.#options.clock.now();
    this.#authCount += 1;
    const token = await this.#options.authenticate(this.authHeaders());
    this.#token = new Secret(token);
    this.#expiresAt = jwtExpiryMs(token) ?? issuedAt + FALLBACK_LIFETIME_MS;
    return token;
  }

  toJSON(): string {
    return '[ParadexSession]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[ParadexSession]';
  }
}
