/** OrderExecutor verbs and service wiring over a paper venue without faults. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { ExecutionJournal } from '../../../src/execution/journal.js';
import { OrderExecutor } from '../../../src/execution/order-executor.js';
import { PaperExchangeClient } from '../../../src/paper/paper-client.js';
import { SimulatorEngine } from '../../../src/simulator/engine/index.js';
import { createService, createVenue, MARKET, moveMark, settle, START_TIME } from '../../support/execution-harness.js';

function paperExecutor(amend: boolean) {
  const clock = new ManualClock(START_TIME);
  const engine = new SimulatorEngine({ clock, synchronous: true, priceProcess: { enabled: false } });
  const paper = new PaperExchangeClient({ engine, clock, tickIntervalMs: 0, capabilities: { amend } });
  const executor = new OrderExecutor({ client: paper, journal: ExecutionJournal.open({ path: ':memory:' }), clock, sleep: () => Promise.resolve(), lookupDelaysMs: [0] });
  return { engine, paper, executor };
}

describe('OrderExecutor', () => {
  it('amends in place where the venue can', async () => {
    const { engine, paper, executor } = paperExecutor(true);
    await paper.connect();
    const o = await executor.place({ market: MARKET, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    const amended = await executor.amend(o.clientOrderId, { price: '60100' });
    expect(amended.clientOrderId).toBe(o.clientOrderId);
    expect(amended.price).toBe('60100');
    expect(engine.openOrders(paper.account).map((x) => x.price)).toEqual(['60100']);
    expect(executor.journal.entries(o.clientOrderId).map((e) => e.kind)).toContain('intent_amend');
  });

  it('cancel + new where it cannot, for what is left unfilled', async () => {
    const { engine, paper, executor } = paperExecutor(false);
    await paper.connect();
    const o = await executor.place({ market: MARKET, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    const replaced = await executor.amend(o.clientOrderId, { price: '60100' });
    expect(replaced.clientOrderId).not.toBe(o.clientOrderId);
    expect(executor.tracker.get(o.clientOrderId)?.status).toBe('canceled');
    expect(engine.openOrders(paper.account).map((x) => [x.clientId, x.price])).toEqual([[replaced.clientOrderId, '60100']]);
  });

  it('cancel-all cancels every order and learns their final state', async () => {
    const { engine, paper, executor } = paperExecutor(true);
    await paper.connect();
    const a = await executor.place({ market: MARKET, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    const b = await executor.place({ market: 'ETH-USD-PERP', side: 'buy', type: 'limit', size: '0.1', price: '2000' });
    await executor.cancelAll();
    expect(engine.openOrders(paper.account)).toHaveLength(0);
    expect([a, b].map((o) => executor.tracker.get(o.clientOrderId)?.status)).toEqual(['canceled', 'canceled']);
  });

  it('a definitive refusal ends the order rejected and is thrown', async () => {
    const { paper, executor } = paperExecutor(true);
    await paper.connect();
    await expect(executor.place({ market: MARKET, side: 'buy', type: 'limit', size: '0.01' })).rejects.toMatchObject({ field: 'price' });
    expect(executor.tracker.all()[0]?.status).toBe('rejected');
    expect(executor.stats.rejections).toBe(1);
  });
});

describe('ExecutionService wiring', () => {
  it('re-arms the dead-man switch after a reconnect, and the paper venue fires it when not refreshed', async () => {
    const venue = createVenue();
    const service = createService(venue, { deadManSwitchMs: 10_000 });
    await service.start();
    expect(service.deadManSwitch.arms).toBe(1);
    venue.faulty.disconnect();
    venue.faulty.reconnect();
    await settle(service);
    expect(service.deadManSwitch.arms).toBe(2);
    await service.executor.place({ market: MARKET, side: 'buy', type: 'limit', size: '0.01', price: '60000' });
    venue.clock.advance(10_001); // the refresh timer is real time; the venue's countdown runs on its clock
    await venue.paper.getOpenOrders();
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    await service.stop();
  });

  it('moves protection when the entry price changes (scale-in) and removes it when flat', async () => {
    const venue = createVenue();
    const service = createService(venue);
    await service.start();
    moveMark(venue, '67000');
    await settle(service);
    await service.executor.place({ market: MARKET, side: 'buy', type: 'market', size: '0.1' });
    await settle(service);
    const first = venue.engine.openOrders(venue.paper.account).find((o) => o.type === 'STOP_LOSS_MARKET');
    moveMark(venue, '67500');
    await service.executor.place({ market: MARKET, side: 'buy', type: 'market', size: '0.1' });
    await settle(service);
    const stops = venue.engine.openOrders(venue.paper.account).filter((o) => o.type === 'STOP_LOSS_MARKET');
    expect(stops).toHaveLength(1);
    expect(Number(stops[0]?.triggerPrice)).toBeGreaterThan(Number(first?.triggerPrice));
    await service.closePosition(MARKET);
    await settle(service);
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    await service.stop();
  });

  it('exact sizing where whole-position orders are not used: the stop follows the size', async () => {
    const venue = createVenue();
    const service = createService(venue, { protectiveSizing: 'exact' });
    await service.start();
    moveMark(venue, '67000');
    await settle(service);
    await service.executor.place({ market: MARKET, side: 'sell', type: 'market', size: '0.1' });
    await settle(service);
    await service.executor.place({ market: MARKET, side: 'sell', type: 'market', size: '0.05' });
    await settle(service);
    const open = venue.engine.openOrders(venue.paper.account);
    expect(open.map((o) => [o.type, o.side, o.size]).sort()).toEqual([
      ['STOP_LOSS_MARKET', 'BUY', '0.15'],
      ['TAKE_PROFIT_MARKET', 'BUY', '0.15'],
    ]);
    await service.stop();
  });

  it('runs a trailing stop locally with a wider hard stop on the venue, and exits when it is crossed', async () => {
    const venue = createVenue();
    const service = createService(venue, { trailing: { activationRoe: '1', callbackRoe: '0.5', hardStopBufferRoe: '0.5' }, settings: { leverage: '10', positionSizePercent: '25', maxPositions: 3, takeProfitRoe: '50', stopLossRoe: '-5' } });
    await service.start();
    moveMark(venue, '67000');
    await settle(service);
    await service.executor.place({ market: MARKET, side: 'buy', type: 'market', size: '0.1' });
    await settle(service);
    const entry = Number(service.positions.position(MARKET)?.entryPrice);
    const initialStop = Number(venue.engine.openOrders(venue.paper.account).find((o) => o.type === 'STOP_LOSS_MARKET')?.triggerPrice);
    moveMark(venue, String(Math.round(entry * 1.002))); // +2% ROE: the trail is active
    await settle(service);
    const hardStop = Number(venue.engine.openOrders(venue.paper.account).find((o) => o.type === 'STOP_LOSS_MARKET')?.triggerPrice);
    expect(hardStop).toBeGreaterThan(initialStop);
    expect(hardStop).toBeLessThan(entry * 1.002 * (1 - 0.0005));
    moveMark(venue, String(Math.round(entry * 1.0014))); // back through the trail, above the hard stop
    await settle(service);
    expect(venue.engine.position(venue.paper.account, MARKET).side).toBe('FLAT');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    await service.stop();
  });
});
