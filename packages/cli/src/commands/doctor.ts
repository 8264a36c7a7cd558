import type { Command } from 'commander';
import type { JsonValue } from '@berth/sdk';
import type { PermissionsView } from '@berth/host/control';
import type { PluginEngine } from '@berth/host';
import type { GlobalOptions } from '../context.js';
import { withOperations } from '../operations.js';
import { printJson } from '../output.js';
import { openEngines, settingsOf } from './doctor-engines.js';

type SandboxManagerOptions = Parameters<typeof import('@berth/plugin-sandbox-manager').detectSandboxBackend>[0];

/** The Sandbox Manager's settings as its running instance would see them: its policy sockets in place of the engines. */
function sandboxManagerView(settings: Readonly<Record<string, JsonValue>>, engines: readonly PluginEngine[] | undefined): SandboxManagerOptions {
  const listed = Array.isArray(settings['docker_engines']) ? settings['docker_engines'] : [];
  return {
    backend: (settings['backend'] as 'auto' | 'docker' | 'bwrap' | undefined) ?? 'auto',
    docker_socket: engines?.[0]?.socketPath ?? (typeof settings['docker_socket'] === 'string' ? settings['docker_socket'] : '/var/run/docker.sock'),
    ...(typeof settings['max_sandboxes'] === 'number' ? { max_sandboxes: settings['max_sandboxes'] } : {}),
    docker_engines: (engines ?? []).slice(1).map((e, i) => {
      const entry = listed[i];
      const max = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry['max_sandboxes'] : undefined;
      return { name: e.name, docker_socket: e.socketPath, ...(typeof max === 'number' ? { max_sandboxes: max } : {}) };
    }),
  };
}

/** A plugin's network grant as the doctor shows it: `unscoped` (the whole network), its scope entries, or none. */
function networkOf(view: PermissionsView | undefined): string | undefined {
  const network = view?.granted.filter((g) => g.permission === 'network') ?? [];
  if (network.length === 0) return undefined;
  return network.some((g) => g.scope === undefined) ? 'unscoped' : network.flatMap((g) => g.scope ?? []).join(', ');
}

/**
 * `berth doctor`: which protections this machine offers and where each plugin runs. It starts no plugin: states come
 * from the running server (or the files), and each Docker engine is asked directly.
 */
export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('which sandbox protections are available here, and which tier each plugin runs in (starts no plugin)')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      const { sandboxDoctor } = await import('@berth/host');
      const { detectSandboxBackend } = await import('@berth/plugin-sandbox-manager');
      const sandbox = sandboxDoctor();
      await withOperations(globals(), async (ops) => {
        const permissions = await ops.listPermissions();
        const engines = await openEngines(ops, permissions);
        try {
          // Each plugin's last warning (from its own log, written when it last ran): doctor is where they belong.
          const plugins = await Promise.all((await ops.listPlugins()).map(async (p) => {
            const [warning] = await ops.readLogs(p.name, { level: 'warn', limit: 1 }).catch(() => []);
            const network = networkOf(permissions.find((v) => v.plugin === p.name));
            return {
              name: p.name,
              state: p.state,
              tier: p.tier ?? '-',
              ...(network !== undefined ? { network } : {}),
              ...engines.byPlugin.get(p.name),
              ...(warning !== undefined ? { lastWarning: { time: warning.time, msg: warning.msg } } : {}),
            };
          }));
          const settings = plugins.some((p) => p.name === 'sandbox-manager') ? await settingsOf(ops, 'sandbox-manager') : {};
          const sandboxManager = await detectSandboxBackend(sandboxManagerView(settings, engines.sandboxManager?.engines));
          if (options.json === true) return printJson({ sandbox, sandboxManager, plugins });
          const out = process.stdout;
          out.write(`sandbox mode:      ${sandbox.mode}\n`);
          out.write(`bubblewrap:        ${sandbox.bwrap.usable ? `usable (${sandbox.bwrap.path ?? ''})` : `not usable: ${sandbox.bwrap.problem ?? ''}`}\n`);
          out.write(`prlimit:           ${sandbox.prlimit ?? 'missing (no address-space cap)'}\n`);
          out.write(`permission flag:   ${sandbox.permissionFlag}\n`);
          for (const gap of sandbox.gaps) out.write(`missing protection: ${gap}\n`);
          const ne = sandbox.networkEnforcement;
          out.write(
            `network scopes:    ${ne.available ? 'enforced at the OS level (empty network namespace + egress proxy per plugin)' : `NOT enforced at the OS level (${ne.problem ?? ''}): in-process guard only`}` +
              `${ne.required ? '; plugins with scoped grants are refused without it (BERTH_REQUIRE_NETWORK_ENFORCEMENT)' : ''}\n`,
          );
          const sm = sandboxManager;
          out.write(`sandbox-manager:   backend ${sm.backend}${sm.backend === 'none' ? ' (no Docker engine and no bubblewrap: it cannot create sandboxes)' : ''}; Docker ${sm.docker.reachable ? 'reachable' : `not reachable (${sm.docker.error ?? ''})`}\n`);
          for (const e of sm.engines ?? []) out.write(`  engine ${e.name.padEnd(12)} up to ${e.capacity} sandboxes; ${e.reachable ? 'reachable' : `not reachable (${e.error ?? ''})`}\n`);
          out.write(`plugins:          ${ops.mode === 'live' ? 'as the running berth serve has them' : 'as resolved from the files (no berth serve is running; none was started)'}\n`);
          for (const p of plugins) {
            const network = p.network === 'unscoped' ? '  network: THE WHOLE NETWORK (unscoped grant)' : p.network !== undefined ? `  network: ${p.network}` : '';
            out.write(`  ${p.name.padEnd(24)} ${p.state.padEnd(14)} ${p.tier}${network}\n`);
            for (const e of p.docker ?? []) {
              out.write(`    docker engine ${e.name === 'default' ? '' : `'${e.name}' `}${e.engine} (from ${e.source})${e.problem !== undefined ? `: not answering: ${e.problem}` : ''}\n`);
              if (e.warning !== undefined) out.write(`      warning: ${e.warning}\n`);
            }
            if (p.dockerError !== undefined) out.write(`    docker engine: ${p.dockerError}\n`);
            if (p.lastWarning !== undefined) out.write(`    last warning (${p.lastWarning.time}): ${p.lastWarning.msg}\n`);
          }
        } finally {
          await engines.close();
        }
      });
    });
}
