/**
 * Signature checks of the Aster test server, written independently of the client's signers:
 * V1 with node:crypto HMAC over the raw query + body as received (aster.md §9.1), V3 with ethers'
 * verifyTypedData over the raw parameter text (and, in 'decoded' mode, over the percent-decoded
 * text the way a server that re-encodes nothing would rebuild it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyTypedData } from 'ethers';

export interface AuthFailure {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}

const fail = (status: number, code: number, msg: string): AuthFailure => ({ status, code, msg });

/** Splits `k=v&k=v` into raw pairs (no decoding), order kept. */
export function rawPairs(text: string): [string, string][] {
  if (text === '') return [];
  return text.split('&').map((kv) => {
    const i = kv.indexOf('=');
    return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
  });
}

function decodeForm(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** Removes the trailing `&signature=...` (or a lone `signature=...`); undefined when absent. */
function splitSignature(text: string): { unsigned: string; signature: string } | undefined {
  const match = /(^|&)signature=([^&]*)$/.exec(text);
  if (match === null) return undefined;
  return { unsigned: text.slice(0, match.index), signature: match[2] ?? '' };
}

export interface V1Check {
  readonly keys: ReadonlyMap<string, string>;
  readonly apiKey: string | undefined;
  readonly query: string;
  readonly body: string;
  readonly now: number;
}

/** -2015 unknown key, -1022 bad signature, -1102 missing timestamp, -1021 outside recvWindow. */
export function verifyV1(c: V1Check): AuthFailure | undefined {
  if (c.apiKey === undefined) return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const secret = c.keys.get(c.apiKey);
  if (secret === undefined) return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const inBody = splitSignature(c.body);
  const inQuery = inBody === undefined ? splitSignature(c.query) : undefined;
  const split = inBody ?? inQuery;
  if (split === undefined) return fail(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const payload = inBody !== undefined ? c.query + inBody.unsigned : (inQuery as { unsigned: string }).unsigned + c.body;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(split.signature.toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail(400, -1022, 'Signature for this request is not valid.');
  const params = new Map([...rawPairs(c.query), ...rawPairs(c.body)]);
  const timestamp = Number(params.get('timestamp'));
  if (!Number.isFinite(timestamp)) return fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const recvWindow = Number(params.get('recvWindow') ?? 5000);
  if (timestamp >= c.now + 1000) return fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (c.now - timestamp > recvWindow) return fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  return undefined;
}

export type V3Mode = 'raw' | 'decoded' | 'either';

export interface V3Check {
  /** signer address (lower case) -> user address (lower case) */
  readonly agents: ReadonlyMap<string, string>;
  readonly chainId: number;
  /** The parameter text (query, or query + '&' + body). */
  readonly text: string;
  readonly mode: V3Mode;
  readonly now: number;
  readonly nonces: Map<string, Set<string>>;
  readonly nonceWindowMs: number;
}

export interface V3Identity {
  readonly user: string;
  readonly signer: string;
}

const TYPES = { Message: [{ name: 'msg', type: 'string' }] };

export function verifyV3(c: V3Check): AuthFailure | V3Identity {
  const split = splitSignature(c.text);
  if (split === undefined) return fail(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const params = new Map(rawPairs(split.unsigned));
  const signer = params.get('signer');
  const nonce = params.get('nonce');
  if (signer === undefined || nonce === undefined) return fail(400, -1102, "Mandatory parameter 'signer' or 'nonce' was not sent.");
  const domain = { name: 'AsterSignTransaction', version: '1', chainId: c.chainId, verifyingContract: '0x0000000000000000000000000000000000000000' };
  const candidates = c.mode === 'raw' ? [split.unsigned] : c.mode === 'decoded' ? [decodeForm(split.unsigned)] : [split.unsigned, decodeForm(split.unsigned)];
  let ok = false;
  for (const msg of candidates) {
    try {
      if (verifyTypedData(domain, TYPES, { msg }, split.signature).toLowerCase() === signer.toLowerCase()) ok = true;
    } catch {
      // malformed signature: not valid
    }
  }
  if (!ok) return fail(400, -1022, 'Signature for this request is not valid.');
  const owner = c.agents.get(signer.toLowerCase());
  const user = params.get('user');
  if (owner === undefined || (user !== undefined && user.toLowerCase() !== owner)) return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const nonceUs = Number(nonce);
  if (!Number.isFinite(nonceUs) || Math.abs(nonceUs / 1000 - c.now) > c.nonceWindowMs) return fail(400, -4225, 'Nonce Expired');
  const seen = c.nonces.get(signer.toLowerCase()) ?? new Set<string>();
  if (seen.has(nonce)) return fail(400, -4225, 'Nonce Expired');
  seen.add(nonce);
  c.nonces.set(signer.toLowerCase(), seen);
  return { user: owner, signer: signer.toLowerCase() };
}
