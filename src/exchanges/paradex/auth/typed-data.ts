/**
 * Fast SNIP-12 revision 0 hashes of the four messages Paradex asks us to sign (paradex.md §3-§6):
 * Onboarding (Constant), Request (auth), Order and ModifyOrder.
 *
 * Everything that does not change between two orders is hashed once and kept as a precomputed
 * Pedersen point: the type hashes, the domain hash per chain id, the "StarkNet Message" / domain /
 * account prefix per signer, market names and order types, the sides 1/2 and the element counts.
 * What remains per order is the few hashes whose inputs really change. typed-data-reference.ts is
 * the plain implementation these are tested against.
 */
import { ConfigError, InvalidOrderError } from '../../../core/errors.js';
import { DecimalFormatError, toScaledInteger } from '../../../core/decimal.js';
import { FIELD_PRIME, encodeFelt, feltToHex, parseStarknetAddress, shortStringToFelt } from '../../../crypto/starknet/felt.js';
import { PedersenLeftTerm, PedersenRightTerm, pedersenHashOnElements, pedersenPartial } from '../../../crypto/starknet/pedersen.js';
import { starknetKeccak } from '../../../crypto/starknet/starknet-keccak.js';

export type OrderSideText = 'BUY' | 'SELL';

/** What an order signature covers. Amounts are plain decimal strings, as in the REST body. */
export interface OrderSignable {
  /** signature_timestamp, unix milliseconds. */
  readonly timestampMs: number;
  readonly market: string;
  readonly side: OrderSideText;
  /** LIMIT, MARKET, STOP_LIMIT, ... (every *MARKET type signs price 0). */
  readonly type: string;
  readonly size: string;
  /** Ignored for *MARKET types. */
  readonly price: string;
}

export interface ModifyOrderSignable extends OrderSignable {
  /** The venue's order id (decimal digits). */
  readonly id: string;
}

/** Paradex signs amounts in "chain decimals": value x 10^8 as an integer. */
export const PARADEX_CHAIN_DECIMALS = 8;

export const DOMAIN_TYPE_STRING = 'StarkNetDomain(name:felt,chainId:felt,version:felt)';
export const ORDER_TYPE_STRING = 'Order(timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt)';
export const MODIFY_ORDER_TYPE_STRING =
  'ModifyOrder(timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt,id:felt)';
export const REQUEST_TYPE_STRING = 'Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)';
export const CONSTANT_TYPE_STRING = 'Constant(action:felt)';

const MESSAGE_PREFIX = shortStringToFelt('StarkNet Message');
const DOMAIN_NAME = shortStringToFelt('Paradex');
const DOMAIN_VERSION = 1n;

/** Everything derived from the Pedersen tables is built on first use, not at import time. */
interface Constants {
  readonly domainTypeHash: bigint;
  readonly orderStart: PedersenLeftTerm;
  readonly modifyStart: PedersenLeftTerm;
  readonly requestTypeHash: bigint;
  readonly onboardingStruct: bigint;
  readonly sideBuy: PedersenRightTerm;
  readonly sideSell: PedersenRightTerm;
  /** count[n] is the term for an element count n (the last step of every hash chain). */
  readonly count: readonly PedersenRightTerm[];
  readonly zero: PedersenRightTerm;
}

let constants: Constants | undefined;

function getConstants(): Constants {
  if (constants === undefined) {
    constants = {
      domainTypeHash: starknetKeccak(DOMAIN_TYPE_STRING),
      // H(0, typeHash) is the first step of every struct hash of that type.
      orderStart: PedersenLeftTerm.of(pedersenPartial(0n, starknetKeccak(ORDER_TYPE_STRING))),
      modifyStart: PedersenLeftTerm.of(pedersenPartial(0n, starknetKeccak(MODIFY_ORDER_TYPE_STRING))),
      requestTypeHash: starknetKeccak(REQUEST_TYPE_STRING),
      onboardingStruct: pedersenHashOnElements([starknetKeccak(CONSTANT_TYPE_STRING), shortStringToFelt('Onboarding')]),
      sideBuy: PedersenRightTerm.of(1n),
      sideSell: PedersenRightTerm.of(2n),
      count: [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n].map((n) => PedersenRightTerm.of(n)),
      zero: PedersenRightTerm.of(0n),
    };
  }
  return constants;
}

function countTerm(c: Constants, n: number): PedersenRightTerm {
  return c.count[n] as PedersenRightTerm;
}

/** Bounded memo: markets and order types are few, but never let odd input grow memory forever. */
class TermCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit: number) {}

  get(key: string, make: () => T): T {
    let value = this.map.get(key);
    if (value === undefined) {
      value = make();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }
}

const shortStringTerms = new TermCache<PedersenRightTerm>(4096);
const requestStarts = new TermCache<PedersenLeftTerm>(256);
const domainHashes = new TermCache<bigint>(64);

function invalid(field: string, value: string | undefined, rule: string): InvalidOrderError {
  return new InvalidOrderError(`${field} ${rule}${value === undefined ? '' : ` (got "${value}")`}`, { field, value, rule }, { exchange: 'paradex' });
}

function textTerm(value: unknown, field: string): PedersenRightTerm {
  if (typeof value !== 'string' || value === '') throw invalid(field, undefined, 'must be a non-empty string');
  return shortStringTerms.get(value, () => PedersenRightTerm.of(encodeFelt(value, field)));
}

/** Exact decimal amount -> integer x 10^8, refusing anything that cannot be signed exactly. */
export function toChainAmount(value: unknown, field: string, allowZero: boolean): bigint {
  if (typeof value !== 'string') throw invalid(field, undefined, 'must be a decimal string like "0.01"');
  let scaled: bigint;
  try {
    scaled = toScaledInteger(value, PARADEX_CHAIN_DECIMALS, field);
  } catch (error) {
    if (error instanceof DecimalFormatError) throw invalid(field, value, 'must be a plain decimal with at most 8 decimal places');
    throw error;
  }
  if (scaled < 0n || (!allowZero && scaled === 0n)) throw invalid(field, value, allowZero ? 'must be >= 0' : 'must be > 0');
  if (scaled >= FIELD_PRIME) throw invalid(field, value, 'is too large to sign');
  return scaled;
}

function checkTimestamp(value: unknown, field: string): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, String(value), 'must be a non-negative integer');
  }
  return BigInt(value);
}

function isWholePositionCapable(type: string): boolean {
  return typeof type === 'string' && (type.startsWith('TAKE_PROFIT_') || type.startsWith('STOP_LOSS_'));
}

function isMarketType(type: string): boolean {
  return type.includes('MARKET');
}

/** The Paradex domain hash for a chain id such as "PRIVATE_SN_POTC_SEPOLIA" (cached). */
export function paradexDomainHash(starknetChainId: string): bigint {
  return domainHashes.get(starknetChainId, () => {
    if (typeof starknetChainId !== 'string' || starknetChainId === '') throw new ConfigError(['starknetChainId: must be a non-empty string']);
    let chainId: bigint;
    try {
      chainId = encodeFelt(starknetChainId, 'starknetChainId');
    } catch (error) {
      if (error instanceof InvalidOrderError) throw new ConfigError([`starknetChainId: ${error.rule ?? 'is not a felt'}`]);
      throw error;
    }
    return pedersenHashOnElements([getConstants().domainTypeHash, DOMAIN_NAME, chainId, DOMAIN_VERSION]);
  });
}

interface EncodedOrderFields {
  readonly timestamp: bigint;
  readonly market: PedersenRightTerm;
  readonly side: PedersenRightTerm;
  readonly orderType: PedersenRightTerm;
  readonly size: bigint;
  readonly price: bigint | PedersenRightTerm;
}

/** Validates and encodes every signed order field before any hashing starts. */
function encodeOrderFields(order: OrderSignable): EncodedOrderFields {
  const c = getConstants();
  if (typeof order !== 'object' || order === null) throw invalid('order', undefined, 'must be an object');
  const timestamp = checkTimestamp(order.timestampMs, 'timestampMs');
  const market = textTerm(order.market, 'market');
  const side = order.side === 'BUY' ? c.sideBuy : order.side === 'SELL' ? c.sideSell : undefined;
  if (side === undefined) throw invalid('side', String(order.side), 'must be BUY or SELL');
  const orderType = textTerm(order.type, 'type');
  // Size 0 is how Paradex expresses a whole-position TP/SL (it closes whatever is open at trigger time).
  const size = toChainAmount(order.size, 'size', isWholePositionCapable(order.type));
  // Market-type orders sign price 0 whatever price the caller passed (paradex.md §6.1).
  const price = isMarketType(order.type) ? c.zero : toChainAmount(order.price, 'price', false);
  return { timestamp, market, side, orderType, size, price };
}

/** H(0, typeHash) is `start`; folds timestamp, market, side, orderType, size, price onto it. */
function hashOrderFields(start: PedersenLeftTerm, f: EncodedOrderFields): bigint {
  let h = pedersenPartial(start, f.timestamp);
  h = pedersenPartial(h, f.market);
  h = pedersenPartial(h, f.side);
  h = pedersenPartial(h, f.orderType);
  h = pedersenPartial(h, f.size);
  return pedersenPartial(h, f.price);
}

/**
 * Message hashes for one (chain id, account) pair; the account is the main account address (also
 * when a subkey signs). Create one per signer: construction hashes the fixed prefix.
 */
export class ParadexMessageHasher {
  readonly account: bigint;
  readonly domainHash: bigint;
  /** H(H(H(0, "StarkNet Message"), domainHash), account) as a reusable point. */
  private readonly prefix: PedersenLeftTerm;
  private onboarding: bigint | undefined;

  constructor(readonly starknetChainId: string, account: string | bigint) {
    this.account = parseStarknetAddress(typeof account === 'bigint' ? feltToHex(account) : account);
    this.domainHash = paradexDomainHash(starknetChainId);
    const h1 = pedersenPartial(0n, MESSAGE_PREFIX);
    this.prefix = PedersenLeftTerm.of(pedersenPartial(pedersenPartial(h1, this.domainHash), this.account));
  }

  /** H(prefix..., structHash) then the element count 4. */
  private finish(structHash: bigint): bigint {
    return pedersenPartial(pedersenPartial(this.prefix, structHash), countTerm(getConstants(), 4));
  }

  orderHash(order: OrderSignable): bigint {
    const c = getConstants();
    const fields = encodeOrderFields(order);
    return this.finish(pedersenPartial(hashOrderFields(c.orderStart, fields), countTerm(c, 7)));
  }

  modifyOrderHash(order: ModifyOrderSignable): bigint {
    const c = getConstants();
    const fields = encodeOrderFields(order);
    if (typeof order.id !== 'string' || order.id === '') throw invalid('id', undefined, 'must be a non-empty order id');
    const id = encodeFelt(order.id, 'id');
    const h = pedersenPartial(hashOrderFields(c.modifyStart, fields), id);
    return this.finish(pedersenPartial(h, countTerm(c, 8)));
  }

  /**
   * Request(method, path, body, timestamp, expiration); auth signs POST /v1/auth with an empty body
   * and the PARADEX-TIMESTAMP / PARADEX-SIGNATURE-EXPIRATION header values (unix seconds).
   */
  requestHash(method: string, path: string, body: string, timestampSec: number, expirationSec: number): bigint {
    const c = getConstants();
    const timestamp = checkTimestamp(timestampSec, 'timestampSec');
    const expiration = checkTimestamp(expirationSec, 'expirationSec');
    if (expiration < timestamp) throw invalid('expirationSec', String(expirationSec), 'must not be before timestampSec');
    const start = requestStarts.get(`${method}\n${path}\n${body}`, () => {
      let h = pedersenPartial(0n, c.requestTypeHash);
      h = pedersenPartial(h, encodeFelt(method, 'method'));
      h = pedersenPartial(h, encodeFelt(path, 'path'));
      h = pedersenPartial(h, encodeFelt(body, 'body'));
      return PedersenLeftTerm.of(h);
    });
    const h = pedersenPartial(pedersenPartial(start, timestamp), expiration);
    return this.finish(pedersenPartial(h, countTerm(c, 6)));
  }

  authHash(timestampSec: number, expirationSec: number): bigint {
    return this.requestHash('POST', '/v1/auth', '', timestampSec, expirationSec);
  }

  /** Constant(action: "Onboarding"); fixed per chain and account, so computed once. */
  onboardingHash(): bigint {
    this.onboarding ??= this.finish(getConstants().onboardingStruct);
    return this.onboarding;
  }
}

const hashers = new TermCache<ParadexMessageHasher>(64);

function hasherFor(starknetChainId: string, account: string): ParadexMessageHasher {
  return hashers.get(`${starknetChainId}\n${account}`, () => new ParadexMessageHasher(starknetChainId, account));
}

/** Order message hash (paradex.md §6.1). */
export function orderHash(starknetChainId: string, account: string, order: OrderSignable): bigint {
  return hasherFor(starknetChainId, account).orderHash(order);
}

/** ModifyOrder message hash (paradex.md §6.2). */
export function modifyOrderHash(starknetChainId: string, account: string, order: ModifyOrderSignable): bigint {
  return hasherFor(starknetChainId, account).modifyOrderHash(order);
}

/** Auth Request message hash for POST /v1/auth (paradex.md §4.1). */
export function authHash(starknetChainId: string, account: string, timestampSec: number, expirationSec: number): bigint {
  return hasherFor(starknetChainId, account).authHash(timestampSec, expirationSec);
}

/** Onboarding message hash (paradex.md §3). */
export function onboardingHash(starknetChainId: string, account: string): bigint {
  return hasherFor(starknetChainId, account).onboardingHash();
}
