/**
 * Aster V3 ("Pro API") request signer: an API wallet (`signer`) approved for a main wallet
 * (`user`) signs the EIP-712 `AsterSignTransaction` message whose `msg` is the request's parameter
 * text, with `nonce` (µs), `user` and `signer` appended in that order (aster.md §3.2; the order of
 * vector `v3_eip712.mainnet_order`). The signature goes last, as `&signature=0x…`.
 *
 * The private key lives in a #private field only; the object prints as [REDACTED] through
 * String(), JSON.stringify and util.inspect, and no message it produces contains the key or a
 * signature.
 */
import { inspect } from 'node:util';
import type { Clock } from '../../../core/clock.js';
import { ConfigError } from '../../../core/errors.js';
import type { Secret } from '../../../core/secret.js';
import { REDACTED } from '../../../core/secret.js';
import { ASTER_CHAIN_ID, asterDigest } from './eip712.js';
import { nextNonce } from './nonce.js';
import { addressOf, checksumAddress, privateKeyBytes, signDigest } from './secp256k1.js';
import type { AsterSigner, SignedParams } from './types.js';
import type { Params } from './wire-text.js';
import { checkParam, paramText } from './wire-text.js';

export interface AsterV3SignerOptions {
  /** Main wallet address (the account owner). */
  readonly user: string;
  /** API wallet address; must be the address of `privateKey`. */
  readonly signer: string;
  readonly privateKey: Secret | string;
  /** 1666 mainnet (default), 714 testnet. */
  readonly chainId?: number;
  /** Venue-corrected clock for the µs nonce. */
  readonly clock: Clock;
  /**
   * Send `user` with every request (default true). The docs' order example omits it, every SDK
   * sends it (aster.md §3.1, §10.3); vector `mainnet_order_without_user` covers the other form.
   */
  readonly includeUser?: boolean;
}

const reveal = (key: Secret | string): string => (typeof key === 'string' ? key : key.reveal());

export class AsterV3Signer implements AsterSigner {
  readonly version = 'v3' as const;
  readonly user: string;
  readonly signer: string;
  readonly chainId: number;
  readonly #key: Uint8Array;
  readonly #clock: Clock;
  readonly #authSuffix: (nonce: string) => string;

  constructor(options: AsterV3SignerOptions) {
    let key: Uint8Array;
    try {
      key = privateKeyBytes(reveal(options.privateKey));
    } catch (error) {
      throw new ConfigError([`ASTER_SIGNER_PRIVATE_KEY: ${(error as Error).message}`]);
    }
    const derived = addressOf(key);
    let signer: string;
    try {
      signer = checksumAddress(options.signer);
      checksumAddress(options.user);
    } catch {
      throw new ConfigError(['ASTER_USER / ASTER_SIGNER: must be 20-byte hex addresses']);
    }
    if (derived !== signer) {
      throw new ConfigError([`ASTER_SIGNER: ${options.signer} is not the address of ASTER_SIGNER_PRIVATE_KEY (that key's address is ${derived})`]);
    }
    this.chainId = options.chainId ?? ASTER_CHAIN_ID.mainnet;
    // Addresses go on the wire as configured (case is not significant to the venue, aster.md §3.3).
    this.user = options.user;
    this.signer = options.signer;
    checkParam('user', this.user);
    checkParam('signer', this.signer);
    this.#key = key;
    this.#clock = options.clock;
    const includeUser = options.includeUser ?? true;
    const userPart = includeUser ? `&user=${this.user}` : '';
    const signerPart = `&signer=${this.signer}`;
    this.#authSuffix = (nonce) => `nonce=${nonce}${userPart}${signerPart}`;
  }

  get account(): string {
    return this.user;
  }

  /** The EIP-712 signature of one message text (the low-level step the vectors pin down). */
  signMessage(msg: string): string {
    return signDigest(asterDigest(msg, this.chainId), this.#key);
  }

  /** Business parameters + nonce/user/signer, signed; `nonce` is for tests and replays only. */
  sign(params: Params, nonce: string = nextNonce(this.signer, this.#clock)): SignedParams {
    const business = paramText(params);
    const msg = business.length === 0 ? this.#authSuffix(nonce) : `${business}&${this.#authSuffix(nonce)}`;
    return { text: `${msg}&signature=${this.signMessage(msg)}`, headers: {} };
  }

  signUserStream(params: Params): SignedParams {
    return this.sign(params);
  }

  marketDataHeaders(): Readonly<Record<string, string>> {
    return {};
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
