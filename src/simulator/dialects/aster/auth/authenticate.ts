/**
 * Which scheme authenticates a request, and the account it acts for.
 *
 * /fapi/v3/* is V3 (EIP-712). /fapi/v1, v2 and v4 are V1 (HMAC) — except that a request without
 * X-MBX-APIKEY that carries `signer` is checked as V3, because ccxt 4.5.84 calls /fapi/v4/account
 * with V3 signing (aster.md §4.1).
 *
 * V3 `user` is optional (§3.1): without it the signer must be an agent of exactly one user, or is
 * taken as the main wallet signing for itself. Order of checks: mandatory parameters, signature,
 * signer approval, then the nonce (so a forged request never burns a nonce).
 */
import { AsterErrors } from '../errors.js';
import type { WireParams } from '../params.js';
import type { AsterSettings } from '../settings.js';
import { accountId, isAddress, type Credentials } from './credentials.js';
import { authenticateV1 } from './v1-hmac.js';
import { recoverSigner, signedTexts, type NonceBook } from './v3-eip712.js';

export type Security = 'NONE' | 'USER_STREAM' | 'SIGNED';
export type PathFamily = 'v1' | 'v3';

export interface AuthDeps {
  readonly credentials: Credentials;
  readonly nonces: NonceBook;
  readonly settings: AsterSettings;
}

export interface AuthInput {
  readonly family: PathFamily;
  readonly security: Exclude<Security, 'NONE'>;
  readonly params: WireParams;
  readonly apiKeyHeader: string | string[] | undefined;
  readonly now: number;
}

/** The engine account id the request acts for; throws AsterApiError when refused. */
export function authenticate(input: AuthInput, deps: AuthDeps): string {
  const useV3 = input.family === 'v3' || (input.apiKeyHeader === undefined && input.params.has('signer'));
  if (!useV3) {
    return authenticateV1(
      { apiKeyHeader: input.apiKeyHeader, params: input.params, signed: input.security === 'SIGNED', now: input.now },
      deps.credentials,
      deps.settings,
    );
  }
  return authenticateV3(input.params, input.now, deps);
}

function authenticateV3(params: WireParams, now: number, deps: AuthDeps): string {
  const signature = params.require('signature');
  const signer = params.require('signer');
  const nonceText = params.require('nonce');
  if (!/^\d{1,16}$/.test(nonceText)) throw AsterErrors.invalidParam('nonce');
  if (!isAddress(signer)) throw AsterErrors.invalidParam('signer');
  const user = params.get('user');
  if (user !== undefined && !isAddress(user)) throw AsterErrors.invalidParam('user');

  const { settings, credentials } = deps;
  const wanted = signer.toLowerCase();
  const verified = signedTexts(params.segments, settings.v3DecodedFallback).some((msg) => recoverSigner(msg, signature, settings.chainId) === wanted);
  if (!verified) throw AsterErrors.badSignature();

  const owner = user ?? ownerOf(signer, credentials);
  if (!credentials.mayActFor(signer, owner)) throw AsterErrors.rejectedApiKey();

  const verdict = deps.nonces.check(signer, Number(nonceText), now, settings.nonceWindowMs, settings.nonceHistory);
  if (verdict === 'ahead') throw AsterErrors.timestampAhead();
  if (verdict !== 'ok') throw AsterErrors.nonceExpired();
  return accountId(owner);
}

function ownerOf(signer: string, credentials: Credentials): string {
  const users = credentials.usersOf(signer);
  if (users.length === 0) return signer;
  if (users.length > 1) throw AsterErrors.mandatory('user');
  return users[0] as string;
}
