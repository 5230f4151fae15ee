/**
 * Engine events -> ExchangeEvents for one paper account, and the subscription filter: private
 * topics (orders, fills, positions, account) and per-market public topics (bbo, trades, funding),
 * as a venue's streams would deliver them.
 */
import type { ExchangeEvent, Subscription } from '../core/exchange-client.js';
import type { ExchangeId } from '../core/types.js';
import type { EngineEvent, EngineOrder } from '../simulator/engine/index.js';
import * as map from './engine-mapping.js';

export interface EventContext {
  readonly exchange: ExchangeId;
  readonly account: string;
  /** Engine market id -> the client's symbol. */
  readonly symbol: (engineMarket: string) => string;
}

/** The account's own events and the public market events; undefined for what a venue never sends. */
export function toExchangeEvent(e: EngineEvent, ctx: EventContext): ExchangeEvent | undefined {
  const { exchange, account } = ctx;
  const order = (o: EngineOrder) => map.toOrder(o, exchange, ctx.symbol(o.market));
  switch (e.type) {
    case 'order':
      return e.account === account ? { type: 'order', exchange, order: order(e.order) } : undefined;
    case 'fill':
      return e.account === account ? { type: 'fill', exchange, fill: map.toFill(e.fill, exchange, ctx.symbol(e.fill.market)) } : undefined;
    case 'fill_busted':
      return e.account === account ? { type: 'fill_busted', exchange, fillId: e.fill.id, timestamp: e.timestamp } : undefined;
    case 'position':
      return e.account === account ? { type: 'position', exchange, position: map.toPosition(e.position, exchange, ctx.symbol(e.position.market)) } : undefined;
    case 'balance':
      return e.account === account ? { type: 'balance', exchange, balance: { asset: e.asset, total: e.balance, updatedAt: e.timestamp } } : undefined;
    case 'account':
      return e.account === account ? { type: 'account', exchange, account: map.toAccount(e.summary, exchange) } : undefined;
    case 'funding_payment':
      return e.account === account
        ? { type: 'funding_payment', exchange, payment: map.toFundingPayment(e.payment, ctx.symbol(e.payment.market)) }
        : undefined;
    case 'bbo':
      return { type: 'bbo', exchange, bbo: map.toBbo(e.bbo, ctx.symbol(e.market)) };
    case 'trade':
      return { type: 'trade', exchange, trade: map.toTrade(e.trade, ctx.symbol(e.market)) };
    case 'funding_rate':
      return {
        type: 'funding',
        exchange,
        funding: { market: ctx.symbol(e.market), rate: e.funding.rate, markPrice: e.funding.markPrice, periodHours: e.funding.periodHours, timestamp: e.timestamp },
      };
    case 'book_delta':
    case 'mark_price':
    case 'trade_busted':
      return undefined;
  }
}

const PRIVATE_TYPES: ReadonlySet<ExchangeEvent['type']> = new Set(['order', 'fill', 'fill_busted', 'position', 'balance', 'account', 'funding_payment']);

/** The topics a paper client's user subscribed to. */
export class Subscriptions {
  readonly #private = new Set<string>();
  readonly #public = new Map<string, Set<string>>();

  add(subscription: Subscription): void {
    const market = publicMarket(subscription);
    if (market === undefined) {
      this.#private.add(subscription.channel);
      return;
    }
    const set = this.#public.get(subscription.channel) ?? new Set<string>();
    set.add(market);
    this.#public.set(subscription.channel, set);
  }

  remove(subscription: Subscription): void {
    const market = publicMarket(subscription);
    if (market === undefined) this.#private.delete(subscription.channel);
    else this.#public.get(subscription.channel)?.delete(market);
  }

  wants(event: ExchangeEvent): boolean {
    if (PRIVATE_TYPES.has(event.type)) {
      switch (event.type) {
        case 'order':
          return this.#private.has('orders');
        case 'fill':
        case 'fill_busted':
          return this.#private.has('fills');
        case 'position':
          return this.#private.has('positions');
        default:
          return this.#private.has('account');
      }
    }
    switch (event.type) {
      case 'bbo':
        return this.#public.get('bbo')?.has(event.bbo.market) === true;
      case 'trade':
        return this.#public.get('trades')?.has(event.trade.market) === true;
      case 'funding':
        return this.#public.get('funding')?.has(event.funding.market) === true;
      default:
        return false;
    }
  }
}

/** The market of a public subscription; undefined for the private (account-wide) channels. */
export function publicMarket(subscription: Subscription): string | undefined {
  if (subscription.channel === 'orders' || subscription.channel === 'fills' || !('market' in subscription)) return undefined;
  return subscription.market;
}
