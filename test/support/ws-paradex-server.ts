/**
 * A Paradex-dialect WebSocket test server (JSON-RPC 2.0 at /v1, SBE negotiated by query) on the
 * tiny ws test server: auth with bearer tokens, subscribe/unsubscribe with the venue's answers and
 * error codes, cancel_on_disconnect, order methods through a hook, and fault knobs (stall a
 * channel, refuse a channel, drop or close connections). Tests publish channel data themselves.
 * It is not the simulator: there is no engine behind it.
 */
import { startTestWsServer } from './ws-server.js';
import type { ServerConnection, TestWsServer } from './ws-server.js';
import type { Encoding } from './ws-paradex-frames.js';

export interface ParadexWsConnection {
  readonly id: number;
  readonly encoding: Encoding;
  account: string | undefined;
  readonly subscriptions: Set<string>;
  cancelOnDisconnect: boolean;
  readonly requests: { method: string; params: Record<string, unknown> }[];
  readonly raw: ServerConnection;
}

/**
 * 'until-resubscribe': frames are dropped on the connections live now until each resubscribes;
 * 'until-reconnect': dropped on the connections live now, whatever they do; 'forever': everywhere.
 */
export type StallMode = 'until-resubscribe' | 'until-reconnect' | 'forever';

export type OrderAnswer = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

export interface ParadexWsServerOptions {
  /** The account a bearer token belongs to, or undefined when the venue would refuse it (40111). */
  readonly validateToken?: (token: string) => string | undefined;
  /** Answers order.* methods (except cancel_on_disconnect); default: method not found. */
  readonly onOrderMethod?: (method: string, params: Record<string, unknown>, account: string) => OrderAnswer | Promise<OrderAnswer>;
}

export interface ParadexWsServer {
  readonly url: string;
  readonly base: TestWsServer;
  readonly connections: ParadexWsConnection[];
  /** Accounts whose open orders the venue would cancel because a cancel_on_disconnect connection dropped. */
  readonly cancelOnDisconnectFired: string[];
  /** Sends data to every live connection subscribed to `channel`, in its encoding; returns how many got it. */
  publish(channel: string, frame: (encoding: Encoding) => string | Buffer): number;
  stall(channel: string, mode: StallMode): void;
  unstall(channel: string): void;
  /** Answer subscribe requests for this channel with this error. */
  refuse(channel: string, error: { code: number; message: string; data?: unknown }): void;
  /** Stop answering requests (auth, subscribe...) until called with false. */
  mute(value: boolean): void;
  live(): ParadexWsConnection[];
  dropAll(): void;
  closeAll(code?: number): void;
  close(): Promise<void>;
}

const PRIVATE = /^(orders|fills|positions|account|balance_events|funding_payments|tradebusts)(\.|$)/;

export async function startParadexWsServer(options: ParadexWsServerOptions = {}): Promise<ParadexWsServer> {
  const connections: ParadexWsConnection[] = [];
  const byRaw = new Map<ServerConnection, ParadexWsConnection>();
  const stalls = new Map<string, StallMode>();
  const stalledFor = new Map<string, Set<number>>(); // until-resubscribe: connection ids still stalled
  const refusals = new Map<string, { code: number; message: string; data?: unknown }>();
  const cancelOnDisconnectFired: string[] = [];
  let muted = false;
  const validate = options.validateToken ?? ((token: string) => (token === '' ? undefined : '0xabc'));

  const answer = (c: ParadexWsConnection, id: unknown, body: { result: unknown } | { error: unknown }) => {
    const now = Date.now() * 1000;
    c.raw.ws.send(JSON.stringify({ jsonrpc: '2.0', id, ...body, usIn: now, usDiff: 10, usOut: now + 10 }));
  };

  const onText = (raw: ServerConnection, text: string) => {
    const c = byRaw.get(raw);
    if (c === undefined || muted) return;
    let request: { id?: unknown; method?: string; params?: Record<string, unknown> };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      answer(c, null, { error: { code: -32700, message: 'parse error' } });
      return;
    }
    const method = request.method ?? '';
    const params = request.params ?? {};
    c.requests.push({ method, params });
    const channel = typeof params.channel === 'string' ? params.channel : '';
    switch (method) {
      case 'auth': {
        const account = validate(String(params.bearer ?? ''));
        if (account === undefined) return answer(c, request.id, { error: { code: 40111, message: 'Invalid Bearer Token' } });
        c.account = account;
        return answer(c, request.id, { result: { node_id: 'test-node' } });
      }
      case 'subscribe': {
        const refusal = refusals.get(channel);
        if (refusal) return answer(c, request.id, { error: refusal });
        if (PRIVATE.test(channel) && c.account === undefined) return answer(c, request.id, { error: { code: 40300, message: 'Permission denied' } });
        if (c.subscriptions.has(channel)) return answer(c, request.id, { error: { code: -32600, message: 'invalid subscribe request', data: 'already subscribed' } });
        c.subscriptions.add(channel);
        if (stalls.get(channel) === 'until-resubscribe') stalledFor.get(channel)?.delete(c.id);
        return answer(c, request.id, { result: { channel } });
      }
      case 'unsubscribe': {
        if (!c.subscriptions.delete(channel)) return answer(c, request.id, { error: { code: -32600, message: 'invalid unsubscribe request', data: 'not subscribed' } });
        return answer(c, request.id, { result: { channel } });
      }
      case 'order.cancel_on_disconnect': {
        if (c.account === undefined) return answer(c, request.id, { error: { code: 40300, message: 'Permission denied' } });
        c.cancelOnDisconnect = params.enabled === true;
        return answer(c, request.id, { result: { enabled: c.cancelOnDisconnect } });
      }
      default: {
        if (method.startsWith('order.') && c.account !== undefined && options.onOrderMethod) {
          void Promise.resolve(options.onOrderMethod(method, params, c.account)).then((body) => answer(c, request.id, body));
          return;
        }
        if (method.startsWith('order.') && c.account === undefined) return answer(c, request.id, { error: { code: 40300, message: 'Permission denied' } });
        return answer(c, request.id, { error: { code: -32601, message: 'method not found' } });
      }
    }
  };

  const base = await startTestWsServer({
    onText,
    onConnection: (raw, request) => {
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
      const c: ParadexWsConnection = {
        id: raw.id,
        encoding: query.get('sbeSchemaId') === '1' ? 'sbe' : 'json',
        account: undefined,
        subscriptions: new Set(),
        cancelOnDisconnect: false,
        requests: [],
        raw,
      };
      connections.push(c);
      byRaw.set(raw, c);
      raw.ws.on('close', () => {
        if (c.cancelOnDisconnect && c.account !== undefined) cancelOnDisconnectFired.push(c.account);
      });
    },
  });

  const live = () => connections.filter((c) => c.raw.ws.readyState === c.raw.ws.OPEN);
  const isStalled = (channel: string, c: ParadexWsConnection): boolean => {
    const mode = stalls.get(channel);
    if (mode === undefined) return false;
    return mode === 'forever' || (stalledFor.get(channel)?.has(c.id) ?? false);
  };

  return {
    url: `${base.url}/v1`,
    base,
    connections,
    cancelOnDisconnectFired,
    publish(channel, frame) {
      let sent = 0;
      for (const c of live()) {
        if (!c.subscriptions.has(channel) || isStalled(channel, c)) continue;
        c.raw.ws.send(frame(PRIVATE.test(channel) ? 'json' : c.encoding));
        sent += 1;
      }
      return sent;
    },
    stall(channel, mode) {
      stalls.set(channel, mode);
      if (mode !== 'forever') stalledFor.set(channel, new Set(live().map((c) => c.id)));
    },
    unstall(channel) {
      stalls.delete(channel);
      stalledFor.delete(channel);
    },
    refuse(channel, error) {
      refusals.set(channel, error);
    },
    mute(value) {
      muted = value;
    },
    live,
    dropAll: () => base.dropAll(),
    closeAll: (code = 1001) => base.closeAll(code, 'server closing'),
    close: () => base.close(),
  };
}
