/**
 * Behaviour of the execution layer over a paper venue with injected faults (no sockets: the
 * PaperExchangeClient runs the simulator engine in-process; FaultyExchangeClient breaks calls and
 * events). Each test states the fault and the promise the executor keeps.
 */
import { describe, expect, it } from 'vitest';
import { RateLimitError, RiskRejectedError } from '../../../src/core/errors.js';
import { isWorkingStatus } from '../../../src/execution/order-state.js';
import { createService, createVenue, MARKET, moveMark, SETTINGS, settle, venueOrdersByClientId } from '../../support/execution-harness.js';

const ETH = 'ETH-USD-PERP';

async function started(options: Parameters<typeof createService>[1] = {}) {
  const venue = createVenue();
  const service = createService(venue, options);
  await service.start();
  moveMark(venue, '67000');
  venue.engine.setMarkPrice(ETH, '2660');
  venue.engine.requote(ETH);
  await settle(service);
  return { venue, service };
}

function entriesOnVenue(venue: ReturnType<typeof createVenue>) {
  return venue.engine.orderHistory(venue.paper.account).filter((o) => !o.reduceOnly && !o.closePosition);
}

describe('unknown submit outcomes never duplicate an order', () => {
  it('submit times out after the venue accepted: exactly one order exists and it is tracked', async () => {
    const { venue, service } = await started();
    venue.faulty.failNext('placeOrder', 'timeout_after');
    const order = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    expect(venueOrdersByClientId(venue).get(order.clientOrderId)).toBe(1);
    expect(entriesOnVenue(venue)).toHaveLength(1);
    const tracked = service.tracker.get(order.clientOrderId);
    expect(tracked?.status).toBe('filled');
    expect(tracked?.venueOrderId).toBe(entriesOnVenue(venue)[0]?.id);
    expect(service.executor.stats.resubmits).toBe(0);
    expect(service.journal.entries(order.clientOrderId).filter((e) => e.kind === 'intent_place')).toHaveLength(1);
    await service.stop();
  });

  it('submit times out before the venue saw it: resent once under the same client id, one order', async () => {
    const { venue, service } = await started();
    venue.faulty.failNext('placeOrder', 'timeout_before');
    const order = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    expect(venueOrdersByClientId(venue).get(order.clientOrderId)).toBe(1);
    expect(entriesOnVenue(venue)).toHaveLength(1);
    expect(service.tracker.get(order.clientOrderId)?.status).toBe('filled');
    expect(service.tracker.get(order.clientOrderId)?.submitAttempts).toBe(2);
    expect(service.executor.stats.resubmits).toBe(1);
    expect(service.journal.entries(order.clientOrderId).filter((e) => e.kind === 'intent_place')).toHaveLength(2);
    await service.stop();
  });

  it.each(['http_503_after', 'drop_after'] as const)('%s on a resting limit order: tracked as open, not resent', async (fault) => {
    const { venue, service } = await started();
    venue.faulty.failNext('placeOrder', fault);
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '66000', marketDataTime: venue.clock.now() });
    await settle(service);
    expect(order.status).toBe('open');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(1);
    expect(service.executor.stats.resubmits).toBe(0);
    await service.stop();
  });

  it('lookups that keep failing leave the order unknown (never resent) until reconciliation finds it', async () => {
    const { venue, service } = await started();
    venue.faulty.failNext('placeOrder', 'timeout_after');
    venue.faulty.failNext('getOrder', 'drop_before', 3);
    venue.faulty.setEventFaults({ drop: 1 }); // the stream does not tell us either
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '66000', marketDataTime: venue.clock.now() });
    venue.faulty.setEventFaults({});
    expect(order.status).toBe('unknown');
    expect(service.executor.stats.resubmits).toBe(0);
    await service.reconcile('test');
    await settle(service);
    expect(service.tracker.get(order.clientOrderId)?.status).toBe('open');
    expect(venueOrdersByClientId(venue).get(order.clientOrderId)).toBe(1);
    await service.stop();
  });

  it('a cancel whose answer is lost is settled by the venue lookup', async () => {
    const { venue, service } = await started();
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '66000', marketDataTime: venue.clock.now() });
    venue.faulty.failNext('cancelOrder', 'timeout_after');
    const canceled = await service.executor.cancel(order.clientOrderId);
    expect(canceled.status).toBe('canceled');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    await service.stop();
  });

  it('a cancel that never reached the venue is retried by reconciliation', async () => {
    const { venue, service } = await started();
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '66000', marketDataTime: venue.clock.now() });
    venue.faulty.failNext('cancelOrder', 'drop_before');
    const pending = await service.executor.cancel(order.clientOrderId);
    expect(pending.status).toBe('pending_cancel');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(1);
    await service.reconcile('test');
    expect(service.tracker.get(order.clientOrderId)?.status).toBe('canceled');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    await service.stop();
  });
});

describe('circuit breaker', () => {
  it('a rate-limit ban stops risk-increasing orders, lets reduce-only through, and probes back', async () => {
    const { venue, service } = await started({ breaker: { openMs: 1_000 } });
    await service.openPosition({ market: ETH, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    venue.faulty.failNext('placeOrder', 'rate_limit_ban');
    await expect(service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() })).rejects.toBeInstanceOf(RateLimitError);
    expect(service.breaker.state).toBe('open');
    const refused = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RiskRejectedError);
    expect((refused as RiskRejectedError).rule).toBe('circuit_breaker');
    const exit = await service.closePosition(ETH);
    expect(exit?.status).toBe('filled');
    await settle(service);
    expect(venue.engine.position(venue.paper.account, ETH).side).toBe('FLAT');
    venue.clock.advance(2_500);
    moveMark(venue, '67000');
    await settle(service);
    const entry = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    expect(entry.status).toBe('filled');
    expect(service.breaker.state).toBe('closed');
    await service.stop();
  });

  it('repeated transport failures open it; a failed probe keeps it open', async () => {
    const { venue, service } = await started({ breaker: { failureThreshold: 2, openMs: 1_000 }, maxSubmitAttempts: 1 });
    venue.faulty.failNext('placeOrder', 'timeout_before', 2);
    venue.faulty.failNext('getOrder', 'drop_before', 6);
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    expect(service.breaker.state).toBe('open');
    venue.clock.advance(1_500);
    venue.faulty.failNext('getServerTime', 'drop_before');
    await expect(service.openPosition({ market: ETH, side: 'buy', marketDataTime: venue.clock.now() })).rejects.toMatchObject({ rule: 'circuit_breaker' });
    expect(service.breaker.state).toBe('open');
    await service.stop();
  });
});

describe('reconciliation', () => {
  it('disconnect during a fill: position and PnL equal the venue after reconciliation', async () => {
    const { venue, service } = await started();
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '66900', marketDataTime: venue.clock.now() });
    await settle(service);
    venue.faulty.disconnect();
    moveMark(venue, '66895');
    await settle(service);
    expect(venue.engine.position(venue.paper.account, MARKET).side).toBe('LONG');
    expect(service.positions.position(MARKET)?.side ?? 'flat').toBe('flat');
    expect(service.ready).toBe(false);
    venue.faulty.reconnect();
    await settle(service);
    expect(service.ready).toBe(true);
    const venuePosition = venue.engine.position(venue.paper.account, MARKET);
    const local = service.positions.position(MARKET);
    expect(local?.signedSize).toBe(venuePosition.size);
    expect(local?.entryPrice).toBe(venuePosition.averageEntryPrice);
    expect(local?.realizedPnl).toBe(venuePosition.realizedPnl);
    expect(local?.unrealizedPnl).toBe(venuePosition.unrealizedPnl);
    expect(service.tracker.get(order.clientOrderId)?.status).toBe('filled');
    const protective = venue.engine.openOrders(venue.paper.account);
    expect(protective.map((o) => o.type).sort()).toEqual(['STOP_LOSS_MARKET', 'TAKE_PROFIT_MARKET']);
    await service.stop();
  });

  it('dropped, duplicated and reordered events: state still equals the venue after reconciliation', async () => {
    const { venue, service } = await started();
    venue.faulty.setEventFaults({ drop: 0.2, duplicate: 0.2, reorder: 0.3 });
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await service.openPosition({ market: ETH, side: 'sell', marketDataTime: venue.clock.now() });
    await settle(service);
    venue.faulty.flushHeld();
    venue.faulty.setEventFaults({});
    await service.reconcile('test');
    await settle(service);
    for (const market of [MARKET, ETH]) {
      const p = venue.engine.position(venue.paper.account, market);
      expect(service.positions.position(market)?.signedSize).toBe(p.size);
    }
    const open = venue.engine.openOrders(venue.paper.account);
    expect(open).toHaveLength(4);
    for (const o of open) expect(isWorkingStatus(service.tracker.get(o.clientId ?? '')?.status ?? 'filled')).toBe(true);
    expect(service.tracker.stats.duplicateFills).toBeGreaterThanOrEqual(0);
    await service.stop();
  });

  it('orders of ours unknown locally are adopted, or cancelled by setting', async () => {
    for (const policy of ['adopt', 'cancel'] as const) {
      const venue = createVenue();
      await venue.paper.connect();
      venue.engine.submit({ account: venue.paper.account, market: MARKET, side: 'BUY', type: 'LIMIT', size: '0.01', price: '60000', clientId: 'fs-old-1' });
      venue.engine.submit({ account: venue.paper.account, market: MARKET, side: 'BUY', type: 'LIMIT', size: '0.01', price: '60000', clientId: 'manual-1' });
      const service = createService(venue, { strayOrders: policy });
      await service.start();
      const open = venue.engine.openOrders(venue.paper.account).map((o) => o.clientId);
      if (policy === 'adopt') {
        expect(open).toEqual(['fs-old-1', 'manual-1']);
        expect(service.tracker.get('fs-old-1')?.role).toBe('adopted');
      } else {
        expect(open).toEqual(['manual-1']);
      }
      expect(service.tracker.get('manual-1')).toBeUndefined();
      await service.stop();
    }
  });
});

describe('protective orders', () => {
  it('stop-loss triggers: flat, protective orders gone', async () => {
    const { venue, service } = await started();
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    const stop = venue.engine.openOrders(venue.paper.account).find((o) => o.type === 'STOP_LOSS_MARKET');
    expect(stop).toBeDefined();
    moveMark(venue, '66900');
    await settle(service);
    expect(venue.engine.position(venue.paper.account, MARKET).side).toBe('FLAT');
    expect(service.positions.position(MARKET)?.side).toBe('flat');
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    expect(service.tracker.get(stop?.clientId ?? '')?.status).toBe('filled');
    expect(service.positions.position(MARKET)?.realizedPnl.startsWith('-')).toBe(true);
    await service.stop();
  });

  it('a protective order the venue drops is put back', async () => {
    const { venue, service } = await started();
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    const stop = venue.engine.openOrders(venue.paper.account).find((o) => o.type === 'STOP_LOSS_MARKET');
    venue.engine.cancel(venue.paper.account, { id: stop?.id ?? '' });
    await settle(service);
    const stops = venue.engine.openOrders(venue.paper.account).filter((o) => o.type === 'STOP_LOSS_MARKET');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.id).not.toBe(stop?.id);
    await service.stop();
  });

  it('emergency exit cancels everything and flattens', async () => {
    const { venue, service } = await started();
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await service.openPosition({ market: ETH, side: 'sell', marketDataTime: venue.clock.now() });
    await settle(service);
    await service.emergencyExit();
    await settle(service);
    expect(venue.engine.positions(venue.paper.account)).toHaveLength(0);
    expect(venue.engine.openOrders(venue.paper.account)).toHaveLength(0);
    expect(service.positions.positions()).toHaveLength(0);
    await service.stop();
  });
});

describe('risk', () => {
  it('daily loss limit: only reduce-only orders pass until the next UTC day', async () => {
    const { venue, service } = await started({ risk: { dailyLossLimitPercent: '0.1' } });
    await service.openPosition({ market: ETH, side: 'buy', marketDataTime: venue.clock.now() });
    await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    await settle(service);
    moveMark(venue, '66900'); // the BTC stop fires: a loss above 0.1% of equity
    await settle(service);
    expect(service.risk.reduceOnly).toBe(true);
    const refused = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ rule: 'daily_loss_limit' });
    const entry = await service.executor
      .place({ market: MARKET, side: 'buy', type: 'market', size: '0.01' })
      .catch((e: unknown) => e);
    expect(entry).toMatchObject({ rule: 'daily_loss_limit' });
    const exit = await service.closePosition(ETH);
    expect(exit?.status).toBe('filled');
    venue.clock.set(Date.UTC(2024, 5, 2, 0, 0, 1));
    moveMark(venue, '66900');
    await settle(service);
    expect(service.risk.reduceOnly).toBe(false);
    const next = await service.openPosition({ market: MARKET, side: 'buy', marketDataTime: venue.clock.now() });
    expect(next.status).toBe('filled');
    await service.stop();
  });

  it('refuses with the rule: stale data, position already open, max positions', async () => {
    const { venue, service } = await started({ settings: { ...SETTINGS, maxPositions: 2 } });
    venue.clock.advance(60_000); // no market data for a minute
    await expect(service.openPosition({ market: MARKET, side: 'buy' })).rejects.toMatchObject({ rule: 'stale_market_data' });
    moveMark(venue, '67010'); // fresh quotes: BBO events for all three markets
    venue.engine.setMarkPrice(ETH, '2661');
    venue.engine.requote(ETH);
    venue.engine.setMarkPrice('SOL-USD-PERP', '183.5');
    venue.engine.requote('SOL-USD-PERP');
    await settle(service);
    await service.openPosition({ market: MARKET, side: 'buy' });
    await expect(service.openPosition({ market: MARKET, side: 'sell' })).rejects.toMatchObject({ rule: 'position_already_open' });
    await service.openPosition({ market: ETH, side: 'sell' });
    await expect(service.openPosition({ market: 'SOL-USD-PERP', side: 'buy' })).rejects.toMatchObject({ rule: 'max_positions' });
    await service.stop();
  });
});
