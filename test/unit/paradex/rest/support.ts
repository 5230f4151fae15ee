/** Shared helpers of the Paradex REST wire-layer tests: fixture files, shared vectors, markets. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Market } from '../../../../src/core/types.js';
import { parseMarket } from '../../../../src/exchanges/paradex/parse.js';
import { decodeJson } from '../../../../src/exchanges/paradex/rest/decode.js';
import { marketsSchema } from '../../../../src/exchanges/paradex/rest/schemas.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/paradex/', import.meta.url));
/** The steering repo's shared/ folder sits beside the clone (locally /work/shared, in CI ../shared). */
export const SHARED_DIR = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

export const ctx = (endpoint: string) => ({ exchange: 'paradex' as const, endpoint });

export function fixtureText(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}`, 'utf8');
}

/** Copies of shared/ files kept in test/fixtures so a clone runs its tests on its own. */
const FIXTURE_COPIES: Record<string, string> = {
  'specs/paradex/openapi.json': '../../../fixtures/specs/paradex-openapi.json',
  'vectors/paradex-vectors.json': '../../../fixtures/vectors/paradex-vectors.json',
};

/** A shared file, read from its copy under test/fixtures. */
export function sharedJson(relative: string): unknown {
  const copy = FIXTURE_COPIES[relative];
  if (copy === undefined) throw new Error(`no test/fixtures copy of shared/${relative}`);
  return JSON.parse(readFileSync(new URL(copy, import.meta.url), 'utf8'));
}

/** BTC-USD-PERP from the recorded GET /markets: tick 0.1, step 0.001, min notional 500, max 100, limit 60. */
export function btcMarket(): Market {
  const wire = decodeJson(marketsSchema, fixtureText('http_get_markets.json'), ctx('GET /markets')).results[0];
  if (wire === undefined) throw new Error('recorded markets fixture is empty');
  return parseMarket(wire);
}

/** Hand-made (no recording exists): an ETH perp with tick 0.01, step 0.001, min notional 100. */
export function ethMarket(): Market {
  return {
    exchange: 'paradex',
    symbol: 'ETH-USD-PERP',
    kind: 'PERP',
    base: 'ETH',
    quote: 'USD',
    settlement: 'USDC',
    tickSize: '0.01',
    stepSize: '0.001',
    minNotional: '100',
    maxOrderSize: '1000',
    positionLimit: '2000',
  };
}
