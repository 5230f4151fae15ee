/**
 * The flashscalper CLI against the Paradex-compatible test server: in-process for most commands,
 * and once through the real bin launcher in a child process, as a user runs it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { runCli } from '../../../src/cli/program.js';
import type { TestServer } from '../../support/paradex-test-server.js';
import { startParadexTestServer } from '../../support/paradex-test-server.js';

const ETH_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
let server: TestServer;

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const config = () => Promise.resolve(parseConfig({ PARADEX_API_BASE_URL: server.url, PARADEX_PRIVATE_KEY: ETH_KEY, ...env }));
  const code = await runCli(args, config, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  server = await startParadexTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('flashscalper CLI', () => {
  it('lists markets as a table and as JSON', async () => {
    const table = await run(['markets']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/BTC-USD-PERP\s+PERP\s+0\.1\s+0\.001\s+500/);
    const json = await run(['markets', '--json']);
    expect(JSON.parse(json.out)[0]).toMatchObject({ symbol: 'BTC-USD-PERP', tickSize: '0.1' });
  });

  it('places, shows and cancels an order', async () => {
    const placed = await run(['order', '--market', 'BTC-USD-PERP', '--side', 'buy', '--type', 'limit', '--size', '0.01', '--price', '60000', '--client-id', 'cli-1', '--json']);
    expect(placed.code).toBe(0);
    const order = JSON.parse(placed.out) as { id: string; clientOrderId: string; status: string };
    expect(order).toMatchObject({ clientOrderId: 'cli-1', status: 'new' });
    const account = await run(['account']);
    expect(account.code).toBe(0);
    expect(account.out).toContain('cli-1');
    const cancel = await run(['cancel', '--client-id', 'cli-1', '--market', 'BTC-USD-PERP']);
    expect(cancel.code).toBe(0);
    expect(server.orders.get(order.id)?.status).toBe('CLOSED');
    expect((await run(['cancel-all', '--market', 'BTC-USD-PERP'])).code).toBe(0);
  });

  it('fails with the typed error, its field and rule, and a non-zero exit code', async () => {
    const bad = await run(['order', '--market', 'BTC-USD-PERP', '--side', 'buy', '--type', 'limit', '--size', '0.01']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/InvalidOrderError: .*field price/);
    const usage = await run(['order', '--market', 'BTC-USD-PERP', '--side', 'up', '--size', '1']);
    expect(usage.code).toBe(2);
    const both = await run(['cancel', '--id', '1', '--client-id', 'x']);
    expect(both.code).toBe(1);
    expect(both.err).toContain('exactly one of --id or --client-id');
    const config = await run(['markets'], { PARADEX_LEVERAGE: 'lots' });
    expect(config.code).toBe(3);
    expect(config.err).toContain('PARADEX_LEVERAGE: must be a decimal number');
  });

  it('runs from the bin launcher in a child process, reading the environment', async () => {
    const bin = fileURLToPath(new URL('../../../bin/flashscalper.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'markets', '--json'], {
      env: { ...process.env, PARADEX_API_BASE_URL: server.url, PARADEX_PRIVATE_KEY: ETH_KEY },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout).map((m: { symbol: string }) => m.symbol)).toContain('BTC-USD-PERP');
  });
});
