#!/usr/bin/env node
/** Process entry point of the `flashscalper` command (see src/cli/program.ts for the commands). */
import { loadConfig } from './config/index.js';
import { runCli } from './cli/program.js';

const code = await runCli(process.argv.slice(2), loadConfig, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
