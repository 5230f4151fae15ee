/**
 * Turns configured credentials into a signer for the Paradex account:
 *  - an Ethereum key: the Stark key and account address are derived (EIP-712 "STARK Key" ->
 *    grindKey -> proxy address from the class hashes in /system/config); onboarding is possible;
 *  - a Starknet address + (sub)key: signs for that account; auth goes to /auth/{public_key}.
 * With no credentials on the local simulator, a fixed, publicly known development key is used so
 * that successive CLI runs see the same account (never on testnet/prod: config refuses that).
 */
import { Wallet } from 'ethers';
import { AuthError } from '../../core/errors.js';
import { Secret } from '../../core/secret.js';
import { deriveStarkAccount, ParadexSigner } from './auth/index.js';

/** Hardhat/Anvil's first development account: public knowledge, holds nothing anywhere real. */
export const LOCAL_DEV_ETH_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export type ParadexCredentialsInput =
  | { readonly kind: 'ethereum'; readonly ethPrivateKey: Secret }
  | { readonly kind: 'starknet'; readonly l2Address: string; readonly starkPrivateKey: Secret }
  | { readonly kind: 'none' };

export interface ChainParams {
  readonly starknetChainId: string;
  readonly l1ChainId: string;
  readonly accountClassHash: string;
  readonly proxyClassHash: string;
}

export interface ResolvedAccount {
  readonly signer: ParadexSigner;
  /** Present when derived from an Ethereum key: onboarding is possible. */
  readonly ethAddress?: string;
  /** Subkey mode authenticates at /auth/{public_key}. */
  readonly authWithPublicKey: boolean;
}

export function resolveAccount(credentials: ParadexCredentialsInput, chain: ChainParams, allowDevKey: boolean): ResolvedAccount {
  let creds = credentials;
  if (creds.kind === 'none') {
    if (!allowDevKey) {
      throw new AuthError('no Paradex credentials: set PARADEX_PRIVATE_KEY or PARADEX_L2_ADDRESS + PARADEX_SUBKEY_PRIVATE_KEY', {
        exchange: 'paradex',
      });
    }
    creds = { kind: 'ethereum', ethPrivateKey: new Secret(LOCAL_DEV_ETH_KEY) };
  }
  if (creds.kind === 'ethereum') {
    const derived = deriveStarkAccount({
      ethPrivateKey: creds.ethPrivateKey.reveal(),
      l1ChainId: chain.l1ChainId,
      accountClassHash: chain.accountClassHash,
      proxyClassHash: chain.proxyClassHash,
    });
    const signer = ParadexSigner.create({
      starkPrivateKey: derived.starkPrivateKey.reveal(),
      account: derived.accountAddress,
      starknetChainId: chain.starknetChainId,
    });
    return { signer, ethAddress: new Wallet(creds.ethPrivateKey.reveal()).address, authWithPublicKey: false };
  }
  const signer = ParadexSigner.create({
    starkPrivateKey: creds.starkPrivateKey.reveal(),
    account: creds.l2Address,
    starknetChainId: chain.starknetChainId,
  });
  return { signer, authWithPublicKey: true };
}
