/**
 * The one interface the execution layer and the bot use. Implementations: ParadexClient,
 * AsterClient, PaperExchangeClient. Consumers never see wire frames or venue field names.
 */
import type { Capabilities } from './capabilities.js';
import type {
  AccountSummary,
  BBO,
  Balance,
  BatchItemResult,
  ExchangeId,
  Fill,
  FundingPayment,
  FundingRate,
  HistoryQuery,
  Market,
  Order,
  OrderAmendment,
  OrderBook,
  OrderRef,
  OrderRequest,
  Position,
  Trade,
} from './types.js';

export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'authenticating'
  | 'ready'
  | 'reconnecting'
  | 'reconnected'
  | 'closed';

export type ExchangeEvent =
  | { readonly type: 'order'; readonly exchange: ExchangeId; readonly order: Order }
  | { readonly type: 'fill'; readonly exchange: ExchangeId; readonly fill: Fill }
  /** A fill the venue reversed (Paradex tradebust). */
  | { readonly type: 'fill_busted'; readonly exchange: ExchangeId; readonly fillId: string; readonly timestamp: number }
  | { readonly type: 'position'; readonly exchange: ExchangeId; readonly position: Position }
  | { readonly type: 'balance'; readonly exchange: ExchangeId; readonly balance: Balance }
  | { readonly type: 'account'; readonly exchange: ExchangeId; readonly account: AccountSummary }
  | { readonly type: 'bbo'; readonly exchange: ExchangeId; readonly bbo: BBO }
  | { readonly type: 'trade'; readonly exchange: ExchangeId; readonly trade: Trade }
  | { readonly type: 'book'; readonly exchange: ExchangeId; readonly book: OrderBook }
  | { readonly type: 'funding'; readonly exchange: ExchangeId; readonly funding: FundingRate }
  | { readonly type: 'funding_payment'; readonly exchange: ExchangeId; readonly payment: FundingPayment }
  | {
      readonly type: 'connection';
      readonly exchange: ExchangeId;
      readonly state: ConnectionState;
      readonly reason?: string;
      readonly timestamp: number;
    };

export type ExchangeEventType = ExchangeEvent['type'];

/** What to stream. Private topics need credentials. */
export type Subscription =
  | { readonly channel: 'bbo'; readonly market: string }
  | { readonly channel: 'trades'; readonly market: string }
  | { readonly channel: 'book'; readonly market: string; readonly depth?: number }
  | { readonly channel: 'funding'; readonly market: string }
  | { readonly channel: 'orders'; readonly market?: string }
  | { readonly channel: 'fills'; readonly market?: string }
  | { readonly channel: 'positions' }
  | { readonly channel: 'account' };

export type EventHandler = (event: ExchangeEvent) => void;

export interface ExchangeClient {
  readonly exchange: ExchangeId;
  readonly capabilities: Capabilities;

  /** Authenticate (onboarding first where the venue needs it) and load markets. Idempotent. */
  connect(): Promise<void>;
  /** Close sockets and timers. */
  close(): Promise<void>;

  // Market data
  loadMarkets(reload?: boolean): Promise<readonly Market[]>;
  /** A market loaded by loadMarkets; throws InvalidOrderError when unknown. */
  market(symbol: string): Market;
  getOrderBook(market: string, depth?: number): Promise<OrderBook>;
  getBBO(market: string): Promise<BBO>;
  getTrades(market: string, limit?: number): Promise<readonly Trade[]>;
  getFundingRate(market: string): Promise<FundingRate>;
  /** Venue time in ms. */
  getServerTime(): Promise<number>;

  // Account
  getAccount(): Promise<AccountSummary>;
  getBalances(): Promise<readonly Balance[]>;
  getPositions(): Promise<readonly Position[]>;
  getOpenOrders(market?: string): Promise<readonly Order[]>;
  /** Looks in open orders first, then history; undefined when the venue has no such order. */
  getOrder(ref: OrderRef): Promise<Order | undefined>;
  getOrderHistory(query?: HistoryQuery): Promise<readonly Order[]>;
  getFills(query?: HistoryQuery): Promise<readonly Fill[]>;
  getFundingPayments(query?: HistoryQuery): Promise<readonly FundingPayment[]>;

  // Trading
  /** Validates and quantizes the request, then submits. The answer may be status 'new' (not yet accepted). */
  placeOrder(request: OrderRequest): Promise<Order>;
  /** Results line up index by index with the requests. */
  placeOrders(requests: readonly OrderRequest[]): Promise<readonly BatchItemResult<Order>[]>;
  amendOrder(ref: OrderRef, changes: OrderAmendment): Promise<Order>;
  cancelOrder(ref: OrderRef): Promise<void>;
  cancelAllOrders(market?: string): Promise<void>;
  /**
   * Arms the venue's dead-man switch (capabilities.deadManSwitch): Aster's countdown cancels every
   * open order when not refreshed within `timeoutMs`; Paradex's cancel_on_disconnect cancels them
   * when the socket drops (timeoutMs only needs to be > 0). 0 disarms. Clients re-arm it after
   * every reconnect. NotSupportedError where the venue has none.
   */
  setDeadManSwitch(timeoutMs: number): Promise<void>;

  // Streams
  /** Adds a topic to the desired set; it is replayed after every reconnect. */
  subscribe(subscription: Subscription): Promise<void>;
  unsubscribe(subscription: Subscription): Promise<void>;
  /** Registers a handler for every event; returns a function that removes it. */
  onEvent(handler: EventHandler): () => void;
}
