import fc from 'fast-check';
import { shortString } from 'starknet';
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidOrderError } from '../../../../src/core/errors.js';
import {
  FIELD_PRIME,
  STARK_CURVE_ORDER,
  encodeFelt,
  feltToShortString,
  normalizeStarknetAddress,
  parseStarkPrivateKey,
  parseStarknetAddress,
  shortStringToFelt,
} from '../../../../src/exchanges/paradex/auth/index.js';
import { FIXED } from './vectors.js';

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('short strings', () => {
  it('encodes ASCII big-endian, as in the vectors', () => {
    expect(shortStringToFelt('PRIVATE_SN_POTC_SEPOLIA')).toBe(BigInt(FIXED.starknet_chain_id_felt));
    expect(shortStringToFelt('BTC-USD-PERP')).toBe(0x4254432d5553442d50455250n);
    expect(shortStringToFelt('LIMIT')).toBe(0x4c494d4954n);
    expect(shortStringToFelt('')).toBe(0n);
    expect(feltToShortString(0x4c494d4954n)).toBe('LIMIT');
  });

  it('agrees with starknet.js encodeShortString for random ASCII up to 31 chars', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 31 }), (text) => {
        const ours = shortStringToFelt(text);
        expect(ours).toBe(text === '' ? 0n : BigInt(shortString.encodeShortString(text)));
        expect(feltToShortString(ours)).toBe(text.replace(/^\0+/, ''));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects more than 31 characters and non-ASCII with an InvalidOrderError naming the field', () => {
    const long = captureError(() => shortStringToFelt('X'.repeat(32), 'market'));
    expect(long).toBeInstanceOf(InvalidOrderError);
    expect((long as InvalidOrderError).field).toBe('market');
    expect((long as InvalidOrderError).rule).toMatch(/at most 31 characters/);
    const accented = captureError(() => shortStringToFelt('BTC-€', 'market'));
    expect(accented).toBeInstanceOf(InvalidOrderError);
    expect((accented as InvalidOrderError).rule).toMatch(/ASCII/);
  });
});

describe('encodeFelt (the server’s parsing rules, paradex.md §5)', () => {
  it('treats decimal digit strings as integers, not short strings', () => {
    expect(encodeFelt('1')).toBe(1n);
    expect(encodeFelt(1)).toBe(1n);
    expect(encodeFelt('1000000')).toBe(1000000n);
    expect(encodeFelt('1717000000000')).toBe(1717000000000n);
  });

  it('treats 0x strings as hex and "" as zero', () => {
    expect(encodeFelt('0x4254432d5553442d50455250')).toBe(shortStringToFelt('BTC-USD-PERP'));
    expect(encodeFelt('0X1f')).toBe(31n);
    expect(encodeFelt('')).toBe(0n);
  });

  it('encodes any other text as a short string (the "0.01" trap)', () => {
    expect(encodeFelt('0.01')).toBe(shortStringToFelt('0.01'));
    expect(encodeFelt('POST')).toBe(0x504f5354n);
    expect(encodeFelt('/v1/auth')).toBe(shortStringToFelt('/v1/auth'));
  });

  it('rejects values outside the field', () => {
    expect(() => encodeFelt(FIELD_PRIME, 'x')).toThrow(InvalidOrderError);
    expect(() => encodeFelt(`0x${FIELD_PRIME.toString(16)}`, 'x')).toThrow(InvalidOrderError);
    expect(() => encodeFelt(-1n, 'x')).toThrow(InvalidOrderError);
    expect(() => encodeFelt(1.5, 'x')).toThrow(InvalidOrderError);
    expect(encodeFelt(FIELD_PRIME - 1n)).toBe(FIELD_PRIME - 1n);
  });
});

describe('private key normalisation', () => {
  const key = BigInt(FIXED.stark_private_key);
  const hex = key.toString(16);

  it('accepts with or without 0x, any case, with leading zeros present or missing', () => {
    expect(hex.length).toBe(62); // this vector key itself lacks leading zeros
    for (const spelling of [hex, `0x${hex}`, `0X${hex.toUpperCase()}`, hex.padStart(64, '0'), `0x${hex.padStart(63, '0')}`, ` 0x${hex} `]) {
      expect(parseStarkPrivateKey(spelling)).toBe(key);
    }
  });

  it('accepts a 63-hex-digit key (a Starknet key that lost its leading zero)', () => {
    const k63 = '5aa66c3c7959ac3ab7fca87c88742bb33a17ff151579a24d43e372ebd89a9d1';
    expect(k63.length).toBe(63);
    expect(parseStarkPrivateKey(k63)).toBe(BigInt(`0x${k63}`));
    expect(parseStarkPrivateKey(`0x0${k63}`)).toBe(BigInt(`0x${k63}`));
  });

  const secretLike = '0x7777777777777777777777777777777777777777777777777777777777zz';
  it.each([
    ['empty', '', /must not be empty/],
    ['only 0x', '0x', /must not be empty/],
    ['non-hex', secretLike, /hexadecimal/],
    ['zero', '0x0000', /must not be zero/],
    ['curve order', `0x${STARK_CURVE_ORDER.toString(16)}`, /below the Stark curve order/],
    ['above 64 digits', `0x1${'0'.repeat(64)}`, /at most 64/],
    ['not a string', 12345 as unknown as string, /hex string/],
  ])('rejects %s with a ConfigError that names the field and never echoes the key', (_name, input, rule) => {
    const error = captureError(() => parseStarkPrivateKey(input, 'starkPrivateKey'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/starkPrivateKey/);
    expect(error.message).toMatch(rule);
    if (typeof input === 'string' && input.length > 4) expect(error.message).not.toContain(input.replace(/^0x/, '').slice(0, 16));
  });

  it('accepts the largest valid key n - 1', () => {
    expect(parseStarkPrivateKey(`0x${(STARK_CURVE_ORDER - 1n).toString(16)}`)).toBe(STARK_CURVE_ORDER - 1n);
  });
});

describe('address normalisation', () => {
  it('prints addresses 0x-prefixed, lowercase, without zero padding', () => {
    const padded = `0x0${FIXED.account_address.slice(2).toUpperCase()}`;
    expect(normalizeStarknetAddress(padded)).toBe(FIXED.account_address);
    expect(normalizeStarknetAddress(FIXED.account_address.slice(2))).toBe(FIXED.account_address);
    expect(parseStarknetAddress(FIXED.account_address)).toBe(BigInt(FIXED.account_address));
  });

  it('rejects zero, non-hex and addresses at or above 2^251', () => {
    expect(() => parseStarknetAddress('0x0')).toThrow(/account: must not be zero/);
    expect(() => parseStarknetAddress('0xnothex')).toThrow(/account: must be hexadecimal/);
    expect(() => parseStarknetAddress(`0x${(1n << 251n).toString(16)}`)).toThrow(/below 2\^251/);
  });
});
