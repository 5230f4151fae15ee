/**
 * Starknet cryptography shared by the Paradex client and the simulator: field elements, a
 * table-driven Pedersen hash, Stark ECDSA (via @scure/starknet), starknet_keccak, generic SNIP-12
 * revision 0 typed-data hashing and the contract address formula. Nothing here knows a venue's
 * messages: the client and the simulator each build their own typed data from the protocol notes,
 * so a misunderstanding on one side is caught by the other and by the recorded vectors.
 */
export {
  ADDRESS_BOUND,
  FIELD_PRIME,
  STARK_CURVE_ORDER,
  encodeFelt,
  feltToHex,
  feltToPaddedHex,
  feltToShortString,
  normalizeStarknetAddress,
  parseHexFelt,
  parseStarkPrivateKey,
  parseStarknetAddress,
  shortStringToFelt,
} from './felt.js';
export { PedersenLeftTerm, PedersenRightTerm, pedersenHash, pedersenHashOnElements, pedersenPartial, warmUpPedersen } from './pedersen.js';
export { selectorFromName, starknetKeccak } from './starknet-keccak.js';
export type { StarkSignature } from './stark-signature.js';
export {
  formatStarkSignature,
  parseStarkSignature,
  signStarkHash,
  starkPublicKeyOf,
  verifyStarkSignature,
  warmUpStarkSigning,
} from './stark-signature.js';
export type { StarknetTypedDataV0, TypedDataField, TypedDataObject, TypedDataValue } from './typed-data-reference.js';
export { encodeTypeV0, getMessageHashV0, structHashV0, typeHashV0 } from './typed-data-reference.js';
export type { ContractDeployment } from './contract-address.js';
export { computeContractAddress } from './contract-address.js';
