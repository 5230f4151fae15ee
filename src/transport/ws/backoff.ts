/**
 * Reconnect delays: exponential with a cap, and part of each delay drawn at random so that many
 * clients dropped by the same venue incident do not come back in lock-step.
 */
import { ConfigError } from '../../core/errors.js';

export interface ReconnectBackoff {
  /** Delay ceiling of the first reconnect. Default 250 ms. */
  readonly initialMs?: number;
  /** Largest delay. Default 30 s. */
  readonly maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  readonly factor?: number;
  /** Share of the delay drawn at random, 0..1: delay = ceiling * (1 - jitter + jitter * random()). Default 0.5. */
  readonly jitter?: number;
  /** Uniform in [0, 1); injectable so tests know every delay. */
  readonly random?: () => number;
}

export interface ResolvedBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly random: () => number;
}

export function resolveBackoff(options: ReconnectBackoff = {}): ResolvedBackoff {
  const resolved: ResolvedBackoff = {
    initialMs: options.initialMs ?? 250,
    maxMs: options.maxMs ?? 30_000,
    factor: options.factor ?? 2,
    jitter: options.jitter ?? 0.5,
    random: options.random ?? Math.random,
  };
  const problems: string[] = [];
  if (!(Number.isFinite(resolved.initialMs) && resolved.initialMs >= 0)) problems.push(`backoff.initialMs must be a finite number >= 0 (got ${resolved.initialMs})`);
  if (!(Number.isFinite(resolved.maxMs) && resolved.maxMs >= resolved.initialMs)) problems.push(`backoff.maxMs must be finite and >= initialMs (got ${resolved.maxMs})`);
  if (!(Number.isFinite(resolved.factor) && resolved.factor >= 1)) problems.push(`backoff.factor must be >= 1 (got ${resolved.factor})`);
  if (!(resolved.jitter >= 0 && resolved.jitter <= 1)) problems.push(`backoff.jitter must be within 0..1 (got ${resolved.jitter})`);
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}

/** Delay before reconnect number `attempt` (0 for the first reconnect after a healthy period). */
export function reconnectDelayMs(attempt: number, backoff: ResolvedBackoff): number {
  // Past ~1000 doublings the power is Infinity; the cap applies long before that.
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.min(attempt, 1000));
  const draw = backoff.random();
  const unit = draw >= 0 && draw < 1 ? draw : 0;
  return Math.round(ceiling * (1 - backoff.jitter + backoff.jitter * unit));
}
