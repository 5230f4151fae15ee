/**
 * The Paradex messages the venue recomputes from each request (paradex.md §3-§6), hashed with
 * SNIP-12 revision 0 rules:
 *
 *   message_hash = H("StarkNet Message", H(StarkNetDomain), account, H(struct))
 *   H(x1..xn)    = pedersen(...pedersen(pedersen(0, x1), x2)..., xn) then pedersen(acc, n)
 *
 * The simulator builds the field elements itself from the request (price/size x 10^8, side 1/2,
 * market and order type as short strings, price 0 for *MARKET types) instead of sharing the
 * client's builder, so a misunderstanding on either side shows up as a rejected signature.
 *
 * Order hashing is on the REST hot path, so everything that does not change between orders is
 * folded once: the domain chain, the type-hash prefix of each struct, the account prefix per
 * account, and the points of small recurring values (market, side, order type, element counts).
 * The unit tests compare every message with the literal SNIP-12 reference hasher and the vectors.
 */
import {
  FIELD_PRIME,
  PedersenLeftTerm,
  PedersenRightTerm,
  encodeFelt,
  pedersenHash,
  pedersenHashOnElements,
  pedersenPartial,
  shortStringToFelt,
  starknetKeccak,
} from '../../../crypto/starknet/index.js';

const ORDER_FIELDS = 'timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt';
const DOMAIN_TYPE_HASH = starknetKeccak('StarkNetDomain(name:felt,chainId:felt,version:felt)');
const ORDER_TYPE_HASH = starknetKeccak(`Order(${ORDER_FIELDS})`);
const MODIFY_ORDER_TYPE_HASH = starknetKeccak(`ModifyOrder(${ORDER_FIELDS},id:felt)`);
const REQUEST_TYPE_HASH = starknetKeccak('Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)');
const CONSTANT_TYPE_HASH = starknetKeccak('Constant(action:felt)');
const STARKNET_MESSAGE = shortStringToFelt('StarkNet Message');
const ONBOARDING = shortStringToFelt('Onboarding');

/** Scale of the signed amounts ("chain decimals"): price and size x 10^8. */
export const CHAIN_DECIMALS = 8;

/** The felts of an Order / ModifyOrder message, in field order. Every value must be below p. */
export interface OrderMessageFelts {
  readonly timestamp: bigint;
  readonly market: bigint;
  /** 1 BUY, 2 SELL. */
  readonly side: bigint;
  readonly orderType: bigint;
  /** size x 10^8. */
  readonly size: bigint;
  /** price x 10^8; 0 for every *MARKET type. */
  readonly price: bigint;
}

/** True when every value of the message is a felt (below the field prime). */
export function isFelt(value: bigint): boolean {
  return value >= 0n && value < FIELD_PRIME;
}

const MAX_CACHED_TERMS = 4096;

export class ParadexMessageHasher {
  readonly chainId: string;
  readonly domainHash: bigint;
  /** pedersen(pedersen(0, "StarkNet Message"), domain hash): the start of every message hash. */
  readonly #messagePrefix: PedersenLeftTerm;
  readonly #orderPrefix = PedersenLeftTerm.of(pedersenHash(0n, ORDER_TYPE_HASH));
  readonly #modifyPrefix = PedersenLeftTerm.of(pedersenHash(0n, MODIFY_ORDER_TYPE_HASH));
  /** Account -> the message chain after the account element (constant per account). */
  readonly #accountTerms = new Map<bigint, PedersenLeftTerm>();
  /** Recurring small right operands: markets, sides, order types, element counts. */
  readonly #rightTerms = new Map<bigint, PedersenRightTerm>();

  constructor(starknetChainId: string) {
    this.chainId = starknetChainId;
    this.domainHash = pedersenHashOnElements([DOMAIN_TYPE_HASH, shortStringToFelt('Paradex'), encodeFelt(starknetChainId, 'starknet_chain_id'), 1n]);
    this.#messagePrefix = PedersenLeftTerm.of(pedersenHash(pedersenHash(0n, STARKNET_MESSAGE), this.domainHash));
  }

  order(account: bigint, felts: OrderMessageFelts): bigint {
    return this.#message(account, pedersenPartial(this.#orderFields(this.#orderPrefix, felts), this.#right(7n)));
  }

  modifyOrder(account: bigint, felts: OrderMessageFelts, orderId: bigint): bigint {
    const fields = pedersenPartial(this.#orderFields(this.#modifyPrefix, felts), orderId);
    return this.#message(account, pedersenPartial(fields, this.#right(8n)));
  }

  /** The auth Request: method/path short strings, body "" = 0, timestamps in seconds. */
  request(account: bigint, method: string, path: string, body: string, timestampSec: bigint, expirationSec: bigint): bigint {
    const struct = pedersenHashOnElements([
      REQUEST_TYPE_HASH,
      encodeFelt(method, 'method'),
      encodeFelt(path, 'path'),
      encodeFelt(body, 'body'),
      timestampSec,
      expirationSec,
    ]);
    return this.#message(account, struct);
  }

  onboarding(account: bigint): bigint {
    return this.#message(account, pedersenHashOnElements([CONSTANT_TYPE_HASH, ONBOARDING]));
  }

  /** The fold of the six order fields after the type hash (without the element count). */
  #orderFields(prefix: PedersenLeftTerm, f: OrderMessageFelts): bigint {
    let acc = pedersenPartial(prefix, f.timestamp);
    acc = pedersenPartial(acc, this.#right(f.market));
    acc = pedersenPartial(acc, this.#right(f.side));
    acc = pedersenPartial(acc, this.#right(f.orderType));
    acc = pedersenPartial(acc, f.size);
    return pedersenPartial(acc, f.price);
  }

  #message(account: bigint, structHash: bigint): bigint {
    let accountTerm = this.#accountTerms.get(account);
    if (accountTerm === undefined) {
      accountTerm = PedersenLeftTerm.of(pedersenPartial(this.#messagePrefix, account));
      if (this.#accountTerms.size >= MAX_CACHED_TERMS) this.#accountTerms.clear();
      this.#accountTerms.set(account, accountTerm);
    }
    return pedersenPartial(pedersenPartial(accountTerm, structHash), this.#right(4n));
  }

  #right(value: bigint): PedersenRightTerm {
    let term = this.#rightTerms.get(value);
    if (term === undefined) {
      term = PedersenRightTerm.of(value);
      if (this.#rightTerms.size >= MAX_CACHED_TERMS) this.#rightTerms.clear();
      this.#rightTerms.set(value, term);
    }
    return term;
  }
}
