/**
 * The Paradex WebSocket dialect: JSON-RPC 2.0 at /v1 (paradex.md §9, OpenRPC/AsyncAPI 1.3.1).
 *
 * - Upgrade: `?sbeSchemaId=1&sbeSchemaVersion=<0|1|2>` switches public channel payloads to SBE
 *   binary frames; an unsupported schema or version is refused with HTTP 400 (paradex-sbe.md §1).
 *   Any other path than /v1 answers 404.
 * - Methods: auth, subscribe, unsubscribe (hub.ts) and the order.* methods (order-methods.ts).
 *   An `Authorization: Bearer <jwt>` header on the upgrade (paradex-py sends one) authenticates
 *   the connection as `auth` would; an invalid header is ignored (the docs only define `auth`).
 * - Heartbeat: protocol ping every `pingIntervalMs`, terminate without pong in `pongTimeoutMs`.
 * - Faults: every channel frame asks the fault injector once (fanout.ts); `dropAll` terminates
 *   every socket (the dialect registers it with `faults.onDropConnections`).
 * - Cancel on disconnect: a connection that enabled it cancels its account's open orders when it
 *   closes, however it closes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { negotiateSbe, supportedSbeVersions } from '../../paradex-sbe/index.js';
import type { SbeVersion } from '../../paradex-sbe/index.js';
import type { ParadexVenue } from '../venue.js';
import { ParadexConnection } from './connection.js';
import { ParadexWsHub } from './hub.js';
import type { MethodOutcome } from './hub.js';
import { cancelOnClose, ORDER_METHODS } from './order-methods.js';
import { RPC_CODE, RpcFailure, errorFrame, parseRequest, resultFrame, rpcError } from './rpc.js';
import type { RpcTiming } from './rpc.js';

export interface ParadexWsOptions {
  /** Server ping period (default 55 000 ms, as the venue; 0 disables the heartbeat). */
  readonly pingIntervalMs?: number;
  /** How long a ping waits for its pong before the connection is terminated (default 5 000 ms). */
  readonly pongTimeoutMs?: number;
  /** SBE versions accepted on the upgrade (default 0, 1, 2). */
  readonly sbeVersions?: readonly SbeVersion[];
  /** Unsent bytes a connection may accumulate before it is dropped (default 16 MiB). */
  readonly maxBufferedBytes?: number;
}

export interface ParadexWs {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Terminates every socket (a network drop as the client sees it); returns how many there were. */
  dropAll(reason: string): number;
  close(): Promise<void>;
  /** Open connections (tests and tools). */
  readonly connectionCount: number;
}

const WS_PATH = '/v1';
const MAX_MESSAGE_BYTES = 1 << 20;

type SessionMethod = (connection: ParadexConnection, params: Readonly<Record<string, unknown>>) => MethodOutcome;

export function createParadexWs(venue: ParadexVenue, options: ParadexWsOptions = {}): ParadexWs {
  const heartbeat = { pingIntervalMs: options.pingIntervalMs ?? 55_000, pongTimeoutMs: options.pongTimeoutMs ?? 5_000 };
  const sbeVersions = options.sbeVersions ?? supportedSbeVersions;
  const maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024;
  const hub = new ParadexWsHub(venue);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const connections = new Set<ParadexConnection>();
  let nextId = 1;
  let closing = false;

  const sessionMethods: Readonly<Record<string, SessionMethod>> = {
    auth: (c, p) => hub.auth(c, p),
    subscribe: (c, p) => hub.subscribe(c, p),
    unsubscribe: (c, p) => hub.unsubscribe(c, p),
  };

  function timing(usIn: number, startedAt: number): RpcTiming {
    return { usIn, usOut: usIn + Math.round((performance.now() - startedAt) * 1000) };
  }

  function handleMessage(connection: ParadexConnection, data: RawData): void {
    const startedAt = performance.now();
    const usIn = Math.round(venue.now() * 1000);
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseRequest(text);
    if (!parsed.ok) {
      connection.sendText(errorFrame(parsed.id, parsed.error, timing(usIn, startedAt)));
      return;
    }
    const { id, method, params } = parsed.request;
    let outcome: MethodOutcome;
    try {
      outcome = run(connection, method, params);
    } catch (error) {
      connection.sendText(errorFrame(id, failureOf(error), timing(usIn, startedAt)));
      return;
    }
    connection.sendText(resultFrame(id, outcome.result, timing(usIn, startedAt)));
    outcome.after?.();
  }

  function run(connection: ParadexConnection, method: string, params: Readonly<Record<string, unknown>>): MethodOutcome {
    const session = sessionMethods[method];
    if (session !== undefined) return session(connection, params);
    const order = ORDER_METHODS[method];
    if (order !== undefined) return { result: order(venue, connection, params) };
    throw new RpcFailure(rpcError(RPC_CODE.METHOD_NOT_FOUND, 'method does not exist', method.slice(0, 64)));
  }

  function accept(socket: WebSocket, sbeVersion: SbeVersion | undefined, request: IncomingMessage): void {
    const connection = new ParadexConnection(nextId++, socket, sbeVersion, request.socket.remoteAddress ?? '', maxBufferedBytes);
    connections.add(connection);
    authenticateFromHeader(connection, request);
    socket.on('message', (data) => handleMessage(connection, data));
    socket.on('error', () => connection.terminate());
    socket.on('close', () => {
      connection.markClosed();
      connections.delete(connection);
      hub.disconnect(connection);
      if (connection.cancelOnDisconnect && connection.account !== undefined && !closing) cancelOnClose(venue, connection.account);
    });
    connection.startHeartbeat(heartbeat);
  }

  function authenticateFromHeader(connection: ParadexConnection, request: IncomingMessage): void {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match === null) return;
    try {
      connection.account = hub.accountOf(match[1] as string);
    } catch {
      // Not a valid session token: the connection stays unauthenticated until `auth`.
    }
  }

  return {
    handleUpgrade(request, socket, head) {
      if (closing) {
        refuse(socket, 503, 'Service Unavailable', '');
        return;
      }
      const url = new URL(request.url ?? '/', 'http://simulator');
      if (url.pathname !== WS_PATH && url.pathname !== `${WS_PATH}/`) {
        refuse(socket, 404, 'Not Found', JSON.stringify({ error: 'NOT_FOUND', message: 'Not Found' }));
        return;
      }
      const negotiation = negotiateSbe(url.searchParams, sbeVersions);
      if (!negotiation.ok) {
        refuse(socket, negotiation.status, 'Bad Request', negotiation.body);
        return;
      }
      const version = negotiation.sbe?.version;
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, version, request));
    },
    dropAll(_reason) {
      const count = connections.size;
      for (const connection of [...connections]) connection.terminate();
      return count;
    },
    async close() {
      closing = true;
      const closed = [...connections].map(
        (connection) =>
          new Promise<void>((resolve) => {
            if (connection.closed) return resolve();
            connection.socket.once('close', () => resolve());
            connection.terminate();
          }),
      );
      await Promise.all(closed);
      hub.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    get connectionCount() {
      return connections.size;
    },
  };
}

function failureOf(error: unknown): ReturnType<typeof rpcError> {
  if (error instanceof RpcFailure) return error.error;
  // A simulator bug: say so without echoing request content (it may hold a JWT or a signature).
  return rpcError(RPC_CODE.INTERNAL_ERROR, 'internal error', error instanceof Error ? error.name : 'unknown');
}

function refuse(socket: Duplex, status: number, reason: string, body: string): void {
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    'Connection: close',
    ...(body === '' ? [] : ['Content-Type: application/json']),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  // The client may already be gone; a reset must not become an unhandled error.
  socket.on('error', () => undefined);
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
