import type { Command } from 'commander';
import { isBerthError } from '../berth-error.js';
import type { ControlServer, PluginHost, PluginInfo, ServingHost } from '@berth/host';
import { cliLogger, createHost, type GlobalOptions } from '../context.js';
import { controlTarget } from '../operations.js';
import { BERTH_VERSION } from '../version.js';
import { ExitCode } from '../exit-codes.js';
import { wholeNumber } from '../options.js';

/** Options of `berth serve`. */
export interface ServeOptions {
  /** Serve MCP over stdio instead of HTTP. */
  readonly stdio?: boolean;
  /** The HTTP port. */
  readonly port?: number;
  /** The HTTP address (loopback by default). */
  readonly host?: string;
  /** Watch plugin folders and hot-reload. */
  readonly watch?: boolean;
}

/** Prints what loaded and what did not, and why, to stderr. */
export function printStartReport(plugins: readonly PluginInfo[]): void {
  const active = plugins.filter((p) => p.state === 'active' || (p.state === 'resolved' && p.activation === 'lazy'));
  process.stderr.write(`berth: ${active.length} of ${plugins.length} plugins ready\n`);
  for (const p of plugins) {
    const why = p.reason !== undefined ? ` — ${p.reason.message}` : p.missingPermissions !== undefined
      ? ` — waiting for approval of ${p.missingPermissions.map((g) => g.permission).join(', ')} (run: berth permissions grant ${p.name} <permission>)`
      : '';
    process.stderr.write(`  ${p.state.padEnd(14)} ${p.name}${p.version !== undefined ? `@${p.version}` : ''}${why}\n`);
  }
}

/** Warns once when sandboxed plugins run without bubblewrap, naming what is then not protected. */
async function warnWithoutBubblewrap(plugins: readonly PluginInfo[]): Promise<void> {
  const { sandboxDoctor } = await import('@berth/host');
  const sandbox = sandboxDoctor();
  if (sandbox.mode === 'bwrap' || !plugins.some((p) => p.tier?.includes('process') === true)) return;
  const why = sandbox.bwrap.problem !== undefined ? ` (${sandbox.bwrap.problem})` : '';
  process.stderr.write(
    `warning: plugins run without bubblewrap${why}; Node's permission model still confines files and processes, but:\n` +
      sandbox.gaps.map((gap) => `  - ${gap}\n`).join('') +
      '  Install bubblewrap (apt-get install bubblewrap) for OS-level isolation; see: berth doctor\n',
  );
}

/** Prints where clients connect. */
function printWhereToConnect(serving: ServingHost): void {
  if (serving.transport === 'stdio') {
    process.stderr.write('berth: serving MCP over stdio\n');
    return;
  }
  const token = serving.tokenFile !== undefined ? `the token in ${serving.tokenFile}` : 'the token in BERTH_TOKEN';
  process.stderr.write(
    `berth: MCP endpoint          ${serving.mcpUrl ?? ''}\n` +
      `berth: OpenAI-compatible API ${serving.openAiUrl ?? ''}\n` +
      (serving.consoleUrl !== undefined ? `berth: web console           ${serving.consoleUrl} (sign in with the token)\n` : '') +
      `berth: send "Authorization: Bearer <token>" with ${token}; health: ${serving.url ?? ''}/health\n` +
      'berth: press Ctrl-C to stop\n',
  );
}

/** Resolves when the process receives SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals): void => resolve(signal);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** `berth serve`: starts the host with its endpoints; stops cleanly on SIGINT/SIGTERM. */
export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('start the host and serve every plugin through one MCP endpoint and one OpenAI-compatible endpoint')
    .option('--stdio', 'serve MCP over stdio (for clients that spawn berth)')
    .option('-p, --port <port>', 'HTTP port (default 7331, or serve.port in the configuration; 0 picks a free one)', wholeNumber(0))
    .option('--host <address>', 'HTTP address (default 127.0.0.1)')
    .option('--watch', 'watch plugin folders: hot-reload changed plugins, load new plugin folders')
    .action(async (options: ServeOptions) => {
      // Listen for SIGINT/SIGTERM from the start, so a stop request during start-up still stops cleanly.
      const stopRequested = untilSignal();
      const { ControlServer, HostOperations, serveHost, tierUpForServing } = await import('@berth/host');
      const logger = await cliLogger({ ...globals(), logLevel: globals().logLevel ?? 'info' });
      // The control socket is claimed first: a second server on this data folder is refused before starting anything.
      const { dataDir, socket } = controlTarget(globals());
      let control: ControlServer;
      try {
        control = await ControlServer.listen({ socket, dataDir, version: BERTH_VERSION, logger });
      } catch (error) {
        const text = isBerthError(error) ? `error ${error.code}: ${error.message}` : `cannot open the control socket ${socket}: ${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`berth: ${text}\n`);
        process.exitCode = ExitCode.HOST_FAILED;
        return;
      }
      const host: PluginHost = await createHost(globals(), logger);
      let report;
      try {
        report = await host.start();
      } catch (error) {
        process.stderr.write(`berth: the host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
        await control.close();
        process.exitCode = ExitCode.HOST_FAILED;
        return;
      }
      for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
      await warnWithoutBubblewrap(report.plugins);
      printStartReport(report.plugins);
      // One set of operations for the control socket and the web console.
      const ops = new HostOperations(host, { socket });
      let serving: ServingHost;
      try {
        serving = await serveHost(host, {
          logger,
          ops,
          ...(options.stdio === true ? { stdio: true } : {}),
          ...(options.port !== undefined ? { port: options.port } : {}),
          ...(options.host !== undefined ? { address: options.host } : {}),
        });
      } catch (error) {
        process.stderr.write(`berth: cannot serve: ${error instanceof Error ? error.message : String(error)}\n`);
        await host.stop();
        await control.close();
        process.exitCode = ExitCode.HOST_FAILED;
        return;
      }
      const stopWatching = await host.watchConfig();
      // Plugin folders (changes and new ones) are watched with --watch.
      const stopReloading = options.watch === true ? await host.watchPlugins() : async (): Promise<void> => undefined;
      control.attach(ops, serving.url !== undefined ? { url: serving.url } : {});
      printWhereToConnect(serving);
      // This process is Berth's own: start-up is done, so the calls to come get V8's faster tier-up.
      tierUpForServing();
      process.stderr.write(`berth: control socket ${socket} (pid ${process.pid})\n`);
      const reason = await Promise.race([stopRequested.then((signal) => `${signal} received`), ...(serving.closed !== undefined ? [serving.closed.then(() => 'the stdio client went away')] : [])]);
      process.stderr.write(`berth: ${reason}, stopping\n`);
      await control.close();
      await stopReloading();
      await stopWatching();
      await serving.close();
      await host.stop();
      process.stderr.write('berth: stopped\n');
    });
}
