/**
 * Schemas without a recorded fixture, checked on hand-made payloads (marked as such: shapes from the
 * OpenAPI responses.GetOnboardingResp and the docs' cancel-batch example), plus strictness checks.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/core/errors.js';
import { decodeJson } from '../../../../src/exchanges/paradex/rest/decode.js';
import {
  batchCancelSchema,
  batchCreateSchema,
  onboardingSchema,
  positionSchema,
  systemConfigSchema,
} from '../../../../src/exchanges/paradex/rest/schemas.js';
import { ctx } from './support.js';

describe('schemas without recordings (hand-made payloads)', () => {
  it('decodes GET /onboarding', () => {
    const body = '{"exists":true,"address":"0x1","account_signer_type":"starknet","derivation_info":{}}';
    expect(decodeJson(onboardingSchema, body, ctx('GET /onboarding'))).toMatchObject({ exists: true, address: '0x1' });
    expect(() => decodeJson(onboardingSchema, '{"address":"0x1"}', ctx('GET /onboarding'))).toThrow(/exists/);
  });

  it('decodes DELETE /orders/batch with one result per identifier', () => {
    const body = JSON.stringify({
      results: [
        { id: 'order-id-1', client_id: 'client-id-X', account: 'account-1', market: 'BTC-USD-PERP', status: 'QUEUED_FOR_CANCELLATION' },
        { client_id: 'client-id-2', status: 'NOT_FOUND' },
      ],
    });
    const decoded = decodeJson(batchCancelSchema, body, ctx('DELETE /orders/batch'));
    expect(decoded.results.map((r) => r.status)).toEqual(['QUEUED_FOR_CANCELLATION', 'NOT_FOUND']);
  });

  it('reads a batch answer with missing or null arrays as empty', () => {
    expect(decodeJson(batchCreateSchema, '{"orders":null}', ctx('POST /orders/batch'))).toMatchObject({ orders: [], errors: [] });
  });
});

describe('strictness where money is at stake', () => {
  it('requires the chain ids and class hashes the signer needs from /system/config', () => {
    const error = (() => {
      try {
        decodeJson(systemConfigSchema, '{"starknet_chain_id":"PRIVATE_SN_POTC_SEPOLIA"}', ctx('GET /system/config'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DecodeError);
    const issues = (error as DecodeError).issues.join('\n');
    expect(issues).toContain('l1_chain_id');
    expect(issues).toContain('paraclear_account_hash');
    expect(issues).toContain('paraclear_account_proxy_hash');
  });

  it('refuses an unknown position side rather than guessing a direction', () => {
    const body = '{"market":"BTC-USD-PERP","side":"BOTH","status":"OPEN","size":"1","last_updated_at":1}';
    expect(() => decodeJson(positionSchema, body, ctx('GET /positions'))).toThrow(/side/);
  });
});
