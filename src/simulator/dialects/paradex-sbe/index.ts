/** Paradex SBE for the simulator: public-template encoders and upgrade negotiation. */
export {
  encodeBboEvent,
  encodeBookEvent,
  encodeFundingDataEvent,
  encodeFundingRateComparisonEvent,
  encodeHeartbeatEvent,
  encodeMarketSummaryEvent,
  encodeSubscribedEvent,
  encodeTradeEvent,
} from './encode-public.js';
export type {
  BboEventInput,
  BookEventInput,
  BookLevelInput,
  FundingDataEventInput,
  FundingRateComparisonEventInput,
  HeartbeatEventInput,
  MarketSummaryEventInput,
  SubscribedEventInput,
  TradeEventInput,
} from './encode-public.js';
export { negotiateSbe, supportedSbeVersions } from './negotiation.js';
export type { SbeNegotiation } from './negotiation.js';
export { SCHEMA_ID as SBE_SCHEMA_ID, TEMPLATE_ID as SBE_TEMPLATE_ID } from './schema.js';
export type { AssetKindName, FillTypeName, FundingSourceName, PkgTypeName, SbeVersion, SideName } from './schema.js';
export { SbeEncodeError } from './values.js';
export type { Int64Like } from './values.js';
