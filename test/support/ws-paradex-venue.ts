/**
 * A Paradex test venue for the WebSocket client's integration tests: the REST test server (real
 * signature checks) plus the Paradex-dialect WebSocket server, sharing one token table. WS order
 * methods are carried out by the REST server (same bodies, same signatures); private channel data
 * is published from what the REST server holds, so stream and REST agree on ids and values.
 * Beside the simulator it offers what tests need to script exactly: refused upgrades, close
 * frames, stalls that a resubscribe cures, hand-written frames.
 */
import { startParadexTestServer } from './paradex-test-server.js';
import type { TestServer } from './paradex-test-server.js';
import { notification } from './ws-paradex-frames.js';
import { startParadexWsServer } from './ws-paradex-server.js';
import type { OrderAnswer, ParadexWsServer } from './ws-paradex-server.js';

export interface ParadexVenue {
  readonly rest: TestServer;
  readonly ws: ParadexWsServer;
  /** Fill ids already published on the stream. */
  readonly publishedFills: Set<string>;
  /** Publishes the fills REST knows and the stream has not carried yet; returns how many. */
  publishNewFills(): Promise<number>;
  /** Publishes every position REST lists. */
  publishPositions(): Promise<void>;
  /** Revokes every issued JWT (what a venue-side expiry looks like to the client). */
  expireTokens(): void;
  close(): Promise<void>;
}

export async function startParadexVenue(): Promise<ParadexVenue> {
  const rest = await startParadexTestServer();
  const validToken = (account?: string): string | undefined => {
    for (const [token, t] of rest.tokens) if (t.exp * 1000 > rest.now() && (account === undefined || t.account === account)) return token;
    return undefined;
  };
  const call = async (method: string, path: string, account: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${rest.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${validToken(account) ?? ''}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const asAnswer = (r: { status: number; json: unknown }, result: (json: unknown) => unknown): OrderAnswer => {
    if (r.status < 300) return { result: result(r.json) };
    const body = r.json as { error?: string; message?: string } | undefined;
    return { error: { code: 100, message: body?.message ?? 'refused', data: body?.error } };
  };
  const ws = await startParadexWsServer({
    validateToken: (token) => {
      const t = rest.tokens.get(token);
      return t !== undefined && t.exp * 1000 > rest.now() ? t.account : undefined;
    },
    onOrderMethod: async (method, params, account) => {
      switch (method) {
        case 'order.create':
          return asAnswer(await call('POST', '/orders', account, params), (order) => ({ order, created_at: Date.now(), received_at: Date.now() * 1e6 }));
        case 'order.cancel': {
          const path = params.id !== undefined ? `/orders/${String(params.id)}` : `/orders/by_client_id/${String(params.client_id)}`;
          return asAnswer(await call('DELETE', path, account), () => ({ order_id: params.id, status: 'QUEUED_FOR_CANCELLATION' }));
        }
        case 'order.cancel_all':
          return asAnswer(await call('DELETE', `/orders${params.market === undefined ? '' : `?market=${String(params.market)}`}`, account), () => ({ status: 'ok' }));
        default:
          return { error: { code: -32601, message: 'method not found' } };
      }
    },
  });
  const publishedFills = new Set<string>();
  const getList = async (path: string): Promise<Record<string, unknown>[]> => {
    const token = validToken();
    if (token === undefined) throw new Error('no valid token to read the venue with');
    const response = await fetch(`${rest.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { results: Record<string, unknown>[] }).results;
  };
  return {
    rest,
    ws,
    publishedFills,
    async publishNewFills() {
      let count = 0;
      for (const fill of await getList('/fills?page_size=1000')) {
        const id = String(fill.id);
        if (publishedFills.has(id)) continue;
        publishedFills.add(id);
        ws.publish('fills.ALL', () => notification('fills.ALL', fill));
        count += 1;
      }
      return count;
    },
    async publishPositions() {
      for (const position of await getList('/positions')) ws.publish('positions', () => notification('positions', position));
    },
    expireTokens() {
      rest.tokens.clear();
    },
    async close() {
      await ws.close();
      await rest.close();
    },
  };
}
