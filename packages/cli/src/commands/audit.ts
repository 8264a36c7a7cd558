import type { Command } from 'commander';
import type { AuditRecord } from '@berth/host/control';
import type { GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { wholeNumber } from '../options.js';
import { withOperations } from '../operations.js';
import { printJson, printTable } from '../output.js';
import { untilInterrupted } from './follow.js';

function row(r: AuditRecord): string[] {
  return [r.time, r.plugin, r.allowed ? 'allowed' : 'DENIED', r.permission, r.target ?? ''];
}

/** `berth audit [--plugin x] [--denied] [--follow] [--json]`: every permission decision at the boundary, allowed and denied. */
export function registerAudit(program: Command, globals: () => GlobalOptions): void {
  program
    .command('audit')
    .description('permission decisions at the sandbox boundary (time, plugin, permission, target, allowed)')
    .option('--plugin <name>', 'only this plugin')
    .option('--denied', 'only denials')
    .option('--limit <n>', 'the last n records', wholeNumber(1), 200)
    .option('-f, --follow', 'keep printing new decisions of the running berth serve (Ctrl-C stops)')
    .option('--json', 'print stable JSON (with --follow: one JSON object per line)')
    .action(async (options: { plugin?: string; denied?: boolean; limit: number; follow?: boolean; json?: boolean }) => {
      try {
        await withOperations(globals(), async (ops) => {
          const query = { ...(options.plugin !== undefined ? { plugin: options.plugin } : {}), ...(options.denied === true ? { denied: true } : {}), limit: options.limit };
          const records = await ops.queryAudit(query);
          if (options.follow !== true) {
            if (options.json === true) return printJson(records);
            return printTable(['TIME', 'PLUGIN', 'DECISION', 'PERMISSION', 'TARGET'], records.map(row));
          }
          const print = (r: AuditRecord): void => void process.stdout.write(options.json === true ? `${JSON.stringify(r)}\n` : `${row(r).join('  ')}\n`);
          records.forEach(print);
          const stop = await ops.subscribe((event) => {
            if (event.type !== 'audit') return;
            const r = event.record;
            if ((options.plugin === undefined || r.plugin === options.plugin) && (options.denied !== true || !r.allowed)) print(r);
          });
          await untilInterrupted(ops);
          stop();
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
