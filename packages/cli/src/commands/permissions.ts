import type { Command } from 'commander';
import { isPermissionName, PluginNotFoundError } from '@berth/sdk';
import { addGrant, diffGrants, effectiveGrants, requestedGrants, revokeGrant, setGrants, type PluginHost, type SavedGrant } from '@berth/host';
import { withHost, type GlobalOptions } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { reportFailure } from '../fail.js';
import { grantLabel } from '../permission-text.js';
import { printJson, printTable } from '../output.js';

/** The grants in force for `name` and what its manifest requests. */
function grantsOfPlugin(host: PluginHost, name: string): { granted: readonly SavedGrant[]; requested: SavedGrant[]; version?: string; identity?: string } {
  const info = host.get(name);
  const manifest = host.manifestOf(name);
  if (info === undefined || manifest === undefined) return { granted: [], requested: [] };
  return {
    granted: effectiveGrants(host.config.read(), name, info.root, manifest, info.identity),
    requested: requestedGrants(manifest),
    version: manifest.version,
    ...(info.identity !== undefined ? { identity: info.identity } : {}),
  };
}

async function onHost(globals: GlobalOptions, name: string | undefined, work: (host: PluginHost) => Promise<void>): Promise<void> {
  try {
    await withHost(globals, async (host) => {
      if (name !== undefined && host.get(name) === undefined) throw new PluginNotFoundError(name);
      await work(host);
    }, { activate: false });
  } catch (error) {
    reportFailure(error);
  }
}

/** `berth permissions list|grant|revoke <plugin> [permission]`. */
export function registerPermissions(program: Command, globals: () => GlobalOptions): void {
  const permissions = program.command('permissions').description('what each plugin requests and what the user granted');

  permissions
    .command('list')
    .description('requested and granted permissions, per plugin')
    .argument('[plugin]', 'only this plugin')
    .option('--json', 'print stable JSON')
    .action((plugin: string | undefined, options: { json?: boolean }) =>
      onHost(globals(), plugin, async (host) => {
        const names = plugin !== undefined ? [plugin] : host.list().filter((p) => p.version !== undefined).map((p) => p.name);
        const rows = names.map((name) => {
          const { granted, requested } = grantsOfPlugin(host, name);
          // Core plugins shipped with Berth come approved by the default configuration until the user edits them.
          const coreDefault = host.get(name)?.root === 'core' && host.config.read().plugins?.[name]?.grants === undefined;
          return { plugin: name, requested, granted, missing: diffGrants(requested, granted), coreDefault };
        });
        if (options.json === true) return printJson(rows);
        printTable(
          ['PLUGIN', 'GRANTED', 'WAITING FOR APPROVAL'],
          rows.map((r) => [
            r.plugin,
            `${r.granted.map(grantLabel).join(', ') || '-'}${r.coreDefault ? ' (core plugin: approved by default)' : ''}`,
            r.missing.map(grantLabel).join(', ') || '-',
          ]),
        );
      }),
    );

  permissions
    .command('grant')
    .description('grant a permission (optionally scoped) to a plugin; with no permission, approve everything it requests')
    .argument('<plugin>', 'plugin name')
    .argument('[permission]', 'e.g. network, filesystem.read')
    .option('--scope <value...>', 'paths, hosts or variable names the grant is limited to')
    .option('--force', 'grant a permission the plugin does not request')
    .action((plugin: string, permission: string | undefined, options: { scope?: string[]; force?: boolean }) =>
      onHost(globals(), plugin, async (host) => {
        const { granted, requested, version, identity } = grantsOfPlugin(host, plugin);
        if (permission !== undefined && !isPermissionName(permission)) {
          process.stderr.write(`unknown permission '${permission}' (see docs/security.md for the catalogue)\n`);
          process.exitCode = ExitCode.USAGE;
          return;
        }
        if (permission !== undefined && options.force !== true && !requested.some((g) => g.permission === permission)) {
          const asks = requested.map((g) => g.permission).join(', ') || 'nothing';
          process.stderr.write(`plugin '${plugin}' does not request '${permission}' (it requests: ${asks}); nothing granted. Use --force to grant it anyway.\n`);
          process.exitCode = ExitCode.REFUSED;
          return;
        }
        await host.config.update((config) => {
          // A grant binds the saved grants to the install in use now (a same-named plugin elsewhere asks again).
          const base = setGrants(config, plugin, granted, version, identity);
          if (permission === undefined) return setGrants(base, plugin, [...granted, ...diffGrants(requested, granted)], version);
          return addGrant(base, plugin, { permission, ...(options.scope !== undefined ? { scope: options.scope } : {}) });
        });
        process.stdout.write(`${plugin}: granted ${permission ?? 'everything it requests'}\n`);
      }),
    );

  permissions
    .command('revoke')
    .description('revoke a permission (or, without one, every permission) of a plugin; a running host restarts it without')
    .argument('<plugin>', 'plugin name')
    .argument('[permission]', 'the permission to revoke')
    .option('--scope <value...>', 'revoke only these scope entries')
    .action((plugin: string, permission: string | undefined, options: { scope?: string[] }) =>
      onHost(globals(), plugin, async (host) => {
        const { granted, version } = grantsOfPlugin(host, plugin);
        if (permission !== undefined && !granted.some((g) => g.permission === permission)) {
          process.stderr.write(`plugin '${plugin}' holds no '${permission}' grant (it holds: ${granted.map(grantLabel).join(', ') || 'none'}); nothing revoked.\n`);
          process.exitCode = ExitCode.NOT_FOUND;
          return;
        }
        await host.config.update((config) => revokeGrant(setGrants(config, plugin, granted, version), plugin, permission, options.scope));
        process.stdout.write(`${plugin}: revoked ${permission ?? 'every permission'}\n`);
      }),
    );
}
