/** Options of AsterClient (see client.ts). */
import type { Clock } from '../../core/clock.js';
import type { Timers } from '../../transport/timers.js';
import type { AsterCredentialsInput } from './auth/index.js';
import type { Precision } from './format.js';
import type { AsterStreamOptions } from './ws/options.js';

export interface AsterClientOptions {
  /** REST origin without /fapi, e.g. https://fapi.asterdex.com. */
  readonly apiBaseUrl: string;
  /** WebSocket origin, e.g. wss://fstream.asterdex.com (needed for subscribe()). */
  readonly wsBaseUrl?: string;
  readonly credentials: AsterCredentialsInput;
  /** Use the public development API wallet when no credentials are given (local simulator only). */
  readonly allowDevKey?: boolean;
  /** V3 signing domain chain id: 1666 mainnet (default), 714 testnet. */
  readonly chainId?: number;
  /** V1 recvWindow in ms (default 5000). */
  readonly recvWindowMs?: number;
  /** 'round' (default): sizes down to the step, prices to the less aggressive tick; 'reject': refuse. */
  readonly precision?: Precision;
  /** Our own request cap per second (ASTER_RATE_LIMIT_PER_SEC). */
  readonly rateLimitPerSec?: number;
  /** Local clock; venue time is derived from it with the /time offset. */
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  /** Longest wait for rate-limit budget before a call fails with RateLimitError. Default 30 s. */
  readonly maxRateLimitWaitMs?: number;
  readonly clientIdPrefix?: string;
  /** How long a cached mark price may serve the min-notional check of a market order. */
  readonly referencePriceTtlMs?: number;
  /** Trigger source of stop / take-profit / trailing orders (venue default CONTRACT_PRICE). */
  readonly workingType?: 'MARK_PRICE' | 'CONTRACT_PRICE';
  readonly stream?: AsterStreamOptions;
}
