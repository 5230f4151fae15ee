/**
 * The execution layer over the real ParadexClient against the simulator's Paradex dialect (real
 * sockets on 127.0.0.1, port 0): an entry whose POST /orders answer is lost after the venue took
 * it is tracked exactly once, the position is reconciled from REST, protective orders go onto the
 * venue, and a stop fired by a price move leaves the account flat with nothing left open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { Secret } from '../../../src/core/secret.js';
import { ExecutionJournal } from '../../../src/execution/journal.js';
import { ExecutionService } from '../../../src/execution/execution-service.js';
import { ParadexClient } from '../../../src/exchanges/paradex/client.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const BTC = 'BTC-USD-PERP';

let clock: ManualClock;
let sim: SimulatorHandle;
let client: ParadexClient;
let service: ExecutionService;

beforeEach(async () => {
  clock = new ManualClock(1_750_000_000_000);
  sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 17, clock, initialBalance: '100000', engine: { priceProcess: { enabled: false } } });
  client = new ParadexClient({
    apiBaseUrl: sim.httpUrl,
    credentials: { kind: 'ethereum', ethPrivateKey: new Secret(ETH_KEY) },
    clock,
    rateLimitPerSec: 1000,
    timeoutMs: 400,
  });
  service = new ExecutionService({
    client,
    settings: { leverage: '10', positionSizePercent: '1', maxPositions: 3, takeProfitRoe: '1.5', stopLossRoe: '-0.5' },
    journal: ExecutionJournal.open({ path: ':memory:' }),
    clock,
    lookupDelaysMs: [50, 100, 200],
    deadManSwitchMs: 0,
    maintenanceIntervalMs: 0,
  });
  await service.start();
});

afterEach(async () => {
  await service.stop();
  await client.close();
  await sim.close();
});

const account = () => client.account ?? '';

async function venueSettles(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 60)); // the simulator's engine timer runs the risk check
  await service.reconcile('test');
  await service.idle();
  await new Promise((resolve) => setTimeout(resolve, 60));
  await service.reconcile('test');
  await service.idle();
}

describe('ExecutionService over ParadexClient on the simulator', () => {
  it('lost answer after acceptance: one order, tracked; position reconciled; protection on the venue; stop -> flat', async () => {
    expect(service.ready).toBe(true);
    const mark = sim.engine.marketSummary(BTC).markPrice;
    sim.control.failNext({ method: 'POST', path: '/v1/orders' }, { kind: 'timeout' }, 'after');
    const entry = await service.openPosition({ market: BTC, side: 'buy', referencePrice: mark, marketDataTime: clock.now() });
    await venueSettles();
    expect(sim.control.faultCount('http_timeout')).toBe(1);

    const ours = sim.engine.orderHistory(account()).filter((o) => o.clientId === entry.clientOrderId);
    expect(ours).toHaveLength(1);
    const onVenue = await client.getOrder({ clientOrderId: entry.clientOrderId, market: BTC });
    expect(service.tracker.get(entry.clientOrderId)?.venueOrderId).toBe(onVenue?.id);
    expect(service.tracker.get(entry.clientOrderId)?.status).toBe('filled');

    const venuePosition = sim.engine.position(account(), BTC);
    expect(venuePosition.side).toBe('LONG');
    expect(service.positions.position(BTC)?.signedSize).toBe(venuePosition.size);
    expect(service.positions.position(BTC)?.entryPrice).toBe(venuePosition.averageEntryPrice);
    const protective = sim.engine.openOrders(account());
    expect(protective.map((o) => o.type).sort()).toEqual(['STOP_LOSS_MARKET', 'TAKE_PROFIT_MARKET']);
    expect(protective.every((o) => o.reduceOnly || o.closePosition)).toBe(true);

    sim.control.movePrice(BTC, '-1');
    sim.engine.requote(BTC);
    await venueSettles();
    expect(sim.engine.position(account(), BTC).side).toBe('FLAT');
    expect(service.positions.position(BTC)?.side).toBe('flat');
    expect(sim.engine.openOrders(account())).toHaveLength(0);
  });
});
