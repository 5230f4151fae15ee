/**
 * The ExchangeClient contract for AsterClient on the Aster simulator (REST + streams on one port),
 * with the documented demo wallet signing V3 requests for itself.
 */
import { AsterClient } from '../../src/exchanges/aster/client.js';
import { startSimulator } from '../../src/simulator/server.js';
import { exchangeClientContract, simulatorVenue } from './exchange-client-suite.js';

exchangeClientContract('AsterClient on the Aster simulator', async () => {
  const sim = await startSimulator({ exchange: 'aster', port: 0, seed: 21 });
  return simulatorVenue({
    sim,
    market: 'BTCUSDT',
    orderPath: /^\/fapi\/v[13]\/order$/,
    build: (settings) =>
      new AsterClient({ apiBaseUrl: sim.httpUrl, wsBaseUrl: sim.wsUrl, credentials: { kind: 'none' }, allowDevKey: true, rateLimitPerSec: 1_000, ...settings }),
    // The simulator keys Aster accounts by the lower-case user address.
    engineAccountOf: (client) => client.account!.toLowerCase(),
  });
});
