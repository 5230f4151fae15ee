/**
 * Felt (Starknet field element) encoding and key/address normalisation.
 *
 * The server recomputes every signed message from the request, so our encoding of each value must
 * match its parser bit for bit (paradex.md §5): integers as themselves, "0x…" as hex, a string of
 * decimal digits as a decimal integer, "" as 0 and any other text as an ASCII short string.
 *
 * Keys arrive in every spelling users paste (with or without 0x, any case, a Starknet key printed as
 * an integer loses its leading zero and has 63 hex digits). Errors name the field and the broken
 * rule and never echo the key.
 */
import { ConfigError, InvalidOrderError } from '../../core/errors.js';

/** The Stark field prime p = 2^251 + 17·2^192 + 1; every felt is in [0, p). */
export const FIELD_PRIME = 0x800000000000011000000000000000000000000000000000000000000000001n;
/** Order of the Stark curve group; a private key is in [1, n). */
export const STARK_CURVE_ORDER = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
/** Contract addresses are below 2^251 (they are reduced mod 2^251 - 256 when computed). */
export const ADDRESS_BOUND = 1n << 251n;
/** A short string holds at most 31 ASCII characters (31 bytes < 2^248 < p). */
export const SHORT_STRING_MAX_LENGTH = 31;

const HEX_PREFIXED = /^0x[0-9a-f]+$/i;
const DECIMAL_DIGITS = /^[0-9]+$/;
const HEX_BODY = /^[0-9a-fA-F]+$/;

function invalidInput(field: string, value: string | undefined, rule: string): InvalidOrderError {
  const shown = value === undefined ? '' : ` (got "${value.length > 64 ? `${value.slice(0, 64)}…` : value}")`;
  return new InvalidOrderError(`${field} ${rule}${shown}`, { field, value, rule }, { exchange: 'paradex' });
}

/** ASCII text of at most 31 characters -> the big-endian integer of its bytes ("" -> 0). */
export function shortStringToFelt(text: string, field = 'value'): bigint {
  if (text.length > SHORT_STRING_MAX_LENGTH) {
    throw invalidInput(field, text, `must be at most ${SHORT_STRING_MAX_LENGTH} characters to fit in a Starknet short string`);
  }
  let value = 0n;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw invalidInput(field, text, 'must be ASCII to be encoded as a Starknet short string');
    value = (value << 8n) | BigInt(code);
  }
  return value;
}

/** Inverse of shortStringToFelt (for diagnostics and tests). */
export function feltToShortString(felt: bigint): string {
  let text = '';
  for (let v = felt; v > 0n; v >>= 8n) text = String.fromCharCode(Number(v & 0xffn)) + text;
  return text;
}

function checkFeltRange(value: bigint, field: string, shown: string): bigint {
  if (value < 0n || value >= FIELD_PRIME) throw invalidInput(field, shown, 'must be a felt: 0 <= value < 2^251 + 17*2^192 + 1');
  return value;
}

/**
 * One typed-data value as the server encodes it (paradex.md §5). Note the trap this reproduces on
 * purpose: "0.01" is not a number to the server, it becomes the short string "0.01". Callers that
 * mean a decimal amount must scale it to an integer first.
 */
export function encodeFelt(value: string | number | bigint, field = 'value'): bigint {
  if (typeof value === 'bigint') return checkFeltRange(value, field, value.toString());
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw invalidInput(field, String(value), 'must be a non-negative safe integer');
    return BigInt(value);
  }
  if (value === '') return 0n;
  if (HEX_PREFIXED.test(value)) return checkFeltRange(BigInt(value), field, value);
  if (DECIMAL_DIGITS.test(value)) return checkFeltRange(BigInt(value), field, value);
  return shortStringToFelt(value, field);
}

/** 0x-prefixed lowercase hex without zero padding, as the SDKs print felts and addresses. */
export function feltToHex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/** 64 hex digits without 0x (the fixed-width form some libraries want). */
export function feltToPaddedHex(value: bigint): string {
  return value.toString(16).padStart(64, '0');
}

type HexParse = { ok: true; value: bigint } | { ok: false; rule: string };

/** Accepts "0x…"/"0X…"/bare hex in any case with leading zeros present or missing. */
function parseHexNumber(input: unknown): HexParse {
  if (typeof input !== 'string') return { ok: false, rule: 'must be a hex string' };
  const trimmed = input.trim();
  const body = trimmed.startsWith('0x') || trimmed.startsWith('0X') ? trimmed.slice(2) : trimmed;
  if (body.length === 0) return { ok: false, rule: 'must not be empty' };
  if (!HEX_BODY.test(body)) return { ok: false, rule: 'must be hexadecimal (0-9, a-f), with or without 0x' };
  const digits = body.replace(/^0+/, '');
  if (digits.length > 64) return { ok: false, rule: 'must have at most 64 significant hex digits' };
  return { ok: true, value: digits === '' ? 0n : BigInt(`0x${digits}`) };
}

/**
 * A Stark private key as a scalar in [1, n). Throws ConfigError naming `field` and the rule; the key
 * itself never appears in the message.
 */
export function parseStarkPrivateKey(input: unknown, field = 'starkPrivateKey'): bigint {
  const parsed = parseHexNumber(input);
  if (!parsed.ok) throw new ConfigError([`${field}: ${parsed.rule}`]);
  if (parsed.value === 0n) throw new ConfigError([`${field}: must not be zero`]);
  if (parsed.value >= STARK_CURVE_ORDER) throw new ConfigError([`${field}: must be below the Stark curve order`]);
  return parsed.value;
}

/** A Starknet account address in [1, 2^251). Throws ConfigError naming `field` and the rule. */
export function parseStarknetAddress(input: unknown, field = 'account'): bigint {
  const parsed = parseHexNumber(input);
  if (!parsed.ok) throw new ConfigError([`${field}: ${parsed.rule}`]);
  if (parsed.value === 0n) throw new ConfigError([`${field}: must not be zero`]);
  if (parsed.value >= ADDRESS_BOUND) throw new ConfigError([`${field}: must be below 2^251 (a Starknet address)`]);
  return parsed.value;
}

/** Canonical address text: 0x + lowercase hex, no zero padding (compare addresses as integers). */
export function normalizeStarknetAddress(input: unknown, field = 'account'): string {
  return feltToHex(parseStarknetAddress(input, field));
}

/** A felt given in hex by configuration (class hashes, public keys): [0, p). */
export function parseHexFelt(input: unknown, field: string): bigint {
  const parsed = parseHexNumber(input);
  if (!parsed.ok) throw new ConfigError([`${field}: ${parsed.rule}`]);
  if (parsed.value >= FIELD_PRIME) throw new ConfigError([`${field}: must be below the Stark field prime`]);
  return parsed.value;
}
