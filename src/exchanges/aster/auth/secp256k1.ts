/**
 * secp256k1 signing for Aster V3 (Ethereum-style 65-byte `r ‖ s ‖ v`, v = 27/28, low-s, RFC 6979
 * deterministic, so signatures equal ethers' byte for byte: the vectors check it).
 *
 * Speed: almost all of a signature is the fixed-base multiplication k·G. noble-curves 2 does it
 * with a constant-time table walk (two point additions per window plus a scan of each table row);
 * ethers' bundled noble 1.x does one addition per window with a direct table index, which is why it
 * was faster. We do what ethers does, with 10-bit windows instead of 8: 27 additions per
 * signature, each window adding either the table point or (for a zero digit) a dummy, so the number
 * of additions does not depend on k. The table (27 x 512 points) is built once
 * (`warmUpSigningTables`, ~0.2 s) on a curve instance of our own: noble's shared `secp256k1` and its
 * tables are untouched. Everything else - RFC 6979, the blinded inversion, low-s, the recovery
 * bit - is noble's own ECDSA, which calls our multiplication through `Point.BASE.multiply`.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ecdsa, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

/** Window width of the fixed-base table (10 measured fastest: 8 needs more additions, 12 a 4x larger table). */
export const BASE_TABLE_BITS = 10;
const WINDOWS = Math.ceil(256 / BASE_TABLE_BITS) + 1;
const HALF = 1 << (BASE_TABLE_BITS - 1);
const MASK = BigInt((1 << BASE_TABLE_BITS) - 1);
const SHIFT = BigInt(BASE_TABLE_BITS);

const CurvePoint = weierstrass(secp256k1.Point.CURVE(), { Fp: secp256k1.Point.Fp });
type Point = WeierstrassPoint<bigint>;

/** rows[w][j] = (j + 1) * 2^(w * BITS) * G; dummies[w] is added for a zero digit. */
let rows: Point[][] | undefined;
let dummies: Point[] = [];
let dummySink: Point | undefined;

/** Builds the fixed-base table now (otherwise on the first signature); returns the ms it took (0 if built). */
export function warmUpSigningTables(): number {
  if (rows !== undefined) return 0;
  const start = performance.now();
  const built: Point[][] = [];
  const extra: Point[] = [];
  let base: Point = CurvePoint.BASE;
  for (let w = 0; w < WINDOWS; w++) {
    const row: Point[] = [base];
    for (let j = 1; j < HALF; j++) row.push((row[j - 1] as Point).add(base));
    built.push(row);
    extra.push(base.double());
    base = (row[HALF - 1] as Point).double(); // 2^BITS * base
  }
  rows = built;
  dummies = extra;
  return performance.now() - start;
}

/** k·G with signed 10-bit windows: one addition per window whatever the digits. */
function fixedBaseMultiply(k: bigint): Point {
  if (rows === undefined) warmUpSigningTables();
  const table = rows as Point[][];
  let acc: Point = CurvePoint.ZERO;
  let dummy: Point = CurvePoint.ZERO;
  let n = k;
  for (let w = 0; w < WINDOWS; w++) {
    let digit = Number(n & MASK);
    n >>= SHIFT;
    if (digit > HALF) {
      digit -= 1 << BASE_TABLE_BITS;
      n += 1n;
    }
    const row = table[w] as Point[];
    if (digit === 0) dummy = dummy.add(dummies[w] as Point);
    else acc = acc.add(digit > 0 ? (row[digit - 1] as Point) : (row[-digit - 1] as Point).negate());
  }
  if (n !== 0n) throw new RangeError('scalar out of range for the fixed-base table');
  dummySink = dummy; // kept reachable: the dummy additions are there to be done, not optimised away
  return acc;
}

/** The last dummy sum (never read for anything but keeping the work observable). */
export function _dummySink(): Point | undefined {
  return dummySink;
}

/** Our curve's point class: the same points, with BASE.multiply going through the table above. */
class SigningPoint extends CurvePoint {
  // An own static (defined, not assigned: the parent class is frozen).
  static override readonly BASE: Point = new SigningPoint(CurvePoint.BASE.X, CurvePoint.BASE.Y, CurvePoint.BASE.Z);

  override multiply(scalar: bigint): Point {
    return this === SigningPoint.BASE ? fixedBaseMultiply(scalar) : super.multiply(scalar);
  }
}

const signingCurve = ecdsa(SigningPoint as unknown as typeof CurvePoint, sha256);

/** 32 bytes from a 0x-hex private key; throws without echoing the key. */
export function privateKeyBytes(hex: string): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{64}$/.test(body)) throw new RangeError('private key must be 32 bytes of hex (64 hex digits, 0x optional)');
  const bytes = Uint8Array.from(Buffer.from(body, 'hex'));
  if (!signingCurve.utils.isValidSecretKey(bytes)) throw new RangeError('private key is not a valid secp256k1 secret key');
  return bytes;
}

/** `0x` + r (32) + s (32) + v (1, 27 or 28): the form ethers, eth_account and ccxt produce. */
export function signDigest(digest: Uint8Array, privateKey: Uint8Array): string {
  // 'recovered' = recovery byte first, then r ‖ s.
  const sig = signingCurve.sign(digest, privateKey, { prehash: false, lowS: true, format: 'recovered' });
  const out = Buffer.allocUnsafe(65);
  out.set(sig.subarray(1, 65), 0);
  out[64] = 27 + (sig[0] as number);
  return `0x${out.toString('hex')}`;
}

/** EIP-55 checksummed address of a private key. */
export function addressOf(privateKey: Uint8Array): string {
  const publicKey = signingCurve.getPublicKey(privateKey, false);
  const hash = keccak_256(publicKey.subarray(1));
  return checksumAddress(Buffer.from(hash.subarray(12)).toString('hex'));
}

/** EIP-55 mixed-case spelling of a 20-byte address given as hex (any case, 0x optional). */
export function checksumAddress(address: string): string {
  const body = (address.startsWith('0x') || address.startsWith('0X') ? address.slice(2) : address).toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(body)) throw new RangeError('address must be 20 bytes of hex');
  const hash = Buffer.from(keccak_256(Buffer.from(body, 'ascii'))).toString('hex');
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = body[i] as string;
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}
