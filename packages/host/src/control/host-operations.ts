import { BerthError, PluginNotFoundError, ReloadFailedError, ReloadNoServerError, ServerNotRunningError, type JsonObject, type ToolResult } from '@berth/sdk';
import type { PluginHost } from '../lifecycle/plugin-host.js';
import type { PluginInfo } from '../lifecycle/plugin-record.js';
import type { AuditRecord } from '../permissions/audit-log.js';
import { serializeOutcome, type SerializedReloadOutcome } from '../reload/reload-outcome.js';
import { subscribeHostEvents } from './host-events.js';
import { permissionsOf, saveGrant, saveRevoke } from './permission-ops.js';
import { declaredSetting, saveSetting, settingView, settingViews } from './setting-ops.js';
import { manifestTools, registryTools } from './tool-listing.js';
import type {
  AuditQuery,
  ControlEvent,
  ControlMode,
  ControlOperations,
  GrantRequest,
  LogQuery,
  PermissionsView,
  PluginDetails,
  PluginLogLine,
  RevokeRequest,
  SettingInput,
  SettingView,
  ToolListing,
  Unsubscribe,
} from './types.js';

/** Options of {@link HostOperations}. */
export interface HostOperationsOptions {
  /** Where a server's control socket would be, named by the errors of operations that need one (files mode). */
  readonly socket?: string;
}

/**
 * {@link ControlOperations} on a {@link PluginHost} in this process. On a host that started its plugins
 * (`live`: what `berth serve` and the console use) changes take effect at once — enable starts, disable stops, a
 * revoke stops a plugin now missing a permission, a new setting reaches the running plugin — once the host watches
 * its configuration (`watchConfig`, on in `berth serve`). On a host only resolved (`start({ activate: false })`:
 * `files`) everything answers from manifests and configuration and nothing starts, except `callTool`, which starts
 * the tool's plugin (and its dependencies) alone.
 */
export class HostOperations implements ControlOperations {
  readonly #host: PluginHost;
  readonly #socket: string;

  /**
   * @param host - a started host (`start()` or `start({ activate: false })`)
   * @param options - the socket named by errors
   */
  constructor(host: PluginHost, options: HostOperationsOptions = {}) {
    this.#host = host;
    this.#socket = options.socket ?? '(none)';
  }

  /** `live` when the host started its plugins, else `files`. */
  get mode(): ControlMode {
    return this.#host.activated ? 'live' : 'files';
  }

  /** {@inheritDoc ControlOperations.listPlugins} */
  async listPlugins(): Promise<PluginInfo[]> {
    return this.#host.list();
  }

  /** {@inheritDoc ControlOperations.inspectPlugin} */
  async inspectPlugin(name: string): Promise<PluginDetails> {
    const info = this.#info(name);
    const manifest = this.#host.manifestOf(name);
    const registered = this.#host.api.tools.list().filter((t) => t.plugin === name).map((t) => t.id);
    const declared = (manifest?.contributes?.tools ?? []).map((t) => `${name}/${t.name}`);
    const { requested, granted } = permissionsOf(this.#host, name);
    const record = this.#host.list().find((p) => p.name === name);
    return {
      ...info,
      ...(manifest?.description !== undefined ? { description: manifest.description } : {}),
      manifestFile: record !== undefined ? `${record.dir}/plugin.json` : '',
      tools: registered.length > 0 ? registered : declared,
      requested,
      granted,
    };
  }

  /** {@inheritDoc ControlOperations.enablePlugin} */
  async enablePlugin(name: string): Promise<PluginInfo> {
    this.#info(name);
    if (this.mode === 'live') return this.#host.enable(name);
    await this.#host.config.setEnabled(name, true);
    return this.#info(name);
  }

  /** {@inheritDoc ControlOperations.disablePlugin} */
  async disablePlugin(name: string): Promise<PluginInfo> {
    this.#info(name);
    if (this.mode === 'live') return this.#host.disable(name);
    await this.#host.config.setEnabled(name, false);
    return this.#info(name);
  }

  /** {@inheritDoc ControlOperations.reloadPlugin} */
  async reloadPlugin(name: string): Promise<SerializedReloadOutcome> {
    if (this.mode !== 'live') throw new ReloadNoServerError(name, this.#socket);
    if (this.#host.get(name) === undefined) {
      await this.#host.loadNew();
      const added = this.#host.get(name);
      if (added === undefined) throw new PluginNotFoundError(name, this.#host.list().map((p) => p.name));
      return { status: 'updated', plugin: name, version: added.version ?? '', state: added.state };
    }
    try {
      return serializeOutcome(await this.#host.reload(name));
    } catch (error) {
      if (error instanceof BerthError && error.code === 'BERTH_PLUGIN_NOT_FOUND') throw error;
      const failure = error instanceof BerthError ? error : new ReloadFailedError(name, undefined, 'its plugin.json', error);
      return { status: 'failed', plugin: name, error: failure.toJSON() };
    }
  }

  /** {@inheritDoc ControlOperations.loadNewPlugins} */
  async loadNewPlugins(): Promise<PluginInfo[]> {
    return this.#host.loadNew();
  }

  /** {@inheritDoc ControlOperations.listPermissions} */
  async listPermissions(plugin?: string): Promise<PermissionsView[]> {
    const names = plugin !== undefined ? [plugin] : this.#host.list().filter((p) => p.version !== undefined).map((p) => p.name);
    return names.map((name) => view(permissionsOf(this.#host, name)));
  }

  /** {@inheritDoc ControlOperations.grantPermission} */
  async grantPermission(plugin: string, request: GrantRequest): Promise<PermissionsView> {
    await saveGrant(this.#host, plugin, request);
    await this.#host.settled();
    return view(permissionsOf(this.#host, plugin));
  }

  /** {@inheritDoc ControlOperations.revokePermission} */
  async revokePermission(plugin: string, request: RevokeRequest): Promise<PermissionsView> {
    await saveRevoke(this.#host, plugin, request);
    await this.#host.settled();
    return view(permissionsOf(this.#host, plugin));
  }

  /** {@inheritDoc ControlOperations.listSettings} */
  async listSettings(plugin: string): Promise<SettingView[]> {
    this.#info(plugin);
    return settingViews(this.#host, plugin);
  }

  /** {@inheritDoc ControlOperations.getSetting} */
  async getSetting(plugin: string, key: string): Promise<SettingView> {
    this.#info(plugin);
    return settingView(this.#host, plugin, key, declaredSetting(this.#host, plugin, key));
  }

  /** {@inheritDoc ControlOperations.setSetting} */
  async setSetting(plugin: string, key: string, input: SettingInput): Promise<SettingView> {
    this.#info(plugin);
    declaredSetting(this.#host, plugin, key);
    const schema = await saveSetting(this.#host, plugin, key, input);
    await this.#host.settled();
    return settingView(this.#host, plugin, key, schema);
  }

  /** {@inheritDoc ControlOperations.unsetSetting} */
  async unsetSetting(plugin: string, key: string): Promise<SettingView> {
    this.#info(plugin);
    const schema = declaredSetting(this.#host, plugin, key);
    await this.#host.config.unsetSetting(plugin, key);
    await this.#host.settled();
    return settingView(this.#host, plugin, key, schema);
  }

  /** {@inheritDoc ControlOperations.listTools} */
  async listTools(): Promise<ToolListing> {
    return this.mode === 'live' ? registryTools(this.#host) : manifestTools(this.#host);
  }

  /** {@inheritDoc ControlOperations.callTool} */
  async callTool(id: string, args: JsonObject, options: { readonly timeoutMs?: number } = {}): Promise<ToolResult> {
    if (this.mode !== 'live' && this.#host.api.tools.get(id) === undefined) {
      // Nothing runs in files mode: start the tool's plugin (and its dependencies) alone.
      const plugin = id.includes('/') ? id.slice(0, id.indexOf('/')) : id;
      if (this.#host.get(plugin) !== undefined) await this.#host.activate(plugin);
    }
    return this.#host.api.tools.call(id, args, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
  }

  /** {@inheritDoc ControlOperations.queryAudit} */
  async queryAudit(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const records = this.#host.audit.read({
      ...(query.plugin !== undefined ? { plugin: query.plugin } : {}),
      ...(query.denied === true ? { allowed: false } : {}),
    });
    return records.slice(-(query.limit ?? 200));
  }

  /** {@inheritDoc ControlOperations.readLogs} */
  async readLogs(plugin: string, query: LogQuery = {}): Promise<PluginLogLine[]> {
    this.#info(plugin);
    return this.#host.logs.read(plugin, query);
  }

  /** {@inheritDoc ControlOperations.followLogs} */
  async followLogs(plugin: string, listener: (line: PluginLogLine) => void): Promise<Unsubscribe> {
    this.#info(plugin);
    if (this.mode !== 'live') throw new ServerNotRunningError(`follow the log of plugin '${plugin}'`, this.#socket);
    return this.#host.logs.follow(plugin, listener);
  }

  /** {@inheritDoc ControlOperations.subscribe} */
  async subscribe(listener: (event: ControlEvent) => void): Promise<Unsubscribe> {
    if (this.mode !== 'live') throw new ServerNotRunningError('follow the changes of a running host', this.#socket);
    return subscribeHostEvents(this.#host, listener);
  }

  #info(name: string): PluginInfo {
    const info = this.#host.get(name);
    if (info === undefined) throw new PluginNotFoundError(name, this.#host.list().map((p) => p.name));
    return info;
  }
}

function view(p: PermissionsView): PermissionsView {
  return { plugin: p.plugin, requested: p.requested, granted: p.granted, missing: p.missing, coreDefault: p.coreDefault };
}
