/**
 * Schema 1 enumerations and sets (uint8 on the wire), decoded to the spellings the JSON channels
 * use. Unknown codes are never fatal: they decode to `UNKNOWN_<code>` so a newer server's value is
 * visible without breaking the stream (AssetKind / FundingRateSource fall back to UNSPECIFIED, as
 * the schema says).
 */
export type UnknownCode = `UNKNOWN_${number}`;

const NON_REPRESENTABLE = 254;

function table<const T extends string>(entries: Record<number, T>): (code: number) => T | UnknownCode {
  const names: (T | undefined)[] = [];
  for (const [code, name] of Object.entries(entries)) names[Number(code)] = name;
  const unknown: UnknownCode[] = Array.from({ length: 256 }, (_, code) => `UNKNOWN_${code}` as UnknownCode);
  return (code) => names[code] ?? (unknown[code] as UnknownCode);
}

export const sideName = table({ 1: 'BUY', 2: 'SELL', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbeSide = ReturnType<typeof sideName>;

/** PositionEvent reuses Side: BUY = long, SELL = short (the JSON positions channel says LONG / SHORT). */
export const positionSideName = table({ 1: 'LONG', 2: 'SHORT', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbePositionSide = ReturnType<typeof positionSideName>;

export const orderTypeName = table({
  1: 'LIMIT',
  2: 'MARKET',
  3: 'STOP_LIMIT',
  4: 'STOP_MARKET',
  5: 'TAKE_PROFIT_LIMIT',
  6: 'TAKE_PROFIT_MARKET',
  7: 'STOP_LOSS_LIMIT',
  8: 'STOP_LOSS_MARKET',
  [NON_REPRESENTABLE]: 'NON_REPRESENTABLE',
});
export type SbeOrderType = ReturnType<typeof orderTypeName>;

export const orderStatusName = table({
  1: 'NEW',
  2: 'UNTRIGGERED',
  3: 'OPEN',
  4: 'CLOSED',
  [NON_REPRESENTABLE]: 'NON_REPRESENTABLE',
});
export type SbeOrderStatus = ReturnType<typeof orderStatusName>;

export const timeInForceName = table({ 1: 'GTC', 2: 'IOC', 3: 'POST_ONLY', 4: 'RPI', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbeTimeInForce = ReturnType<typeof timeInForceName>;

export const fillTypeName = table({
  1: 'FILL',
  2: 'LIQUIDATION',
  3: 'UNWIND_TRANSFER',
  4: 'SETTLE_MARKET',
  5: 'RPI',
  6: 'BLOCK_TRADE',
  [NON_REPRESENTABLE]: 'NON_REPRESENTABLE',
});
export type SbeFillType = ReturnType<typeof fillTypeName>;

export const liquidityName = table({ 1: 'MAKER', 2: 'TAKER', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbeLiquidity = ReturnType<typeof liquidityName>;

export const stpName = table({
  0: 'NONE',
  1: 'EXPIRE_MAKER',
  2: 'EXPIRE_TAKER',
  3: 'EXPIRE_BOTH',
  [NON_REPRESENTABLE]: 'NON_REPRESENTABLE',
});
export type SbeStp = ReturnType<typeof stpName>;

export const positionStatusName = table({ 1: 'OPEN', 2: 'CLOSED', 3: 'UNSPECIFIED', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbePositionStatus = ReturnType<typeof positionStatusName>;

export const accountStatusName = table({ 1: 'ACTIVE', 2: 'LIQUIDATION', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbeAccountStatus = ReturnType<typeof accountStatusName>;

export const requestStatusName = table({
  0: 'UNSPECIFIED',
  1: 'PENDING',
  2: 'PROCESSED',
  3: 'REJECTED',
  4: 'SUCCESS',
  [NON_REPRESENTABLE]: 'NON_REPRESENTABLE',
});
export type SbeRequestStatus = ReturnType<typeof requestStatusName>;

export const requestTypeName = table({ 0: 'UNSPECIFIED', 1: 'MODIFY_ORDER', [NON_REPRESENTABLE]: 'NON_REPRESENTABLE' });
export type SbeRequestType = ReturnType<typeof requestTypeName>;

const ASSET_KINDS = ['UNSPECIFIED', 'PERPETUAL_FUTURE', 'OPTION', 'SPOT'] as const;
export type SbeAssetKind = (typeof ASSET_KINDS)[number];
export function assetKindName(code: number): SbeAssetKind {
  return ASSET_KINDS[code] ?? 'UNSPECIFIED';
}

const FUNDING_SOURCES = [
  'UNSPECIFIED',
  'PARADEX',
  'BINANCE',
  'BYBIT',
  'OKX',
  'DERIBIT',
  'DERIVE',
  'HYPERLIQUID',
  'LIGHTER',
  'DATABENTO',
  'PUBLISHER',
  'PYTH',
  'STORK',
] as const;
export type SbeFundingSource = (typeof FUNDING_SOURCES)[number];
export function fundingSourceName(code: number): SbeFundingSource {
  return FUNDING_SOURCES[code] ?? 'UNSPECIFIED';
}

function set<const T extends string>(bitNames: readonly (T | undefined)[]): (bits: number) => (T | `UNKNOWN_BIT_${number}`)[] {
  return (bits) => {
    const names: (T | `UNKNOWN_BIT_${number}`)[] = [];
    for (let bit = 0; bit < 8; bit++) {
      if ((bits & (1 << bit)) === 0) continue;
      names.push(bitNames[bit] ?? `UNKNOWN_BIT_${bit}`);
    }
    return names;
  };
}

/** OrderFlags, spelled as the JSON orders channel does (upper case). MMP (bit 5) exists from 1:2. */
export const orderFlagNames = set([
  'REDUCE_ONLY',
  'STOP_CONDITION_BELOW_TRIGGER',
  'STOP_CONDITION_ABOVE_TRIGGER',
  'INTERACTIVE',
  'TARGET_STRATEGY_VWAP',
  'MMP',
]);
export type SbeOrderFlag = ReturnType<typeof orderFlagNames>[number];

/** FillFlags (1:2), spelled as the JSON fills channel does (lower case); bit 7 = a JSON flag with no bit. */
export const fillFlagNames = set(['interactive', 'rpi', 'fastfill', undefined, undefined, undefined, undefined, 'unknown']);
export type SbeFillFlag = ReturnType<typeof fillFlagNames>[number];
