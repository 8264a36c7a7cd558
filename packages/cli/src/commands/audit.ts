import path from 'node:path';
import type { Command } from 'commander';
import { readAuditFile } from '@berth/host';
import { configStore, type GlobalOptions } from '../context.js';
import { wholeNumber } from '../options.js';
import { printJson, printTable } from '../output.js';

/** `berth audit [--plugin x] [--json]`: every permission decision at the boundary, allowed and denied. */
export function registerAudit(program: Command, globals: () => GlobalOptions): void {
  program
    .command('audit')
    .description('permission decisions at the sandbox boundary (time, plugin, permission, target, allowed)')
    .option('--plugin <name>', 'only this plugin')
    .option('--denied', 'only denials')
    .option('--limit <n>', 'the last n records', wholeNumber(1), 200)
    .option('--json', 'print stable JSON')
    .action((options: { plugin?: string; denied?: boolean; limit: number; json?: boolean }) => {
      const store = configStore(globals());
      const records = readAuditFile(path.join(store.paths.dataDir, 'audit.jsonl'), options.plugin !== undefined ? { plugin: options.plugin } : {})
        .filter((r) => options.denied !== true || !r.allowed)
        .slice(-options.limit);
      if (options.json === true) return printJson(records);
      printTable(
        ['TIME', 'PLUGIN', 'DECISION', 'PERMISSION', 'TARGET'],
        records.map((r) => [r.time, r.plugin, r.allowed ? 'allowed' : 'DENIED', r.permission, r.target ?? '']),
      );
    });
}
