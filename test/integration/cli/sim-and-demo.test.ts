/**
 * `flashscalper sim` as a user runs it (child process through the bin launcher, stopped with
 * SIGINT) and `flashscalper demo` (the main job) in process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { runCli } from '../../../src/cli/program.js';
import { startSimulator } from '../../../src/simulator/server.js';

const BIN = fileURLToPath(new URL('../../../bin/flashscalper.js', import.meta.url));

describe('flashscalper sim', () => {
  it('serves the Paradex API, prints its URLs and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', '--exchange', 'paradex', '--port', '0', '--seed', '5', '--balance', '2500'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!/press Ctrl-C/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const match = /REST (http:\/\/127\.0\.0\.1:\d+\/v1)\s+WebSocket (ws:\/\/127\.0\.0\.1:\d+\/v1)\s+control (http:\S+)/.exec(stdout);
    expect(match, stdout).not.toBeNull();
    const [, restUrl, , controlUrl] = match!;
    // The venue spells server_time as a string of milliseconds (recorded fixture).
    const time = (await (await fetch(`${restUrl}/system/time`)).json()) as { server_time: string };
    expect(time.server_time).toMatch(/^\d{13}$/);
    const markets = (await (await fetch(`${restUrl}/markets`)).json()) as { results: { symbol: string }[] };
    expect(markets.results.map((m) => m.symbol)).toContain('BTC-USD-PERP');
    const state = await fetch(`${controlUrl}state`);
    expect(state.status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port with a usage error', async () => {
    const err: string[] = [];
    const code = await runCli(['sim', '--port', 'eighty'], () => Promise.resolve(parseConfig({})), { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('must be an integer from 0 to 65535');
  });
});

describe('flashscalper demo (the main job)', () => {
  it('trades a visible round trip on the embedded simulator through the real client', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['demo', '--seed', '11'], () => Promise.resolve(parseConfig({})), { out: (t) => out.push(t), err: (t) => err.push(t) });
    const text = out.join('\n');
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(text).toMatch(/equity 100000 USD/);
    expect(text).toMatch(/1\. post-only buy [\d.]+ @ [\d.]+: open/);
    expect(text).toMatch(/2\. cancel it: canceled/);
    expect(text).toMatch(/3\. market buy [\d.]+: filled/);
    expect(text).toMatch(/position after the move: long/);
    expect(text).toMatch(/5\. reduce-only market sell [\d.]+: filled/);
    expect(text).toMatch(/flat on BTC-USD-PERP: round trip complete/);
  });

  it('runs the same round trip through AsterClient on the Aster simulator', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['demo', '--exchange', 'aster', '--seed', '4'], () => Promise.resolve(parseConfig({})), { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/3\. market buy [\d.]+: filled[\s\S]*flat on BTCUSDT: round trip complete/);
  });
});

describe('TRADING_MODE=paper', () => {
  it('fills orders on the local paper engine at the venue prices and sends none to the venue', async () => {
    const sim = await startSimulator({ exchange: 'paradex', port: 0, seed: 9 });
    try {
      const out: string[] = [];
      const err: string[] = [];
      const env = { PARADEX_API_BASE_URL: sim.httpUrl, PARADEX_WS_BASE_URL: sim.wsUrl, TRADING_MODE: 'paper' };
      const args = ['order', '--market', 'BTC-USD-PERP', '--side', 'buy', '--type', 'market', '--size', '0.01', '--client-id', 'paper-1', '--json'];
      const code = await runCli(args, () => Promise.resolve(parseConfig(env)), { out: (t) => out.push(t), err: (t) => err.push(t) });
      expect(err.join('\n')).toBe('');
      expect(code).toBe(0);
      const order = JSON.parse(out.join('\n')) as { clientOrderId: string; status: string; filledSize: string; avgFillPrice: string };
      expect(order).toMatchObject({ clientOrderId: 'paper-1', status: 'filled', filledSize: '0.01' });
      // The paper fill follows the venue's price: within 1% of the simulator's mark.
      const mark = Number(sim.engine.marketSummary('BTC-USD-PERP').markPrice);
      expect(Math.abs(Number(order.avgFillPrice) - mark) / mark).toBeLessThan(0.01);
      // Nothing reached the venue: its only liquidity provider never traded.
      expect(sim.engine.fills('market-maker')).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });
});
