/**
 * The Paradex venue's shared state, used by the REST routes and the WebSocket dialect alike:
 * the engine, the fault knobs, session tokens, onboarded accounts and their keys, the message
 * hasher and signature checker, per-order wire metadata and the rate-limit buckets (WS order
 * methods share the REST counters).
 *
 * Venue time is engine time: clients calibrate their clock from GET /system/time, so a simulator
 * running on a manual clock signs, expires and rate-limits consistently.
 */
import type { DialectContext } from '../../dialect.js';
import type { SimulatorEngine } from '../../engine/index.js';
import type { FaultInjector } from '../../faults.js';
import { ParadexAccounts } from './accounts.js';
import { ParadexRateLimits } from './rate-limits.js';
import { StarkSignatureChecker } from './signature-check.js';
import { createSystemConfig, DEFAULT_STARKNET_CHAIN_ID, type ParadexSystemConfig } from './system-config.js';
import { ParadexTokens } from './tokens.js';
import { ParadexMessageHasher } from './typed-data.js';
import type { OrderWireMeta } from './wire/order.js';

export interface ParadexVenue {
  readonly engine: SimulatorEngine;
  readonly faults: FaultInjector;
  readonly tokens: ParadexTokens;
  readonly accounts: ParadexAccounts;
  readonly starknetChainId: string;
  readonly initialBalance: string;
  /** GET /system/config and the class hashes used to check onboarding addresses. */
  readonly systemConfig: ParadexSystemConfig;
  /** SNIP-12 hashes of Order, ModifyOrder, Request and Onboarding messages. */
  readonly hasher: ParadexMessageHasher;
  /** Stark ECDSA checks against registered keys (precomputed per key). */
  readonly signatures: StarkSignatureChecker;
  /** Engine order id -> what the order's wire form needs beyond the engine order. */
  readonly orderMeta: Map<string, OrderWireMeta>;
  readonly rateLimits: ParadexRateLimits;
  /** Venue time (ms). */
  now(): number;
  /** Runs the risk check and matching of accepted (NEW) orders right after the current request. */
  schedulePending(): void;
  /** Cancels the scheduled processing (dialect close). */
  dispose(): void;
}

export interface ParadexVenueOptions {
  readonly starknetChainId?: string;
}

export function createParadexVenue(context: DialectContext, options: ParadexVenueOptions = {}): ParadexVenue {
  const starknetChainId = options.starknetChainId ?? DEFAULT_STARKNET_CHAIN_ID;
  const { engine } = context;
  let pending: ReturnType<typeof setImmediate> | undefined;
  let disposed = false;
  return {
    engine,
    faults: context.faults,
    tokens: new ParadexTokens(),
    accounts: new ParadexAccounts(engine, context.initialBalance),
    starknetChainId,
    initialBalance: context.initialBalance,
    systemConfig: createSystemConfig(starknetChainId),
    hasher: new ParadexMessageHasher(starknetChainId),
    signatures: new StarkSignatureChecker(),
    orderMeta: new Map(),
    rateLimits: new ParadexRateLimits(),
    now: () => engine.now(),
    schedulePending() {
      // Coalesced: a burst of orders is processed together, oldest first, as the engine does.
      if (pending !== undefined || disposed) return;
      pending = setImmediate(() => {
        pending = undefined;
        engine.processPending();
      });
    },
    dispose() {
      disposed = true;
      if (pending !== undefined) clearImmediate(pending);
      pending = undefined;
    },
  };
}
