import { describe, expect, it } from 'vitest';
import { negotiateSbe, supportedSbeVersions } from '../../../../src/simulator/dialects/paradex-sbe/index.js';

describe('SBE negotiation on the WebSocket upgrade', () => {
  it('accepts schema 1 at versions 0, 1 and 2 by default', () => {
    expect(supportedSbeVersions).toEqual([0, 1, 2]);
    for (const version of [0, 1, 2] as const) {
      expect(negotiateSbe(`/v1?sbeSchemaId=1&sbeSchemaVersion=${version}`)).toEqual({ ok: true, sbe: { schemaId: 1, version } });
    }
  });

  it('stays JSON-only without the parameters, whatever else the query holds', () => {
    expect(negotiateSbe('/v1')).toEqual({ ok: true });
    expect(negotiateSbe('/v1?')).toEqual({ ok: true });
    expect(negotiateSbe('foo=bar')).toEqual({ ok: true });
  });

  it('reads the parameters after other ones and from URLSearchParams', () => {
    expect(negotiateSbe('foo=bar&sbeSchemaId=1&sbeSchemaVersion=1')).toEqual({ ok: true, sbe: { schemaId: 1, version: 1 } });
    expect(negotiateSbe(new URLSearchParams({ sbeSchemaVersion: '0', sbeSchemaId: '1' }))).toEqual({ ok: true, sbe: { schemaId: 1, version: 0 } });
  });

  it.each([
    ['sbeSchemaId=2&sbeSchemaVersion=1', 'unsupported sbeSchemaId "2"'],
    ['sbeSchemaId=1&sbeSchemaVersion=3', 'unsupported sbeSchemaVersion "3" (supported: 0, 1, 2)'],
    ['sbeSchemaId=1&sbeSchemaVersion=', 'unsupported sbeSchemaVersion ""'],
    ['sbeSchemaId=1&sbeSchemaVersion=1.0', 'unsupported sbeSchemaVersion "1.0"'],
    ['sbeSchemaId=1&sbeSchemaVersion=-1', 'unsupported sbeSchemaVersion "-1"'],
    ['sbeSchemaId=abc&sbeSchemaVersion=1', 'unsupported sbeSchemaId "abc"'],
    ['sbeSchemaId=1', 'sbeSchemaVersion is required with sbeSchemaId'],
    ['sbeSchemaVersion=1', 'sbeSchemaId is required with sbeSchemaVersion'],
  ])('refuses %s with HTTP 400', (query, message) => {
    const result = negotiateSbe(`?${query}`);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ error: 'INVALID_REQUEST_PARAMETER', message: expect.stringContaining(message) });
  });

  it('can simulate an environment that caps negotiation at 1:1', () => {
    expect(negotiateSbe('sbeSchemaId=1&sbeSchemaVersion=1', [0, 1])).toMatchObject({ ok: true });
    expect(negotiateSbe('sbeSchemaId=1&sbeSchemaVersion=2', [0, 1])).toMatchObject({ ok: false, status: 400 });
  });
});
