import path from 'node:path';
import type { Command } from 'commander';
import { SettingNotFoundError, type JsonValue } from '@berth/sdk';
import { parseSettingValue, redact, redactValue, type PluginHost } from '@berth/host';
import { configStore, withHost, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';

/** Runs `work` on a resolved (not started) host, reporting failures with the documented exit codes. */
async function onHost(globals: GlobalOptions, work: (host: PluginHost) => Promise<void>): Promise<void> {
  try {
    await withHost(globals, work, { activate: false });
  } catch (error) {
    reportFailure(error);
  }
}

/** The plugin's settings schema, after checking it declares `key`. */
function declaredSetting(host: PluginHost, plugin: string, key: string): ReturnType<PluginHost['settingsSchemaOf']> {
  const schema = host.settingsSchemaOf(plugin);
  if (!schema.names.includes(key)) throw new SettingNotFoundError(plugin, key, schema.names);
  return schema;
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
        const store = configStore(globals());
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
      onHost(globals(), async (host) => {
        const schema = host.settingsSchemaOf(plugin);
        const saved = host.config.getPluginSettings(plugin);
        const effective = redact(host.config.getPluginSettings(plugin, schema), schema);
        const rows = schema.names.map((key) => ({
          key,
          value: effective[key],
          source: Object.hasOwn(saved, key) ? 'saved' : 'default',
          secret: schema.isSecret(key),
          description: schema.configuration[key]?.description ?? '',
        }));
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
      onHost(globals(), async (host) => {
        const schema = declaredSetting(host, plugin, key);
        const value = host.config.getPluginSettings(plugin, schema)[key];
        const shown = value === undefined ? value : redactValue(key, value, schema);
        process.stdout.write(`${show(shown)}\n`);
      }),
    );

  config
    .command('set')
    .description('save a setting after validating it against the plugin’s schema (nothing is written if invalid)')
    .argument('<plugin>', 'plugin name')
    .argument('<key>', 'setting name')
    .argument('<value>', "the value (JSON for numbers, booleans, arrays and objects); '-' reads it from stdin, keeping a secret out of shell history")
    .action((plugin: string, key: string, text: string) =>
      onHost(globals(), async (host) => {
        const schema = host.settingsSchemaOf(plugin);
        const value = parseSettingValue(schema, key, text === '-' ? await readStdin() : text);
        await host.config.setSetting(plugin, key, value, schema);
        process.stdout.write(`${plugin}.${key} = ${show(redactValue(key, value, schema))}\n`);
      }),
    );

  config
    .command('unset')
    .description('remove a saved setting (its default applies again)')
    .argument('<plugin>', 'plugin name')
    .argument('<key>', 'setting name')
    .action((plugin: string, key: string) =>
      onHost(globals(), async (host) => {
        declaredSetting(host, plugin, key);
        await host.config.unsetSetting(plugin, key);
        process.stdout.write(`${plugin}.${key} unset\n`);
      }),
    );
}
