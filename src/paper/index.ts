/** Paper trading: an ExchangeClient over the simulator engine, optionally following live prices. */
export { PaperExchangeClient } from './paper-client.js';
export type { PaperExchangeClientOptions } from './paper-client.js';
export { MarketMirror } from './market-mirror.js';
export type { MarketMirrorOptions } from './market-mirror.js';
export { PAPER_CAPABILITIES } from './capabilities.js';
export { Subscriptions, toExchangeEvent } from './paper-events.js';
export type { EventContext } from './paper-events.js';
