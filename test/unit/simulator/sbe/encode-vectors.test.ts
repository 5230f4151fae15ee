import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  encodeBboEvent,
  encodeBookEvent,
  encodeFundingDataEvent,
  encodeFundingRateComparisonEvent,
  encodeHeartbeatEvent,
  encodeMarketSummaryEvent,
  encodeSubscribedEvent,
  encodeTradeEvent,
} from '../../../../src/simulator/dialects/paradex-sbe/index.js';
import type { SbeVersion } from '../../../../src/simulator/dialects/paradex-sbe/index.js';

interface Vector {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly header: { readonly version: number };
  readonly hex: string;
  readonly expected: Record<string, unknown>;
}

const vectors = (
  JSON.parse(readFileSync(new URL('../../../fixtures/vectors/paradex-sbe-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }
).vectors;

/** The vectors' `expected` objects use the schema's names, which are the encoder's input names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vector JSON is checked by the encoder itself
const ENCODERS: Readonly<Record<string, (input: any, version: SbeVersion) => Uint8Array>> = {
  TradeEvent: encodeTradeEvent,
  BboEvent: encodeBboEvent,
  BookEvent: encodeBookEvent,
  MarketSummaryEvent: encodeMarketSummaryEvent,
  FundingDataEvent: encodeFundingDataEvent,
  FundingRateComparisonEvent: encodeFundingRateComparisonEvent,
  HeartbeatEvent: encodeHeartbeatEvent,
  SubscribedEvent: encodeSubscribedEvent,
};

/** Frames a conforming server never produces: they test a decoder against a future schema. */
const FUTURE_LAYOUTS = new Set(['bbo_v1_longer_block', 'book_v1_longer_group_entries']);

const encodable = vectors.filter((v) => ENCODERS[v.message] !== undefined && !FUTURE_LAYOUTS.has(v.id));

describe('Paradex SBE simulator encoder on the shared vectors', () => {
  it.each(encodable.map((v) => [v.id, v] as const))('%s re-encodes byte for byte', (_id, vector) => {
    const encode = ENCODERS[vector.message];
    if (!encode) throw new Error(vector.message);
    const frame = encode(vector.expected, vector.header.version as SbeVersion);
    expect(Buffer.from(frame).toString('hex')).toBe(vector.hex);
  });

  it('re-encodes every production capture', () => {
    const recorded = vectors.filter((v) => v.kind === 'recorded').map((v) => v.id);
    expect(recorded).toHaveLength(8);
    expect(encodable.map((v) => v.id)).toEqual(expect.arrayContaining(recorded));
  });

  it('leaves out only the private templates and the two future-layout frames', () => {
    const left = vectors.filter((v) => !encodable.includes(v)).map((v) => `${v.id}:${v.message}`);
    console.log(`not encoded by the simulator (private templates or future layouts): ${left.join(', ')}`);
    expect(left.sort()).toEqual(
      [
        'order_v0_open:OrderEvent',
        'fill_v0_taker_sell:FillEvent',
        'position_v0_long:PositionEvent',
        'account_v0:AccountEvent',
        'fill_v2_rpi_maker:FillEvent',
        'fill_v2_transfer_null_seq:FillEvent',
        'order_v2_modify_pending:OrderEvent',
        'account_v2_last_seen:AccountEvent',
        'position_v2_short_mark_null:PositionEvent',
        'bbo_v1_longer_block:BboEvent',
        'book_v1_longer_group_entries:BookEvent',
      ].sort(),
    );
  });
});
