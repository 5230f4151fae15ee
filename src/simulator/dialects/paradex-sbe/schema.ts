/**
 * Paradex SBE schema 1 as the simulated server sees it: template ids, root-block sizes per
 * negotiated version, and the uint8 codes of the enums the public templates carry.
 * Written from shared/protocol/paradex-sbe.md §3-§5, independently of the client decoder.
 */
export const SCHEMA_ID = 1;
export const HEADER_BYTES = 8;
/** INT64_MIN: the null sentinel of every optional int64 field (reserved in the others). */
export const NULL_INT64 = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export type SbeVersion = 0 | 1 | 2;

export const TEMPLATE_ID = {
  trade: 1,
  bbo: 2,
  book: 3,
  marketSummary: 4,
  fundingData: 5,
  fundingRateComparison: 6,
  heartbeat: 40,
  subscribed: 41,
} as const;

/** Root block bytes, fixed by the negotiated version (fields with `since` <= version). */
export function rootBlockBytes(template: keyof typeof TEMPLATE_ID, version: SbeVersion): number {
  switch (template) {
    case 'trade':
      return 50;
    case 'bbo':
      return 48;
    case 'book':
      return 89;
    case 'marketSummary':
      return version >= 1 ? 240 : 216;
    case 'fundingData':
      return version >= 1 ? 66 : 58;
    case 'fundingRateComparison':
      return 26;
    case 'heartbeat':
      return 16;
    case 'subscribed':
      return 17;
  }
}

/** Each book level: int64 price + int64 size. */
export const BOOK_LEVEL_BYTES = 16;

export const SIDE_CODE = { BUY: 1, SELL: 2, NON_REPRESENTABLE: 254 } as const;
export type SideName = keyof typeof SIDE_CODE;

export const FILL_TYPE_CODE = {
  FILL: 1,
  LIQUIDATION: 2,
  UNWIND_TRANSFER: 3,
  SETTLE_MARKET: 4,
  RPI: 5,
  BLOCK_TRADE: 6,
  NON_REPRESENTABLE: 254,
} as const;
export type FillTypeName = keyof typeof FILL_TYPE_CODE;

export const PKG_TYPE_CODE = { SNAPSHOT: 0, DELTA: 1 } as const;
export type PkgTypeName = keyof typeof PKG_TYPE_CODE;

export const ASSET_KIND_CODE = { UNSPECIFIED: 0, PERPETUAL_FUTURE: 1, OPTION: 2, SPOT: 3 } as const;
export type AssetKindName = keyof typeof ASSET_KIND_CODE;

export const FUNDING_SOURCE_CODE = {
  UNSPECIFIED: 0,
  PARADEX: 1,
  BINANCE: 2,
  BYBIT: 3,
  OKX: 4,
  DERIBIT: 5,
  DERIVE: 6,
  HYPERLIQUID: 7,
  LIGHTER: 8,
  DATABENTO: 9,
  PUBLISHER: 10,
  PYTH: 11,
  STORK: 12,
} as const;
export type FundingSourceName = keyof typeof FUNDING_SOURCE_CODE;
