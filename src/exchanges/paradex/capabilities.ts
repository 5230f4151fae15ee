/** What ParadexClient can do (checked by the contract suite; callers branch on this, not on the venue). */
import type { Capabilities } from '../../core/capabilities.js';

export const PARADEX_CAPABILITIES: Capabilities = {
  orderTypes: [
    'market',
    'limit',
    'stop_market',
    'stop_limit',
    'take_profit_market',
    'take_profit_limit',
    'stop_loss_market',
    'stop_loss_limit',
  ],
  timeInForce: ['gtc', 'ioc', 'post_only'],
  batchCreateMax: 10,
  batchCancel: true,
  amend: true,
  cancelByClientId: true,
  cancelAll: true,
  closePositionOrders: true,
  reduceOnly: true,
  asyncRiskCheck: true,
  queuedCancel: true,
  deadManSwitch: 'cancel_on_disconnect',
  // order.create / order.cancel / order.cancel_all over the socket (ParadexClient option orderEntry: 'ws').
  wsOrderEntry: true,
  streaming: true,
  clientOrderIdMaxLength: 64,
  selfTradePrevention: true,
};
