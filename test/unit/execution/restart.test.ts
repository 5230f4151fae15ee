/**
 * Restart mid-trade: a first service "crashes" (its link goes dead, nothing is closed or flushed)
 * with a protected position open and an entry whose outcome it never learned; a new service on
 * the same journal file rebuilds the state from the journal and the venue without duplicating
 * anything, and the protective orders are in place.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionJournal } from '../../../src/execution/journal.js';
import { FaultyExchangeClient } from '../../support/execution-faulty-client.js';
import { createService, createVenue, MARKET, moveMark, settle, tempDir, venueOrdersByClientId } from '../../support/execution-harness.js';

const ETH = 'ETH-USD-PERP';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('restart mid-trade', () => {
  it('a new executor on the same journal rebuilds state, duplicates nothing, keeps protection', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'journal.sqlite');
    const venue = createVenue();
    const first = createService(venue, { journal: ExecutionJournal.open({ path }) });
    await first.start();
    moveMark(venue, '67000');
    venue.engine.setMarkPrice(ETH, '2660');
    venue.engine.requote(ETH);
    await settle(first);
    const btcEntry = await first.openPosition({ market: MARKET, side: 'buy' });
    await settle(first);
    const protectiveBefore = venue.engine.openOrders(venue.paper.account);
    expect(protectiveBefore.map((o) => o.type).sort()).toEqual(['STOP_LOSS_MARKET', 'TAKE_PROFIT_MARKET']);

    // The ETH entry reaches the venue and fills, but neither the answer, the stream nor the
    // lookups get back before the process dies.
    venue.faulty.setEventFaults({ drop: 1 });
    venue.faulty.failNext('placeOrder', 'timeout_after');
    venue.faulty.failNext('getOrder', 'drop_before', 3);
    const ethEntry = await first.openPosition({ market: ETH, side: 'sell' });
    expect(ethEntry.status).toBe('unknown');
    venue.faulty.disconnect(); // the crash: nothing is stopped, closed or flushed
    expect(venue.engine.position(venue.paper.account, ETH).side).toBe('SHORT');

    const secondLink = new FaultyExchangeClient(venue.paper, { seed: 2 });
    const second = createService({ ...venue, faulty: secondLink }, { journal: ExecutionJournal.open({ path }) });
    await second.start();
    await settle(second);

    // Orders: every client id exactly once on the venue; the unknown entry is resolved, not resent.
    for (const count of venueOrdersByClientId(venue).values()) expect(count).toBe(1);
    const ethOnVenue = await venue.paper.getOrder({ clientOrderId: ethEntry.clientOrderId });
    expect(second.tracker.get(ethEntry.clientOrderId)?.status).toBe(ethOnVenue?.status);
    expect(second.tracker.get(ethEntry.clientOrderId)?.filledSize).toBe(ethOnVenue?.filledSize);
    expect(ethOnVenue?.filledSize).not.toBe('0');
    expect(second.tracker.get(btcEntry.clientOrderId)).toBeUndefined(); // terminal before the crash: not replayed
    expect(second.executor.stats.resubmits).toBe(0);

    // Positions equal the venue's.
    for (const market of [MARKET, ETH]) {
      expect(second.positions.position(market)?.signedSize).toBe(venue.engine.position(venue.paper.account, market).size);
    }

    // Protection: BTC keeps its original stop and target (recognised from the journal, not
    // duplicated); ETH got its own.
    const open = venue.engine.openOrders(venue.paper.account);
    const byMarket = (m: string) => open.filter((o) => o.market === m).map((o) => o.type).sort();
    expect(byMarket(MARKET)).toEqual(['STOP_LOSS_MARKET', 'TAKE_PROFIT_MARKET']);
    expect(byMarket(ETH)).toEqual(['STOP_LOSS_MARKET', 'TAKE_PROFIT_MARKET']);
    for (const o of protectiveBefore) expect(open.some((x) => x.id === o.id)).toBe(true);
    expect(second.tracker.get(protectiveBefore[0]?.clientId ?? '')?.role).toMatch(/stop_loss|take_profit/);
    await second.stop();
  });

  it('an intent journaled just before the crash, never sent, is declared lost, never resent', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'journal.sqlite');
    const venue = createVenue();
    const first = createService(venue, { journal: ExecutionJournal.open({ path }) });
    await first.start();
    moveMark(venue, '67000');
    await settle(first);
    venue.faulty.failNext('placeOrder', 'timeout_before');
    venue.faulty.failNext('getOrder', 'drop_before', 3);
    const order = await first.openPosition({ market: MARKET, side: 'buy' });
    expect(order.status).toBe('unknown');
    venue.faulty.disconnect();

    const second = createService({ ...venue, faulty: new FaultyExchangeClient(venue.paper) }, { journal: ExecutionJournal.open({ path }) });
    await second.start();
    expect(second.tracker.get(order.clientOrderId)?.status).toBe('rejected');
    expect(second.tracker.get(order.clientOrderId)?.lost).toBe(true);
    expect(venueOrdersByClientId(venue).has(order.clientOrderId)).toBe(false);
    expect(venue.engine.positions(venue.paper.account)).toHaveLength(0);
    await second.stop();
  });
});
