/**
 * V3 authentication: EIP-712 typed data "AsterSignTransaction" (aster.md §3.2) over the request's
 * parameter text, recovered with ethers and compared with `signer`.
 *
 *   digest = keccak256(0x1901 || domainSeparator(chainId) || keccak256(typeHash || keccak256(utf8(msg))))
 *
 * `msg` is the raw wire text of every parameter except `signature`, in the order received
 * (query then body, joined with "&"). When that does not verify, the same text with each key and
 * value percent-decoded is tried (switchable: settings.v3DecodedFallback), since official sources
 * disagree on whether the signed text is encoded (§3.3). Signatures are accepted with or without
 * 0x, in any hex case, with v in {0, 1, 27, 28}.
 */
import { concat, keccak256, recoverAddress, toUtf8Bytes, zeroPadValue, toBeHex, ZeroAddress } from 'ethers';
import type { RawSegment } from '../params.js';

const DOMAIN_TYPE_HASH = keccak256(toUtf8Bytes('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'));
const MESSAGE_TYPE_HASH = keccak256(toUtf8Bytes('Message(string msg)'));
const NAME_HASH = keccak256(toUtf8Bytes('AsterSignTransaction'));
const VERSION_HASH = keccak256(toUtf8Bytes('1'));

const separators = new Map<number, string>();

export function domainSeparator(chainId: number): string {
  let separator = separators.get(chainId);
  if (separator === undefined) {
    separator = keccak256(concat([DOMAIN_TYPE_HASH, NAME_HASH, VERSION_HASH, zeroPadValue(toBeHex(chainId), 32), zeroPadValue(ZeroAddress, 32)]));
    separators.set(chainId, separator);
  }
  return separator;
}

/** The EIP-712 digest of `msg` under the AsterSignTransaction domain of `chainId`. */
export function asterDigest(msg: string, chainId: number): string {
  const structHash = keccak256(concat([MESSAGE_TYPE_HASH, keccak256(toUtf8Bytes(msg))]));
  return keccak256(concat(['0x1901', domainSeparator(chainId), structHash]));
}

/** Normalises a 65-byte signature to 0x-prefixed lower-case hex with v 27/28; undefined if malformed. */
export function normalizeSignature(signature: string): string | undefined {
  const hex = (signature.startsWith('0x') || signature.startsWith('0X') ? signature.slice(2) : signature).toLowerCase();
  if (!/^[0-9a-f]{130}$/.test(hex)) return undefined;
  const v = parseInt(hex.slice(128), 16);
  const normalizedV = v === 0 || v === 1 ? v + 27 : v;
  if (normalizedV !== 27 && normalizedV !== 28) return undefined;
  return `0x${hex.slice(0, 128)}${normalizedV.toString(16)}`;
}

/** The address that signed `msg`, lower case; undefined when the signature cannot be recovered. */
export function recoverSigner(msg: string, signature: string, chainId: number): string | undefined {
  const normalized = normalizeSignature(signature);
  if (normalized === undefined) return undefined;
  try {
    return recoverAddress(asterDigest(msg, chainId), normalized).toLowerCase();
  } catch {
    return undefined;
  }
}

/** The signed text candidates of a request: raw wire text first, then the percent-decoded form. */
export function signedTexts(segments: readonly RawSegment[], decodedFallback: boolean): string[] {
  const kept = segments.filter((s) => s.key !== 'signature');
  const raw = kept.map((s) => s.raw).join('&');
  if (!decodedFallback) return [raw];
  const decoded = kept.map((s) => `${s.key}=${s.value}`).join('&');
  return decoded === raw ? [raw] : [raw, decoded];
}

/**
 * Per-signer replay guard (aster.md §3.4): a nonce (µs) must lie within the window around server
 * time, must not repeat, and once `history` nonces are remembered a nonce below the smallest of
 * them is refused; accepting one evicts the smallest.
 */
export class NonceBook {
  readonly #bySigner = new Map<string, number[]>();

  /** 'ok' after recording the nonce, or why it is refused. */
  check(signer: string, nonce: number, nowMs: number, windowMs: number, history: number): 'ok' | 'ahead' | 'stale' | 'duplicate' {
    const nonceMs = nonce / 1000;
    if (nonceMs > nowMs + windowMs) return 'ahead';
    if (nonceMs < nowMs - windowMs) return 'stale';
    const key = signer.toLowerCase();
    const kept = this.#bySigner.get(key) ?? [];
    const at = lowerBound(kept, nonce);
    if (kept[at] === nonce) return 'duplicate';
    if (kept.length >= history && nonce < (kept[0] as number)) return 'stale';
    kept.splice(at, 0, nonce);
    while (kept.length > history) kept.shift();
    this.#bySigner.set(key, kept);
    return 'ok';
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
