/**
 * Reads an order request body (OpenAPI requests.OrderRequest / ModifyOrderRequest, also the params
 * of WS `order.create` / `order.modify`) into checked fields, answering malformed input the way the
 * venue does: 400 with VALIDATION_ERROR (shape), INVALID_ORDER_SIZE, INVALID_REQUEST_PARAMETER.
 * Business rules (tick, step, min notional, margin) are the engine's, after acceptance.
 */
import { isDecimal, toScaledInteger } from '../../../core/decimal.js';
import { venueError, type VenueError } from './errors.js';
import { CHAIN_DECIMALS } from './typed-data.js';

export const PARADEX_ORDER_TYPES = [
  'MARKET',
  'LIMIT',
  'STOP_LIMIT',
  'STOP_MARKET',
  'TAKE_PROFIT_LIMIT',
  'TAKE_PROFIT_MARKET',
  'STOP_LOSS_MARKET',
  'STOP_LOSS_LIMIT',
] as const;
export type ParadexOrderType = (typeof PARADEX_ORDER_TYPES)[number];

export const PARADEX_INSTRUCTIONS = ['GTC', 'IOC', 'POST_ONLY', 'RPI'] as const;
export type ParadexInstruction = (typeof PARADEX_INSTRUCTIONS)[number];

export const PARADEX_ORDER_FLAGS = [
  'REDUCE_ONLY',
  'STOP_CONDITION_BELOW_TRIGGER',
  'STOP_CONDITION_ABOVE_TRIGGER',
  'INTERACTIVE',
  'TARGET_STRATEGY_VWAP',
] as const;

const STP_VALUES = ['EXPIRE_MAKER', 'EXPIRE_TAKER', 'EXPIRE_BOTH'] as const;
export type ParadexStp = (typeof STP_VALUES)[number];

/** Default receive window when the body has none (paradex.md §6.3, docs receive-window). */
export const DEFAULT_RECV_WINDOW_MS = 300_000;
const MIN_RECV_WINDOW_MS = 10;
const MAX_CLIENT_ID_LENGTH = 64;

export interface ParsedOrderBody {
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: ParadexOrderType;
  readonly size: string;
  /** Absent for market-type orders sent without a price. */
  readonly price: string | undefined;
  readonly triggerPrice: string | undefined;
  /** "" when the body had none (the venue then uses GTC). */
  readonly instruction: ParadexInstruction | '';
  readonly flags: readonly string[];
  readonly clientId: string | undefined;
  readonly stp: ParadexStp | undefined;
  readonly recvWindowMs: number;
  readonly signature: string;
  readonly signatureTimestamp: number;
  /** Scaled felts for the signed message. */
  readonly sizeScaled: bigint;
  readonly priceScaled: bigint;
}

export interface ParsedModifyBody extends ParsedOrderBody {
  /** The `id` field of the body (the order id as the venue spells it). */
  readonly id: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & VenueError);

const fail = (error: string, message: string): { ok: false } & VenueError => ({ ok: false, ...venueError(400, error, message) });

export const isMarketType = (type: string): boolean => type.includes('MARKET');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const absent = (value: unknown): boolean => value === undefined || value === null;

function nonNegativeDecimal(value: unknown): value is string {
  return isDecimal(value) && !value.startsWith('-');
}

function scaled(value: string): bigint | undefined {
  try {
    return toScaledInteger(value, CHAIN_DECIMALS);
  } catch {
    return undefined;
  }
}

function integerMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^[0-9]{1,16}$/.test(value)) return Number(value);
  return undefined;
}

export function parseOrderBody(body: unknown): Parsed<ParsedOrderBody> {
  if (!isRecord(body)) return fail('VALIDATION_ERROR', 'request body must be a JSON object');
  const { market, side, type, size, price, trigger_price: triggerPrice, instruction, flags, client_id: clientId, stp } = body;
  if (typeof market !== 'string' || market === '') return fail('VALIDATION_ERROR', 'market is required');
  if (side !== 'BUY' && side !== 'SELL') return fail('VALIDATION_ERROR', 'side must be BUY or SELL');
  if (typeof type !== 'string' || !(PARADEX_ORDER_TYPES as readonly string[]).includes(type)) {
    return fail('VALIDATION_ERROR', `type must be one of ${PARADEX_ORDER_TYPES.join(', ')}`);
  }
  const orderType = type as ParadexOrderType;
  if (!nonNegativeDecimal(size)) return fail('INVALID_ORDER_SIZE', 'size must be a non-negative decimal string');
  const sizeScaled = scaled(size);
  if (sizeScaled === undefined) return fail('INVALID_ORDER_SIZE', `size must have at most ${CHAIN_DECIMALS} decimal places`);

  const marketType = isMarketType(orderType);
  let priceValue: string | undefined;
  let priceScaled = 0n;
  if (!absent(price) && price !== '') {
    if (!nonNegativeDecimal(price)) return fail('INVALID_REQUEST_PARAMETER', 'price must be a non-negative decimal string');
    if (!marketType) {
      const p = scaled(price);
      if (p === undefined) return fail('INVALID_REQUEST_PARAMETER', `price must have at most ${CHAIN_DECIMALS} decimal places`);
      priceScaled = p;
    }
    priceValue = price;
  }
  if (!marketType && (priceValue === undefined || priceScaled === 0n)) return fail('INVALID_REQUEST_PARAMETER', `price is required for ${orderType} orders`);

  let trigger: string | undefined;
  if (!absent(triggerPrice) && triggerPrice !== '' && triggerPrice !== '0') {
    if (!nonNegativeDecimal(triggerPrice)) return fail('INVALID_REQUEST_PARAMETER', 'trigger_price must be a decimal string');
    trigger = triggerPrice;
  }

  let instructionValue: ParadexInstruction | '' = '';
  if (!absent(instruction) && instruction !== '') {
    if (typeof instruction !== 'string' || !(PARADEX_INSTRUCTIONS as readonly string[]).includes(instruction)) {
      return fail('VALIDATION_ERROR', `instruction must be one of ${PARADEX_INSTRUCTIONS.join(', ')}`);
    }
    instructionValue = instruction as ParadexInstruction;
  }

  let flagList: string[] = [];
  if (!absent(flags)) {
    if (!Array.isArray(flags) || !flags.every((f) => typeof f === 'string' && (PARADEX_ORDER_FLAGS as readonly string[]).includes(f))) {
      return fail('VALIDATION_ERROR', `flags must be an array of ${PARADEX_ORDER_FLAGS.join(', ')}`);
    }
    flagList = [...new Set(flags as string[])];
  }

  let clientIdValue: string | undefined;
  if (!absent(clientId) && clientId !== '') {
    if (typeof clientId !== 'string' || clientId.length > MAX_CLIENT_ID_LENGTH) {
      return fail('VALIDATION_ERROR', `client_id must be a string of at most ${MAX_CLIENT_ID_LENGTH} characters`);
    }
    clientIdValue = clientId;
  }

  let stpValue: ParadexStp | undefined;
  if (!absent(stp) && stp !== '') {
    if (typeof stp !== 'string' || !(STP_VALUES as readonly string[]).includes(stp)) return fail('VALIDATION_ERROR', `stp must be one of ${STP_VALUES.join(', ')}`);
    stpValue = stp as ParadexStp;
  }

  let recvWindowMs = DEFAULT_RECV_WINDOW_MS;
  if (!absent(body.recv_window)) {
    const window = integerMs(body.recv_window);
    if (window === undefined || window < MIN_RECV_WINDOW_MS) return fail('VALIDATION_ERROR', `recv_window must be an integer of at least ${MIN_RECV_WINDOW_MS} ms`);
    recvWindowMs = window;
  }

  if (typeof body.signature !== 'string' || body.signature === '') return fail('VALIDATION_ERROR', 'signature is required');
  const signatureTimestamp = integerMs(body.signature_timestamp);
  if (signatureTimestamp === undefined) return fail('VALIDATION_ERROR', 'signature_timestamp must be an integer timestamp in milliseconds');

  return {
    ok: true,
    value: {
      market,
      side,
      type: orderType,
      size,
      price: priceValue,
      triggerPrice: trigger,
      instruction: instructionValue,
      flags: flagList,
      clientId: clientIdValue,
      stp: stpValue,
      recvWindowMs,
      signature: body.signature,
      signatureTimestamp,
      sizeScaled,
      priceScaled,
    },
  };
}

export function parseModifyBody(body: unknown): Parsed<ParsedModifyBody> {
  const parsed = parseOrderBody(body);
  if (!parsed.ok) return parsed;
  const id = (body as Record<string, unknown>).id;
  if (typeof id !== 'string' || !/^[0-9]+$/.test(id)) return fail('VALIDATION_ERROR', 'id must be the order id (decimal string)');
  return { ok: true, value: { ...parsed.value, id } };
}
