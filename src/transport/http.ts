/**
 * One request function over a keep-alive undici Pool (one pool per client, i.e. per origin).
 *
 * Why undici's low-level `dispatch` rather than global fetch or `pool.request()`: no WHATWG
 * Request/Response or stream objects are built per call (measurably faster, see
 * bench/rate-limiter.bench.ts), and the handler sees the exact moment undici starts writing the
 * request to a connected socket. That moment decides the outcome of a failure: before it nothing
 * can have reached the venue ('rejected'); after it the venue may have acted ('unknown').
 *
 * Non-2xx statuses are returned, not thrown: venue layers know what a 400 or 429 means.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { ConfigError, TransportError } from '../core/errors.js';
import type { ExchangeError } from '../core/errors.js';
import { callerAbort, timeoutFailure, transportFailure } from './http-errors.js';
import { appendQuery } from './query.js';
import type { QueryParams } from './query.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

export interface HttpClientOptions {
  /** Origin plus an optional path prefix, e.g. "https://api.prod.paradex.trade/v1". */
  readonly baseUrl: string;
  /** Whole-request deadline (queueing + connect + response), per request overridable. */
  readonly timeoutMs?: number;
  /** Maximum sockets to the origin; undici's default (unlimited) when omitted. */
  readonly connections?: number;
  readonly userAgent?: string;
  /** How long an idle socket is kept for reuse when the server does not say (undici default 4 s). */
  readonly keepAliveTimeoutMs?: number;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path below the base URL, starting with "/". */
  readonly path: string;
  /** Parameters (encoded in insertion order) or an already-encoded query string (sent verbatim). */
  readonly query?: QueryParams | string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Record<string, string>;
  readonly text: string;
  /** From the call to request() to the last body byte, including any wait for a free socket. */
  readonly elapsedMs: number;
}

export interface HttpClient {
  /** e.g. "https://api.prod.paradex.trade" */
  readonly origin: string;
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Waits for in-flight requests, then closes every socket. */
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { origin, basePath } = parseBaseUrl(options.baseUrl);
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  checkTimeout('timeoutMs', defaultTimeoutMs);
  if (options.connections !== undefined && !(Number.isInteger(options.connections) && options.connections > 0)) {
    throw new ConfigError([`connections must be a positive integer (got ${options.connections})`]);
  }
  const pool = new Pool(origin, {
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeoutMs }),
    connect: { timeout: defaultTimeoutMs },
  });
  const userAgent = options.userAgent;

  let closing: Promise<void> | undefined;
  return {
    origin,
    request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
      const fullPath = appendQueryOrFail(basePath, req);
      if (typeof fullPath !== 'string') return Promise.reject(fullPath);
      if (req.timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
        return Promise.reject(invalidRequest(req, `timeoutMs must be a positive number (got ${timeoutMs})`));
      }
      const headers = userAgent === undefined || hasHeader(req.headers, 'user-agent')
        ? req.headers
        : { ...req.headers, 'user-agent': userAgent };
      return new Promise<HttpResponse>((resolve, reject) => {
        const exchange = new PendingExchange(req.method, basePath + pathOnly(req.path), timeoutMs, resolve, reject);
        exchange.begin(req.signal);
        if (exchange.isSettled) return;
        pool.dispatch(
          {
            path: fullPath,
            method: req.method,
            headers: headers ?? null,
            body: req.body ?? null,
            // Our own timer enforces the whole deadline; undici's per-phase timers get the same
            // value so they can never fire earlier than the caller asked.
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          },
          exchange,
        );
      });
    },
    close(): Promise<void> {
      // Idempotent: closing twice (a finally block and a shutdown hook) must not throw.
      closing ??= pool.close().then(() => undefined);
      return closing;
    },
  };
}

/**
 * One request/response, as an undici dispatch handler. Settles its promise exactly once, from the
 * response, a socket error, the deadline, or the caller's signal - whichever comes first.
 */
class PendingExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  /** True once undici began writing the request: from here on a failure has an unknown outcome. */
  private mayHaveBeenSent = false;
  private settled = false;
  private abortReason: ExchangeError | undefined;
  private timer: NodeJS.Timeout | undefined;
  private signal: AbortSignal | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private readonly startedAt = performance.now();

  constructor(
    private readonly method: string,
    private readonly path: string,
    private readonly timeoutMs: number,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: ExchangeError) => void,
  ) {}

  get isSettled(): boolean {
    return this.settled;
  }

  begin(signal: AbortSignal | undefined): void {
    if (signal !== undefined) {
      if (signal.aborted) {
        this.abort(callerAbort(this.method, this.path, false));
        return;
      }
      this.signal = signal;
      signal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    this.timer = setTimeout(this.onTimeout, this.timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Aborted while queued for a socket: abort before any byte is written.
    if (this.abortReason !== undefined) {
      controller.abort(this.abortReason);
      return;
    }
    this.mayHaveBeenSent = true;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx informational: the real response follows
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    const text = this.chunks.length === 1 ? this.chunks[0]!.toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
    const response: HttpResponse = {
      status: this.status,
      headers: this.headers,
      text,
      elapsedMs: performance.now() - this.startedAt,
    };
    this.finish();
    // undici frees the socket for reuse one event-loop turn after the response (setImmediate,
    // queued right after this callback returns), so servers that close without saying so are
    // detected first. Handing the response over after that turn lets a caller's next request reuse
    // this warm socket instead of opening a new connection (a TCP+TLS handshake on the hot path).
    process.nextTick(deliverAfterSocketRelease, this.resolve, response);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.finish();
    this.reject(transportFailure(this.method, this.path, error, this.mayHaveBeenSent));
  }

  private readonly onTimeout = (): void => {
    this.timer = undefined;
    this.abort(timeoutFailure(this.method, this.path, this.timeoutMs, this.mayHaveBeenSent));
  };

  private readonly onCallerAbort = (): void => {
    this.abort(callerAbort(this.method, this.path, this.mayHaveBeenSent));
  };

  private abort(reason: ExchangeError): void {
    if (this.settled) return;
    this.abortReason = reason;
    this.finish();
    this.reject(reason);
    // Not yet on a socket: onRequestStart will abort it before writing. Otherwise destroy the socket.
    this.controller?.abort(reason);
  }

  private finish(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener('abort', this.onCallerAbort);
    this.signal = undefined;
  }
}

function deliverAfterSocketRelease(resolve: (response: HttpResponse) => void, response: HttpResponse): void {
  setImmediate(resolve, response);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined || name === '__proto__') continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function hasHeader(headers: Readonly<Record<string, string>> | undefined, lowerName: string): boolean {
  if (headers === undefined) return false;
  for (const name of Object.keys(headers)) if (name.toLowerCase() === lowerName) return true;
  return false;
}

function parseBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError([`baseUrl must be an absolute http(s) URL (got "${baseUrl}")`]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError([`baseUrl must use http or https (got "${url.protocol}")`]);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(['baseUrl must not contain a query, fragment or credentials']);
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function checkTimeout(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ConfigError([`${field} must be a positive number of milliseconds (got ${value})`]);
  }
}

function appendQueryOrFail(basePath: string, req: HttpRequest): string | ExchangeError {
  if (!req.path.startsWith('/')) return invalidRequest(req, 'path must start with "/"');
  try {
    return appendQuery(basePath + req.path, req.query);
  } catch (error) {
    return error as ExchangeError;
  }
}

/** The path without any query text: queries may carry signatures, so messages never show them. */
function pathOnly(path: string): string {
  const queryStart = path.indexOf('?');
  return queryStart < 0 ? path : path.slice(0, queryStart);
}

/** A request refused before it left the process. */
function invalidRequest(req: HttpRequest, rule: string): TransportError {
  return new TransportError(`${req.method} ${pathOnly(req.path)}: ${rule}`, { retryable: false, outcome: 'rejected' });
}
