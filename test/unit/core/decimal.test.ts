import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecimalFormatError,
  add,
  compare,
  div,
  fromNumber,
  fromScaledInteger,
  isMultipleOf,
  mul,
  normalize,
  quantize,
  sub,
  toScaledInteger,
} from '../../../src/core/decimal.js';

/** Arbitrary decimal strings with up to 12 fractional digits. */
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([int, scale]) => fromScaledInteger(int, scale));
const positiveIncrement = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.integer({ min: 0, max: 8 }))
  .map(([int, scale]) => fromScaledInteger(int, scale));

describe('decimal', () => {
  it('normalizes spellings', () => {
    expect(normalize('1.500')).toBe('1.5');
    expect(normalize('-0.000')).toBe('0');
    expect(normalize('+2')).toBe('2');
    expect(normalize('.5')).toBe('0.5');
    expect(normalize('007.10')).toBe('7.1');
  });

  it('rejects floats in exponent form and garbage, naming the field', () => {
    expect(() => normalize('1e5', 'size')).toThrow(DecimalFormatError);
    expect(() => normalize('abc', 'price')).toThrow(/price must be a plain decimal/);
    expect(() => normalize('1.2.3')).toThrow(DecimalFormatError);
    expect(() => normalize('')).toThrow(DecimalFormatError);
  });

  it('does exact arithmetic where floats fail', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(sub('65000.5', '0.1')).toBe('65000.4');
    expect(mul('0.01', '65000.5')).toBe('650.005');
    expect(div('1', '3', 8, 'down')).toBe('0.33333333');
    expect(div('2', '3', 8, 'half_even')).toBe('0.66666667');
    expect(div('-1', '8', 2, 'half_even')).toBe('-0.12');
    expect(div('-1', '8', 2, 'half_up')).toBe('-0.13');
  });

  it('quantizes to a tick with each rounding mode', () => {
    expect(quantize('65000.57', '0.1', 'down')).toBe('65000.5');
    expect(quantize('65000.57', '0.1', 'up')).toBe('65000.6');
    expect(quantize('65000.55', '0.1', 'half_even')).toBe('65000.6');
    expect(quantize('65000.45', '0.1', 'half_even')).toBe('65000.4');
    expect(quantize('65000.45', '0.1', 'half_up')).toBe('65000.5');
    expect(quantize('-1.25', '0.5', 'floor')).toBe('-1.5');
    expect(quantize('-1.25', '0.5', 'ceil')).toBe('-1');
    expect(quantize('0.0149', '0.001', 'down')).toBe('0.014');
    expect(quantize('123', '5', 'down')).toBe('120');
  });

  it('scales to integers for signing and refuses to lose digits', () => {
    expect(toScaledInteger('0.01', 8)).toBe(1_000_000n);
    expect(toScaledInteger('65000.5', 8)).toBe(6_500_050_000_000n);
    expect(toScaledInteger('1.000000000', 8)).toBe(100_000_000n);
    expect(() => toScaledInteger('0.000000001', 8, 'size')).toThrow(/size/);
  });

  it('expands numbers without exponent notation', () => {
    expect(fromNumber(1e-7)).toBe('0.0000001');
    expect(fromNumber(1.5e21)).toBe('1500000000000000000000');
    expect(fromNumber(0.1)).toBe('0.1');
  });

  it('property: add and sub are inverse, compare is consistent', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(sub(add(a, b), b)).toBe(normalize(a));
        expect(compare(add(a, b), a)).toBe(compare(b, '0'));
        // Antisymmetry; a sum, so equal values give 0 rather than -0 (toBe uses Object.is).
        expect(compare(a, b) + compare(b, a)).toBe(0);
      }),
    );
  });

  it('property: quantize gives a multiple of the increment within one increment', () => {
    fc.assert(
      fc.property(decimal, positiveIncrement, (value, inc) => {
        for (const mode of ['down', 'up', 'floor', 'ceil', 'half_up', 'half_even'] as const) {
          const q = quantize(value, inc, mode);
          expect(isMultipleOf(q, inc)).toBe(true);
          const distance = sub(value, q);
          expect(compare(distance.replace('-', ''), inc)).toBe(-1);
          if (mode === 'floor') expect(compare(q, value)).toBeLessThanOrEqual(0);
          if (mode === 'ceil') expect(compare(q, value)).toBeGreaterThanOrEqual(0);
          if (mode === 'down') expect(compare(q.replace('-', ''), value.replace('-', ''))).toBeLessThanOrEqual(0);
        }
        // quantizing a multiple changes nothing
        expect(quantize(quantize(value, inc, 'down'), inc, 'up')).toBe(quantize(value, inc, 'down'));
      }),
    );
  });

  it('property: scaled integers round-trip', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (int) => {
        expect(toScaledInteger(fromScaledInteger(int, 8), 8)).toBe(int);
      }),
    );
  });

  it('property: mul matches bigint arithmetic', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (a, b) => {
        expect(mul(fromScaledInteger(a, 4), fromScaledInteger(b, 3))).toBe(fromScaledInteger(a * b, 7));
      }),
    );
  });
});
