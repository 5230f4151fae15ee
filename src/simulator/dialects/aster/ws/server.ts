/**
 * Aster's WebSocket endpoints on the simulator's port (aster.md §1, §7.1):
 *   /stream?streams=a/b/c   combined streams ({"stream": name, "data": payload})
 *   /ws/<streamName>        one raw stream
 *   /ws/<listenKey>         the user data stream of a valid listenKey
 *   /ws, /stream            no stream yet (SUBSCRIBE later)
 * An unknown stream name or listenKey refuses the upgrade with HTTP 400 and the venue's error
 * body; another path answers 404.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AsterContext } from '../context.js';
import { AsterConnection, type StreamRouter } from './connection.js';
import type { StreamSubscriber } from './hub.js';
import type { MarketFeeds } from './market-feeds.js';
import { parseMarketStream, type MarketStream } from './streams.js';

export class AsterWsServer implements StreamRouter {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<AsterConnection>();
  /** Market topics with subscribers, and their parsed stream. */
  readonly #marketTopics = new Map<string, MarketStream>();

  constructor(
    private readonly ctx: AsterContext,
    private readonly feeds: MarketFeeds,
  ) {}

  get connectionCount(): number {
    return this.#connections.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'ws://simulator');
    let names: string[];
    let combined: boolean;
    if (url.pathname === '/stream') {
      combined = true;
      const streams = url.searchParams.get('streams');
      names = streams === null || streams === '' ? [] : streams.split('/');
    } else if (url.pathname === '/ws' || url.pathname === '/ws/') {
      combined = false;
      names = [];
    } else if (url.pathname.startsWith('/ws/')) {
      combined = false;
      names = [decodeURIComponent(url.pathname.slice(4))];
    } else {
      return refuse(socket, 404, { code: -1020, msg: 'This operation is not supported.' });
    }
    const unknown = names.find((name) => !this.isStream(name));
    if (unknown !== undefined) {
      const isKey = !unknown.includes('@');
      return refuse(socket, 400, isKey ? { code: -1125, msg: 'This listenKey does not exist.' } : { code: 2, msg: `Invalid request: unknown stream \`${unknown}\`` });
    }
    if (names.length > this.ctx.settings.wsMaxStreams) return refuse(socket, 400, { code: 2, msg: 'Invalid request: too many parameters' });
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new AsterConnection(ws, this, () => this.ctx.settings, combined, (c) => this.#connections.delete(c));
      this.#connections.add(connection);
      connection.subscribeAll(names);
    });
  }

  isStream(name: string): boolean {
    return this.#market(name) !== undefined || this.ctx.listenKeys.active(name, this.ctx.now()) !== undefined;
  }

  subscribe(subscriber: StreamSubscriber, name: string): boolean {
    const stream = this.#market(name);
    if (stream !== undefined) {
      if (this.ctx.hub.subscribe(name, subscriber)) {
        this.#marketTopics.set(name, stream);
        this.feeds.acquire(name, stream);
      }
      return true;
    }
    if (this.ctx.listenKeys.active(name, this.ctx.now()) === undefined) return false;
    this.ctx.hub.subscribe(name, subscriber);
    return true;
  }

  unsubscribe(subscriber: StreamSubscriber, name: string): void {
    if (!this.ctx.hub.unsubscribe(name, subscriber)) return;
    const stream = this.#marketTopics.get(name);
    if (stream === undefined) return;
    this.#marketTopics.delete(name);
    this.feeds.release(name, stream);
  }

  /** Drops every connection (the drop-connections fault); returns how many. */
  dropAll(): number {
    const count = this.#connections.size;
    for (const connection of this.#connections) connection.terminate();
    return count;
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #market(name: string): MarketStream | undefined {
    return parseMarketStream(name, this.ctx.symbols, this.ctx.settings);
  }
}

function refuse(socket: Duplex, status: number, body: { code: number; msg: string }): void {
  const text = JSON.stringify(body);
  const reason = status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}
