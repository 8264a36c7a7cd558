import type { Command } from 'commander';
import { PluginNotFoundError } from '@berth/sdk';
import { effectiveGrants, type PluginInfo } from '@berth/host';
import { grantLabel } from '../permission-text.js';
import { withHost, type GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { printJson, printTable } from '../output.js';
import { registerInstall } from './install.js';
import { registerUpdate } from './plugin-update.js';
import { registerReload } from './reload.js';

function reasonLine(info: PluginInfo): string {
  if (info.reason !== undefined) return info.reason.message;
  if (info.missingPermissions !== undefined) {
    return `waiting for approval of: ${info.missingPermissions.map((g) => g.permission).join(', ')}`;
  }
  return '';
}

/** `berth plugins …`: list, inspect, enable, disable. */
export function registerPlugins(program: Command, globals: () => GlobalOptions): Command {
  const plugins = program.command('plugins').description('list, inspect, enable and disable plugins');

  plugins
    .command('list')
    .description('every plugin found, with its version, type, state, root and the reason when it is not active')
    .option('--json', 'print stable JSON')
    .option('--static', 'only discover and resolve; do not start plugins')
    .action(async (options: { json?: boolean; static?: boolean }) => {
      await withHost(globals(), async (host) => {
        const list = host.list();
        if (options.json === true) return printJson(list);
        printTable(
          ['NAME', 'VERSION', 'TYPE', 'STATE', 'ROOT', 'REASON'],
          list.map((p) => [p.name, p.version ?? '-', p.type ?? '-', p.state, p.root, reasonLine(p)]),
        );
      }, { activate: options.static !== true });
    });

  plugins
    .command('inspect')
    .description("one plugin's details: manifest, state, reason, tier, other copies")
    .argument('<name>', 'plugin name')
    .option('--json', 'print stable JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      await withHost(globals(), async (host) => {
        const info = host.get(name);
        if (info === undefined) throw new PluginNotFoundError(name);
        const tools = host.api.tools.list().filter((t) => t.plugin === name).map((t) => t.id);
        const grants = effectiveGrants(host.config.read(), name, info.root, host.manifestOf(name), info.identity);
        if (options.json === true) return printJson({ ...info, tools, grants });
        printTable(['FIELD', 'VALUE'], [
          ['name', info.name],
          ['version', info.version ?? '-'],
          ['type', info.type ?? '-'],
          ['state', info.state],
          ['root', `${info.root} (${info.dir})`],
          ['activation', info.activation ?? '-'],
          ['tier', info.tier ?? '-'],
          ['tools', tools.join(', ') || '-'],
          ['reason', reasonLine(info) || '-'],
          ['grants', grants.map(grantLabel).join(', ') || 'none'],
          ...(info.install !== undefined
            ? ([
                ['source', `${info.install.source} ${info.install.spec}`],
                ['package', `${info.install.packageName}@${info.install.version} (${info.install.packages} packages locked)`],
                ['integrity', info.install.integrity],
                ['previous', info.install.previousVersion ?? '-'],
              ] as [string, string][])
            : []),
          ['identity', info.identity ?? '-'],
          ...info.others.map((o) => ['other copy', `${o.version ?? '?'} at ${o.dir}: ${o.reason}`] as [string, string]),
        ]);
      });
    });

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    plugins
      .command(verb)
      .description(`${verb} a plugin (saved in the configuration; a running berth serve picks it up)`)
      .argument('<name>', 'plugin name')
      .action(async (name: string) => {
        try {
          await withHost(globals(), async (host) => {
            if (host.get(name) === undefined) throw new PluginNotFoundError(name);
            await host.config.setEnabled(name, enabled);
            process.stdout.write(`${name}: ${enabled ? 'enabled' : 'disabled'}\n`);
          }, { activate: false });
        } catch (error) {
          reportFailure(error);
        }
      });
  }
  registerInstall(plugins, globals);
  registerReload(plugins, globals);
  registerUpdate(plugins, globals);
  return plugins;
}
