/**
 * Starknet's contract address formula (the same for every contract):
 * pedersen_on_elements("STARKNET_CONTRACT_ADDRESS", deployer, salt, class_hash,
 * pedersen_on_elements(constructor_calldata)) mod (2^251 - 256).
 * Venue-specific calldata layouts live with the venue code that needs them.
 */
import { feltToHex, shortStringToFelt } from './felt.js';
import { pedersenHashOnElements } from './pedersen.js';

/** Contract addresses are reduced modulo 2^251 - 256 (Starknet's L2 address bound). */
const ADDRESS_MODULUS = (1n << 251n) - 256n;
const CONTRACT_ADDRESS_PREFIX = shortStringToFelt('STARKNET_CONTRACT_ADDRESS');

export interface ContractDeployment {
  readonly salt: bigint;
  readonly classHash: bigint;
  readonly constructorCalldata: readonly bigint[];
  /** 0 for a counterfactual deployment (the account deploys itself). */
  readonly deployer?: bigint;
}

/** The 0x-hex address (no leading zeros) a deployment lands at. */
export function computeContractAddress(deployment: ContractDeployment): string {
  const calldataHash = pedersenHashOnElements(deployment.constructorCalldata);
  const address = pedersenHashOnElements([
    CONTRACT_ADDRESS_PREFIX,
    deployment.deployer ?? 0n,
    deployment.salt,
    deployment.classHash,
    calldataHash,
  ]);
  return feltToHex(address % ADDRESS_MODULUS);
}
