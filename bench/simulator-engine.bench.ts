/**
 * Simulator matching-engine throughput, in process (no network): a realistic order flow on
 * BTC-USD-PERP with the recorded market parameters, margin checks on, synchronous acceptance.
 *
 * The mix: 60 % passive limit orders (1-100 ticks from the mark), 25 % cancels of resting
 * orders, 15 % crossing orders (market or IOC limit, usually 1-3 fills). Target: >= 100 000
 * orders/s for the mix.
 */
import { ManualClock } from '../src/core/clock.js';
import { Prng, SimulatorEngine, type SubmitOrderRequest } from '../src/simulator/engine/index.js';
import { find, measureSync, report, type Measurement } from './lib.js';

const MARKET = 'BTC-USD-PERP';
const ACCOUNTS = 64;
const MARK_TICKS = 673_077; // 67307.7 / 0.1

type Op = { readonly kind: 'add' | 'cross'; readonly request: SubmitOrderRequest } | { readonly kind: 'cancel'; readonly account: string };

function price(ticks: number): string {
  return `${Math.floor(ticks / 10)}.${ticks % 10}`;
}

function size(prng: Prng): string {
  return `0.0${1 + prng.nextInt(5)}`; // 0.01 .. 0.05 BTC: above the 500 USD minimum
}

function generate(count: number, seed: number, mix: { add: number; cancel: number }): Op[] {
  const prng = new Prng(seed);
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const account = `acct-${prng.nextInt(ACCOUNTS)}`;
    const buy = prng.nextInt(2) === 0;
    const roll = prng.nextFloat();
    if (roll < mix.add) {
      const offset = 1 + prng.nextInt(100);
      ops.push({
        kind: 'add',
        request: { account, market: MARKET, side: buy ? 'BUY' : 'SELL', type: 'LIMIT', size: size(prng), price: price(MARK_TICKS + (buy ? -offset : offset)) },
      });
    } else if (roll < mix.add + mix.cancel) {
      ops.push({ kind: 'cancel', account });
    } else if (prng.nextInt(2) === 0) {
      ops.push({ kind: 'cross', request: { account, market: MARKET, side: buy ? 'BUY' : 'SELL', type: 'MARKET', size: size(prng) } });
    } else {
      const through = price(MARK_TICKS + (buy ? 3 : -3));
      ops.push({
        kind: 'cross',
        request: { account, market: MARKET, side: buy ? 'BUY' : 'SELL', type: 'LIMIT', timeInForce: 'IOC', size: size(prng), price: through },
      });
    }
  }
  return ops;
}

interface Runner {
  readonly step: () => void;
  readonly engine: SimulatorEngine;
}

/** Replays `ops` cyclically; cancels take the oldest resting order of the account. */
function runner(ops: readonly Op[], withSubscriber: boolean): Runner {
  const engine = new SimulatorEngine({
    clock: new ManualClock(1_717_000_000_000),
    synchronous: true,
    marketMaker: { enabled: false },
    priceProcess: { enabled: false },
  });
  let delivered = 0;
  if (withSubscriber) engine.on(() => delivered++);
  const resting = new Map<string, string[]>();
  for (let i = 0; i < ACCOUNTS; i++) {
    engine.createAccount(`acct-${i}`, { collateral: '10000000' });
    resting.set(`acct-${i}`, []);
  }
  let i = 0;
  const step = (): void => {
    const op = ops[i++ % ops.length] as Op;
    if (op.kind === 'cancel') {
      const queue = resting.get(op.account) ?? [];
      // Orders filled meanwhile are skipped, the way a client drops ids it saw filled.
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const o = engine.order(op.account, { id });
        if (o !== undefined && o.status === 'OPEN') {
          engine.cancel(op.account, { id });
          return;
        }
      }
      return;
    }
    const queue = resting.get(op.request.account) ?? [];
    if (op.kind === 'add' && queue.length >= 90) {
      // Stay under max_open_orders (100 per market): cancel the oldest first.
      const oldest = queue.shift();
      if (oldest !== undefined && engine.order(op.request.account, { id: oldest })?.status === 'OPEN') {
        engine.cancel(op.request.account, { id: oldest });
      }
    }
    const o = engine.submit(op.request);
    if (o.status === 'OPEN') queue.push(o.id);
  };
  // Build a standing book first so crossing orders find liquidity.
  for (let k = 0; k < 3000; k++) step();
  void delivered;
  return { step, engine };
}

export async function run(): Promise<void> {
  const mixed = generate(200_000, 1, { add: 0.6, cancel: 0.25 });
  const measurements: Measurement[] = [];
  const options = { batch: 10_000, samples: 30, warmup: 3 };

  const mixRunner = runner(mixed, false);
  measurements.push(measureSync('mixed flow (60% add / 25% cancel / 15% cross)', mixRunner.step, { ...options, note: 'no subscriber' }));
  const mixEvents = runner(mixed, true);
  measurements.push(measureSync('mixed flow, with an event subscriber', mixEvents.step, { ...options, note: 'events built and delivered' }));

  const adds = runner(generate(200_000, 2, { add: 1, cancel: 0 }), false);
  measurements.push(measureSync('passive limit add', adds.step, options));
  const crosses = runner(generate(200_000, 3, { add: 0.5, cancel: 0 }), false);
  measurements.push(measureSync('half adds / half crossing orders', crosses.step, options));

  const live = new SimulatorEngine({ clock: new ManualClock(1_717_000_000_000), seed: 1 });
  measurements.push(
    measureSync('seeded market: 1 s of price process + market-maker requotes (4 markets)', () => live.advance(1_000), {
      batch: 100,
      samples: 30,
      warmup: 3,
    }),
  );

  const book = mixRunner.engine.bookSnapshot(MARKET, 1000);
  const mixedOps = find(measurements, 'mixed flow (60% add / 25% cancel / 15% cross)').opsPerSec;
  report({
    suite: 'simulator-engine',
    measurements,
    ratios: {},
    targets: [{ name: 'mixed flow orders/s', target: '>= 100000', met: mixedOps >= 100_000, value: Math.round(mixedOps).toString() }],
    notes: [
      `book after the mixed run: ${book.bids.length} bid levels, ${book.asks.length} ask levels`,
      'orders/s = 1e6 / median microseconds per operation; a cancel counts as one order operation',
    ],
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (invokedDirectly) await run();
