/**
 * Common pieces of the execution-layer tests that run a real client against the simulator:
 * an ExecutionService with the settings those tests share, and a "let the venue settle" step.
 */
import type { Clock } from '../../src/core/clock.js';
import type { ExchangeClient } from '../../src/core/exchange-client.js';
import { ExecutionJournal } from '../../src/execution/journal.js';
import { ExecutionService, type ExecutionServiceOptions } from '../../src/execution/execution-service.js';
import type { TradingParameters } from '../../src/execution/types.js';

/** 1 % of the 100 000 simulator balance at 10x: well above every market's minimum notional. */
export const SIM_EXECUTION_SETTINGS: TradingParameters = {
  leverage: '10',
  positionSizePercent: '1',
  maxPositions: 3,
  takeProfitRoe: '1.5',
  stopLossRoe: '-0.5',
};

/**
 * An ExecutionService over `client` with an in-memory journal, short lookup back-off (the tests
 * lose answers on purpose) and no background timers, so every reconciliation is the test's own.
 */
export function createSimExecutionService(
  client: ExchangeClient,
  clock: Clock,
  overrides: Partial<Omit<ExecutionServiceOptions, 'client' | 'clock'>> = {},
): ExecutionService {
  return new ExecutionService({
    client,
    settings: SIM_EXECUTION_SETTINGS,
    journal: ExecutionJournal.open({ path: ':memory:' }),
    clock,
    lookupDelaysMs: [50, 100, 200],
    deadManSwitchMs: 0,
    maintenanceIntervalMs: 0,
    ...overrides,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets the simulator's engine timer run its risk check / matching / triggers, then reconciles the
 * service with the venue, twice: the first pass may place or cancel protective orders whose
 * outcome only the second pass sees.
 */
export async function venueSettles(service: ExecutionService, engineTickMs = 60): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    await pause(engineTickMs);
    await service.reconcile('test');
    await service.idle();
  }
}

/** Polls `read` until `done` holds (real time; the simulator's engine timer is real). */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(20);
  }
}
