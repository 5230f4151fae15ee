/** Shared helpers of the Paradex dialect unit tests: the recorded vectors and a venue on a manual clock. */
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../../../src/core/clock.js';
import { SimulatorEngine } from '../../../../src/simulator/engine/index.js';
import { FaultInjector } from '../../../../src/simulator/faults.js';
import { createParadexVenue, type ParadexVenue } from '../../../../src/simulator/dialects/paradex/venue.js';

interface SignedVector {
  readonly message_hash: string;
  readonly signature: { readonly r: string; readonly s: string; readonly header_value: string };
  readonly typed_data: { readonly message: Record<string, string> };
}

export interface ParadexVectors {
  readonly fixed_account: { stark_private_key: string; stark_public_key: string; account_address: string };
  readonly onboarding: SignedVector;
  readonly auth: SignedVector;
  readonly orders: readonly (SignedVector & { label: string; rest_body_ccxt?: Record<string, unknown> })[];
  readonly modify_order: SignedVector & { rest_body_ccxt?: Record<string, unknown> };
  readonly negative_vectors_for_order_0: readonly { label: string; message_hash: string }[];
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../fixtures/vectors/paradex-vectors.json', import.meta.url), 'utf8'),
) as ParadexVectors;

export const FIXED = vectors.fixed_account;
/** The vectors' signature timestamp (ms). */
export const VECTOR_TIME_MS = 1_717_000_000_000;

export function newVenue(clockMs = VECTOR_TIME_MS, initialBalance = '100000'): { venue: ParadexVenue; engine: SimulatorEngine; clock: ManualClock } {
  const clock = new ManualClock(clockMs);
  const engine = new SimulatorEngine({ clock, seed: 3, priceProcess: { enabled: false } });
  const venue = createParadexVenue({ engine, faults: new FaultInjector(() => engine.now()), initialBalance });
  return { venue, engine, clock };
}

/** Onboards the vectors' fixed account (main key = the vectors' public key). */
export function onboardFixed(venue: ParadexVenue): string {
  const result = venue.accounts.onboard({ address: FIXED.account_address, publicKey: BigInt(FIXED.stark_public_key), nowMs: VECTOR_TIME_MS });
  if (!result.ok) throw new Error('onboarding failed');
  return result.account.address;
}
