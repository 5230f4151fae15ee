/**
 * The execution layer over the real AsterClient against the simulator's Aster dialect (REST and
 * user-data stream on one 127.0.0.1 port): an entry whose POST /fapi/v{1,3}/order answer is lost
 * after the venue took it is tracked exactly once, the position is reconciled from the venue,
 * protective orders go onto the venue, and a mark move through the stop leaves the account flat
 * with nothing left open. The Aster counterpart of paradex-executor.test.ts.
 *
 * Both protective sizings run: 'close_position' (the default: size 0 + closePosition, the venue
 * closes whatever is open) and 'exact' (reduce-only orders of the position's size).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProtectiveSizing } from '../../../src/execution/protective-orders.js';
import { ManualClock } from '../../../src/core/clock.js';
import { compare, mul, quantize } from '../../../src/core/decimal.js';
import type { ExecutionService } from '../../../src/execution/execution-service.js';
import { AsterClient } from '../../../src/exchanges/aster/client.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';
import { createSimExecutionService, venueSettles } from '../../support/execution-sim.js';

const BTC = 'BTCUSDT';

let clock: ManualClock;
let sim: SimulatorHandle;
let client: AsterClient;
let service: ExecutionService | undefined;

async function startService(protectiveSizing: ProtectiveSizing): Promise<ExecutionService> {
  service = createSimExecutionService(client, clock, { protectiveSizing });
  await service.start();
  return service;
}

beforeEach(async () => {
  clock = new ManualClock(1_750_000_000_000);
  sim = await startSimulator({ exchange: 'aster', port: 0, seed: 17, clock, initialBalance: '100000', engine: { priceProcess: { enabled: false } } });
  client = new AsterClient({
    apiBaseUrl: sim.httpUrl,
    wsBaseUrl: sim.wsUrl,
    credentials: { kind: 'none' },
    allowDevKey: true,
    clock,
    rateLimitPerSec: 1_000,
    // Short, so the lost answer turns into a timeout quickly and the executor goes looking.
    timeoutMs: 400,
  });
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await client.close();
  await sim.close();
});

// The simulator keys Aster accounts by the lower-case user address.
const account = () => client.account!.toLowerCase();

describe('ExecutionService over AsterClient on the simulator', () => {
  it('the same with close_position protective orders (the default sizing)', async () => {
    await scenario(await startService('close_position'));
  });

  it('lost answer after acceptance: one order, tracked; position reconciled; protection on the venue; stop -> flat', async () => {
    await scenario(await startService('exact'));
  });
});

/** The Paradex test's scenario; protective orders are checked as the 'exact' sizing places them. */
async function scenario(service: ExecutionService): Promise<void> {
  expect(service.ready).toBe(true);
  const mark = sim.engine.marketSummary(BTC).markPrice;
  sim.control.failNext({ method: 'POST', path: /^\/fapi\/v[13]\/order$/ }, { kind: 'timeout' }, 'after');
  const entry = await service.openPosition({ market: BTC, side: 'buy', referencePrice: mark, marketDataTime: clock.now() });
  await venueSettles(service);
  expect(sim.control.faultCount('http_timeout')).toBe(1);

  // Exactly one order carries our client id on the venue (no blind resubmission), and the
  // tracker holds the venue's id for it.
  const ours = sim.engine.orderHistory(account()).filter((o) => o.clientId === entry.clientOrderId);
  expect(ours).toHaveLength(1);
  const onVenue = await client.getOrder({ clientOrderId: entry.clientOrderId, market: BTC });
  expect(onVenue).toBeDefined();
  expect(service.tracker.get(entry.clientOrderId)?.venueOrderId).toBe(onVenue?.id);
  expect(service.tracker.get(entry.clientOrderId)?.status).toBe('filled');

  const venuePosition = sim.engine.position(account(), BTC);
  expect(venuePosition.side).toBe('LONG');
  expect(service.positions.position(BTC)?.signedSize).toBe(venuePosition.size);
  expect(service.positions.position(BTC)?.entryPrice).toBe(venuePosition.averageEntryPrice);

  // One stop below and one take-profit above, both sells that only reduce the whole long: either
  // exactly its size, or size 0 with closePosition (whatever is open when they fire).
  const protective = sim.engine.openOrders(account());
  expect(protective).toHaveLength(2);
  expect(protective.every((o) => o.side === 'SELL' && o.reduceOnly)).toBe(true);
  expect(protective.every((o) => o.size === venuePosition.size || (o.closePosition && o.size === '0'))).toBe(true);
  const triggers = protective.map((o) => o.triggerPrice);
  expect(triggers.some((p) => compare(p, mark) < 0)).toBe(true);
  expect(triggers.some((p) => compare(p, mark) > 0)).toBe(true);

  // 1 % down is well through a -0.5 % ROE stop at 10x (a 0.05 % price move).
  const tick = client.market(BTC).tickSize;
  sim.control.setMarkPrice(BTC, quantize(mul(mark, '0.99'), tick, 'down'));
  await venueSettles(service);
  expect(sim.engine.position(account(), BTC).side).toBe('FLAT');
  expect(service.positions.position(BTC)?.side).toBe('flat');
  expect(sim.engine.openOrders(account())).toHaveLength(0);
  expect(await client.getOpenOrders(BTC)).toHaveLength(0);
}
