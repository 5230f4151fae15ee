import { describe, expect, it } from 'vitest';
import { ParadexTokens, TOKEN_LIFETIME_MS } from '../../../../src/simulator/dialects/paradex/tokens.js';

const NOW = 1_717_000_000_000;
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('ParadexTokens', () => {
  it('issues three-part JWTs with the venue claims and a 5-minute lifetime', () => {
    const tokens = new ParadexTokens();
    const { jwt, expiresAtMs } = tokens.issue('0xabc', NOW);
    const [header, payload, signature] = jwt.split('.');
    expect(decode(header!)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(payload!)).toMatchObject({ typ: 'at+JWT', sub: '0xabc', iat: NOW / 1000, exp: NOW / 1000 + 300 });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAtMs).toBe(NOW + TOKEN_LIFETIME_MS);
  });

  it('verifies until expiry, then reports expired', () => {
    const tokens = new ParadexTokens();
    const { jwt } = tokens.issue('0xabc', NOW);
    expect(tokens.verify(jwt, NOW + TOKEN_LIFETIME_MS - 1)).toEqual({ account: '0xabc' });
    expect(tokens.verify(jwt, NOW + TOKEN_LIFETIME_MS)).toEqual({ error: 'expired' });
    expect(tokens.expiredBy(jwt, NOW + TOKEN_LIFETIME_MS + 1500)).toBe(1500);
  });

  it('refuses forged, tampered and foreign tokens', () => {
    const tokens = new ParadexTokens();
    const { jwt } = tokens.issue('0xabc', NOW);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const otherSub = Buffer.from(JSON.stringify({ ...decode(payload), sub: '0xdef' })).toString('base64url');
    expect(tokens.verify(`${header}.${otherSub}.${signature}`, NOW)).toEqual({ error: 'invalid' });
    expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`, NOW)).toEqual({ error: 'invalid' });
    expect(tokens.verify('not-a-jwt', NOW)).toEqual({ error: 'invalid' });
    // Another process (another secret) issued it.
    expect(new ParadexTokens().verify(jwt, NOW)).toEqual({ error: 'invalid' });
  });

  it('expireAll revokes every token issued so far and counts the live ones; later tokens work', () => {
    const tokens = new ParadexTokens();
    const a = tokens.issue('0xa', NOW).jwt;
    const b = tokens.issue('0xb', NOW - TOKEN_LIFETIME_MS).jwt; // already expired
    expect(tokens.expireAll(NOW)).toBe(1);
    expect(tokens.verify(a, NOW)).toEqual({ error: 'expired' });
    expect(tokens.verify(b, NOW)).toEqual({ error: 'expired' });
    const c = tokens.issue('0xc', NOW).jwt;
    expect(tokens.verify(c, NOW)).toEqual({ account: '0xc' });
    expect(tokens.expireAll()).toBe(1);
  });
});
