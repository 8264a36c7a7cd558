import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { reportFailure } from '../fail.js';
import { grantLabel } from '@berth/host/control';
import { withOperations } from '../operations.js';
import { printJson, printTable } from '../output.js';
import type { ControlOperations } from '@berth/host/control';

/**
 * Said in plain words before it takes effect: granting process.unconfined (or everything, when the plugin asks for
 * it) takes an mcp plugin's server out of the sandbox.
 */
async function warnIfUnconfined(ops: ControlOperations, plugin: string, permission: string | undefined): Promise<void> {
  if (permission !== undefined && permission !== 'process.unconfined') return;
  const info = await ops.inspectPlugin(plugin);
  if (!info.requested.some((g) => g.permission === 'process.unconfined') && permission === undefined) return;
  const { loadManifest, mcpServerConfinement } = await import('@berth/host');
  const loaded = await loadManifest(info.dir);
  const confinement = loaded.ok ? mcpServerConfinement(loaded.manifest, info.dir) : undefined;
  if (confinement?.kind === 'unconfined') process.stderr.write(`warning: '${plugin}': ${confinement.message}\n`);
}

/** Runs `work` on the operations, reporting failures with the documented exit codes. */
async function run(globals: GlobalOptions, work: (ops: ControlOperations) => Promise<void>): Promise<void> {
  try {
    await withOperations(globals, work);
  } catch (error) {
    reportFailure(error);
  }
}

/** `berth permissions list|grant|revoke <plugin> [permission]` (a running server applies grants and revokes at once). */
export function registerPermissions(program: Command, globals: () => GlobalOptions): void {
  const permissions = program.command('permissions').description('what each plugin requests and what the user granted');

  permissions
    .command('list')
    .description('requested and granted permissions, per plugin')
    .argument('[plugin]', 'only this plugin')
    .option('--json', 'print stable JSON')
    .action((plugin: string | undefined, options: { json?: boolean }) =>
      run(globals(), async (ops) => {
        const rows = await ops.listPermissions(plugin);
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
      run(globals(), async (ops) => {
        await warnIfUnconfined(ops, plugin, permission);
        await ops.grantPermission(plugin, {
          ...(permission !== undefined ? { permission } : {}),
          ...(options.scope !== undefined ? { scope: options.scope } : {}),
          ...(options.force === true ? { force: true } : {}),
        });
        process.stdout.write(`${plugin}: granted ${permission ?? 'everything it requests'}\n`);
      }),
    );

  permissions
    .command('revoke')
    .description('revoke a permission (or, without one, every permission) of a plugin; a running server stops it at once if it now lacks one')
    .argument('<plugin>', 'plugin name')
    .argument('[permission]', 'the permission to revoke')
    .option('--scope <value...>', 'revoke only these scope entries')
    .action((plugin: string, permission: string | undefined, options: { scope?: string[] }) =>
      run(globals(), async (ops) => {
        await ops.revokePermission(plugin, {
          ...(permission !== undefined ? { permission } : {}),
          ...(options.scope !== undefined ? { scope: options.scope } : {}),
        });
        process.stdout.write(`${plugin}: revoked ${permission ?? 'every permission'}\n`);
      }),
    );
}
