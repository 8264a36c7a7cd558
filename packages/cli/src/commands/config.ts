import path from 'node:path';
import type { Command } from 'commander';
import type { JsonValue } from '@berth/sdk';
import type { ControlOperations } from '@berth/host/control';
import { configStore, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { withOperations } from '../operations.js';
import { printJson, printTable } from '../output.js';

/** Runs `work` on the operations (the running server's, or the files'), reporting failures with the documented exit codes. */
async function onOps(globals: GlobalOptions, work: (ops: ControlOperations) => Promise<void>): Promise<void> {
  try {
    await withOperations(globals, work);
  } catch (error) {
    reportFailure(error);
  }
}

/** The whole of stdin, without its final newline. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function show(value: JsonValue | undefined): string {
  return value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** `berth config list|get|set|unset <plugin> [key] [value]`: secrets are shown as `********`. */
export function registerConfig(program: Command, globals: () => GlobalOptions): void {
  const config = program.command('config').description("read and change a plugin's settings (validated; secrets kept apart, shown as ********)");

  config
    .command('trust')
    .description("let a project folder's .berth/config.json override the user configuration (settings, enabled, aliases; never grants or secrets)")
    .argument('[dir]', 'the project folder', '.')
    .option('--remove', 'stop trusting it')
    .action(async (dir: string, options: { remove?: boolean }) => {
      try {
        const store = await configStore(globals());
        await store.load();
        await store.setProjectTrusted(dir, options.remove !== true);
        process.stdout.write(`${options.remove === true ? 'no longer trusted' : 'trusted'}: ${path.resolve(dir)}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });

  config
    .command('list')
    .description("every setting of a plugin: its effective value, whether it is saved or the default, and what it is")
    .argument('<plugin>', 'plugin name')
    .option('--json', 'print stable JSON')
    .action((plugin: string, options: { json?: boolean }) =>
      onOps(globals(), async (ops) => {
        const rows = await ops.listSettings(plugin);
        if (options.json === true) return printJson(rows);
        printTable(['KEY', 'VALUE', 'SOURCE', 'DESCRIPTION'], rows.map((r) => [r.key, show(r.value), r.source, r.description]));
      }),
    );

  config
    .command('get')
    .description("one setting's effective value (a secret is shown as ********)")
    .argument('<plugin>', 'plugin name')
    .argument('<key>', 'setting name')
    .action((plugin: string, key: string) =>
      onOps(globals(), async (ops) => {
        process.stdout.write(`${show((await ops.getSetting(plugin, key)).value)}\n`);
      }),
    );

  config
    .command('set')
    .description('save a setting after validating it against the plugin’s schema (nothing is written if invalid); a running server applies it at once')
    .argument('<plugin>', 'plugin name')
    .argument('<key>', 'setting name')
    .argument('<value>', "the value (JSON for numbers, booleans, arrays and objects); '-' reads it from stdin, keeping a secret out of shell history")
    .action((plugin: string, key: string, text: string) =>
      onOps(globals(), async (ops) => {
        const set = await ops.setSetting(plugin, key, { text: text === '-' ? await readStdin() : text });
        process.stdout.write(`${plugin}.${key} = ${show(set.value)}\n`);
      }),
    );

  config
    .command('unset')
    .description('remove a saved setting (its default applies again)')
    .argument('<plugin>', 'plugin name')
    .argument('<key>', 'setting name')
    .action((plugin: string, key: string) =>
      onOps(globals(), async (ops) => {
        await ops.unsetSetting(plugin, key);
        process.stdout.write(`${plugin}.${key} unset\n`);
      }),
    );
}
