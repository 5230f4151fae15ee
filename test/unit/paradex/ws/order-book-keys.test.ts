/**
 * The local book's hand-written sort key and removal test must agree with Number() on every input,
 * so that the speed-up cannot change which levels the book merges, orders or removes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isZeroSize, priceKey } from '../../../../src/exchanges/paradex/ws/order-book.js';

const sameNumber = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
const agrees = (s: string): boolean => sameNumber(priceKey(s), Number(s)) && isZeroSize(s) === (Number(s) === 0);

describe('priceKey / isZeroSize', () => {
  it('match Number() on edge spellings', () => {
    const samples = ['', '-', '.', '5.', '.5', '-0', '0', '0.000', '1e5', '1e-400', ' 1', '1 ', '0x10', '123456789012345', '1234567890123456',
      '12345678901234567', '0.1234567890123456', '-67000.5', '00012.30', '1..2', '9007199254740993', '-.5', 'Infinity', '67629.7', '0.037'];
    expect(samples.filter((s) => !agrees(s))).toEqual([]);
  });

  it('match Number() on plain decimals up to 18+18 digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^-?[0-9]{0,18}(\.[0-9]{0,18})?$/), agrees), { numRuns: 20_000 });
  });

  it('match Number() on strings of number-like characters', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', 'e', ' ', '+') }), agrees), { numRuns: 20_000 });
  });

  it('match Number() on the shortest spelling of any double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (d) => agrees(String(d))), { numRuns: 20_000 });
  });
});
