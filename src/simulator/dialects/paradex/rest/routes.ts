/**
 * The REST route table (paths after /v1) and the request pipeline: match, authenticate private
 * routes (401 before anything else), draw from the rate-limit budgets (429 with x-ratelimit-*),
 * then answer. Every answer carries the x-ratelimit-* headers of the budget it drew from.
 */
import type { SimRequest, SimResponse } from '../../../dialect.js';
import { errorResponse, venueError } from '../errors.js';
import type { ParadexVenue } from '../venue.js';
import * as account from './account-routes.js';
import type { Route } from './context.js';
import * as orders from './order-routes.js';
import * as pub from './public-routes.js';
import * as session from './session-routes.js';

const SEGMENT = '([^/]+)';

export const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/system\/config$/, kind: 'public', private: false, handle: pub.getSystemConfig },
  { method: 'GET', pattern: /^\/system\/time$/, kind: 'public', private: false, handle: pub.getSystemTime },
  { method: 'GET', pattern: /^\/system\/state$/, kind: 'public', private: false, handle: pub.getSystemState },
  { method: 'GET', pattern: /^\/markets$/, kind: 'public', private: false, handle: pub.getMarkets },
  { method: 'GET', pattern: /^\/markets\/summary$/, kind: 'public', private: false, handle: pub.getMarketsSummary },
  { method: 'GET', pattern: new RegExp(`^/orderbook/${SEGMENT}$`), kind: 'public', private: false, handle: pub.getOrderBook },
  { method: 'GET', pattern: new RegExp(`^/bbo/${SEGMENT}$`), kind: 'public', private: false, handle: pub.getBbo },
  { method: 'GET', pattern: /^\/trades$/, kind: 'public', private: false, handle: pub.getTrades },
  { method: 'GET', pattern: /^\/funding\/data$/, kind: 'public', private: false, handle: pub.getFundingData },

  { method: 'GET', pattern: /^\/onboarding$/, kind: 'onboarding', private: false, handle: session.getOnboarding },
  { method: 'POST', pattern: /^\/onboarding$/, kind: 'onboarding', private: false, handle: session.postOnboarding },
  { method: 'POST', pattern: /^\/auth$/, kind: 'auth', private: false, handle: session.postAuth },
  { method: 'POST', pattern: new RegExp(`^/auth/${SEGMENT}$`), kind: 'auth', private: false, handle: session.postAuth },

  { method: 'GET', pattern: /^\/account$/, kind: 'private-read', private: true, handle: account.getAccount },
  { method: 'GET', pattern: /^\/account\/info$/, kind: 'private-read', private: true, handle: account.getAccountInfo },
  { method: 'GET', pattern: /^\/balance$/, kind: 'private-read', private: true, handle: account.getBalances },
  { method: 'GET', pattern: /^\/positions$/, kind: 'private-read', private: true, handle: account.getPositions },
  { method: 'GET', pattern: /^\/fills$/, kind: 'private-read', private: true, handle: account.getFills },
  { method: 'GET', pattern: /^\/funding\/payments$/, kind: 'private-read', private: true, handle: account.getFundingPayments },
  { method: 'GET', pattern: /^\/account\/keys\/subkeys$/, kind: 'private-read', private: true, handle: account.getSubkeys },
  { method: 'POST', pattern: /^\/account\/keys\/subkeys$/, kind: 'order-write', private: true, handle: account.postSubkey },

  { method: 'GET', pattern: /^\/orders$/, kind: 'private-read', private: true, handle: orders.getOpenOrders },
  { method: 'POST', pattern: /^\/orders$/, kind: 'order-write', private: true, handle: orders.postOrder },
  { method: 'DELETE', pattern: /^\/orders$/, kind: 'order-write', private: true, handle: orders.deleteAllOrders },
  { method: 'POST', pattern: /^\/orders\/batch$/, kind: 'order-write', private: true, handle: orders.postOrdersBatch },
  { method: 'DELETE', pattern: /^\/orders\/batch$/, kind: 'order-write', private: true, handle: orders.deleteOrdersBatch },
  { method: 'GET', pattern: new RegExp(`^/orders/by_client_id/${SEGMENT}$`), kind: 'private-read', private: true, handle: orders.getOrderByClientId },
  { method: 'DELETE', pattern: new RegExp(`^/orders/by_client_id/${SEGMENT}$`), kind: 'order-write', private: true, handle: orders.deleteOrderByClientId },
  { method: 'GET', pattern: new RegExp(`^/orders/${SEGMENT}$`), kind: 'private-read', private: true, handle: orders.getOrder },
  { method: 'PUT', pattern: new RegExp(`^/orders/${SEGMENT}$`), kind: 'order-write', private: true, handle: orders.putOrder },
  { method: 'DELETE', pattern: new RegExp(`^/orders/${SEGMENT}$`), kind: 'order-write', private: true, handle: orders.deleteOrder },
  { method: 'GET', pattern: /^\/orders-history$/, kind: 'private-read', private: true, handle: orders.getOrdersHistory },
];

export const API_PREFIX = '/v1';

function decodeParams(match: RegExpExecArray): string[] | undefined {
  try {
    return match.slice(1).map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

export function handleRest(venue: ParadexVenue, request: SimRequest): SimResponse {
  const path = request.path.startsWith(`${API_PREFIX}/`) ? request.path.slice(API_PREFIX.length) : undefined;
  if (path === undefined) return errorResponse(venueError(404, 'NOT_FOUND', 'Not Found'));
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    const params = decodeParams(match);
    if (params === undefined) return errorResponse(venueError(400, 'VALIDATION_ERROR', 'malformed path parameter'));
    const nowMs = venue.now();
    let account = '';
    if (route.private) {
      const auth = session.authenticate(venue, request, nowMs);
      if ('error' in auth) return errorResponse(auth);
      account = auth.account;
    }
    const subject = account === '' ? { ip: request.remoteAddress } : { ip: request.remoteAddress, account };
    const decision = venue.rateLimits.take(route.kind, subject, nowMs);
    if (!decision.allowed) return rateLimited(decision.headers, decision.retryAfterMs);
    const response = route.handle({ venue, request, params, account, nowMs });
    return { ...response, headers: { ...decision.headers, ...response.headers } };
  }
  return pathMatched
    ? errorResponse(venueError(405, 'NOT_FOUND', 'Method Not Allowed'))
    : errorResponse(venueError(404, 'NOT_FOUND', 'Not Found'));
}

/** The venue's 429 (body format unconfirmed; the JSON-RPC twin says "Rate limit exceeded"). */
export function rateLimited(headers: Readonly<Record<string, string>>, retryAfterMs: number): SimResponse {
  return errorResponse(venueError(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded'), {
    ...headers,
    'x-ratelimit-remaining': '0',
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });
}
