/**
 * Signature and receive-window checks of an order request, shared by REST (POST /orders,
 * POST /orders/batch, PUT /orders/{id}) and the WebSocket order methods.
 *
 * The venue recomputes the SNIP-12 Order (or ModifyOrder) message from the body: price and size
 * x 10^8, side 1/2, market and type as short strings, price 0 for every *MARKET type, timestamp =
 * signature_timestamp (ms), account = the main account (also when a subkey signed). The signature
 * must verify under one of the account's registered keys, on either y parity.
 * `now > signature_timestamp + recv_window` (default 300 000 ms) is refused with INVALID_TIMESTAMP.
 */
import { shortStringToFelt } from '../../../crypto/starknet/index.js';
import { venueError, type VenueError } from './errors.js';
import { parseModifyBody, parseOrderBody, type ParsedModifyBody, type ParsedOrderBody } from './order-body.js';
import { isFelt, type OrderMessageFelts } from './typed-data.js';
import type { ParadexVenue } from './venue.js';

export type OrderVerification<T> = { readonly ok: true; readonly order: T } | ({ readonly ok: false } & VenueError);

const fail = (status: number, error: string, message: string): { ok: false } & VenueError => ({ ok: false, ...venueError(status, error, message) });

/** Order types as short-string felts, computed once. */
const TYPE_FELTS = new Map<string, bigint>();
const SIDE_FELTS = { BUY: 1n, SELL: 2n } as const;

function typeFelt(type: string): bigint {
  let felt = TYPE_FELTS.get(type);
  if (felt === undefined) {
    felt = shortStringToFelt(type);
    TYPE_FELTS.set(type, felt);
  }
  return felt;
}

function marketFelt(market: string): bigint | undefined {
  // The venue reads the market as a short string; a name that cannot be one cannot be signed.
  if (market.length > 31 || !/^[\x20-\x7e]+$/.test(market)) return undefined;
  if (/^[0-9]+$/.test(market) || /^0x[0-9a-f]+$/i.test(market)) return undefined;
  return shortStringToFelt(market);
}

function feltsOf(order: ParsedOrderBody): OrderMessageFelts | VenueError {
  const market = marketFelt(order.market);
  if (market === undefined) return venueError(400, 'MARKET_NOT_FOUND', `market ${JSON.stringify(order.market.slice(0, 40))} not found`);
  if (!isFelt(order.sizeScaled)) return venueError(400, 'INVALID_ORDER_SIZE', 'size is out of range');
  if (!isFelt(order.priceScaled)) return venueError(400, 'INVALID_REQUEST_PARAMETER', 'price is out of range');
  return {
    timestamp: BigInt(order.signatureTimestamp),
    market,
    side: SIDE_FELTS[order.side],
    orderType: typeFelt(order.type),
    size: order.sizeScaled,
    price: order.priceScaled,
  };
}

function accountFelt(account: string): bigint | undefined {
  return /^0x[0-9a-fA-F]{1,64}$/.test(account) ? BigInt(account) : undefined;
}

function checkWindow(order: ParsedOrderBody, nowMs: number): VenueError | undefined {
  if (nowMs > order.signatureTimestamp + order.recvWindowMs) {
    return venueError(400, 'INVALID_TIMESTAMP', `signature_timestamp is older than recv_window (${order.recvWindowMs} ms)`);
  }
  return undefined;
}

function checkSignature(venue: ParadexVenue, account: string, hash: bigint, signature: string): VenueError | undefined {
  const keys = venue.accounts.publicKeysOf(account);
  if (keys.length === 0) return venueError(400, 'NOT_ONBOARDED', 'User has never called /onboarding endpoint');
  if (!venue.signatures.verify(hash, signature, keys)) return venueError(400, 'INVALID_ORDER_SIGNATURE', 'order signature verification failed');
  return undefined;
}

/** Parses the body, checks its receive window and its Order signature for `account`. */
export function verifyOrderSignature(
  venue: ParadexVenue,
  account: string,
  body: Record<string, unknown>,
  nowMs: number,
): OrderVerification<ParsedOrderBody> {
  const parsed = parseOrderBody(body);
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  const accountValue = accountFelt(account);
  if (accountValue === undefined) return fail(400, 'INVALID_STARKNET_ADDRESS', 'account is not a Starknet address');
  const felts = feltsOf(order);
  if ('error' in felts) return { ok: false, ...felts };
  const late = checkWindow(order, nowMs);
  if (late) return { ok: false, ...late };
  const bad = checkSignature(venue, account, venue.hasher.order(accountValue, felts), order.signature);
  if (bad) return { ok: false, ...bad };
  return { ok: true, order };
}

/**
 * The same for PUT /orders/{id} (ModifyOrder, with the order `id` as the last field). When
 * `pathOrderId` is given it must equal the body's `id`.
 */
export function verifyModifySignature(
  venue: ParadexVenue,
  account: string,
  body: Record<string, unknown>,
  nowMs: number,
  pathOrderId?: string,
): OrderVerification<ParsedModifyBody> {
  const parsed = parseModifyBody(body);
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  if (pathOrderId !== undefined && pathOrderId !== order.id) return fail(400, 'VALIDATION_ERROR', 'id in the body must match the order id in the path');
  const accountValue = accountFelt(account);
  if (accountValue === undefined) return fail(400, 'INVALID_STARKNET_ADDRESS', 'account is not a Starknet address');
  const felts = feltsOf(order);
  if ('error' in felts) return { ok: false, ...felts };
  const id = BigInt(order.id);
  if (!isFelt(id)) return fail(400, 'ORDER_ID_NOT_FOUND', 'order not found');
  const late = checkWindow(order, nowMs);
  if (late) return { ok: false, ...late };
  const bad = checkSignature(venue, account, venue.hasher.modifyOrder(accountValue, felts, id), order.signature);
  if (bad) return { ok: false, ...bad };
  return { ok: true, order };
}
