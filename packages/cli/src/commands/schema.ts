import type { Command } from 'commander';
import { printJson } from '../output.js';

/** `berth schema`: prints the JSON Schema of `plugin.json`. */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of plugin.json (for "$schema" and editors)')
    .action(async () => printJson((await import('@berth/sdk')).pluginManifestJsonSchema()));
}
