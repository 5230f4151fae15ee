/**
 * The protective orders of one position on the venue: exactly one reduce-only stop-loss and one
 * take-profit at the wanted triggers. A missing or mispriced one is replaced new-before-old (the
 * old is cancelled only after the new is in, or first when the venue refuses a second one); extras
 * are cancelled. Unresolved orders at the right trigger count as present, so an order whose
 * outcome is still being looked up is never doubled.
 */
import { supportsOrderType } from '../core/capabilities.js';
import { RequestError } from '../core/errors.js';
import type { DecimalString, OrderRequest, OrderType, PositionSide } from '../core/types.js';
import type { OrderExecutor } from './order-executor.js';
import { isUnresolvedStatus, isWorkingStatus } from './order-state.js';
import { closingSide, type ProtectiveKind } from './protection.js';
import type { ExecutionEventHandler, TrackedOrder } from './types.js';

export type ProtectiveSizing = 'close_position' | 'exact';

export interface ProtectiveTarget {
  readonly market: string;
  readonly kind: ProtectiveKind;
  readonly side: Exclude<PositionSide, 'flat'>;
  readonly trigger: DecimalString;
  /** Absolute position size (used with exact sizing). */
  readonly size: DecimalString;
}

export class ProtectiveOrders {
  readonly #executor: OrderExecutor;
  readonly #sizing: ProtectiveSizing;
  readonly #emit: ExecutionEventHandler;

  constructor(executor: OrderExecutor, sizing: ProtectiveSizing, emit: ExecutionEventHandler) {
    this.#executor = executor;
    this.#sizing = sizing;
    this.#emit = emit;
  }

  /** Cancel every one of these protective orders not already being cancelled. */
  async removeAll(ours: readonly TrackedOrder[]): Promise<void> {
    for (const o of ours) if (o.status !== 'pending_cancel') await this.#cancel(o);
  }

  /** One protective order of `kind` at `trigger` for the position; replaces or trims the rest. */
  async keep(target: ProtectiveTarget, ours: readonly TrackedOrder[]): Promise<void> {
    const { market, kind, side, trigger } = target;
    const mine = ours.filter((o) => o.role === kind && o.status !== 'pending_cancel');
    const wantSide = closingSide(side);
    const exactSize = target.size;
    const fits = (o: TrackedOrder): boolean =>
      (isWorkingStatus(o.status) || isUnresolvedStatus(o.status)) &&
      o.side === wantSide &&
      o.triggerPrice !== undefined &&
      o.triggerPrice === trigger &&
      (this.#sizing === 'close_position' || o.size === exactSize);
    const keep = mine.find(fits);
    const stale = mine.filter((o) => o !== keep);
    if (keep !== undefined) {
      for (const o of stale) await this.#cancel(o);
      return;
    }
    const request = this.#request(market, kind, wantSide, trigger, exactSize);
    if (request === undefined) return;
    try {
      const placed = await this.#executor.place(request, { role: kind });
      this.#emit({ type: 'protection', market, action: `${kind}_placed`, detail: `${placed.clientOrderId} at ${trigger}` });
    } catch (error) {
      // Some venues refuse a second whole-position stop: cancel the old one first, then retry.
      if (!(error instanceof RequestError) || stale.length === 0) throw error;
      for (const o of stale) await this.#cancel(o);
      await this.#executor.place(request, { role: kind });
      return;
    }
    for (const o of stale) await this.#cancel(o);
  }

  #request(market: string, kind: ProtectiveKind, side: 'buy' | 'sell', trigger: DecimalString, size: DecimalString): OrderRequest | undefined {
    const caps = this.#executor.client.capabilities;
    const preferred: readonly OrderType[] = kind === 'stop_loss' ? ['stop_loss_market', 'stop_market'] : ['take_profit_market'];
    const type = preferred.find((t) => supportsOrderType(caps, t));
    if (type === undefined) {
      this.#emit({ type: 'protection', market, action: `${kind}_unsupported`, detail: 'the venue has no suitable trigger order type' });
      return undefined;
    }
    const whole = this.#sizing === 'close_position';
    return {
      market,
      side,
      type,
      size: whole ? '0' : size,
      triggerPrice: trigger,
      reduceOnly: true,
      ...(whole ? { closePosition: true } : {}),
      // A stop must not be expired by our own resting entry it would trade against: the entry goes.
      ...(caps.selfTradePrevention ? { selfTradePrevention: 'expire_maker' as const } : {}),
    };
  }

  async #cancel(order: TrackedOrder): Promise<void> {
    try {
      await this.#executor.cancel(order.clientOrderId);
    } catch (error) {
      this.#emit({ type: 'error', where: `cancel protective ${order.clientOrderId}`, error });
    }
  }
}
