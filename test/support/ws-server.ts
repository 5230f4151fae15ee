/**
 * A tiny local WebSocket server for transport tests: real sockets on 127.0.0.1, port 0. Tests
 * script it: answer or ignore pings, drop connections, refuse upgrades, push frames, read what
 * clients sent. It knows no venue; venue test servers build on it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface ServerConnection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly url: string;
  readonly received: string[];
  readonly pings: number;
}

export interface TestWsServerOptions {
  /** Answer protocol pings (default true). False simulates a dead peer that still holds the TCP connection. */
  readonly autoPong?: boolean;
  /** Called for every text frame. */
  readonly onText?: (connection: ServerConnection, text: string) => void;
  readonly onConnection?: (connection: ServerConnection, request: IncomingMessage) => void;
}

export interface TestWsServer {
  readonly url: string;
  readonly connections: ServerConnection[];
  /** Live connections only. */
  open(): ServerConnection[];
  /** Refuse the next `count` upgrades with HTTP `status`. */
  refuseNext(count: number, status?: number): void;
  /** Terminate every live connection (no close frame: what a network drop looks like). */
  dropAll(): void;
  /** Close every live connection with a close frame. */
  closeAll(code?: number, reason?: string): void;
  broadcast(data: string | Buffer): void;
  setAutoPong(value: boolean): void;
  /** Resolves once `count` connections were accepted in total. */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestWsServer(options: TestWsServerOptions = {}): Promise<TestWsServer> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  let autoPong = options.autoPong ?? true;
  let refuse = 0;
  let refuseStatus = 503;
  const connections: (ServerConnection & { pings: number })[] = [];
  const wss = new WebSocketServer({ noServer: true, autoPong: false });
  const waiters: { count: number; resolve: () => void }[] = [];

  http.on('upgrade', (request, socket, head) => {
    if (refuse > 0) {
      refuse -= 1;
      socket.end(`HTTP/1.1 ${refuseStatus} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = { id: connections.length + 1, ws, url: request.url ?? '/', received: [] as string[], pings: 0 };
      connections.push(connection);
      ws.on('ping', (data: Buffer) => {
        connection.pings += 1;
        if (autoPong) ws.pong(data);
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const text = data.toString('utf8');
        connection.received.push(text);
        options.onText?.(connection, text);
      });
      ws.on('error', () => undefined);
      options.onConnection?.(connection, request);
      for (const w of [...waiters]) {
        if (connections.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const isOpen = (c: ServerConnection): boolean => c.ws.readyState === c.ws.OPEN;

  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    open: () => connections.filter(isOpen),
    refuseNext(count, status = 503) {
      refuse = count;
      refuseStatus = status;
    },
    dropAll() {
      for (const c of connections.filter(isOpen)) c.ws.terminate();
    },
    closeAll(code = 1001, reason = 'going away') {
      for (const c of connections.filter(isOpen)) c.ws.close(code, reason);
    },
    broadcast(data) {
      for (const c of connections.filter(isOpen)) c.ws.send(data);
    },
    setAutoPong(value) {
      autoPong = value;
    },
    waitForConnections(count, timeoutMs = 5_000) {
      if (connections.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${connections.length} of ${count} connections within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.ws.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns true (real time; sockets need the event loop). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
