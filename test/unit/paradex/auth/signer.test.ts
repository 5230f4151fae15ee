import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import type { OrderSignable } from '../../../../src/exchanges/paradex/auth/index.js';
import { ParadexSigner, getMessageHashV0, orderHash, verifyStarkSignature } from '../../../../src/exchanges/paradex/auth/index.js';
import { CHAIN_ID, FIXED, vectors } from './vectors.js';

const KEY = FIXED.stark_private_key;
const KEY_DIGITS = KEY.slice(2);
const signer = ParadexSigner.create({ starkPrivateKey: KEY, account: FIXED.account_address, starknetChainId: CHAIN_ID });

/** Every spelling of the key that might leak through a printout. */
const KEY_SPELLINGS = [KEY_DIGITS, KEY_DIGITS.toUpperCase(), KEY_DIGITS.padStart(64, '0'), BigInt(KEY).toString(10)];

function expectNoKey(text: string): void {
  for (const spelling of KEY_SPELLINGS) expect(text).not.toContain(spelling);
}

describe('ParadexSigner vectors', () => {
  it('derives the public key and prints the account unpadded', () => {
    expect(signer.publicKey).toBe(FIXED.stark_public_key);
    expect(signer.account).toBe(FIXED.account_address);
    expect(signer.starknetChainId).toBe(CHAIN_ID);
  });

  it('signs onboarding', () => {
    expect(signer.signOnboarding()).toBe(vectors.onboarding.signature.header_value);
  });

  it.each([vectors.auth, vectors.auth_24h_expiry_paradex_py_style])('signs auth %#', (v) => {
    const m = v.typed_data.message as { timestamp: number; expiration: number };
    expect(signer.signAuth(m.timestamp, m.expiration)).toBe(v.signature.header_value);
  });

  it.each(vectors.orders.filter((o) => o.rest_body_ccxt !== undefined).map((o) => [o.label, o] as const))('signs order: %s', (_label, v) => {
    const body = v.rest_body_ccxt;
    if (body === undefined) throw new Error('filtered above');
    const signature = signer.signOrder({ timestampMs: body.signature_timestamp, market: body.market, side: body.side, type: body.type, size: body.size, price: body.price ?? '0' });
    expect(signature).toBe(v.signature.header_value);
    expect(signature).toBe(body.signature);
  });

  it('signs the non-round-millisecond order', () => {
    const v = vectors.orders[1];
    expect(signer.signOrder({ timestampMs: 1717000000123, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '65000.5' })).toBe(v?.signature.header_value);
  });

  it('signs a modification', () => {
    const b = vectors.modify_order.request.body_ccxt;
    expect(signer.signModifyOrder({ timestampMs: b.signature_timestamp, market: b.market, side: b.side, type: b.type, size: b.size, price: b.price, id: b.id })).toBe(b.signature);
  });
});

describe('ParadexSigner.create normalisation', () => {
  const digits = KEY_DIGITS;
  it.each([
    ['bare hex', digits],
    ['upper case with 0X', `0X${digits.toUpperCase()}`],
    ['zero padded to 64 digits', `0x${digits.padStart(64, '0')}`],
    ['63 digits', `0x${digits.padStart(63, '0')}`],
  ])('accepts the key as %s', (_name, starkPrivateKey) => {
    const other = ParadexSigner.create({ starkPrivateKey, account: `0x0${FIXED.account_address.slice(2).toUpperCase()}`, starknetChainId: CHAIN_ID });
    expect(other.publicKey).toBe(FIXED.stark_public_key);
    expect(other.account).toBe(FIXED.account_address);
    expect(other.signOnboarding()).toBe(vectors.onboarding.signature.header_value);
  });

  it.each([
    ['empty key', { starkPrivateKey: '' }, /starkPrivateKey: must not be empty/],
    ['non-hex key', { starkPrivateKey: `${digits}zz` }, /starkPrivateKey: must be hexadecimal/],
    ['zero key', { starkPrivateKey: '0x00' }, /starkPrivateKey: must not be zero/],
    ['key above the curve order', { starkPrivateKey: `0x${'f'.repeat(64)}` }, /starkPrivateKey: must be below the Stark curve order/],
    ['bad account', { account: 'xyz' }, /account: must be hexadecimal/],
    ['empty chain id', { starknetChainId: '' }, /starknetChainId/],
    ['overlong chain id', { starknetChainId: 'X'.repeat(32) }, /starknetChainId/],
  ])('rejects %s with a ConfigError that never contains the key', (_name, override, rule) => {
    const options = { starkPrivateKey: KEY, account: FIXED.account_address, starknetChainId: CHAIN_ID, ...override };
    try {
      ParadexSigner.create(options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(rule);
      expectNoKey((error as Error).message);
      expectNoKey(inspect(error));
      if (options.starkPrivateKey.length > 6) expect((error as Error).message).not.toContain(options.starkPrivateKey.slice(2, 20));
    }
  });
});

describe('redaction', () => {
  it('prints as [REDACTED] through JSON.stringify, util.inspect, String() and templates', () => {
    expect(JSON.stringify(signer)).toBe('"[REDACTED]"');
    expect(JSON.stringify({ signer })).toBe('{"signer":"[REDACTED]"}');
    expect(inspect(signer)).toBe('[REDACTED]');
    expect(inspect({ nested: { signer } }, { depth: 10, showHidden: true })).not.toContain(KEY_DIGITS);
    expect(String(signer)).toBe('[REDACTED]');
    expect(`${signer}`).toBe('[REDACTED]');
  });

  it('holds the key in a true private field (no enumerable or reflective way to read it)', () => {
    const reflected = [
      ...Object.keys(signer),
      ...Object.getOwnPropertyNames(signer),
      ...Object.getOwnPropertySymbols(signer).map(String),
      ...Object.values(signer).map((v) => (typeof v === 'string' ? v : '')),
    ].join(' ');
    expectNoKey(reflected);
    expectNoKey(JSON.stringify(Object.entries(signer)));
  });

  it('order validation errors do not contain the key', () => {
    try {
      signer.signOrder({ timestampMs: 1, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.000000001', price: '1' });
      expect.unreachable();
    } catch (error) {
      expectNoKey(`${(error as Error).message} ${inspect(error)}`);
    }
  });
});

describe('subkey mode', () => {
  // The key is a subkey's; the account is the MAIN account: the signature must verify against the
  // subkey's public key over a hash that names the main account.
  const subkey = `0x${'5'.repeat(63)}`;
  const sub = ParadexSigner.create({ starkPrivateKey: subkey, account: FIXED.account_address, starknetChainId: CHAIN_ID });
  const order: OrderSignable = { timestampMs: 1717000000000, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '65000.5' };

  it('signs over the main account with the subkey', () => {
    expect(sub.account).toBe(FIXED.account_address);
    expect(sub.publicKey).not.toBe(FIXED.stark_public_key);
    const signature = sub.signOrder(order);
    const hash = orderHash(CHAIN_ID, FIXED.account_address, order);
    expect(hash).toBe(getMessageHashV0((vectors.orders[0] as { typed_data: Parameters<typeof getMessageHashV0>[0] }).typed_data, FIXED.account_address));
    expect(verifyStarkSignature(hash, signature, sub.publicKey)).toBe(true);
    expect(verifyStarkSignature(hash, signature, FIXED.stark_public_key)).toBe(false);
  });

  it('auth signatures verify against the subkey for the main account', () => {
    const signature = sub.signAuth(1717000000, 1717000180);
    expect(verifyStarkSignature(vectors.auth.message_hash, signature, sub.publicKey)).toBe(true);
  });
});
