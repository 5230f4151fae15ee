/**
 * The JSON tape must never accept what JSON.parse refuses, must accept every JSON text inside its
 * subset (printable-ASCII strings without escapes), and must index tokens so that the value read
 * back from the tape is JSON.parse's value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonTape } from '../../../src/transport/json-tape.js';

/** The value at tape token `index`, read back only from the tape and the bytes (a test-only reader). */
function valueAt(tape: JsonTape, bytes: Buffer, index: number): unknown {
  const first = tape.start[index] as number;
  const end = tape.end[index] as number;
  const c = bytes[first];
  if (c === 0x22) return bytes.toString('latin1', first + 1, end);
  if (c === 0x7b) {
    const out: Record<string, unknown> = {};
    for (let k = index + 1; k < end; k = next(tape, bytes, k + 1)) out[valueAt(tape, bytes, k) as string] = valueAt(tape, bytes, k + 1);
    return out;
  }
  if (c === 0x5b) {
    const out: unknown[] = [];
    for (let k = index + 1; k < end; k = next(tape, bytes, k)) out.push(valueAt(tape, bytes, k));
    return out;
  }
  return JSON.parse(bytes.toString('latin1', first, end)) as unknown; // number or literal
}

function next(tape: JsonTape, bytes: Buffer, index: number): number {
  const c = bytes[tape.start[index] as number];
  return c === 0x7b || c === 0x5b ? (tape.end[index] as number) + 1 : index + 1;
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Printable ASCII, tab, LF, CR and no backslash: the bytes a text of the subset is made of. */
const inSubsetAlphabet = (text: string): boolean => /^[\x20-\x5b\x5d-\x7e\t\n\r]*$/.test(text);

const asciiString = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)), maxLength: 12 });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    asciiString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(asciiString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON.stringify with its optional white space put in at random places. */
const spaced = fc.tuple(json, fc.integer({ min: 0, max: 3 })).map(([value, indent]) => JSON.stringify(value, null, indent === 0 ? undefined : ' '.repeat(indent)));

describe('JsonTape', () => {
  it('indexes JSON texts of its subset and reads back JSON.parse\'s value', () => {
    const tape = new JsonTape(4);
    fc.assert(
      fc.property(spaced, (text) => {
        const bytes = Buffer.from(text);
        expect(tape.index(bytes)).toBe(true);
        expect(valueAt(tape, bytes, 0)).toEqual(JSON.parse(text));
        expect(tape.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with JSON.parse on damaged texts: never accepts what it refuses, accepts all it parses in the subset', () => {
    const tape = new JsonTape();
    const damaged = fc.tuple(spaced, fc.nat(), fc.constantFrom(...'{}[]:,"0-.e+tfnul \\\x01x'.split('')), fc.constantFrom('replace', 'insert', 'delete')).map(([text, at, char, how]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (how === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
      if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
      return text.slice(0, i) + text.slice(i + 1);
    });
    fc.assert(
      fc.property(damaged, (text) => {
        const bytes = Buffer.from(text);
        const accepted = tape.index(bytes);
        if (accepted) expect(valueAt(tape, bytes, 0)).toEqual(JSON.parse(text));
        if (!accepted && inSubsetAlphabet(text)) expect(parses(text)).toBe(false);
        if (accepted) expect(parses(text)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('declines texts outside the subset that JSON.parse accepts, and malformed edge cases', () => {
    const tape = new JsonTape();
    const declined = ['"a\\"b"', '"\\u0041"', '"caf\u00e9"', '["\u20ac"]', '', ' ', '{', '}', '[1,]', '{"a":1,}', '{"a" 1}', '01', '-', '1.', '.5', '1e', '+1',
      'tru', 'nul', 'nulll', '1 2', '{}{}', '"a', '[1', '{"a":1', '{"a"}', '[}', '{]', '"\t"', '-01', '1.e5'];
    expect(declined.filter((text) => tape.index(Buffer.from(text)))).toEqual([]);
    const accepted = ['0', '-0', '1e5', '1E-5', '-1.5e+3', 'true', 'false', 'null', '""', '[]', '{}', ' [ 1 , { "a" : [ ] } ] ', '{"a":{"b":{"c":[null]}}}'];
    expect(accepted.filter((text) => !tape.index(Buffer.from(text)))).toEqual([]);
  });

  it('declines nesting deeper than 64 and grows for frames longer than its capacity', () => {
    const tape = new JsonTape(2);
    expect(tape.index(Buffer.from('['.repeat(64) + ']'.repeat(64)))).toBe(true);
    expect(tape.index(Buffer.from('['.repeat(65) + ']'.repeat(65)))).toBe(false);
    const long = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ price: String(i), size: i })));
    const bytes = Buffer.from(long);
    expect(tape.index(bytes)).toBe(true);
    expect(valueAt(tape, bytes, 0)).toEqual(JSON.parse(long));
  });
});
