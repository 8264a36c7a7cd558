import type { Command } from 'commander';
import { ReloadNoServerError } from '@berth/sdk/errors';
import { describeOutcome, type SerializedReloadOutcome } from '@berth/host/control';
import type { GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { reportFailure } from '../fail.js';
import { connectServer, controlTarget } from '../operations.js';
import { printJson } from '../output.js';

/** The exit code of an outcome: 0 reloaded or updated, 4 waiting for approval, 3 unknown plugin, 1 failed. */
function exitCodeOf(outcome: SerializedReloadOutcome): number {
  if (outcome.status === 'needs-approval') return ExitCode.REFUSED;
  if (outcome.status !== 'failed') return ExitCode.OK;
  return outcome.error.code === 'BERTH_PLUGIN_NOT_FOUND' ? ExitCode.NOT_FOUND : ExitCode.ERRORS;
}

/** One line for an outcome. */
function lineOf(outcome: SerializedReloadOutcome): string {
  if (outcome.status !== 'failed') return `${outcome.plugin}: ${describeOutcome(outcome)}`;
  return `error ${outcome.error.code}: ${outcome.error.message}`;
}

/**
 * `berth plugins reload <name>`: asks the running `berth serve` (the one using the same data folder), over its
 * control socket, to hot-reload a plugin from its folder — or to load it, when the folder is new to it — and prints
 * what happened.
 */
export function registerReload(plugins: Command, globals: () => GlobalOptions): void {
  plugins
    .command('reload')
    .description("ask the running 'berth serve' to hot-reload a plugin from its folder, or load a new one (the running version serves until the new one is ready)")
    .argument('<name>', 'plugin name')
    .option('--json', 'print the outcome as stable JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      try {
        const client = await connectServer(globals());
        if (client === undefined) throw new ReloadNoServerError(name, controlTarget(globals()).socket);
        try {
          const outcome = await client.reloadPlugin(name);
          if (options.json === true) printJson(outcome);
          else (outcome.status === 'failed' ? process.stderr : process.stdout).write(`${lineOf(outcome)}\n`);
          process.exitCode = exitCodeOf(outcome);
        } finally {
          client.close();
        }
      } catch (error) {
        reportFailure(error);
      }
    });
}
