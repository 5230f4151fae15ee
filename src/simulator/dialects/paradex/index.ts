/**
 * The Paradex dialect: the venue's REST API under /v1 (rest/routes.ts) and its JSON-RPC WebSocket
 * at /v1 (./ws), over one shared venue state (venue.ts).
 */
import type { Dialect, DialectContext, SimRequest, SimResponse } from '../../dialect.js';
import { errorResponse, faultError } from './errors.js';
import { handleRest, rateLimited } from './rest/routes.js';
import { createParadexVenue, type ParadexVenue, type ParadexVenueOptions } from './venue.js';
import { createParadexWs } from './ws/index.js';

export type { ParadexVenue } from './venue.js';
export { createParadexVenue } from './venue.js';

export interface ParadexDialect extends Dialect {
  /** The shared venue state (tests and tools: accounts, tokens, rate limits). */
  readonly state: ParadexVenue;
}

export function createParadexDialect(context: DialectContext, options: ParadexVenueOptions = {}): ParadexDialect {
  const venue = createParadexVenue(context, options);
  const ws = createParadexWs(venue);
  const unregister = context.faults.onDropConnections((reason) => ws.dropAll(reason));
  return {
    venue: 'paradex',
    wsPath: '/v1',
    state: venue,
    handleHttp: (request: SimRequest): SimResponse => handleRest(venue, request),
    faultResponse: (status: number): SimResponse => errorResponse(faultError(status)),
    rateLimitedResponse(_request: SimRequest, retryAfterMs: number): SimResponse {
      const resetSec = Math.ceil((venue.now() + retryAfterMs) / 1000);
      // A burst armed by the fault knob is not one of the venue's budgets; report the public one.
      return rateLimited({ 'x-ratelimit-limit': '1500', 'x-ratelimit-reset': String(resetSec), 'x-ratelimit-window': '60' }, retryAfterMs);
    },
    handleUpgrade: (request, socket, head) => ws.handleUpgrade(request, socket, head),
    expireTokens: () => venue.tokens.expireAll(venue.now()),
    async close() {
      unregister();
      venue.dispose();
      await ws.close();
    },
  };
}
