/**
 * The ExchangeClient contract for ParadexClient on the Paradex simulator (REST + WebSocket on one
 * port), with the public development key (the simulator derives and onboards it like the venue).
 */
import { ParadexClient } from '../../src/exchanges/paradex/client.js';
import { startSimulator } from '../../src/simulator/server.js';
import { exchangeClientContract } from './exchange-client-suite.js';

exchangeClientContract('ParadexClient on the Paradex simulator', async () => {
  const sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 21 });
  const clients: ParadexClient[] = [];
  const connectClient = async (options: { precision?: 'round' | 'reject'; timeoutMs?: number } = {}) => {
    const client = new ParadexClient({
      apiBaseUrl: sim.httpUrl,
      wsUrl: sim.wsUrl,
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
    market: 'BTC-USD-PERP',
    orderPath: /^\/v1\/orders$/,
    engineAccount: client.account!,
    connectClient,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
});
