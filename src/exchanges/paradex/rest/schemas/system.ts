/** System, onboarding, auth and error-body schemas (OpenAPI responses.System*, AuthResp, ApiError). */
import { z } from 'zod';
import { decimal, timestampMs } from './primitives.js';

/**
 * GET /system/config. Every field is optional in the spec, but account derivation and signing
 * cannot work without the chain ids and class hashes, so those are required here: a config
 * without them fails at connect, naming the field, instead of producing a wrong address.
 */
export const systemConfigSchema = z.looseObject({
  starknet_chain_id: z.string().min(1),
  l1_chain_id: z.string().min(1),
  paraclear_account_proxy_hash: z.string().min(1),
  paraclear_account_hash: z.string().min(1),
  paraclear_address: z.string().optional(),
  paraclear_decimals: z.number().int().optional(),
  liquidation_fee: decimal.optional(),
  environment: z.string().optional(),
});
export type WireSystemConfig = z.infer<typeof systemConfigSchema>;

/** GET /system/time: `server_time` is a quoted integer in the spec and in the recording. */
export const systemTimeSchema = z.looseObject({ server_time: timestampMs });
export type WireSystemTime = z.infer<typeof systemTimeSchema>;

/**
 * GET /system/state. Unknown states stay strings: a new maintenance mode must not make the
 * health check itself fail to decode.
 */
export const systemStateSchema = z.looseObject({ status: z.string() });
export type WireSystemState = z.infer<typeof systemStateSchema>;
export const SYSTEM_STATUSES = ['ok', 'maintenance', 'cancel_only', 'post_only'] as const;

/** GET /onboarding (responses.GetOnboardingResp). */
export const onboardingSchema = z.looseObject({
  exists: z.boolean(),
  address: z.string().optional(),
  account_signer_type: z.string().optional(),
});
export type WireOnboarding = z.infer<typeof onboardingSchema>;

/** POST /auth. The token is a secret: callers wrap it at once (core/secret.ts). */
export const authSchema = z.looseObject({ jwt_token: z.string().min(1) });
export type WireAuth = z.infer<typeof authSchema>;

/**
 * Error body `{error, message, data?}` (responses.ApiError). `error` stays a plain string: codes
 * are added over time and an unknown one must still reach the error table's default row.
 */
export const errorBodySchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});
export type WireErrorBody = z.infer<typeof errorBodySchema>;
