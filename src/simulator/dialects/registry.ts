/**
 * The venue dialects the simulator can serve. Each dialect module registers its factory here.
 */
import type { DialectFactory, VenueName } from '../dialect.js';
import { createAsterDialect } from './aster/index.js';
import { createParadexDialect } from './paradex/index.js';

export const DIALECTS: Partial<Record<VenueName, DialectFactory>> = {
  paradex: (context) => createParadexDialect(context),
  aster: (context) => createAsterDialect(context),
};

/** Where each venue's REST API and WebSocket live on the simulator's port (the venue's own paths). */
export const VENUE_PATHS: Record<VenueName, { readonly api: string; readonly ws: string }> = {
  // Paradex: REST under /v1/..., the WebSocket at /v1.
  paradex: { api: '/v1', ws: '/v1' },
  // Aster: REST under /fapi/..., combined streams at /stream and user data at /ws/<listenKey>.
  aster: { api: '', ws: '' },
};
