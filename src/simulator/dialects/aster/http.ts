/**
 * The REST pipeline of the Aster dialect, per request:
 *   route lookup -> parameters (-1101 on duplicates) -> REQUEST_WEIGHT per IP (429 / 418)
 *   -> authentication (V1 HMAC or V3 EIP-712, then the account is created on first use)
 *   -> ORDERS per account (429 -1015) -> handler -> JSON body with the rate-limit headers.
 * Every answer, success or error, carries X-MBX-USED-WEIGHT-1M; order placements add
 * X-MBX-ORDER-COUNT-1M and X-MBX-ORDER-COUNT-10S; 429 and 418 add Retry-After (seconds).
 */
import type { SimRequest, SimResponse } from '../../dialect.js';
import { authenticate } from './auth/authenticate.js';
import { AsterApiError, AsterErrors } from './errors.js';
import { WireParams } from './params.js';
import type { OrderCounts } from './rate-limits.js';
import { buildRouteTable, type RouteEntry } from './routes/table.js';
import type { Services } from './routes/types.js';

export class AsterHttp {
  readonly #routes: ReadonlyMap<string, RouteEntry> = buildRouteTable();

  constructor(private readonly services: Services) {}

  handle(request: SimRequest): SimResponse {
    const { ctx } = this.services;
    const now = ctx.now();
    const ip = request.remoteAddress;
    const entry = this.#routes.get(`${request.method} ${request.path}`);
    if (entry === undefined) return this.#error(AsterErrors.unsupported(), ip, now, 404);
    let account = '';
    let orderCounts: OrderCounts | undefined;
    try {
      let params: WireParams;
      try {
        params = new WireParams(request.rawQuery, request.body);
      } catch (error) {
        ctx.rateLimits.chargeWeight(ip, 1, now);
        throw error;
      }
      const { route, family } = entry;
      ctx.rateLimits.chargeWeight(ip, typeof route.weight === 'number' ? route.weight : route.weight(params), now);
      if (route.security !== 'NONE') {
        account = authenticate(
          { family, security: route.security, params, apiKeyHeader: request.headers['x-mbx-apikey'], now },
          { credentials: ctx.credentials, nonces: ctx.nonces, settings: ctx.settings },
        );
        ctx.ensureAccount(account);
      }
      if (route.orders !== undefined) orderCounts = ctx.rateLimits.chargeOrders(account, route.orders(params), now);
      const body = route.handle({ services: this.services, params, account, family, now });
      return this.#json(200, body, this.#headers(ip, now, orderCounts));
    } catch (error) {
      if (!(error instanceof AsterApiError)) throw error;
      return this.#error(error, ip, now, undefined, orderCounts);
    }
  }

  /** The venue's answer when a fault forces `status` without acting. */
  faultResponse(status: number, request: SimRequest): SimResponse {
    const now = this.services.ctx.now();
    const error = faultError(status, this.services.ctx.settings.weightPerMinute);
    return this.#json(status, error.body(), {
      ...this.#headers(request.remoteAddress, now, undefined),
      ...(status === 429 || status === 418 ? { 'Retry-After': '1' } : {}),
    });
  }

  /** An armed 429 burst: the venue's -1003 answer with Retry-After. */
  rateLimitedResponse(request: SimRequest, retryAfterMs: number): SimResponse {
    const now = this.services.ctx.now();
    const error = AsterErrors.tooManyRequests(this.services.ctx.settings.weightPerMinute, Math.ceil(retryAfterMs / 1000));
    return this.#json(429, error.body(), { ...this.#headers(request.remoteAddress, now, undefined), 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
  }

  #headers(ip: string, now: number, orders: OrderCounts | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'X-MBX-USED-WEIGHT-1M': String(this.services.ctx.rateLimits.usedWeight(ip, now)),
    };
    if (orders !== undefined) {
      headers['X-MBX-ORDER-COUNT-1M'] = String(orders.minute);
      headers['X-MBX-ORDER-COUNT-10S'] = String(orders.tenSeconds);
    }
    return headers;
  }

  #error(error: AsterApiError, ip: string, now: number, status?: number, orders?: OrderCounts): SimResponse {
    const headers = this.#headers(ip, now, orders);
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
    return this.#json(status ?? error.httpStatus, error.body(), headers);
  }

  #json(status: number, body: unknown, headers: Record<string, string>): SimResponse {
    return { status, headers, body: JSON.stringify(body) };
  }
}

function faultError(status: number, weightLimit: number): AsterApiError {
  switch (status) {
    case 503:
    case 504:
      // "Send status unknown; execution status unknown": the order may or may not exist.
      return AsterErrors.timeout();
    case 502:
      return AsterErrors.unexpectedResponse();
    case 429:
      return AsterErrors.tooManyRequests(weightLimit, 1);
    case 418:
      return AsterErrors.banned(0, 1);
    case 401:
      return AsterErrors.rejectedApiKey();
    case 403:
      return new AsterApiError(-1002, 'You are not authorized to execute this request.', 403);
    default:
      return AsterErrors.unknown();
  }
}
