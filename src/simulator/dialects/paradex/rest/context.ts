/**
 * What a REST route handler gets and returns. Routes are matched on the path after /v1.
 */
import type { SimRequest, SimResponse } from '../../../dialect.js';
import type { RateLimitKind } from '../rate-limits.js';
import type { ParadexVenue } from '../venue.js';

export interface RouteContext {
  readonly venue: ParadexVenue;
  readonly request: SimRequest;
  /** Decoded path captures, in pattern order. */
  readonly params: readonly string[];
  /** Canonical account address of the bearer token ("" on public routes). */
  readonly account: string;
  /** Venue time of the request (ms). */
  readonly nowMs: number;
}

export type RouteHandler = (context: RouteContext) => SimResponse;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path without the /v1 prefix, anchored. */
  readonly pattern: RegExp;
  readonly kind: RateLimitKind;
  /** Needs `Authorization: Bearer <jwt>`. */
  readonly private: boolean;
  readonly handle: RouteHandler;
}

/** The JSON body, or undefined when it is not valid JSON ("" counts as undefined too). */
export function parseJsonBody(request: SimRequest): { ok: true; value: unknown } | { ok: false } {
  if (request.body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch {
    return { ok: false };
  }
}

export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
