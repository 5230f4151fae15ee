/**
 * Which symbol an order belongs to. Aster's order calls all need `symbol`, the domain's OrderRef
 * may not carry it: the client remembers the symbol of every order id and client id it has seen
 * (bounded, oldest forgotten first) and the symbols it traded (the history and catch-up scope).
 */
import type { Order, OrderRef } from '../../core/types.js';

export class OrderIndex {
  readonly #symbolOf = new Map<string, string>();
  readonly traded = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  note(key: string, symbol: string): void {
    if (this.#symbolOf.size >= this.capacity && !this.#symbolOf.has(key)) {
      this.#symbolOf.delete(this.#symbolOf.keys().next().value as string);
    }
    this.#symbolOf.set(key, symbol);
  }

  remember(order: Order): Order {
    this.note(order.id, order.market);
    if (order.clientOrderId !== undefined) this.note(order.clientOrderId, order.market);
    return order;
  }

  /** The ref's market, or the remembered one; undefined when unknown. */
  symbolOf(ref: OrderRef): string | undefined {
    return ref.market ?? this.#symbolOf.get('id' in ref ? ref.id : ref.clientOrderId);
  }
}
