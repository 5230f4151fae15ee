import { liveScenario } from './live-venue.js';

liveScenario('aster', 'BTCUSDT', (config) => config.aster.credentials.kind !== 'none');
