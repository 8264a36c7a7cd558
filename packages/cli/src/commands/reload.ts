import type { Command } from 'commander';
import { ReloadNoServerError } from '@berth/sdk';
import { describeReloadOutcome, type SerializedReloadOutcome } from '@berth/host';
import { configStore, type GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { reportFailure } from '../fail.js';
import { printJson } from '../output.js';

/** The exit code of an outcome: 0 reloaded or updated, 4 waiting for approval, 3 unknown plugin, 1 failed. */
function exitCodeOf(outcome: SerializedReloadOutcome): number {
  if (outcome.status === 'needs-approval') return ExitCode.REFUSED;
  if (outcome.status !== 'failed') return ExitCode.OK;
  return outcome.error.code === 'BERTH_PLUGIN_NOT_FOUND' ? ExitCode.NOT_FOUND : ExitCode.ERRORS;
}

/** One line for a serialized outcome. */
function lineOf(outcome: SerializedReloadOutcome): string {
  if (outcome.status !== 'failed') return `${outcome.plugin}: ${describeReloadOutcome(outcome)}`;
  return `error ${outcome.error.code}: ${outcome.error.message}`;
}

/**
 * `berth plugins reload <name>`: asks the running `berth serve` (the one using the same data folder) to hot-reload
 * a plugin from its folder, and prints what happened. There is no control socket: the request is a file in
 * `<data>/reload-requests/` that every `berth serve` watches (see `docs/architecture.md`, "Hot reload").
 */
export function registerReload(plugins: Command, globals: () => GlobalOptions): void {
  plugins
    .command('reload')
    .description("ask the running 'berth serve' to hot-reload a plugin from its folder (the running version serves until the new one is ready)")
    .argument('<name>', 'plugin name')
    .option('--json', 'print the outcome as stable JSON')
    .option('--timeout <ms>', 'how long to wait for the server to answer', '30000')
    .action(async (name: string, options: { json?: boolean; timeout: string }) => {
      try {
        void configStore(globals());
        const outcome: SerializedReloadOutcome = await Promise.reject(new ReloadNoServerError(name, `${options.timeout}`));
        if (options.json === true) printJson(outcome);
        else (outcome.status === 'failed' ? process.stderr : process.stdout).write(`${lineOf(outcome)}\n`);
        process.exitCode = exitCodeOf(outcome);
      } catch (error) {
        reportFailure(error);
      }
    });
}
