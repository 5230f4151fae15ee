/**
 * The shape of one REST route of the Aster dialect and what its handler receives.
 */
import type { PathFamily, Security } from '../auth/authenticate.js';
import type { AsterContext } from '../context.js';
import type { Countdowns } from '../countdown.js';
import { AsterErrors } from '../errors.js';
import type { WireParams } from '../params.js';
import type { UserFeed } from '../ws/user-feed.js';

export interface Services {
  readonly ctx: AsterContext;
  readonly userFeed: UserFeed;
  readonly countdowns: Countdowns;
}

export interface RouteRequest {
  readonly services: Services;
  readonly params: WireParams;
  /** Engine account id ('' on public routes). */
  readonly account: string;
  readonly family: PathFamily;
  readonly now: number;
}

export interface Route {
  readonly security: Security;
  /** REQUEST_WEIGHT of the call (may depend on its parameters). */
  readonly weight: number | ((params: WireParams) => number);
  /** ORDERS the call consumes (order placement only). */
  readonly orders?: (params: WireParams) => number;
  /** The JSON body of a successful answer. */
  readonly handle: (request: RouteRequest) => unknown;
}

/** A `limit` parameter: default when absent, -1130 when out of 1..max. */
export function limitParam(params: WireParams, fallback: number, max: number): number {
  const limit = params.int('limit') ?? fallback;
  if (limit < 1 || limit > max) throw AsterErrors.invalidParam('limit');
  return limit;
}

/** startTime / endTime, refusing start > end (-1023). */
export function timeRange(params: WireParams): { startTime?: number; endTime?: number } {
  const startTime = params.int('startTime');
  const endTime = params.int('endTime');
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) throw AsterErrors.startAfterEnd();
  return { ...(startTime === undefined ? {} : { startTime }), ...(endTime === undefined ? {} : { endTime }) };
}
