/**
 * `flashscalper markets | account | order | cancel | cancel-all`: thin wrappers over an
 * ExchangeClient. Human tables by default, --json for scripts.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { InvalidOrderError } from '../core/errors.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import type { Order, OrderRequest, OrderType, TimeInForce } from '../core/types.js';
import { ORDER_TYPES } from '../core/types.js';
import { renderTable } from './table.js';

export interface CommandContext {
  /** Builds and connects the client for --exchange. */
  readonly client: (exchange: string) => Promise<ExchangeClient>;
  readonly print: (text: string) => void;
}

interface Common {
  exchange: string;
  json?: boolean;
}

const exchangeOption = () => new Option('-e, --exchange <name>', 'venue').choices(['paradex', 'aster']).default('paradex');

function output(ctx: CommandContext, json: boolean | undefined, value: unknown, human: () => string): void {
  ctx.print(json ? JSON.stringify(value, (k, v: unknown) => (k === 'raw' ? undefined : v), 2) : human());
}

const orderRow = (o: Order) => ({
  id: o.id,
  client_id: o.clientOrderId,
  market: o.market,
  side: o.side,
  type: o.type,
  status: o.status,
  size: o.size,
  filled: o.filledSize,
  price: o.price,
  trigger: o.triggerPrice,
  reason: o.cancelReason,
});

/** Runs fn with a connected client and always closes it. */
async function withClient<T>(ctx: CommandContext, exchange: string, fn: (client: ExchangeClient) => Promise<T>): Promise<T> {
  const client = await ctx.client(exchange);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

export function registerTradingCommands(program: Command, ctx: CommandContext): void {
  program
    .command('markets')
    .description('list tradable markets with tick, step and limits')
    .addOption(exchangeOption())
    .option('--json', 'machine-readable output')
    .action((opts: Common) =>
      withClient(ctx, opts.exchange, async (client) => {
        const markets = await client.loadMarkets();
        output(ctx, opts.json, markets, () =>
          renderTable(
            markets.map((m) => ({
              market: m.symbol,
              kind: m.kind,
              tick: m.tickSize,
              step: m.stepSize,
              min_notional: m.minNotional,
              max_order: m.maxOrderSize,
              position_limit: m.positionLimit,
            })),
          ),
        );
      }),
    );

  program
    .command('account')
    .description('balances, positions and open orders')
    .addOption(exchangeOption())
    .option('--json', 'machine-readable output')
    .action((opts: Common) =>
      withClient(ctx, opts.exchange, async (client) => {
        const [account, balances, positions, orders] = await Promise.all([
          client.getAccount(),
          client.getBalances(),
          client.getPositions(),
          client.getOpenOrders(),
        ]);
        output(ctx, opts.json, { account, balances, positions, orders }, () =>
          [
            `account ${account.account}  equity ${account.equity}  free collateral ${account.freeCollateral}  status ${account.status}`,
            '',
            'Balances',
            renderTable(balances.map((b) => ({ asset: b.asset, total: b.total, available: b.available }))),
            '',
            'Positions',
            renderTable(
              positions.map((p) => ({
                market: p.market,
                side: p.side,
                size: p.size,
                entry: p.entryPrice,
                unrealized_pnl: p.unrealizedPnl,
                realized_pnl: p.realizedPnl,
                liquidation: p.liquidationPrice,
              })),
            ),
            '',
            'Open orders',
            renderTable(orders.map(orderRow)),
          ].join('\n'),
        );
      }),
    );

  program
    .command('order')
    .description('place one order (validated and quantized before it is signed and sent)')
    .addOption(exchangeOption())
    .requiredOption('-m, --market <symbol>', 'market symbol, e.g. BTC-USD-PERP (Paradex) or BTCUSDT (Aster)')
    .addOption(new Option('-s, --side <side>', 'buy or sell').choices(['buy', 'sell']).makeOptionMandatory())
    .addOption(new Option('-t, --type <type>', 'order type').choices([...ORDER_TYPES]).default('market'))
    .requiredOption('--size <size>', 'order size in base units (decimal string, e.g. 0.01; 0 with a TP/SL closes the position)')
    .option('--price <price>', 'limit price')
    .option('--trigger-price <price>', 'trigger price for stop / take-profit / stop-loss orders')
    .option('--callback-rate <percent>', 'trailing stop callback rate in percent, 0.1 to 5 (Aster trailing_stop_market)')
    .addOption(new Option('--tif <tif>', 'time in force').choices(['gtc', 'ioc', 'fok', 'post_only']))
    .option('--reduce-only', 'never increase the position')
    .option('--client-id <id>', 'client order id (generated when omitted)')
    .option('--json', 'machine-readable output')
    .action(
      (opts: Common & {
        market: string;
        side: 'buy' | 'sell';
        type: OrderType;
        size: string;
        price?: string;
        triggerPrice?: string;
        callbackRate?: string;
        tif?: TimeInForce;
        reduceOnly?: boolean;
        clientId?: string;
      }) =>
        withClient(ctx, opts.exchange, async (client) => {
          const isTpSl = opts.type.startsWith('take_profit') || opts.type.startsWith('stop_loss');
          const request: OrderRequest = {
            market: opts.market,
            side: opts.side,
            type: opts.type,
            size: opts.size,
            ...(opts.price === undefined ? {} : { price: opts.price }),
            ...(opts.triggerPrice === undefined ? {} : { triggerPrice: opts.triggerPrice }),
            ...(opts.callbackRate === undefined ? {} : { callbackRate: opts.callbackRate }),
            ...(opts.tif === undefined ? {} : { timeInForce: opts.tif }),
            ...(opts.reduceOnly ? { reduceOnly: true } : {}),
            ...(opts.clientId === undefined ? {} : { clientOrderId: opts.clientId }),
            ...(isTpSl && /^0*\.?0*$/.test(opts.size) ? { closePosition: true } : {}),
          };
          const order = await client.placeOrder(request);
          output(ctx, opts.json, order, () => renderTable([orderRow(order)]));
        }),
    );

  program
    .command('cancel')
    .description('cancel one order by venue id or by client id')
    .addOption(exchangeOption())
    .option('--id <id>', 'venue order id')
    .option('--client-id <id>', 'client order id')
    .option('-m, --market <symbol>', 'market (speeds up cancel by client id)')
    .option('--json', 'machine-readable output')
    .action((opts: Common & { id?: string; clientId?: string; market?: string }) => {
      if ((opts.id === undefined) === (opts.clientId === undefined)) {
        throw new InvalidOrderError('give exactly one of --id or --client-id', { field: 'id', rule: 'exactly one of --id, --client-id' });
      }
      return withClient(ctx, opts.exchange, async (client) => {
        const ref =
          opts.id !== undefined
            ? { id: opts.id, ...(opts.market ? { market: opts.market } : {}) }
            : { clientOrderId: opts.clientId as string, ...(opts.market ? { market: opts.market } : {}) };
        await client.cancelOrder(ref);
        output(ctx, opts.json, { cancelRequested: ref }, () => `cancel requested for ${opts.id ?? opts.clientId} (the venue confirms asynchronously)`);
      });
    });

  program
    .command('cancel-all')
    .description('cancel every open order, in one market or all')
    .addOption(exchangeOption())
    .option('-m, --market <symbol>', 'only this market')
    .option('--json', 'machine-readable output')
    .action((opts: Common & { market?: string }) =>
      withClient(ctx, opts.exchange, async (client) => {
        await client.cancelAllOrders(opts.market);
        output(ctx, opts.json, { cancelAllRequested: opts.market ?? 'ALL' }, () => `cancel-all requested for ${opts.market ?? 'all markets'}`);
      }),
    );
}
