#!/usr/bin/env node
/**
 * The `berth` command. Exit codes: see `exit-codes.ts` (0 ok, 1 errors found, 2 usage, 3 not found,
 * 4 refused, 5 host failed to start).
 * @packageDocumentation
 */
import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerConfig } from './commands/config.js';
import { registerDev } from './commands/dev.js';
import { registerDoctor } from './commands/doctor.js';
import { registerModels } from './commands/models.js';
import { registerPermissions } from './commands/permissions.js';
import { registerPlugins } from './commands/plugins.js';
import { registerProviders } from './commands/providers.js';
import { registerSchema } from './commands/schema.js';
import { registerTools } from './commands/tools.js';
import { registerServe } from './commands/serve.js';
import { registerValidate } from './commands/validate.js';
import { registerAuthorKit } from './commands/author-kit.js';
import { registerMcp } from './commands/mcp.js';
import { registerLogs } from './commands/logs.js';
import { registerCompletion } from './commands/completion.js';
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
registerServe(program, globals);
registerDev(program, globals);
registerPlugins(program, globals);
registerTools(program, globals);
registerConfig(program, globals);
registerPermissions(program, globals);
registerAudit(program, globals);
registerDoctor(program, globals);
registerModels(program, globals);
registerProviders(program, globals);
registerValidate(program);
registerSchema(program);
registerAuthorKit(program, globals);
registerMcp(program, globals);
registerLogs(program, globals);
registerCompletion(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportFailure(error);
}
