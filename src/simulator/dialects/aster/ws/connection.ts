/**
 * One client WebSocket (aster.md §7.1): raw payloads on /ws, wrapped {"stream","data"} on /stream
 * (the `combined` property), JSON method frames SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS /
 * SET_PROPERTY / GET_PROPERTY answered {"result", "id"} or {"code", "msg", "id"}; a request
 * without `id` is tolerated (ccxt sends none) and answered with "id": null.
 *
 * Connection rules, on wall-clock timers: a ping frame every wsPingIntervalMs, disconnect when no
 * pong arrived for wsPongTimeoutMs, close after wsMaxConnectionMs, disconnect above
 * wsMaxMessagesPerSecond incoming messages, at most wsMaxStreams streams. Client pings are
 * answered with pongs by the ws library.
 */
import type { WebSocket } from 'ws';
import type { AsterSettings } from '../settings.js';
import type { StreamSubscriber } from './hub.js';

export interface StreamRouter {
  /** Subscribes the connection to a stream name; false when the name is not a stream. */
  subscribe(subscriber: StreamSubscriber, name: string): boolean;
  unsubscribe(subscriber: StreamSubscriber, name: string): void;
  /** True when `name` is a stream this venue serves (market stream or active listenKey). */
  isStream(name: string): boolean;
}

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];

type Reply = { result: unknown } | { code: number; msg: string };

export class AsterConnection implements StreamSubscriber {
  readonly topics = new Set<string>();
  #combined: boolean;
  #lastPong = Date.now();
  #windowStart = Date.now();
  #messagesInWindow = 0;
  readonly #timers: ReturnType<typeof setInterval>[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly router: StreamRouter,
    private readonly settings: () => AsterSettings,
    combined: boolean,
    onClose: (connection: AsterConnection) => void,
  ) {
    this.#combined = combined;
    const s = settings();
    const ping = setInterval(() => {
      if (Date.now() - this.#lastPong > this.settings().wsPongTimeoutMs) ws.terminate();
      else ws.ping();
    }, s.wsPingIntervalMs);
    const lifetime = setTimeout(() => ws.close(1000, 'connection lifetime reached'), s.wsMaxConnectionMs);
    for (const t of [ping, lifetime]) t.unref();
    this.#timers.push(ping, lifetime);
    ws.on('pong', () => {
      this.#lastPong = Date.now();
    });
    ws.on('message', (data, isBinary) => this.#onMessage(isBinary ? '' : String(data)));
    ws.on('close', () => {
      for (const t of this.#timers) clearInterval(t);
      for (const topic of [...this.topics]) this.router.unsubscribe(this, topic);
      this.topics.clear();
      onClose(this);
    });
    ws.on('error', () => ws.terminate());
  }

  deliver(topic: string, data: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(this.#combined ? `{"stream":${JSON.stringify(topic)},"data":${data}}` : data);
  }

  /** Subscribes the streams named in the URL (validated by the upgrade). */
  subscribeAll(names: readonly string[]): void {
    for (const name of names) if (this.router.subscribe(this, name)) this.topics.add(name);
  }

  terminate(): void {
    this.ws.terminate();
  }

  #onMessage(text: string): void {
    const now = Date.now();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#messagesInWindow = 0;
    }
    if (++this.#messagesInWindow > this.settings().wsMaxMessagesPerSecond) {
      this.ws.close(1008, 'too many messages');
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return this.#reply(null, { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return this.#reply(null, { code: 2, msg: 'Invalid request: expected a JSON object' });
    }
    const r = request as Record<string, unknown>;
    const id = r.id;
    if (id !== undefined && id !== null && !(typeof id === 'number' && Number.isSafeInteger(id) && id >= 0)) {
      return this.#reply(null, { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' });
    }
    const replyId = typeof id === 'number' ? id : null;
    if (typeof r.method !== 'string') return this.#reply(replyId, { code: 2, msg: 'Invalid request: missing field `method`' });
    if (!METHODS.includes(r.method)) {
      return this.#reply(replyId, {
        code: 2,
        msg: `Invalid request: unknown variant \`${r.method}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\``,
      });
    }
    this.#reply(replyId, this.#handle(r.method, r.params));
  }

  #handle(method: string, params: unknown): Reply {
    if (method === 'LIST_SUBSCRIPTIONS') return { result: [...this.topics] };
    if (!Array.isArray(params)) return { code: 2, msg: 'Invalid request: missing field `params`' };
    if (method === 'SUBSCRIBE' || method === 'UNSUBSCRIBE') {
      if (!params.every((p): p is string => typeof p === 'string')) return { code: 2, msg: 'Invalid request: stream names must be strings' };
      if (method === 'UNSUBSCRIBE') {
        for (const name of params) {
          if (this.topics.delete(name)) this.router.unsubscribe(this, name);
        }
        return { result: null };
      }
      const fresh = params.filter((name) => !this.topics.has(name));
      if (this.topics.size + new Set(fresh).size > this.settings().wsMaxStreams) return { code: 2, msg: 'Invalid request: too many parameters' };
      const unknown = fresh.find((name) => !this.router.isStream(name));
      if (unknown !== undefined) return { code: 2, msg: `Invalid request: unknown stream \`${unknown}\`` };
      this.subscribeAll(fresh);
      return { result: null };
    }
    const [property, value] = params as unknown[];
    if (typeof property !== 'string') return { code: 2, msg: 'Invalid request: property name must be a string' };
    if (property !== 'combined') return { code: 0, msg: 'Unknown property' };
    if (method === 'GET_PROPERTY') return { result: this.#combined };
    if (typeof value !== 'boolean') return { code: 1, msg: 'Invalid value type: expected Boolean' };
    this.#combined = value;
    return { result: null };
  }

  #reply(id: number | null, reply: Reply): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify({ ...reply, id }));
  }
}
