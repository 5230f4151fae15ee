/**
 * Simulator Paradex REST throughput: signed order submissions per second with full signature
 * verification (SNIP-12 Order hash + Stark ECDSA against the account's registered key).
 *
 *  - "REST": pre-signed POST /v1/orders bodies (signed with the project's ParadexSigner, 4
 *    accounts, unique signature timestamps) fired over keep-alive HTTP, 16 in flight, by a load
 *    generator in a worker thread; the simulator runs on this thread, whose event-loop busy time
 *    per order is the server's cost on one core. Orders are non-crossing IOC limits: accepted
 *    (201 NEW), risk-checked and closed by the engine, so the book never fills up.
 *  - "dialect handleHttp + processPending": the server's work for one order without the HTTP layer.
 *  - The parts: order message hash, cached-key verification vs @scure/starknet verify.
 * Rate limits are switched off for the run (one IP would exhaust the venue's 1 500/min budget).
 * Target (issue 3): REST >= 300 signed orders/s.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ManualClock } from '../src/core/clock.js';
import { ParadexSigner } from '../src/exchanges/paradex/auth/index.js';
import { shortStringToFelt, verifyStarkSignature } from '../src/crypto/starknet/index.js';
import { StarkKeyVerifierCache, warmUpStarkVerification } from '../src/crypto/starknet/stark-verify-cache.js';
import { parseStarkSignature } from '../src/crypto/starknet/index.js';
import type { SimRequest } from '../src/simulator/dialect.js';
import { createParadexDialect } from '../src/simulator/dialects/paradex/index.js';
import { DIALECTS } from '../src/simulator/dialects/registry.js';
import { ParadexMessageHasher } from '../src/simulator/dialects/paradex/typed-data.js';
import { SimulatorEngine } from '../src/simulator/engine/index.js';
import { FaultInjector } from '../src/simulator/faults.js';
import { startSimulator } from '../src/simulator/server.js';
import { find, measureSync, report, type Measurement } from './lib.js';

const NOW = 1_750_000_000_000;
const CHAIN_ID = 'PRIVATE_SN_POTC_SEPOLIA';
const ORDERS = 3000;
const IN_FLIGHT = 16;
const WARMUP = 100;
const KEYS = [0x1234567890abcdefn, 0x2234567890abcdefn, 0x3234567890abcdefn, 0x4234567890abcdefn];

interface Trader {
  readonly signer: ParadexSigner;
  token: string;
}

function signerOf(key: bigint, account: string): ParadexSigner {
  return ParadexSigner.create({ starkPrivateKey: key.toString(16), account, starknetChainId: CHAIN_ID });
}

/** The account a key onboards to (asked from the venue: GET /onboarding derives it). */
async function addressOf(base: string, key: bigint): Promise<string> {
  const publicKey = signerOf(key, '0x1').publicKey;
  const answer = (await (await fetch(`${base}/onboarding?account_signer_type=starknet&public_key=${publicKey}`)).json()) as { address: string };
  return answer.address;
}

async function onboard(base: string, key: bigint, index: number): Promise<Trader> {
  const signer = signerOf(key, await addressOf(base, key));
  const eth = `0x${(index + 1).toString(16).padStart(40, '0')}`;
  const headers = { 'PARADEX-ETHEREUM-ACCOUNT': eth, 'PARADEX-STARKNET-ACCOUNT': signer.account, 'PARADEX-STARKNET-SIGNATURE': signer.signOnboarding(), 'content-type': 'application/json' };
  const onboarded = await fetch(`${base}/onboarding`, { method: 'POST', headers, body: JSON.stringify({ public_key: signer.publicKey }) });
  if (onboarded.status !== 200) throw new Error(`onboarding failed: ${onboarded.status} ${await onboarded.text()}`);
  const ts = Math.floor(NOW / 1000);
  const auth = await fetch(`${base}/auth`, {
    method: 'POST',
    headers: { 'PARADEX-STARKNET-ACCOUNT': signer.account, 'PARADEX-STARKNET-SIGNATURE': signer.signAuth(ts, ts + 300), 'PARADEX-TIMESTAMP': String(ts), 'PARADEX-SIGNATURE-EXPIRATION': String(ts + 300) },
  });
  const { jwt_token: token } = (await auth.json()) as { jwt_token: string };
  return { signer, token };
}

function orderBody(signer: ParadexSigner, i: number): string {
  const buy = i % 2 === 0;
  const order = { timestampMs: NOW - i, market: 'BTC-USD-PERP', side: buy ? 'BUY' : 'SELL', type: 'LIMIT', size: '0.01', price: buy ? '50000' : '85000' } as const;
  return JSON.stringify({ ...order, timestampMs: undefined, instruction: 'IOC', signature: signer.signOrder(order), signature_timestamp: order.timestampMs });
}

/**
 * Load generator, run in a worker thread (its own core): posts the pre-signed bodies with
 * `inFlight` requests outstanding over keep-alive and reports how many answered 201.
 */
const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.inFlight });
const url = new URL(workerData.url + '/orders');
function post(item) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { authorization: 'Bearer ' + item.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(item.body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(item.body);
  });
}
(async () => {
  const items = workerData.items;
  let next = 0, accepted = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workerData.inFlight }, async () => {
    for (let i = next++; i < items.length; i = next++) if ((await post(items[i])) === 201) accepted++;
  }));
  parentPort.postMessage({ accepted, elapsedUs: Number(process.hrtime.bigint() - start) / 1000 });
  agent.destroy();
})();
`;

interface LoadResult {
  readonly accepted: number;
  readonly elapsedUs: number;
}

function generateLoad(url: string, items: readonly { token: string; body: string }[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { url, items, inFlight: IN_FLIGHT } });
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

async function endToEnd(): Promise<{ wall: Measurement; server: Measurement; cpu: Measurement; accepted: number; timed: number }> {
  const registered = DIALECTS.paradex;
  DIALECTS.paradex = (context) => {
    const dialect = createParadexDialect(context);
    dialect.state.rateLimits.setEnabled(false);
    return dialect;
  };
  const sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 1, clock: new ManualClock(NOW) });
  DIALECTS.paradex = registered;
  try {
    const traders = await Promise.all(KEYS.map((key, i) => onboard(sim.httpUrl, key, i)));
    const items = Array.from({ length: ORDERS }, (_, i) => {
      const trader = traders[i % traders.length] as Trader;
      return { token: trader.token, body: orderBody(trader.signer, i) };
    });
    await generateLoad(sim.httpUrl, items.slice(0, WARMUP)); // JIT and per-key tables
    const timed = items.slice(WARMUP);
    const before = performance.eventLoopUtilization();
    const cpuBefore = process.cpuUsage();
    const result = await generateLoad(sim.httpUrl, timed);
    const busy = performance.eventLoopUtilization(before);
    const cpu = process.cpuUsage(cpuBefore);
    const wallUs = result.elapsedUs / timed.length;
    // Busy time of the server's event loop (this thread) per order: its cost on one core.
    const serverUs = (busy.active * 1000) / timed.length;
    const one = (name: string, us: number): Measurement => ({ name, medianUs: us, p99Us: us, opsPerSec: 1e6 / us, samples: 1, batch: timed.length });
    // CPU time is not inflated when other processes take the core (wall and busy time are); it
    // includes the load generator's thread, so it bounds the server's own CPU cost from above.
    const cpuUs = (cpu.user + cpu.system) / timed.length;
    return {
      accepted: result.accepted,
      timed: timed.length,
      wall: one('REST end-to-end signed order (wall, load from a worker thread)', wallUs),
      server: one('REST server event-loop time per signed order', serverUs),
      cpu: one('REST CPU per signed order, server + load generator', cpuUs),
    };
  } finally {
    await sim.close();
  }
}

function dialectOnly(): Measurement {
  const engine = new SimulatorEngine({ clock: new ManualClock(NOW), seed: 1, priceProcess: { enabled: false } });
  const dialect = createParadexDialect({ engine, faults: new FaultInjector(() => engine.now()), initialBalance: '100000' });
  dialect.state.rateLimits.setEnabled(false);
  // Registered directly in the venue state: this measures order handling, not onboarding.
  const signers = KEYS.map((key) => {
    const probe = signerOf(key, '0x1');
    const publicKey = BigInt(probe.publicKey);
    const account = `0x${(publicKey % (1n << 250n)).toString(16)}`;
    dialect.state.accounts.onboard({ address: account, publicKey, nowMs: NOW });
    return { signer: signerOf(key, account), token: dialect.state.tokens.issue(account, NOW).jwt };
  });
  const requests: SimRequest[] = Array.from({ length: 512 }, (_, i) => {
    const { signer, token } = signers[i % signers.length] as { signer: ParadexSigner; token: string };
    return { method: 'POST', path: '/v1/orders', rawQuery: '', query: new URLSearchParams(), headers: { authorization: `Bearer ${token}` }, body: orderBody(signer, i), remoteAddress: '127.0.0.1' };
  });
  let i = 0;
  return measureSync(
    'dialect handleHttp + processPending (no HTTP)',
    () => {
      const response = dialect.handleHttp(requests[i++ % requests.length] as SimRequest) as { status: number };
      if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
      engine.processPending();
    },
    { batch: 20, samples: 40 },
  );
}

function parts(): Measurement[] {
  warmUpStarkVerification();
  const signer = signerOf(KEYS[0] as bigint, '0x7598ed0e02d7195b4d53e0f0ace5444690cdbc371380fd214615af886d3f46c');
  const hasher = new ParadexMessageHasher(CHAIN_ID);
  const account = BigInt(signer.account);
  const felts = { timestamp: BigInt(NOW), market: shortStringToFelt('BTC-USD-PERP'), side: 1n, orderType: shortStringToFelt('LIMIT'), size: 1_000_000n, price: 5_000_000_000_000n };
  const digest = hasher.order(account, felts);
  const signature = signer.signOrder({ timestampMs: NOW, market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.01', price: '50000' });
  const parsed = parseStarkSignature(signature);
  if (parsed === null) throw new Error('signature did not parse');
  const cache = new StarkKeyVerifierCache();
  const publicKey = BigInt(signer.publicKey);
  if (!cache.verify(digest, parsed, publicKey) || !verifyStarkSignature(digest, signature, publicKey)) throw new Error('signature does not verify');
  let t = 0n;
  return [
    measureSync('order message hash (venue hasher)', () => hasher.order(account, { ...felts, timestamp: BigInt(NOW) + t++ }), { batch: 20, samples: 50 }),
    measureSync('Stark verify, cached key tables', () => cache.verify(digest, parsed, publicKey), { batch: 20, samples: 50 }),
    measureSync('Stark verify, @scure/starknet (both parities)', () => verifyStarkSignature(digest, signature, publicKey), { batch: 5, samples: 30 }),
  ];
}

export async function run(): Promise<void> {
  const { wall, server, cpu, accepted, timed } = await endToEnd();
  const measurements = [server, wall, cpu, dialectOnly(), ...parts()];
  report({
    suite: 'simulator-rest',
    measurements,
    ratios: {
      '@scure verify / cached verify': find(measurements, 'Stark verify, @scure/starknet (both parities)').medianUs / find(measurements, 'Stark verify, cached key tables').medianUs,
    },
    targets: [
      { name: 'REST signed orders/s, server on one core', target: '>= 300', met: server.opsPerSec >= 300, value: `${Math.round(server.opsPerSec)}/s` },
      { name: 'REST signed orders/s, wall clock', target: '>= 300', met: wall.opsPerSec >= 300, value: `${Math.round(wall.opsPerSec)}/s` },
      { name: 'REST signed orders per CPU-second (server + load generator)', target: '>= 300', met: cpu.opsPerSec >= 300, value: `${Math.round(cpu.opsPerSec)}/s` },
    ],
    notes: [
      `${accepted} of ${timed} timed orders answered 201 (all must be)`,
      `${IN_FLIGHT} requests in flight over keep-alive from a worker thread; 4 accounts; rate limits off`,
      'server figure = busy time of the simulator event loop (performance.eventLoopUtilization) / orders',
      `load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (wall and busy figures suffer on a loaded host; CPU time does not)`,
    ],
  });
}

const invokedDirectly = import.meta.url === `file://${process.argv[1]}`;
if (invokedDirectly) await run();
