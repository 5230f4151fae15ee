/**
 * Paradex authentication and signing: account derivation, SNIP-12 typed-data hashes, Stark ECDSA
 * signatures and the ParadexSigner used by the REST/WS clients.
 */
export {
  ADDRESS_BOUND,
  FIELD_PRIME,
  STARK_CURVE_ORDER,
  encodeFelt,
  feltToHex,
  feltToShortString,
  normalizeStarknetAddress,
  parseStarkPrivateKey,
  parseStarknetAddress,
  shortStringToFelt,
} from '../../../crypto/starknet/felt.js';
export { PedersenLeftTerm, PedersenRightTerm, pedersenHash, pedersenHashOnElements, warmUpPedersen } from '../../../crypto/starknet/pedersen.js';
export { selectorFromName, starknetKeccak } from '../../../crypto/starknet/starknet-keccak.js';
export type { StarkSignature } from '../../../crypto/starknet/stark-signature.js';
export { formatStarkSignature, parseStarkSignature, signStarkHash, verifyStarkSignature, warmUpStarkSigning } from '../../../crypto/starknet/stark-signature.js';
export type { ModifyOrderSignable, OrderSideText, OrderSignable } from './typed-data.js';
export {
  PARADEX_CHAIN_DECIMALS,
  ParadexMessageHasher,
  authHash,
  modifyOrderHash,
  onboardingHash,
  orderHash,
  paradexDomainHash,
  toChainAmount,
} from './typed-data.js';
export type { StarknetTypedDataV0, TypedDataField, TypedDataObject, TypedDataValue } from '../../../crypto/starknet/typed-data-reference.js';
export { encodeTypeV0, getMessageHashV0, structHashV0, typeHashV0 } from '../../../crypto/starknet/typed-data-reference.js';
export type { DeriveOptions, DerivedStarkAccount } from './derivation.js';
export {
  accountConstructorCalldata,
  computeAccountAddress,
  deriveStarkAccount,
  grindStarkKey,
  starkKeyMessageDigest,
} from './derivation.js';
export type { ParadexSignerOptions } from './signer.js';
export { ParadexSigner } from './signer.js';

/** 0x-hex spelling of a hash returned by the hash functions above. */
export { feltToHex as hashToHex } from '../../../crypto/starknet/felt.js';
