/**
 * Little-endian 64-bit integer reads for the SBE decoder.
 *
 * Every int64 on the wire is read byte by byte from the frame (no DataView to allocate) as two
 * 32-bit halves. When the value fits in ±2^53 (all real prices, sizes, sequence numbers and
 * timestamps) it is rebuilt exactly as a JS number and formatted with int32 arithmetic (a double
 * `%` is a runtime call in V8, an int32 one is a machine instruction); BigInt is used only for the
 * rare values beyond that, so results are exact everywhere and the hot path allocates nothing but
 * the result string.
 */
import { SbeFieldError } from './field-error.js';

const TWO_POW_32 = 4294967296;
/** |hi| below 2^21 means |hi * 2^32 + lo| <= 2^53: every such integer is exact in a double. */
const SAFE_HI = 0x200000;
/** High half of INT64_MIN, the schema's null sentinel (low half 0). */
const NULL_HI = -0x80000000;

/** 10^scale as a double (exact up to 10^22) and as a bigint, for the scales the schema uses. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const POW10_BIG = POW10.map((p) => BigInt(p));
/** ZEROS[n] = n zeros, for left-padding fractional digits without padStart. */
const ZEROS = POW10.map((_, n) => '0'.repeat(n));
/** Up to 10^9 the fractional part fits an int32. */
const MAX_INT32_SCALE = 9;

/** Unsigned little-endian 32 bits. */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16)) + (bytes[offset + 3] as number) * 0x1000000;
}

/** Signed little-endian 32 bits. */
export function readInt32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16) | ((bytes[offset + 3] as number) << 24);
}

export function readUint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
}

export function readInt16(bytes: Uint8Array, offset: number): number {
  return (readUint16(bytes, offset) << 16) >> 16;
}

export function isNullInt64(bytes: Uint8Array, offset: number): boolean {
  return readInt32(bytes, offset + 4) === NULL_HI && readUint32(bytes, offset) === 0;
}

/** int64 mantissa x 10^-scale as a canonical decimal string ("42000.5", "-0.005", "0"). */
export function readDecimal(bytes: Uint8Array, offset: number, scale: number): string {
  return formatScaled(readUint32(bytes, offset), readInt32(bytes, offset + 4), scale);
}

/** As readDecimal, with the INT64_MIN null sentinel read as undefined. */
export function readNullableDecimal(bytes: Uint8Array, offset: number, scale: number): string | undefined {
  const hi = readInt32(bytes, offset + 4);
  const lo = readUint32(bytes, offset);
  if (hi === NULL_HI && lo === 0) return undefined;
  return formatScaled(lo, hi, scale);
}

/** int64 as an exact decimal integer string (ids and sequence numbers that may exceed 2^53). */
export function readInt64String(bytes: Uint8Array, offset: number): string {
  const lo = readUint32(bytes, offset);
  const hi = readInt32(bytes, offset + 4);
  if (hi >= -SAFE_HI && hi < SAFE_HI) return String(hi * TWO_POW_32 + lo);
  return (BigInt(hi) * 4294967296n + BigInt(lo)).toString();
}

/** As readInt64String, with the null sentinel read as undefined. */
export function readNullableInt64String(bytes: Uint8Array, offset: number): string | undefined {
  if (isNullInt64(bytes, offset)) return undefined;
  return readInt64String(bytes, offset);
}

/** int64 that must fit a safe JS integer (public sequence numbers). */
export function readSafeInt64(bytes: Uint8Array, offset: number, field: string): number {
  const hi = readInt32(bytes, offset + 4);
  if (hi < -SAFE_HI || hi >= SAFE_HI) throw new SbeFieldError(field, 'int64 outside the safe integer range ±2^53');
  return hi * TWO_POW_32 + readUint32(bytes, offset);
}

/** uint64 that must fit a safe JS integer. */
export function readSafeUint64(bytes: Uint8Array, offset: number, field: string): number {
  const hi = readUint32(bytes, offset + 4);
  if (hi >= SAFE_HI) throw new SbeFieldError(field, 'uint64 above the safe integer range 2^53');
  return hi * TWO_POW_32 + readUint32(bytes, offset);
}

/**
 * Timestamp (int64 microseconds since the epoch) as integer milliseconds, the unit of the JSON
 * channels. Sub-millisecond digits are dropped (truncated toward zero), as the JSON feed does.
 */
export function readTimestampMs(bytes: Uint8Array, offset: number, field: string): number {
  const micros = readSafeInt64(bytes, offset, field);
  // Exact: for |micros| <= 2^53 the quotient's rounding error (< 2^-10) is below the 0.001 gap
  // between any k + 0.999 and k + 1, so truncating the rounded quotient truncates the true one.
  // `+ 0` turns the -0 of small negative inputs into 0.
  return Math.trunc(micros / 1000) + 0;
}

function formatScaled(lo: number, hi: number, scale: number): string {
  if (hi >= -SAFE_HI && hi < SAFE_HI) {
    const value = hi * TWO_POW_32 + lo;
    return value < 0 ? `-${formatNonNegative(-value, scale)}` : formatNonNegative(value, scale);
  }
  return formatBig(BigInt(hi) * 4294967296n + BigInt(lo), scale);
}

/** value is a non-negative integer <= 2^53. */
function formatNonNegative(value: number, scale: number): string {
  if (scale > MAX_INT32_SCALE) return formatBig(BigInt(value), scale);
  const unit = POW10[scale] as number;
  // Division rounds to nearest, so the floor can be one too high; the remainder then shows it.
  let whole = Math.floor(value / unit);
  let remainder = value - whole * unit;
  if (remainder < 0) {
    whole -= 1;
    remainder += unit;
  }
  let fraction = remainder | 0;
  if (fraction === 0) return `${whole}`;
  let digits = scale;
  while (fraction % 10 === 0) {
    fraction = (fraction / 10) | 0;
    digits--;
  }
  const text = `${fraction}`;
  return `${whole}.${ZEROS[digits - text.length] as string}${text}`;
}

function formatBig(value: bigint, scale: number): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const unit = POW10_BIG[scale] as bigint;
  const whole = magnitude / unit;
  let fractionText = (magnitude % unit).toString().padStart(scale, '0');
  let end = fractionText.length;
  while (end > 0 && fractionText.charCodeAt(end - 1) === 48) end--;
  fractionText = fractionText.slice(0, end);
  const text = fractionText.length === 0 ? whole.toString() : `${whole}.${fractionText}`;
  return negative ? `-${text}` : text;
}
