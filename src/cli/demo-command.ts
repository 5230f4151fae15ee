/**
 * `flashscalper demo`: the main job until the trading loop lands. Starts the embedded simulator,
 * connects a real client to it over HTTP (deriving keys, onboarding and authenticating exactly as on
 * the venue) and walks one visible round trip: a resting order and its cancel, a market entry, the
 * position and its PnL as the price moves, and the exit.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { AppConfig } from '../config/index.js';
import { add, compare, div, mul, quantize, sub } from '../core/decimal.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { Market, Order, OrderRef } from '../core/types.js';
import type { VenueName } from '../simulator/dialect.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';

export interface DemoContext {
  readonly config: () => Promise<AppConfig>;
  readonly connect: (exchange: VenueName, config: AppConfig) => Promise<ExchangeClient>;
  readonly print: (text: string) => void;
}

const DEMO_MARKET: Record<VenueName, string> = { paradex: 'BTC-USD-PERP', aster: 'BTCUSDT' };
const FINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);

export function registerDemoCommand(program: Command, ctx: DemoContext): void {
  program
    .command('demo')
    .description('start the embedded simulator and trade one visible round trip on it through the real client')
    .addOption(new Option('-e, --exchange <name>', 'venue dialect to run').choices(['paradex', 'aster']).default('paradex'))
    .option('--seed <n>', 'seed of the simulated market', '7')
    .action(async (options: { exchange: VenueName; seed: string }) => {
      const sim = await startSimulator({ exchange: options.exchange, port: 0, seed: options.seed });
      let client: ExchangeClient | undefined;
      try {
        ctx.print(`simulator: REST ${sim.httpUrl}  WebSocket ${sim.wsUrl}`);
        const config = pointAt(await ctx.config(), options.exchange, sim);
        ctx.print('connecting: deriving keys, onboarding and authenticating against the simulator...');
        client = await ctx.connect(options.exchange, config);
        await roundTrip(client, sim, DEMO_MARKET[options.exchange], ctx.print);
      } finally {
        await client?.close();
        await sim.close();
      }
    });
}

function pointAt(config: AppConfig, venue: VenueName, sim: SimulatorHandle): AppConfig {
  return venue === 'paradex'
    ? { ...config, paradex: { ...config.paradex, environment: 'local', apiBaseUrl: sim.httpUrl, wsBaseUrl: sim.wsUrl } }
    : { ...config, aster: { ...config.aster, environment: 'local', apiBaseUrl: sim.httpUrl, wsBaseUrl: sim.wsUrl } };
}

async function roundTrip(client: ExchangeClient, sim: SimulatorHandle, symbol: string, print: (text: string) => void): Promise<void> {
  const account = await client.getAccount();
  print(`account ${account.account}: equity ${account.equity} USD, free collateral ${account.freeCollateral}`);
  const market = client.market(symbol);
  print(`${market.symbol}: tick ${market.tickSize}, step ${market.stepSize}, min notional ${market.minNotional}`);
  const bbo = await client.getBBO(symbol);
  if (bbo.bid === undefined || bbo.ask === undefined) throw new Error(`${symbol} has no two-sided market on the simulator`);
  print(`best bid ${bbo.bid} x ${bbo.bidSize ?? '?'} | best ask ${bbo.ask} x ${bbo.askSize ?? '?'}`);

  const size = entrySize(market, bbo.ask);
  const restingPrice = quantize(mul(bbo.bid, '0.95'), market.tickSize, 'down');
  const resting = await client.placeOrder({ market: symbol, side: 'buy', type: 'limit', size, price: restingPrice, timeInForce: 'post_only' });
  const open = await settle(client, ref(resting), (o) => o.status !== 'new');
  print(`1. post-only buy ${size} @ ${restingPrice}: ${open.status} (id ${open.id}, client id ${open.clientOrderId})`);
  await client.cancelOrder(ref(open));
  const canceled = await settle(client, ref(open), (o) => FINAL.has(o.status));
  print(`2. cancel it: ${canceled.status}`);

  const entry = await client.placeOrder({ market: symbol, side: 'buy', type: 'market', size });
  const filled = await settle(client, ref(entry), (o) => FINAL.has(o.status));
  print(`3. market buy ${size}: ${filled.status}, filled ${filled.filledSize} at average ${filled.avgFillPrice ?? '-'}`);
  await showPosition(client, symbol, 'position after the entry', print);

  sim.control.movePrice(symbol, '1');
  print(`4. the simulator moves ${symbol}'s mark price up 1%`);
  await showPosition(client, symbol, 'position after the move', print);

  const exit = await client.placeOrder({ market: symbol, side: 'sell', type: 'market', size, reduceOnly: true });
  const closed = await settle(client, ref(exit), (o) => FINAL.has(o.status));
  print(`5. reduce-only market sell ${size}: ${closed.status}, filled ${closed.filledSize} at average ${closed.avgFillPrice ?? '-'}`);
  const fills = await client.getFills({ market: symbol });
  const fees = fills.reduce((total, fill) => add(total, fill.fee), '0');
  print(`fills: ${fills.length}, fees paid ${fees} USD`);
  const after = await client.getAccount();
  print(`account equity ${after.equity} USD (was ${account.equity}: ${signed(sub(after.equity, account.equity))} USD)`);
  const positions = await client.getPositions();
  print(positions.some((p) => p.market === symbol) ? `still open on ${symbol}!` : `flat on ${symbol}: round trip complete`);
}

async function showPosition(client: ExchangeClient, symbol: string, label: string, print: (text: string) => void): Promise<void> {
  const position = (await client.getPositions()).find((p) => p.market === symbol);
  if (!position) return print(`${label}: none`);
  print(`${label}: ${position.side} ${position.size} @ ${position.entryPrice}, unrealized PnL ${position.unrealizedPnl} USD`);
}

/** The smallest step-aligned size worth at least twice the market's minimum notional. */
function entrySize(market: Market, price: string): string {
  const target = mul(compare(market.minNotional, '0') > 0 ? market.minNotional : '10', '2');
  const minimum = quantize(div(target, price, 18, 'ceil'), market.stepSize, 'up');
  return compare(minimum, market.stepSize) < 0 ? market.stepSize : minimum;
}

function ref(order: Order): OrderRef {
  return { id: order.id, market: order.market };
}

function signed(value: string): string {
  return value.startsWith('-') ? value : `+${value}`;
}

/** Polls the venue until the order satisfies `done` (the venue answers "new" first and acts asynchronously). */
async function settle(client: ExchangeClient, orderRef: OrderRef, done: (order: Order) => boolean, timeoutMs = 10_000): Promise<Order> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await client.getOrder(orderRef);
    if (order && done(order)) return order;
    if (Date.now() > deadline) throw new Error(`order ${'id' in orderRef ? orderRef.id : orderRef.clientOrderId} did not settle within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
