import type { Command } from 'commander';
import { sandboxDoctor } from '@berth/host';
import { detectSandboxBackend } from '@berth/plugin-sandbox-manager';
import { withHost, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

/** `berth doctor`: which protections this machine offers and where each plugin runs. */
export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description('which sandbox protections are available here, and which tier each plugin runs in')
    .option('--json', 'print stable JSON')
    .action(async (options: { json?: boolean }) => {
      const sandbox = sandboxDoctor();
      await withHost(globals(), async (host) => {
        const plugins = host.list().map((p) => ({ name: p.name, state: p.state, tier: p.tier ?? '-' }));
        const settings = host.config.read().plugins?.['sandbox-manager']?.settings ?? {};
        const sandboxManager = await detectSandboxBackend({
          backend: (settings['backend'] as 'auto' | 'docker' | 'bwrap' | undefined) ?? 'auto',
          docker_socket: typeof settings['docker_socket'] === 'string' ? settings['docker_socket'] : '/var/run/docker.sock',
        });
        if (options.json === true) return printJson({ sandbox, sandboxManager, plugins });
        const out = process.stdout;
        out.write(`sandbox mode:      ${sandbox.mode}\n`);
        out.write(`bubblewrap:        ${sandbox.bwrap.usable ? `usable (${sandbox.bwrap.path ?? ''})` : `not usable: ${sandbox.bwrap.problem ?? ''}`}\n`);
        out.write(`prlimit:           ${sandbox.prlimit ?? 'missing (no address-space cap)'}\n`);
        out.write(`permission flag:   ${sandbox.permissionFlag}\n`);
        for (const gap of sandbox.gaps) out.write(`missing protection: ${gap}\n`);
        const sm = sandboxManager;
        out.write(`sandbox-manager:   backend ${sm.backend}${sm.backend === 'none' ? ' (no Docker engine and no bubblewrap: it cannot create sandboxes)' : ''}; Docker ${sm.docker.reachable ? 'reachable' : `not reachable (${sm.docker.error ?? ''})`}\n`);
        out.write('plugins:\n');
        for (const p of plugins) out.write(`  ${p.name.padEnd(24)} ${p.state.padEnd(14)} ${p.tier}\n`);
      });
    });
}
