import fs from 'node:fs';
import type { PluginContext } from '@berth/sdk';
import { NetworkEnforcementUnavailableError, SandboxUnavailableError, UnsafeGrantError } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import type { AuditRecord } from '../permissions/audit-log.js';
import { filesystemScopes } from '../permissions/match.js';
import { scopeVarsFor, type ScopeVars } from '../permissions/scope-vars.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../rpc/framing.js';
import { defaultSandboxMode, findTool, probeBwrap, requireNetworkEnforcement } from './doctor.js';
import { buildLaunch, networkHosts, pluginEnv, type SandboxMode } from './launch.js';
import { egressAuditRecord } from '../network/egress-audit.js';
import { startPluginEgress, type PluginEgress } from '../network/egress-launch.js';
import { pluginDependencies, sandboxCode, type SandboxCode } from './paths.js';
import { protectHostProcess } from './protect.js';
import { configSnapshot, ProcessPluginInstance, type ProcessLimits } from './process-instance.js';
import type { PluginRunner, RunnablePlugin } from './runner.js';
import { findEscapingSymlinks } from './symlinks.js';
import { berthFolders, ensureBerthFolders } from './berth-folders.js';

/** Options of {@link ProcessRunner}; everything but `grants` has a default. */
export interface ProcessRunnerOptions extends Partial<ProcessLimits> {
  /** The plugin's saved grants, looked up at each start (e.g. `(p) => grantsOf(config, p)`). */
  readonly grants: (plugin: string) => readonly SavedGrant[];
  /** Where decisions and containment events go (e.g. `(r) => auditLog.record(r)`). */
  readonly audit?: (record: Omit<AuditRecord, 'time'>) => void;
  /** `bwrap` or `nobwrap`; default: `BERTH_SANDBOX`, else bubblewrap when usable. */
  readonly mode?: SandboxMode;
  /** The value of `${workspace}`. */
  readonly workspace?: string;
  /** Heap cap in MiB (default 256). */
  readonly heapMb?: number;
  /** Address-space cap in MiB (default 4096; needs prlimit). */
  readonly addressSpaceMb?: number;
  /** The Node binary (default: the host's). */
  readonly nodePath?: string;
  /** The environment granted variables are taken from (default: the host's). */
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Variables the host sets for a plugin (e.g. `BERTH_ALLOWED_SOCKETS` for its Docker policy socket). */
  readonly extraEnv?: (plugin: string) => Readonly<Record<string, string>>;
  /**
   * Refuse to start a plugin whose scoped `network` grant could be enforced only by the in-process guard (mode
   * `nobwrap`: no egress proxy) — `NetworkEnforcementUnavailableError`. Default: `BERTH_REQUIRE_NETWORK_ENFORCEMENT=1`.
   */
  readonly requireNetworkEnforcement?: boolean;
  /** Berth's own folders no grant may reach (default: those of `berthPaths()` and the control socket's; see `berthFolders`). */
  readonly berthFolders?: readonly string[];
  /** A plugin's limit on handler calls at once (its `maxConcurrentCalls` setting); undefined → the default. */
  readonly maxConcurrentCallsOf?: (plugin: string) => number | undefined;
}

const LIMITS: ProcessLimits = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  callTimeoutMs: 60_000,
  startTimeoutMs: 15_000,
  stallMs: 2_000,
  killGraceMs: 250,
};

/**
 * The process tier: each plugin in its own child process — under bubblewrap where usable, always under Node's
 * permission model, with preloaded guards, a scrubbed environment, memory caps, a heartbeat watchdog and per-call
 * time limits. Its context is proxied over a JSON-RPC channel on fd 3.
 */
export class ProcessRunner implements PluginRunner {
  /** @inheritdoc */
  readonly tier: string;
  /** The sandbox mode in use. */
  readonly mode: SandboxMode;
  readonly #options: ProcessRunnerOptions;
  readonly #limits: ProcessLimits;

  /** @param options - grants source, audit sink, mode and limits */
  constructor(options: ProcessRunnerOptions) {
    // Whoever runs sandboxed plugins protects its own process from their signals (SIGUSR1 opens the inspector).
    protectHostProcess();
    this.#options = options;
    this.mode = options.mode ?? defaultSandboxMode();
    this.tier = this.mode === 'bwrap' ? 'process (bubblewrap)' : 'process (no bubblewrap)';
    this.#limits = {
      maxMessageBytes: options.maxMessageBytes ?? LIMITS.maxMessageBytes,
      callTimeoutMs: options.callTimeoutMs ?? LIMITS.callTimeoutMs,
      startTimeoutMs: options.startTimeoutMs ?? LIMITS.startTimeoutMs,
      stallMs: options.stallMs ?? LIMITS.stallMs,
      killGraceMs: options.killGraceMs ?? LIMITS.killGraceMs,
      ...(options.maxConcurrentCalls !== undefined ? { maxConcurrentCalls: options.maxConcurrentCalls } : {}),
    };
  }

  /** @inheritdoc */
  async start(plugin: RunnablePlugin, context: PluginContext): Promise<ProcessPluginInstance> {
    if (this.mode === 'bwrap' && !probeBwrap().usable) throw new SandboxUnavailableError('bwrap', probeBwrap().problem ?? 'unusable');
    const grants = this.#options.grants(plugin.name);
    fs.mkdirSync(context.dataDir, { recursive: true });
    const vars = scopeVarsFor(fs.realpathSync(plugin.dir), fs.realpathSync(context.dataDir), this.#options.workspace);
    this.#refuseEscapingLinks(plugin.name, grants, vars);
    const audit = this.#options.audit ?? (() => undefined);
    const hosts = networkHosts(grants);
    const mustEnforce = this.#options.requireNetworkEnforcement ?? requireNetworkEnforcement();
    if (hosts !== undefined && this.mode !== 'bwrap' && mustEnforce) {
      audit({ plugin: plugin.name, permission: 'network', target: hosts.join(', '), allowed: false, source: 'sandbox', detail: 'not started: no OS-level network enforcement (no bubblewrap) and the host requires it' });
      throw new NetworkEnforcementUnavailableError(plugin.name, hosts, probeBwrap().problem ?? 'BERTH_SANDBOX=nobwrap');
    }
    const egress = this.mode === 'bwrap' && hosts !== undefined ? startPluginEgress(plugin.name, hosts, (e) => audit(egressAuditRecord(e))) : undefined;
    try {
      const instance = await this.#launch(plugin, context, grants, vars, audit, egress);
      void instance.exited.then(() => egress?.close());
      return instance;
    } catch (error) {
      await egress?.close();
      throw error;
    }
  }

  async #launch(
    plugin: RunnablePlugin,
    context: PluginContext,
    grants: readonly SavedGrant[],
    vars: ScopeVars,
    audit: (record: Omit<AuditRecord, 'time'>) => void,
    egress: PluginEgress | undefined,
  ): Promise<ProcessPluginInstance> {
    const folders = this.#options.berthFolders ?? berthFolders();
    ensureBerthFolders(folders);
    const launch = buildLaunch({
      plugin: plugin.name,
      pluginDir: vars.pluginDir,
      grants,
      vars,
      berthFolders: folders,
      audit,
      mode: this.mode,
      code: withPluginDependencies(sandboxCode(), pluginDependencies(vars.pluginDir)),
      nodePath: this.#options.nodePath ?? process.execPath,
      bwrapPath: probeBwrap().path ?? 'bwrap',
      ...(findTool('prlimit') !== undefined ? { prlimitPath: findTool('prlimit') as string } : {}),
      heapMb: this.#options.heapMb ?? 256,
      addressSpaceMb: this.#options.addressSpaceMb ?? 4096,
      hostEnv: this.#options.hostEnv ?? process.env,
      ...(this.#options.extraEnv !== undefined ? { extraEnv: this.#options.extraEnv(plugin.name) } : {}),
      ...(egress !== undefined ? { egress: egress.launch } : {}),
    });
    audit({ plugin: plugin.name, permission: 'sandbox', target: this.tier, allowed: true, source: 'sandbox', detail: `grants: ${grants.map((g) => g.permission).join(', ') || 'none'}` });
    this.#auditEnvironment(plugin.name, grants, audit);
    if (this.mode === 'bwrap') {
      const network = grants.some((g) => g.permission === 'network') && egress === undefined;
      const hidden = `${network ? '' : 'network, '}processes, mounts, IPC, hostname`;
      audit({ plugin: plugin.name, permission: 'namespace', target: hidden, allowed: false, source: 'sandbox', detail: "the host's are not visible (bubblewrap)" });
    }
    return ProcessPluginInstance.start(
      { plugin, context, launch, mode: this.mode, limits: this.#limitsFor(plugin.name), granted: grants.map((g) => g.permission), audit },
      // Real paths: a plugin folder reached through a link (berth dev, plugins install --link) is confined by its
      // real path, so the child must import it by that path too.
      { name: plugin.name, version: plugin.version, dir: vars.pluginDir, main: fs.realpathSync(plugin.main), dataDir: vars.pluginData, config: configSnapshot(context), granted: grants.map((g) => g.permission) },
    );
  }

  /** The limits of one plugin's process: the runner's, with the plugin's own concurrency limit. */
  #limitsFor(plugin: string): ProcessLimits {
    const maxConcurrentCalls = this.#options.maxConcurrentCallsOf?.(plugin);
    return maxConcurrentCalls !== undefined ? { ...this.#limits, maxConcurrentCalls } : this.#limits;
  }

  /** Records which host variables the plugin does not get (every one it was not granted). */
  #auditEnvironment(plugin: string, grants: readonly SavedGrant[], audit: (record: Omit<AuditRecord, 'time'>) => void): void {
    const hostEnv = this.#options.hostEnv ?? process.env;
    const given = Object.keys(pluginEnv(grants, hostEnv));
    const withheld = Object.keys(hostEnv).filter((name) => !given.includes(name));
    if (withheld.length > 0) {
      audit({ plugin, permission: 'env', target: `${withheld.length} host variables`, allowed: false, source: 'sandbox', detail: `passed only: ${given.join(', ') || 'none'}` });
    }
  }

  /** Refuses to start when the plugin's folders (or, without bubblewrap, a granted folder) hold links pointing outside. */
  #refuseEscapingLinks(plugin: string, grants: readonly SavedGrant[], vars: ScopeVars): void {
    const scopes = filesystemScopes(plugin, grants, vars);
    const folders = this.mode === 'bwrap' ? [vars.pluginDir, vars.pluginData] : scopes.read;
    for (const folder of folders) {
      const [escape] = findEscapingSymlinks(folder, { allowed: scopes.read, maxEntries: 20_000 });
      if (escape !== undefined) {
        this.#options.audit?.({ plugin, permission: 'filesystem.read', target: escape.target, allowed: false, source: 'sandbox', detail: `symlink ${escape.link}` });
        throw new UnsafeGrantError(plugin, escape.link, escape.target);
      }
    }
  }
}

/** The sandbox's own code plus the plugin's npm dependencies, all read-only. */
function withPluginDependencies(code: SandboxCode, deps: Pick<SandboxCode, 'readable' | 'links'>): SandboxCode {
  const links = new Map([...code.links, ...deps.links].map((link) => [link.path, link]));
  return { ...code, readable: [...new Set([...code.readable, ...deps.readable])], links: [...links.values()] };
}
