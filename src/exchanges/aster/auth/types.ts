/** What the REST layer needs from a signer, whichever API generation it speaks. */
import type { Params } from './wire-text.js';

export type AsterApiVersion = 'v1' | 'v3';

export interface SignedParams {
  /** Parameter text including the signature, sent verbatim as the query string or the form body. */
  readonly text: string;
  /** Headers the request needs (V1: X-MBX-APIKEY; V3: none). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface AsterSigner {
  readonly version: AsterApiVersion;
  /** Whose account this is: the V3 main wallet address, or "api-key" for V1. */
  readonly account: string;
  /** TRADE and USER_DATA requests (aster.md §2.1, §3.1). */
  sign(params: Params): SignedParams;
  /** USER_STREAM requests (listenKey): signed in V3, API-key header only in V1. */
  signUserStream(params: Params): SignedParams;
  /** MARKET_DATA requests: the API key header in V1, nothing in V3. */
  marketDataHeaders(): Readonly<Record<string, string>>;
}
