/**
 * Tiny benchmark harness shared by every bench/*.bench.ts suite.
 *
 * Each sample times a batch of calls (so that microsecond operations are not dominated by timer
 * resolution) and divides by the batch size; median and p99 are taken over the samples.
 * Results are printed as a table and written to bench/results/<suite>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Measurement {
  readonly name: string;
  /** Median time of one call, microseconds. */
  readonly medianUs: number;
  readonly p99Us: number;
  readonly opsPerSec: number;
  readonly samples: number;
  readonly batch: number;
  readonly note?: string;
}

export interface MeasureOptions {
  /** Calls per sample. */
  readonly batch?: number;
  readonly samples?: number;
  readonly warmup?: number;
  readonly note?: string;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function measureSync(name: string, fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const batch = options.batch ?? 1;
  const samples = options.samples ?? 200;
  const warmup = options.warmup ?? Math.max(10, Math.floor(samples / 10));
  for (let i = 0; i < warmup * batch; i++) fn();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const elapsed = Number(process.hrtime.bigint() - start) / 1000 / batch;
    times.push(elapsed);
  }
  return summarize(name, times, batch, options.note);
}

export async function measureAsync(name: string, fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Measurement> {
  const batch = options.batch ?? 1;
  const samples = options.samples ?? 200;
  const warmup = options.warmup ?? Math.max(10, Math.floor(samples / 10));
  for (let i = 0; i < warmup * batch; i++) await fn();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
  }
  return summarize(name, times, batch, options.note);
}

function summarize(name: string, times: number[], batch: number, note?: string): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const medianUs = percentile(sorted, 50);
  return {
    name,
    medianUs,
    p99Us: percentile(sorted, 99),
    opsPerSec: medianUs > 0 ? 1e6 / medianUs : Number.POSITIVE_INFINITY,
    samples: times.length,
    batch,
    ...(note === undefined ? {} : { note }),
  };
}

export interface SuiteReport {
  readonly suite: string;
  readonly measurements: readonly Measurement[];
  /** name -> ratio, e.g. "ccxt / ours order signature": 14.2 */
  readonly ratios: Record<string, number>;
  /** Targets from the issues, checked and reported (never asserted in tests). */
  readonly targets: readonly { readonly name: string; readonly target: string; readonly met: boolean; readonly value: string }[];
  readonly notes?: readonly string[];
}

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

function fmt(us: number): string {
  if (us >= 1000) return `${(us / 1000).toFixed(3)} ms`;
  return `${us.toFixed(us < 10 ? 3 : 1)} µs`;
}

export function report(result: SuiteReport): void {
  const rows = result.measurements.map((m) => ({
    name: m.name,
    median: fmt(m.medianUs),
    p99: fmt(m.p99Us),
    'ops/s': Math.round(m.opsPerSec).toLocaleString('en-US'),
  }));
  console.log(`\n== ${result.suite} ==`);
  console.table(rows);
  for (const [name, ratio] of Object.entries(result.ratios)) console.log(`  ratio ${name}: ${ratio.toFixed(2)}x`);
  for (const t of result.targets) console.log(`  target ${t.met ? 'MET ' : 'MISS'} ${t.name}: ${t.value} (target ${t.target})`);
  for (const n of result.notes ?? []) console.log(`  note: ${n}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.suite}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ ...result, node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() }, null, 2)}\n`,
  );
}

export function find(measurements: readonly Measurement[], name: string): Measurement {
  const m = measurements.find((x) => x.name === name);
  if (!m) throw new Error(`no measurement named ${name}`);
  return m;
}
