/** Timing knobs of the Aster streams, with defaults from the venue's rules (aster.md §7.1, §7.4). */
import type { Clock } from '../../../core/clock.js';
import type { Timers } from '../../../transport/timers.js';
import type { HeartbeatOptions, ReconnectBackoff } from '../../../transport/ws.js';

export type MarketStreamKind = 'bookTicker' | 'aggTrade' | 'depth' | 'markPrice';

export interface AsterStreamOptions {
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly backoff?: ReconnectBackoff;
  /** Our own ping; the venue pings every 5 min and drops a peer silent for 15 min. */
  readonly heartbeat?: HeartbeatOptions;
  readonly connectTimeoutMs?: number;
  readonly subscribeTimeoutMs?: number;
  /** Connections are recycled after this long (the venue closes them at 24 h). Default 23.5 h. */
  readonly maxConnectionAgeMs?: number;
  /** Quiet time after which one market topic is resubscribed; default only markPrice (it ticks every second). */
  readonly staleAfterMs?: Partial<Record<MarketStreamKind, number>>;
  /** Minimum gap between our control frames on one connection (the venue allows 10 per second). Default 120 ms. */
  readonly controlFrameIntervalMs?: number;
  /** Depth snapshot size for local books (GET depth limit). Default 1000. */
  readonly snapshotLimit?: number;
  /** Levels per side in emitted book events unless the subscription says. Default 20. */
  readonly bookDepth?: number;
  /** Listen key keepalive period (the key lives 60 min). Default 30 min. */
  readonly listenKeyKeepAliveMs?: number;
  /** Extra look-back of the fill catch-up after a reconnect. Default 5 s. */
  readonly catchUpSlackMs?: number;
}

export const STREAM_DEFAULTS = {
  maxConnectionAgeMs: 23.5 * 3_600_000,
  controlFrameIntervalMs: 120,
  snapshotLimit: 1000,
  bookDepth: 20,
  listenKeyKeepAliveMs: 30 * 60_000,
  catchUpSlackMs: 5_000,
  staleAfterMs: { markPrice: 30_000 } as Partial<Record<MarketStreamKind, number>>,
  /** Most streams on one connection (aster.md §7.1). */
  maxStreams: 200,
} as const;
