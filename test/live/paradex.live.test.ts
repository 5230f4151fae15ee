import { liveScenario } from './live-venue.js';

liveScenario('paradex', 'BTC-USD-PERP', (config) => config.paradex.credentials.kind !== 'none');
