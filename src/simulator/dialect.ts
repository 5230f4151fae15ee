/**
 * The seam between the simulator's HTTP/WebSocket server and a venue dialect (Paradex, Aster).
 * The server owns the socket, body reading, the fault knobs that are the same on every venue
 * (a 429 burst, a failed or hanging request before or after the venue acted) and the control
 * routes; a dialect owns everything in the venue's wire format: routes, bodies, error bodies,
 * signatures, tokens and WebSocket frames.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SimulatorEngine } from './engine/index.js';
import type { FaultInjector } from './faults.js';

export type VenueName = 'paradex' | 'aster';

export interface SimRequest {
  readonly method: string;
  /** Path without the query string, e.g. "/v1/orders". */
  readonly path: string;
  /** The query string exactly as sent, without "?" ("" when none): Aster signs it byte for byte. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** Lower-case header names, as node gives them. */
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as sent (utf-8). */
  readonly body: string;
  readonly remoteAddress: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Omitted for 204. */
  readonly body?: string;
}

export interface DialectContext {
  readonly engine: SimulatorEngine;
  readonly faults: FaultInjector;
  /** Collateral a new account receives (USDC on Paradex, USDT on Aster), default "100000". */
  readonly initialBalance: string;
}

export interface Dialect {
  readonly venue: VenueName;
  /** The WebSocket path printed for users (Paradex "/v1", Aster "/stream"). */
  readonly wsPath: string;
  /** Answers one HTTP request of the venue's API (including the venue's own 404 for unknown routes). */
  handleHttp(request: SimRequest): Promise<SimResponse> | SimResponse;
  /** The venue's answer when a fault forces `status` (e.g. 500, 503) without acting. */
  faultResponse(status: number, request: SimRequest): SimResponse;
  /** The venue's 429 answer (body and rate-limit headers). */
  rateLimitedResponse(request: SimRequest, retryAfterMs: number): SimResponse;
  /** Takes over a WebSocket upgrade; answers HTTP 4xx itself when it refuses. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Invalidates every issued session credential (JWT, listenKey); returns how many. */
  expireTokens(): number;
  /** Closes every socket and timer of the dialect. */
  close(): Promise<void>;
}

export type DialectFactory = (context: DialectContext) => Dialect;
