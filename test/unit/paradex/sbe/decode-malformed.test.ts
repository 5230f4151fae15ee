import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import { decodeParadexSbe } from '../../../../src/exchanges/paradex/ws/sbe/index.js';
import { loadVectors } from './expected-json.js';
import type { SbeVector } from './expected-json.js';

const vectors = loadVectors();
const frameOf = (id: string): Buffer => {
  const vector = vectors.find((v) => v.id === id);
  if (!vector) throw new Error(`vector ${id} missing`);
  return Buffer.from(vector.hex, 'hex');
};

function decodeError(frame: Uint8Array): DecodeError {
  try {
    decodeParadexSbe(frame);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw new Error(`expected DecodeError, got ${String(error)}`);
  }
  throw new Error('expected DecodeError, frame decoded');
}

/** Byte offset where a field that may be absent (added in 1:2 var data) starts, per vector. */
function optionalTailStarts(vector: SbeVector): number[] {
  const e = vector.expected;
  const strLen = (v: unknown): number => 1 + Buffer.byteLength(String(v), 'utf8');
  if (vector.id === 'trade_v2_with_trade_id_str') return [vector.length - strLen(e.tradeIdStr)];
  if (vector.message === 'FillEvent' && vector.header.version >= 2) return [vector.length - strLen(e.feeCurrency)];
  if (vector.message === 'OrderEvent' && vector.header.version >= 2) {
    const lastTwo = strLen(e.requestId) + strLen(e.requestMessage);
    return [vector.length - lastTwo, vector.length - strLen(e.requestMessage)];
  }
  return [];
}

describe('Paradex SBE decoder on malformed frames', () => {
  it('rejects a frame shorter than the header with a hex preview', () => {
    const error = decodeError(Uint8Array.from([0x30, 0x00, 0x02]));
    expect(error.message).toContain('shorter than the 8-byte header');
    expect(error.message).toContain('hex 300002');
    expect(error.rawBody).toBe('300002');
    expect(error.exchange).toBe('paradex');
    expect(error.retryable).toBe(false);
  });

  it('rejects another schema id', () => {
    const frame = Buffer.from(frameOf('rec_bbo_1'));
    frame.writeUInt16LE(2, 4);
    expect(decodeError(frame).message).toContain('schemaId 2');
  });

  it('reports an unknown template instead of throwing (the schema says skip it)', () => {
    const frame = Buffer.from(frameOf('rec_bbo_1'));
    frame.writeUInt16LE(7, 2);
    expect(decodeParadexSbe(frame)).toEqual({ kind: 'unknown', version: 1, templateId: 7, blockLength: 48 });
  });

  it('rejects a blockLength below the template’s 1:0 root block', () => {
    const frame = Buffer.from(frameOf('rec_bbo_1'));
    frame.writeUInt16LE(40, 0);
    expect(decodeError(frame).message).toContain('below its 48-byte root block');
  });

  describe.each(vectors.map((v) => [v.id, v] as const))('every prefix of %s', (_id, vector) => {
    it('is a DecodeError, except where only a 1:2 trailing field is cut off', () => {
      const full = Buffer.from(vector.hex, 'hex');
      const allowed = new Set(optionalTailStarts(vector));
      for (let length = 0; length < full.length; length++) {
        const prefix = full.subarray(0, length);
        if (allowed.has(length)) {
          expect(decodeParadexSbe(prefix).kind).not.toBe('unknown');
          continue;
        }
        const error = decodeError(prefix);
        expect(error.rawBody.startsWith(prefix.subarray(0, 64).toString('hex'))).toBe(true);
      }
    });
  });

  it('rejects a group whose declared entries run past the frame', () => {
    const frame = Buffer.from(frameOf('rec_book_delta_insert'));
    frame.writeUInt16LE(3, 8 + 89 + 2); // bids: 3 entries declared, 1 present
    expect(decodeError(frame).issues.join()).toMatch(/bids: 3 entries of 16 bytes/);
  });

  it('rejects a group entry smaller than [price, size]', () => {
    const frame = Buffer.from(frameOf('rec_book_delta_insert'));
    frame.writeUInt16LE(8, 8 + 89);
    expect(decodeError(frame).message).toMatch(/entry size 8/);
  });

  it('rejects an unknown book package type rather than guessing how to apply it', () => {
    const frame = Buffer.from(frameOf('rec_book_delta_insert'));
    frame[8 + 16] = 2;
    expect(decodeError(frame).message).toMatch(/pkgType: unknown package type 2/);
  });

  it('rejects a public sequence number beyond 2^53 instead of rounding it', () => {
    const frame = Buffer.from(frameOf('rec_bbo_1'));
    frame.writeBigInt64LE(2n ** 53n, 8 + 8);
    expect(decodeError(frame).message).toMatch(/seq: int64 outside the safe integer range/);
    frame.writeBigInt64LE(2n ** 53n - 1n, 8 + 8);
    const message = decodeParadexSbe(frame);
    expect(message.kind === 'bbo' && message.data.seq_no).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('decodes unknown enum codes without failing', () => {
    const frame = Buffer.from(frameOf('trade_v0_buy'));
    frame[8 + 24] = 9;
    frame[8 + 49] = 200;
    const message = decodeParadexSbe(frame);
    if (message.kind !== 'trade') throw new Error(message.kind);
    expect(message.data.side).toBe('UNKNOWN_9');
    expect(message.data.trade_type).toBe('UNKNOWN_200');
  });

  it('reads tradeIdStr only from 1:2 and falls back to the int64 id when it is empty', () => {
    const v2 = frameOf('trade_v2_with_trade_id_str');
    const asV1 = Buffer.from(v2);
    asV1.writeUInt16LE(1, 6); // a 1:1 frame never carries 1:2 var data: trailing bytes are ignored
    const decodedV1 = decodeParadexSbe(asV1);
    expect(decodedV1.kind === 'trade' && decodedV1.data.id).toBe('4519894157043663489');
    const emptyId = Buffer.concat([v2.subarray(0, v2.length - 29), Buffer.from([0])]);
    const decodedEmpty = decodeParadexSbe(emptyId);
    expect(decodedEmpty.kind === 'trade' && decodedEmpty.data.id).toBe('4519894157043663489');
  });

  it('shows at most 64 bytes of a long frame in the preview', () => {
    const frame = Buffer.from(frameOf('rec_book_snapshot'));
    const cut = frame.subarray(0, 2000);
    const error = decodeError(cut);
    expect(error.rawBody).toBe(`${cut.subarray(0, 64).toString('hex')}… (2000 bytes)`);
  });

  it('never throws anything but DecodeError on random bytes after a valid header', () => {
    const headers = vectors.map((v) => Buffer.from(v.hex, 'hex').subarray(0, 8));
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 400 }), (header, body) => {
        const frame = Buffer.concat([header, body]);
        try {
          decodeParadexSbe(frame);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** Root block sizes of the newest schema (1:2): extra bytes beyond these are unknown to the decoder. */
const NEWEST_BLOCK: Readonly<Record<string, number>> = {
  TradeEvent: 50,
  BboEvent: 48,
  BookEvent: 89,
  MarketSummaryEvent: 240,
  FundingDataEvent: 66,
  FundingRateComparisonEvent: 26,
  OrderEvent: 128,
  FillEvent: 116,
  PositionEvent: 154,
  AccountEvent: 121,
  HeartbeatEvent: 16,
  SubscribedEvent: 17,
};

describe('forward compatibility: a longer root block from a newer server', () => {
  const newest = vectors.filter((v) => v.header.blockLength === NEWEST_BLOCK[v.message]);

  it('covers every template', () => {
    expect(new Set(newest.map((v) => v.message))).toEqual(new Set(Object.keys(NEWEST_BLOCK)));
  });

  it.each(newest.map((v) => [v.id, v] as const))('%s decodes the same with unknown bytes appended to the root block', (_id, vector) => {
    const frame = Buffer.from(vector.hex, 'hex');
    const rootEnd = 8 + vector.header.blockLength;
    const expected = decodeParadexSbe(frame);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (extra) => {
        const longer = Buffer.concat([frame.subarray(0, rootEnd), extra, frame.subarray(rootEnd)]);
        longer.writeUInt16LE(vector.header.blockLength + extra.length, 0);
        expect(decodeParadexSbe(longer)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
