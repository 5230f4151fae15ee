/**
 * Onboarding and authentication (paradex.md §2-§4):
 *
 *  - POST /onboarding: the address in PARADEX-STARKNET-ACCOUNT must be the one derived from the
 *    body's public_key (proxy deployment with the class hashes of GET /system/config), and
 *    PARADEX-STARKNET-SIGNATURE must sign the Constant{action: "Onboarding"} message with that key.
 *    Idempotent; opens the account with the venue's initial balance.
 *  - GET /onboarding: the address a key derives to, and whether it exists.
 *  - POST /auth and /auth/{public_key}: a Request{POST, /v1/auth, "", timestamp, expiration}
 *    signature by the account's main key (or the registered subkey named in the path), fresh and
 *    unexpired, earns a 5-minute JWT.
 *  - Bearer check of private routes: 401 for a missing, malformed, forged or expired token.
 */
import { computeContractAddress, selectorFromName } from '../../../../crypto/starknet/index.js';
import type { SimRequest, SimResponse } from '../../../dialect.js';
import { canonicalAddress } from '../accounts.js';
import { errorResponse, jsonResponse, venueError, type VenueError } from '../errors.js';
import type { ParadexVenue } from '../venue.js';
import { header, parseJsonBody, type RouteContext } from './context.js';

const INITIALIZE_SELECTOR = selectorFromName('initialize');
/** paradex.md §4.1: expiration at most a week after the timestamp. */
const MAX_AUTH_VALIDITY_SEC = 7n * 24n * 3600n;
/** Used when PARADEX-SIGNATURE-EXPIRATION is absent ("default 30 min"). */
const DEFAULT_AUTH_VALIDITY_SEC = 30n * 60n;
/** How far ahead of venue time an auth timestamp may be (client clocks are calibrated, not exact). */
const AUTH_FUTURE_SKEW_MS = 30_000;
const SIGNED_AUTH_PATH = '/v1/auth';

function parseHexKey(text: unknown): bigint | undefined {
  if (typeof text !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(text.trim())) return undefined;
  const value = BigInt(text.trim());
  return value > 0n && value < 1n << 252n ? value : undefined;
}

/** The account a Stark public key deploys to on Paradex (proxy, deployer 0, salt = key). */
export function paradexAddressOf(venue: ParadexVenue, publicKey: bigint): string {
  const { accountClassHash, accountProxyClassHash } = venue.systemConfig;
  return computeContractAddress({
    salt: publicKey,
    classHash: BigInt(accountProxyClassHash),
    constructorCalldata: [BigInt(accountClassHash), INITIALIZE_SELECTOR, 2n, publicKey, 0n],
    deployer: 0n,
  });
}

export function postOnboarding(ctx: RouteContext): SimResponse {
  const { venue, request } = ctx;
  const ethereum = header(request, 'paradex-ethereum-account');
  const starknet = header(request, 'paradex-starknet-account');
  const signature = header(request, 'paradex-starknet-signature');
  if (ethereum === undefined || starknet === undefined || signature === undefined) {
    return errorResponse(venueError(400, 'VALIDATION_ERROR', 'PARADEX-ETHEREUM-ACCOUNT, PARADEX-STARKNET-ACCOUNT and PARADEX-STARKNET-SIGNATURE headers are required'));
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(ethereum)) return errorResponse(venueError(400, 'INVALID_ETHEREUM_ADDRESS', 'PARADEX-ETHEREUM-ACCOUNT is not an Ethereum address'));
  const address = canonicalAddress(starknet);
  if (address === undefined) return errorResponse(venueError(400, 'INVALID_STARKNET_ADDRESS', 'PARADEX-STARKNET-ACCOUNT is not a Starknet address'));
  const body = parseJsonBody(request);
  if (!body.ok) return errorResponse(venueError(400, 'BINDING_ERROR', 'request body is not valid JSON'));
  const publicKey = parseHexKey((body.value as { public_key?: unknown } | undefined)?.public_key);
  if (publicKey === undefined) return errorResponse(venueError(400, 'PUBLIC_KEY_INVALID', 'public_key must be the 0x-hex Stark public key'));
  if (BigInt(paradexAddressOf(venue, publicKey)) !== BigInt(address)) {
    return errorResponse(venueError(400, 'INVALID_STARKNET_ADDRESS', 'PARADEX-STARKNET-ACCOUNT is not the account derived from public_key'));
  }
  if (!venue.signatures.verify(venue.hasher.onboarding(BigInt(address)), signature, [publicKey])) {
    return errorResponse(venueError(400, 'INVALID_STARKNET_SIGNATURE', 'onboarding signature verification failed'));
  }
  const result = venue.accounts.onboard({ address, publicKey, ethereumAccount: ethereum, nowMs: ctx.nowMs });
  if (!result.ok) return errorResponse(venueError(400, result.error, 'this Ethereum address is already onboarded to another account'));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
}

export function getOnboarding(ctx: RouteContext): SimResponse {
  const { venue, request } = ctx;
  const signerType = request.query.get('account_signer_type');
  if (signerType === null || signerType === '') return errorResponse(venueError(400, 'VALIDATION_ERROR', 'account_signer_type is required'));
  if (signerType !== 'starknet') return errorResponse(venueError(400, 'INVALID_REQUEST_PARAMETER', 'only account_signer_type=starknet is supported'));
  const derivation = {
    class_hash: venue.systemConfig.accountClassHash,
    proxy_class_hash: venue.systemConfig.accountProxyClassHash,
  };
  const eth = request.query.get('eth_address');
  const keyText = request.query.get('public_key');
  let address: string | undefined;
  if (keyText !== null && keyText !== '') {
    const publicKey = parseHexKey(keyText);
    if (publicKey === undefined) return errorResponse(venueError(400, 'PUBLIC_KEY_INVALID', 'public_key must be a 0x-hex Stark public key'));
    address = paradexAddressOf(venue, publicKey);
  } else if (eth !== null && eth !== '') {
    address = venue.accounts.addressOfEthereum(eth);
    if (address === undefined) return jsonResponse(200, { account_signer_type: signerType, address: '', derivation_info: derivation, exists: false });
  } else {
    return errorResponse(venueError(400, 'VALIDATION_ERROR', 'public_key or eth_address is required'));
  }
  return jsonResponse(200, { account_signer_type: signerType, address, derivation_info: derivation, exists: venue.accounts.isOnboarded(address) });
}

function parseSeconds(text: string | undefined): bigint | undefined {
  return text !== undefined && /^[0-9]{1,12}$/.test(text.trim()) ? BigInt(text.trim()) : undefined;
}

export function postAuth(ctx: RouteContext): SimResponse {
  const { venue, request, nowMs } = ctx;
  const starknet = header(request, 'paradex-starknet-account');
  const signature = header(request, 'paradex-starknet-signature');
  const timestampText = header(request, 'paradex-timestamp');
  if (starknet === undefined || signature === undefined || timestampText === undefined) {
    return errorResponse(venueError(400, 'VALIDATION_ERROR', 'PARADEX-STARKNET-ACCOUNT, PARADEX-STARKNET-SIGNATURE and PARADEX-TIMESTAMP headers are required'));
  }
  const address = canonicalAddress(starknet);
  if (address === undefined) return errorResponse(venueError(400, 'INVALID_STARKNET_ADDRESS', 'PARADEX-STARKNET-ACCOUNT is not a Starknet address'));
  const timestamp = parseSeconds(timestampText);
  if (timestamp === undefined) return errorResponse(venueError(400, 'INVALID_TIMESTAMP', 'PARADEX-TIMESTAMP must be unix seconds'));
  const expirationText = header(request, 'paradex-signature-expiration');
  const expiration = expirationText === undefined ? timestamp + DEFAULT_AUTH_VALIDITY_SEC : parseSeconds(expirationText);
  if (expiration === undefined) return errorResponse(venueError(400, 'INVALID_TIMESTAMP', 'PARADEX-SIGNATURE-EXPIRATION must be unix seconds'));
  const account = venue.accounts.get(address);
  if (account === undefined) return errorResponse(venueError(400, 'NOT_ONBOARDED', 'User has never called /onboarding endpoint'));

  let keys: readonly bigint[] = [account.mainPublicKey];
  const pathKey = ctx.params[0];
  if (pathKey !== undefined) {
    const key = parseHexKey(pathKey);
    if (key === undefined || !account.publicKeys.includes(key)) return errorResponse(venueError(401, 'INVALID_SUBKEY', 'public key is not registered for this account'));
    keys = [key];
  }
  if (timestamp * 1000n > BigInt(nowMs + AUTH_FUTURE_SKEW_MS)) return errorResponse(venueError(401, 'INVALID_TIMESTAMP', 'PARADEX-TIMESTAMP is in the future'));
  if (expiration <= timestamp || expiration - timestamp > MAX_AUTH_VALIDITY_SEC) {
    return errorResponse(venueError(401, 'INVALID_TIMESTAMP', 'PARADEX-SIGNATURE-EXPIRATION must be after PARADEX-TIMESTAMP and at most one week later'));
  }
  if (expiration * 1000n <= BigInt(nowMs)) return errorResponse(venueError(401, 'INVALID_TIMESTAMP', 'the auth signature has expired'));
  const hash = venue.hasher.request(BigInt(address), 'POST', SIGNED_AUTH_PATH, '', timestamp, expiration);
  if (!venue.signatures.verify(hash, signature, keys)) return errorResponse(venueError(401, 'INVALID_STARKNET_SIGNATURE', 'auth signature verification failed'));
  const { jwt } = venue.tokens.issue(address, nowMs);
  return jsonResponse(200, { jwt_token: jwt });
}

/** Go-style duration text ("1m2.5s") for the venue's "token is expired by ..." message. */
function goDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  return minutes > 0 ? `${minutes}m${secondsText}` : secondsText;
}

/** The account of a private request's bearer token, or the venue's 401. */
export function authenticate(venue: ParadexVenue, request: SimRequest, nowMs: number): { account: string } | VenueError {
  const authorization = header(request, 'authorization');
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (match === null) return venueError(401, 'UNAUTHORIZED_ERROR', 'missing or malformed jwt');
  const jwt = match[1] as string;
  const check = venue.tokens.verify(jwt, nowMs);
  if ('account' in check) return check;
  if (check.error === 'expired') {
    return venueError(401, 'INVALID_TOKEN', `invalid bearer jwt: token is expired by ${goDuration(venue.tokens.expiredBy(jwt, nowMs) ?? 0)}`);
  }
  return venueError(401, 'INVALID_TOKEN', 'invalid bearer jwt: signature is invalid');
}
