/**
 * Opt-in scenarios against the real testnets (LIVE=1 plus credentials in the environment or .env).
 * Without them every live test is skipped and the reason is printed, so a green run never hides
 * that nothing touched a real venue. They place only post-only orders far from the market and
 * cancel them: nothing should ever fill.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type AppConfig } from '../../src/config/index.js';
import { compare, mul, quantize } from '../../src/core/decimal.js';
import type { ExchangeClient } from '../../src/core/exchange-client.js';
import { createConnectedClient } from '../../src/cli/program.js';

export function liveScenario(venue: 'paradex' | 'aster', market: string, hasCredentials: (config: AppConfig) => boolean): void {
  const config = safeConfig(venue);
  const reason =
    process.env['LIVE'] !== '1'
      ? 'LIVE=1 is not set'
      : config === undefined
        ? 'the configuration is invalid'
        : !hasCredentials(config)
          ? `no ${venue} testnet credentials (see .env.example)`
          : undefined;
  if (reason !== undefined) console.info(`[live ${venue}] skipped: ${reason}`);

  describe.skipIf(reason !== undefined)(`live ${venue} testnet (skipped unless LIVE=1 with credentials: ${reason ?? 'enabled'})`, () => {
    it('connects, reads the market and account, and places then cancels a post-only order far from the market', async () => {
      const client: ExchangeClient = await createConnectedClient(venue, config!);
      try {
        const m = client.market(market);
        const bbo = await client.getBBO(market);
        expect(bbo.bid).toBeDefined();
        const account = await client.getAccount();
        expect(compare(account.equity, '0')).toBeGreaterThanOrEqual(0);
        const price = quantize(mul(bbo.bid!, '0.8'), m.tickSize, 'down');
        const size = quantize(mul(m.minNotional, '1.2'), m.stepSize, 'up');
        const placed = await client.placeOrder({ market, side: 'buy', type: 'limit', size: size === '0' ? m.stepSize : size, price, timeInForce: 'post_only' });
        await client.cancelOrder({ clientOrderId: placed.clientOrderId!, market });
      } finally {
        await client.close();
      }
    });
  });
}

function safeConfig(venue: 'paradex' | 'aster'): AppConfig | undefined {
  try {
    const prefix = venue === 'paradex' ? 'PARADEX' : 'ASTER';
    return parseConfig({ ...process.env, [`${prefix}_ENVIRONMENT`]: 'testnet' });
  } catch {
    return undefined;
  }
}
