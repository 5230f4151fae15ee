/**
 * Aster request signing: V3 EIP-712 (`/fapi/v3/*`, the API generation new accounts get) and V1
 * HMAC-SHA256 (`/fapi/v1/*`, legacy keys), chosen by which credentials are configured.
 */
import type { Clock } from '../../../core/clock.js';
import type { Secret } from '../../../core/secret.js';
import { AsterV1Signer } from './v1-signer.js';
import { AsterV3Signer } from './v3-signer.js';
import type { AsterSigner } from './types.js';

export { ASTER_CHAIN_ID, asterDigest, domainSeparator, messageStructHash, toHex } from './eip712.js';
export { legacyAbiEncode, legacyHash, legacySortedJson, personalSignDigest } from './legacy-v3.js';
export { nextNonce } from './nonce.js';
export { addressOf, checksumAddress, privateKeyBytes, signDigest, warmUpSigningTables } from './secp256k1.js';
export { AsterV1Signer, MAX_RECV_WINDOW_MS } from './v1-signer.js';
export type { AsterV1SignerOptions } from './v1-signer.js';
export { AsterV3Signer } from './v3-signer.js';
export type { AsterV3SignerOptions } from './v3-signer.js';
export type { AsterApiVersion, AsterSigner, SignedParams } from './types.js';
export { checkParam, paramText } from './wire-text.js';
export type { Params } from './wire-text.js';

/** The shape src/config produces for ASTER_* credentials. */
export type AsterCredentialsInput =
  | { readonly kind: 'v3'; readonly user: string; readonly signer: string; readonly signerPrivateKey: Secret | string }
  | { readonly kind: 'v1'; readonly apiKey: Secret | string; readonly apiSecret: Secret | string }
  | { readonly kind: 'none' };

export interface SignerContext {
  readonly clock: Clock;
  readonly chainId?: number;
  readonly recvWindowMs?: number;
  readonly includeUser?: boolean;
}

/** The signer the credentials call for, or undefined for public access only. */
export function createAsterSigner(credentials: AsterCredentialsInput, context: SignerContext): AsterSigner | undefined {
  switch (credentials.kind) {
    case 'v3':
      return new AsterV3Signer({
        user: credentials.user,
        signer: credentials.signer,
        privateKey: credentials.signerPrivateKey,
        clock: context.clock,
        ...(context.chainId === undefined ? {} : { chainId: context.chainId }),
        ...(context.includeUser === undefined ? {} : { includeUser: context.includeUser }),
      });
    case 'v1':
      return new AsterV1Signer({
        apiKey: credentials.apiKey,
        apiSecret: credentials.apiSecret,
        clock: context.clock,
        ...(context.recvWindowMs === undefined ? {} : { recvWindowMs: context.recvWindowMs }),
      });
    case 'none':
      return undefined;
  }
}
