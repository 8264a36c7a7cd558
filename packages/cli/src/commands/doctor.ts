import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { withOperations } from '../operations.js';
import { printJson } from '../output.js';

/** `berth doctor`: which protections this machine offers and where each plugin runs. */
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
        // Each plugin's last warning (from its own log, written when it last ran): doctor is where they belong.
        const plugins = await Promise.all((await ops.listPlugins()).map(async (p) => {
          const [warning] = await ops.readLogs(p.name, { level: 'warn', limit: 1 }).catch(() => []);
          return { name: p.name, state: p.state, tier: p.tier ?? '-', ...(warning !== undefined ? { lastWarning: { time: warning.time, msg: warning.msg } } : {}) };
        }));
        const known = new Set(plugins.map((p) => p.name));
        const settings = Object.fromEntries(known.has('sandbox-manager') ? (await ops.listSettings('sandbox-manager')).map((v) => [v.key, v.value]) : []);
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
        out.write(`plugins:          ${ops.mode === 'live' ? 'as the running berth serve has them' : 'as resolved from the files (no berth serve is running; none was started)'}\n`);
        for (const p of plugins) {
          out.write(`  ${p.name.padEnd(24)} ${p.state.padEnd(14)} ${p.tier}\n`);
          if (p.lastWarning !== undefined) out.write(`    last warning (${p.lastWarning.time}): ${p.lastWarning.msg}\n`);
        }
      });
    });
}
