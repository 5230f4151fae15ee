/**
 * listenKey routes (security USER_STREAM: V1 needs only the API key, V3 is signed) (aster.md §4.3).
 * POST -> {"listenKey": "..."}; PUT and DELETE -> {}.
 */
import type { Route } from './types.js';

export const userStreamRoutes: Record<string, Route> = {
  'POST listenKey': {
    security: 'USER_STREAM',
    weight: 1,
    handle: (r) => {
      const { listenKeys, settings } = r.services.ctx;
      return { listenKey: listenKeys.create(r.account, r.now, settings.listenKeyValidityMs).key };
    },
  },
  'PUT listenKey': {
    security: 'USER_STREAM',
    weight: 1,
    handle: (r) => {
      const { listenKeys, settings } = r.services.ctx;
      listenKeys.keepalive(r.account, r.params.get('listenKey'), r.now, settings.listenKeyValidityMs);
      return {};
    },
  },
  'DELETE listenKey': {
    security: 'USER_STREAM',
    weight: 1,
    handle: (r) => {
      r.services.ctx.listenKeys.close(r.account, r.params.get('listenKey'), r.now);
      return {};
    },
  },
};
