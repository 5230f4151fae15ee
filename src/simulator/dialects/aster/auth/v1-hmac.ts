/**
 * V1 ("Legacy") authentication: header X-MBX-APIKEY plus, on SIGNED endpoints,
 * signature = hex(HMAC-SHA256(secret, query string + request body)) over the exact wire text
 * with the `signature` parameter removed (aster.md §2.2, recipe §9.1), compared case-insensitively,
 * and the timing rule of §2.3: timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AsterErrors } from '../errors.js';
import type { RawSegment, WireParams } from '../params.js';
import type { AsterSettings } from '../settings.js';
import { isWellFormedApiKey, type Credentials } from './credentials.js';

export interface V1Request {
  readonly apiKeyHeader: string | string[] | undefined;
  readonly params: WireParams;
  readonly signed: boolean;
  readonly now: number;
}

/** Returns the engine account of the key; throws the venue's error otherwise. */
export function authenticateV1(request: V1Request, credentials: Credentials, settings: AsterSettings): string {
  const header = Array.isArray(request.apiKeyHeader) ? request.apiKeyHeader[0] : request.apiKeyHeader;
  if (header === undefined || !isWellFormedApiKey(header)) throw AsterErrors.badApiKeyFormat();
  const key = credentials.apiKey(header);
  if (key === undefined) throw AsterErrors.rejectedApiKey();
  if (!request.signed) return key.account;

  const params = request.params;
  const signature = params.get('signature');
  if (signature === undefined) throw AsterErrors.mandatory('signature');
  const timestamp = params.get('timestamp');
  if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) throw AsterErrors.mandatory('timestamp');
  const expected = createHmac('sha256', key.secretKey).update(signedPayload(params.segments)).digest('hex');
  if (!sameHex(expected, signature)) throw AsterErrors.badSignature();

  const recvWindow = params.int('recvWindow') ?? settings.defaultRecvWindowMs;
  if (recvWindow > settings.maxRecvWindowMs || recvWindow <= 0) throw AsterErrors.invalidParam('recvWindow');
  const ts = Number(timestamp);
  if (ts >= request.now + 1000) throw AsterErrors.timestampAhead();
  if (request.now - ts > recvWindow) throw AsterErrors.timestampOutside();
  return key.account;
}

/** totalParams = query string + body (no "&" between them), each without its signature segment. */
export function signedPayload(segments: readonly RawSegment[]): string {
  const part = (which: 'query' | 'body') =>
    segments
      .filter((s) => s.part === which && s.key !== 'signature')
      .map((s) => s.raw)
      .join('&');
  return part('query') + part('body');
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
