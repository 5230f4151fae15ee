/**
 * Execution latency: time from a signal (ExecutionService.openPosition: readiness, risk checks,
 * sizing, tracking, the durable journal intent) to the moment the order leaves the process (the
 * client's placeOrder is entered, or the signed wire body is ready to be written to the socket).
 *
 * Paths, side by side:
 *   paper            openPosition -> PaperExchangeClient.placeOrder entered
 *   paradex-format   openPosition -> Paradex formatOrder + Stark signature + JSON body ready
 *                    (ParadexClient's own pre-HTTP steps, run in a wrapper over the paper venue so
 *                    the order still fills and the run repeats)
 *   ccxt             ccxt paradex createOrder(limit) -> its fetch() for POST /orders is entered
 *                    (markets pre-loaded, JWT cached, fetch stubbed: nothing leaves the process);
 *                    ccxt has no risk checks, tracking or journal, so it is the floor of "format +
 *                    sign" through a general library, not a like-for-like executor.
 * Each sample: one limit entry far from the market (it rests, so no position or protection runs),
 * timed, then cancelled untimed. Journal variants: FULL and NORMAL on a temp file, and :memory:.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ccxt from 'ccxt';
import { ManualClock } from '../src/core/clock.js';
import type { ExchangeClient } from '../src/core/exchange-client.js';
import type { Order, OrderRequest } from '../src/core/types.js';
import { ExecutionJournal, type JournalSynchronous } from '../src/execution/journal.js';
import { ExecutionService } from '../src/execution/execution-service.js';
import { ParadexSigner } from '../src/exchanges/paradex/auth/index.js';
import { formatOrder } from '../src/exchanges/paradex/format.js';
import { PaperExchangeClient } from '../src/paper/paper-client.js';
import { SimulatorEngine } from '../src/simulator/engine/index.js';
import type { Measurement } from './lib.js';
import { find, report } from './lib.js';

const MARKET = 'BTC-USD-PERP';
// The vector account (test/fixtures/vectors): public test data.
const KEY = '0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcd';
const PUBLIC_KEY = '0x4838c4ed86f1c9b4fe1aac884ac79431b0243b79d9e24500eb0f6229f4fe72a';
const ACCOUNT = '0x7598ed0e02d7195b4d53e0f0ace5444690cdbc371380fd214615af886d3f46c';
const CHAIN_ID = 'PRIVATE_SN_POTC_SEPOLIA';
const SAMPLES = Number(process.env.BENCH_EXECUTION_SAMPLES ?? 400);
const WARMUP = 40;

let leftAt = 0n;

/** Paper venue whose placeOrder first does what ParadexClient does before HTTP: format, sign, serialise. */
class ParadexFormattingClient extends PaperExchangeClient {
  readonly #signer = ParadexSigner.create({ starkPrivateKey: KEY, account: ACCOUNT, starknetChainId: CHAIN_ID });

  override placeOrder(request: OrderRequest): Promise<Order> {
    const market = this.market(request.market);
    const { body, signable } = formatOrder(request, market, { precision: 'round' });
    const timestampMs = Date.now();
    const signature = this.#signer.signOrder({ ...signable, timestampMs });
    const wire = JSON.stringify({ ...body, signature, signature_timestamp: timestampMs });
    if (wire.length > 0) leftAt = process.hrtime.bigint();
    return super.placeOrder(request);
  }
}

function venue(kind: 'paper' | 'paradex'): { client: ExchangeClient; engine: SimulatorEngine; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2024, 5, 1, 12));
  const engine = new SimulatorEngine({ clock, synchronous: true, priceProcess: { enabled: false } });
  const options = { engine, clock, tickIntervalMs: 0, collateral: '100000' };
  const inner = kind === 'paper' ? new PaperExchangeClient(options) : new ParadexFormattingClient(options);
  if (kind === 'paper') {
    const place = inner.placeOrder.bind(inner);
    inner.placeOrder = (r) => {
      leftAt = process.hrtime.bigint();
      return place(r);
    };
  }
  return { client: inner, engine, clock };
}

function summarize(name: string, samplesUs: number[], note?: string): Measurement {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const medianUs = at(50);
  return { name, medianUs, p99Us: at(99), opsPerSec: medianUs > 0 ? 1e6 / medianUs : Infinity, samples: samplesUs.length, batch: 1, ...(note === undefined ? {} : { note }) };
}

async function executorPath(kind: 'paper' | 'paradex', journal: { path: string; synchronous: JournalSynchronous }, name: string): Promise<Measurement> {
  const { client, engine, clock } = venue(kind);
  const service = new ExecutionService({
    client,
    settings: { leverage: '5', positionSizePercent: '1', maxPositions: 3, takeProfitRoe: '1.5', stopLossRoe: '-0.5' },
    journal: ExecutionJournal.open(journal),
    clock,
    deadManSwitchMs: 0,
    maintenanceIntervalMs: 0,
    markets: [MARKET],
  });
  await service.start();
  engine.setMarkPrice(MARKET, '67000');
  engine.requote(MARKET);
  await new Promise((r) => setImmediate(r));
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const start = process.hrtime.bigint();
    const order = await service.openPosition({ market: MARKET, side: 'buy', type: 'limit', limitPrice: '60000', marketDataTime: clock.now() });
    if (i >= WARMUP) times.push(Number(leftAt - start) / 1000);
    await service.executor.cancel(order.clientOrderId);
  }
  await service.stop();
  service.journal.close();
  return summarize(name, times);
}

async function ccxtPath(): Promise<Measurement> {
  const markets = JSON.parse(readFileSync(new URL('../test/fixtures/paradex/http_get_markets.json', import.meta.url), 'utf8')) as unknown;
  const answer = JSON.parse(readFileSync(new URL('../test/fixtures/paradex/example_http_post_orders.json', import.meta.url), 'utf8')) as unknown;
  const exchange = new ccxt.paradex({
    options: {
      paradexAccount: { privateKey: KEY, publicKey: PUBLIC_KEY, address: ACCOUNT },
      systemConfig: { starknet_chain_id: CHAIN_ID, l1_chain_id: '11155111' },
      authToken: 'stub-jwt',
      expires: 4_102_444_800, // 2100: the cached JWT never needs a refresh here
    },
  });
  (exchange as unknown as { fetch: (url: string, method?: string) => Promise<unknown> }).fetch = (url: string, method = 'GET') => {
    if (method === 'POST' && url.endsWith('/orders')) {
      leftAt = process.hrtime.bigint();
      return Promise.resolve(answer);
    }
    if (url.includes('/markets')) return Promise.resolve(markets);
    return Promise.reject(new Error(`unexpected ccxt request ${method} ${url}`));
  };
  await exchange.loadMarkets();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const start = process.hrtime.bigint();
    await exchange.createOrder('BTC/USD:USDC', 'limit', 'buy', 0.01, 60000);
    if (i >= WARMUP) times.push(Number(leftAt - start) / 1000);
  }
  return summarize('ccxt paradex createOrder -> fetch (stubbed)', times, 'no risk, tracking or journal');
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fs-exec-bench-'));
  try {
    const m: Measurement[] = [];
    m.push(await executorPath('paper', { path: ':memory:', synchronous: 'FULL' }, 'signal -> paper placeOrder (journal :memory:)'));
    m.push(await executorPath('paper', { path: join(dir, 'a.sqlite'), synchronous: 'NORMAL' }, 'signal -> paper placeOrder (journal file, NORMAL)'));
    m.push(await executorPath('paper', { path: join(dir, 'b.sqlite'), synchronous: 'FULL' }, 'signal -> paper placeOrder (journal file, FULL)'));
    m.push(await executorPath('paradex', { path: ':memory:', synchronous: 'FULL' }, 'signal -> paradex format+sign (journal :memory:)'));
    m.push(await executorPath('paradex', { path: join(dir, 'c.sqlite'), synchronous: 'FULL' }, 'signal -> paradex format+sign (journal file, FULL)'));
    m.push(await ccxtPath());
    const ours = find(m, 'signal -> paradex format+sign (journal :memory:)');
    const ccxtM = find(m, 'ccxt paradex createOrder -> fetch (stubbed)');
    const full = find(m, 'signal -> paradex format+sign (journal file, FULL)');
    report({
      suite: 'execution',
      measurements: m,
      ratios: {
        'ccxt createOrder / our signal->signed body (median)': ccxtM.medianUs / ours.medianUs,
        'journal FULL file / :memory: (paradex path, median)': full.medianUs / ours.medianUs,
      },
      targets: [],
      notes: [
        `${SAMPLES} samples per path after ${WARMUP} warm-up; each a resting limit entry, cancelled untimed.`,
        'Journal FULL pays one fsync per intent on the order path (the durability the design asks for); numbers depend on the disk.',
      ],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

