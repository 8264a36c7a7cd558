import type { Command } from 'commander';
import type { PluginInfo } from '@berth/host/control';
import type { GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { withOperations } from '../operations.js';
import { pluginList } from '../plugin-list.js';
import { printJson, printTable } from '../output.js';
import { grantLabel } from '@berth/host/control';
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

/** `berth plugins …`: list, inspect, enable, disable (through the running server when there is one). */
export function registerPlugins(program: Command, globals: () => GlobalOptions): Command {
  const plugins = program.command('plugins').description('list, inspect, enable and disable plugins');

  plugins
    .command('list')
    .description('every plugin found, with its version, type, state, root and the reason when it is not active (the running server\'s states; without one, nothing is started)')
    .option('--json', 'print stable JSON')
    .option('--static', 'kept for scripts: listing never starts plugins')
    .action(async (options: { json?: boolean }) => {
      try {
        const { plugins: list, mode } = await pluginList(globals());
        if (options.json === true) return printJson(list);
        printTable(
          ['NAME', 'VERSION', 'TYPE', 'STATE', 'ROOT', 'REASON'],
          list.map((p) => [p.name, p.version ?? '-', p.type ?? '-', p.state, p.root, reasonLine(p)]),
        );
        if (mode === 'files') process.stderr.write('(no berth serve is running: states are as resolved from the files; nothing was started)\n');
      } catch (error) {
        reportFailure(error);
      }
    });

  plugins
    .command('inspect')
    .description("one plugin's details: manifest, state, reason, tier, tools, permissions, other copies")
    .argument('<name>', 'plugin name')
    .option('--json', 'print stable JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      try {
        await withOperations(globals(), async (ops) => {
          const info = await ops.inspectPlugin(name);
          if (options.json === true) return printJson(info);
          printTable(['FIELD', 'VALUE'], [
            ['name', info.name],
            ['version', info.version ?? '-'],
            ['type', info.type ?? '-'],
            ['state', info.state],
            ['root', `${info.root} (${info.dir})`],
            ['activation', info.activation ?? '-'],
            ['tier', info.tier ?? '-'],
            ['tools', info.tools.join(', ') || '-'],
            ['permissions', info.requested.map((g) => g.permission).join(', ') || '-'],
            ['reason', reasonLine(info) || '-'],
            ['grants', info.granted.map(grantLabel).join(', ') || 'none'],
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
      } catch (error) {
        reportFailure(error);
      }
    });

  for (const verb of ['enable', 'disable'] as const) {
    plugins
      .command(verb)
      .description(`${verb} a plugin (saved in the configuration; a running berth serve ${verb === 'enable' ? 'starts' : 'stops'} it at once)`)
      .argument('<name>', 'plugin name')
      .action(async (name: string) => {
        try {
          await withOperations(globals(), async (ops) => {
            const info = verb === 'enable' ? await ops.enablePlugin(name) : await ops.disablePlugin(name);
            const now = ops.mode === 'live' ? ` (now ${info.state})` : '';
            process.stdout.write(`${name}: ${verb}d${now}\n`);
          });
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
