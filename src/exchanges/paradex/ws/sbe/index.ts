/** Paradex SBE (binary WebSocket payload) decoder: public surface. */
export { SBE_HEADER_LENGTH, SBE_SCHEMA_ID, SBE_TEMPLATE, decodeParadexSbe, readSbeHeader, sbeChannelOf, sbeHexPreview } from './decoder.js';
export type { SbeHeader } from './decoder.js';
export type * from './types.js';
export type {
  SbeAccountStatus,
  SbeAssetKind,
  SbeFillFlag,
  SbeFillType,
  SbeFundingSource,
  SbeLiquidity,
  SbeOrderFlag,
  SbeOrderStatus,
  SbeOrderType,
  SbePositionSide,
  SbePositionStatus,
  SbeRequestStatus,
  SbeRequestType,
  SbeSide,
  SbeStp,
  SbeTimeInForce,
  UnknownCode,
} from './enums.js';
