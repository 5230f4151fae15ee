import fc from 'fast-check';
import { shortString, typedData as starknetTypedData } from 'starknet';
import { describe, expect, it } from 'vitest';
import { fromScaledInteger } from '../../../../src/core/decimal.js';
import { ConfigError, InvalidOrderError } from '../../../../src/core/errors.js';
import type { ModifyOrderSignable, OrderSignable, StarknetTypedDataV0 } from '../../../../src/exchanges/paradex/auth/index.js';
import {
  ParadexMessageHasher,
  authHash,
  getMessageHashV0,
  hashToHex,
  modifyOrderHash,
  onboardingHash,
  orderHash,
  paradexDomainHash,
  structHashV0,
} from '../../../../src/exchanges/paradex/auth/index.js';
import type { HashVector } from './vectors.js';
import { CHAIN_ID, FIXED, vectors } from './vectors.js';

const ACCOUNT = FIXED.account_address;

/** starknet.js 8 is the reference implementation the vectors were agreed with. */
function starknetJsHash(data: StarknetTypedDataV0, account: string): bigint {
  return BigInt(starknetTypedData.getMessageHash(data as unknown as Parameters<typeof starknetTypedData.getMessageHash>[0], account));
}

const DOMAIN_TYPE = [
  { name: 'name', type: 'felt' },
  { name: 'chainId', type: 'felt' },
  { name: 'version', type: 'felt' },
];
const ORDER_FIELDS = ['timestamp', 'market', 'side', 'orderType', 'size', 'price'].map((name) => ({ name, type: 'felt' }));

function scaled(value: string): string {
  const [whole = '0', frac = ''] = value.split('.');
  return BigInt(whole + frac.padEnd(8, '0')).toString();
}

/** The typed data the server rebuilds from a REST order body (paradex.md §6.1/§12). */
function orderTypedData(chainId: string, o: OrderSignable | ModifyOrderSignable): StarknetTypedDataV0 {
  const modify = 'id' in o;
  const primaryType = modify ? 'ModifyOrder' : 'Order';
  const message: Record<string, string> = {
    timestamp: String(o.timestampMs),
    market: o.market,
    side: o.side === 'BUY' ? '1' : '2',
    orderType: o.type,
    size: scaled(o.size),
    price: o.type.includes('MARKET') ? '0' : scaled(o.price),
  };
  if (modify) message.id = o.id;
  return {
    domain: { name: 'Paradex', chainId: shortString.encodeShortString(chainId), version: '1' },
    primaryType,
    types: { StarkNetDomain: DOMAIN_TYPE, [primaryType]: modify ? [...ORDER_FIELDS, { name: 'id', type: 'felt' }] : ORDER_FIELDS },
    message,
  };
}

function requestTypedData(chainId: string, timestamp: number, expiration: number): StarknetTypedDataV0 {
  return {
    domain: { name: 'Paradex', chainId: shortString.encodeShortString(chainId), version: '1' },
    primaryType: 'Request',
    types: {
      StarkNetDomain: DOMAIN_TYPE,
      Request: ['method', 'path', 'body', 'timestamp', 'expiration'].map((name) => ({ name, type: 'felt' })),
    },
    message: { method: 'POST', path: '/v1/auth', body: '', timestamp, expiration },
  };
}

/** Order input from a vector's typed message (size/price back to decimal strings). */
function orderFromMessage(message: Record<string, string | number>): OrderSignable {
  return {
    timestampMs: Number(message.timestamp),
    market: String(message.market),
    side: String(message.side) === '1' ? 'BUY' : 'SELL',
    type: String(message.orderType),
    size: fromScaledInteger(BigInt(message.size as string), 8),
    price: fromScaledInteger(BigInt(message.price as string), 8),
  };
}

const hashVectors: [string, HashVector][] = [
  ['onboarding', vectors.onboarding],
  ['auth (180 s)', vectors.auth],
  ['auth (24 h)', vectors.auth_24h_expiry_paradex_py_style],
  ...vectors.orders.map((o, i): [string, HashVector] => [`order ${i}: ${o.label}`, o]),
  ['modify order', vectors.modify_order],
];

describe('vectors: reference hasher and starknet.js', () => {
  it.each(hashVectors)('%s', (_name, v) => {
    expect(hashToHex(getMessageHashV0(v.typed_data, ACCOUNT))).toBe(v.message_hash);
    expect(getMessageHashV0(v.typed_data, ACCOUNT).toString()).toBe(v.message_hash_decimal);
    expect(starknetJsHash(v.typed_data, ACCOUNT)).toBe(BigInt(v.message_hash));
  });

  it('hashes the ccxt spelling of order 0 (pre-encoded market, numeric version) the same', () => {
    const ccxtSpelling = (vectors.orders[0] as unknown as { typed_data_ccxt_encoding: StarknetTypedDataV0 }).typed_data_ccxt_encoding;
    expect(hashToHex(getMessageHashV0(ccxtSpelling, ACCOUNT))).toBe(vectors.orders[0]?.message_hash);
  });
});

describe('vectors: fast Paradex hashes', () => {
  const hasher = new ParadexMessageHasher(CHAIN_ID, ACCOUNT);

  it('onboarding', () => {
    expect(hashToHex(hasher.onboardingHash())).toBe(vectors.onboarding.message_hash);
    expect(hashToHex(onboardingHash(CHAIN_ID, ACCOUNT))).toBe(vectors.onboarding.message_hash);
  });

  it.each([vectors.auth, vectors.auth_24h_expiry_paradex_py_style])('auth %#', (v) => {
    const m = v.typed_data.message as { timestamp: number; expiration: number };
    expect(hashToHex(hasher.authHash(m.timestamp, m.expiration))).toBe(v.message_hash);
    expect(hashToHex(authHash(CHAIN_ID, ACCOUNT, m.timestamp, m.expiration))).toBe(v.message_hash);
  });

  it.each(vectors.orders.map((o) => [o.label, o] as const))('order: %s', (_label, v) => {
    const fromMessage = orderFromMessage(v.typed_data.message);
    expect(hashToHex(hasher.orderHash(fromMessage))).toBe(v.message_hash);
    const body = v.rest_body_ccxt;
    if (body !== undefined) {
      // The REST body as ccxt sent it: plain decimals, BUY/SELL, price absent for MARKET.
      const fromBody: OrderSignable = { timestampMs: body.signature_timestamp, market: body.market, side: body.side, type: body.type, size: body.size, price: body.price ?? '' };
      expect(hashToHex(orderHash(CHAIN_ID, ACCOUNT, fromBody))).toBe(v.message_hash);
    }
  });

  it('modify order', () => {
    const b = vectors.modify_order.request.body_ccxt;
    const input: ModifyOrderSignable = { timestampMs: b.signature_timestamp, market: b.market, side: b.side, type: b.type, size: b.size, price: b.price, id: b.id };
    expect(hashToHex(hasher.modifyOrderHash(input))).toBe(vectors.modify_order.message_hash);
    expect(hashToHex(modifyOrderHash(CHAIN_ID, ACCOUNT, input))).toBe(vectors.modify_order.message_hash);
  });

  it('accepts the account in any spelling and a hex chain id', () => {
    const other = new ParadexMessageHasher(FIXED.starknet_chain_id_felt, `0x000${ACCOUNT.slice(2).toUpperCase()}`);
    expect(hashToHex(other.onboardingHash())).toBe(vectors.onboarding.message_hash);
  });

  it('refuses a bad account or chain id with a ConfigError', () => {
    expect(() => new ParadexMessageHasher(CHAIN_ID, 0n)).toThrow(ConfigError);
    expect(() => new ParadexMessageHasher(CHAIN_ID, 1n << 251n)).toThrow(/below 2\^251/);
    expect(() => new ParadexMessageHasher('', ACCOUNT)).toThrow(ConfigError);
    expect(() => new ParadexMessageHasher('X'.repeat(32), ACCOUNT)).toThrow(/starknetChainId: must be at most 31 characters/);
    expect(new ParadexMessageHasher(CHAIN_ID, BigInt(ACCOUNT)).account).toBe(BigInt(ACCOUNT));
  });

  it('caches the domain hash per chain id, equal to the reference struct hash', () => {
    const domain = vectors.auth.typed_data;
    expect(paradexDomainHash(CHAIN_ID)).toBe(structHashV0(domain.types, 'StarkNetDomain', domain.domain));
    expect(paradexDomainHash('SN_SEPOLIA')).not.toBe(paradexDomainHash(CHAIN_ID));
  });
});

describe('negative vectors: the usual mistakes change the hash', () => {
  const order0 = vectors.orders[0] as HashVector;
  const base = order0.typed_data;
  const mistakes: Record<string, StarknetTypedDataV0> = {
    'size not scaled': { ...base, message: { ...base.message, size: '0.01' } },
    'price scaled by 1e6': { ...base, message: { ...base.message, price: '65000500000' } },
    'side sent as "BUY"': { ...base, message: { ...base.message, side: 'BUY' } },
    'timestamp in seconds': { ...base, message: { ...base.message, timestamp: '1717000000' } },
    'chainId SN_SEPOLIA': { ...base, domain: { ...base.domain, chainId: shortString.encodeShortString('SN_SEPOLIA') } },
    'domain field order name,version,chainId': {
      ...base,
      types: { ...base.types, StarkNetDomain: [DOMAIN_TYPE[0], DOMAIN_TYPE[2], DOMAIN_TYPE[1]] as typeof DOMAIN_TYPE },
    },
  };
  const labels = Object.keys(mistakes);

  it.each(vectors.negative_vectors_for_order_0.map((v, i) => [v.label, v.message_hash, labels[i] as string] as const))(
    '%s',
    (_label, negativeHash, mistake) => {
      const wrong = getMessageHashV0(mistakes[mistake] as StarknetTypedDataV0, ACCOUNT);
      expect(hashToHex(wrong)).toBe(negativeHash);
      expect(negativeHash).not.toBe(order0.message_hash);
      const ours = new ParadexMessageHasher(CHAIN_ID, ACCOUNT).orderHash(orderFromMessage(base.message));
      expect(ours).not.toBe(wrong);
      expect(hashToHex(ours)).toBe(order0.message_hash);
    },
  );
});

const ascii = (min: number, max: number) =>
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });
/**
 * Market names and types that stay short strings for every implementation: not something BigInt()
 * parses. (starknet.js also reads "+0", "0b1" or " 7" as numbers; paradex.md §5 and our encoder treat
 * them as text. Real market names and order types never look like that.)
 */
function bigintParses(text: string): boolean {
  try {
    BigInt(text);
    return true;
  } catch {
    return false;
  }
}
const shortText = ascii(1, 31).filter((s) => !bigintParses(s));
const decimalAmount = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.integer({ min: 0, max: 8 }))
  .map(([int, scale]) => fromScaledInteger(int, scale));
const orderArb = fc.record({
  timestampMs: fc.integer({ min: 0, max: 2 ** 46 }),
  market: fc.oneof(fc.constantFrom('BTC-USD-PERP', 'ETH-USD-PERP', 'SOL-USD-PERP'), shortText),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  type: fc.oneof(fc.constantFrom('LIMIT', 'MARKET', 'STOP_LIMIT', 'STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_LIMIT'), shortText),
  size: decimalAmount,
  price: decimalAmount,
});
const accountArb = fc.bigInt({ min: 1n, max: (1n << 251n) - 1n }).map((a) => `0x${a.toString(16)}`);
const chainArb = fc.oneof(fc.constantFrom('PRIVATE_SN_POTC_SEPOLIA', 'PRIVATE_SN_PARACLEAR_MAINNET'), shortText);

describe('random cross-checks against starknet.js typedData.getMessageHash', () => {
  it('orders', () => {
    fc.assert(
      fc.property(chainArb, accountArb, orderArb, (chainId, account, order) => {
        const expected = starknetJsHash(orderTypedData(chainId, order), account);
        expect(orderHash(chainId, account, order)).toBe(expected);
        expect(getMessageHashV0(orderTypedData(chainId, order), account)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('order modifications', () => {
    const idArb = fc.bigInt({ min: 1n, max: 10n ** 30n }).map(String);
    fc.assert(
      fc.property(chainArb, accountArb, orderArb, idArb, (chainId, account, order, id) => {
        const modify = { ...order, id };
        expect(modifyOrderHash(chainId, account, modify)).toBe(starknetJsHash(orderTypedData(chainId, modify), account));
      }),
      { numRuns: 40 },
    );
  });

  it('auth requests', () => {
    fc.assert(
      fc.property(chainArb, accountArb, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 7 * 86400 }), (chainId, account, ts, life) => {
        expect(authHash(chainId, account, ts, ts + life)).toBe(starknetJsHash(requestTypedData(chainId, ts, ts + life), account));
      }),
      { numRuns: 40 },
    );
  });

  it('the reference hasher on nested structs and arrays', () => {
    const types = {
      StarkNetDomain: DOMAIN_TYPE,
      Leg: [
        { name: 'market', type: 'felt' },
        { name: 'size', type: 'felt' },
      ],
      Basket: [
        { name: 'legs', type: 'Leg*' },
        { name: 'tags', type: 'felt*' },
        { name: 'main', type: 'Leg' },
        { name: 'note', type: 'string' },
        { name: 'entry', type: 'selector' },
      ],
    };
    const leg = fc.record({ market: shortText, size: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) });
    fc.assert(
      fc.property(fc.array(leg, { maxLength: 3 }), fc.array(fc.bigInt({ min: 0n, max: 1n << 200n }).map(String), { maxLength: 3 }), leg, shortText, (legs, tags, main, note) => {
        const data: StarknetTypedDataV0 = {
          domain: { name: 'Paradex', chainId: 'SN_MAIN', version: 1 },
          primaryType: 'Basket',
          types,
          message: { legs, tags, main, note, entry: 'transfer' },
        };
        expect(getMessageHashV0(data, ACCOUNT)).toBe(starknetJsHash(data, ACCOUNT));
      }),
      { numRuns: 25 },
    );
  });
});

describe('order encoding rules', () => {
  const hasher = new ParadexMessageHasher(CHAIN_ID, ACCOUNT);
  const base: OrderSignable = { timestampMs: 1717000000000, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '65000.5' };

  it('signs price 0 for every *MARKET type whatever price is passed', () => {
    for (const type of ['MARKET', 'STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET']) {
      const withPrice = hasher.orderHash({ ...base, type, price: '123.45' });
      expect(hasher.orderHash({ ...base, type, price: '' })).toBe(withPrice);
      expect(withPrice).toBe(getMessageHashV0(orderTypedData(CHAIN_ID, { ...base, type, price: '0' }), ACCOUNT));
    }
  });

  it('treats equal decimals in different spellings alike (0.010 = 0.01, 65000.50 = 65000.5)', () => {
    expect(hasher.orderHash({ ...base, size: '0.010', price: '65000.50' })).toBe(hasher.orderHash(base));
  });

  function fieldError(order: unknown, modify = false): InvalidOrderError {
    try {
      if (modify) hasher.modifyOrderHash(order as ModifyOrderSignable);
      else hasher.orderHash(order as OrderSignable);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOrderError);
      return error as InvalidOrderError;
    }
    throw new Error('expected InvalidOrderError');
  }

  it.each([
    ['size with 9 decimals', { ...base, size: '0.000000001' }, 'size', /at most 8 decimal places/],
    ['size zero', { ...base, size: '0' }, 'size', /> 0/],
    ['negative size', { ...base, size: '-0.01' }, 'size', /> 0/],
    ['size not a decimal', { ...base, size: '1e-3' }, 'size', /plain decimal/],
    ['size as a number', { ...base, size: 0.01 }, 'size', /decimal string/],
    ['missing price on LIMIT', { ...base, price: '' }, 'price', /plain decimal/],
    ['price with 9 decimals', { ...base, price: '1.123456789' }, 'price', /8 decimal/],
    ['lowercase side', { ...base, side: 'buy' }, 'side', /BUY or SELL/],
    ['empty market', { ...base, market: '' }, 'market', /non-empty/],
    ['market longer than 31 chars', { ...base, market: 'A'.repeat(32) }, 'market', /31 characters/],
    ['fractional timestamp', { ...base, timestampMs: 1.5 }, 'timestampMs', /non-negative integer/],
    ['negative timestamp', { ...base, timestampMs: -1 }, 'timestampMs', /non-negative integer/],
    ['empty type', { ...base, type: '' }, 'type', /non-empty/],
  ])('rejects %s', (_name, order, field, rule) => {
    const error = fieldError(order);
    expect(error.field).toBe(field);
    expect(error.rule).toMatch(rule);
    expect(error.message).toContain(field);
  });

  it('rejects a modification without an id', () => {
    expect(fieldError({ ...base, id: '' }, true).field).toBe('id');
  });

  it('rejects auth expirations before the timestamp', () => {
    expect(() => hasher.authHash(1717000180, 1717000000)).toThrow(/expirationSec/);
    expect(() => hasher.authHash(-1, 1717000000)).toThrow(/timestampSec/);
  });
});
