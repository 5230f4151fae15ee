/**
 * startSimulator: one venue's API (REST + WebSocket on one port, the venue's own paths) over a
 * fresh SimulatorEngine, with the control API under /_simulator/ on the same port.
 *
 *   const sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 7, clock });
 *   sim.httpUrl   // http://127.0.0.1:PORT/v1   (Aster: http://127.0.0.1:PORT)
 *   sim.wsUrl     // ws://127.0.0.1:PORT/v1     (Aster: ws://127.0.0.1:PORT, streams at /stream and /ws/<key>)
 *   sim.control   // SimulatorControl: time, prices, faucet, faults
 *   await sim.close();
 *
 * The server applies the faults that look the same on every venue (429 bursts, a request that
 * fails or hangs before or after the venue acted); the dialect answers in the venue's format.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../core/clock.js';
import { SimulatorControl } from './control.js';
import { CONTROL_PREFIX, handleControlRequest } from './control-http.js';
import type { Dialect, SimRequest, SimResponse, VenueName } from './dialect.js';
import { DIALECTS, VENUE_PATHS } from './dialects/registry.js';
import { SimulatorEngine, type EngineOptions } from './engine/index.js';
import { FaultInjector } from './faults.js';

export interface SimulatorOptions {
  readonly exchange: VenueName;
  /** Default 0 (a free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly seed?: number | string;
  /** Default the system clock. With a ManualClock nothing moves until the test advances it. */
  readonly clock?: Clock;
  /** Engine ms per clock ms (default 1). */
  readonly speed?: number;
  /** Collateral of a new account once onboarded (default "100000"). */
  readonly initialBalance?: string;
  /** Further engine options (market maker, price process, fees, markets...). */
  readonly engine?: Omit<EngineOptions, 'clock' | 'seed' | 'speed'>;
  /** How often the engine catches up with the clock and processes accepted orders (default 20 ms; 0 = never). */
  readonly tickMs?: number;
}

export interface SimulatorHandle {
  readonly exchange: VenueName;
  readonly port: number;
  /** The REST base URL clients are configured with. */
  readonly httpUrl: string;
  /** The WebSocket base URL clients are configured with. */
  readonly wsUrl: string;
  /** The control API's base URL (…/_simulator/). */
  readonly controlUrl: string;
  readonly control: SimulatorControl;
  readonly engine: SimulatorEngine;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const factory = DIALECTS[options.exchange];
  if (!factory) throw new Error(`the simulator has no ${options.exchange} dialect`);
  const engine = new SimulatorEngine({
    ...options.engine,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.speed === undefined ? {} : { speed: options.speed }),
  });
  const faults = new FaultInjector(() => engine.now());
  const dialect = factory({ engine, faults, initialBalance: options.initialBalance ?? '100000' });
  const control = new SimulatorControl(engine, faults, dialect);
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void readBody(req).then(
      (body) => serve(dialect, control, faults, hanging, toSimRequest(req, body), res),
      () => send(res, { status: 413, body: '' }),
    );
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => dialect.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const tickMs = options.tickMs ?? 20;
  if (tickMs > 0) engine.start(tickMs);

  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const paths = VENUE_PATHS[options.exchange];
  let closed: Promise<void> | undefined;
  return {
    exchange: options.exchange,
    port,
    httpUrl: `http://${host}:${port}${paths.api}`,
    wsUrl: `ws://${host}:${port}${paths.ws}`,
    controlUrl: `http://${host}:${port}${CONTROL_PREFIX}`,
    control,
    engine,
    close() {
      closed ??= (async () => {
        engine.stop();
        await dialect.close();
        for (const res of hanging) res.destroy();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await done;
      })();
      return closed;
    },
  };
}

async function serve(
  dialect: Dialect,
  control: SimulatorControl,
  faults: FaultInjector,
  hanging: Set<ServerResponse>,
  request: SimRequest,
  res: ServerResponse,
): Promise<void> {
  if (request.path.startsWith(CONTROL_PREFIX)) return send(res, handleControlRequest(control, request));
  try {
    const retryAfterMs = faults.takeRateLimit(request.method, request.path);
    if (retryAfterMs !== undefined) return send(res, dialect.rateLimitedResponse(request, retryAfterMs));
    const before = faults.takeHttpFault(request.method, request.path, 'before');
    if (before) return applyFault(dialect, request, res, before, hanging);
    const response = await dialect.handleHttp(request);
    const after = faults.takeHttpFault(request.method, request.path, 'after');
    if (after) return applyFault(dialect, request, res, after, hanging);
    send(res, response);
  } catch (error) {
    // A dialect bug must surface as a 500 the client can see, never as a hung request.
    const message = error instanceof Error ? error.message : String(error);
    send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'INTERNAL_ERROR', message }) });
  }
}

function applyFault(
  dialect: Dialect,
  request: SimRequest,
  res: ServerResponse,
  effect: { kind: 'status'; status: number; body?: string } | { kind: 'timeout' },
  hanging: Set<ServerResponse>,
): void {
  if (effect.kind === 'timeout') {
    hanging.add(res);
    res.once('close', () => hanging.delete(res));
    return;
  }
  const response = dialect.faultResponse(effect.status, request);
  send(res, effect.body === undefined ? response : { ...response, body: effect.body });
}

function send(res: ServerResponse, response: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, response.headers);
  res.end(response.status === 204 ? undefined : response.body);
}

function toSimRequest(req: IncomingMessage, body: string): SimRequest {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: req.headers,
    body,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
