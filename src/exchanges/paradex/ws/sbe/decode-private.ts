/**
 * Root-block and var-data layouts of the private templates 20-23 (paradex-sbe.md §4). The venue
 * documents private payloads as JSON; these exist because the schema defines them and a server
 * may send them. Same calling convention as decode-public.ts.
 */
import {
  accountStatusName,
  fillFlagNames,
  fillTypeName,
  liquidityName,
  orderFlagNames,
  orderStatusName,
  orderTypeName,
  positionSideName,
  positionStatusName,
  requestStatusName,
  requestTypeName,
  sideName,
  stpName,
  timeInForceName,
} from './enums.js';
import {
  readDecimal,
  readInt64String,
  readNullableDecimal,
  readNullableInt64String,
  readSafeUint64,
  readTimestampMs,
} from './int64.js';
import type { SbeAccount, SbeFill, SbeOrder, SbePosition, SbeRequestInfo } from './types.js';
import { VarDataCursor, readAccountAddress } from './var-data.js';

const ROOT = 8;
const E8 = 8;

export function decodeOrder(bytes: Uint8Array, blockLength: number, version: number): SbeOrder {
  const vars = new VarDataCursor(bytes, ROOT + blockLength);
  const id = vars.string('orderId');
  const clientId = vars.string('clientOrderId');
  const market = vars.name('market');
  const cancelReason = vars.name('cancelReason');
  const requestId = version >= 2 ? vars.optionalString('requestId') : undefined;
  const requestMessage = version >= 2 ? vars.optionalString('requestMessage') : undefined;
  return {
    id,
    client_id: clientId,
    market,
    account: readAccountAddress(bytes, ROOT + 76),
    side: sideName(bytes[ROOT + 17] as number),
    type: orderTypeName(bytes[ROOT + 18] as number),
    instruction: timeInForceName(bytes[ROOT + 19] as number),
    status: orderStatusName(bytes[ROOT + 16] as number),
    price: readNullableDecimal(bytes, ROOT + 20, E8),
    trigger_price: readNullableDecimal(bytes, ROOT + 28, E8),
    size: readDecimal(bytes, ROOT + 36, E8),
    remaining_size: readDecimal(bytes, ROOT + 44, E8),
    avg_fill_price: readNullableDecimal(bytes, ROOT + 52, E8),
    created_at: readTimestampMs(bytes, ROOT + 60, 'createdAt'),
    last_updated_at: readTimestampMs(bytes, ROOT + 68, 'updatedAt'),
    received_at: readTimestampMs(bytes, ROOT + 108, 'receivedAt'),
    published_at: readTimestampMs(bytes, ROOT + 116, 'publishedAt'),
    stp: stpName(bytes[ROOT + 124] as number),
    flags: orderFlagNames(bytes[ROOT + 125] as number),
    cancel_reason: cancelReason,
    request_info: blockLength >= 128 ? requestInfo(bytes, requestId, requestMessage) : undefined,
    seq_no: readInt64String(bytes, ROOT + 8),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

/** 1:2 flattens JSON `request_info` into two enums; both UNSPECIFIED means the JSON had none. */
function requestInfo(bytes: Uint8Array, id: string | undefined, message: string | undefined): SbeRequestInfo | undefined {
  const status = bytes[ROOT + 126] as number;
  const type = bytes[ROOT + 127] as number;
  if (status === 0 && type === 0) return undefined;
  return { id: id ?? '', message: message ?? '', request_type: requestTypeName(type), status: requestStatusName(status) };
}

export function decodeFill(bytes: Uint8Array, blockLength: number, version: number): SbeFill {
  const vars = new VarDataCursor(bytes, ROOT + blockLength);
  const id = vars.string('fillId');
  const orderId = vars.string('orderId');
  const clientId = vars.string('clientOrderId');
  const tradeId = vars.string('tradeId');
  const market = vars.name('market');
  const feeCurrency = version >= 2 ? vars.optionalName('feeCurrency') : undefined;
  // flags and orderbookSeqNo were appended in 1:2 (block 107 -> 116).
  const has12 = blockLength >= 116;
  return {
    id,
    order_id: orderId,
    client_id: clientId,
    trade_id: tradeId,
    market,
    account: readAccountAddress(bytes, ROOT + 59),
    side: sideName(bytes[ROOT + 17] as number),
    liquidity: liquidityName(bytes[ROOT + 18] as number),
    fill_type: fillTypeName(bytes[ROOT + 16] as number),
    price: readDecimal(bytes, ROOT + 19, E8),
    size: readDecimal(bytes, ROOT + 27, E8),
    fee: readDecimal(bytes, ROOT + 35, E8),
    fee_currency: feeCurrency,
    realized_pnl: readNullableDecimal(bytes, ROOT + 43, E8),
    realized_funding: readDecimal(bytes, ROOT + 99, E8),
    underlying_price: readDecimal(bytes, ROOT + 91, E8),
    created_at: readTimestampMs(bytes, ROOT + 51, 'createdAt'),
    flags: has12 ? fillFlagNames(bytes[ROOT + 107] as number) : undefined,
    orderbook_seq_no: has12 ? readSafeUint64(bytes, ROOT + 108, 'orderbookSeqNo') : undefined,
    // Optional from 1:2 (position transfers); the sentinel is reserved in every version.
    seq_no: readNullableInt64String(bytes, ROOT + 8),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

export function decodePosition(bytes: Uint8Array, blockLength: number): SbePosition {
  const vars = new VarDataCursor(bytes, ROOT + blockLength);
  const market = vars.name('market');
  const lastFillId = vars.string('lastFillId');
  const sideCode = bytes[ROOT + 16] as number;
  const size = readDecimal(bytes, ROOT + 17, E8);
  return {
    market,
    account: readAccountAddress(bytes, ROOT + 81),
    side: positionSideName(sideCode),
    // The wire size is absolute; the JSON channel signs it by side.
    size: sideCode === 2 && size !== '0' && !size.startsWith('-') ? `-${size}` : size,
    average_entry_price: readDecimal(bytes, ROOT + 25, E8),
    average_entry_price_usd: readDecimal(bytes, ROOT + 113, E8),
    unrealized_pnl: readDecimal(bytes, ROOT + 33, E8),
    unrealized_funding_pnl: readDecimal(bytes, ROOT + 145, E8),
    realized_pnl: readDecimal(bytes, ROOT + 41, E8),
    mark_price: readNullableDecimal(bytes, ROOT + 49, E8),
    liquidation_price: readNullableDecimal(bytes, ROOT + 57, E8),
    leverage: readDecimal(bytes, ROOT + 65, E8),
    cost: readDecimal(bytes, ROOT + 121, E8),
    cost_usd: readDecimal(bytes, ROOT + 129, E8),
    cached_funding_index: readDecimal(bytes, ROOT + 137, E8),
    last_updated_at: readTimestampMs(bytes, ROOT + 73, 'updatedAt'),
    status: positionStatusName(bytes[ROOT + 153] as number),
    last_fill_id: lastFillId,
    seq_no: readInt64String(bytes, ROOT + 8),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}

export function decodeAccount(bytes: Uint8Array, blockLength: number): SbeAccount {
  return {
    account: readAccountAddress(bytes, ROOT + 72),
    account_value: readDecimal(bytes, ROOT + 48, E8),
    free_collateral: readDecimal(bytes, ROOT + 24, E8),
    total_collateral: readDecimal(bytes, ROOT + 16, E8),
    initial_margin_requirement: readDecimal(bytes, ROOT + 32, E8),
    maintenance_margin_requirement: readDecimal(bytes, ROOT + 40, E8),
    margin_cushion: readDecimal(bytes, ROOT + 104, E8),
    unrealized_pnl: readNullableDecimal(bytes, ROOT + 56, E8),
    updated_at: readTimestampMs(bytes, ROOT + 64, 'updatedAt'),
    status: accountStatusName(bytes[ROOT + 112] as number),
    settlement_asset: new VarDataCursor(bytes, ROOT + blockLength).name('settlementAsset'),
    // lastSeenNotification was appended in 1:2 (block 113 -> 121); microseconds on the wire.
    last_seen_notification: blockLength >= 121 ? readTimestampMs(bytes, ROOT + 113, 'lastSeenNotification') : undefined,
    seq_no: readInt64String(bytes, ROOT + 8),
    feed_time: readTimestampMs(bytes, ROOT, 'ts'),
  };
}
