/** What the PaperExchangeClient can do: everything the simulator engine implements. */
import type { Capabilities } from '../core/capabilities.js';
import { ORDER_TYPES } from '../core/types.js';

export const PAPER_CAPABILITIES: Capabilities = {
  orderTypes: ORDER_TYPES,
  timeInForce: ['gtc', 'ioc', 'fok', 'post_only'],
  batchCreateMax: 10,
  batchCancel: true,
  amend: true,
  cancelByClientId: true,
  cancelAll: true,
  closePositionOrders: true,
  reduceOnly: true,
  // The engine runs in synchronous mode: an accepted order is risk-checked and matched at once.
  asyncRiskCheck: false,
  queuedCancel: false,
  deadManSwitch: 'countdown',
  wsOrderEntry: false,
  streaming: true,
  clientOrderIdMaxLength: 64,
  selfTradePrevention: true,
};
