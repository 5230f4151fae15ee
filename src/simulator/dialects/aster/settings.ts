/**
 * Tunable behaviour of the Aster dialect. Defaults follow the venue as documented in
 * shared/protocol/aster.md; tests shrink the limits and windows to reach the edge cases quickly.
 * Change them at run time through `asterAdmin(engine).configure({...})` or
 * `POST /_aster/settings` (see admin.ts).
 */

export interface AsterSettings {
  /** EIP-712 domain chainId of V3 signatures: 1666 mainnet, 714 testnet. */
  readonly chainId: number;
  /** V3 nonce (µs) must lie within this many ms of server time (docs 10 s, api-docs PR #157: 60 s). */
  readonly nonceWindowMs: number;
  /** Per signer, how many recent nonces are remembered for duplicate detection (docs: 100). */
  readonly nonceHistory: number;
  /**
   * When the raw wire text does not verify, retry with every key and value percent-decoded
   * (aster.md §3.3: official sources disagree on whether the signed text is encoded).
   */
  readonly v3DecodedFallback: boolean;
  /** V1 default recvWindow (ms) and its maximum. */
  readonly defaultRecvWindowMs: number;
  readonly maxRecvWindowMs: number;
  /** REQUEST_WEIGHT per IP per minute (exchangeInfo rateLimits). */
  readonly weightPerMinute: number;
  /** ORDERS per account per minute and per 10 seconds. */
  readonly ordersPerMinute: number;
  readonly ordersPer10s: number;
  /** Requests refused with 429 in one window before the IP is banned (418). */
  readonly violationsBeforeBan: number;
  /** First ban length; each further ban doubles it up to `maxBanMs` (venue: 2 min to 3 days). */
  readonly firstBanMs: number;
  readonly maxBanMs: number;
  /** listenKey validity; a keepalive or a new POST extends it by as much (venue: 60 min). */
  readonly listenKeyValidityMs: number;
  /** Server ping frame interval and how long a connection may stay silent to pings. */
  readonly wsPingIntervalMs: number;
  readonly wsPongTimeoutMs: number;
  /** A WebSocket connection is closed after this long (venue: 24 h). */
  readonly wsMaxConnectionMs: number;
  /** Incoming WebSocket messages allowed per second per connection (venue: 10). */
  readonly wsMaxMessagesPerSecond: number;
  /** Streams one connection may hold (venue: 200). */
  readonly wsMaxStreams: number;
  /** Period of `<symbol>@markPrice` (venue 3 s) and of `@markPrice@1s`. */
  readonly markPriceIntervalMs: number;
  readonly markPriceFastIntervalMs: number;
  /** Period of `<symbol>@depth` without a speed suffix (venue 250 ms). */
  readonly depthDefaultIntervalMs: number;
}

export const DEFAULT_ASTER_SETTINGS: AsterSettings = {
  chainId: 1666,
  nonceWindowMs: 60_000,
  nonceHistory: 100,
  v3DecodedFallback: true,
  defaultRecvWindowMs: 5_000,
  maxRecvWindowMs: 60_000,
  weightPerMinute: 2_400,
  ordersPerMinute: 1_200,
  ordersPer10s: 300,
  violationsBeforeBan: 3,
  firstBanMs: 120_000,
  maxBanMs: 3 * 24 * 3_600_000,
  listenKeyValidityMs: 3_600_000,
  wsPingIntervalMs: 300_000,
  wsPongTimeoutMs: 900_000,
  wsMaxConnectionMs: 24 * 3_600_000,
  wsMaxMessagesPerSecond: 10,
  wsMaxStreams: 200,
  markPriceIntervalMs: 3_000,
  markPriceFastIntervalMs: 1_000,
  depthDefaultIntervalMs: 250,
};

const BOOLEAN_KEYS = new Set<keyof AsterSettings>(['v3DecodedFallback']);

/** Merge `changes` into `current`, refusing unknown keys and values of the wrong kind. */
export function mergeSettings(current: AsterSettings, changes: Readonly<Record<string, unknown>>): AsterSettings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULT_ASTER_SETTINGS)) throw new RangeError(`unknown Aster setting "${key}"`);
    if (BOOLEAN_KEYS.has(key as keyof AsterSettings)) {
      if (typeof value !== 'boolean') throw new RangeError(`setting ${key} must be a boolean`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || !Number.isInteger(value)) {
      throw new RangeError(`setting ${key} must be a positive integer`);
    }
    next[key] = value;
  }
  return next as unknown as AsterSettings;
}
