/**
 * The ExchangeClient contract for ParadexClient on the Paradex simulator (REST + WebSocket on one
 * port), with the public development key (the simulator derives and onboards it like the venue).
 */
import { ParadexClient } from '../../src/exchanges/paradex/client.js';
import { startSimulator } from '../../src/simulator/server.js';
import { exchangeClientContract, simulatorVenue } from './exchange-client-suite.js';

exchangeClientContract('ParadexClient on the Paradex simulator', async () => {
  const sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 21 });
  return simulatorVenue({
    sim,
    market: 'BTC-USD-PERP',
    orderPath: /^\/v1\/orders$/,
    build: (settings) =>
      new ParadexClient({ apiBaseUrl: sim.httpUrl, wsUrl: sim.wsUrl, credentials: { kind: 'none' }, allowDevKey: true, rateLimitPerSec: 1_000, ...settings }),
    engineAccountOf: (client) => client.account!,
  });
});
