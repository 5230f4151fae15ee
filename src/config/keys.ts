/**
 * Key and address normalisation for configuration values. Users paste keys from wallets in every
 * form: with or without 0x, upper or lower case, and Starknet keys often lose a leading zero
 * (63 hex digits) because tools print them as integers. We accept all of those and store one
 * canonical form; we never echo the value in an error.
 */
const HEX_BODY = /^[0-9a-fA-F]+$/;

/** Stark curve order: a Starknet private key must be in [1, N). */
export const STARK_CURVE_ORDER = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
/** secp256k1 order: an Ethereum private key must be in [1, N). */
export const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export type KeyCheck = { ok: true; value: string } | { ok: false; rule: string };

function parseHex(input: string, maxDigits: number): { ok: true; digits: string } | { ok: false; rule: string } {
  const trimmed = input.trim();
  const body = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed;
  if (body.length === 0) return { ok: false, rule: 'must not be empty' };
  if (!HEX_BODY.test(body)) return { ok: false, rule: 'must be hexadecimal (0-9, a-f), with or without 0x' };
  const digits = body.replace(/^0+/, '').toLowerCase();
  if (digits.length > maxDigits) return { ok: false, rule: `must have at most ${maxDigits} hex digits` };
  return { ok: true, digits };
}

function privateKey(input: string, order: bigint, curve: string): KeyCheck {
  const parsed = parseHex(input, 64);
  if (!parsed.ok) return parsed;
  if (parsed.digits === '') return { ok: false, rule: 'must not be zero' };
  if (BigInt(`0x${parsed.digits}`) >= order) return { ok: false, rule: `must be below the ${curve} curve order` };
  return { ok: true, value: `0x${parsed.digits.padStart(64, '0')}` };
}

/** Ethereum private key -> 0x + 64 lowercase hex digits. */
export function normalizeEthPrivateKey(input: string): KeyCheck {
  return privateKey(input, SECP256K1_ORDER, 'secp256k1');
}

/** Starknet private key -> 0x + 64 lowercase hex digits (leading zeros restored). */
export function normalizeStarkPrivateKey(input: string): KeyCheck {
  return privateKey(input, STARK_CURVE_ORDER, 'Stark');
}

/** Starknet address -> 0x + lowercase hex without zero padding (as the SDKs print it). */
export function normalizeStarknetAddress(input: string): KeyCheck {
  const parsed = parseHex(input, 64);
  if (!parsed.ok) return parsed;
  if (parsed.digits === '') return { ok: false, rule: 'must not be zero' };
  if (BigInt(`0x${parsed.digits}`) >= 2n ** 251n) return { ok: false, rule: 'must be below 2^251 (a Starknet felt address)' };
  return { ok: true, value: `0x${parsed.digits}` };
}

/** Ethereum address -> 0x + 40 lowercase hex digits. */
export function normalizeEthAddress(input: string): KeyCheck {
  const trimmed = input.trim();
  const body = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed;
  if (!/^[0-9a-fA-F]{40}$/.test(body)) return { ok: false, rule: 'must be 40 hex digits, with or without 0x' };
  return { ok: true, value: `0x${body.toLowerCase()}` };
}
