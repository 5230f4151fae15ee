/**
 * What a client can do, declared once per client and checked by the contract suite, so callers
 * (the executor, the contract tests) branch on capabilities, never on the venue's name.
 */
import type { OrderType, TimeInForce } from './types.js';

export interface Capabilities {
  readonly orderTypes: readonly OrderType[];
  readonly timeInForce: readonly TimeInForce[];
  /** Largest batch of creates in one request; 0 when the venue has no batch create. */
  readonly batchCreateMax: number;
  readonly batchCancel: boolean;
  /** Modify in place (price/size) keeping the order id; false means cancel + new. */
  readonly amend: boolean;
  readonly cancelByClientId: boolean;
  readonly cancelAll: boolean;
  /** A size-0 / closePosition TP/SL order that closes whatever position is open. */
  readonly closePositionOrders: boolean;
  readonly reduceOnly: boolean;
  /** Order acceptance is asynchronous: the venue may answer "new" and close the order after a risk check. */
  readonly asyncRiskCheck: boolean;
  /** Cancels are queued and confirmed later (the cancel call returns before the order is closed). */
  readonly queuedCancel: boolean;
  /** Dead-man switch kind, if any. */
  readonly deadManSwitch: 'cancel_on_disconnect' | 'countdown' | null;
  /** Order entry over the WebSocket. */
  readonly wsOrderEntry: boolean;
  /** Live streams (market data and private events) through subscribe(). */
  readonly streaming: boolean;
  /** Maximum client order id length. */
  readonly clientOrderIdMaxLength: number;
  readonly selfTradePrevention: boolean;
}

export function supportsOrderType(caps: Capabilities, type: OrderType): boolean {
  return caps.orderTypes.includes(type);
}

export function supportsTimeInForce(caps: Capabilities, tif: TimeInForce): boolean {
  return caps.timeInForce.includes(tif);
}
