/**
 * The `flashscalper` command tree. Kept apart from cli.ts (the process entry point) so tests can
 * run commands in-process with their own output sink and configuration.
 */
import { Command, CommanderError } from 'commander';
import type { AppConfig } from '../config/index.js';
import { NotSupportedError, TransportError } from '../core/errors.js';
import type { ExchangeClient } from '../core/exchange-client.js';
import { ParadexClient } from '../exchanges/paradex/client.js';
import { PaperExchangeClient } from '../paper/index.js';
import { ASTER_CHAIN_ID } from '../exchanges/aster/auth/eip712.js';
import { AsterClient } from '../exchanges/aster/client.js';
import { describeError, EXIT } from './errors.js';
import { registerDemoCommand } from './demo-command.js';
import { registerSimCommand } from './sim-command.js';
import { registerTradingCommands } from './trading-commands.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * The client the commands trade through. With TRADING_MODE=paper the venue client only supplies
 * market data: orders fill on a local PaperExchangeClient (the simulator's engine) mirroring its
 * prices, so the same commands and bot run paper or live.
 */
export async function createConnectedClient(exchange: string, config: AppConfig): Promise<ExchangeClient> {
  const venue = await connectVenue(exchange, config);
  if (config.tradingMode !== 'paper') return venue;
  const paper = new PaperWithSource(venue);
  try {
    await paper.connect();
  } catch (error) {
    await paper.close();
    throw error;
  }
  return paper;
}

/** Starting collateral of a paper account, as the simulator's faucet gives. */
export const PAPER_COLLATERAL = '100000';

class PaperWithSource extends PaperExchangeClient {
  readonly #source: ExchangeClient;

  constructor(source: ExchangeClient) {
    super({ exchange: source.exchange, marketData: source, collateral: PAPER_COLLATERAL });
    this.#source = source;
  }

  override async close(): Promise<void> {
    await super.close();
    await this.#source.close();
  }
}

async function connectVenue(exchange: string, config: AppConfig): Promise<ExchangeClient> {
  if (exchange === 'paradex') {
    const client = new ParadexClient({
      apiBaseUrl: config.paradex.apiBaseUrl,
      wsUrl: config.paradex.wsBaseUrl,
      credentials: config.paradex.credentials,
      allowDevKey: config.paradex.environment === 'local',
      precision: config.paradex.precision,
      ...(config.paradex.wsPublicEncoding === undefined ? {} : { publicEncoding: config.paradex.wsPublicEncoding }),
      rateLimitPerSec: config.paradex.trading.rateLimitPerSec,
    });
    return connectOrExplain(client, 'Paradex', config.paradex.apiBaseUrl, 'PARADEX');
  }
  if (exchange === 'aster') {
    // V3 or V1 by the credentials; the testnet chain id on testnet.
    const client = new AsterClient({
      apiBaseUrl: config.aster.apiBaseUrl,
      wsBaseUrl: config.aster.wsBaseUrl,
      credentials: config.aster.credentials,
      allowDevKey: config.aster.environment === 'local',
      chainId: config.aster.environment === 'testnet' ? ASTER_CHAIN_ID.testnet : ASTER_CHAIN_ID.mainnet,
      precision: config.aster.precision,
      rateLimitPerSec: config.aster.trading.rateLimitPerSec,
    });
    return connectOrExplain(client, 'Aster', config.aster.apiBaseUrl, 'ASTER');
  }
  throw new NotSupportedError(`exchange "${exchange}" is not available`);
}

/** Connects; a venue that cannot be reached gets a message saying where we looked and what to set. */
async function connectOrExplain(client: ExchangeClient, venue: string, url: string, envPrefix: string): Promise<ExchangeClient> {
  try {
    await client.connect();
  } catch (error) {
    await client.close();
    if (error instanceof TransportError && error.outcome === 'rejected') {
      throw new TransportError(
        `cannot reach ${venue} at ${url} (${error.message}); start a ${venue}-compatible server there (flashscalper sim), or set ${envPrefix}_API_BASE_URL or ${envPrefix}_ENVIRONMENT`,
        { exchange: client.exchange, outcome: 'rejected', cause: error },
      );
    }
    throw error;
  }
  return client;
}

export function buildProgram(config: () => Promise<AppConfig>, io: CliIo): Command {
  const program = new Command('flashscalper')
    .description('FlashScalper exchange layer: trade Paradex and Aster perpetuals from the command line')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerTradingCommands(program, {
    client: async (exchange) => createConnectedClient(exchange, await config()),
    print: io.out,
  });
  registerSimCommand(program, { print: io.out });
  registerDemoCommand(program, { config, connect: createConnectedClient, print: io.out });
  return program;
}

/** Runs argv (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], config: () => Promise<AppConfig>, io: CliIo): Promise<number> {
  const program = buildProgram(config, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { message, exitCode } = describeError(error);
    io.err(`error: ${message}`);
    return exitCode;
  }
}
