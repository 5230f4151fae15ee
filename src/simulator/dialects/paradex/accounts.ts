/**
 * Onboarded Paradex accounts: the Starknet account address, the public keys allowed to sign for it
 * (the main key registered at onboarding plus subkeys) and the Ethereum account it was onboarded
 * from. Onboarding also opens the engine account with the venue's initial balance (a faucet), so
 * a new account can trade at once.
 *
 * Addresses and keys are compared as integers (SDKs print them without zero padding); the
 * canonical text is 0x + lowercase hex without leading zeros, which is also the engine account id.
 */
import type { SimulatorEngine } from '../../engine/index.js';

export interface ParadexAccountRecord {
  /** Canonical address (engine account id). */
  readonly address: string;
  readonly mainPublicKey: bigint;
  /** Main key first, then subkeys in registration order. */
  readonly publicKeys: readonly bigint[];
  /** As sent in PARADEX-ETHEREUM-ACCOUNT (checksummed text kept), or undefined. */
  readonly ethereumAccount: string | undefined;
  readonly createdAt: number;
}

export interface OnboardRequest {
  readonly address: string | bigint;
  readonly publicKey: bigint;
  readonly ethereumAccount?: string;
  readonly nowMs: number;
}

export type OnboardResult =
  | { readonly ok: true; readonly created: boolean; readonly account: ParadexAccountRecord }
  | { readonly ok: false; readonly error: 'ETHEREUM_ADDRESS_ALREADY_ONBOARDED' };

export interface SubkeyRecord {
  readonly publicKey: bigint;
  readonly name: string;
  readonly createdAt: number;
}

interface MutableRecord {
  subkeys: SubkeyRecord[];
  address: string;
  mainPublicKey: bigint;
  publicKeys: bigint[];
  ethereumAccount: string | undefined;
  createdAt: number;
}

/** 0x + lowercase hex, no zero padding; undefined when the text is not a hex number. */
export function canonicalAddress(address: string | bigint): string | undefined {
  if (typeof address === 'bigint') return address > 0n ? `0x${address.toString(16)}` : undefined;
  const text = address.trim();
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(text)) return undefined;
  const value = BigInt(text);
  return value > 0n ? `0x${value.toString(16)}` : undefined;
}

export class ParadexAccounts {
  readonly #engine: SimulatorEngine;
  readonly #initialBalance: string;
  readonly #byAddress = new Map<string, MutableRecord>();
  /** Lower-case Ethereum address -> Starknet address. */
  readonly #byEthereum = new Map<string, string>();

  constructor(engine: SimulatorEngine, initialBalance: string) {
    this.#engine = engine;
    this.#initialBalance = initialBalance;
  }

  /**
   * Registers an account (idempotent, as the venue's POST /onboarding). The address must already
   * have been checked against the public key by the caller. An Ethereum account can back only one
   * Starknet account.
   */
  onboard(request: OnboardRequest): OnboardResult {
    const address = canonicalAddress(request.address);
    if (address === undefined) throw new RangeError('onboard: address must be a non-zero hex number');
    const existing = this.#byAddress.get(address);
    if (existing !== undefined) return { ok: true, created: false, account: snapshot(existing) };
    const eth = request.ethereumAccount?.toLowerCase();
    if (eth !== undefined && this.#byEthereum.has(eth)) return { ok: false, error: 'ETHEREUM_ADDRESS_ALREADY_ONBOARDED' };
    const record: MutableRecord = {
      subkeys: [],
      address,
      mainPublicKey: request.publicKey,
      publicKeys: [request.publicKey],
      ethereumAccount: request.ethereumAccount,
      createdAt: request.nowMs,
    };
    this.#byAddress.set(address, record);
    if (eth !== undefined) this.#byEthereum.set(eth, address);
    this.#engine.ensureAccount(address, { asset: 'USDC', collateral: this.#initialBalance });
    return { ok: true, created: true, account: snapshot(record) };
  }

  isOnboarded(address: string): boolean {
    const canonical = canonicalAddress(address);
    return canonical !== undefined && this.#byAddress.has(canonical);
  }

  get(address: string): ParadexAccountRecord | undefined {
    const canonical = canonicalAddress(address);
    const record = canonical === undefined ? undefined : this.#byAddress.get(canonical);
    return record === undefined ? undefined : snapshot(record);
  }

  /** Keys allowed to sign for the account (main key first); [] when not onboarded. */
  publicKeysOf(address: string): readonly bigint[] {
    const canonical = canonicalAddress(address);
    return (canonical === undefined ? undefined : this.#byAddress.get(canonical))?.publicKeys ?? [];
  }

  hasPublicKey(address: string, publicKey: bigint): boolean {
    return this.publicKeysOf(address).includes(publicKey);
  }

  /** Registers a subkey; returns false when the account is not onboarded. */
  addSubkey(address: string, publicKey: bigint, name = '', nowMs = 0): boolean {
    const canonical = canonicalAddress(address);
    const record = canonical === undefined ? undefined : this.#byAddress.get(canonical);
    if (record === undefined) return false;
    if (!record.publicKeys.includes(publicKey)) {
      record.publicKeys.push(publicKey);
      record.subkeys.push({ publicKey, name, createdAt: nowMs });
    }
    return true;
  }

  /** Registered subkeys (not the main key), oldest first. */
  subkeysOf(address: string): readonly SubkeyRecord[] {
    return this.#byAddress.get(canonicalAddress(address) ?? '')?.subkeys.slice() ?? [];
  }

  removeSubkey(address: string, publicKey: bigint): boolean {
    const record = this.#byAddress.get(canonicalAddress(address) ?? '');
    if (record === undefined || publicKey === record.mainPublicKey) return false;
    const index = record.publicKeys.indexOf(publicKey);
    if (index < 0) return false;
    record.publicKeys.splice(index, 1);
    record.subkeys = record.subkeys.filter((subkey) => subkey.publicKey !== publicKey);
    return true;
  }

  /** Starknet address onboarded from this Ethereum account, if any. */
  addressOfEthereum(ethereumAccount: string): string | undefined {
    return this.#byEthereum.get(ethereumAccount.toLowerCase());
  }

  all(): ParadexAccountRecord[] {
    return [...this.#byAddress.values()].map(snapshot);
  }
}

function snapshot(record: MutableRecord): ParadexAccountRecord {
  return {
    address: record.address,
    mainPublicKey: record.mainPublicKey,
    publicKeys: [...record.publicKeys],
    ethereumAccount: record.ethereumAccount,
    createdAt: record.createdAt,
  };
}
