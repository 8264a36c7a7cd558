#!/usr/bin/env node
/**
 * The `berth` command. Exit codes: see `exit-codes.ts` (0 ok, 1 errors found, 2 usage, 3 not found,
 * 4 refused, 5 host failed to start).
 * @packageDocumentation
 */
import { Command } from 'commander';
import { registerCommands } from './command-table.js';
import { BERTH_VERSION } from './version.js';
import type { GlobalOptions } from './context.js';
import { ExitCode } from './exit-codes.js';
import { reportFailure } from './fail.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const program = new Command('berth')
  .description('Berth — a plugin host for AI developer assistants')
  .version(BERTH_VERSION)
  .option('--config <file>', 'configuration file to use instead of the user configuration')
  .option('--plugins-dir <dir>', 'extra plugin root (repeatable)', collect)
  .option('--log-level <level>', 'log level on stderr (fatal, error, warn, info, debug, trace)')
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : ExitCode.USAGE);
  });

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
await registerCommands(program, globals, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportFailure(error);
}
