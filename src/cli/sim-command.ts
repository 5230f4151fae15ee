/**
 * `flashscalper sim`: serves the embedded exchange simulator until stopped (Ctrl-C / SIGTERM).
 * Paradex on --port (default 8787) at the venue's paths (/v1, WebSocket /v1); Aster on --port
 * (default 8788) or, with --exchange all, on --aster-port. The URLs match the `local`
 * environment defaults, so the CLI and the bot find them without configuration.
 */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { VenueName } from '../simulator/dialect.js';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';

export const DEFAULT_SIM_PORTS: Record<VenueName, number> = { paradex: 8787, aster: 8788 };

interface SimOptions {
  exchange: 'paradex' | 'aster' | 'all';
  port?: number;
  asterPort?: number;
  seed: string;
  speed: number;
  balance: string;
}

export interface SimCommandContext {
  readonly print: (text: string) => void;
  /** Resolves when the process is asked to stop (defaults to SIGINT/SIGTERM). */
  readonly untilStopped?: () => Promise<void>;
}

export function registerSimCommand(program: Command, ctx: SimCommandContext): void {
  program
    .command('sim')
    .description('run the local exchange simulator (REST + WebSocket on one port, the venue paths) until stopped')
    .addOption(new Option('-e, --exchange <name>', 'venue to serve').choices(['paradex', 'aster', 'all']).default('paradex'))
    .option('-p, --port <port>', 'port (default 8787 for Paradex, 8788 for Aster; 0 = any free port)', parsePort)
    .option('--aster-port <port>', 'Aster port when --exchange all (default 8788)', parsePort)
    .option('--seed <n>', 'seed of the simulated market', '1')
    .option('--speed <x>', 'simulated ms per real ms', parseSpeed, 1)
    .option('--balance <usd>', 'collateral a new account receives once onboarded', parseBalance, '100000')
    .action(async (options: SimOptions) => {
      const venues: VenueName[] = options.exchange === 'all' ? ['paradex', 'aster'] : [options.exchange];
      const handles: SimulatorHandle[] = [];
      try {
        for (const venue of venues) {
          const port = portFor(venue, options);
          const handle = await startSimulator({
            exchange: venue,
            port,
            seed: options.seed,
            speed: options.speed,
            initialBalance: options.balance,
          });
          handles.push(handle);
          ctx.print(`${venue} simulator: REST ${handle.httpUrl}  WebSocket ${handle.wsUrl}  control ${handle.controlUrl}`);
        }
        ctx.print('press Ctrl-C to stop');
        await (ctx.untilStopped ?? untilSignal)();
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
      }
    });
}

function portFor(venue: VenueName, options: SimOptions): number {
  const explicit = options.exchange === 'all' && venue === 'aster' ? options.asterPort : options.port;
  return explicit ?? DEFAULT_SIM_PORTS[venue];
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new InvalidArgumentError('must be an integer from 0 to 65535.');
  return port;
}

function parseSpeed(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be a number greater than 0.');
  return value;
}

function parseBalance(text: string): string {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) throw new InvalidArgumentError('must be a positive decimal like "100000".');
  return text;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
