/**
 * Aster signers on every vector of aster-vectors.json: V3 EIP-712 digests and signatures (incl.
 * the ccxt 4.5.84 messages and the encoding-pitfall variants), V1 HMAC payloads, the legacy V3
 * scheme, plus an independent check with ethers (TypedDataEncoder / verifyTypedData).
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { SigningKey, TypedDataEncoder, Wallet, verifyTypedData } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock.js';
import { ConfigError, RequestError } from '../../../../src/core/errors.js';
import { Secret } from '../../../../src/core/secret.js';
import {
  ASTER_CHAIN_ID,
  AsterV1Signer,
  AsterV3Signer,
  addressOf,
  asterDigest,
  createAsterSigner,
  domainSeparator,
  legacyAbiEncode,
  legacyHash,
  legacySortedJson,
  messageStructHash,
  nextNonce,
  paramText,
  personalSignDigest,
  privateKeyBytes,
  signDigest,
  toHex,
} from '../../../../src/exchanges/aster/auth/index.js';
import { vectors } from '../support.js';

const v3 = vectors.v3_eip712;
const creds = v3.credentials;
const clock = new ManualClock(1_700_000_000_000);

const signer = (chainId = 1666, includeUser = true) =>
  new AsterV3Signer({ user: creds.user, signer: creds.signer, privateKey: new Secret(creds.signerPrivateKey), chainId, clock, includeUser });

const splitPairs = (text: string): [string, string][] =>
  text.split('&').map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  });

describe('V3 EIP-712 digest', () => {
  it('reproduces the domain separator, struct hash and digest of the mainnet vector', () => {
    const m = v3.mainnet_order;
    expect(toHex(domainSeparator(1666))).toBe(m.domainSeparator);
    expect(toHex(messageStructHash(m.msg))).toBe(m.structHash);
    expect(toHex(asterDigest(m.msg, m.chainId))).toBe(m.digest);
    expect(toHex(asterDigest(m.msg, m.chainId))).toBe(m.manualRecompute.digest);
  });

  it('agrees with ethers TypedDataEncoder for both chain ids', () => {
    for (const chainId of [ASTER_CHAIN_ID.mainnet, ASTER_CHAIN_ID.testnet]) {
      const domain = { ...v3.mainnet_order.domain, chainId };
      expect(toHex(asterDigest('a=1&b=2', chainId))).toBe(TypedDataEncoder.hash(domain, v3.mainnet_order.types, { msg: 'a=1&b=2' }));
    }
  });

  it('reproduces every digest given in the vectors', () => {
    for (const name of ['mainnet_order_without_user', 'testnet_order']) {
      const c = v3[name];
      expect(toHex(asterDigest(c.msg, c.chainId))).toBe(c.digest);
    }
  });
});

describe('AsterV3Signer', () => {
  it('signs every documented message to the vector signature', () => {
    const cases: [string, number, string][] = [
      ['mainnet_order', 1666, v3.mainnet_order.signature],
      ['mainnet_order_without_user', 1666, v3.mainnet_order_without_user.signature],
      ['testnet_order', 714, v3.testnet_order.signature],
      ['get_order', 1666, v3.get_order.signature],
      ['post_listenKey', 1666, v3.post_listenKey.signature],
    ];
    for (const [name, chainId, signature] of cases) expect(signer(chainId).signMessage(v3[name].msg), name).toBe(signature);
  });

  it('reproduces the three encodings of the batchOrders pitfall and all ccxt 4.5.84 messages', () => {
    const p = v3.batchOrders_encoding_pitfall;
    const s = signer();
    expect(s.signMessage(p.msgRawSignedByOfficialJsDemo)).toBe(p.sigRaw);
    expect(s.signMessage(p.msgEncodeURIComponent)).toBe(p.sigEncodeURIComponent);
    expect(s.signMessage(p.msgPythonUrlencode)).toBe(p.sigPythonUrlencode);
    const c = v3.ccxt_4_5_84_sign;
    for (const check of ['postCheck', 'getCheck', 'deleteBatchCheck', 'postBatchCheck', 'listenKeyCheck']) {
      expect(s.signMessage(c[check].msg), check).toBe(c[check].sig);
    }
  });

  it('builds the wire text of the vector: params, then nonce, user, signer, then the signature', () => {
    const m = v3.mainnet_order;
    const business = splitPairs(m.msg).filter(([k]) => !['nonce', 'user', 'signer'].includes(k));
    expect(signer().sign(business, '1700000000000000').text).toBe(m.wire.postBody);
    expect(signer(1666, false).sign(business, '1700000000000000').text).toBe(
      `${v3.mainnet_order_without_user.msg}&signature=${v3.mainnet_order_without_user.signature}`,
    );
    expect(signer().sign([], '1700000000000002').text).toBe(v3.post_listenKey.postBody);
    const get = splitPairs(v3.get_order.msg).filter(([k]) => !['nonce', 'user', 'signer'].includes(k));
    expect(`https://fapi.asterdex.com/fapi/v3/order?${signer().sign(get, '1700000000000001').text}`).toBe(v3.get_order.url);
  });

  it('produces signatures ethers verifies, for a JSON batch sent literally (raw text = decoded text)', () => {
    const s = signer();
    const batch = JSON.stringify([{ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '65000.5', timeInForce: 'GTC' }]);
    const { text } = s.sign([['batchOrders', batch]]);
    const cut = text.lastIndexOf('&signature=');
    const msg = text.slice(0, cut);
    expect(decodeURIComponent(msg)).toBe(msg);
    const recovered = verifyTypedData(v3.mainnet_order.domain, v3.mainnet_order.types, { msg }, text.slice(cut + 11));
    expect(recovered).toBe(creds.derivedSignerAddress);
  });

  it('refuses parameter values that URL decoding would change', () => {
    expect(() => signer().sign([['newClientOrderId', 'a b']])).toThrow(RequestError);
    expect(() => signer().sign([['x', '100%']])).toThrow(/cannot be signed unambiguously/);
    expect(() => paramText([['note', 'a&b=c']])).toThrow(RequestError);
    expect(paramText([['newClientOrderId', 'fs-abc:1/2_3.x']])).toBe('newClientOrderId=fs-abc:1/2_3.x');
  });

  it('refuses a signer address that is not the private key address, without echoing the key', () => {
    let error: unknown;
    try {
      new AsterV3Signer({ user: creds.user, signer: creds.user, privateKey: creds.signerPrivateKey, clock });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain(creds.derivedSignerAddress);
    expect(String((error as Error).message)).not.toContain(creds.signerPrivateKey.slice(2));
  });

  it('prints as [REDACTED] and keeps the key out of every rendering', () => {
    const s = signer();
    for (const text of [String(s), JSON.stringify({ s }), inspect(s), inspect({ nested: s })]) {
      expect(text).toContain('[REDACTED]');
      expect(text).not.toContain(creds.signerPrivateKey.slice(2));
    }
  });

  it('hands out strictly increasing microsecond nonces per signer, across signer objects', () => {
    const frozen = new ManualClock(1_700_000_000_000);
    const a = new AsterV3Signer({ user: creds.user, signer: creds.signer, privateKey: creds.signerPrivateKey, clock: frozen });
    const b = new AsterV3Signer({ user: creds.user, signer: creds.signer.toLowerCase(), privateKey: creds.signerPrivateKey, clock: frozen });
    const nonces = [a, b, a, b].map((s) => /nonce=(\d+)/.exec(s.sign([['symbol', 'BTCUSDT']]).text)?.[1] ?? '');
    for (let i = 1; i < nonces.length; i++) expect(BigInt(nonces[i] ?? 0)).toBeGreaterThan(BigInt(nonces[i - 1] ?? 0));
    expect(BigInt(nonces[0] ?? 0)).toBeGreaterThanOrEqual(1_700_000_000_000_000n);
    // A clock stepped back (re-sync) never produces an older nonce.
    const last = BigInt(nextNonce('0x00000000000000000000000000000000000000aa', new ManualClock(2_000)));
    expect(BigInt(nextNonce('0x00000000000000000000000000000000000000AA', new ManualClock(1_000)))).toBe(last + 1n);
  });

  it('signs exactly like ethers for any key and digest (fixed-base table + noble ECDSA)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (keySeed, digest) => {
        const keyHex = `0x${Buffer.from(keySeed).toString('hex')}`;
        let key: Uint8Array;
        try {
          key = privateKeyBytes(keyHex);
        } catch {
          return true; // zero or >= n: not a key
        }
        expect(signDigest(digest, key)).toBe(new SigningKey(keyHex).sign(digest).serialized);
        expect(addressOf(key)).toBe(new Wallet(keyHex).address);
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('signDigest is the low-level primitive the vectors pin down', () => {
    const m = v3.mainnet_order;
    const sig = signDigest(Buffer.from(m.digest.slice(2), 'hex'), privateKeyBytes(creds.signerPrivateKey));
    expect(sig).toBe(m.signature);
    expect(sig.slice(2, 66)).toBe(m.r.slice(2));
    expect(sig.slice(66, 130)).toBe(m.s.slice(2));
    expect(Number.parseInt(sig.slice(130), 16)).toBe(m.v);
  });
});

describe('AsterV1Signer', () => {
  const v1 = vectors.v1_hmac;
  const v1Signer = (secret = v1.brief_vector.secretKey, recvWindowMs = 5000) =>
    new AsterV1Signer({ apiKey: new Secret(v1.docs_example_1.apiKey), apiSecret: new Secret(secret), clock, recvWindowMs });

  it('reproduces the documented example and the brief vector', () => {
    expect(v1Signer().signPayload(v1.docs_example_1.totalParams)).toBe(v1.docs_example_1.signature.expected);
    expect(v1Signer().signPayload(v1.brief_vector.queryString)).toBe(v1.brief_vector.signature);
    expect(v1Signer('aster-simulator-test-secret').signPayload(v1.brief_vector.queryString)).toBe(v1.brief_vector.withAsciiSecret.signature);
    expect(v1Signer().signPayload(v1.brief_vector.reorderedChangesSignature.queryString)).toBe(v1.brief_vector.reorderedChangesSignature.signature);
  });

  it('signs query string + body concatenated without "&" (docs example 3)', () => {
    const e = v1.docs_example_3_mixed;
    expect(v1Signer().signPayload(e.queryString + e.requestBody)).toBe(e.signature);
    expect(v1Signer().signPayload(`${e.queryString}&${e.requestBody}`)).toBe(e.signatureIfJoinedWithAmpersand);
  });

  it('reproduces the signatures of ccxt 4.5.51 requests', () => {
    const c = v1.ccxt_4_5_51_sign;
    const body = c.post.body as string;
    const cut = body.lastIndexOf('&signature=');
    expect(v1Signer().signPayload(body.slice(0, cut))).toBe(body.slice(cut + 11));
    const query = (c.get.url as string).split('?')[1] as string;
    const qcut = query.lastIndexOf('&signature=');
    expect(v1Signer().signPayload(query.slice(0, qcut))).toBe(query.slice(qcut + 11));
  });

  it('builds the brief vector request: params, timestamp, recvWindow, signature; key in X-MBX-APIKEY', () => {
    const business = splitPairs(v1.brief_vector.queryString).filter(([k]) => k !== 'timestamp' && k !== 'recvWindow');
    const signed = v1Signer().sign(business, 1_700_000_000_000);
    expect(signed.text).toBe(v1.brief_vector.postBody);
    expect(signed.headers).toEqual({ 'X-MBX-APIKEY': v1.docs_example_1.apiKey });
    expect(v1Signer().signUserStream([]).text).toBe('');
  });

  it('validates its options and prints as [REDACTED]', () => {
    expect(() => v1Signer(v1.brief_vector.secretKey, 60_001)).toThrow(ConfigError);
    expect(() => new AsterV1Signer({ apiKey: 'has space', apiSecret: 'x', clock })).toThrow(ConfigError);
    const s = v1Signer();
    expect(inspect({ s })).not.toContain(v1.brief_vector.secretKey);
    expect(JSON.stringify(s)).toBe('"[REDACTED]"');
  });
});

describe('createAsterSigner', () => {
  it('picks V3, V1 or none from the configured credentials', () => {
    expect(createAsterSigner({ kind: 'v3', user: creds.user, signer: creds.signer, signerPrivateKey: creds.signerPrivateKey }, { clock })?.version).toBe('v3');
    expect(createAsterSigner({ kind: 'v1', apiKey: 'k', apiSecret: 's' }, { clock })?.version).toBe('v1');
    expect(createAsterSigner({ kind: 'none' }, { clock })).toBeUndefined();
  });
});

describe('legacy V3 scheme (recognition only)', () => {
  const legacy = vectors.v3_legacy_abi_keccak;
  const ccxtBody = legacy.ccxt_4_5_51_reproduces_docs.request.body as string;
  const params = Object.fromEntries(splitPairs(ccxtBody));

  it('reproduces the documented ABI encoding, keccak and personal_sign signatures', () => {
    for (const name of ['docs_post_order', 'docs_get_order']) {
      const c = legacy[name];
      const encoded = Buffer.from(legacyAbiEncode(c.jsonStr, creds.user, creds.signer, params.nonce ?? '')).toString('hex');
      expect(encoded, name).toBe(c.abiEncoded.expected);
      const hash = legacyHash(c.jsonStr, creds.user, creds.signer, params.nonce ?? '');
      expect(Buffer.from(hash).toString('hex')).toBe(c.keccak.expected);
      expect(signDigest(personalSignDigest(hash), privateKeyBytes(creds.signerPrivateKey))).toBe(c.signature.expected);
    }
  });

  it('serialises parameters with sorted keys and string values', () => {
    const { symbol, side, type, positionSide, timeInForce, quantity, price, recvWindow, timestamp } = params;
    const json = legacySortedJson({ symbol: symbol ?? '', side: side ?? '', type: type ?? '', positionSide: positionSide ?? '', timeInForce: timeInForce ?? '', quantity: quantity ?? '', price: price ?? '', recvWindow: recvWindow ?? '', timestamp: timestamp ?? '' });
    expect(json).toBe(legacy.docs_post_order.jsonStr);
  });
});
