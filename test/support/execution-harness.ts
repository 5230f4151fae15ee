/**
 * A paper venue (simulator engine behind PaperExchangeClient) under a FaultyExchangeClient, and an
 * ExecutionService over it, with a manual clock and no real waiting: the common setup of the
 * execution behaviour tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import { ExecutionJournal } from '../../src/execution/journal.js';
import { ExecutionService, type ExecutionServiceOptions } from '../../src/execution/execution-service.js';
import type { TradingParameters } from '../../src/execution/types.js';
import { PaperExchangeClient } from '../../src/paper/paper-client.js';
import { SimulatorEngine } from '../../src/simulator/engine/index.js';
import { FaultyExchangeClient } from './execution-faulty-client.js';

export const MARKET = 'BTC-USD-PERP';

export const SETTINGS: TradingParameters = {
  leverage: '10',
  positionSizePercent: '25',
  maxPositions: 3,
  takeProfitRoe: '1.5',
  stopLossRoe: '-0.5',
};

export interface Venue {
  readonly clock: ManualClock;
  readonly engine: SimulatorEngine;
  readonly paper: PaperExchangeClient;
  readonly faulty: FaultyExchangeClient;
}

/** 2024-06-01T00:00:00Z: far from a UTC midnight unless a test moves there. */
export const START_TIME = Date.UTC(2024, 5, 1, 12, 0, 0);

export function createVenue(options: { seed?: number; collateral?: string; clock?: ManualClock } = {}): Venue {
  const clock = options.clock ?? new ManualClock(START_TIME);
  const engine = new SimulatorEngine({ clock, seed: options.seed ?? 7, synchronous: true, priceProcess: { enabled: false } });
  const paper = new PaperExchangeClient({ engine, clock, tickIntervalMs: 0, collateral: options.collateral ?? '10000' });
  const faulty = new FaultyExchangeClient(paper, { seed: options.seed ?? 7 });
  return { clock, engine, paper, faulty };
}

export const instantSleep = (): Promise<void> => Promise.resolve();

export function createService(venue: Venue, options: Partial<ExecutionServiceOptions> = {}): ExecutionService {
  return new ExecutionService({
    client: venue.faulty,
    settings: SETTINGS,
    journal: options.journal ?? ExecutionJournal.open({ path: ':memory:' }),
    clock: venue.clock,
    sleep: instantSleep,
    lookupDelaysMs: [0, 0, 0],
    deadManSwitchMs: 0,
    markets: [MARKET, 'ETH-USD-PERP', 'SOL-USD-PERP'],
    maintenanceIntervalMs: 0,
    ...options,
  });
}

/** Let microtasks, stream deliveries and background work finish. */
export async function settle(service: ExecutionService, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await service.idle();
  }
}

/** A temporary directory for journal files, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fs-exec-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every order of the paper account on the venue (open and closed), by client id. */
export function venueOrdersByClientId(venue: Venue): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of venue.engine.orderHistory(venue.paper.account)) {
    if (o.clientId === undefined) continue;
    counts.set(o.clientId, (counts.get(o.clientId) ?? 0) + 1);
  }
  return counts;
}

/** Move the mark and let the market maker requote around it. */
export function moveMark(venue: Venue, price: string): void {
  venue.engine.setMarkPrice(MARKET, price);
  venue.engine.requote(MARKET);
}
