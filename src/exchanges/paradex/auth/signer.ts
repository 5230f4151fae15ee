/**
 * The Paradex signer: one Stark key, one account, one chain. Produces the signature texts for
 * orders, order modifications, /v1/auth and /v1/onboarding.
 *
 * In subkey mode `account` is the MAIN account address while the key is the subkey's: the signed
 * messages name the main account either way, so the same class works.
 *
 * The private key lives in a #private field only. The object prints as [REDACTED] through
 * JSON.stringify, String() and util.inspect (console.log, pino), and no error it throws contains
 * the key.
 */
import { inspect } from 'node:util';
import { ConfigError } from '../../../core/errors.js';
import { feltToHex, feltToPaddedHex, parseStarkPrivateKey, parseStarknetAddress } from '../../../crypto/starknet/felt.js';
import { warmUpPedersen } from '../../../crypto/starknet/pedersen.js';
import { formatStarkSignature, signStarkHash, starkPublicKeyOf, warmUpStarkSigning } from '../../../crypto/starknet/stark-signature.js';
import type { ModifyOrderSignable, OrderSignable } from './typed-data.js';
import { ParadexMessageHasher } from './typed-data.js';

export interface ParadexSignerOptions {
  /** Stark private key (hex; 0x optional; any case; a missing leading zero is fine). */
  readonly starkPrivateKey: string;
  /** The Paradex account address (the main account in subkey mode). */
  readonly account: string;
  /** starknet_chain_id from /v1/system/config, e.g. "PRIVATE_SN_POTC_SEPOLIA". */
  readonly starknetChainId: string;
}

const REDACTED = '[REDACTED]';

export class ParadexSigner {
  /** 0x-prefixed lowercase hex, no zero padding (as the SDKs print it). */
  readonly account: string;
  /** Stark public key (x coordinate), 0x-prefixed lowercase hex, no zero padding. */
  readonly publicKey: string;
  readonly starknetChainId: string;
  /** 64 lowercase hex digits without 0x. */
  readonly #privateKeyHex: string;
  readonly #hasher: ParadexMessageHasher;

  private constructor(privateKeyHex: string, account: bigint, starknetChainId: string) {
    this.#privateKeyHex = privateKeyHex;
    this.account = feltToHex(account);
    this.publicKey = feltToHex(starkPublicKeyOf(privateKeyHex));
    this.starknetChainId = starknetChainId;
    this.#hasher = new ParadexMessageHasher(starknetChainId, account);
  }

  /**
   * Validates and normalises the key and address (ConfigError naming the field otherwise) and
   * builds the hashing tables up front, so the first order is as fast as the others.
   */
  static create(options: ParadexSignerOptions): ParadexSigner {
    if (typeof options !== 'object' || options === null) throw new ConfigError(['signer options: must be an object']);
    const key = parseStarkPrivateKey(options.starkPrivateKey, 'starkPrivateKey');
    const account = parseStarknetAddress(options.account, 'account');
    const chainId = options.starknetChainId;
    if (typeof chainId !== 'string' || !/^[\x20-\x7e]{1,31}$/.test(chainId)) {
      throw new ConfigError(['starknetChainId: must be the starknet_chain_id text from /v1/system/config (1-31 ASCII characters)']);
    }
    warmUpPedersen();
    warmUpStarkSigning();
    return new ParadexSigner(feltToPaddedHex(key), account, chainId);
  }

  /** `["r","s"]` for POST /v1/orders (`signature` field; `signature_timestamp` = timestampMs). */
  signOrder(order: OrderSignable): string {
    return this.signHash(this.#hasher.orderHash(order));
  }

  /** `["r","s"]` for PUT /v1/orders/{id}. */
  signModifyOrder(order: ModifyOrderSignable): string {
    return this.signHash(this.#hasher.modifyOrderHash(order));
  }

  /** PARADEX-STARKNET-SIGNATURE for POST /v1/auth (also /v1/auth/{public_key}: the signed path is "/v1/auth"). */
  signAuth(timestampSec: number, expirationSec: number): string {
    return this.signHash(this.#hasher.authHash(timestampSec, expirationSec));
  }

  /** PARADEX-STARKNET-SIGNATURE for POST /v1/onboarding. */
  signOnboarding(): string {
    return this.signHash(this.#hasher.onboardingHash());
  }

  /** The message hashes, for diagnostics and for callers that sign elsewhere. */
  get hasher(): ParadexMessageHasher {
    return this.#hasher;
  }

  private signHash(hash: bigint): string {
    return formatStarkSignature(signStarkHash(hash, this.#privateKeyHex));
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
