/**
 * SBE negotiation on the WebSocket upgrade, as the venue does it (paradex-sbe.md §1): the client
 * opts in with `?sbeSchemaId=1&sbeSchemaVersion=<v>`; an unsupported schema or version refuses
 * the upgrade with HTTP 400 (no silent fallback to JSON); without the parameters the connection
 * is JSON-only.
 *
 * The venue's 400 body is not documented; the simulator answers in the REST error shape
 * (`{"error", "message"}`) so a client can show something useful.
 */
import { SCHEMA_ID } from './schema.js';
import type { SbeVersion } from './schema.js';

/** Versions the simulator accepts by default: paradex-py sent 0, the docs say 1, schema 1:2 adds 2. */
export const supportedSbeVersions: readonly SbeVersion[] = [0, 1, 2];

export type SbeNegotiation =
  /** `sbe` undefined: the client did not ask for SBE, payloads stay JSON. */
  | { readonly ok: true; readonly sbe?: { readonly schemaId: 1; readonly version: SbeVersion } }
  | { readonly ok: false; readonly status: 400; readonly body: string };

const UNSIGNED_RE = /^\d{1,5}$/;

/**
 * Validates the upgrade request's query. Accepts URLSearchParams, a request target
 * ("/v1?sbeSchemaId=1&sbeSchemaVersion=1") or a bare query string. `supported` lets a test
 * simulate an environment that caps negotiation (e.g. [0, 1]).
 */
export function negotiateSbe(query: URLSearchParams | string, supported: readonly SbeVersion[] = supportedSbeVersions): SbeNegotiation {
  const params = typeof query === 'string' ? new URLSearchParams(query.includes('?') ? query.slice(query.indexOf('?') + 1) : query) : query;
  const schemaId = params.get('sbeSchemaId');
  const version = params.get('sbeSchemaVersion');
  if (schemaId === null && version === null) return { ok: true };
  if (schemaId === null) return refuse('sbeSchemaId is required with sbeSchemaVersion');
  if (version === null) return refuse('sbeSchemaVersion is required with sbeSchemaId');
  if (!UNSIGNED_RE.test(schemaId) || Number(schemaId) !== SCHEMA_ID) {
    return refuse(`unsupported sbeSchemaId ${JSON.stringify(schemaId)} (supported: ${SCHEMA_ID})`);
  }
  const parsed = UNSIGNED_RE.test(version) ? Number(version) : Number.NaN;
  const accepted = supported.find((v) => v === parsed);
  if (accepted === undefined) {
    return refuse(`unsupported sbeSchemaVersion ${JSON.stringify(version)} (supported: ${supported.join(', ')})`);
  }
  return { ok: true, sbe: { schemaId: SCHEMA_ID, version: accepted } };
}

function refuse(message: string): SbeNegotiation {
  return { ok: false, status: 400, body: JSON.stringify({ error: 'INVALID_REQUEST_PARAMETER', message }) };
}
