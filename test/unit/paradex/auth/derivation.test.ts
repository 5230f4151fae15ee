import { Wallet, getBytes } from 'ethers';
import fc from 'fast-check';
import { hash as starknetHash } from 'starknet';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import {
  accountConstructorCalldata,
  computeAccountAddress,
  deriveStarkAccount,
  grindStarkKey,
  starkKeyMessageDigest,
} from '../../../../src/exchanges/paradex/auth/index.js';
import { FIXED, vectors } from './vectors.js';

const D = vectors.derivation_from_eth_key;
const CLASS_HASH = D.inputs.paraclear_account_hash;
const PROXY_HASH = D.inputs.paraclear_account_proxy_hash;
const hex = (value: bigint): string => `0x${value.toString(16)}`;

describe('derivation from an Ethereum key (vector derivation_from_eth_key)', () => {
  it('computes the EIP-712 "STARK Key" digest', () => {
    expect(starkKeyMessageDigest(D.inputs.l1_chain_id)).toBe(D.eip712_digest);
    expect(starkKeyMessageDigest(Number(D.inputs.l1_chain_id))).toBe(D.eip712_digest);
    expect(starkKeyMessageDigest('1')).not.toBe(D.eip712_digest);
  });

  it('the Ethereum signature it grinds is the vector signature (deterministic RFC 6979)', () => {
    const wallet = new Wallet(D.inputs.eth_private_key);
    expect(wallet.address).toBe(D.inputs.eth_address);
    expect(wallet.signingKey.sign(D.eip712_digest).serialized).toBe(D.eth_signature);
    expect(D.eth_signature.slice(0, 66)).toBe(D.grind_seed_r);
  });

  it('derives the Stark key, public key and account address', () => {
    const derived = deriveStarkAccount({
      ethPrivateKey: D.inputs.eth_private_key,
      l1ChainId: D.inputs.l1_chain_id,
      accountClassHash: CLASS_HASH,
      proxyClassHash: PROXY_HASH,
    });
    expect(BigInt(derived.starkPrivateKey.reveal())).toBe(BigInt(D.stark_private_key));
    expect(derived.starkPrivateKey.reveal()).toMatch(/^0x[0-9a-f]{64}$/);
    expect(derived.starkPublicKey).toBe(D.stark_public_key);
    expect(derived.accountAddress).toBe(D.account_address);
    expect(accountConstructorCalldata(derived.starkPublicKey, CLASS_HASH)).toEqual(D.account_constructor_calldata);
  });

  it('keeps the derived private key out of JSON and inspect output', () => {
    const derived = deriveStarkAccount({ ethPrivateKey: D.inputs.eth_private_key, l1ChainId: 11155111, accountClassHash: CLASS_HASH, proxyClassHash: PROXY_HASH });
    const keyDigits = D.stark_private_key.slice(2);
    expect(JSON.stringify(derived)).not.toContain(keyDigits);
    expect(inspect(derived, { depth: 5 })).not.toContain(keyDigits);
    expect(String(derived.starkPrivateKey)).toBe('[REDACTED]');
  });

  it.each(vectors.derivation_upstream_paradex_js_test_cases.map((c) => [c.mnemonic, c] as const))(
    'upstream paradex.js case "%s"',
    (mnemonic, c) => {
      expect(Wallet.fromPhrase(mnemonic).privateKey).toBe(c.eth_private_key);
      const derived = deriveStarkAccount({ ethPrivateKey: c.eth_private_key, l1ChainId: D.inputs.l1_chain_id, accountClassHash: CLASS_HASH, proxyClassHash: PROXY_HASH });
      expect(BigInt(derived.starkPrivateKey.reveal())).toBe(BigInt(c.stark_private_key));
      expect(derived.starkPublicKey).toBe(c.stark_public_key);
      expect(derived.accountAddress).toBe(c.expected_address_from_upstream_test);
    },
  );

  it('rejects bad Ethereum keys and chain ids with a ConfigError that does not echo the key', () => {
    const bad = '0xzz0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
    const base = { l1ChainId: '1', accountClassHash: CLASS_HASH, proxyClassHash: PROXY_HASH };
    for (const ethPrivateKey of [bad, '', '0x0', `0x${'f'.repeat(64)}`]) {
      try {
        deriveStarkAccount({ ...base, ethPrivateKey });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toMatch(/ethPrivateKey/);
        if (ethPrivateKey.length > 8) expect((error as Error).message).not.toContain(ethPrivateKey.slice(4, 30));
      }
    }
    expect(() => deriveStarkAccount({ ...base, ethPrivateKey: D.inputs.eth_private_key, l1ChainId: 'sepolia' })).toThrow(/l1ChainId/);
  });
});

describe('grindKey leading-zero edge case (JS behaviour, not paradex-py)', () => {
  it.each(vectors.grind_key_leading_zero_edge_case.cases.map((c) => [c.grind_seed_r, c] as const))('seed %s', (_seed, c) => {
    const key = grindStarkKey(getBytes(c.grind_seed_r));
    expect(hex(key)).toBe(c.js_grindKey_scure);
    expect(hex(key)).toBe(c.js_grindKey_starkware);
    if (c.grind_seed_r.startsWith('0x00')) expect(hex(key)).not.toBe(c.paradex_py_port);
    else expect(hex(key)).toBe(c.paradex_py_port);
  });

  it('insists on exactly 32 seed bytes (a stripped leading zero would change the key)', () => {
    const seed = getBytes(vectors.grind_key_leading_zero_edge_case.cases[1]?.grind_seed_r ?? '');
    expect(() => grindStarkKey(seed.subarray(1))).toThrow(ConfigError);
  });
});

describe('computeAccountAddress', () => {
  it('reproduces the fixed account', () => {
    expect(computeAccountAddress(FIXED.stark_public_key, CLASS_HASH, PROXY_HASH)).toBe(FIXED.account_address);
    expect(computeAccountAddress(BigInt(FIXED.stark_public_key), BigInt(CLASS_HASH), BigInt(PROXY_HASH))).toBe(FIXED.account_address);
    expect(accountConstructorCalldata(FIXED.stark_public_key, CLASS_HASH)).toEqual(FIXED.account_constructor_calldata);
  });

  it('agrees with starknet.js calculateContractAddressFromHash for random keys and class hashes', () => {
    const felt = fc.bigInt({ min: 1n, max: (1n << 251n) - 1n });
    fc.assert(
      fc.property(felt, felt, felt, (publicKey, classHash, proxyHash) => {
        const calldata = [hex(classHash), '0x79dc0da7c54b95f10aa182ad0a46400db63156920adb65eca2654c0945a463', '0x2', hex(publicKey), '0x0'];
        const expected = starknetHash.calculateContractAddressFromHash(hex(publicKey), hex(proxyHash), calldata, 0);
        expect(BigInt(computeAccountAddress(publicKey, classHash, proxyHash))).toBe(BigInt(expected));
      }),
      { numRuns: 15 },
    );
  });

  it('rejects class hashes that are not hex felts', () => {
    expect(() => computeAccountAddress(FIXED.stark_public_key, 'nope', PROXY_HASH)).toThrow(/accountClassHash/);
  });
});
