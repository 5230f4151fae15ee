/**
 * The parameter text Aster requests carry: `k1=v1&k2=v2`, in the order given, and — the point of
 * this module — with nothing percent-encoded.
 *
 * Both signature schemes sign the exact parameter text. Aster's own sources disagree on whether
 * the V3 server rebuilds that text from the raw wire or from the percent-decoded parameters
 * (aster.md §3.3, §10.1; vector `batchOrders_encoding_pitfall` shows three different signatures
 * for one batch). We avoid the question instead of guessing: every key and value must consist of
 * characters that no URL or form decoder changes (no `%`, `+`, `&`, `=`, `#`, spaces or non-ASCII),
 * so the raw text and its decoded form are the same string and any verifier sees what we signed.
 * JSON lists (`batchOrders`, `orderIdList`) pass: `[ ] { } " , :` are sent literally, as the third
 * -party SDK Aster.Net does. Anything else is refused before signing.
 */
import { RequestError } from '../../../core/errors.js';

/** Parameters in wire order. */
export type Params = ReadonlyArray<readonly [string, string]>;

/** Characters that are the same before and after URL / form decoding (and legal in a request line). */
const SAFE_VALUE = /^[A-Za-z0-9._~:/\-[\]{}",@!*()']*$/;
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Names already checked: they come from a handful of code paths, so each is tested once. */
const checkedKeys = new Set<string>();

export function checkParam(key: string, value: string): void {
  if (!checkedKeys.has(key)) {
    if (!SAFE_KEY.test(key)) throw new RequestError(`Aster parameter name "${key}" is not a plain identifier`, { exchange: 'aster' });
    if (checkedKeys.size < 1000) checkedKeys.add(key);
  }
  if (typeof value !== 'string') {
    throw new RequestError(`Aster parameter "${key}" must be a string (got ${typeof value})`, { exchange: 'aster' });
  }
  if (!SAFE_VALUE.test(value)) {
    throw new RequestError(
      `Aster parameter "${key}" holds a character that URL decoding would change (%, +, &, =, #, space or non-ASCII); it cannot be signed unambiguously`,
      { exchange: 'aster' },
    );
  }
}

/** `k=v&k=v` exactly as signed and sent. Throws RequestError naming the parameter it refuses. */
export function paramText(params: Params): string {
  let text = '';
  for (const [key, value] of params) {
    checkParam(key, value);
    text += text.length === 0 ? `${key}=${value}` : `&${key}=${value}`;
  }
  return text;
}
