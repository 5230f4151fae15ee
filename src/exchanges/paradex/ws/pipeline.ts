/**
 * The last step of the frame path: routed payloads -> ExchangeEvents. Kept apart from the stream
 * so that the benchmark measures exactly the code a live frame goes through (router + this sink +
 * book sync), without a socket.
 */
import type { ExchangeEvent } from '../../../core/exchange-client.js';
import { parseWsAccount, parseWsBalanceEvent, parseWsFill, parseWsFundingPayment, parseWsOrder, parseWsPosition, parseWsTradeBust } from '../parse-ws-private.js';
import type { BookFeedSync } from './book-feed.js';
import type { PrivateKind, RouterSink } from './router.js';
import type { RpcAnswer } from './rpc.js';

const EXCHANGE = 'paradex' as const;

export interface SinkTargets {
  /** Public events go straight out. */
  readonly emit: (event: ExchangeEvent) => void;
  /** Private events go through the dedupe / catch-up state. */
  readonly deliverPrivate: (event: ExchangeEvent) => void;
  readonly bookFeed: (channel: string) => BookFeedSync | undefined;
  readonly settle: (answer: RpcAnswer) => void;
  readonly onMarkPrice?: ((market: string, price: string) => void) | undefined;
  readonly onError: (error: unknown) => void;
}

export function createRouterSink(targets: SinkTargets): RouterSink {
  const { emit } = targets;
  return {
    rpc: (answer) => targets.settle(answer),
    bbo: (bbo) => emit({ type: 'bbo', exchange: EXCHANGE, bbo }),
    trade: (trade) => emit({ type: 'trade', exchange: EXCHANGE, trade }),
    book: (channel, update) => targets.bookFeed(channel)?.handle(update),
    funding: (funding) => emit({ type: 'funding', exchange: EXCHANGE, funding }),
    summary: (summary) => {
      if (summary.markPrice !== undefined) targets.onMarkPrice?.(summary.market, summary.markPrice);
      if (summary.funding !== undefined) emit({ type: 'funding', exchange: EXCHANGE, funding: summary.funding });
    },
    private: (kind, data) => targets.deliverPrivate(privateEvent(kind, data)),
    error: (error) => targets.onError(error),
  };
}

/** One private payload as its domain event (throws DecodeError when it does not fit its schema). */
export function privateEvent(kind: PrivateKind, data: unknown): ExchangeEvent {
  switch (kind) {
    case 'orders':
      return { type: 'order', exchange: EXCHANGE, order: parseWsOrder(data) };
    case 'fills':
      return { type: 'fill', exchange: EXCHANGE, fill: parseWsFill(data) };
    case 'positions':
      return { type: 'position', exchange: EXCHANGE, position: parseWsPosition(data) };
    case 'account':
      return { type: 'account', exchange: EXCHANGE, account: parseWsAccount(data) };
    case 'balance_events':
      return { type: 'balance', exchange: EXCHANGE, balance: parseWsBalanceEvent(data) };
    case 'funding_payments':
      return { type: 'funding_payment', exchange: EXCHANGE, payment: parseWsFundingPayment(data) };
    case 'tradebusts': {
      const bust = parseWsTradeBust(data);
      return { type: 'fill_busted', exchange: EXCHANGE, fillId: bust.fillId, timestamp: bust.timestamp };
    }
  }
}
