/**
 * The ExchangeClient contract for AsterClient on the Aster simulator (REST + streams on one port),
 * with the documented demo wallet signing V3 requests for itself.
 */
import { AsterClient } from '../../src/exchanges/aster/client.js';
import { startSimulator } from '../../src/simulator/server.js';
import { exchangeClientContract } from './exchange-client-suite.js';

exchangeClientContract('AsterClient on the Aster simulator', async () => {
  const sim = await startSimulator({ exchange: 'aster', port: 0, seed: 21 });
  const clients: AsterClient[] = [];
  const connectClient = async (options: { precision?: 'round' | 'reject'; timeoutMs?: number } = {}) => {
    const client = new AsterClient({
      apiBaseUrl: sim.httpUrl,
      wsBaseUrl: sim.wsUrl,
      credentials: { kind: 'none' },
      allowDevKey: true,
      rateLimitPerSec: 1_000,
      ...options,
    });
    await client.connect();
    clients.push(client);
    return client;
  };
  const client = await connectClient();
  return {
    sim,
    client,
    market: 'BTCUSDT',
    orderPath: /^\/fapi\/v[13]\/order$/,
    engineAccount: client.account!.toLowerCase(),
    connectClient,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
});
