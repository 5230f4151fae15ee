import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromScaledInteger } from '../../../../src/core/decimal.js';
import {
  readDecimal,
  readInt16,
  readInt32,
  readInt64String,
  readNullableDecimal,
  readSafeInt64,
  readSafeUint64,
  readTimestampMs,
  readUint16,
  readUint32,
} from '../../../../src/exchanges/paradex/ws/sbe/int64.js';
import { SbeFieldError } from '../../../../src/exchanges/paradex/ws/sbe/field-error.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The value little-endian at byte 3 of a small frame (odd offset: no alignment is assumed). */
function viewOf(value: bigint, at = 3): Uint8Array {
  const bytes = new Uint8Array(at + 8);
  new DataView(bytes.buffer).setBigInt64(at, value, true);
  return bytes;
}

/** Values around the fast path's limit (±2^53) and the int64 extremes. */
const edgeValues = [0n, 1n, -1n, 10n ** 8n, -(10n ** 8n), 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n), -(2n ** 53n) - 1n, INT64_MAX, INT64_MIN + 1n, INT64_MIN];
const anyInt64 = fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }), fc.constantFrom(...edgeValues));

describe('int64 readers', () => {
  it('formats every int64 mantissa exactly like BigInt arithmetic, at scale 8 and 12', () => {
    fc.assert(
      fc.property(anyInt64, fc.constantFrom(8, 12), (value, scale) => {
        expect(readDecimal(viewOf(value), 3, scale)).toBe(fromScaledInteger(value, scale));
      }),
      { numRuns: 20000 },
    );
  });

  it('spells decimals canonically', () => {
    expect(readDecimal(viewOf(4200050000000n), 3, 8)).toBe('42000.5');
    expect(readDecimal(viewOf(100000n), 3, 8)).toBe('0.001');
    expect(readDecimal(viewOf(-500000n), 3, 8)).toBe('-0.005');
    expect(readDecimal(viewOf(0n), 3, 8)).toBe('0');
    expect(readDecimal(viewOf(1n), 3, 8)).toBe('0.00000001');
    expect(readDecimal(viewOf(443605046n), 3, 12)).toBe('0.000443605046');
    expect(readDecimal(viewOf(INT64_MAX), 3, 8)).toBe('92233720368.54775807');
    expect(readDecimal(viewOf(INT64_MIN), 3, 8)).toBe('-92233720368.54775808');
  });

  it('reads the INT64_MIN sentinel as null only in nullable fields', () => {
    expect(readNullableDecimal(viewOf(INT64_MIN), 3, 8)).toBeUndefined();
    expect(readNullableDecimal(viewOf(INT64_MIN + 1n), 3, 8)).toBe('-92233720368.54775807');
    expect(readNullableDecimal(viewOf(-(2n ** 32n)), 3, 8)).toBe('-42.94967296');
  });

  it('reads ids as exact decimal strings', () => {
    fc.assert(
      fc.property(anyInt64, (value) => {
        expect(readInt64String(viewOf(value), 3)).toBe(value.toString());
      }),
      { numRuns: 5000 },
    );
  });

  it('converts microseconds to milliseconds by truncation, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n - 1n }), (micros) => {
        expect(Object.is(readTimestampMs(viewOf(micros), 3, 'ts'), Number(micros / 1000n))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(readTimestampMs(viewOf(1791421923325999n), 3, 'ts')).toBe(1791421923325);
    expect(Object.is(readTimestampMs(viewOf(-999n), 3, 'ts'), 0)).toBe(true);
    for (const edge of [2n ** 53n - 1n, -(2n ** 53n), 9007199254740999n - 1000n, 8796093022207999n]) {
      expect(readTimestampMs(viewOf(edge), 3, 'ts')).toBe(Number(edge / 1000n));
    }
  });

  it('reads 16- and 32-bit little-endian integers like DataView', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        const view = new DataView(bytes.buffer);
        expect(readUint32(bytes, 0)).toBe(view.getUint32(0, true));
        expect(readInt32(bytes, 0)).toBe(view.getInt32(0, true));
        expect(readUint16(bytes, 1)).toBe(view.getUint16(1, true));
        expect(readInt16(bytes, 1)).toBe(view.getInt16(1, true));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses integers a double cannot hold, naming the field', () => {
    expect(() => readSafeInt64(viewOf(2n ** 53n), 3, 'seq')).toThrow(SbeFieldError);
    expect(() => readTimestampMs(viewOf(INT64_MIN), 3, 'createdAt')).toThrow(/createdAt/);
    expect(readSafeInt64(viewOf(-(2n ** 53n)), 3, 'seq')).toBe(-(2 ** 53));
    const unsigned = new Uint8Array(8);
    new DataView(unsigned.buffer).setBigUint64(0, 2n ** 64n - 1n, true);
    expect(() => readSafeUint64(unsigned, 0, 'orderbookSeqNo')).toThrow(/orderbookSeqNo/);
    new DataView(unsigned.buffer).setBigUint64(0, 2n ** 53n - 1n, true);
    expect(readSafeUint64(unsigned, 0, 'orderbookSeqNo')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
