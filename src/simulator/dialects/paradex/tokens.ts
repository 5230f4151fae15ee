/**
 * The venue's session tokens: real three-part JWTs (clients decode `exp` to refresh early, as
 * paradex-py does), signed HS256 with a random per-process secret, 5-minute lifetime. Claims are
 * shaped like the venue's (typ "at+JWT", exp, iat, iss, sub = account address); the venue signs
 * ES384, which no client verifies, so HS256 changes nothing a client can see except `alg`.
 *
 * Tokens are checked by signature and expiry, plus a revocation floor: `expireAll()` makes every
 * token issued so far answer 'expired' (the simulator's "expire tokens" fault).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_LIFETIME_MS = 5 * 60 * 1000;

export interface IssuedToken {
  readonly jwt: string;
  readonly expiresAtMs: number;
}

export type TokenCheck = { readonly account: string } | { readonly error: 'expired' | 'invalid' };

interface Claims {
  readonly typ: string;
  readonly exp: number;
  readonly iat: number;
  readonly iss: string;
  readonly sub: string;
  /** Serial of the token: the revocation floor compares against it. */
  readonly jti: string;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const ISSUER = 'Paradex simulator';

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export class ParadexTokens {
  readonly #secret = randomBytes(32);
  readonly #lifetimeMs: number;
  #nextSerial = 1;
  /** Tokens with a serial below this were revoked by expireAll(). */
  #revokedBelow = 1;
  /** Expiry (ms) of every token not yet revoked, by serial: what expireAll() counts. */
  readonly #live = new Map<number, number>();

  constructor(lifetimeMs = TOKEN_LIFETIME_MS) {
    this.#lifetimeMs = lifetimeMs;
  }

  issue(account: string, nowMs: number): IssuedToken {
    const serial = this.#nextSerial++;
    const iat = Math.floor(nowMs / 1000);
    const exp = Math.floor((nowMs + this.#lifetimeMs) / 1000);
    const claims: Claims = { typ: 'at+JWT', exp, iat, iss: ISSUER, sub: account, jti: String(serial) };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    this.#prune(nowMs);
    this.#live.set(serial, exp * 1000);
    return { jwt: `${body}.${this.#sign(body)}`, expiresAtMs: exp * 1000 };
  }

  verify(jwt: string, nowMs: number): TokenCheck {
    const parts = jwt.split('.');
    if (parts.length !== 3) return { error: 'invalid' };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { error: 'invalid' };
    let claims: Partial<Claims>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Claims>;
    } catch {
      return { error: 'invalid' };
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.jti !== 'string') return { error: 'invalid' };
    if (Number(claims.jti) < this.#revokedBelow) return { error: 'expired' };
    if (nowMs >= claims.exp * 1000) return { error: 'expired' };
    return { account: claims.sub };
  }

  /** Revokes every token issued so far; returns how many were still valid (at `nowMs`, when given). */
  expireAll(nowMs?: number): number {
    let count = 0;
    for (const expiresAt of this.#live.values()) if (nowMs === undefined || expiresAt > nowMs) count++;
    this.#live.clear();
    this.#revokedBelow = this.#nextSerial;
    return count;
  }

  /** How far past its expiry a token is, for the venue's "token is expired by ..." message. */
  expiredBy(jwt: string, nowMs: number): number | undefined {
    const payload = jwt.split('.')[1];
    if (payload === undefined) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Claims>;
      return typeof claims.exp === 'number' ? Math.max(0, nowMs - claims.exp * 1000) : undefined;
    } catch {
      return undefined;
    }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }

  #prune(nowMs: number): void {
    // Bounded bookkeeping: only tokens that can still be used are worth counting.
    if (this.#live.size < 1024) return;
    for (const [serial, expiresAt] of this.#live) if (expiresAt <= nowMs) this.#live.delete(serial);
  }
}
