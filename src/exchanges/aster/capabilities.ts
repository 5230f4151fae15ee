/**
 * What AsterClient can do, per API generation. V3 adds in-place amendment of LIMIT orders
 * (PUT /fapi/v3/order) and self-trade prevention (`stpMode`); everything else is the same.
 */
import type { Capabilities } from '../../core/capabilities.js';
import type { AsterApiVersion } from './auth/types.js';

/** Batch create takes at most 5 orders (aster.md §4.3). */
export const ASTER_BATCH_CREATE_MAX = 5;
/** Batch cancel takes at most 10 ids of one symbol. */
export const ASTER_BATCH_CANCEL_MAX = 10;

export function asterCapabilities(version: AsterApiVersion): Capabilities {
  return {
    orderTypes: [
      'market',
      'limit',
      'stop_market',
      'stop_limit',
      'take_profit_market',
      'take_profit_limit',
      'stop_loss_market',
      'stop_loss_limit',
      'trailing_stop_market',
    ],
    timeInForce: ['gtc', 'ioc', 'fok', 'post_only'],
    batchCreateMax: ASTER_BATCH_CREATE_MAX,
    batchCancel: true,
    amend: version === 'v3',
    cancelByClientId: true,
    cancelAll: true,
    closePositionOrders: true,
    reduceOnly: true,
    // The order answer is the venue's verdict (NEW / FILLED / REJECTED); no later risk check.
    asyncRiskCheck: false,
    queuedCancel: false,
    deadManSwitch: 'countdown',
    wsOrderEntry: false,
    streaming: true,
    clientOrderIdMaxLength: 36,
    selfTradePrevention: version === 'v3',
  };
}
