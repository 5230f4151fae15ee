/** Shared setup of the AsterClient integration tests: vector credentials and client factories. */
import { Secret } from '../../../src/core/secret.js';
import { AsterClient } from '../../../src/exchanges/aster/client.js';
import type { AsterClientOptions } from '../../../src/exchanges/aster/client.js';
import type { AsterTestServer } from '../../support/aster-test-server.js';

/** The docs' demo API wallet (aster-vectors.json v3_eip712.credentials): public test data. */
export const V3 = {
  user: '0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e',
  signer: '0x21cF8Ae13Bb72632562c6Fff438652Ba1a151bb0',
  key: '0x4fd0a42218f3eae43a6ce26d22544e986139a01e5b34a62db53757ffca81bae1',
};
/** The docs' V1 example key pair (aster-vectors.json v1_hmac.docs_example_1). */
export const V1 = {
  apiKey: 'dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83',
  secret: '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9',
};

export const serverAuth = { agents: { [V3.signer]: V3.user }, keys: { [V1.apiKey]: V1.secret } };

export function v3Client(server: AsterTestServer, overrides: Partial<AsterClientOptions> = {}): AsterClient {
  return new AsterClient({
    apiBaseUrl: server.url,
    wsBaseUrl: server.wsUrl,
    credentials: { kind: 'v3', user: V3.user.toLowerCase(), signer: V3.signer.toLowerCase(), signerPrivateKey: new Secret(V3.key) },
    rateLimitPerSec: 1000,
    timeoutMs: 2_000,
    ...overrides,
  });
}

export function v1Client(server: AsterTestServer, overrides: Partial<AsterClientOptions> = {}): AsterClient {
  return new AsterClient({
    apiBaseUrl: server.url,
    wsBaseUrl: server.wsUrl,
    credentials: { kind: 'v1', apiKey: new Secret(V1.apiKey), apiSecret: new Secret(V1.secret) },
    rateLimitPerSec: 1000,
    timeoutMs: 2_000,
    ...overrides,
  });
}

/** Fast reconnects and no pacing, so socket tests run in milliseconds. */
export const FAST_STREAMS = { backoff: { initialMs: 20, maxMs: 100, jitter: 0 }, controlFrameIntervalMs: 0, connectTimeoutMs: 3_000 } as const;

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
