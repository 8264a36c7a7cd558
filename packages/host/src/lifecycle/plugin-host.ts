import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pino, { type Logger as PinoLogger } from 'pino';
import {
  BerthError,
  DependencyFailedError,
  ErrorCodes,
  InitializeFailedError,
  InitializeTimeoutError,
  PluginNotFoundError,
  PluginStateError,
  type JsonValue,
  type PluginManifest,
} from '@berth/sdk';
import { createPluginApi, type PluginApi } from '../api/plugin-api.js';
import { createPluginContext } from '../api/context.js';
import { SettingsSchema } from '../config/settings-validator.js';
import { redact } from '../config/redact.js';
import { ConfigWatcher } from '../config/watcher.js';
import { ConfigStore } from '../config/store.js';
import type { DiscoveryRoot } from '../discovery/roots.js';
import { hostRoots, readLockOrEmpty } from './host-roots.js';
import { AuditLog } from '../permissions/audit-log.js';
import { GrantGate } from '../permissions/grant-gate.js';
import { scopeVarsFor } from '../permissions/scope-vars.js';
import { canTransition, type PluginState } from '../registry/plugin-state.js';
import { InProcessRunner } from '../sandbox/in-process-runner.js';
import type { SandboxMode } from '../sandbox/launch.js';
import { ProcessRunner } from '../sandbox/process-runner.js';
import { Supervisor } from '../sandbox/supervisor.js';
import { McpPluginRunner } from '../mcp/mcp-plugin-runner.js';
import { defaultSandboxMode } from '../sandbox/doctor.js';
import { sandboxedMcpLauncher } from '../sandbox/mcp-launcher.js';
import { startDockerAccess, type DockerAccess, type PluginEngine } from './docker-access.js';
import type { PluginInstance, PluginRunner } from '../sandbox/runner.js';
import { effectiveGrants, missingGrants } from './approval.js';
import type { HostConfig } from '../config/host-config.js';
import { buildRecords } from './build-records.js';
import { identityFor, lockEntryFor } from '../sources/identity.js';
import { lockFilePath, type LockFile } from '../sources/lock-file.js';
import { verifyInstall } from '../sources/verify-install.js';
import { PluginSettingsHolder } from './plugin-config-view.js';
import { toPluginInfo, type PluginInfo, type PluginRecord } from './plugin-record.js';
import { withTimeout } from './with-timeout.js';
import { generationContext } from '../reload/generation-context.js';
import { reloadPlugin, type ReloadOptions } from '../reload/reload-plugin.js';
import type { ReloadOutcome, SerializedReloadOutcome } from '../reload/reload-outcome.js';
import type { ReloadPort } from '../reload/reload-port.js';
import { watchPluginFolders } from '../reload/plugin-watcher.js';
import { serializeOutcome } from '../reload/reload-outcome.js';
import { PluginLogStore } from '../logs/plugin-log-store.js';
import { teeLogger } from '../logs/tee-logger.js';
import { watchNewPluginFolders } from '../reload/new-folder-watcher.js';
import { mergeLevels } from './merge-levels.js';
import { berthFolders } from '../sandbox/berth-folders.js';
import { MANIFEST_FILE } from '../discovery/scan.js';

/** A state change, as `PluginHost.onStateChange` listeners receive it. */
export interface PluginTransition {
  /** The plugin. */
  readonly plugin: string;
  /** Its state before. */
  readonly from: PluginState;
  /** Its state now. */
  readonly to: PluginState;
  /** Why (failed, disabled, needs-approval). */
  readonly reason?: BerthError;
}

/** What {@link PluginHost.processOf} tells of a running plugin. */
export interface PluginProcess {
  /** Its process id (bubblewrap's, in bwrap mode: the plugin's Node process is a descendant). */
  readonly pid?: number;
  /** Restarts after crashes since it started. */
  readonly restarts: number;
}

/** Options of a {@link PluginHost}. */
export interface PluginHostOptions {
  /** The working directory (project root and project config are under it). Default: `process.cwd()`. */
  readonly cwd?: string;
  /** The plugin roots in precedence order; default: project, user, core (`coreDir`), extra (`extraDirs`). */
  readonly roots?: readonly DiscoveryRoot[];
  /** The core plugins folder shipped with Berth. */
  readonly coreDir?: string;
  /** The user plugins folder (default: under the user's data directory). */
  readonly userDir?: string;
  /** Extra plugin roots (`--plugins-dir`), after the configuration's `pluginDirs`. */
  readonly extraDirs?: readonly string[];
  /** The configuration store (default: one over the user's configuration directory). */
  readonly config?: ConfigStore;
  /** The host's logger (default: pino to stderr at `info`). */
  readonly logger?: PinoLogger;
  /** Chooses how each plugin runs (default: see {@link PluginHost.defaultRunnerFor}). */
  readonly runnerFor?: (plugin: PluginRecord) => PluginRunner | undefined;
  /** The default time limit of `initialize` in milliseconds (a manifest's `limits.initializeTimeoutMs` wins). */
  readonly initializeTimeoutMs?: number;
  /** The folder `${workspace}` means in filesystem grants. */
  readonly workspace?: string;
  /** The process tier's mode: `bwrap` or `nobwrap` (default: `BERTH_SANDBOX`, else bubblewrap when usable). */
  readonly sandboxMode?: SandboxMode;
  /**
   * Refuse to start plugins whose scoped `network` grant only the in-process guard could enforce (no bubblewrap,
   * so no egress proxy). Default: `BERTH_REQUIRE_NETWORK_ENFORCEMENT=1`.
   */
  readonly requireNetworkEnforcement?: boolean;
}

/** What {@link PluginHost.start} reports. */
export interface StartReport {
  /** Every plugin and its state. */
  readonly plugins: readonly PluginInfo[];
  /** Configuration warnings (corrupt file kept aside, …). */
  readonly warnings: readonly string[];
}

const DEFAULT_INITIALIZE_TIMEOUT_MS = 10_000;

/**
 * The plugin host — the specification's PluginManager. `start()` discovers the plugins in the roots, resolves
 * their versions and dependencies, asks nothing of plugins awaiting approval, and starts the rest level by level
 * (one level in parallel); `stop()` disposes them in reverse order. A plugin that fails never stops the others.
 */
export class PluginHost {
  /** The configuration store. */
  readonly config: ConfigStore;
  /** The host's logger. */
  readonly logger: PinoLogger;
  /** The audit log of permission decisions. */
  readonly audit: AuditLog;
  /** Each plugin's own log lines (`<data>/logs/<plugin>.jsonl`), for `berth logs`. */
  readonly logs: PluginLogStore;
  readonly #options: PluginHostOptions;
  readonly #records = new Map<string, PluginRecord>();
  readonly #listeners = new Set<(change: PluginTransition) => void>();
  readonly #reloadListeners = new Set<(outcome: SerializedReloadOutcome) => void>();
  readonly #addedListeners = new Set<(plugin: PluginInfo) => void>();
  #roots: readonly DiscoveryRoot[] = [];
  #activated = false;
  #loadingNew: Promise<PluginInfo[]> = Promise.resolve([]);
  readonly #settings = new Map<string, PluginSettingsHolder>();
  #api: PluginApi | undefined;
  #levels: readonly (readonly string[])[] = [];
  #inProcess = new InProcessRunner();
  #sandboxed: PluginRunner | undefined;
  readonly #docker = new Map<string, DockerAccess>();
  #applying: Promise<void> = Promise.resolve();
  #lock: LockFile = { lockfileVersion: 1, plugins: {} };

  /** @param options - roots, configuration, logger, runner choice, time limits */
  constructor(options: PluginHostOptions = {}) {
    this.#options = options;
    this.config = options.config ?? new ConfigStore({ cwd: options.cwd });
    this.logger = options.logger ?? pino({ name: 'berth' }, pino.destination(2));
    this.audit = new AuditLog(path.join(this.config.paths.dataDir, 'audit.jsonl'));
    this.logs = new PluginLogStore(path.join(this.config.paths.dataDir, 'logs'));
  }

  /** Whether `start()` started plugins (false before it, and after `start({ activate: false })`). */
  get activated(): boolean {
    return this.#activated;
  }

  /** The host-wide plugin API (tools, providers, hooks, events, services). Available once started. */
  get api(): PluginApi {
    if (this.#api === undefined) throw new PluginStateError('host', 'not started', 'use the API of');
    return this.#api;
  }

  /**
   * Discovers, resolves and starts the plugins. Never throws for a plugin's fault. With `{ activate: false }` it
   * stops after resolution (states `resolved`, `needs-approval`, `disabled`, `failed`): what `berth plugins list
   * --static` shows.
   */
  async start(options: { readonly activate?: boolean } = {}): Promise<StartReport> {
    const loaded = await this.config.load();
    const config = loaded.config;
    this.#api = createPluginApi({ gate: this.#gate(), logger: teeLogger(this.logger, this.logs), aliases: config.aliases ?? {} });
    const roots = this.#options.roots ?? this.#defaultRoots(config.pluginDirs ?? []);
    this.#roots = roots;
    const warnings = loaded.warnings.map((w) => w.message);
    const lock = this.#readLock(warnings);
    const built = await buildRecords(roots, config, lock);
    for (const record of built.records) this.#records.set(record.name, record);
    this.#levels = built.levels;
    if (options.activate === false) return { plugins: this.list(), warnings };
    await this.activateAll();
    return { plugins: this.list(), warnings };
  }

  /**
   * Starts every plugin that should run (what `start()` does after resolving): on a host started with
   * `{ activate: false }`, this makes it a running one. Nothing happens when it already is.
   */
  async activateAll(): Promise<void> {
    if (this.#activated) return;
    if (this.#api === undefined) throw new PluginStateError('host', 'not started', 'activate the plugins of');
    this.#activated = true;
    for (const record of this.#records.values()) this.#declareLazy(record);
    for (const level of this.#levels) {
      await Promise.all(level.map((name) => this.#startIfWanted(name)));
    }
  }

  /** The lock file of installed plugins; a corrupt one counts as empty (installed plugins then wait for approval). */
  #readLock(warnings: string[]): LockFile {
    this.#lock = readLockOrEmpty(this.config, warnings);
    return this.#lock;
  }


  /** Stops every running plugin, in reverse load order. */
  async stop(): Promise<void> {
    for (const level of [...this.#levels].reverse()) {
      // One plugin failing to stop never leaves the others running.
      await Promise.allSettled(level.map((name) => this.#stopPlugin(this.#require(name), 'stopped')));
    }
  }

  /** Every plugin the host knows, sorted by name. */
  list(): PluginInfo[] {
    return [...this.#records.values()].map(toPluginInfo).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One plugin, or undefined. */
  get(name: string): PluginInfo | undefined {
    const record = this.#records.get(name);
    return record === undefined ? undefined : toPluginInfo(record);
  }

  /**
   * The process a running plugin has of its own (the process tier), and its restarts after crashes: what the web
   * console's health view samples. Undefined when the plugin is unknown or not running.
   */
  processOf(name: string): PluginProcess | undefined {
    const instance = this.#records.get(name)?.instance;
    if (instance === undefined) return undefined;
    return { ...(instance.pid !== undefined ? { pid: instance.pid } : {}), restarts: instance.restarts ?? 0 };
  }

  /** Be told of every state change; returns the unsubscribe function. */
  onStateChange(listener: (change: PluginTransition) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Be told of every reload's outcome (requested, watched or approved); returns the unsubscribe function. */
  onReload(listener: (outcome: SerializedReloadOutcome) => void): () => void {
    this.#reloadListeners.add(listener);
    return () => this.#reloadListeners.delete(listener);
  }

  /** Be told of each plugin {@link PluginHost.loadNew} added; returns the unsubscribe function. */
  onPluginAdded(listener: (plugin: PluginInfo) => void): () => void {
    this.#addedListeners.add(listener);
    return () => this.#addedListeners.delete(listener);
  }

  /** The plugin folders the host searches (as `start()` chose them). */
  get roots(): readonly DiscoveryRoot[] {
    return this.#roots;
  }

  /**
   * Looks in the roots again for plugins the host does not know yet (a folder installed or added while it runs)
   * and loads them: resolved against the plugins already known, then started when the host is running and they
   * can run (approved, enabled, not lazy). Known plugins are left as they are (a changed one is `reload`ed).
   * Returns the plugins added. Calls are queued one after the other.
   */
  loadNew(): Promise<PluginInfo[]> {
    const next = this.#loadingNew.catch(() => []).then(() => this.#loadNew());
    this.#loadingNew = next;
    return next;
  }

  async #loadNew(): Promise<PluginInfo[]> {
    if (this.#api === undefined) throw new PluginStateError('host', 'not started', 'load new plugins into');
    // The configuration and the lock file as they are on disk now: an install that just saved its grants and its
    // lock entry is seen at once (identity, integrity).
    await this.config.reload();
    const built = await buildRecords(this.#roots, this.config.read(), this.#readLock([]));
    const added = built.records.filter((record) => !this.#records.has(record.name));
    if (added.length === 0) return [];
    for (const record of added) this.#records.set(record.name, record);
    this.#levels = mergeLevels(built.levels, this.#levels);
    if (this.#activated) {
      for (const record of added) this.#declareLazy(record);
      const names = new Set(added.map((r) => r.name));
      for (const level of this.#levels) await Promise.all(level.filter((name) => names.has(name)).map((name) => this.#startIfWanted(name)));
    }
    const infos = added.map(toPluginInfo);
    for (const info of infos) {
      this.logger.info({ plugin: info.name }, `plugin '${info.name}' found in ${info.dir}: ${info.state}`);
      for (const listener of this.#addedListeners) listener(info);
    }
    return infos;
  }

  /** Resolves once every configuration change noticed so far has been applied (see {@link PluginHost.watchConfig}). */
  async settled(): Promise<void> {
    await this.#applying;
  }

  /** Enables a plugin (saved), then starts it if it can run. */
  async enable(name: string): Promise<PluginInfo> {
    const record = this.#require(name);
    await this.config.setEnabled(name, true);
    if (record.state === 'disabled') {
      // Enabling never skips approval: a plugin installed disabled because its permissions were refused waits.
      record.missingGrants = record.manifest === undefined ? [] : missingGrants(this.config.read(), name, record.root, record.manifest, record.identity);
      this.#transition(record, record.missingGrants.length > 0 ? 'needs-approval' : 'resolved');
    }
    await this.#startIfWanted(name, true);
    return toPluginInfo(record);
  }

  /** Disables a plugin (saved), stopping it and its running dependents first. */
  async disable(name: string): Promise<PluginInfo> {
    const record = this.#require(name);
    await this.config.setEnabled(name, false);
    for (const dependent of this.#dependentsOf(name)) await this.#stopPlugin(this.#require(dependent), 'stopped');
    await this.#stopPlugin(record, 'disabled');
    if (record.state !== 'disabled') this.#transition(record, 'disabled');
    return toPluginInfo(record);
  }

  /** Starts a plugin now (a lazy one on first use, or one that stopped); resolves when it is active. */
  async activate(name: string): Promise<void> {
    const record = this.#require(name);
    if (record.state === 'active') return;
    if (record.starting !== undefined) return record.starting;
    if (!['resolved', 'stopped', 'failed'].includes(record.state)) {
      throw new PluginStateError(name, record.state, 'start');
    }
    await this.#startPlugin(record);
    if ((record.state as PluginState) !== 'active') throw record.reason ?? new PluginStateError(name, record.state, 'start');
  }

  /** Stops and starts a plugin again (new code, new settings). */
  async restart(name: string): Promise<void> {
    const record = this.#require(name);
    await this.#stopPlugin(record, 'stopped');
    await this.activate(name);
  }

  /**
   * Hot-reloads a plugin from its folder: the new version starts beside the running one and takes over atomically
   * once initialized; an invalid or failing new version, or one asking for more permissions, leaves the running
   * one serving (see `ReloadOutcome`, `PluginInfo.reloadError`, `PluginInfo.pendingReload`). Dependents declaring
   * `reload.onDependencyReload: "restart"` are restarted; the others get a `plugin:reloaded` event. A plugin whose
   * folder is gone (deleted, uninstalled) is unloaded instead: outcome `removed`.
   */
  async reload(name: string, options: ReloadOptions = {}): Promise<ReloadOutcome> {
    const record = this.#require(name);
    const outcome = folderIsGone(record) ? await this.#unload(record) : await reloadPlugin(this.#reloadPort(), record, options);
    const data = serializeOutcome(outcome);
    for (const listener of this.#reloadListeners) listener(data);
    return outcome;
  }

  /**
   * Watches every known plugin's folder and reloads a plugin when something under its folder changes (debounced;
   * `node_modules` and dotfiles ignored), and watches the roots for new plugin folders (loaded with
   * {@link PluginHost.loadNew}; a plugin it adds is watched as well). Returns the stop function.
   */
  async watchPlugins(options: { readonly debounceMs?: number } = {}): Promise<() => Promise<void>> {
    const reload = (name: string): Promise<ReloadOutcome> => this.reload(name);
    const debounce = options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {};
    const stops: (() => Promise<void>)[] = [];
    const watchFolders = async (plugins: readonly PluginInfo[]): Promise<void> => {
      stops.push(await watchPluginFolders({ plugins: plugins.map((p) => ({ name: p.name, dir: p.dir })), reload, logger: this.logger, ...debounce }));
    };
    await watchFolders(this.list());
    const stopAdded = this.onPluginAdded((info) => void watchFolders([info]).catch((error: unknown) => this.logger.warn({ err: error, plugin: info.name }, 'watching a new plugin folder failed')));
    stops.push(await watchNewPluginFolders({ roots: this.#roots.map((r) => r.dir), loadNew: () => this.loadNew(), logger: this.logger, ...debounce }));
    return async () => {
      stopAdded();
      await Promise.all(stops.map((stop) => stop()));
    };
  }

  /**
   * Unloads a plugin whose folder is gone: its running dependents are stopped, then it, its lazy declarations are
   * withdrawn and its record dropped; then the roots are searched again, so a plugin of the same name that it
   * shadowed takes its place.
   */
  async #unload(record: PluginRecord): Promise<ReloadOutcome> {
    const name = record.name;
    const stopped: string[] = [];
    for (const dependent of this.#dependentsOf(name)) {
      const running = this.#require(dependent);
      if (running.state !== 'active' && running.starting === undefined) continue;
      await this.#stopPlugin(running, 'stopped');
      stopped.push(dependent);
    }
    await this.#stopPlugin(record, 'stopped');
    record.undeclare?.();
    record.undeclare = undefined;
    this.#records.delete(name);
    this.#levels = this.#levels.map((level) => level.filter((n) => n !== name)).filter((level) => level.length > 0);
    const version = record.manifest?.version ?? '';
    const also = stopped.length > 0 ? `; its dependents ${stopped.join(', ')} are stopped` : '';
    this.logger.info({ plugin: name }, `plugin '${name}' unloaded: its folder ${record.dir} is gone${also}`);
    if (this.#api !== undefined) await this.loadNew();
    return { status: 'removed', plugin: name, version, stopped };
  }

  /** Applies new effective settings to a running plugin's `context.config`; returns the old ones. */
  updateSettings(name: string, values: Readonly<Record<string, JsonValue>>): Readonly<Record<string, JsonValue>> | undefined {
    return this.#settings.get(name)?.replace(values);
  }

  /** A plugin's validated manifest, or undefined (unknown or broken plugin). */
  manifestOf(name: string): PluginManifest | undefined {
    return this.#records.get(name)?.manifest;
  }

  /** The compiled settings schema of a plugin (from its manifest's `configuration`). */
  settingsSchemaOf(name: string): SettingsSchema {
    const record = this.#require(name);
    const manifest = record.manifest;
    if (manifest === undefined) throw new PluginStateError(name, record.state, 'configure');
    return SettingsSchema.for(name, manifest.version, manifest.configuration);
  }

  /**
   * Watches the configuration files: a running plugin whose settings change gets the new values in
   * `context.config` and a `config:changed` event (keys, old and new values, secrets redacted) — or, when its
   * manifest says `reload.onConfigChange: "restart"`, is restarted. Returns the stop function.
   */
  async watchConfig(options: { readonly debounceMs?: number } = {}): Promise<() => Promise<void>> {
    const watcher = new ConfigWatcher(this.config, {
      schemaOf: (plugin) => (this.#records.get(plugin)?.manifest !== undefined ? this.settingsSchemaOf(plugin) : undefined),
      onWarning: (warning) => this.logger.warn(warning.message),
      ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    });
    // Changes are applied one after another, in the order they were noticed (a grant then a revoke stay in order).
    const apply = (work: () => Promise<void>): void => {
      this.#applying = this.#applying.then(work).catch((error: unknown) => this.logger.error({ err: error }, 'applying a configuration change failed'));
    };
    watcher.onPluginSettingsChanged((plugin, oldValues, newValues) => apply(() => this.#applySettings(plugin, oldValues, newValues)));
    const stopState = this.config.onDidChange((previous, current) => apply(() => this.#applyPluginState(previous.effective, current.effective)));
    await watcher.start();
    return async () => {
      stopState();
      await watcher.close();
    };
  }

  /** Grants and enabled state changed in the configuration: revoke at once (restart without), enable, disable. */
  async #applyPluginState(before: HostConfig, after: HostConfig): Promise<void> {
    // An update or rollback saves new grants bound to the version it put in force: identities follow the lock file.
    const lock = this.#readLock([]);
    for (const record of this.#records.values()) {
      const identity = identityFor(record.dir, record.root, lock);
      if (identity !== undefined) record.identity = identity;
    }
    for (const record of [...this.#records.values()]) {
      const name = record.name;
      // Unloaded meanwhile (its folder removed): nothing to apply.
      if (this.#records.get(name) !== record) continue;
      const was = before.plugins?.[name];
      const now = after.plugins?.[name];
      try {
        if (was?.enabled !== false && now?.enabled === false && record.state !== 'disabled') await this.disable(name);
        else if (was?.enabled === false && now?.enabled !== false && record.state === 'disabled') await this.enable(name);
        else if (JSON.stringify(was?.grants) !== JSON.stringify(now?.grants)) await this.#regrant(record, after);
      } catch (error) {
        this.logger.error({ err: error, plugin: name }, `applying the new configuration to plugin '${name}' failed`);
      }
    }
  }

  /** The plugin's grants changed: a plugin now missing a permission stops and waits for approval; else restarts. */
  async #regrant(record: PluginRecord, config: HostConfig): Promise<void> {
    if (record.manifest === undefined) return;
    if (record.pendingReload !== undefined && record.state === 'active') return void (await this.reload(record.name));
    const missing = missingGrants(config, record.name, record.root, record.manifest, record.identity);
    record.missingGrants = missing;
    const wasRunning = record.state === 'active';
    if (missing.length > 0) {
      await this.#stopPlugin(record, 'stopped');
      this.#transition(record, 'needs-approval');
      this.logger.warn({ plugin: record.name }, `plugin '${record.name}' stopped: a permission it requests was revoked`);
      return;
    }
    if (record.state === 'needs-approval') this.#transition(record, 'resolved');
    if (wasRunning) await this.restart(record.name);
    else await this.#startIfWanted(record.name);
  }

  async #applySettings(
    plugin: string,
    oldValues: Readonly<Record<string, JsonValue>>,
    newValues: Readonly<Record<string, JsonValue>>,
  ): Promise<void> {
    const record = this.#records.get(plugin);
    if (record?.manifest === undefined || record.state !== 'active') return;
    if (record.manifest.reload.onConfigChange === 'restart') {
      this.logger.info({ plugin }, `restarting plugin '${plugin}' for its new settings`);
      await this.restart(plugin).catch((error: unknown) => this.logger.error({ err: error, plugin }, `restarting plugin '${plugin}' failed`));
      return;
    }
    this.updateSettings(plugin, newValues);
    record.instance?.updateConfig?.(newValues);
    const keys = [...new Set([...Object.keys(oldValues), ...Object.keys(newValues)])].filter(
      (k) => JSON.stringify(oldValues[k]) !== JSON.stringify(newValues[k]),
    );
    const schema = this.settingsSchemaOf(plugin);
    const pick = (values: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> =>
      redact(Object.fromEntries(keys.filter((k) => Object.hasOwn(values, k)).map((k) => [k, values[k] as JsonValue])), schema);
    this.api.events.emitHost('config:changed', { plugin, keys, old: pick(oldValues), new: pick(newValues) });
  }

  /**
   * The default runner: plugins the user marked trusted run in-process (the trusted tier); every other plugin runs
   * in its own sandboxed child process (the process tier), supervised (crash → restart with backoff → crashed-loop).
   * Overridable with `runnerFor`.
   */
  defaultRunnerFor(record: PluginRecord): PluginRunner {
    if (record.manifest?.type === 'mcp') {
      const mode = this.#options.sandboxMode ?? defaultSandboxMode();
      return new McpPluginRunner(record.manifest, {
        tier: `mcp server, process (${mode === 'bwrap' ? 'bubblewrap' : 'no bubblewrap'})`,
        env: (plugin) => this.#hostEnvFor(plugin),
        ...(this.#options.workspace !== undefined ? { workspace: this.#options.workspace } : {}),
        launcherFor: (plugin, context) =>
          sandboxedMcpLauncher({
            grants: effectiveGrants(this.config.read(), plugin.name, record.root, record.manifest, record.identity),
            pluginDir: plugin.dir,
            dataDir: context.dataDir,
            mode,
            extraEnv: this.#hostEnvFor(plugin.name),
            audit: (decision) => this.audit.record(decision),
            berthFolders: this.#berthFolders(),
            ...(this.#options.requireNetworkEnforcement !== undefined ? { requireNetworkEnforcement: this.#options.requireNetworkEnforcement } : {}),
            ...(this.#options.workspace !== undefined ? { workspace: this.#options.workspace } : {}),
          }),
      });
    }
    if (this.config.read().plugins?.[record.name]?.trusted === true) return this.#inProcess;
    this.#sandboxed ??= new Supervisor(
      new ProcessRunner({
        grants: (plugin) => {
          const r = this.#records.get(plugin);
          return r === undefined ? [] : effectiveGrants(this.config.read(), plugin, r.root, r.manifest, r.identity);
        },
        audit: (decision) => this.audit.record(decision),
        extraEnv: (plugin) => this.#hostEnvFor(plugin),
        maxConcurrentCallsOf: (plugin) => this.config.read().plugins?.[plugin]?.maxConcurrentCalls,
        berthFolders: this.#berthFolders(),
        stallMs: 5_000,
        ...(this.#options.workspace !== undefined ? { workspace: this.#options.workspace } : {}),
        ...(this.#options.sandboxMode !== undefined ? { mode: this.#options.sandboxMode } : {}),
        ...(this.#options.requireNetworkEnforcement !== undefined ? { requireNetworkEnforcement: this.#options.requireNetworkEnforcement } : {}),
      }),
      { onEvent: (event) => this.logger.warn({ plugin: event.plugin, event: event.type }, `plugin '${event.plugin}': ${event.type}`) },
    );
    return this.#sandboxed;
  }

  /** The folders of this host's configuration and data, and the user's default ones: no plugin may reach them. */
  #berthFolders(): string[] {
    return [...new Set([...berthFolders(this.config.paths), ...berthFolders()])];
  }

  #defaultRoots(configDirs: readonly string[]): DiscoveryRoot[] {
    return hostRoots(this.#options, this.config, configDirs, (message) => this.logger.warn(message));
  }


  #gate(): GrantGate {
    return new GrantGate({
      grants: (plugin) => {
        const record = this.#records.get(plugin);
        return record === undefined ? [] : effectiveGrants(this.config.read(), plugin, record.root, record.manifest, record.identity);
      },
      vars: (plugin) => {
        const record = this.#records.get(plugin);
        return scopeVarsFor(record?.dir ?? '/nonexistent', this.config.pluginDataDir(plugin), this.#options.workspace);
      },
      audit: (decision) => this.audit.record(decision),
    });
  }

  /** Lazy plugins' declared tools are listed at once and start the plugin on first call. */
  #declareLazy(record: PluginRecord): void {
    const manifest = record.manifest;
    if (manifest === undefined || manifest.activation !== 'lazy' || record.state !== 'resolved') return;
    const removals = (manifest.contributes?.tools ?? []).map((tool) =>
      this.api.tools.declare(
        record.name,
        { name: tool.name, description: tool.description, inputSchema: { type: 'object' } },
        () => this.activate(record.name),
      ),
    );
    record.undeclare = () => removals.forEach((remove) => remove());
  }

  async #startIfWanted(name: string, explicit = false): Promise<void> {
    const record = this.#require(name);
    if (record.state !== 'resolved' && !(explicit && ['stopped', 'failed'].includes(record.state))) return;
    if (record.manifest?.activation === 'lazy' && !explicit) return;
    await this.#startPlugin(record);
  }

  #startPlugin(record: PluginRecord): Promise<void> {
    record.starting ??= this.#doStart(record).finally(() => {
      record.starting = undefined;
    });
    return record.starting;
  }

  async #doStart(record: PluginRecord): Promise<void> {
    const manifest = record.manifest;
    if (manifest === undefined) return;
    const dependencyProblem = await this.#dependenciesReady(record);
    if (dependencyProblem !== undefined) return this.#fail(record, dependencyProblem);
    this.#transition(record, 'loading');
    let holder: PluginSettingsHolder;
    try {
      const schema = SettingsSchema.for(record.name, manifest.version, manifest.configuration);
      holder = new PluginSettingsHolder(this.config.getPluginSettings(record.name, schema));
    } catch (error) {
      return this.#fail(record, asBerthError(record.name, error));
    }
    const dataDir = this.config.pluginDataDir(record.name);
    try {
      // An installed plugin starts only as it was installed: every file is checked against its lock file entry.
      const installed = record.root === 'core' ? undefined : lockEntryFor(this.#lock, record.dir);
      if (installed !== undefined) await verifyInstall(installed, lockFilePath(this.config.paths));
      // Grants saved without an identity apply to the first install that loads with them, and from then on to it only.
      if (record.identity !== undefined) await this.config.bindIdentity(record.name, record.identity);
      await mkdir(dataDir, { recursive: true });
      await this.#grantDockerAccess(record, dataDir, holder);
    } catch (error) {
      return this.#fail(record, asBerthError(record.name, error));
    }
    const handle = generationContext(createPluginContext({
      api: this.api,
      plugin: { name: record.name, version: manifest.version, dir: record.dir },
      dependencies: Object.keys(manifest.dependencies),
      config: holder.view(),
      dataDir,
    }));
    const runner = this.#options.runnerFor?.(record) ?? this.defaultRunnerFor(record);
    const timeoutMs = manifest.limits?.initializeTimeoutMs ?? this.#options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
    try {
      const runnable = { name: record.name, version: manifest.version, dir: record.dir, main: record.mainPath ?? '' };
      const instance = await withTimeout(
        runner.start(runnable, handle.context),
        timeoutMs,
        () => new InitializeTimeoutError(record.name, timeoutMs),
        (late) => void late.stop(),
      );
      record.undeclare?.();
      record.undeclare = undefined;
      Object.assign(record, { instance, handle, tier: runner.tier });
      this.#adopt(record, instance, holder);
      this.#transition(record, 'active');
    } catch (error) {
      handle.dispose();
      await this.#revokeDockerAccess(record.name);
      this.#fail(record, asInitializeError(record.name, error));
    }
  }

  /**
   * A plugin granted `docker.access` gets its own Docker policy socket (never the host's): its `docker_socket`
   * setting points there, and its process may connect to that socket only. One socket per plugin, kept across
   * restarts and reloads, closed when the plugin stops.
   */
  async #grantDockerAccess(record: PluginRecord, dataDir: string, holder: PluginSettingsHolder): Promise<void> {
    const grants = effectiveGrants(this.config.read(), record.name, record.root, record.manifest, record.identity);
    if (!grants.some((g) => g.permission === 'docker.access')) return;
    let access = this.#docker.get(record.name);
    if (access === undefined) {
      access = await startDockerAccess(record.name, dataDir, holder.view().all(), this.audit);
      this.#docker.set(record.name, access);
      for (const engine of access.engines.filter((e) => e.problem !== undefined)) {
        this.logger.warn({ plugin: record.name, engine: engine.engine }, `plugin '${record.name}': Docker engine ${engine.engine} does not answer yet: ${engine.problem ?? ''}`);
      }
      for (const engine of access.engines.filter((e) => e.warning !== undefined)) {
        this.logger.warn({ plugin: record.name, engine: engine.engine }, `plugin '${record.name}': Docker engine ${engine.warning ?? ''}`);
      }
    }
    holder.replace(access.override(holder.view().all()));
  }

  async #revokeDockerAccess(name: string): Promise<void> {
    const access = this.#docker.get(name);
    this.#docker.delete(name);
    await access?.close().catch((error: unknown) => this.logger.warn({ err: error, plugin: name }, 'closing the Docker policy socket failed'));
  }

  /**
   * The Docker engines a running plugin granted `docker.access` reaches through its policy sockets (the default
   * first), or `undefined` when it has none open.
   */
  dockerEngines(name: string): readonly PluginEngine[] | undefined {
    return this.#docker.get(name)?.engines;
  }

  /** Variables the host sets for a plugin's process (its Docker policy socket). */
  #hostEnvFor(name: string): Readonly<Record<string, string>> {
    return this.#docker.get(name)?.env ?? {};
  }

  /** Makes `instance` the record's running one: its settings holder, and its crash reported while it is current. */
  #adopt(record: PluginRecord, instance: PluginInstance, holder: PluginSettingsHolder): void {
    this.#settings.set(record.name, holder);
    instance.onExit((reason) => record.instance === instance && this.#exited(record, reason));
  }

  /** What `reload/` may do to the records (see `ReloadPort`). */
  #reloadPort(): ReloadPort {
    return {
      api: this.api,
      logger: this.logger,
      store: this.config,
      config: () => this.config.read(),
      record: (name) => this.#records.get(name),
      loadOrder: () => this.#levels.flat(),
      runnerFor: (record) => this.#options.runnerFor?.(record) ?? this.defaultRunnerFor(record),
      initializeTimeoutMs: (manifest) => manifest.limits?.initializeTimeoutMs ?? this.#options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS,
      adopt: (record, instance, holder) => this.#adopt(record, instance, holder),
      transition: (record, to, reason) => this.#transition(record, to, reason),
      activate: (name) => this.#startIfWanted(name, true),
      restart: (name) => this.restart(name),
      redeclare: (record) => {
        record.undeclare?.();
        record.undeclare = undefined;
        this.#declareLazy(record);
      },
    };
  }

  /** Starts lazy dependencies; returns the error when a dependency cannot be active. */
  async #dependenciesReady(record: PluginRecord): Promise<BerthError | undefined> {
    for (const dependency of Object.keys(record.manifest?.dependencies ?? {})) {
      const dep = this.#records.get(dependency);
      if (dep === undefined) return new PluginNotFoundError(dependency);
      if (dep.state === 'resolved' || dep.starting !== undefined) await this.#startPlugin(dep);
      if (dep.state !== 'active') {
        return new DependencyFailedError(record.name, dependency, dep.reason ?? new PluginStateError(dependency, dep.state, 'use'));
      }
    }
    return undefined;
  }

  async #stopPlugin(record: PluginRecord, to: 'stopped' | 'disabled'): Promise<void> {
    if (record.starting !== undefined) await record.starting.catch(() => undefined);
    if (record.state !== 'active') return;
    this.#transition(record, 'disposing');
    const { instance, handle } = record;
    record.instance = undefined;
    record.handle = undefined;
    this.#settings.delete(record.name);
    try {
      await instance?.stop();
    } catch (error) {
      this.logger.error({ err: error, plugin: record.name }, `stopping plugin '${record.name}' failed; its registrations are removed anyway`);
    } finally {
      handle?.dispose();
      await this.#revokeDockerAccess(record.name);
      this.#transition(record, to);
    }
  }

  #exited(record: PluginRecord, reason: Error): void {
    if (record.state !== 'active') return;
    record.handle?.dispose();
    record.instance = undefined;
    record.handle = undefined;
    const error = asBerthError(record.name, reason);
    const to: PluginState = error.code === ErrorCodes.PLUGIN_CRASH_LOOP ? 'crashed-loop' : 'failed';
    void this.#revokeDockerAccess(record.name).catch(() => undefined);
    this.#transition(record, to, error);
  }

  #fail(record: PluginRecord, reason: BerthError): void {
    this.logger.error({ plugin: record.name, code: reason.code }, reason.message);
    this.#transition(record, 'failed', reason);
  }

  #transition(record: PluginRecord, to: PluginState, reason?: BerthError): void {
    const from = record.state;
    if (!canTransition(from, to)) {
      this.logger.warn({ plugin: record.name, from, to }, `unexpected state change of plugin '${record.name}'`);
    }
    record.state = to;
    record.reason = reason ?? (to === 'failed' || to === 'crashed-loop' ? record.reason : undefined);
    const change: PluginTransition = { plugin: record.name, from, to, ...(reason !== undefined ? { reason } : {}) };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error }, 'a plugin state listener failed');
      }
    }
    const payload = { plugin: record.name, from, to, ...(reason !== undefined ? { reason: reason.message } : {}) };
    this.#api?.events.emitHost('plugin:stateChanged', payload);
    void this.#api?.hooks.notify('plugin:stateChanged', payload).catch((error: unknown) => this.logger.warn({ err: error }, 'a plugin:stateChanged hook failed'));
  }

  #dependentsOf(name: string): string[] {
    return [...this.#records.values()]
      .filter((r) => r.manifest !== undefined && Object.hasOwn(r.manifest.dependencies, name))
      .map((r) => r.name);
  }

  #require(name: string): PluginRecord {
    const record = this.#records.get(name);
    if (record === undefined) throw new PluginNotFoundError(name, [...this.#records.keys()]);
    return record;
  }
}

/** True when the plugin's folder no longer holds its manifest (the folder was deleted or uninstalled). */
function folderIsGone(record: PluginRecord): boolean {
  return !existsSync(path.join(record.dir, MANIFEST_FILE));
}

function asBerthError(plugin: string, error: unknown): BerthError {
  return error instanceof BerthError ? error : new InitializeFailedError(plugin, error);
}

function asInitializeError(plugin: string, error: unknown): BerthError {
  if (error instanceof BerthError && (error.code === ErrorCodes.INITIALIZE_TIMEOUT || error.code === ErrorCodes.INITIALIZE_FAILED)) {
    return error;
  }
  return new InitializeFailedError(plugin, error);
}
