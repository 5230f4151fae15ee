/**
 * `flashscalper sim` as a user runs it (child process through the bin launcher, stopped with
 * SIGINT) and `flashscalper demo` (the main job) in process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { runCli } from '../../../src/cli/program.js';

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
