import type { Command } from 'commander';
import { effectiveGrants, sandboxDoctor, type PluginEngine, type PluginHost } from '@berth/host';
import { detectSandboxBackend } from '@berth/plugin-sandbox-manager';
import type { JsonValue } from '@berth/sdk';
import { withHost, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

/** A plugin's Docker engines as the doctor shows them (the policy sockets it reaches them through), or why it has none. */
function dockerOf(host: PluginHost, name: string, reason: { code: string; message: string } | undefined): { docker?: PluginEngine[]; dockerError?: string } {
  const engines = host.dockerEngines(name);
  if (engines !== undefined) return { docker: [...engines] };
  return reason?.code === 'BERTH_DOCKER_ENGINE_INVALID' ? { dockerError: reason.message } : {};
}

/** The Sandbox Manager's settings as its running instance sees them: its policy sockets in place of the engines. */
function sandboxManagerView(settings: Readonly<Record<string, JsonValue>>, engines: readonly PluginEngine[] | undefined): Parameters<typeof detectSandboxBackend>[0] {
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

/** `berth doctor`: which protections this machine offers and where each plugin runs. */
export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('which sandbox protections are available here, and which tier each plugin runs in')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      const sandbox = sandboxDoctor();
      await withHost(globals(), async (host) => {
        const plugins = host.list().map((p) => ({ name: p.name, state: p.state, tier: p.tier ?? '-', network: networkOf(host, p.name), ...dockerOf(host, p.name, p.reason) }));
        const settings = host.config.read().plugins?.['sandbox-manager']?.settings ?? {};
        const sandboxManager = await detectSandboxBackend(sandboxManagerView(settings, host.dockerEngines('sandbox-manager')));
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
        out.write('plugins:\n');
        for (const p of plugins) {
          const network = p.network === 'unscoped' ? '  network: THE WHOLE NETWORK (unscoped grant)' : p.network !== undefined ? `  network: ${p.network}` : '';
          out.write(`  ${p.name.padEnd(24)} ${p.state.padEnd(14)} ${p.tier}${network}\n`);
          for (const e of p.docker ?? []) out.write(`    docker engine ${e.name === 'default' ? '' : `'${e.name}' `}${e.engine} (from ${e.source})${e.problem !== undefined ? `: not answering: ${e.problem}` : ''}\n`);
          if (p.dockerError !== undefined) out.write(`    docker engine: ${p.dockerError}\n`);
        }
      });
    });
}

/** A plugin's network grant as doctor shows it: `unscoped`, its entries, or undefined without one. */
function networkOf(host: PluginHost, name: string): string | undefined {
  const info = host.get(name);
  const manifest = host.manifestOf(name);
  if (info === undefined || manifest === undefined) return undefined;
  const network = effectiveGrants(host.config.read(), name, info.root, manifest).filter((g) => g.permission === 'network');
  if (network.length === 0) return undefined;
  return network.some((g) => g.scope === undefined) ? 'unscoped' : network.flatMap((g) => g.scope ?? []).join(', ');
}
