/**
 * The order state machine as a pure table. The tracker asks `checkTransition(from, to)` before it
 * applies any update; an illegal answer is reported and counted by the caller and the update is
 * dropped, so a stale or reordered venue message can never move an order backwards (a late "open"
 * after "filled", a "new" after "canceled").
 *
 * States (core OrderStatus): `pending_submit` (created locally before the request leaves),
 * `unknown` (the request may or may not have reached the venue), the venue's `new` / `untriggered` /
 * `open` / `partially_filled`, our own `pending_cancel`, and the four terminal states.
 */
import type { OrderStatus } from '../core/types.js';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_submit',
  'unknown',
  'new',
  'untriggered',
  'open',
  'partially_filled',
  'pending_cancel',
  'filled',
  'canceled',
  'rejected',
  'expired',
];

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected', 'expired']);

/** Statuses in which the order may rest or trade on the venue. */
export const WORKING_STATUSES: ReadonlySet<OrderStatus> = new Set(['new', 'untriggered', 'open', 'partially_filled', 'pending_cancel']);

const CLOSE: readonly OrderStatus[] = ['filled', 'canceled', 'expired'];

/**
 * Legal next states. Self-transitions are handled separately ("same"), except partially_filled,
 * which may repeat with more filled.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_submit: ['unknown', 'new', 'untriggered', 'open', 'partially_filled', 'pending_cancel', 'rejected', ...CLOSE],
  // From unknown the venue may show any state; pending_submit again only once the venue has shown
  // it does not have the order (the executor resubmits under the same client id).
  unknown: ['pending_submit', 'new', 'untriggered', 'open', 'partially_filled', 'pending_cancel', 'rejected', ...CLOSE],
  new: ['unknown', 'untriggered', 'open', 'partially_filled', 'pending_cancel', 'rejected', ...CLOSE],
  // A fired trigger order goes through the venue's risk check again (Paradex: back to NEW).
  untriggered: ['unknown', 'new', 'open', 'partially_filled', 'pending_cancel', 'rejected', ...CLOSE],
  open: ['unknown', 'partially_filled', 'pending_cancel', ...CLOSE],
  partially_filled: ['unknown', 'partially_filled', 'pending_cancel', ...CLOSE],
  // The venue refused or has not yet processed the cancel: the order is working again.
  pending_cancel: ['unknown', 'open', 'partially_filled', 'untriggered', 'new', ...CLOSE],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export type TransitionVerdict = 'apply' | 'same' | 'illegal';

export function checkTransition(from: OrderStatus, to: OrderStatus): TransitionVerdict {
  if (from === to && from !== 'partially_filled') return 'same';
  return ORDER_TRANSITIONS[from].includes(to) ? 'apply' : 'illegal';
}

export const isTerminalStatus = (status: OrderStatus): boolean => TERMINAL_STATUSES.has(status);
export const isWorkingStatus = (status: OrderStatus): boolean => WORKING_STATUSES.has(status);
/** Not yet known to be on the venue or not: the executor must resolve these by lookup. */
export const isUnresolvedStatus = (status: OrderStatus): boolean => status === 'pending_submit' || status === 'unknown';
/** Anything that is not terminal: working, unresolved or pending. */
export const isLiveStatus = (status: OrderStatus): boolean => !TERMINAL_STATUSES.has(status);
