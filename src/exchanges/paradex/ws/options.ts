/**
 * Settings of the Paradex stream and their defaults, and the connection URL (SBE is negotiated
 * with query parameters on the upgrade: paradex-sbe.md §1).
 */
import type { ReconnectBackoff, HeartbeatOptions } from '../../../transport/ws.js';
import type { BookFeed, BookRefreshRate, ChannelKind } from './channels.js';

export type PublicEncoding = 'json' | 'sbe';

export interface ParadexStreamTuning {
  /** 'deltas' (default): a local book kept from the full-depth delta stream; 'snapshot': 15-level snapshots. */
  readonly bookFeed?: BookFeed;
  /** Snapshot feed refresh rate. Default '100ms'. */
  readonly bookRefreshRate?: BookRefreshRate;
  /** Levels per side in emitted books when the subscription gives no depth. Default 15. */
  readonly bookDepth?: number;
  /** Depth of the REST book a resync starts from. Default 100. */
  readonly resyncDepth?: number;
  /** SBE schema version asked for when publicEncoding is 'sbe'. Default 1 (paradex-sbe.md §1: "Use 1"). */
  readonly sbeSchemaVersion?: 0 | 1 | 2;
  /**
   * Quiet time per channel kind after which the watchdog resubscribes (then recycles the socket).
   * Defaults: bbo and order_book 60 s, markets_summary and funding_data 120 s; trades and private
   * channels are not watched (a quiet market or account is normal).
   */
  readonly staleAfterMs?: Partial<Record<ChannelKind, number>>;
  /** How often the watchdog looks at the channels. Default 1 s. */
  readonly watchdogIntervalMs?: number;
  readonly heartbeat?: HeartbeatOptions;
  readonly backoff?: ReconnectBackoff;
  readonly connectTimeoutMs?: number;
  /** Answer timeout of auth/subscribe/order requests. Default 10 s. */
  readonly rpcTimeoutMs?: number;
  /** How many recent fill ids are remembered for deduplication. Default 20 000. */
  readonly fillIdMemory?: number;
}

export const DEFAULT_STALE_AFTER_MS: Readonly<Partial<Record<ChannelKind, number>>> = {
  bbo: 60_000,
  order_book: 60_000,
  markets_summary: 120_000,
  funding_data: 120_000,
};

/** The stream URL: the base URL, plus the SBE negotiation parameters when SBE is wanted. */
export function streamUrl(baseUrl: string, encoding: PublicEncoding, sbeVersion: 0 | 1 | 2): string {
  if (encoding === 'json') return baseUrl;
  const url = new URL(baseUrl);
  url.searchParams.set('sbeSchemaId', '1');
  url.searchParams.set('sbeSchemaVersion', String(sbeVersion));
  return url.toString();
}

/**
 * The WebSocket URL that goes with a REST base URL when none is configured:
 * https://api.prod.paradex.trade/v1 -> wss://ws.api.prod.paradex.trade/v1 (the venue's hosts);
 * http://127.0.0.1:PORT/v1 -> ws://127.0.0.1:PORT/v1 (the simulator serves both on one port).
 */
export function defaultStreamUrl(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (url.hostname.startsWith('api.') && url.hostname.endsWith('paradex.trade')) url.hostname = `ws.${url.hostname}`;
  return url.toString().replace(/\/$/, '');
}

/** The live venue sends public payloads only as SBE (since 21 Sep 2026); anything else defaults to JSON. */
export function defaultEncoding(wsUrl: string): PublicEncoding {
  return new URL(wsUrl).hostname.endsWith('paradex.trade') ? 'sbe' : 'json';
}
