import { describe, expect, it } from 'vitest';
import { formatStarkSignature, signStarkHash, starkPublicKeyOf } from '../../../../src/crypto/starknet/index.js';
import { verifyModifySignature, verifyOrderSignature } from '../../../../src/simulator/dialects/paradex/verify-order.js';
import { FIXED, newVenue, onboardFixed, vectors, VECTOR_TIME_MS } from './support.js';

const PRIVATE = FIXED.stark_private_key.slice(2).padStart(64, '0');
const ccxtBody = (i: number) => ({ ...(vectors.orders[i]!.rest_body_ccxt as Record<string, unknown>) });

function setup() {
  const { venue } = newVenue();
  const account = onboardFixed(venue);
  return { venue, account };
}

describe('verifyOrderSignature', () => {
  it('accepts the bodies ccxt sends for the vector orders (limit, market signed at price 0, stop-limit)', () => {
    const { venue, account } = setup();
    for (const i of [0, 2, 3]) {
      const result = verifyOrderSignature(venue, account, ccxtBody(i), VECTOR_TIME_MS + 1000);
      expect(result.ok, vectors.orders[i]!.label).toBe(true);
    }
    const market = verifyOrderSignature(venue, account, ccxtBody(2), VECTOR_TIME_MS + 1000);
    expect(market.ok && market.order).toMatchObject({ type: 'MARKET', priceScaled: 0n, sizeScaled: 50_000_000n });
  });

  it('signs price 0 for market types even when the body carries a price', () => {
    const { venue, account } = setup();
    const result = verifyOrderSignature(venue, account, { ...ccxtBody(2), price: '2500' }, VECTOR_TIME_MS + 1000);
    expect(result.ok).toBe(true);
  });

  it('refuses a signature over different values with 400 INVALID_ORDER_SIGNATURE', () => {
    const { venue, account } = setup();
    for (const change of [{ size: '0.02' }, { price: '65000.4' }, { side: 'SELL' }, { signature_timestamp: VECTOR_TIME_MS + 1 }, { market: 'ETH-USD-PERP' }]) {
      const result = verifyOrderSignature(venue, account, { ...ccxtBody(0), ...change }, VECTOR_TIME_MS + 1000);
      expect(result).toMatchObject({ ok: false, status: 400, error: 'INVALID_ORDER_SIGNATURE' });
    }
  });

  it('does not cover trigger_price, client_id, flags, stp or instruction (not signed by the venue either)', () => {
    const { venue, account } = setup();
    const body = { ...ccxtBody(3), trigger_price: '61000', client_id: 'other', flags: ['REDUCE_ONLY'], stp: 'EXPIRE_BOTH', instruction: 'POST_ONLY' };
    expect(verifyOrderSignature(venue, account, body, VECTOR_TIME_MS).ok).toBe(true);
  });

  it('accepts signatures on either y parity of the registered x coordinate', () => {
    const { venue, account } = setup();
    // A key n - k has the same x; it signs with the other y parity.
    const negated = (0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn - BigInt(FIXED.stark_private_key)).toString(16).padStart(64, '0');
    const hash = BigInt(vectors.orders[0]!.message_hash);
    const body = { ...ccxtBody(0), signature: formatStarkSignature(signStarkHash(hash, negated)) };
    expect(verifyOrderSignature(venue, account, body, VECTOR_TIME_MS).ok).toBe(true);
    expect(signStarkHash(hash, negated)).not.toEqual(signStarkHash(hash, PRIVATE));
  });

  it('accepts a registered subkey and refuses an unregistered key', () => {
    const { venue, account } = setup();
    const subkey = '0'.repeat(63) + '7';
    const hash = BigInt(vectors.orders[0]!.message_hash);
    const body = { ...ccxtBody(0), signature: formatStarkSignature(signStarkHash(hash, subkey)) };
    expect(verifyOrderSignature(venue, account, body, VECTOR_TIME_MS)).toMatchObject({ ok: false, error: 'INVALID_ORDER_SIGNATURE' });
    venue.accounts.addSubkey(account, starkPublicKeyOf(subkey), 'bot');
    expect(verifyOrderSignature(venue, account, body, VECTOR_TIME_MS).ok).toBe(true);
  });

  it('enforces recv_window (default 300 000 ms) with INVALID_TIMESTAMP', () => {
    const { venue, account } = setup();
    expect(verifyOrderSignature(venue, account, ccxtBody(0), VECTOR_TIME_MS + 300_000).ok).toBe(true);
    expect(verifyOrderSignature(venue, account, ccxtBody(0), VECTOR_TIME_MS + 300_001)).toMatchObject({ ok: false, status: 400, error: 'INVALID_TIMESTAMP' });
    const short = { ...ccxtBody(0), recv_window: 50 };
    expect(verifyOrderSignature(venue, account, short, VECTOR_TIME_MS + 50).ok).toBe(true);
    expect(verifyOrderSignature(venue, account, short, VECTOR_TIME_MS + 51)).toMatchObject({ ok: false, error: 'INVALID_TIMESTAMP' });
    expect(verifyOrderSignature(venue, account, { ...ccxtBody(0), recv_window: 5 }, VECTOR_TIME_MS)).toMatchObject({ ok: false, error: 'VALIDATION_ERROR' });
  });

  it('answers malformed bodies as the venue does', () => {
    const { venue, account } = setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ccxtBody(0), side: 'LONG' }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), type: 'ICEBERG' }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), size: 0.01 }, 'INVALID_ORDER_SIZE'],
      [{ ...ccxtBody(0), size: '0.000000001' }, 'INVALID_ORDER_SIZE'],
      [{ ...ccxtBody(0), price: undefined }, 'INVALID_REQUEST_PARAMETER'],
      [{ ...ccxtBody(0), price: '1.123456789' }, 'INVALID_REQUEST_PARAMETER'],
      [{ ...ccxtBody(0), signature: undefined }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), signature: 'nope' }, 'INVALID_ORDER_SIGNATURE'],
      [{ ...ccxtBody(0), signature_timestamp: 'soon' }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), flags: ['MAGIC'] }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), client_id: 'x'.repeat(65) }, 'VALIDATION_ERROR'],
      [{ ...ccxtBody(0), market: 'A-VERY-LONG-MARKET-NAME-THAT-CANNOT-BE-SIGNED' }, 'MARKET_NOT_FOUND'],
      [{ ...ccxtBody(0), size: '9'.repeat(80) }, 'INVALID_ORDER_SIZE'],
    ];
    for (const [body, error] of cases) {
      expect(verifyOrderSignature(venue, account, body, VECTOR_TIME_MS), JSON.stringify(body).slice(0, 80)).toMatchObject({ ok: false, status: 400, error });
    }
  });

  it('answers NOT_ONBOARDED for an account without keys', () => {
    const { venue } = newVenue();
    expect(verifyOrderSignature(venue, FIXED.account_address, ccxtBody(0), VECTOR_TIME_MS)).toMatchObject({ ok: false, error: 'NOT_ONBOARDED' });
  });
});

describe('verifyModifySignature', () => {
  const modifyBody = () => {
    const m = vectors.modify_order.typed_data.message;
    return {
      id: m.id,
      market: m.market,
      side: 'BUY',
      type: m.orderType,
      size: '0.02',
      price: '65001',
      signature: vectors.modify_order.signature.header_value,
      signature_timestamp: Number(m.timestamp),
    };
  };

  it('accepts the vector ModifyOrder body and checks the path id', () => {
    const { venue, account } = setup();
    const body = modifyBody();
    expect(verifyModifySignature(venue, account, body, VECTOR_TIME_MS, body.id as string).ok).toBe(true);
    expect(verifyModifySignature(venue, account, body, VECTOR_TIME_MS, '1')).toMatchObject({ ok: false, error: 'VALIDATION_ERROR' });
  });

  it('refuses an Order signature presented as a modification, and a different id', () => {
    const { venue, account } = setup();
    const body = modifyBody();
    expect(verifyModifySignature(venue, account, { ...body, id: `${body.id as string}1` }, VECTOR_TIME_MS)).toMatchObject({ ok: false, error: 'INVALID_ORDER_SIGNATURE' });
    const orderSig = { ...ccxtBody(0), id: body.id };
    expect(verifyModifySignature(venue, account, orderSig, VECTOR_TIME_MS)).toMatchObject({ ok: false, error: 'INVALID_ORDER_SIGNATURE' });
  });
});

