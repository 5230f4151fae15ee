/**
 * http.ts against a real node:http server on 127.0.0.1, port 0.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError, TransportError } from '../../../src/core/errors.js';
import { createHttpClient } from '../../../src/transport/http.js';
import type { HttpClient } from '../../../src/transport/http.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly socketId: number;
}

const seen: Seen[] = [];
const socketIds = new WeakMap<Socket, number>();
let nextSocketId = 1;
let server: Server;
let baseUrl: string;
const clients: HttpClient[] = [];

function client(options: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const c = createHttpClient({ baseUrl, timeoutMs: 5_000, ...options });
  clients.push(c);
  return c;
}

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = (req.url ?? '').split('?')[0] ?? '';
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socketId: socketIds.get(req.socket) ?? 0 });
  if (path.endsWith('/echo')) {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('X-RateLimit-Remaining', '17');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.end(JSON.stringify({ method: req.method, url: req.url, body, ua: req.headers['user-agent'] ?? null }));
    return;
  }
  const status = /\/status\/(\d{3})$/.exec(path);
  if (status) {
    res.statusCode = Number(status[1]);
    res.end(`{"error":"CODE_${status[1]}"}`);
    return;
  }
  if (path === '/hang') return; // never answers
  if (path === '/cut-mid-body') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
    res.write('{"partial":');
    setTimeout(() => req.socket.destroy(), 20);
    return;
  }
  if (path === '/cut-before-response') {
    req.socket.destroy();
    return;
  }
  if (path === '/utf8') {
    res.end('{"name":"Ωmega €"}');
    return;
  }
  res.statusCode = 404;
  res.end('not found');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => socketIds.set(socket, nextSocketId++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  seen.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createHttpClient', () => {
  it('GET: status, lower-cased headers (repeats joined), text and elapsed time', async () => {
    const res = await client().request({ method: 'GET', path: '/echo' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-ratelimit-remaining']).toBe('17');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(JSON.parse(res.text)).toMatchObject({ method: 'GET', url: '/echo', body: '' });
    expect(res.elapsedMs).toBeGreaterThan(0);
  });

  it('POST: sends body and headers as given', async () => {
    const body = JSON.stringify({ market: 'BTC-USD-PERP', size: '0.001' });
    const res = await client().request({
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/json', 'X-Custom': 'yes' },
      body,
    });
    expect(JSON.parse(res.text)).toMatchObject({ method: 'POST', body });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['x-custom']).toBe('yes');
    expect(seen[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('encodes the query in insertion order, or sends a pre-encoded one verbatim', async () => {
    const c = client();
    await c.request({ method: 'GET', path: '/echo', query: { symbol: 'BTCUSDT', nonce: '17', a: 'x y', z: 'a:b' } });
    await c.request({ method: 'DELETE', path: '/echo', query: 'symbol=BTCUSDT&signature=0xabc' });
    expect(seen.map((s) => s.url)).toEqual(['/echo?symbol=BTCUSDT&nonce=17&a=x%20y&z=a%3Ab', '/echo?symbol=BTCUSDT&signature=0xabc']);
  });

  it('prefixes the base URL path and sets the configured user agent unless the request has one', async () => {
    const c = createHttpClient({ baseUrl: `${baseUrl}/v1/`, userAgent: 'flashscalper/0.1' });
    clients.push(c);
    await c.request({ method: 'GET', path: '/echo' });
    await c.request({ method: 'GET', path: '/echo', headers: { 'User-Agent': 'custom' } });
    expect(seen.map((s) => [s.url, s.headers['user-agent']])).toEqual([
      ['/v1/echo', 'flashscalper/0.1'],
      ['/v1/echo', 'custom'],
    ]);
  });

  it('decodes the body as UTF-8', async () => {
    const res = await client().request({ method: 'GET', path: '/utf8' });
    expect(JSON.parse(res.text)).toEqual({ name: 'Ωmega €' });
  });

  it('returns 4xx and 5xx responses instead of throwing', async () => {
    const c = client();
    const statuses = [];
    for (const code of [400, 401, 404, 429, 500, 503]) {
      const res = await c.request({ method: 'POST', path: `/status/${code}`, body: '{}' });
      statuses.push([res.status, res.text]);
    }
    expect(statuses).toEqual([
      [400, '{"error":"CODE_400"}'],
      [401, '{"error":"CODE_401"}'],
      [404, '{"error":"CODE_404"}'],
      [429, '{"error":"CODE_429"}'],
      [500, '{"error":"CODE_500"}'],
      [503, '{"error":"CODE_503"}'],
    ]);
  });

  it('reuses one keep-alive socket for sequential requests', async () => {
    const c = client();
    for (let i = 0; i < 6; i++) {
      const res = await c.request(i % 2 === 0 ? { method: 'GET', path: '/echo' } : { method: 'POST', path: '/echo', body: `n=${i}` });
      expect(res.status).toBe(200);
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((s) => s.socketId)).size).toBe(1);
  });

  it('a response that never comes -> TimeoutError, retryable, outcome unknown', async () => {
    const started = Date.now();
    const error = await client()
      .request({ method: 'POST', path: '/hang', body: '{}', timeoutMs: 150 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).retryable).toBe(true);
    expect((error as TimeoutError).outcome).toBe('unknown');
    expect((error as Error).message).toContain('POST /hang');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a timeout while still queued for a socket -> outcome rejected (nothing was sent)', async () => {
    const c = client({ connections: 1 });
    const first = c.request({ method: 'POST', path: '/hang', timeoutMs: 1_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const second = await c.request({ method: 'POST', path: '/echo', body: 'order', timeoutMs: 100 }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TimeoutError);
    expect((second as TimeoutError).outcome).toBe('rejected');
    expect(await first).toBeInstanceOf(TimeoutError);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.map((s) => s.url)).toEqual(['/hang']); // the queued order never reached the server
  });

  it('a refused connection -> TransportError, retryable, outcome rejected', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000 });
    clients.push(c);
    const error = await c.request({ method: 'POST', path: '/orders', body: '{}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as TransportError).outcome).toBe('rejected');
    expect((error as TransportError).retryable).toBe(true);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('a socket destroyed mid-response -> TransportError, outcome unknown', async () => {
    const error = await client()
      .request({ method: 'POST', path: '/cut-mid-body', body: '{}' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as TransportError).outcome).toBe('unknown');
    expect((error as TransportError).retryable).toBe(true);
  });

  it('a socket destroyed before any response -> TransportError, outcome unknown (the server had the request)', async () => {
    const error = await client()
      .request({ method: 'POST', path: '/cut-before-response', body: '{}' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).outcome).toBe('unknown');
  });

  it('abort by the caller -> TransportError, not retryable; outcome by whether it was sent', async () => {
    const c = client();
    const pre = new AbortController();
    pre.abort();
    const before = await c.request({ method: 'POST', path: '/echo', signal: pre.signal }).catch((e: unknown) => e);
    expect(before).toBeInstanceOf(TransportError);
    expect((before as TransportError).outcome).toBe('rejected');
    expect((before as TransportError).retryable).toBe(false);

    const during = new AbortController();
    const pending = c.request({ method: 'POST', path: '/hang', signal: during.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    during.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as TransportError).outcome).toBe('unknown');
    expect((error as Error).message).toContain('aborted by caller');
  });

  it('error messages carry method and path only: no query, header values or body', async () => {
    const secret = 'SECRET-JWT-0xdeadbeef';
    const error = await client()
      .request({
        method: 'POST',
        path: '/hang',
        query: { signature: secret },
        headers: { authorization: `Bearer ${secret}` },
        body: secret,
        timeoutMs: 100,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String((error as Error).stack)).not.toContain(secret);
  });

  it('refuses a path without a leading slash and requests after close', async () => {
    const c = client();
    const bad = await c.request({ method: 'GET', path: 'echo' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TransportError);
    expect((bad as TransportError).outcome).toBe('rejected');
    await c.close();
    await expect(c.close()).resolves.toBeUndefined(); // closing twice is harmless
    const afterClose = await c.request({ method: 'GET', path: '/echo' }).catch((e: unknown) => e);
    expect(afterClose).toBeInstanceOf(TransportError);
    expect((afterClose as TransportError).retryable).toBe(false);
    expect((afterClose as TransportError).outcome).toBe('rejected');
  });

  it('rejects a base URL it cannot use', () => {
    expect(() => createHttpClient({ baseUrl: 'ftp://x' })).toThrow(/http or https/);
    expect(() => createHttpClient({ baseUrl: 'not a url' })).toThrow(/absolute/);
    expect(() => createHttpClient({ baseUrl, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
