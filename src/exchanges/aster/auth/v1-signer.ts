/**
 * Aster V1 ("Legacy") request signer: HMAC-SHA256 with the API secret over the exact parameter text
 * (query string + body concatenated, aster.md §2.2), `timestamp` (venue-corrected ms) and
 * `recvWindow` appended, the lower-case hex signature last; the API key goes in `X-MBX-APIKEY`.
 *
 * The secret is imported once as a node KeyObject held in a #private field; the object prints as
 * [REDACTED].
 */
import { createHmac, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import type { Clock } from '../../../core/clock.js';
import { ConfigError } from '../../../core/errors.js';
import type { Secret } from '../../../core/secret.js';
import { REDACTED } from '../../../core/secret.js';
import type { AsterSigner, SignedParams } from './types.js';
import type { Params } from './wire-text.js';
import { paramText } from './wire-text.js';

export interface AsterV1SignerOptions {
  readonly apiKey: Secret | string;
  readonly apiSecret: Secret | string;
  /** Venue-corrected clock for `timestamp`. */
  readonly clock: Clock;
  /** Sent as `recvWindow` (ms, 1..60000); default 5000, the venue's own default. */
  readonly recvWindowMs?: number;
}

export const MAX_RECV_WINDOW_MS = 60_000;

const reveal = (value: Secret | string): string => (typeof value === 'string' ? value : value.reveal());

export class AsterV1Signer implements AsterSigner {
  readonly version = 'v1' as const;
  readonly account = 'api-key';
  readonly recvWindowMs: number;
  readonly #secret: KeyObject;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #clock: Clock;

  constructor(options: AsterV1SignerOptions) {
    const apiKey = reveal(options.apiKey);
    const apiSecret = reveal(options.apiSecret);
    const problems: string[] = [];
    // Header values must be plain printable ASCII; the key itself is never echoed.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) problems.push('ASTER_API_KEY: must be printable ASCII without spaces');
    if (apiSecret.length === 0) problems.push('ASTER_API_SECRET: must not be empty');
    const recvWindowMs = options.recvWindowMs ?? 5000;
    if (!Number.isSafeInteger(recvWindowMs) || recvWindowMs < 1 || recvWindowMs > MAX_RECV_WINDOW_MS) {
      problems.push(`recvWindowMs must be an integer from 1 to ${MAX_RECV_WINDOW_MS} (got ${recvWindowMs})`);
    }
    if (problems.length > 0) throw new ConfigError(problems);
    this.#secret = createSecretKey(Buffer.from(apiSecret, 'utf8'));
    this.#headers = Object.freeze({ 'X-MBX-APIKEY': apiKey });
    this.#clock = options.clock;
    this.recvWindowMs = recvWindowMs;
  }

  /** Lower-case hex HMAC-SHA256 of `totalParams` (query string + body as sent). */
  signPayload(totalParams: string): string {
    return createHmac('sha256', this.#secret).update(totalParams).digest('hex');
  }

  /** Parameters + timestamp + recvWindow, signed; `timestampMs` is for tests and replays only. */
  sign(params: Params, timestampMs: number = Math.floor(this.#clock.now())): SignedParams {
    const business = paramText(params);
    const auth = `timestamp=${timestampMs}&recvWindow=${this.recvWindowMs}`;
    const payload = business.length === 0 ? auth : `${business}&${auth}`;
    return { text: `${payload}&signature=${this.signPayload(payload)}`, headers: this.#headers };
  }

  signUserStream(params: Params): SignedParams {
    return { text: paramText(params), headers: this.#headers };
  }

  marketDataHeaders(): Readonly<Record<string, string>> {
    return this.#headers;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
