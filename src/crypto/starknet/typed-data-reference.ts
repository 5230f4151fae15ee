/**
 * A general, deliberately simple SNIP-12 revision 0 ("StarkNetDomain") typed-data hasher.
 *
 * It follows the specification literally (every Pedersen hash computed, nothing cached), so it is
 * the yardstick the fast Paradex hasher in typed-data.ts is tested against, and it can hash typed
 * data this library has no fast path for. Not for the order hot path.
 *
 *   message_hash = H("StarkNet Message", struct_hash(StarkNetDomain, domain), account, struct_hash(primaryType, message))
 *   struct_hash(T, data) = H(type_hash(T), enc(field_1), ..., enc(field_n))
 *   type_hash(T) = starknet_keccak("T(f1:t1,...)" followed by the referenced struct types, sorted)
 *   H = compute_hash_on_elements (Pedersen fold, then the element count)
 */
import { NotSupportedError } from '../../core/errors.js';
import { encodeFelt, parseStarknetAddress, shortStringToFelt } from './felt.js';
import { pedersenHashOnElements } from './pedersen.js';
import { selectorFromName, starknetKeccak } from './starknet-keccak.js';

export interface TypedDataField {
  readonly name: string;
  readonly type: string;
}

export type TypedDataValue = string | number | bigint | boolean | TypedDataObject | readonly TypedDataValue[];
export interface TypedDataObject {
  readonly [key: string]: TypedDataValue;
}

export interface StarknetTypedDataV0 {
  readonly types: Readonly<Record<string, readonly TypedDataField[]>>;
  readonly primaryType: string;
  readonly domain: TypedDataObject;
  readonly message: TypedDataObject;
}

const DOMAIN_TYPE = 'StarkNetDomain';

function baseType(type: string): string {
  return type.endsWith('*') ? type.slice(0, -1) : type;
}

/** The struct types `type` refers to, itself first, each once (depth-first discovery order). */
function collectDependencies(types: StarknetTypedDataV0['types'], type: string, found: string[]): string[] {
  const name = baseType(type);
  if (found.includes(name) || types[name] === undefined) return found;
  found.push(name);
  for (const field of types[name]) collectDependencies(types, field.type, found);
  return found;
}

/** "Order(timestamp:felt,market:felt,...)" plus referenced struct types in alphabetical order. */
export function encodeTypeV0(types: StarknetTypedDataV0['types'], type: string): string {
  const [primary, ...rest] = collectDependencies(types, type, []);
  if (primary === undefined) throw new NotSupportedError(`typed data: unknown struct type "${type}"`);
  return [primary, ...rest.sort()]
    .map((name) => `${name}(${(types[name] ?? []).map((f) => `${f.name}:${f.type}`).join(',')})`)
    .join('');
}

export function typeHashV0(types: StarknetTypedDataV0['types'], type: string): bigint {
  return starknetKeccak(encodeTypeV0(types, type));
}

function encodeScalar(value: TypedDataValue, field: string): bigint {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return encodeFelt(value, field);
  throw new NotSupportedError(`typed data: field "${field}" expects a scalar value`);
}

function encodeValueV0(types: StarknetTypedDataV0['types'], type: string, value: TypedDataValue, field: string): bigint {
  if (types[type] !== undefined) {
    if (typeof value !== 'object' || Array.isArray(value)) throw new NotSupportedError(`typed data: field "${field}" expects a ${type} object`);
    return structHashV0(types, type, value as TypedDataObject);
  }
  if (type.endsWith('*')) {
    if (!Array.isArray(value)) throw new NotSupportedError(`typed data: field "${field}" expects an array`);
    const inner = type.slice(0, -1);
    return pedersenHashOnElements((value as readonly TypedDataValue[]).map((v, i) => encodeValueV0(types, inner, v, `${field}[${i}]`)));
  }
  if (type === 'selector') {
    if (typeof value === 'string' && !/^0x[0-9a-f]+$/i.test(value)) return selectorFromName(value);
    return encodeScalar(value, field);
  }
  if (type === 'merkletree' || type === 'enum') throw new NotSupportedError(`typed data: type "${type}" is not supported by this hasher`);
  // felt, string (revision 0 treats it as a short string), shortstring, bool, u128, ContractAddress...
  return encodeScalar(value, field);
}

export function structHashV0(types: StarknetTypedDataV0['types'], type: string, data: TypedDataObject): bigint {
  const fields = types[type];
  if (fields === undefined) throw new NotSupportedError(`typed data: unknown struct type "${type}"`);
  const encoded = [typeHashV0(types, type)];
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined || value === null) throw new NotSupportedError(`typed data: missing value for field "${field.name}" of ${type}`);
    encoded.push(encodeValueV0(types, field.type, value, field.name));
  }
  return pedersenHashOnElements(encoded);
}

/** SNIP-12 revision 0 message hash of `typedData` signed by `account`. */
export function getMessageHashV0(typedData: StarknetTypedDataV0, account: string | bigint): bigint {
  if (typedData.types[DOMAIN_TYPE] === undefined) throw new NotSupportedError('typed data: revision 0 needs a StarkNetDomain type');
  const accountFelt = typeof account === 'bigint' ? account : parseStarknetAddress(account);
  return pedersenHashOnElements([
    shortStringToFelt('StarkNet Message'),
    structHashV0(typedData.types, DOMAIN_TYPE, typedData.domain),
    accountFelt,
    structHashV0(typedData.types, typedData.primaryType, typedData.message),
  ]);
}
