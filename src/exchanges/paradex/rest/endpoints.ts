/**
 * One function per Paradex REST endpoint the client uses: path, method, budget kind and schema in
 * one place. Paths are relative to the /v1 base URL.
 */
import type { QueryParams } from '../../../transport/query.js';
import type { ParadexRequester } from './requester.js';
import * as s from './schemas/index.js';

const enc = encodeURIComponent;

export type WireBody = Record<string, unknown>;

export const getSystemConfig = (r: ParadexRequester) => r.call({ method: 'GET', path: '/system/config', kind: 'public' }, s.systemConfigSchema);
export const getSystemTime = (r: ParadexRequester) => r.call({ method: 'GET', path: '/system/time', kind: 'public' }, s.systemTimeSchema);
export const getSystemState = (r: ParadexRequester) => r.call({ method: 'GET', path: '/system/state', kind: 'public' }, s.systemStateSchema);

export const getMarkets = (r: ParadexRequester, market?: string) =>
  r.call({ method: 'GET', path: '/markets', kind: 'public', ...(market ? { query: { market } } : {}) }, s.marketsSchema);
export const getMarketsSummary = (r: ParadexRequester, market = 'ALL') =>
  r.call({ method: 'GET', path: '/markets/summary', kind: 'public', query: { market } }, s.marketsSummarySchema);
export const getOrderBook = (r: ParadexRequester, market: string, depth?: number) =>
  r.call(
    { method: 'GET', path: `/orderbook/${enc(market)}`, kind: 'public', ...(depth ? { query: { depth: String(depth) } } : {}) },
    s.orderBookSchema,
  );
export const getBbo = (r: ParadexRequester, market: string) =>
  r.call({ method: 'GET', path: `/bbo/${enc(market)}`, kind: 'public' }, s.bboSchema);
export const getTrades = (r: ParadexRequester, query: QueryParams) =>
  r.call({ method: 'GET', path: '/trades', kind: 'public', query }, s.tradesSchema);
export const getFundingData = (r: ParadexRequester, query: QueryParams) =>
  r.call({ method: 'GET', path: '/funding/data', kind: 'public', query }, s.fundingDataPageSchema);

export const postOnboarding = (r: ParadexRequester, headers: Record<string, string>, publicKey: string) =>
  r.callNoContent({ method: 'POST', path: '/onboarding', kind: 'auth', headers, body: { public_key: publicKey } });
/** POST /auth, or /auth/{public_key} for subkeys (the signed path stays /v1/auth either way). */
export const postAuth = (r: ParadexRequester, headers: Record<string, string>, publicKey?: string) =>
  r.call({ method: 'POST', path: publicKey ? `/auth/${publicKey}` : '/auth', kind: 'auth', headers }, s.authSchema);

export const getAccount = (r: ParadexRequester) => r.call({ method: 'GET', path: '/account', kind: 'private-read' }, s.accountSummarySchema);
export const getBalances = (r: ParadexRequester) => r.call({ method: 'GET', path: '/balance', kind: 'private-read' }, s.balancesSchema);
export const getPositions = (r: ParadexRequester) => r.call({ method: 'GET', path: '/positions', kind: 'private-read' }, s.positionsSchema);
export const getOpenOrders = (r: ParadexRequester, market?: string) =>
  r.call({ method: 'GET', path: '/orders', kind: 'private-read', ...(market ? { query: { market } } : {}) }, s.openOrdersSchema);
/** Knows only NEW/OPEN/UNTRIGGERED orders; closed ones are in the history. */
export const getOrderById = (r: ParadexRequester, id: string) =>
  r.call({ method: 'GET', path: `/orders/${enc(id)}`, kind: 'private-read' }, s.orderSchema);
export const getOrderByClientId = (r: ParadexRequester, clientId: string) =>
  r.call({ method: 'GET', path: `/orders/by_client_id/${enc(clientId)}`, kind: 'private-read' }, s.orderSchema);
export const getOrdersHistory = (r: ParadexRequester, query: QueryParams) =>
  r.call({ method: 'GET', path: '/orders-history', kind: 'private-read', query }, s.ordersHistorySchema);
export const getFills = (r: ParadexRequester, query: QueryParams) =>
  r.call({ method: 'GET', path: '/fills', kind: 'private-read', query }, s.fillsSchema);
export const getFundingPayments = (r: ParadexRequester, query: QueryParams) =>
  r.call({ method: 'GET', path: '/funding/payments', kind: 'private-read', query }, s.fundingPaymentsSchema);

export const postOrder = (r: ParadexRequester, body: WireBody, timeoutMs?: number) =>
  r.call({ method: 'POST', path: '/orders', kind: 'order-write', body, ...(timeoutMs ? { timeoutMs } : {}) }, s.orderSchema);
export const postOrdersBatch = (r: ParadexRequester, bodies: readonly WireBody[]) =>
  r.call({ method: 'POST', path: '/orders/batch', kind: 'order-write', body: bodies }, s.batchCreateSchema);
export const putOrder = (r: ParadexRequester, id: string, body: WireBody) =>
  r.call({ method: 'PUT', path: `/orders/${enc(id)}`, kind: 'order-write', body }, s.orderSchema);
export const deleteOrder = (r: ParadexRequester, id: string) =>
  r.callNoContent({ method: 'DELETE', path: `/orders/${enc(id)}`, kind: 'order-write' });
export const deleteOrderByClientId = (r: ParadexRequester, clientId: string, market?: string) =>
  r.callNoContent({
    method: 'DELETE',
    path: `/orders/by_client_id/${enc(clientId)}`,
    kind: 'order-write',
    ...(market ? { query: { market } } : {}),
  });
export const deleteAllOrders = (r: ParadexRequester, market?: string) =>
  r.callNoContent({ method: 'DELETE', path: '/orders', kind: 'order-write', ...(market ? { query: { market } } : {}) });
