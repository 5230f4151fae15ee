/**
 * Rate-limiter overhead on the latency path, and one local HTTP round trip.
 *
 *  1. Added latency of one call *under budget*: the same no-op async function called directly,
 *     through RateLimiter.schedule (1 and 3 buckets), and through bottleneck (no limits, and with
 *     reservoir settings). Target from the brief: our overhead <= 50 µs median.
 *  2. The waiting path: 40 calls on a 500/s budget (capacity 1); how late each call starts compared
 *     with its ideal slot (i * 2 ms), ours vs bottleneck's reservoir-increase settings.
 *  3. For information: one GET through transport/http.ts vs global fetch against a local server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import Bottleneck from 'bottleneck';
import { createHttpClient } from '../src/transport/http.js';
import { RateLimiter } from '../src/transport/rate-limiter.js';
import { TokenBucket } from '../src/transport/token-bucket.js';
import { monotonicClock } from '../src/transport/timers.js';
import { find, measureAsync, measureSync, report } from './lib.js';
import type { Measurement } from './lib.js';

const noop = async (): Promise<undefined> => undefined;

/** A budget so large that every call in the benchmark is under it. */
const HUGE = { capacity: 1e12, refillPerSecond: 1e12 };

async function underBudget(): Promise<Measurement[]> {
  const ours = new RateLimiter({ buckets: { orders: HUGE, perMinute: HUGE, operator: HUGE } });
  const one = ['orders'];
  const three = ['orders', 'perMinute', 'operator'];
  const bottleneckPlain = new Bottleneck();
  const bottleneckReservoir = new Bottleneck({
    reservoir: 1e9,
    reservoirIncreaseAmount: 800,
    reservoirIncreaseInterval: 1_000,
    reservoirIncreaseMaximum: 1e9,
    maxConcurrent: null,
    minTime: 0,
  });
  const bucket = new TokenBucket(HUGE, monotonicClock);
  const measurements = [
    measureSync('TokenBucket.tryTake (sync)', () => bucket.tryTake(), { batch: 1_000, samples: 300 }),
    await measureAsync('direct await fn()', () => noop(), { batch: 200, samples: 300 }),
    await measureAsync('RateLimiter.schedule, 1 bucket', () => ours.schedule(one, 1, noop), { batch: 200, samples: 300 }),
    await measureAsync('RateLimiter.schedule, 3 buckets', () => ours.schedule(three, 1, noop), { batch: 200, samples: 300 }),
    await measureAsync('bottleneck, no limits', () => bottleneckPlain.schedule(noop), { batch: 1, samples: 150, warmup: 10 }),
    await measureAsync('bottleneck, reservoir', () => bottleneckReservoir.schedule(noop), { batch: 1, samples: 150, warmup: 10 }),
  ];
  await bottleneckPlain.stop({ dropWaitingJobs: false });
  await bottleneckReservoir.stop({ dropWaitingJobs: false });
  return measurements;
}

function lateness(name: string, latenessMs: number[], note: string): Measurement {
  const sorted = [...latenessMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const medianUs = at(50) * 1000;
  return { name, medianUs, p99Us: at(99) * 1000, opsPerSec: 0, samples: sorted.length, batch: 1, note };
}

/** Starts `calls` jobs at once and returns how late each started compared with slot i * intervalMs. */
async function startLateness(calls: number, intervalMs: number, submit: (job: () => Promise<void>) => Promise<void>): Promise<number[]> {
  const t0 = performance.now();
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: calls }, () =>
      submit(async () => {
        starts.push(performance.now() - t0);
      }),
    ),
  );
  return starts.map((t, i) => t - i * intervalMs);
}

async function waitingPath(): Promise<Measurement[]> {
  const calls = 40;
  const intervalMs = 2; // 500/s
  const ourLate: number[] = [];
  const theirLate: number[] = [];
  for (let round = 0; round < 5; round++) {
    const ours = new RateLimiter({ buckets: { a: { capacity: 1, refillPerSecond: 500 } } });
    ourLate.push(...(await startLateness(calls, intervalMs, (job) => ours.schedule(['a'], 1, job))));
    const theirs = new Bottleneck({
      reservoir: 1,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: intervalMs,
      reservoirIncreaseMaximum: 1,
      // bottleneck only looks at the reservoir every heartbeat (250 ms by default): tick as often as
      // the budget refills, or it would be late by design rather than by mechanism.
      heartbeatInterval: intervalMs,
      maxConcurrent: null,
      minTime: 0,
    });
    theirLate.push(...(await startLateness(calls, intervalMs, (job) => theirs.schedule(job))));
    await theirs.stop({ dropWaitingJobs: false });
  }
  return [
    lateness('queued start lateness: RateLimiter', ourLate, 'ms late vs ideal slot, shown in the µs columns'),
    lateness('queued start lateness: bottleneck reservoir', theirLate, 'ms late vs ideal slot, shown in the µs columns'),
  ];
}

async function httpRoundTrip(): Promise<Measurement[]> {
  const body = JSON.stringify({ results: [{ market: 'BTC-USD-PERP', bid: '65000.1', ask: '65000.2' }] });
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createHttpClient({ baseUrl: base });
  try {
    return [
      await measureAsync('http.ts GET (undici Pool, local)', () => client.request({ method: 'GET', path: '/bbo' }), { samples: 400, warmup: 50 }),
      await measureAsync('global fetch GET (local)', async () => (await fetch(`${base}/bbo`)).text(), { samples: 400, warmup: 50 }),
    ];
  } finally {
    await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function run(): Promise<void> {
  const measurements = [...(await underBudget()), ...(await waitingPath()), ...(await httpRoundTrip())];
  const direct = find(measurements, 'direct await fn()');
  const ours1 = find(measurements, 'RateLimiter.schedule, 1 bucket');
  const ours3 = find(measurements, 'RateLimiter.schedule, 3 buckets');
  const plain = find(measurements, 'bottleneck, no limits');
  const reservoir = find(measurements, 'bottleneck, reservoir');
  const overhead1 = ours1.medianUs - direct.medianUs;
  const overhead3 = ours3.medianUs - direct.medianUs;
  const ourLate = find(measurements, 'queued start lateness: RateLimiter');
  const theirLate = find(measurements, 'queued start lateness: bottleneck reservoir');
  report({
    suite: 'rate-limiter',
    measurements,
    ratios: {
      'bottleneck no limits / ours (1 bucket)': plain.medianUs / ours1.medianUs,
      'bottleneck reservoir / ours (3 buckets)': reservoir.medianUs / ours3.medianUs,
      'ours (3 buckets) / direct': ours3.medianUs / direct.medianUs,
      'fetch / http.ts round trip': find(measurements, 'global fetch GET (local)').medianUs / find(measurements, 'http.ts GET (undici Pool, local)').medianUs,
    },
    targets: [
      { name: 'added latency under budget, 1 bucket (median)', target: '<= 50 µs', met: overhead1 <= 50, value: `${overhead1.toFixed(3)} µs` },
      { name: 'added latency under budget, 3 buckets (median)', target: '<= 50 µs', met: overhead3 <= 50, value: `${overhead3.toFixed(3)} µs` },
    ],
    notes: [
      `bottleneck adds ${(plain.medianUs - direct.medianUs).toFixed(0)} µs (no limits) / ${(reservoir.medianUs - direct.medianUs).toFixed(0)} µs (reservoir) per call under budget`,
      `waiting path, 40 calls at 500/s: start lateness median ${(ourLate.medianUs / 1000).toFixed(2)} ms / p99 ${(ourLate.p99Us / 1000).toFixed(2)} ms (ours) vs ${(theirLate.medianUs / 1000).toFixed(2)} ms / ${(theirLate.p99Us / 1000).toFixed(2)} ms (bottleneck)`,
      'own queue kept for the waiting path too: atomic multi-bucket take, continuous refill, per-bucket FIFO (bottleneck has none of these)',
      'http.ts hands the response over one event-loop turn later so the next request reuses the warm socket (included in its figure)',
    ],
  });
}
