/**
 * Paradex account derivation from an Ethereum private key (paradex.md §2):
 *
 * 1. The Ethereum key signs the EIP-712 message Constant{action: "STARK Key"} under the domain
 *    {name "Paradex", version "1", chainId l1_chain_id} (RFC 6979, so the signature is fixed).
 * 2. stark private key = grindKey(r), r = the first 32 bytes of the 65-byte signature. All 32 bytes
 *    are hashed, including a leading 0x00 (what the JS SDK and UI do; paradex-py drops it and
 *    derives a different key for about 1 wallet in 256).
 * 3. public key = x of k·G; account = the address of the account proxy deployed with that key.
 */
import { SigningKey, TypedDataEncoder, getBytes } from 'ethers';
import { grindKey } from '@scure/starknet';
import { ConfigError } from '../../../core/errors.js';
import { Secret } from '../../../core/secret.js';
import { computeContractAddress } from '../../../crypto/starknet/contract-address.js';
import { feltToHex, feltToPaddedHex, parseHexFelt } from '../../../crypto/starknet/felt.js';
import { selectorFromName } from '../../../crypto/starknet/starknet-keccak.js';
import { starkPublicKeyOf } from '../../../crypto/starknet/stark-signature.js';

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const INITIALIZE_SELECTOR = selectorFromName('initialize');

export interface StarkKeyMessageDomain {
  readonly name: 'Paradex';
  readonly version: '1';
  readonly chainId: string;
}

export const STARK_KEY_EIP712_TYPES = { Constant: [{ name: 'action', type: 'string' }] } as const;
export const STARK_KEY_EIP712_MESSAGE = { action: 'STARK Key' } as const;

export interface DerivedStarkAccount {
  /** 0x + 64 hex digits, wrapped so that it prints as [REDACTED]; `reveal()` gives it back. */
  readonly starkPrivateKey: Secret;
  /** 0x-prefixed, no zero padding. */
  readonly starkPublicKey: string;
  /** 0x-prefixed, no zero padding. */
  readonly accountAddress: string;
}

export interface DeriveOptions {
  /** Ethereum private key (hex, with or without 0x). */
  readonly ethPrivateKey: string;
  /** l1_chain_id from /v1/system/config ("11155111" testnet, "1" mainnet). */
  readonly l1ChainId: string | number;
  /** paraclear_account_hash from /v1/system/config. */
  readonly accountClassHash: string;
  /** paraclear_account_proxy_hash from /v1/system/config. */
  readonly proxyClassHash: string;
}

function parseEthPrivateKey(input: unknown): string {
  if (typeof input !== 'string') throw new ConfigError(['ethPrivateKey: must be a hex string']);
  const trimmed = input.trim();
  const body = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed;
  if (body === '') throw new ConfigError(['ethPrivateKey: must not be empty']);
  if (!/^[0-9a-fA-F]+$/.test(body)) throw new ConfigError(['ethPrivateKey: must be hexadecimal (0-9, a-f), with or without 0x']);
  const digits = body.replace(/^0+/, '');
  if (digits.length > 64) throw new ConfigError(['ethPrivateKey: must have at most 64 significant hex digits']);
  const value = digits === '' ? 0n : BigInt(`0x${digits}`);
  if (value === 0n) throw new ConfigError(['ethPrivateKey: must not be zero']);
  if (value >= SECP256K1_ORDER) throw new ConfigError(['ethPrivateKey: must be below the secp256k1 curve order']);
  return `0x${feltToPaddedHex(value)}`;
}

/** The EIP-712 digest the Ethereum key signs (public; useful to check a wallet's signature). */
export function starkKeyMessageDigest(l1ChainId: string | number): string {
  if (!/^[0-9]+$/.test(String(l1ChainId))) throw new ConfigError(['l1ChainId: must be a decimal chain id such as "1" or "11155111"']);
  const domain: StarkKeyMessageDomain = { name: 'Paradex', version: '1', chainId: String(l1ChainId) };
  return TypedDataEncoder.hash(domain, { Constant: [...STARK_KEY_EIP712_TYPES.Constant] }, STARK_KEY_EIP712_MESSAGE);
}

/**
 * grindKey over the seed bytes exactly as given (32 bytes of r, leading zeros included), returned
 * as a scalar. Rejection sampling of sha256(seed || i) below the largest multiple of the curve order.
 */
export function grindStarkKey(seed: Uint8Array): bigint {
  if (seed.length !== 32) throw new ConfigError(['grind seed: must be exactly 32 bytes (r of the Ethereum signature)']);
  return BigInt(`0x${grindKey(seed)}`);
}

/**
 * The Paradex account address for a Stark public key: a proxy contract deployed by address 0 with
 * salt = public key, class = proxyClassHash, constructor calldata
 * [accountClassHash, selector("initialize"), 2, publicKey, 0].
 */
export function computeAccountAddress(publicKey: string | bigint, accountClassHash: string | bigint, proxyClassHash: string | bigint): string {
  const key = typeof publicKey === 'bigint' ? publicKey : parseHexFelt(publicKey, 'publicKey');
  const accountClass = typeof accountClassHash === 'bigint' ? accountClassHash : parseHexFelt(accountClassHash, 'accountClassHash');
  const proxyClass = typeof proxyClassHash === 'bigint' ? proxyClassHash : parseHexFelt(proxyClassHash, 'proxyClassHash');
  return computeContractAddress({
    salt: key,
    classHash: proxyClass,
    constructorCalldata: [accountClass, INITIALIZE_SELECTOR, 2n, key, 0n],
  });
}

/** The constructor calldata of the account proxy (0x-hex felts), as shown in the vectors. */
export function accountConstructorCalldata(publicKey: string | bigint, accountClassHash: string | bigint): string[] {
  const key = typeof publicKey === 'bigint' ? publicKey : parseHexFelt(publicKey, 'publicKey');
  const accountClass = typeof accountClassHash === 'bigint' ? accountClassHash : parseHexFelt(accountClassHash, 'accountClassHash');
  return [accountClass, INITIALIZE_SELECTOR, 2n, key, 0n].map(feltToHex);
}

/** Ethereum key -> Stark key, public key and account address, all offline and deterministic. */
export function deriveStarkAccount(options: DeriveOptions): DerivedStarkAccount {
  const ethKey = parseEthPrivateKey(options.ethPrivateKey);
  const digest = starkKeyMessageDigest(options.l1ChainId);
  const signature = new SigningKey(ethKey).sign(digest);
  // signature.r is the 32-byte r as 0x + 64 hex digits: leading zero bytes are kept.
  const starkKey = grindStarkKey(getBytes(signature.r));
  const starkKeyHex = feltToPaddedHex(starkKey);
  const publicKey = starkPublicKeyOf(starkKeyHex);
  return {
    starkPrivateKey: new Secret(`0x${starkKeyHex}`),
    starkPublicKey: feltToHex(publicKey),
    accountAddress: computeAccountAddress(publicKey, options.accountClassHash, options.proxyClassHash),
  };
}
