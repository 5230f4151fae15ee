/**
 * loadConfig(): environment (and .env when present) -> validated AppConfig, or one ConfigError that
 * lists every wrong variable with the rule it breaks. Secret values are held in Secret objects and
 * never appear in messages.
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { Secret } from '../core/secret.js';
import {
  bool,
  ethAddress,
  ethPrivateKey,
  oneOf,
  secretText,
  starkPrivateKey,
  starknetAddress,
  tradingShape,
  url,
} from './schema.js';

export { VARIABLES } from './variables.js';
export type { VariableDoc } from './variables.js';

export type Environment = 'local' | 'testnet' | 'prod';

export interface TradingSettings {
  readonly leverage: string;
  readonly positionSizePercent: string;
  readonly maxPositions: number;
  readonly takeProfitRoe: string;
  readonly stopLossRoe: string;
  readonly rateLimitPerSec: number;
}

export type ParadexCredentials =
  | { readonly kind: 'ethereum'; readonly ethPrivateKey: Secret }
  | { readonly kind: 'starknet'; readonly l2Address: string; readonly starkPrivateKey: Secret }
  | { readonly kind: 'none' };

export type AsterCredentials =
  | { readonly kind: 'v3'; readonly user: string; readonly signer: string; readonly signerPrivateKey: Secret }
  | { readonly kind: 'v1'; readonly apiKey: Secret; readonly apiSecret: Secret }
  | { readonly kind: 'none' };

export interface ParadexConfig {
  readonly enabled: boolean;
  readonly environment: Environment;
  readonly apiBaseUrl: string;
  readonly wsBaseUrl: string;
  readonly credentials: ParadexCredentials;
  readonly precision: 'round' | 'reject';
  /** Public WebSocket payloads; undefined = automatic (SBE on the live venue, JSON elsewhere). */
  readonly wsPublicEncoding: 'json' | 'sbe' | undefined;
  readonly trading: TradingSettings;
}

export interface AsterConfig {
  readonly enabled: boolean;
  readonly environment: Environment;
  readonly apiBaseUrl: string;
  readonly wsBaseUrl: string;
  readonly credentials: AsterCredentials;
  readonly precision: 'round' | 'reject';
  readonly trading: TradingSettings;
}

export interface AppConfig {
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly tradingMode: 'live' | 'paper';
  readonly paradex: ParadexConfig;
  readonly aster: AsterConfig;
}

export const PARADEX_URLS: Record<Environment, { api: string; ws: string }> = {
  local: { api: 'http://127.0.0.1:8787/v1', ws: 'ws://127.0.0.1:8787/v1' },
  testnet: { api: 'https://api.testnet.paradex.trade/v1', ws: 'wss://ws.api.testnet.paradex.trade/v1' },
  prod: { api: 'https://api.prod.paradex.trade/v1', ws: 'wss://ws.api.prod.paradex.trade/v1' },
};

export const ASTER_URLS: Record<Environment, { api: string; ws: string }> = {
  local: { api: 'http://127.0.0.1:8788', ws: 'ws://127.0.0.1:8788' },
  testnet: { api: 'https://fapi.asterdex-testnet.com', ws: 'wss://fstream.asterdex-testnet.com' },
  prod: { api: 'https://fapi.asterdex.com', ws: 'wss://fstream.asterdex.com' },
};

const ENVIRONMENTS = ['local', 'testnet', 'prod'] as const;
const HTTP = ['http:', 'https:'];
const WS = ['ws:', 'wss:'];

const envSchema = z.object({
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  TRADING_MODE: oneOf(['live', 'paper'], 'live'),
  PARADEX_ENABLED: bool(false),
  PARADEX_ENVIRONMENT: oneOf(ENVIRONMENTS, 'local'),
  PARADEX_PRIVATE_KEY: ethPrivateKey(),
  PARADEX_L2_ADDRESS: starknetAddress(),
  PARADEX_SUBKEY_PRIVATE_KEY: starkPrivateKey(),
  PARADEX_API_BASE_URL: url(HTTP),
  PARADEX_WS_BASE_URL: url(WS),
  PARADEX_PRECISION: oneOf(['round', 'reject'], 'round'),
  PARADEX_WS_PUBLIC_ENCODING: oneOf(['auto', 'json', 'sbe'], 'auto'),
  ...tradingShape('PARADEX'),
  ASTER_ENABLED: bool(false),
  ASTER_ENVIRONMENT: oneOf(ENVIRONMENTS, 'local'),
  ASTER_PRECISION: oneOf(['round', 'reject'], 'round'),
  ASTER_USER: ethAddress(),
  ASTER_SIGNER: ethAddress(),
  ASTER_SIGNER_PRIVATE_KEY: ethPrivateKey(),
  ASTER_API_KEY: secretText(),
  ASTER_API_SECRET: secretText(),
  ASTER_API_BASE_URL: url(HTTP),
  ASTER_WS_BASE_URL: url(WS),
  ...tradingShape('ASTER'),
});

type ParsedEnv = z.output<typeof envSchema>;

/** The variable names the schema reads (tests check each is documented). */
export const ENV_KEYS: readonly string[] = Object.keys(envSchema.shape);

function tradingFrom(env: Record<string, unknown>, prefix: 'PARADEX' | 'ASTER'): TradingSettings {
  return {
    leverage: env[`${prefix}_LEVERAGE`] as string,
    positionSizePercent: env[`${prefix}_POSITION_SIZE_PERCENT`] as string,
    maxPositions: env[`${prefix}_MAX_POSITIONS`] as number,
    takeProfitRoe: env[`${prefix}_TAKE_PROFIT_ROE`] as string,
    stopLossRoe: env[`${prefix}_STOP_LOSS_ROE`] as string,
    rateLimitPerSec: env[`${prefix}_RATE_LIMIT_PER_SEC`] as number,
  };
}

function paradexCredentials(env: ParsedEnv, problems: string[]): ParadexCredentials {
  const eth = env.PARADEX_PRIVATE_KEY;
  const address = env.PARADEX_L2_ADDRESS;
  const subkey = env.PARADEX_SUBKEY_PRIVATE_KEY;
  if (eth && (address || subkey)) {
    problems.push(
      'PARADEX_PRIVATE_KEY: set either PARADEX_PRIVATE_KEY (Ethereum key) or PARADEX_L2_ADDRESS + PARADEX_SUBKEY_PRIVATE_KEY, not both',
    );
    return { kind: 'none' };
  }
  if (eth) return { kind: 'ethereum', ethPrivateKey: eth };
  if (address && subkey) return { kind: 'starknet', l2Address: address, starkPrivateKey: subkey };
  if (address && !subkey) problems.push('PARADEX_SUBKEY_PRIVATE_KEY: required when PARADEX_L2_ADDRESS is set');
  if (subkey && !address) problems.push('PARADEX_L2_ADDRESS: required when PARADEX_SUBKEY_PRIVATE_KEY is set');
  return { kind: 'none' };
}

function asterCredentials(env: ParsedEnv, problems: string[]): AsterCredentials {
  const v3 = [env.ASTER_USER, env.ASTER_SIGNER, env.ASTER_SIGNER_PRIVATE_KEY];
  const v1 = [env.ASTER_API_KEY, env.ASTER_API_SECRET];
  const anyV3 = v3.some((v) => v !== undefined);
  const anyV1 = v1.some((v) => v !== undefined);
  if (anyV3) {
    if (env.ASTER_USER === undefined) problems.push('ASTER_USER: required for the V3 API (with ASTER_SIGNER and ASTER_SIGNER_PRIVATE_KEY)');
    if (env.ASTER_SIGNER === undefined) problems.push('ASTER_SIGNER: required for the V3 API (with ASTER_USER and ASTER_SIGNER_PRIVATE_KEY)');
    if (env.ASTER_SIGNER_PRIVATE_KEY === undefined) {
      problems.push('ASTER_SIGNER_PRIVATE_KEY: required for the V3 API (with ASTER_USER and ASTER_SIGNER)');
    }
    if (env.ASTER_USER && env.ASTER_SIGNER && env.ASTER_SIGNER_PRIVATE_KEY) {
      return { kind: 'v3', user: env.ASTER_USER, signer: env.ASTER_SIGNER, signerPrivateKey: env.ASTER_SIGNER_PRIVATE_KEY };
    }
    return { kind: 'none' };
  }
  if (anyV1) {
    if (env.ASTER_API_KEY === undefined) problems.push('ASTER_API_KEY: required with ASTER_API_SECRET (V1 API)');
    if (env.ASTER_API_SECRET === undefined) problems.push('ASTER_API_SECRET: required with ASTER_API_KEY (V1 API)');
    if (env.ASTER_API_KEY && env.ASTER_API_SECRET) return { kind: 'v1', apiKey: env.ASTER_API_KEY, apiSecret: env.ASTER_API_SECRET };
  }
  return { kind: 'none' };
}

/**
 * Parse and validate. `env` defaults to process.env; .env is loaded by loadDotenv() in the entry
 * points, not here, so tests see exactly the environment they pass.
 */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  const problems: string[] = [];
  const paradexCreds = paradexCredentials(parsed, problems);
  const asterCreds = asterCredentials(parsed, problems);
  // Outside the local simulator there is no throwaway account to fall back on.
  if (parsed.PARADEX_ENABLED && parsed.PARADEX_ENVIRONMENT !== 'local' && paradexCreds.kind === 'none' && problems.length === 0) {
    problems.push('PARADEX_PRIVATE_KEY: PARADEX_ENABLED on testnet/prod needs PARADEX_PRIVATE_KEY or PARADEX_L2_ADDRESS + PARADEX_SUBKEY_PRIVATE_KEY');
  }
  if (parsed.ASTER_ENABLED && parsed.ASTER_ENVIRONMENT !== 'local' && asterCreds.kind === 'none' && problems.length === 0) {
    problems.push('ASTER_USER: ASTER_ENABLED on testnet/prod needs V3 (ASTER_USER, ASTER_SIGNER, ASTER_SIGNER_PRIVATE_KEY) or V1 keys');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const paradexUrls = PARADEX_URLS[parsed.PARADEX_ENVIRONMENT];
  const asterUrls = ASTER_URLS[parsed.ASTER_ENVIRONMENT];
  return {
    logLevel: parsed.LOG_LEVEL,
    tradingMode: parsed.TRADING_MODE,
    paradex: {
      enabled: parsed.PARADEX_ENABLED,
      environment: parsed.PARADEX_ENVIRONMENT,
      apiBaseUrl: parsed.PARADEX_API_BASE_URL ?? paradexUrls.api,
      wsBaseUrl: parsed.PARADEX_WS_BASE_URL ?? paradexUrls.ws,
      credentials: paradexCreds,
      precision: parsed.PARADEX_PRECISION,
      wsPublicEncoding: parsed.PARADEX_WS_PUBLIC_ENCODING === 'auto' ? undefined : parsed.PARADEX_WS_PUBLIC_ENCODING,
      trading: tradingFrom(parsed, 'PARADEX'),
    },
    aster: {
      enabled: parsed.ASTER_ENABLED,
      environment: parsed.ASTER_ENVIRONMENT,
      apiBaseUrl: parsed.ASTER_API_BASE_URL ?? asterUrls.api,
      wsBaseUrl: parsed.ASTER_WS_BASE_URL ?? asterUrls.ws,
      credentials: asterCreds,
      precision: parsed.ASTER_PRECISION,
      trading: tradingFrom(parsed, 'ASTER'),
    },
  };
}

/** Loads .env from the working directory when it exists (never overriding real environment variables). */
export async function loadDotenv(): Promise<void> {
  const { config } = await import('dotenv');
  config({ quiet: true });
}

/** Entry-point helper: .env + process.env -> AppConfig. */
export async function loadConfig(): Promise<AppConfig> {
  await loadDotenv();
  return parseConfig(process.env);
}
