import fs from 'node:fs';
import path from 'node:path';
import { NetworkEnforcementUnavailableError, PermissionDeniedError, type Logger } from '@berth/sdk';
import { egressAuditRecord } from '../network/egress-audit.js';
import { startPluginEgress, type PluginEgress } from '../network/egress-launch.js';
import type { SavedGrant } from '../config/host-config.js';
import { forwardStderr, InPlaceStdioTransport, plainMcpServerLauncher, type LaunchedMcpServer, type McpServerLauncher } from '../mcp/launcher.js';
import type { McpServerCommand } from '../mcp/server-spec.js';
import { scopeVarsFor } from '../permissions/scope-vars.js';
import { handleChildReport, type AuditSink } from './child-reports.js';
import { findTool, probeBwrap, requireNetworkEnforcement } from './doctor.js';
import { buildLaunch, networkHosts, type SandboxMode } from './launch.js';
import { pluginDependencies, sandboxCode } from './paths.js';
import { berthFolders, ensureBerthFolders } from './berth-folders.js';

/** What a {@link sandboxedMcpLauncher} confines a server to. */
export interface SandboxedMcpLauncherOptions {
  /** The plugin's grants. */
  readonly grants: readonly SavedGrant[];
  /** The plugin's folder and data folder. */
  readonly pluginDir: string;
  /** The plugin's data folder. */
  readonly dataDir: string;
  /** `bwrap` or `nobwrap`. */
  readonly mode: SandboxMode;
  /** The value of `${workspace}`. */
  readonly workspace?: string;
  /** Variables the host sets (settings, allowed sockets). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Heap cap in MiB (default 256). */
  readonly heapMb?: number;
  /** Address-space cap in MiB (default 4096). */
  readonly addressSpaceMb?: number;
  /** Refuse a scoped network grant without OS-level enforcement (default: `BERTH_REQUIRE_NETWORK_ENFORCEMENT=1`). */
  readonly requireNetworkEnforcement?: boolean;
  /** Berth's own folders no grant may reach (default: those of `berthPaths()` and the control socket's; see `berthFolders`). */
  readonly berthFolders?: readonly string[];
  /** Where the server's reports (denials, a started program dying) and the egress proxy's decisions are audited. */
  readonly audit?: AuditSink;
}

/** True when the server is a Node script (the plugin's `main`, or `node <script>` in `server`). */
function isNodeServer(command: McpServerCommand): boolean {
  if (command.runtime === 'node') return true;
  const base = path.basename(command.command);
  return (base === 'node' || command.command === process.execPath) && /\.(m|c)?js$/.test(command.args[0] ?? '');
}

/**
 * A sandboxed server's own `HOME` and `TMPDIR`, inside its data folder (created): the host's are not readable there,
 * and programs it starts (a browser keeping its profile and caches under `HOME`, temp files under `TMPDIR`) need a
 * writable place of their own. The manifest's `server.env` still wins.
 */
function ownHomeAndTmp(pluginData: string): Record<string, string> {
  const home = path.join(pluginData, 'home');
  const tmp = path.join(pluginData, 'tmp');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  return { HOME: home, TMPDIR: tmp };
}

/**
 * Runs an `mcp` plugin's server under the same sandbox as every other plugin: a Node server gets the process
 * tier's launch (bubblewrap where usable, Node's permission model, guards, scrubbed environment, prlimit) with
 * stdio as the MCP transport. Any other command cannot be confined by Node's permission model, so it starts only
 * with the separately approved `process.unconfined` permission, and then unconfined.
 */
export function sandboxedMcpLauncher(options: SandboxedMcpLauncherOptions): McpServerLauncher {
  return {
    launch(plugin: string, command: McpServerCommand, logger: Logger): LaunchedMcpServer {
      if (!isNodeServer(command)) {
        if (!options.grants.some((g) => g.permission === 'process.unconfined')) {
          throw new PermissionDeniedError(plugin, 'process.unconfined', `start ${command.command} outside the sandbox`);
        }
        return plainMcpServerLauncher.launch(plugin, command, logger);
      }
      const script = command.args[0];
      if (script === undefined) throw new PermissionDeniedError(plugin, 'process.unconfined', command.command);
      fs.mkdirSync(options.dataDir, { recursive: true });
      const vars = scopeVarsFor(fs.realpathSync(options.pluginDir), fs.realpathSync(options.dataDir), options.workspace);
      const own = ownHomeAndTmp(vars.pluginData);
      const code = sandboxCode();
      const deps = pluginDependencies(vars.pluginDir);
      const links = new Map([...code.links, ...deps.links].map((l) => [l.path, l]));
      const mode = options.mode === 'bwrap' && probeBwrap().usable ? 'bwrap' : 'nobwrap';
      const folders = options.berthFolders ?? berthFolders();
      ensureBerthFolders(folders);
      const egress = serverEgress(plugin, options, mode);
      const launch = buildLaunch({
        plugin,
        pluginDir: vars.pluginDir,
        grants: options.grants,
        vars,
        berthFolders: folders,
        ...(options.audit !== undefined ? { audit: options.audit } : {}),
        mode,
        code: { ...code, readable: [...new Set([...code.readable, ...deps.readable])], links: [...links.values()], childEntry: fs.realpathSync(path.resolve(command.cwd, script)) },
        nodePath: process.execPath,
        bwrapPath: probeBwrap().path ?? 'bwrap',
        ...(findTool('prlimit') !== undefined ? { prlimitPath: findTool('prlimit') as string } : {}),
        heapMb: options.heapMb ?? 256,
        foreignEntry: true,
        addressSpaceMb: options.addressSpaceMb ?? 4096,
        hostEnv: process.env,
        extraEnv: { ...own, ...command.env, ...options.extraEnv },
        ...(egress !== undefined ? { egress: egress.launch } : {}),
      });
      const transport = new InPlaceStdioTransport({
        command: launch.command,
        args: [...launch.args, ...command.args.slice(1)],
        env: { ...launch.env },
        cwd: vars.pluginDir,
        stderr: 'pipe',
      });
      const tail = forwardStderr(transport.stderr as never, logger, (report) => handleChildReport(plugin, report, logger, options.audit));
      if (egress !== undefined) {
        const close = transport.close.bind(transport);
        transport.close = async () => {
          await close();
          await egress.close();
        };
      }
      return { transport, pid: () => transport.pid ?? undefined, stderr: tail.lines, exitStatus: () => transport.exitStatus() };
    },
  };
}

/** A Node server with a scoped network grant: its egress proxy under bubblewrap; refused without when required. */
function serverEgress(plugin: string, options: SandboxedMcpLauncherOptions, mode: SandboxMode): PluginEgress | undefined {
  const hosts = networkHosts(options.grants);
  if (hosts === undefined) return undefined;
  if (mode !== 'bwrap') {
    if (options.requireNetworkEnforcement ?? requireNetworkEnforcement()) throw new NetworkEnforcementUnavailableError(plugin, hosts, probeBwrap().problem ?? 'BERTH_SANDBOX=nobwrap');
    return undefined;
  }
  return startPluginEgress(plugin, hosts, (event) => options.audit?.(egressAuditRecord(event)));
}
