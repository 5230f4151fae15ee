/**
 * Types shared by the execution layer: the tracked order, order roles, the events the layer
 * reports about itself, and the trading settings it reads (the same shape as config's
 * TradingSettings, restated here because execution never imports config).
 */
import type { DecimalString, OrderRequest, OrderStatus, OrderType, Side } from '../core/types.js';

/**
 * Why we hold an order. Protective roles are managed by the PositionManager; `adopted` is an order
 * of ours (by client-id prefix) found on the venue that this process did not create.
 */
export type OrderRole = 'entry' | 'exit' | 'stop_loss' | 'take_profit' | 'adopted';

export const PROTECTIVE_ROLES: ReadonlySet<OrderRole> = new Set(['stop_loss', 'take_profit']);

/** One order as the tracker knows it. Immutable: every change produces a new object. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly market: string;
  readonly role: OrderRole;
  /** The request as sent (with clientOrderId); for adopted orders, rebuilt from the venue's order. */
  readonly request: OrderRequest;
  readonly status: OrderStatus;
  readonly venueOrderId?: string;
  readonly side: Side;
  readonly type: OrderType;
  /** The venue's size once known ("0" for whole-position TP/SL), else the requested size. */
  readonly size: DecimalString;
  readonly filledSize: DecimalString;
  readonly avgFillPrice?: DecimalString;
  readonly price?: DecimalString;
  readonly triggerPrice?: DecimalString;
  readonly reduceOnly: boolean;
  readonly cancelReason?: string;
  /** How many times the request was sent (resubmissions after the venue proved it absent). */
  readonly submitAttempts: number;
  /** Consecutive lookups in which the venue said it has no such order. */
  readonly notFoundCount: number;
  /** Declared lost: the venue kept saying it does not know this order. */
  readonly lost: boolean;
  /** Local clock (ms). */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The venue's updatedAt of the last venue update applied; 0 before any. */
  readonly venueUpdatedAt: number;
}

/** Where an order update came from (all are normalised domain Orders/Fills before they arrive). */
export type UpdateSource = 'submit' | 'stream' | 'poll' | 'reconcile' | 'journal' | 'local';

/** The trading parameters of one venue (config TradingSettings without the rate limit). */
export interface TradingParameters {
  /** Leverage applied to position sizing and to ROE, e.g. "10". */
  readonly leverage: DecimalString;
  /** Share of equity used as margin for one position, in percent, e.g. "25". */
  readonly positionSizePercent: DecimalString;
  readonly maxPositions: number;
  /** Take-profit distance as ROE in percent at `leverage` (positive), e.g. "1.5". */
  readonly takeProfitRoe: DecimalString;
  /** Stop-loss distance as ROE in percent at `leverage` (negative), e.g. "-0.5". */
  readonly stopLossRoe: DecimalString;
}

/** What the execution layer reports about itself (for logs, metrics and the dashboard). */
export type ExecutionEvent =
  | { readonly type: 'order_changed'; readonly order: TrackedOrder; readonly previous: OrderStatus | undefined }
  | {
      readonly type: 'illegal_transition';
      readonly clientOrderId: string;
      readonly from: OrderStatus;
      readonly to: OrderStatus;
      readonly source: UpdateSource;
    }
  | { readonly type: 'order_lost'; readonly order: TrackedOrder }
  | { readonly type: 'order_resubmitted'; readonly order: TrackedOrder }
  | { readonly type: 'breaker'; readonly state: 'closed' | 'open' | 'half_open'; readonly reason: string }
  | { readonly type: 'reconciled'; readonly corrections: number; readonly trigger: string }
  | { readonly type: 'protection'; readonly market: string; readonly action: string; readonly detail?: string }
  | { readonly type: 'risk_mode'; readonly reduceOnly: boolean; readonly reason: string }
  | { readonly type: 'error'; readonly where: string; readonly error: unknown };

export type ExecutionEventHandler = (event: ExecutionEvent) => void;
