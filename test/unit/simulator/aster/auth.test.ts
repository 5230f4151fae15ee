import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../../src/simulator/dialects/aster/auth/credentials.js';
import { authenticateV1, signedPayload } from '../../../../src/simulator/dialects/aster/auth/v1-hmac.js';
import { asterDigest, domainSeparator, NonceBook, normalizeSignature, recoverSigner, signedTexts } from '../../../../src/simulator/dialects/aster/auth/v3-eip712.js';
import { AsterApiError } from '../../../../src/simulator/dialects/aster/errors.js';
import { WireParams } from '../../../../src/simulator/dialects/aster/params.js';
import { DEFAULT_ASTER_SETTINGS } from '../../../../src/simulator/dialects/aster/settings.js';
import { vectors } from './support.js';

const v = vectors();
const v1 = v['v1_hmac'] as Record<string, Record<string, unknown>>;
const v3 = v['v3_eip712'] as Record<string, Record<string, unknown>>;
const signer = (v3['credentials'] as Record<string, string>)['signer'] as string;

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AsterApiError) return error.code;
    throw error;
  }
  return undefined;
}

describe('V3 EIP-712 verification against the shared vectors', () => {
  it('reproduces the mainnet domain separator and digest byte for byte', () => {
    const order = v3['mainnet_order'] as Record<string, string>;
    expect(domainSeparator(1666)).toBe(order['domainSeparator']);
    expect(asterDigest(order['msg'] as string, 1666)).toBe(order['digest']);
  });

  it.each(['mainnet_order', 'mainnet_order_without_user', 'get_order', 'post_listenKey'])('recovers the signer of %s', (name) => {
    const vector = v3[name] as Record<string, string>;
    expect(recoverSigner(vector['msg'] as string, vector['signature'] as string, 1666)).toBe(signer.toLowerCase());
  });

  it('uses the configured chainId: the testnet vector verifies only with 714', () => {
    const vector = v3['testnet_order'] as Record<string, string>;
    expect(recoverSigner(vector['msg'] as string, vector['signature'] as string, 714)).toBe(signer.toLowerCase());
    expect(recoverSigner(vector['msg'] as string, vector['signature'] as string, 1666)).not.toBe(signer.toLowerCase());
  });

  it('recovers ccxt 4.5.84 signatures (auth parameters first, lower-case addresses)', () => {
    const post = (v3['ccxt_4_5_84_sign'] as Record<string, Record<string, string>>)['postCheck'] as Record<string, string>;
    expect(recoverSigner(post['msg'] as string, post['sig'] as string, 1666)).toBe(signer.toLowerCase());
  });

  it('accepts the signature without 0x, in upper case, and with v = 0/1', () => {
    const vector = v3['mainnet_order'] as Record<string, string>;
    const sig = vector['signature'] as string;
    const v27 = sig.slice(-2);
    const asZeroOne = `${sig.slice(2, -2)}${v27 === '1b' ? '00' : '01'}`;
    for (const variant of [sig.slice(2), sig.toUpperCase().replace('0X', '0x'), asZeroOne]) {
      expect(recoverSigner(vector['msg'] as string, variant, 1666)).toBe(signer.toLowerCase());
    }
    expect(normalizeSignature(`${sig.slice(0, -2)}1d`)).toBeUndefined();
    expect(normalizeSignature('0x1234')).toBeUndefined();
  });

  it('a changed message recovers another address', () => {
    const vector = v3['mainnet_order'] as Record<string, string>;
    const tampered = (vector['msg'] as string).replace('quantity=0.01', 'quantity=0.02');
    expect(recoverSigner(tampered, vector['signature'] as string, 1666)).not.toBe(signer.toLowerCase());
  });

  it('verifies a batch signed over the raw text (official JS demo) only through the decoded fallback', () => {
    const pitfall = v3['batchOrders_encoding_pitfall'] as Record<string, string>;
    const wire = (pitfall['wireSentByOfficialJsDemo'] as string).replace(/&signature=.*$/, '');
    const params = new WireParams('', `${wire}&signature=${pitfall['sigRaw']}`);
    const texts = signedTexts(params.segments, true);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe(pitfall['msgRawSignedByOfficialJsDemo']);
    expect(texts.some((t) => recoverSigner(t, pitfall['sigRaw'] as string, 1666) === signer.toLowerCase())).toBe(true);
    expect(signedTexts(params.segments, false)).toEqual([wire]);
    expect(recoverSigner(wire, pitfall['sigRaw'] as string, 1666)).not.toBe(signer.toLowerCase());
  });
});

describe('V3 nonce book', () => {
  const now = 1_700_000_000_000;
  const window = 10_000;

  it('refuses a repeated nonce and one outside the window', () => {
    const book = new NonceBook();
    expect(book.check(signer, now * 1000, now, window, 100)).toBe('ok');
    expect(book.check(signer, now * 1000, now, window, 100)).toBe('duplicate');
    expect(book.check(signer.toUpperCase().replace('0X', '0x'), now * 1000, now, window, 100)).toBe('duplicate');
    expect(book.check(signer, (now - window - 1) * 1000, now, window, 100)).toBe('stale');
    expect(book.check(signer, (now + window + 1) * 1000, now, window, 100)).toBe('ahead');
    expect(book.check('0x0000000000000000000000000000000000000001', now * 1000, now, window, 100)).toBe('ok');
  });

  it('keeps the most recent nonces and refuses one below them once full', () => {
    const book = new NonceBook();
    for (let i = 1; i <= 3; i++) expect(book.check(signer, now * 1000 + i * 10, now, window, 3)).toBe('ok');
    expect(book.check(signer, now * 1000 + 5, now, window, 3)).toBe('stale');
    expect(book.check(signer, now * 1000 + 15, now, window, 3)).toBe('ok');
    // 10 was evicted: the smallest kept is now 15.
    expect(book.check(signer, now * 1000 + 12, now, window, 3)).toBe('stale');
  });
});

describe('V1 HMAC verification against the shared vectors', () => {
  const docs = v1['docs_example_1'] as Record<string, string>;
  const credentials = new Credentials();
  credentials.registerApiKey(docs['apiKey'] as string, docs['secretKey'] as string, 'docs-user');
  const settings = { ...DEFAULT_ASTER_SETTINGS, maxRecvWindowMs: 60_000 };

  const run = (query: string, body: string, now: number, apiKey: string | null = docs['apiKey'] as string) =>
    authenticateV1({ apiKeyHeader: apiKey ?? undefined, params: new WireParams(query, body), signed: true, now }, credentials, settings);

  it('accepts the docs example 1 in the query string and in the body', () => {
    const total = docs['totalParams'] as string;
    const sig = (docs['signature'] as unknown as Record<string, string>)['expected'];
    expect(run(`${total}&signature=${sig}`, '', 1591702613943)).toBe('docs-user');
    expect(run('', `${total}&signature=${sig}`, 1591702613943 + 4000)).toBe('docs-user');
  });

  it('signs query + body concatenated without "&" (docs example 3, mixed)', () => {
    const mixed = v1['docs_example_3_mixed'] as Record<string, string>;
    const params = new WireParams(mixed['queryString'] as string, `${mixed['requestBody']}&signature=${mixed['signature']}`);
    expect(signedPayload(params.segments)).toBe(mixed['totalParams']);
    expect(run(mixed['queryString'] as string, `${mixed['requestBody']}&signature=${mixed['signature']}`, 1591702613943)).toBe('docs-user');
    expect(codeOf(() => run(mixed['queryString'] as string, `${mixed['requestBody']}&signature=${mixed['signatureIfJoinedWithAmpersand']}`, 1591702613943))).toBe(-1022);
  });

  it('accepts an upper-case signature and refuses a reordered one', () => {
    const brief = v1['brief_vector'] as Record<string, unknown>;
    const query = brief['queryString'] as string;
    expect(run(`${query}&signature=${brief['signatureUppercase_alsoAccepted']}`, '', 1_700_000_000_000)).toBe('docs-user');
    const reordered = brief['reorderedChangesSignature'] as Record<string, string>;
    expect(codeOf(() => run(`${reordered['queryString']}&signature=${brief['signature']}`, '', 1_700_000_000_000))).toBe(-1022);
  });

  it('applies the timing rule: ahead by 1000 ms or older than recvWindow is -1021', () => {
    const total = docs['totalParams'] as string;
    const sig = (docs['signature'] as unknown as Record<string, string>)['expected'];
    const ts = 1591702613943;
    expect(run(`${total}&signature=${sig}`, '', ts - 999)).toBe('docs-user');
    expect(codeOf(() => run(`${total}&signature=${sig}`, '', ts - 1000))).toBe(-1021);
    expect(run(`${total}&signature=${sig}`, '', ts + 5000)).toBe('docs-user');
    expect(codeOf(() => run(`${total}&signature=${sig}`, '', ts + 5001))).toBe(-1021);
  });

  it('refuses missing, malformed and unknown API keys, and a missing signature or timestamp', () => {
    const total = docs['totalParams'] as string;
    const sig = (docs['signature'] as unknown as Record<string, string>)['expected'];
    expect(codeOf(() => run(`${total}&signature=${sig}`, '', 1591702613943, null))).toBe(-2014);
    expect(codeOf(() => run(`${total}&signature=${sig}`, '', 1591702613943, 'not a key!'))).toBe(-2014);
    expect(codeOf(() => run(`${total}&signature=${sig}`, '', 1591702613943, 'a'.repeat(64)))).toBe(-2015);
    expect(codeOf(() => run(total, '', 1591702613943))).toBe(-1102);
    expect(codeOf(() => run('symbol=BTCUSDT&signature=abc', '', 1591702613943))).toBe(-1102);
  });
});

describe('credentials', () => {
  it('lets a main wallet sign for itself and an approved agent for its user only', () => {
    const c = new Credentials();
    const user = '0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e';
    expect(c.mayActFor(user, user.toLowerCase())).toBe(true);
    expect(c.mayActFor(signer, user)).toBe(false);
    c.approveAgent(user, signer);
    expect(c.mayActFor(signer.toLowerCase(), user)).toBe(true);
    expect(c.usersOf(signer)).toEqual([user.toLowerCase()]);
    expect(c.revokeAgent(user, signer)).toBe(true);
    expect(c.mayActFor(signer, user)).toBe(false);
    expect(() => c.approveAgent('nope', signer)).toThrow(/address/);
  });

  it('creates random 64-hex key pairs bound to an account', () => {
    const c = new Credentials();
    const a = c.createApiKey('0xABCDEF0000000000000000000000000000000001');
    const b = c.createApiKey();
    expect(a.apiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.account).toBe('0xabcdef0000000000000000000000000000000001');
    expect(b.apiKey).not.toBe(a.apiKey);
    expect(c.apiKey(a.apiKey)).toEqual(a);
  });
});
