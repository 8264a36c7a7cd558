import type { Command } from 'commander';
import type { LogLevelName, PluginLogLine } from '@berth/host/control';
import type { GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { wholeNumber } from '../options.js';
import { withOperations } from '../operations.js';
import { untilInterrupted } from './follow.js';

const LEVELS: readonly LogLevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function lineOf(line: PluginLogLine, json: boolean): string {
  if (json) return JSON.stringify(line);
  const fields = line.fields !== undefined ? ` ${JSON.stringify(line.fields)}` : '';
  return `${line.time} ${line.level.toUpperCase().padEnd(5)} ${line.msg}${fields}`;
}

/**
 * `berth logs <plugin> [--follow]`: the plugin's own log lines (what it wrote through `context.logger`, its
 * process's stdout and stderr), kept in `<data>/logs/<plugin>.jsonl`; `--follow` streams new ones from the
 * running `berth serve`.
 */
export function registerLogs(program: Command, globals: () => GlobalOptions): void {
  program
    .command('logs')
    .description("a plugin's own log lines (structured); --follow streams them from the running berth serve")
    .argument('<plugin>', 'plugin name')
    .option('-f, --follow', 'keep printing new lines (Ctrl-C stops)')
    .option('-n, --lines <n>', 'the last n lines', wholeNumber(0), 100)
    .option('--level <level>', `only lines at this level or above (${LEVELS.join(', ')})`)
    .option('--json', 'one JSON object per line')
    .action(async (plugin: string, options: { follow?: boolean; lines: number; level?: string; json?: boolean }) => {
      try {
        const level = options.level as LogLevelName | undefined;
        if (level !== undefined && !LEVELS.includes(level)) throw new Error(`--level must be one of ${LEVELS.join(', ')}, got '${options.level ?? ''}'`);
        const json = options.json === true;
        const min = LEVELS.indexOf(level ?? 'trace');
        await withOperations(globals(), async (ops) => {
          const print = (line: PluginLogLine): void => void process.stdout.write(`${lineOf(line, json)}\n`);
          if (options.follow !== true) {
            (await ops.readLogs(plugin, { limit: options.lines, ...(level !== undefined ? { level } : {}) })).forEach(print);
            return;
          }
          // Subscribe first, then print the recent lines: nothing written in between is lost.
          const buffered: PluginLogLine[] = [];
          let live = false;
          const stop = await ops.followLogs(plugin, (line) => {
            if (LEVELS.indexOf(line.level) < min) return;
            if (live) print(line);
            else buffered.push(line);
          });
          const recent = await ops.readLogs(plugin, { limit: options.lines, ...(level !== undefined ? { level } : {}) });
          recent.forEach(print);
          const seen = new Set(recent.map((l) => JSON.stringify(l)));
          buffered.filter((l) => !seen.has(JSON.stringify(l))).forEach(print);
          live = true;
          await untilInterrupted(ops);
          stop();
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
